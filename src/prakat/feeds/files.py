"""The feed files of a school, ready to serve: which feeds it has, their bytes, and for each its gzip
bytes, strong ETag, Last-Modified and HTTP headers, prepared once.

Standard feeds of a school, each as RSS, Atom and JSON Feed: all announcements (the newest
``urls.FEED_PAGE``, with RFC 5005 archive pages for the rest), one per kind group
(``publicentry.GROUPS``) and one per fiscal year with publications. Any other filter (text search,
month, method, budget source, combinations) gets a feed built on demand (``build_on_demand``).

Pure: published entries in, files out; no database, no clock, no disk. The feed store
(``prakat.feeds.store``) writes and keeps them.
"""

from __future__ import annotations

import functools
import gzip
import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime
from typing import Any, Final

from prakat import feeds, urls
from prakat.feeds.archive import main_prev_archive, newest_sequence
from prakat.feeds.model import updated as feed_updated
from prakat.publicentry import GROUP_LABELS, GROUPS, Filters, PublicEntry, matches
from prakat.rules import AnnouncementKind, BudgetSource, Method
from prakat.thai import THAI_MONTHS

CURRENT_CACHE: Final = "public, max-age=300"
ARCHIVE_CACHE: Final = "public, max-age=31536000, immutable"  # a complete archive page never changes
NO_FILTERS: Final = Filters()  # the main feed's (the web layer passes this very object)


def feed_path(fmt: str, query: str = "") -> str:
    """Where a current feed lives inside a school's folder (and under which key it is cached)."""
    return f"q/{query}/announcements.{fmt}" if query else f"announcements.{fmt}"


def archive_path(page: int, fmt: str) -> str:
    return f"archive/{page}.{fmt}"


def describe(filters: Filters) -> str:
    """The filters in Thai words, e.g. "ประกาศผู้ชนะ · ปีงบประมาณ 2569" ("" for none)."""
    parts = []
    if filters.kind is not None:
        parts.append(GROUP_LABELS.get(filters.kind) or AnnouncementKind(filters.kind).label)
    if filters.year is not None:
        parts.append(f"ปีงบประมาณ {filters.year}")
    if filters.month is not None:
        parts.append(f"เดือน{THAI_MONTHS[filters.month - 1]}")
    if filters.method is not None:
        parts.append(Method(filters.method).label)
    if filters.source is not None:
        parts.append(BudgetSource(filters.source).label)
    if filters.q:
        parts.append(f"คำค้น “{filters.q}”")
    return " · ".join(parts)


def feed_title(school_name: str, filters: Filters) -> str:
    what = describe(filters)
    return f"ประกาศจัดซื้อจัดจ้าง {school_name}" + (f" — {what}" if what else "")


def _description(school_name: str, filters: Filters) -> str:
    what = describe(filters)
    return (
        f"ประกาศจัดซื้อจัดจ้างของ{school_name}"
        + (f" ({what})" if what else "")
        + f" {urls.FEED_PAGE} ฉบับล่าสุด พร้อมลิงก์ไฟล์ PDF ของประกาศ"
    )


def _http_date(value: datetime) -> str:
    return format_datetime(value.astimezone(UTC).replace(microsecond=0), usegmt=True)


Headers = tuple[tuple[bytes, bytes], ...]


@dataclass(frozen=True, slots=True)
class FeedFile:
    """One feed document, ready to serve: identity and gzip bytes, validators, and the HTTP headers
    of each answer prepared once (the hot path only picks one)."""

    path: str  # inside the school's folder, e.g. "archive/2.atom"
    body: bytes
    gzip: bytes
    etag: str  # strong, quoted: the content hash
    gzip_etag: str
    last_modified: datetime  # the newest entry's publication time (aware)
    media_type: str
    cache_control: str
    http_last_modified: str = field(init=False)
    headers: Headers = field(init=False)  # 200, identity
    gzip_headers: Headers = field(init=False)  # 200, gzip
    not_modified: Headers = field(init=False)  # 304 for a client of the identity bytes
    gzip_not_modified: Headers = field(init=False)  # 304 for a client of the gzip bytes

    def __post_init__(self) -> None:
        last_modified = _http_date(self.last_modified)
        # A 304 repeats what a cache must update (RFC 9110 15.4.5); a 200 also says what it is.
        validators: Headers = (
            (b"cache-control", self.cache_control.encode()),
            (b"last-modified", last_modified.encode()),
            (b"vary", b"Accept-Encoding"),
        )
        about: Headers = (
            (b"content-type", self.media_type.encode()),
            (b"access-control-allow-origin", b"*"),  # public data: web-based readers may fetch it
            (b"x-content-type-options", b"nosniff"),
        )
        plain = ((b"etag", self.etag.encode()), *validators)
        packed = ((b"etag", self.gzip_etag.encode()), *validators)
        values = {
            "http_last_modified": last_modified,
            "headers": ((b"content-length", str(len(self.body)).encode()), *about, *plain),
            "gzip_headers": (
                (b"content-length", str(len(self.gzip)).encode()),
                (b"content-encoding", b"gzip"),
                *about,
                *packed,
            ),
            "not_modified": plain,
            "gzip_not_modified": packed,
        }
        for name, value in values.items():
            object.__setattr__(self, name, value)


def make_file(path: str, body: bytes, last_modified: datetime, cache_control: str) -> FeedFile:
    fmt = path.rsplit(".", 1)[1]
    digest = hashlib.sha256(body).hexdigest()[:32]
    return FeedFile(
        path=path,
        body=body,
        gzip=gzip.compress(body, compresslevel=9, mtime=0),
        etag=f'"{digest}"',
        gzip_etag=f'"{digest}-gz"',
        last_modified=last_modified,
        media_type=feeds.MEDIA_TYPES[fmt],
        cache_control=cache_control,
    )


@dataclass(frozen=True, slots=True)
class SchoolInfo:
    id: int
    slug: str
    name: str


def _render_all(
    path_of: Callable[[str], str],
    description: feeds.FeedDescription,
    entry_items: Sequence[feeds.Item],
    cache_control: str,
) -> list[FeedFile]:
    last_modified = feed_updated(entry_items)
    return [
        make_file(path_of(fmt), feeds.render(description, entry_items, fmt), last_modified, cache_control)
        for fmt in feeds.FORMATS
    ]


def description_of(
    school: SchoolInfo, filters: Filters, base_url: str, **extra: Any
) -> feeds.FeedDescription:
    """What a school's feed for ``filters`` says of itself (``extra``: its archive links)."""
    return feeds.FeedDescription(
        base_url=base_url,
        slug=school.slug,
        school_name=school.name,
        title=feed_title(school.name, filters),
        description=_description(school.name, filters),
        query=filters.query(),
        **extra,
    )


def build_school(school: SchoolInfo, entries: Sequence[PublicEntry], base_url: str) -> dict[str, FeedFile]:
    """Every standard feed of a school from its published entries (pure: no database, no clock)."""
    item_of = {e.id: feeds.item_of(e, base_url) for e in entries}

    def items_of(chosen: Iterable[PublicEntry]) -> list[feeds.Item]:
        return [item_of[e.id] for e in sorted(chosen, key=lambda e: e.sequence, reverse=True)]

    def describe_feed(filters: Filters, **extra: Any) -> feeds.FeedDescription:
        return description_of(school, filters, base_url, **extra)

    files: list[FeedFile] = []
    newest = newest_sequence(entries)
    files += _render_all(
        feed_path,
        describe_feed(Filters(), prev_archive=main_prev_archive(newest)),
        items_of(feeds.current_entries(entries)),
        CURRENT_CACHE,
    )
    standard = [Filters(kind=group) for group in GROUPS]
    standard += [Filters(year=year) for year in sorted({e.year_be for e in entries})]
    for filters in standard:
        chosen = [e for e in entries if matches(e, filters)]
        files += _render_all(
            functools.partial(feed_path, query=filters.query()),
            describe_feed(filters),
            items_of(chosen)[: urls.FEED_PAGE],
            CURRENT_CACHE,
        )
    for page in feeds.archive_pages(entries):
        first = (page.page - 1) * urls.FEED_PAGE + 1
        description = feeds.FeedDescription(
            base_url=base_url,
            slug=school.slug,
            school_name=school.name,
            title=f"{feed_title(school.name, Filters())} (ฉบับเก็บ {page.page}: ลำดับที่ "
            f"{first}–{first + urls.FEED_PAGE - 1})",
            description=f"ประกาศจัดซื้อจัดจ้างของ{school.name} ที่เผยแพร่เป็นลำดับที่ "
            f"{first}–{first + urls.FEED_PAGE - 1}",
            page=page.page,
            prev_archive=page.prev_archive,
            next_archive=page.next_archive,
        )
        files += _render_all(
            functools.partial(archive_path, page.page),
            description,
            items_of(page.entries),
            ARCHIVE_CACHE if page.complete else CURRENT_CACHE,
        )
    return {f.path: f for f in files}


def build_on_demand(
    school: SchoolInfo, entries: Sequence[PublicEntry], filters: Filters, fmt: str, base_url: str
) -> FeedFile:
    """A filtered feed nobody built in advance: the newest FEED_PAGE entries matching ``filters``."""
    chosen = sorted(entries, key=lambda e: e.sequence, reverse=True)[: urls.FEED_PAGE]
    entry_items = [feeds.item_of(e, base_url) for e in chosen]
    description = description_of(school, filters, base_url)
    return make_file(
        feed_path(fmt, filters.query()),
        feeds.render(description, entry_items, fmt),
        feed_updated(entry_items),
        CURRENT_CACHE,
    )
