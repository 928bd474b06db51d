"""Every public URL, built in one place. URLs are a contract with school websites, feeds and ITA
assessors: add new ones, never change or remove an old one."""

from __future__ import annotations

from urllib.parse import quote

HOME = "/"
SCHOOL = "/s/{slug:str}/"
SCHOOL_YEAR = "/s/{slug:str}/{year:int}/"
ANNOUNCEMENT_PDF = "/s/{slug:str}/pdf/{file:str}"
# Issue 5: the public side. Pages end in "/", files in their extension.
ANNOUNCEMENTS = "/s/{slug:str}/announcements/"
ANNOUNCEMENT = "/s/{slug:str}/announcements/{announcement_id:int}/"
PLAN = "/s/{slug:str}/plan/{year:int}/"
FOLLOW = "/s/{slug:str}/follow/"
# Feeds: ?kind=&year=&month=&method=&source=&q= as on the list page; the main (unfiltered) feed
# links its RFC 5005 archive pages, fixed blocks of FEED_PAGE entries by publication sequence.
# (Litestar matches whole path segments, so the format is part of the {file} segment.)
FEED = "/s/{slug:str}/feeds/{file:str}"  # announcements.rss | announcements.atom | announcements.json
FEED_ARCHIVE = "/s/{slug:str}/feeds/archive/{file:str}"  # 3.rss, 3.atom, 3.json
FEED_FORMATS = ("rss", "atom", "json")
FEED_PAGE = 50
# For school websites and mirrors: the embed page, the CORS JSON list and the changes cursor.
EMBED = "/s/{slug:str}/embed/"
ANNOUNCEMENTS_JSON = "/s/{slug:str}/announcements.json"
CHANGES_JSON = "/s/{slug:str}/changes.json"
HEALTH = "/healthz"
LOGIN = "/login"
LOGOUT = "/logout"
# The budget group's workspace and the JSON API: not public URLs, but stable for bookmarks and scripts.
WORKSPACE = "/w"
API = "/api/v1"
STATIC = "/static"
FONTS = "/static/fonts"
SCRIPTS = "/static/js"


def home() -> str:
    return HOME


def school(slug: str) -> str:
    return f"/s/{quote(slug)}/"


def school_year(slug: str, year_be: int) -> str:
    """A school's page for one fiscal year (B.E.), e.g. /s/demo/2569/."""
    return f"/s/{quote(slug)}/{year_be}/"


def announcement_pdf(slug: str, announcement_id: int) -> str:
    """The published PDF of an announcement, e.g. /s/demo/pdf/12.pdf; its bytes never change."""
    return f"/s/{quote(slug)}/pdf/{announcement_id}.pdf"


def _with(path: str, query: str) -> str:
    return f"{path}?{query}" if query else path


def announcements(slug: str, query: str = "") -> str:
    """The announcement list; ``query`` is ``Filters.query()`` (the same filters as its feeds)."""
    return _with(f"/s/{quote(slug)}/announcements/", query)


def announcement(slug: str, announcement_id: int) -> str:
    """One announcement's public page, e.g. /s/demo/announcements/12/."""
    return f"/s/{quote(slug)}/announcements/{announcement_id}/"


def plan(slug: str, year_be: int) -> str:
    """The plan of one fiscal year, current and past revisions, e.g. /s/demo/plan/2569/."""
    return f"/s/{quote(slug)}/plan/{year_be}/"


def follow(slug: str, query: str = "") -> str:
    """The Thai "how to follow" page a feed link leads a person to."""
    return _with(f"/s/{quote(slug)}/follow/", query)


def feed(slug: str, fmt: str, query: str = "") -> str:
    """A feed: fmt is "rss", "atom" or "json"; e.g. /s/demo/feeds/announcements.atom?kind=winner."""
    assert fmt in FEED_FORMATS
    return _with(f"/s/{quote(slug)}/feeds/announcements.{fmt}", query)


def feed_archive(slug: str, page: int, fmt: str) -> str:
    """An archived block of the main feed (RFC 5005), entries FEED_PAGE*(page-1)+1 … FEED_PAGE*page."""
    assert fmt in FEED_FORMATS
    return f"/s/{quote(slug)}/feeds/archive/{page}.{fmt}"


def embed(slug: str, query: str = "") -> str:
    return _with(f"/s/{quote(slug)}/embed/", query)


def announcements_json(slug: str, query: str = "") -> str:
    return _with(f"/s/{quote(slug)}/announcements.json", query)


def changes_json(slug: str, query: str = "") -> str:
    return _with(f"/s/{quote(slug)}/changes.json", query)


def static(path: str) -> str:
    return f"{STATIC}/{path}"


def workspace(path: str = "") -> str:
    """A workspace page, e.g. workspace("procurements/12") -> /w/procurements/12."""
    return f"{WORKSPACE}/{path}"


def script(filename: str) -> str:
    return f"{SCRIPTS}/{quote(filename)}"


def font(filename: str) -> str:
    return f"{FONTS}/{quote(filename)}"


def absolute(base_url: str, path: str) -> str:
    return base_url.rstrip("/") + path
