"""Public pages: no sign-in, Thai, readable on a phone. Handlers parse the request, ask prakat.sitepages
for the page's model and render it; every URL comes from prakat.urls."""

from __future__ import annotations

from typing import Any, Final

from litestar import Controller, Request
from litestar.connection import ASGIConnection
from litestar.exceptions import ClientException
from litestar.handlers.base import BaseRouteHandler
from litestar.params import FromPath
from litestar.response import Template
from litestar.status_codes import HTTP_414_REQUEST_URI_TOO_LONG

from prakat import clock, urls
from prakat import sitepages as pages
from prakat.errors import NotFound
from prakat.readmodel import parse_filters
from prakat.schools.service import SLUG, list_schools
from prakat.web.routing import readable

# The longest query string a public page reads: every filter at its longest (a 200-character Thai
# search is 1,800 bytes percent-encoded) fits well inside; anything longer is refused unread.
MAX_QUERY: Final = 4096
# C0 controls and DEL: no filter value contains one, and NUL is refused by PostgreSQL outright.
_CONTROL: Final = frozenset(chr(c) for c in (*range(32), 127))


def plain_request(connection: ASGIConnection[Any, Any, Any, Any], _: BaseRouteHandler) -> None:
    """Controller guard: refuse a huge or malformed query string before anything reads it, and treat
    a school name that no school can have as a missing school (never a database error)."""
    raw = connection.scope.get("query_string", b"")
    if len(raw) > MAX_QUERY:
        raise ClientException(status_code=HTTP_414_REQUEST_URI_TOO_LONG, detail="query string too long")
    for key, value in connection.query_params.multi_items():
        if _CONTROL.intersection(key) or _CONTROL.intersection(str(value)):
            raise ClientException(detail="control character in the query string")
    slug = connection.path_params.get("slug")
    if isinstance(slug, str) and not SLUG.match(slug):
        raise NotFound("โรงเรียน")


def _params(request: Request[Any, Any, Any]) -> dict[str, str]:
    return {key: str(value) for key, value in request.query_params.items()}


class SiteController(Controller):
    include_in_schema = False  # pages, not the API
    guards = (plain_request,)

    @readable(urls.HOME.path, name="home")
    async def home(self) -> Template:
        schools = await list_schools()
        if len(schools) == 1:
            # One school (the common install): its home is the home page, canonical URL /s/{slug}/.
            home = await pages.school_home(schools[0].slug, clock.today_bangkok())
            return Template("pages/school_home.html", context={"h": home})
        return Template("pages/schools.html", context={"schools": schools})

    @readable(urls.SCHOOL.path, name="school")
    async def school(self, slug: FromPath[str]) -> Template:
        home = await pages.school_home(slug, clock.today_bangkok())
        return Template("pages/school_home.html", context={"h": home})

    @readable(urls.SCHOOL_YEAR.path, name="school_year")
    async def school_year(self, slug: FromPath[str], year: FromPath[int]) -> Template:
        overview = await pages.school_overview(slug, clock.today_bangkok(), year)
        return Template("pages/school.html", context={"o": overview})

    @readable(urls.ANNOUNCEMENTS.path, name="public_announcements")
    async def announcements(self, request: Request[Any, Any, Any], slug: FromPath[str]) -> Template:
        params = _params(request)
        filters = parse_filters(params)
        found = await pages.announcement_list(
            slug, clock.today_bangkok(), filters, pages.parse_page(params.get("page"))
        )
        return Template("pages/announcements.html", context={"v": found})

    @readable(urls.ANNOUNCEMENT.path, name="public_announcement")
    async def announcement(self, slug: FromPath[str], announcement_id: FromPath[int]) -> Template:
        view = await pages.announcement_view(slug, announcement_id)
        return Template("pages/announcement.html", context={"v": view})

    @readable(urls.PLAN.path, name="public_plan")
    async def plan(self, slug: FromPath[str], year: FromPath[int]) -> Template:
        view = await pages.plan_view(slug, clock.today_bangkok(), year)
        return Template("pages/plan.html", context={"v": view})

    @readable(urls.HEALTH.path, name="health", include_in_schema=False)
    async def health(self) -> dict[str, str]:
        return {"status": "ok"}
