"""Public pages: no sign-in, Thai, readable on a phone. Handlers take the request as prakat.web.query read
it, ask prakat.sitepages for the page's model and render it; every URL comes from prakat.urls."""

from __future__ import annotations

import re
from typing import Any, Final

from litestar import Controller, Request
from litestar.connection import ASGIConnection
from litestar.handlers.base import BaseRouteHandler
from litestar.params import FromPath
from litestar.response import Template
from litestar.types import Scope

from prakat import clock, urls
from prakat import sitepages as pages
from prakat.errors import NotFound
from prakat.schools.schemas import School
from prakat.schools.service import SLUG, get_school_by_slug, list_schools
from prakat.web import query
from prakat.web.routing import readable


async def real_slug(connection: ASGIConnection[Any, Any, Any, Any], _: BaseRouteHandler) -> None:
    """Controller guard: a school name that no school can have is a missing school (never a database
    error). Async although it never waits: Litestar runs a sync guard in a worker thread."""
    slug = connection.path_params.get("slug")
    if isinstance(slug, str) and not SLUG.match(slug):
        raise NotFound("โรงเรียน")


# Under a school's address (/s/<slug>/…, as prakat.urls builds every public one), the error page
# wears that school's header, as its other pages do.
_SCHOOL_PATH: Final = re.compile(r"^/s/([^/]+)/")
_ERROR_SCHOOL: Final = "prakat.error_school"


async def school_of_error(_: Exception, scope: Scope) -> None:
    """``after_exception`` hook: the school whose address failed, kept in the scope for the error page
    (the exception handlers that render it cannot wait for the database). None is kept when the
    school is not there, or when the lookup fails too (the site's header then)."""
    match = _SCHOOL_PATH.match(scope.get("path", ""))
    if match is None or not SLUG.match(match.group(1)):
        return
    school: School | None
    try:
        school = await get_school_by_slug(match.group(1))
    except Exception:  # NotFound, or the database is what failed: the error page still renders
        school = None
    scope.setdefault("state", {})[_ERROR_SCHOOL] = school


def error_school(request: Request[Any, Any, Any]) -> School | None:
    """What :func:`school_of_error` found for this request, if anything."""
    found = request.scope.get("state", {}).get(_ERROR_SCHOOL)
    return found if isinstance(found, School) else None


class SiteController(Controller):
    include_in_schema = False  # pages, not the API
    guards = (query.read_query, real_slug)  # the query string first, as on every public route

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
        q = query.of(request)
        found = await pages.announcement_list(
            slug, clock.today_bangkok(), q.filters, pages.parse_page(q.get("page"))
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
