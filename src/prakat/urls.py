"""Every public URL, built in one place. URLs are a contract with school websites, feeds and ITA
assessors: add new ones, never change or remove an old one."""

from __future__ import annotations

from urllib.parse import quote

HOME = "/"
SCHOOL = "/s/{slug:str}/"
SCHOOL_YEAR = "/s/{slug:str}/{year:int}/"
ANNOUNCEMENT_PDF = "/s/{slug:str}/pdf/{file:str}"
HEALTH = "/healthz"
LOGIN = "/login"
LOGOUT = "/logout"
# The budget group's workspace and the JSON API: not public URLs, but stable for bookmarks and scripts.
WORKSPACE = "/w"
API = "/api/v1"
STATIC = "/static"
FONTS = "/static/fonts"


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


def static(path: str) -> str:
    return f"{STATIC}/{path}"


def workspace(path: str = "") -> str:
    """A workspace page, e.g. workspace("procurements/12") -> /w/procurements/12."""
    return f"{WORKSPACE}/{path}"


def font(filename: str) -> str:
    return f"{FONTS}/{quote(filename)}"


def absolute(base_url: str, path: str) -> str:
    return base_url.rstrip("/") + path
