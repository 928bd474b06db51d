"""The ITA self-check in public (a page per assessment year, a page per item, the year's open data) and
the school admin's editing of the criteria in the workspace. Handlers parse, call one service, render."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, Response, post
from litestar.params import FromPath
from litestar.response import Redirect, Template

from prakat import clock, urls
from prakat.auth.roles import Permission
from prakat.errors import InvalidInput, NotFound
from prakat.ita import check, criteria, opendata
from prakat.ita.evidence import Covers, Evidence
from prakat.ita.schemas import Item
from prakat.web import query
from prakat.web.auth import CurrentActor, requires
from prakat.web.forms import FormData, form_date, options
from prakat.web.pages import done, form_values, page
from prakat.web.routing import readable
from prakat.web.site import real_slug

MONTHS = tuple((str(n), f"{n} ({name})") for n, name in enumerate(
    ("ต.ค.", "พ.ย.", "ธ.ค.", "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย."), start=1
))  # fmt: skip
EVIDENCE = tuple((e.value, e.label) for e in Evidence)


class ItaController(Controller):
    include_in_schema = False
    guards = (query.read_query, real_slug)

    @readable(urls.ITA.path, name="ita")
    async def year(self, slug: FromPath[str], year: FromPath[int]) -> Template:
        found = await check.assess_public(slug, year, clock.today_bangkok())
        return Template("pages/ita.html", context={"a": found})

    @readable(urls.ITA_ITEM.path, name="ita_item")
    async def item(self, slug: FromPath[str], year: FromPath[int], code: FromPath[str]) -> Template:
        found = await check.assess_public(slug, year, clock.today_bangkok())
        return Template("pages/ita_item.html", context={"a": found, "r": found.result(code)})

    @readable(urls.OPEN_DATA.path, name="open_data")
    async def open_data(
        self, slug: FromPath[str], year: FromPath[int], file: FromPath[str]
    ) -> Response[bytes]:
        made = await opendata.public_file(slug, year, file)
        return Response(
            content=made.data,
            media_type=made.media_type,
            headers={
                "content-disposition": f'attachment; filename="{made.filename}"',
                "cache-control": "public, max-age=300",
                "x-content-type-options": "nosniff",
            },
        )


def _item_form(item: Item) -> dict[str, Any]:
    return {
        "item_code": item.code,
        "item_title": item.title,
        "covers": item.covers.value,
        "evidence": [e.value for e in item.evidence],
        "months_from": item.months_from,
        "months_to": item.months_to,
        "opens_on": form_date(item.opens_on) if item.opens_on else "",
        "note": item.note,
    }


def _item_values(data: FormData) -> dict[str, Any]:
    """The form's fields, with the evidence checkboxes (evidence_<kind>) as one list."""
    values = form_values(data)
    values["evidence"] = [e.value for e in Evidence if values.pop(f"evidence_{e.value}", None)]
    return values


class ItaAdminController(Controller):
    """The school's ITA criteria: every assessment year and variant, and their items."""

    guards = (requires(Permission.MANAGE_SCHOOL),)

    async def _list(self, request: Request[Any, Any, Any], actor: CurrentActor, **ctx: Any) -> Template:
        found = await criteria.variants(actor.school_id)
        ctx.setdefault("values", {"year_be": (found[0].year_be + 1) if found else ""})
        copy_options = [(v.id, f"พ.ศ. {v.year_be} {v.title}") for v in found]
        return await page(request, actor, "admin_ita.html", variants=found, copy_options=copy_options, **ctx)

    async def _variant(
        self, request: Request[Any, Any, Any], actor: CurrentActor, variant_id: int, **ctx: Any
    ) -> Template:
        found = next((v for v in await criteria.variants(actor.school_id) if v.id == variant_id), None)
        if found is None:
            raise NotFound("ชุดเกณฑ์ ITA")
        ctx.setdefault(
            "values",
            {"covers": Covers.CURRENT.value, "months_from": 1, "months_to": 12, "title": found.title},
        )
        return await page(
            request,
            actor,
            "admin_ita_variant.html",
            variant=found,
            covers=options(Covers),
            evidence_kinds=EVIDENCE,
            months=MONTHS,
            **ctx,
        )

    @readable(urls.WS_ITA_CRITERIA.path, name="admin_ita")
    async def index(self, request: Request[Any, Any, Any], actor: CurrentActor) -> Template:
        return await self._list(request, actor)

    @post(urls.WS_ITA_CRITERIA.path, name="admin_ita_variant_create")
    async def create_variant(
        self, request: Request[Any, Any, Any], actor: CurrentActor, data: FormData
    ) -> Template | Redirect:
        try:
            made = await criteria.add_variant(actor, form_values(data))
        except InvalidInput as invalid:
            return await self._list(
                request, actor, errors=invalid.errors, values=form_values(data), status_code=400
            )
        return done(urls.WS_ITA_VARIANT.url(variant_id=made.id), "saved")

    @readable(urls.WS_ITA_VARIANT.path, name="admin_ita_variant")
    async def show_variant(
        self, request: Request[Any, Any, Any], actor: CurrentActor, variant_id: FromPath[int]
    ) -> Template:
        return await self._variant(request, actor, variant_id)

    @post(urls.WS_ITA_VARIANT.path, name="admin_ita_variant_rename")
    async def rename_variant(
        self, request: Request[Any, Any, Any], actor: CurrentActor, variant_id: FromPath[int], data: FormData
    ) -> Template | Redirect:
        try:
            await criteria.rename_variant(actor, variant_id, form_values(data))
        except InvalidInput as invalid:
            return await self._variant(
                request, actor, variant_id, errors=invalid.errors, values=form_values(data), status_code=400
            )
        return done(urls.WS_ITA_VARIANT.url(variant_id=variant_id), "ita_renamed")

    @post(urls.WS_ITA_VARIANT_DELETE.path, name="admin_ita_variant_delete")
    async def delete_variant(
        self, request: Request[Any, Any, Any], actor: CurrentActor, variant_id: FromPath[int], data: FormData
    ) -> Template | Redirect:
        try:
            await criteria.delete_variant(actor, variant_id, confirmed=bool(data.get("confirm")))
        except InvalidInput as invalid:
            return await self._variant(request, actor, variant_id, errors=invalid.errors, status_code=400)
        return done(urls.WS_ITA_CRITERIA.url(), "ita_deleted")

    @post(urls.WS_ITA_ITEMS.path, name="admin_ita_item_create")
    async def create_item(
        self, request: Request[Any, Any, Any], actor: CurrentActor, variant_id: FromPath[int], data: FormData
    ) -> Template | Redirect:
        values = _item_values(data)
        try:
            await criteria.save_item(actor, variant_id, values)
        except InvalidInput as invalid:
            return await self._variant(
                request, actor, variant_id, errors=invalid.errors, values=values, status_code=400
            )
        return done(urls.WS_ITA_VARIANT.url(variant_id=variant_id), "saved")

    @readable(urls.WS_ITA_ITEM.path, name="admin_ita_item")
    async def show_item(
        self, request: Request[Any, Any, Any], actor: CurrentActor, item_id: FromPath[int]
    ) -> Template:
        item = await criteria.get_item(actor.school_id, item_id)
        return await self._item_page(request, actor, item, values=_item_form(item))

    async def _item_page(
        self, request: Request[Any, Any, Any], actor: CurrentActor, item: Item, **ctx: Any
    ) -> Template:
        return await page(
            request,
            actor,
            "admin_ita_item.html",
            item=item,
            covers=options(Covers),
            evidence_kinds=EVIDENCE,
            months=MONTHS,
            **ctx,
        )

    @post(urls.WS_ITA_ITEM.path, name="admin_ita_item_update")
    async def update_item(
        self, request: Request[Any, Any, Any], actor: CurrentActor, item_id: FromPath[int], data: FormData
    ) -> Template | Redirect:
        item = await criteria.get_item(actor.school_id, item_id)
        values = _item_values(data)
        try:
            await criteria.save_item(actor, item.variant_id, values, item_id)
        except InvalidInput as invalid:
            return await self._item_page(
                request, actor, item, errors=invalid.errors, values=values, status_code=400
            )
        return done(urls.WS_ITA_VARIANT.url(variant_id=item.variant_id), "saved")

    @post(urls.WS_ITA_ITEM_DELETE.path, name="admin_ita_item_delete")
    async def delete_item(self, actor: CurrentActor, item_id: FromPath[int]) -> Redirect:
        item = await criteria.get_item(actor.school_id, item_id)
        await criteria.delete_item(actor, item_id)
        return done(urls.WS_ITA_VARIANT.url(variant_id=item.variant_id), "deleted")
