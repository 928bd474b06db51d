"""Monthly summaries (แบบ สขร.1) over HTTP: each published summary's XLSX and CSV next to its PDF, the
public page of a fiscal year's months with the bundles assessors open, and the workspace page of the
twelve months where the officer prepares one (the draft then goes through the announcement pages:
preview, submit, the director's approval)."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote

import anyio
from litestar import Controller, Request, Response
from litestar.params import FromPath
from litestar.response import Template

from prakat import clock, sitepages, urls
from prakat.announcements import monthly_files as files
from prakat.announcements import service as announcements
from prakat.errors import NotFound
from prakat.results import MonthKey
from prakat.schools.service import get_school_by_slug
from prakat.thai import check_fiscal_year
from prakat.thai.errors import InvalidFiscalYearError
from prakat.web import query
from prakat.web.auth import CurrentActor
from prakat.web.pages import page
from prakat.web.routing import id_in_range, readable
from prakat.web.site import real_slug

FILE = re.compile(r"^(\d{1,10})\.(xlsx|csv)$")
BUNDLE = re.compile(r"^(q[1-4]|h1|year)\.(pdf|xlsx)$")
TYPES = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv",  # Litestar adds "; charset=utf-8" to a text/* type
}


def _file(data: bytes, ext: str, name: str, fallback: str) -> Response[bytes]:
    disposition = "inline" if ext == "pdf" else "attachment"
    return Response(
        content=data,
        media_type=TYPES[ext],
        headers={
            "content-disposition": f"{disposition}; filename=\"{fallback}\"; filename*=UTF-8''{quote(name)}",
            # Made from published snapshots only; a revision is a new summary with files of its own.
            "cache-control": "public, max-age=300",
            "x-content-type-options": "nosniff",
        },
    )


def _year(year: int) -> int:
    try:
        return check_fiscal_year(year)
    except InvalidFiscalYearError:
        raise NotFound(f"ปีงบประมาณ พ.ศ. {year}") from None


class MonthlyPublicController(Controller):
    include_in_schema = False
    guards = (query.read_query, real_slug)

    @readable(urls.SUMMARY_FILE.path, name="summary_file")
    async def summary_file(self, slug: FromPath[str], file: FromPath[str]) -> Response[bytes]:
        match = FILE.match(file)
        if not match or not id_in_range(int(match.group(1))):
            raise NotFound("ไฟล์สรุปผลการจัดซื้อจัดจ้างรายเดือน")
        school = await get_school_by_slug(slug)
        a = files.published_summary(await announcements.get_published(school.id, int(match.group(1))))
        ext = match.group(2)
        data = await anyio.to_thread.run_sync(files.xlsx_of if ext == "xlsx" else files.csv_of, a)
        return _file(data, ext, files.xlsx_filename(a, ext), f"monthly-summary-{a.id}.{ext}")

    @readable(urls.MONTHLY.path, name="public_monthly")
    async def months(self, slug: FromPath[str], year: FromPath[int]) -> Template:
        view = await sitepages.monthly_view(slug, clock.today_bangkok(), year)
        return Template("pages/monthly.html", context={"v": view})

    @readable(urls.MONTHLY_BUNDLE.path, name="monthly_bundle")
    async def bundle(
        self, request: Request[Any, Any, Any], slug: FromPath[str], year: FromPath[int], file: FromPath[str]
    ) -> Response[bytes]:
        match = BUNDLE.match(file)
        if not match:
            raise NotFound("ชุดสรุปผลการจัดซื้อจัดจ้างรายเดือน")
        name, ext = match.group(1), match.group(2)
        school = await get_school_by_slug(slug)
        today = clock.today_bangkok()
        if ext == "pdf":
            base_url = request.app.state.settings.base_url  # printed on every page of the bundle
            data = await files.bundle_pdf(school, _year(year), name, today, base_url=base_url)
        else:
            data = await files.bundle_xlsx(school.id, _year(year), name, today)
        title = files.bundle_title(name, year)
        return _file(data, ext, f"สขร.1 {title}.{ext}", f"monthly-{year}-{name}.{ext}")


class MonthlyWorkspaceController(Controller):
    @readable(urls.WS_MONTHLY.path, name="monthly")
    async def months(
        self, request: Request[Any, Any, Any], actor: CurrentActor, year: FromPath[int]
    ) -> Template:
        today = clock.today_bangkok()
        year_be = _year(year)
        return await page(
            request,
            actor,
            "monthly.html",
            year_be=year_be,
            months=await files.months_of_year(actor.school_id, year_be, today),
            years=[year_be - 1, year_be, year_be + 1],
            this_month=MonthKey.of(today),
        )
