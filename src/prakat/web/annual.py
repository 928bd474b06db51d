"""The annual procurement report on the web: its public page of a year (the newest published report),
its data as XLSX, and the workspace page where the school writes its four parts."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from litestar import Controller, Request, Response, post
from litestar.params import FromPath
from litestar.response import Redirect, Template

from prakat import urls
from prakat.annual import service as annual
from prakat.annual import texts
from prakat.annual.workbook import workbook
from prakat.auth.roles import Permission
from prakat.errors import InvalidInput
from prakat.schools.service import get_school_by_slug
from prakat.web import query
from prakat.web.auth import CurrentActor, requires
from prakat.web.forms import FormData
from prakat.web.pages import done, form_values, page
from prakat.web.routing import readable
from prakat.web.site import real_slug

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class AnnualReportController(Controller):
    include_in_schema = False
    guards = (query.read_query, real_slug)

    @readable(urls.ANNUAL_REPORT.path, name="annual_report")
    async def report(self, slug: FromPath[str], year: FromPath[int]) -> Redirect:
        school = await get_school_by_slug(slug)
        found = await annual.published_report(school.id, year)
        return Redirect(urls.announcement(slug, found.id), status_code=302)

    @readable(urls.ANNUAL_REPORT_XLSX.path, name="annual_report_xlsx")
    async def xlsx(self, slug: FromPath[str], year: FromPath[int]) -> Response[bytes]:
        school = await get_school_by_slug(slug)
        found = await annual.published_report(school.id, year)
        data = workbook(found.annual, school=school.name, created=found.published_at)
        name = annual.workbook_filename(year)
        return Response(
            content=data,
            media_type=XLSX,
            headers={
                "content-disposition": f'attachment; filename="annual-report-{year}.xlsx"; '
                f"filename*=UTF-8''{quote(name)}",
                "cache-control": "public, max-age=300",
                "x-content-type-options": "nosniff",
            },
        )


class AnnualTextsController(Controller):
    """The four parts a school writes, with what each should say and last year's text as a start."""

    async def _page(
        self, request: Request[Any, Any, Any], actor: CurrentActor, year: int, **ctx: Any
    ) -> Template:
        mine = await texts.texts_of(actor.school_id, year)
        last = await texts.texts_of(actor.school_id, year - 1)
        started = {p.value for p in texts.Part if not mine[p] and last[p]}
        values = {p.value: mine[p] or last[p] for p in texts.Part}
        ctx.setdefault("values", values)
        return await page(
            request,
            actor,
            "annual_texts.html",
            year=year,
            parts=texts.PARTS,
            started=started,
            limit=texts.TEXT_LIMIT,
            **ctx,
        )

    @readable(urls.WS_ANNUAL_TEXTS.path, name="annual_texts")
    async def show(
        self, request: Request[Any, Any, Any], actor: CurrentActor, year: FromPath[int]
    ) -> Template:
        return await self._page(request, actor, year)

    @post(urls.WS_ANNUAL_TEXTS.path, name="annual_texts_save", guards=[requires(Permission.EDIT)])
    async def save(
        self, request: Request[Any, Any, Any], actor: CurrentActor, year: FromPath[int], data: FormData
    ) -> Template | Redirect:
        values = form_values(data)
        try:
            await texts.save_texts(actor, year, texts.parse_texts({k: str(v) for k, v in values.items()}))
        except InvalidInput as invalid:
            return await self._page(
                request, actor, year, errors=invalid.errors, values=values, status_code=400
            )
        return done(urls.WS_ANNUAL_TEXTS.url(year=year), "saved")
