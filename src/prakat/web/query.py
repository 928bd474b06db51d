"""The one reader of query strings on the public routes: the list page, its feeds and follow page, the
embed, the JSON list and the changes cursor, and the public pages that read nothing.

Each route's query string is read once, by the guard :func:`read_query` that the public controllers
run before any handler, against :data:`ROUTES` (what each route reads and how it answers a refusal);
handlers ask :func:`of` for the result. The rules, the same on every route:

- **Length**: more than :data:`MAX_QUERY` bytes (2 KB) is refused unread with **414**. The longest real
  query, every filter at its longest (a 200-letter Thai search is about 1.8 KB percent-encoded), fits.
- **Bad UTF-8**: bytes, raw or percent-encoded, that are not UTF-8 are refused with **400**.
- **Control characters** (C0, DEL and C1) in a name or a value are refused with **400**: no filter
  holds one, and PostgreSQL refuses NUL outright.
- **Unknown names**: a name the route does not read is refused with **400** naming it, so that a
  misspelt filter never shows an unfiltered list as if it were filtered. Names that sharing adds to
  a link (``utm_*``, ``fbclid``, ``gclid`` and the like: :data:`DECORATIONS`) are ignored everywhere,
  so a link shared on Facebook or LINE still opens. A page that reads no query string (an
  announcement, the school home) takes none: anything after ``?`` but decorations is refused there too.
- **Repeated names**: a name given twice is refused with **400** naming it (no first- or last-wins).
- **Values**: a filter value that names nothing (``kind=nonsense``, ``year=abc``, ``month=13``, a search
  over 200 letters) is a list that does not exist: **404**, as a wrong path is (and so is a ``page``
  past the end). A value that shapes the answer and is out of range (the embed's ``n``, the changes
  cursor's ``after``, ``before``, ``limit``, ``order``) is refused with **400**.

Refusals are :class:`prakat.errors.Refused` (and :class:`~prakat.errors.NotFound`), mapped once in
prakat.app to one Thai answer per format (:class:`Answer`): the Thai error page for pages and feeds (a
browser opening a bad feed link reads it; a feed reader sees the status), the small Thai page for the
embed (it sits in an iframe), and a Thai JSON body ``{"error", "detail"}`` for the JSON routes.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Final
from urllib.parse import parse_qsl

from litestar.connection import ASGIConnection
from litestar.handlers.base import BaseRouteHandler

from prakat.errors import Refused
from prakat.feeds.files import NO_FILTERS
from prakat.readmodel import FILTER_NAMES, Filters, parse_filters

MAX_QUERY: Final = 2048  # bytes of query string
# Names that link sharing adds (analytics tags, click ids, LINE's open-in-browser switch): ignored.
DECORATIONS: Final = frozenset({"fbclid", "gclid", "igshid", "mibextid", "openExternalBrowser"})
DECORATION_PREFIX: Final = "utm_"
_CONTROL: Final = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_STATE: Final = "prakat.query"  # where the guard keeps what it read (the request's scope state)


class Answer(StrEnum):
    """How a route answers an error (prakat.app picks the body by it)."""

    PAGE = "page"  # the Thai error page (or JSON to a client that asks only for JSON)
    EMBED = "embed"  # the small Thai page that fits an iframe
    JSON = "json"  # a Thai JSON body, always


@dataclass(frozen=True, slots=True)
class Reads:
    """What one route reads from its query string, and how it answers when refused."""

    names: frozenset[str] = frozenset()
    answer: Answer = Answer.PAGE

    @property
    def filters(self) -> bool:
        return self.names >= FILTER_NAMES


def reads(*names: str, filters: bool = False, answer: Answer = Answer.PAGE) -> Reads:
    return Reads(frozenset(names) | (FILTER_NAMES if filters else frozenset()), answer)


NOTHING: Final = reads()
# Every public route, by its handler name: the names it reads and how it answers.
ROUTES: Final[Mapping[str, Reads]] = {
    # prakat.web.site
    "home": NOTHING,
    "school": NOTHING,
    "school_year": NOTHING,
    "public_announcements": reads("page", filters=True),
    "public_announcement": NOTHING,
    "public_plan": NOTHING,
    "health": NOTHING,
    # prakat.web.ita
    "ita": NOTHING,
    "ita_item": NOTHING,
    "open_data": NOTHING,
    # prakat.web.feeds
    # prakat.web.annual
    "annual_report": NOTHING,
    "annual_report_xlsx": NOTHING,
    "feed": reads(filters=True),
    "feed_archive": NOTHING,
    "follow": reads(filters=True),
    # prakat.web.embed
    "embed": reads("n", filters=True, answer=Answer.EMBED),
    "embed_font": NOTHING,
    "announcements_json": reads("n", filters=True, answer=Answer.JSON),
    "changes_json": reads("after", "before", "limit", "order", answer=Answer.JSON),
    # prakat.web.monthly
    "summary_file": NOTHING,
    "public_monthly": NOTHING,
    "monthly_bundle": NOTHING,
}


@dataclass(frozen=True, slots=True)
class Query:
    """A query string as read: one value per name the route reads, and its filters."""

    params: Mapping[str, str] = field(default_factory=dict)
    filters: Filters = NO_FILTERS

    def get(self, name: str) -> str:
        """The value given for ``name``, stripped ("" when not given)."""
        return self.params.get(name, "").strip()

    def whole(self, name: str, low: int, high: int, default: int | None, what: str) -> int | None:
        """A whole number in [low, high] written in ASCII digits, ``default`` when not given, or
        Refused (400) naming ``what`` in Thai."""
        value = self.get(name)
        if not value:
            return default
        if not value.isascii() or not value.isdigit() or len(value) > 10 or not low <= int(value) <= high:
            raise Refused(f"{what} ({name}) ต้องเป็นตัวเลข {low} ถึง {high}")
        return int(value)


EMPTY: Final = Query()


def _shown(name: str) -> str:
    return f"“{name[:30]}”" if name else "ที่ไม่มีชื่อ"


def read(raw: bytes, route: Reads) -> Query:
    """The query string ``raw`` (as sent, percent-encoded) read for ``route`` by the rules above."""
    if not raw:
        return EMPTY
    if len(raw) > MAX_QUERY:
        raise Refused(f"ลิงก์ยาวเกินไป (เกิน {MAX_QUERY:,} ตัวอักษรหลังเครื่องหมาย ?)", status=414)
    try:
        pairs = parse_qsl(raw.decode("utf-8"), keep_blank_values=True, errors="strict")
    except ValueError:  # UnicodeDecodeError: raw or percent-encoded bytes that are not UTF-8
        raise Refused("ลิงก์มีอักขระที่อ่านไม่ได้ (ไม่ใช่ UTF-8) กรุณาคัดลอกลิงก์มาใหม่") from None
    params: dict[str, str] = {}
    for name, value in pairs:
        if _CONTROL.search(name) or _CONTROL.search(value):
            raise Refused("ลิงก์มีอักขระควบคุมที่ไม่ควรมี กรุณาคัดลอกลิงก์มาใหม่")
        if name in DECORATIONS or name.startswith(DECORATION_PREFIX):
            continue
        if name not in route.names:
            raise Refused(f"ลิงก์มีค่า {_shown(name)} ที่หน้านี้ไม่ใช้ กรุณาตรวจสอบลิงก์")
        if name in params:
            raise Refused(f"ลิงก์มีค่า {_shown(name)} ซ้ำกัน ให้มีได้ครั้งเดียว")
        params[name] = value
    if not params:
        return EMPTY
    filters = parse_filters(params) if route.filters else NO_FILTERS
    return Query(params, NO_FILTERS if filters.is_empty() else filters)


def route_of(connection: ASGIConnection[Any, Any, Any, Any]) -> Reads | None:
    """What the matched route reads, or None outside the public routes (and before routing)."""
    handler = connection.scope.get("route_handler")
    name = getattr(handler, "name", None)
    return ROUTES.get(name) if isinstance(name, str) else None


def answer_of(connection: ASGIConnection[Any, Any, Any, Any]) -> Answer:
    route = route_of(connection)
    return route.answer if route is not None else Answer.PAGE


def of(connection: ASGIConnection[Any, Any, Any, Any]) -> Query:
    """The request's query string as its route reads it: read on the first call (the guard's), kept."""
    state = connection.scope["state"]
    found = state.get(_STATE)
    if found is None:
        route = route_of(connection)
        if route is None:
            raise LookupError(f"{connection.url.path}: a public route missing from query.ROUTES")
        found = state[_STATE] = read(connection.scope.get("query_string", b""), route)
    assert isinstance(found, Query)
    return found


async def read_query(connection: ASGIConnection[Any, Any, Any, Any], _: BaseRouteHandler) -> None:
    """Controller guard: read (and so refuse) the query string before anything else reads the request.
    Async although it never waits: Litestar runs a sync guard in a worker thread. Litestar's automatic
    OPTIONS answer reads no query and has no row in ROUTES: it passes."""
    if connection.scope.get("method") == "OPTIONS":
        return
    of(connection)
