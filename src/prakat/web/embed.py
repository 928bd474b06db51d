"""For school websites and mirrors: the embed page, the CORS JSON list and the changes cursor.

Everything here reads published entries only (prakat.readmodel) and sets no cookie: these paths are
left out of the CSRF middleware (app.py) and no session middleware runs on them. The embed is one
self-contained HTML page (inline CSS, no script) whose only other request is a Thai-and-Latin
subset of Sarabun served from this app (same origin as the embed, never a third party).

Bad input is refused before the database is asked: the query string is read by prakat.web.query
(the rules of every public route), a count, cursor or limit out of range is Refused. prakat.app
answers the embed with :func:`error_page` (a small Thai page that fits the iframe) and the JSON
endpoints with :func:`json_error` (a Thai JSON body, open to other sites); never a 500.
"""

from __future__ import annotations

import gzip
import hashlib
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any, Final
from urllib.parse import urlencode

import msgspec
from litestar import Controller, HttpMethod, MediaType, Request, Response, route
from litestar.params import FromPath

from prakat import clock, readmodel, urls, webfont
from prakat.errors import Refused
from prakat.readmodel import GROUP_LABELS, GROUPS, Filters, PublicEntry
from prakat.rules import AnnouncementKind
from prakat.schools.schemas import School
from prakat.schools.service import get_school_by_slug
from prakat.settings import Settings
from prakat.thai import be_year, format_baht, thai_month_name
from prakat.web import query
from prakat.web.query import Query
from prakat.web.routing import MAX_ID, readable

# The embed's one font file (prakat.webfont: a Thai and Latin subset of Sarabun).
EMBED_FONT: Final = urls.EMBED_FONT.url()
UNICODE_RANGE: Final = webfont.UNICODE_RANGE

COUNT_DEFAULT: Final = 10  # items in the embed and the JSON list
COUNT_MAX: Final = 50
LIMIT_DEFAULT: Final = 100  # entries per page of the changes cursor; at most readmodel.PAGE_LIMIT
COMPRESS_FROM: Final = 1024  # bytes; smaller bodies go as they are
ORDERS: Final = ("oldest", "newest")
# The JSON endpoints answer the CORS preflight themselves (a route that declares OPTIONS gets no
# default OPTIONS handler from Litestar).
WITH_PREFLIGHT: Final = [HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS]

EMBED_CACHE: Final = "public, max-age=300"
JSON_CACHE: Final = "public, max-age=60"
CHANGES_CACHE: Final = "public, no-cache"  # revalidate every poll: a 304 costs nothing
FONT_CACHE: Final = "public, max-age=604800"
CORS: Final[Mapping[str, str]] = {
    "Access-Control-Allow-Origin": "*",  # public data, never credentials
    "Access-Control-Expose-Headers": "ETag",
}
PREFLIGHT: Final[Mapping[str, str]] = {
    **CORS,
    "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
    "Access-Control-Allow-Headers": "Accept, Cache-Control, If-None-Match, If-Modified-Since",
    "Access-Control-Max-Age": "86400",
}

ABOUT_OLDEST: Final = (
    "รายการที่เผยแพร่ เรียงจากเก่าไปใหม่ตามลำดับการเผยแพร่ (sequence) ซึ่งต่อเนื่องไม่มีช่องว่างและไม่ซ้ำ "
    "เก็บค่า next_after (ลำดับสุดท้ายที่ได้รับแล้ว) ไว้ แล้วเรียกลิงก์ next เพื่อรับรายการถัดไป "
    "หน้าที่ไม่มีรายการหมายถึงยังไม่มีประกาศใหม่ ค่า next_after คงเดิม ให้เรียกลิงก์ next อีกครั้งภายหลัง "
    "ผู้ที่ติดตามด้วยวิธีนี้จะได้ทุกรายการครบ ไม่ขาดและไม่ซ้ำ แม้มีการเผยแพร่ระหว่างที่เรียก"
)
ABOUT_OLDEST_EN: Final = (
    "Published entries, oldest first by the school's gap-free publication sequence. Keep next_after "
    "(the last sequence you have seen) and GET next for the following page. An empty page keeps the "
    "cursor: poll next again later. Sequences commit in order, so a follower never misses or repeats "
    "an entry, even while others publish."
)
ABOUT_NEWEST: Final = (
    "รายการที่เผยแพร่ เรียงจากใหม่ไปเก่าตามลำดับการเผยแพร่ (sequence) เรียกลิงก์ next (before = ลำดับสุดท้ายในหน้านี้) "
    "เพื่อรับหน้าที่เก่ากว่า next เป็น null เมื่อถึงรายการแรกสุดแล้ว "
    "หากต้องการติดตามรายการใหม่ ให้ใช้แบบเรียงจากเก่าไปใหม่ (after)"
)
ABOUT_NEWEST_EN: Final = (
    "Published entries, newest first by publication sequence. GET next (before = the last sequence on "
    "this page) for older entries; next is null once the first entry has been reached. To follow new "
    "entries, page oldest first with after."
)


# ---------------------------------------------------------------------------- public JSON shapes


class SchoolRef(msgspec.Struct, frozen=True, kw_only=True):
    slug: str
    name: str
    url: str  # the school's announcement list


class JsonEntry(msgspec.Struct, frozen=True, kw_only=True):
    """One published announcement. Amounts are exact decimal strings ("11990.50"); times carry
    their offset (Asia/Bangkok)."""

    id: int
    sequence: int
    number: str
    kind: str
    kind_label: str
    group: str
    egp_code: str | None
    subject: str
    summary: str
    year_be: int
    announced_on: date
    published_at: datetime
    method: str | None
    budget_source: str | None
    budget: str | None
    agreed_price: str | None
    winner: str | None
    url: str
    pdf_url: str | None
    pdf_size: int | None
    supersedes: str | None  # the page of the announcement this one changes or cancels


class EntriesJson(msgspec.Struct, frozen=True, kw_only=True):
    school: SchoolRef
    page: str  # the same list as a web page
    changes: str  # the cursor for systems that mirror every entry
    count: int
    entries: list[JsonEntry]


class ChangesJson(msgspec.Struct, frozen=True, kw_only=True):
    school: SchoolRef
    order: str  # "oldest" or "newest"
    limit: int
    after: int | None
    before: int | None
    count: int
    entries: list[JsonEntry]
    next: str | None  # the full URL of the next page
    next_after: int | None  # oldest first: the last sequence seen, to poll again with
    next_before: int | None  # newest first: the cursor of the older page, None at the end
    about: str
    about_en: str


# ---------------------------------------------------------------------------- reading requests


def count_of(q: Query) -> int:
    n = q.whole("n", 1, COUNT_MAX, COUNT_DEFAULT, "จำนวนรายการ")
    assert n is not None
    return n


# ---------------------------------------------------------------------------- what the pages show


def frame_ancestors(origins: str) -> str:
    """The CSP frame-ancestors value for a school's setting: any site when blank; otherwise its
    listed origins and Prakat itself (the admin's live preview)."""
    listed = origins.split()
    return " ".join(["'self'", *listed]) if listed else "*"


def embed_csp(origins: str) -> str:
    return (
        "default-src 'none'; style-src 'unsafe-inline'; font-src 'self'; img-src 'self'; "
        f"base-uri 'none'; form-action 'none'; frame-ancestors {frame_ancestors(origins)}"
    )


def heading(filters: Filters) -> str:
    kind = filters.kind
    if kind is None:
        return "ประกาศจัดซื้อจัดจ้าง"
    return GROUP_LABELS[kind] if kind in GROUPS else AnnouncementKind(kind).label


def short_date(day: date) -> str:
    """5 พ.ย. 2568: Arabic digits, Buddhist-era year in full."""
    return f"{day.day} {thai_month_name(day.month, abbreviated=True)} {be_year(day.year)}"


class Item(msgspec.Struct, frozen=True, kw_only=True):
    """One line of the embed or the HTML fragment."""

    url: str
    subject: str
    number: str
    kind_label: str
    date: str
    iso_date: str
    winner: str | None
    price: str | None
    budget: str | None


def item(base_url: str, e: PublicEntry) -> Item:
    return Item(
        url=urls.absolute(base_url, urls.announcement(e.school_slug, e.id)),
        subject=e.subject,
        number=e.number,
        kind_label=e.kind_label,
        date=short_date(e.announced_on),
        iso_date=e.announced_on.isoformat(),
        winner=e.winner,
        price=format_baht(e.agreed_price) if e.agreed_price is not None else None,
        budget=format_baht(e.budget) if e.budget is not None else None,
    )


async def latest(school: School, filters: Filters, n: int) -> list[PublicEntry]:
    return (await readmodel.entries(school.id, filters))[:n]


def list_context(
    settings: Settings, school: School, filters: Filters, found: Sequence[PublicEntry]
) -> dict[str, Any]:
    """What embed/embed.html and embed/fragment.html are rendered from."""
    return {
        "heading": heading(filters),
        "school_name": school.name,
        "items": [item(settings.base_url, e) for e in found],
        "all_url": urls.absolute(settings.base_url, urls.announcements(school.slug, filters.query())),
    }


def render(request: Request[Any, Any, Any], template: str, **context: Any) -> str:
    engine = request.app.template_engine
    assert engine is not None
    return str(engine.get_template(template).render(**context))


def settings_of(request: Request[Any, Any, Any]) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


# ---------------------------------------------------------------------------- responses


def _accepts_gzip(request: Request[Any, Any, Any]) -> bool:
    for part in request.headers.get("accept-encoding", "").lower().split(","):
        coding, _, params = part.strip().partition(";")
        if coding.strip() == "gzip":
            return params.replace(" ", "") not in ("q=0", "q=0.0", "q=0.00", "q=0.000")
    return False


def _none_match(request: Request[Any, Any, Any], tags: Sequence[str]) -> bool:
    header = request.headers.get("if-none-match")
    if header is None:
        return False
    given = {t.strip().removeprefix("W/") for t in header.split(",")}
    return "*" in given or any(t in given for t in tags)


def send(
    request: Request[Any, Any, Any],
    body: bytes,
    *,
    media_type: str,
    headers: Mapping[str, str],
    status: int = 200,
    compressible: bool = True,
) -> Response[bytes]:
    """The body with a strong ETag (its hash and that of the headers that shape how it is used),
    304 when the client already has it, gzip when the client takes it and it is worth it."""
    digest = hashlib.sha256(body)
    for name in sorted(headers):
        digest.update(f"\n{name}:{headers[name]}".encode())
    tag = digest.hexdigest()[:32]
    compress = compressible and len(body) >= COMPRESS_FROM and _accepts_gzip(request)
    etag = f'"{tag}-gz"' if compress else f'"{tag}"'
    out = {**headers, "ETag": etag, "Vary": "Accept-Encoding", "X-Content-Type-Options": "nosniff"}
    if status == 200 and _none_match(request, (f'"{tag}"', f'"{tag}-gz"')):
        return Response(b"", status_code=304, headers=out)
    if compress:
        body = gzip.compress(body, compresslevel=6, mtime=0)
        out["Content-Encoding"] = "gzip"
    return Response(body, status_code=status, media_type=media_type, headers=out)


def preflight() -> Response[bytes]:
    """The answer to a browser asking whether a script on another site may GET this."""
    return Response(b"", status_code=204, headers=dict(PREFLIGHT))


def json_error(status: int, title: str, detail: str) -> Response[bytes]:
    """The JSON endpoints' Thai error, open to other sites as their answers are (prakat.app)."""
    body = msgspec.json.encode({"error": title, "detail": detail})
    return Response(
        body,
        status_code=status,
        media_type=MediaType.JSON,
        headers={**CORS, "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff"},
    )


def error_page(request: Request[Any, Any, Any], status: int, title: str, message: str) -> Response[bytes]:
    """A small Thai error page that fits where the embed was meant to be (prakat.app)."""
    body = render(request, "embed/error.html", title=title, message=message).encode()
    return Response(
        body,
        status_code=status,
        media_type=MediaType.HTML,
        headers={
            "Content-Security-Policy": embed_csp(""),
            "Cache-Control": "no-store",
            "Referrer-Policy": "no-referrer",
            "X-Content-Type-Options": "nosniff",
        },
    )


def json_entry(base_url: str, e: PublicEntry) -> JsonEntry:
    def absolute(path: str) -> str:
        return urls.absolute(base_url, path)

    return JsonEntry(
        id=e.id,
        sequence=e.sequence,
        number=e.number,
        kind=e.kind,
        kind_label=e.kind_label,
        group=e.group,
        egp_code=e.egp_code,
        subject=e.subject,
        summary=e.summary,
        year_be=e.year_be,
        announced_on=e.announced_on,
        published_at=clock.to_bangkok(e.published_at),
        method=e.method,
        budget_source=e.budget_source,
        budget=str(e.budget) if e.budget is not None else None,
        agreed_price=str(e.agreed_price) if e.agreed_price is not None else None,
        winner=e.winner,
        url=absolute(urls.announcement(e.school_slug, e.id)),
        pdf_url=absolute(urls.announcement_pdf(e.school_slug, e.id)) if e.pdf_sha256 else None,
        pdf_size=e.pdf_size,
        supersedes=absolute(urls.announcement(e.school_slug, e.supersedes_id)) if e.supersedes_id else None,
    )


def school_ref(base_url: str, school: School) -> SchoolRef:
    return SchoolRef(
        slug=school.slug, name=school.name, url=urls.absolute(base_url, urls.announcements(school.slug))
    )


# ---------------------------------------------------------------------------- routes


class EmbedController(Controller):
    include_in_schema = False
    guards = (query.read_query,)

    @readable(urls.EMBED.path, name="embed")
    async def embed(self, request: Request[Any, Any, Any], slug: FromPath[str]) -> Response[bytes]:
        """The latest announcements of a school for an iframe: ?kind=&n= and the list page's filters."""
        q = query.of(request)
        n, filters = count_of(q), q.filters
        school = await get_school_by_slug(slug)
        settings = settings_of(request)
        context = list_context(settings, school, filters, await latest(school, filters, n))
        body = render(
            request, "embed/embed.html", font_url=EMBED_FONT, unicode_range=UNICODE_RANGE, **context
        )
        headers = {
            "Content-Security-Policy": embed_csp(school.embed_origins),
            "Referrer-Policy": "no-referrer",
            "Cross-Origin-Resource-Policy": "cross-origin",
            "X-Robots-Tag": "noindex",
            "Cache-Control": EMBED_CACHE,
        }
        return send(request, body.encode(), media_type=MediaType.HTML, headers=headers)

    @readable(urls.EMBED_FONT.path, name="embed_font")
    async def font(self, request: Request[Any, Any, Any]) -> Response[bytes]:
        headers = {"Cache-Control": FONT_CACHE, "Access-Control-Allow-Origin": "*"}
        # WOFF2 is compressed already (Brotli): gzip would only make it bigger.
        return send(
            request, await webfont.woff2(), media_type="font/woff2", headers=headers, compressible=False
        )

    @route(urls.ANNOUNCEMENTS_JSON.path, http_method=WITH_PREFLIGHT, name="announcements_json")
    async def announcements_json(
        self, request: Request[Any, Any, Any], slug: FromPath[str]
    ) -> Response[bytes]:
        """The latest entries for sites that render their own list: ?n= and the list page's filters."""
        if request.method == HttpMethod.OPTIONS:
            return preflight()
        q = query.of(request)
        n, filters = count_of(q), q.filters
        school = await get_school_by_slug(slug)
        base = settings_of(request).base_url
        found = await latest(school, filters, n)
        body = EntriesJson(
            school=school_ref(base, school),
            page=urls.absolute(base, urls.announcements(school.slug, filters.query())),
            changes=urls.absolute(base, urls.changes_json(school.slug)),
            count=len(found),
            entries=[json_entry(base, e) for e in found],
        )
        headers = {**CORS, "Cache-Control": JSON_CACHE}
        return send(request, msgspec.json.encode(body), media_type=MediaType.JSON, headers=headers)

    @route(urls.CHANGES_JSON.path, http_method=WITH_PREFLIGHT, name="changes_json")
    async def changes_json(self, request: Request[Any, Any, Any], slug: FromPath[str]) -> Response[bytes]:
        """Keyset pages over the publication sequence: ?after=<seq> oldest first (the default), or
        ?order=newest&before=<seq>; &limit= up to readmodel.PAGE_LIMIT."""
        if request.method == HttpMethod.OPTIONS:
            return preflight()
        q = query.of(request)
        order = q.get("order") or "oldest"
        if order not in ORDERS:
            raise Refused("ลำดับ (order) ต้องเป็น oldest หรือ newest")
        after = q.whole("after", 0, MAX_ID, None, "ลำดับที่ได้รับล่าสุด")
        before = q.whole("before", 0, MAX_ID, None, "ลำดับที่ต้องการก่อนหน้า")
        limit = q.whole("limit", 1, readmodel.PAGE_LIMIT, LIMIT_DEFAULT, "จำนวนต่อหน้า")
        assert limit is not None
        if order == "oldest" and before is not None:
            raise Refused("before ใช้กับ order=newest เท่านั้น เมื่อเรียงจากเก่าไปใหม่ให้ใช้ after")
        if order == "newest" and after is not None:
            raise Refused("after ใช้กับการเรียงจากเก่าไปใหม่เท่านั้น เมื่อใช้ order=newest ให้ใช้ before")
        school = await get_school_by_slug(slug)
        base = settings_of(request).base_url
        newest = order == "newest"
        page = await readmodel.changes(
            school.id, after=after, before=before, limit=limit, newest_first=newest
        )
        extra = {} if limit == LIMIT_DEFAULT else {"limit": limit}
        next_after: int | None = None
        next_url: str | None = None
        if newest:
            if page.next_before is not None:
                more = urlencode({"order": "newest", "before": page.next_before, **extra})
                next_url = urls.absolute(base, urls.changes_json(school.slug, more))
        else:
            next_after = page.next_after if page.next_after is not None else (after or 0)
            more = urlencode({"after": next_after, **extra})
            next_url = urls.absolute(base, urls.changes_json(school.slug, more))
        body = ChangesJson(
            school=school_ref(base, school),
            order=order,
            limit=limit,
            after=after,
            before=before,
            count=len(page.entries),
            entries=[json_entry(base, e) for e in page.entries],
            next=next_url,
            next_after=next_after,
            next_before=page.next_before if newest else None,
            about=ABOUT_NEWEST if newest else ABOUT_OLDEST,
            about_en=ABOUT_NEWEST_EN if newest else ABOUT_OLDEST_EN,
        )
        headers = {**CORS, "Cache-Control": CHANGES_CACHE}
        return send(request, msgspec.json.encode(body), media_type=MediaType.JSON, headers=headers)
