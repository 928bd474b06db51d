"""Every URL the app answers, declared once. URLs are a contract with school websites, feeds and ITA
assessors: add new ones, never change or remove an old one.

Each route is one ``Route`` in the table below: a name and a Litestar path pattern with typed
parameters, written as its canonical URL (pages end in "/", files in their extension). The route
decorators take their path from the entry (``@post(urls.WS_PLAN_ITEMS.path, ...)``) and every URL is
built from it (``urls.WS_PLAN_ITEMS.url(plan_id=3)``, ``.absolute(base_url, ...)``), so a path is
never written twice. Templates reach the same entries through the ``urls`` global."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Final
from urllib.parse import quote, urlencode

# Mount points: prefixes shared by many routes (scripts and the CSRF and JSON rules test them).
WORKSPACE: Final = "/w"  # the budget group's workspace: stable for bookmarks, not public
API: Final = "/api/v1"  # the JSON API: stable for scripts
STATIC: Final = "/static"
FONTS: Final = "/static/fonts"  # Litestar's static-files router (framework-provided)
SCRIPTS: Final = "/static/js"  # the pages' scripts, another static-files router
SCHEMA: Final = "/schema"  # Litestar's OpenAPI pages (framework-provided)

FEED_FORMATS: Final = ("rss", "atom", "json")
FEED_PAGE: Final = 50

Query = str | Mapping[str, str | int]
_PARAM = re.compile(r"\{(\w+):(\w+)\}")
_TYPES: Final[Mapping[str, str]] = {"str": "[^/]+", "int": "-?[0-9]+"}


@dataclass(frozen=True)
class Route:
    """One route: ``path`` is the pattern the route decorator takes and the URL the builders write."""

    name: str
    path: str
    params: Mapping[str, str] = field(init=False)  # name -> Litestar type ("str" | "int")

    def __post_init__(self) -> None:
        found = dict(_PARAM.findall(self.path))
        unknown = {t for t in found.values() if t not in _TYPES}
        assert not unknown, f"{self.name}: unsupported parameter types {unknown}"
        assert "query" not in found, f"{self.name}: 'query' is the builders' own argument"
        object.__setattr__(self, "params", found)

    def url(self, query: Query = "", /, **params: str | int) -> str:
        """The URL for these parameters (each one, by name), with an optional query: a ready string,
        such as ``Filters.query()``, or a mapping to encode."""
        if set(params) != set(self.params):
            raise TypeError(f"{self.name} takes {sorted(self.params)}, not {sorted(params)}")

        def value(match: re.Match[str]) -> str:
            name, kind = match.group(1), match.group(2)
            given = params[name]
            if kind == "int":
                if not isinstance(given, int) or isinstance(given, bool):
                    raise TypeError(f"{self.name}: {name} must be an int, not {given!r}")
                return str(given)
            return quote(str(given))

        path = _PARAM.sub(value, self.path)
        text = query if isinstance(query, str) else urlencode(dict(query))
        return f"{path}?{text}" if text else path

    def absolute(self, base_url: str, query: Query = "", /, **params: str | int) -> str:
        """The same URL with the install's base URL in front (feeds, embeds, JSON, documents)."""
        return absolute(base_url, self.url(query, **params))

    @property
    def regex(self) -> str:
        """A regular expression (unanchored) for the paths of this route; the final "/" is optional,
        as it is for Litestar."""
        out, at = [], 0
        for match in _PARAM.finditer(self.path):
            out += [re.escape(self.path[at : match.start()]), _TYPES[match.group(2)]]
            at = match.end()
        out.append(re.escape(self.path[at:].rstrip("/")))
        return "".join(out) + ("/?" if self.path.endswith("/") else "")

    @property
    def matched(self) -> str:
        """The path as Litestar registers it (without the final "/")."""
        return self.path.rstrip("/") or "/"


ROUTES: dict[str, Route] = {}


def _route(name: str, path: str) -> Route:
    entry = Route(name, path)
    assert name not in ROUTES, f"route {name} declared twice"
    assert all(r.matched != entry.matched for r in ROUTES.values()), f"path {path} declared twice"
    ROUTES[name] = entry
    return entry


# --- public: pages, files, feeds -------------------------------------------------------------------
HOME = _route("home", "/")
SCHOOL = _route("school", "/s/{slug:str}/")
SCHOOL_YEAR = _route("school_year", "/s/{slug:str}/{year:int}/")
ANNOUNCEMENT_PDF = _route(
    "announcement_pdf", "/s/{slug:str}/pdf/{file:str}"
)  # 12.pdf; its bytes never change
ANNOUNCEMENTS = _route("announcements", "/s/{slug:str}/announcements/")
ANNOUNCEMENT = _route("announcement", "/s/{slug:str}/announcements/{announcement_id:int}/")
PLAN = _route("plan", "/s/{slug:str}/plan/{year:int}/")
FOLLOW = _route("follow", "/s/{slug:str}/follow/")
# The annual procurement report of a fiscal year (ITA O22 / O12 / O11): the page goes to the newest
# published report of that year; its data as a workbook.
ANNUAL_REPORT = _route("annual_report", "/s/{slug:str}/annual-report/{year:int}/")
ANNUAL_REPORT_XLSX = _route("annual_report_xlsx", "/s/{slug:str}/annual-report/{year:int}/report.xlsx")
# Feeds: ?kind=&year=&month=&method=&source=&q= as on the list page; the main (unfiltered) feed
# links its RFC 5005 archive pages, fixed blocks of FEED_PAGE entries by publication sequence.
# (Litestar matches whole path segments, so the format is part of the {file} segment.)
FEED = _route("feed", "/s/{slug:str}/feeds/{file:str}")  # announcements.rss | .atom | .json
FEED_ARCHIVE = _route("feed_archive", "/s/{slug:str}/feeds/archive/{file:str}")  # 3.rss, 3.atom, 3.json
# For school websites and mirrors: the embed page, the CORS JSON list and the changes cursor.
EMBED = _route("embed", "/s/{slug:str}/embed/")
EMBED_FONT = _route("embed_font", f"{STATIC}/embed/sarabun-thai.woff2")
ANNOUNCEMENTS_JSON = _route("announcements_json", "/s/{slug:str}/announcements.json")
CHANGES_JSON = _route("changes_json", "/s/{slug:str}/changes.json")
# The ITA self-check of an assessment year, one page per item (the URL pasted into the assessment
# system), and the year's open data (16-column layout and ITA-o10, XLSX and CSV).
ITA = _route("ita", "/s/{slug:str}/ita/{year:int}/")
ITA_ITEM = _route("ita_item", "/s/{slug:str}/ita/{year:int}/{code:str}/")
OPEN_DATA = _route("open_data", "/s/{slug:str}/open-data/{year:int}/{file:str}")
# Monthly summaries (แบบ สขร.1): each published summary's spreadsheets next to its PDF (12.xlsx,
# 12.csv), the fiscal year's months, and the bundles assessors open (q1…q4, h1, year; .pdf, .xlsx).
SUMMARY_FILE = _route("summary_file", "/s/{slug:str}/files/{file:str}")
MONTHLY = _route("monthly", "/s/{slug:str}/monthly/{year:int}/")
MONTHLY_BUNDLE = _route("monthly_bundle", "/s/{slug:str}/monthly/{year:int}/{file:str}")
HEALTH = _route("health", "/healthz")
LOGIN = _route("login", "/login")
LOGOUT = _route("logout", "/logout")

# --- the workspace (/w) ------------------------------------------------------------------------------
WS_DASHBOARD = _route("ws_dashboard", f"{WORKSPACE}/")
WS_VENDORS = _route("ws_vendors", f"{WORKSPACE}/vendors/")
WS_PLANS = _route("ws_plans", f"{WORKSPACE}/plans/")
WS_PLAN_YEAR = _route("ws_plan_year", f"{WORKSPACE}/plans/{{year:int}}/")
WS_PLAN_NEW = _route("ws_plan_new", f"{WORKSPACE}/plans/{{year:int}}/new")
WS_PLAN_DELETE = _route("ws_plan_delete", f"{WORKSPACE}/plans/{{plan_id:int}}/delete")
WS_PLAN_ITEMS = _route("ws_plan_items", f"{WORKSPACE}/plans/{{plan_id:int}}/items")
WS_PLAN_IMPORT = _route("ws_plan_import", f"{WORKSPACE}/plans/{{plan_id:int}}/import")
WS_PLAN_ANNOUNCE = _route("ws_plan_announce", f"{WORKSPACE}/plans/{{plan_id:int}}/announce")
WS_PLAN_ITEM = _route("ws_plan_item", f"{WORKSPACE}/plans/items/{{item_id:int}}")
WS_PLAN_ITEM_DELETE = _route("ws_plan_item_delete", f"{WORKSPACE}/plans/items/{{item_id:int}}/delete")
WS_PLAN_ITEM_MOVE = _route("ws_plan_item_move", f"{WORKSPACE}/plans/items/{{item_id:int}}/move")
WS_PROCUREMENTS = _route("ws_procurements", f"{WORKSPACE}/procurements/")
WS_PROCUREMENT_NEW = _route("ws_procurement_new", f"{WORKSPACE}/procurements/new")
WS_PROCUREMENT = _route("ws_procurement", f"{WORKSPACE}/procurements/{{procurement_id:int}}")
WS_PROCUREMENT_EDIT = _route("ws_procurement_edit", f"{WORKSPACE}/procurements/{{procurement_id:int}}/edit")
WS_PROCUREMENT_DELETE = _route(
    "ws_procurement_delete", f"{WORKSPACE}/procurements/{{procurement_id:int}}/delete"
)
WS_BIDS = _route("ws_bids", f"{WORKSPACE}/procurements/{{procurement_id:int}}/bids")
WS_BID_DELETE = _route(
    "ws_bid_delete", f"{WORKSPACE}/procurements/{{procurement_id:int}}/bids/{{bid_id:int}}/delete"
)
WS_AWARD = _route("ws_award", f"{WORKSPACE}/procurements/{{procurement_id:int}}/award")
WS_AWARD_DELETE = _route("ws_award_delete", f"{WORKSPACE}/procurements/{{procurement_id:int}}/award/delete")
WS_ANNOUNCEMENTS = _route("ws_announcements", f"{WORKSPACE}/announcements/")
WS_ANNOUNCEMENT_NEW = _route("ws_announcement_new", f"{WORKSPACE}/announcements/new")
WS_ANNOUNCEMENT = _route("ws_announcement", f"{WORKSPACE}/announcements/{{announcement_id:int}}")
WS_ANNOUNCEMENT_BODY = _route(
    "ws_announcement_body", f"{WORKSPACE}/announcements/{{announcement_id:int}}/body"
)
WS_ANNOUNCEMENT_DISCARD = _route(
    "ws_announcement_discard", f"{WORKSPACE}/announcements/{{announcement_id:int}}/discard"
)
WS_ANNOUNCEMENT_SUBMIT = _route(
    "ws_announcement_submit", f"{WORKSPACE}/announcements/{{announcement_id:int}}/submit"
)
WS_ANNOUNCEMENT_REVIEW = _route(
    "ws_announcement_review", f"{WORKSPACE}/announcements/{{announcement_id:int}}/review"
)
WS_ANNOUNCEMENT_APPROVE = _route(
    "ws_announcement_approve", f"{WORKSPACE}/announcements/{{announcement_id:int}}/approve"
)
WS_ANNOUNCEMENT_RETURN = _route(
    "ws_announcement_return", f"{WORKSPACE}/announcements/{{announcement_id:int}}/return"
)
WS_ANNOUNCEMENT_DOCUMENT = _route(
    "ws_announcement_document", f"{WORKSPACE}/announcements/{{announcement_id:int}}/document.pdf"
)
WS_MONTHLY = _route("ws_monthly", f"{WORKSPACE}/monthly/{{year:int}}/")
WS_HISTORY = _route("ws_history", f"{WORKSPACE}/history/{{entity:str}}/{{entity_id:int}}")
WS_USERS = _route("ws_users", f"{WORKSPACE}/admin/users/")
WS_USER = _route("ws_user", f"{WORKSPACE}/admin/users/{{user_id:int}}")
WS_USER_PASSWORD = _route("ws_user_password", f"{WORKSPACE}/admin/users/{{user_id:int}}/password")
WS_USER_TOKEN_REVOKE = _route(
    "ws_user_token_revoke", f"{WORKSPACE}/admin/users/tokens/{{token_id:int}}/revoke"
)
WS_ANNUAL_TEXTS = _route("ws_annual_texts", f"{WORKSPACE}/annual/{{year:int}}/")
WS_SCHOOL = _route("ws_school", f"{WORKSPACE}/admin/school/")
WS_EMBED = _route("ws_embed", f"{WORKSPACE}/admin/embed/")
WS_ITA_CRITERIA = _route("ws_ita_criteria", f"{WORKSPACE}/admin/ita/")
WS_ITA_VARIANT = _route("ws_ita_variant", f"{WORKSPACE}/admin/ita/{{variant_id:int}}")
WS_ITA_VARIANT_DELETE = _route("ws_ita_variant_delete", f"{WORKSPACE}/admin/ita/{{variant_id:int}}/delete")
WS_ITA_ITEMS = _route("ws_ita_items", f"{WORKSPACE}/admin/ita/{{variant_id:int}}/items")
WS_ITA_ITEM = _route("ws_ita_item", f"{WORKSPACE}/admin/ita/items/{{item_id:int}}")
WS_ITA_ITEM_DELETE = _route("ws_ita_item_delete", f"{WORKSPACE}/admin/ita/items/{{item_id:int}}/delete")
WS_ACCOUNT = _route("ws_account", f"{WORKSPACE}/account/")
WS_ACCOUNT_PASSWORD = _route("ws_account_password", f"{WORKSPACE}/account/password")
WS_ACCOUNT_TOKENS = _route("ws_account_tokens", f"{WORKSPACE}/account/tokens")
WS_ACCOUNT_TOKEN_REVOKE = _route(
    "ws_account_token_revoke", f"{WORKSPACE}/account/tokens/{{token_id:int}}/revoke"
)

# --- the JSON API (/api/v1) ----------------------------------------------------------------------------
API_VENDORS = _route("api_vendors", f"{API}/vendors")
API_VENDOR = _route("api_vendor", f"{API}/vendors/{{vendor_id:int}}")
API_PLANS = _route("api_plans", f"{API}/plans")
API_PLAN = _route("api_plan", f"{API}/plans/{{plan_id:int}}")
API_PLAN_ITEMS = _route("api_plan_items", f"{API}/plans/{{plan_id:int}}/items")
API_PLAN_ITEM = _route("api_plan_item", f"{API}/plans/{{plan_id:int}}/items/{{item_id:int}}")
API_PLAN_ITEM_MOVE = _route("api_plan_item_move", f"{API}/plans/{{plan_id:int}}/items/{{item_id:int}}/move")
API_PROCUREMENTS = _route("api_procurements", f"{API}/procurements")
API_PROCUREMENT = _route("api_procurement", f"{API}/procurements/{{procurement_id:int}}")
API_BIDS = _route("api_bids", f"{API}/procurements/{{procurement_id:int}}/bids")
API_BID = _route("api_bid", f"{API}/procurements/{{procurement_id:int}}/bids/{{bid_id:int}}")
API_AWARD = _route("api_award", f"{API}/procurements/{{procurement_id:int}}/award")
API_ANNOUNCEMENTS = _route("api_announcements", f"{API}/announcements")
API_ANNOUNCEMENT = _route("api_announcement", f"{API}/announcements/{{announcement_id:int}}")
API_ANNOUNCEMENT_SUBMIT = _route(
    "api_announcement_submit", f"{API}/announcements/{{announcement_id:int}}/submit"
)
API_ANNOUNCEMENT_REVIEW = _route(
    "api_announcement_review", f"{API}/announcements/{{announcement_id:int}}/review"
)
API_ANNOUNCEMENT_APPROVE = _route(
    "api_announcement_approve", f"{API}/announcements/{{announcement_id:int}}/approve"
)
API_ANNOUNCEMENT_RETURN = _route(
    "api_announcement_return", f"{API}/announcements/{{announcement_id:int}}/return"
)


# --- typed builders of the public URLs (other code and the templates call these) -------------------


def absolute(base_url: str, path: str) -> str:
    return base_url.rstrip("/") + path


def home() -> str:
    return HOME.url()


def school(slug: str) -> str:
    return SCHOOL.url(slug=slug)


def school_year(slug: str, year_be: int) -> str:
    """A school's page for one fiscal year (B.E.), e.g. /s/demo/2569/."""
    return SCHOOL_YEAR.url(slug=slug, year=year_be)


def announcement_pdf(slug: str, announcement_id: int) -> str:
    """The published PDF of an announcement, e.g. /s/demo/pdf/12.pdf; its bytes never change."""
    return ANNOUNCEMENT_PDF.url(slug=slug, file=f"{announcement_id}.pdf")


def summary_file(slug: str, announcement_id: int, ext: str) -> str:
    """A published monthly summary's spreadsheet, e.g. /s/demo/files/12.xlsx or 12.csv."""
    assert ext in ("xlsx", "csv")
    return SUMMARY_FILE.url(slug=slug, file=f"{announcement_id}.{ext}")


def monthly(slug: str, year_be: int) -> str:
    """The monthly summaries of one fiscal year, e.g. /s/demo/monthly/2569/."""
    return MONTHLY.url(slug=slug, year=year_be)


def monthly_bundle(slug: str, year_be: int, bundle: str, ext: str) -> str:
    """A bundle of a year's monthly summaries, e.g. /s/demo/monthly/2569/h1.pdf or year.xlsx."""
    assert ext in ("pdf", "xlsx")
    return MONTHLY_BUNDLE.url(slug=slug, year=year_be, file=f"{bundle}.{ext}")


def announcements(slug: str, query: str = "") -> str:
    """The announcement list; ``query`` is ``Filters.query()`` (the same filters as its feeds)."""
    return ANNOUNCEMENTS.url(query, slug=slug)


def announcement(slug: str, announcement_id: int) -> str:
    """One announcement's public page, e.g. /s/demo/announcements/12/."""
    return ANNOUNCEMENT.url(slug=slug, announcement_id=announcement_id)


def annual_report(slug: str, year_be: int) -> str:
    """The annual procurement report of a fiscal year, e.g. /s/demo/annual-report/2569/."""
    return ANNUAL_REPORT.url(slug=slug, year=year_be)


def annual_report_xlsx(slug: str, year_be: int) -> str:
    """Its data as XLSX, e.g. /s/demo/annual-report/2569/report.xlsx."""
    return ANNUAL_REPORT_XLSX.url(slug=slug, year=year_be)


def plan(slug: str, year_be: int) -> str:
    """The plan of one fiscal year, current and past revisions, e.g. /s/demo/plan/2569/."""
    return PLAN.url(slug=slug, year=year_be)


def ita(slug: str, year_be: int) -> str:
    """The ITA self-check of an assessment year (B.E.), e.g. /s/demo/ita/2569/."""
    return ITA.url(slug=slug, year=year_be)


def ita_item(slug: str, year_be: int, code: str) -> str:
    """One ITA item's evidence, the URL to paste into the assessment system, e.g. /s/demo/ita/2569/O11/."""
    return ITA_ITEM.url(slug=slug, year=year_be, code=code)


OPEN_DATA_FILES: Final = ("results.xlsx", "results.csv", "ita-o10.xlsx", "ita-o10.csv")


def open_data(slug: str, year_be: int, file: str) -> str:
    """A fiscal year's open data: results.xlsx|csv (the 16-column layout), ita-o10.xlsx|csv (9 fields)."""
    assert file in OPEN_DATA_FILES
    return OPEN_DATA.url(slug=slug, year=year_be, file=file)


def follow(slug: str, query: str = "") -> str:
    """The Thai "how to follow" page a feed link leads a person to."""
    return FOLLOW.url(query, slug=slug)


def feed_file(fmt: str) -> str:
    """The {file} segment of a feed: announcements.rss, announcements.atom or announcements.json."""
    assert fmt in FEED_FORMATS
    return f"announcements.{fmt}"


def feed(slug: str, fmt: str, query: str = "") -> str:
    """A feed: fmt is "rss", "atom" or "json"; e.g. /s/demo/feeds/announcements.atom?kind=winner."""
    return FEED.url(query, slug=slug, file=feed_file(fmt))


def feed_archive(slug: str, page: int, fmt: str) -> str:
    """An archived block of the main feed (RFC 5005), entries FEED_PAGE*(page-1)+1 … FEED_PAGE*page."""
    assert fmt in FEED_FORMATS
    return FEED_ARCHIVE.url(slug=slug, file=f"{page}.{fmt}")


def embed(slug: str, query: str = "") -> str:
    return EMBED.url(query, slug=slug)


def announcements_json(slug: str, query: str = "") -> str:
    return ANNOUNCEMENTS_JSON.url(query, slug=slug)


def changes_json(slug: str, query: str = "") -> str:
    return CHANGES_JSON.url(query, slug=slug)


def script(filename: str) -> str:
    return f"{SCRIPTS}/{quote(filename)}"


def font(filename: str) -> str:
    """A Sarabun file served by the static-files router under FONTS."""
    return f"{FONTS}/{quote(filename)}"
