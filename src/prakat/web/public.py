"""Public pages: no sign-in, Thai, readable on a phone."""

from __future__ import annotations

from litestar import Controller
from litestar.params import FromPath
from litestar.response import Template

from prakat import clock, urls
from prakat.public import school_overview
from prakat.schools.service import list_schools
from prakat.web.routing import readable


class PublicController(Controller):
    include_in_schema = False  # pages, not the API

    @readable(urls.HOME, name="home")
    async def home(self) -> Template:
        schools = await list_schools()
        if len(schools) == 1:
            # One school (the common install): its page is the home page, canonical URL below.
            overview = await school_overview(schools[0].slug, clock.today_bangkok())
            return Template("pages/school.html", context={"o": overview})
        return Template("pages/schools.html", context={"schools": schools})

    @readable(urls.SCHOOL, name="school")
    async def school(self, slug: FromPath[str]) -> Template:
        overview = await school_overview(slug, clock.today_bangkok())
        return Template("pages/school.html", context={"o": overview})

    @readable(urls.SCHOOL_YEAR, name="school_year")
    async def school_year(self, slug: FromPath[str], year: FromPath[int]) -> Template:
        overview = await school_overview(slug, clock.today_bangkok(), year)
        return Template("pages/school.html", context={"o": overview})

    @readable(urls.HEALTH, name="health", include_in_schema=False)
    async def health(self) -> dict[str, str]:
        return {"status": "ok"}
