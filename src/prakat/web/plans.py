"""The plan editor: revisions, items (add, edit, reorder, delete), paste or upload from Excel, and the
plan announcement that sends a revision to the director."""

from __future__ import annotations

from typing import Annotated, Any

from litestar import Controller, Request, post
from litestar.datastructures import UploadFile
from litestar.enums import RequestEncodingType
from litestar.params import Body, FromPath, FromQuery
from litestar.response import Redirect, Template

from prakat import clock, locks, urls
from prakat.announcements import service as announcements
from prakat.auth.roles import Permission
from prakat.errors import Conflict, InvalidInput, NotFound
from prakat.plans import importing
from prakat.plans import service as plans
from prakat.plans.schemas import Plan, PlanItem
from prakat.rules import BudgetCategory, BudgetSource, Method, ProcurementKind
from prakat.thai import fiscal_year_of, format_baht
from prakat.web.auth import CurrentActor, requires
from prakat.web.forms import FormData, options
from prakat.web.pages import done, form_values, page
from prakat.web.routing import readable
from prakat.workflow import AnnouncementStatus

EDIT = [requires(Permission.EDIT)]
UploadData = Annotated[dict[str, Any], Body(media_type=RequestEncodingType.MULTI_PART)]


def _year_url(year_be: int, revision: int | None = None) -> str:
    return urls.WS_PLAN_YEAR.url({"revision": revision} if revision is not None else "", year=year_be)


def _item_form(item: PlanItem) -> dict[str, Any]:
    return {
        "name": item.name,
        "kind": item.kind,
        "budget": format_baht(item.budget),
        "budget_source": item.budget_source,
        "category": item.category,
        "planned_method": item.planned_method,
        "expected_month": f"{item.expected_month.month}/{item.expected_month.year + 543}",
        "egp_plan_code": item.egp_plan_code,
    }


class PlanController(Controller):
    @readable(urls.WS_PLANS.path, name="plans")
    async def index(self) -> Redirect:
        return Redirect(_year_url(fiscal_year_of(clock.today_bangkok())), status_code=303)

    async def _editor(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        year_be: int,
        revision: int | None = None,
        **ctx: Any,
    ) -> Template:
        revisions = await plans.plans_for_year(actor.school_id, year_be)
        chosen: Plan | None = None
        if revisions:
            chosen = next((p for p in revisions if p.revision == revision), revisions[-1])
        lock = await locks.plan_lock(chosen.id) if chosen else None
        plan_announcements = (
            await announcements.list_announcements(
                actor.school_id,
                plan_id=chosen.id,
                statuses=tuple(AnnouncementStatus),
            )
            if chosen
            else []
        )
        ctx.setdefault(
            "values", {"kind": "buy", "category": "operating", "budget_source": "per_head_subsidy"}
        )
        return await page(
            request,
            actor,
            "plans.html",
            year_be=year_be,
            revisions=revisions,
            plan=chosen,
            locked=lock,
            latest=revisions[-1] if revisions else None,
            plan_announcements=plan_announcements,
            announcement_status=announcements.STATUS_LABELS,
            kinds=options(ProcurementKind),
            sources=options(BudgetSource),
            categories=options(BudgetCategory),
            methods=options(Method),
            import_columns=[importing.FIELD_LABELS.get(c, c) for c in importing.DEFAULT_COLUMNS],
            **ctx,
        )

    @readable(urls.WS_PLAN_YEAR.path, name="plan_year")
    async def year(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        year: FromPath[int],
        revision: FromQuery[int | None] = None,
    ) -> Template:
        if not 2500 <= year <= 2700:
            raise NotFound(f"ปีงบประมาณ พ.ศ. {year}")
        return await self._editor(request, actor, year, revision)

    @post(urls.WS_PLAN_NEW.path, name="plan_create", guards=EDIT)
    async def create(self, actor: CurrentActor, year: FromPath[int]) -> Redirect:
        created = await plans.create_plan(actor, year)
        return done(_year_url(year, created.revision), "saved")

    @post(urls.WS_PLAN_DELETE.path, name="plan_delete", guards=EDIT)
    async def discard(self, actor: CurrentActor, plan_id: FromPath[int]) -> Redirect:
        plan = await plans.get_plan(actor.school_id, plan_id)
        await plans.discard_plan(actor, plan_id)
        return done(_year_url(plan.year_be), "deleted")

    @post(urls.WS_PLAN_ITEMS.path, name="plan_item_create", guards=EDIT)
    async def add_item(
        self, request: Request[Any, Any, Any], actor: CurrentActor, plan_id: FromPath[int], data: FormData
    ) -> Template | Redirect:
        plan = await plans.get_plan(actor.school_id, plan_id)
        try:
            await plans.add_plan_item(actor, plan_id, plans.parse_plan_item(data, plan.year_be))
        except InvalidInput as invalid:
            return await self._editor(
                request,
                actor,
                plan.year_be,
                plan.revision,
                errors=invalid.errors,
                values=form_values(data),
                status_code=400,
            )
        return done(_year_url(plan.year_be, plan.revision), "saved")

    @readable(urls.WS_PLAN_ITEM.path, name="plan_item", guards=EDIT)
    async def item(
        self, request: Request[Any, Any, Any], actor: CurrentActor, item_id: FromPath[int]
    ) -> Template:
        found = await plans.get_plan_item(actor.school_id, item_id)
        return await self._item_page(request, actor, found, values=_item_form(found))

    async def _item_page(
        self, request: Request[Any, Any, Any], actor: CurrentActor, found: PlanItem, **ctx: Any
    ) -> Template:
        plan = await plans.get_plan(actor.school_id, found.plan_id)
        return await page(
            request,
            actor,
            "plan_item.html",
            item=found,
            plan=plan,
            locked=await locks.plan_lock(plan.id),
            kinds=options(ProcurementKind),
            sources=options(BudgetSource),
            categories=options(BudgetCategory),
            methods=options(Method),
            **ctx,
        )

    @post(urls.WS_PLAN_ITEM.path, name="plan_item_update", guards=EDIT)
    async def update_item(
        self, request: Request[Any, Any, Any], actor: CurrentActor, item_id: FromPath[int], data: FormData
    ) -> Template | Redirect:
        found = await plans.get_plan_item(actor.school_id, item_id)
        plan = await plans.get_plan(actor.school_id, found.plan_id)
        try:
            await plans.update_plan_item(actor, item_id, plans.parse_plan_item(data, plan.year_be))
        except InvalidInput as invalid:
            return await self._item_page(
                request, actor, found, errors=invalid.errors, values=form_values(data), status_code=400
            )
        return done(_year_url(plan.year_be, plan.revision), "saved")

    @post(urls.WS_PLAN_ITEM_DELETE.path, name="plan_item_delete", guards=EDIT)
    async def delete_item(self, actor: CurrentActor, item_id: FromPath[int]) -> Redirect:
        found = await plans.get_plan_item(actor.school_id, item_id)
        plan = await plans.get_plan(actor.school_id, found.plan_id)
        await plans.delete_plan_item(actor, item_id)
        return done(_year_url(plan.year_be, plan.revision), "deleted")

    @post(urls.WS_PLAN_ITEM_MOVE.path, name="plan_item_move", guards=EDIT)
    async def move_item(self, actor: CurrentActor, item_id: FromPath[int], data: FormData) -> Redirect:
        offset = -1 if str(data.get("direction")) == "up" else 1
        plan = await plans.move_plan_item(actor, item_id, offset)
        return Redirect(_year_url(plan.year_be, plan.revision) + f"#item-{item_id}", status_code=303)

    @post(urls.WS_PLAN_IMPORT.path, name="plan_import", guards=EDIT)
    async def import_rows(
        self, request: Request[Any, Any, Any], actor: CurrentActor, plan_id: FromPath[int], data: UploadData
    ) -> Template | Redirect:
        """Preview what a paste or an .xlsx would add; with confirm=1, add the good rows."""
        plan = await plans.get_plan(actor.school_id, plan_id)
        upload = data.get("file")
        text = str(data.get("pasted") or "")
        if isinstance(upload, UploadFile) and upload.filename:
            result = await importing.read_xlsx(await upload.read(), plan.year_be)
            source = "file"
        else:
            result = await importing.read_pasted(text, plan.year_be)
            source = "paste"
        if data.get("confirm") and result.items and not result.problems:
            try:
                count = await importing.import_items(actor, plan_id, result)
            except Conflict as refused:
                return await self._editor(
                    request,
                    actor,
                    plan.year_be,
                    plan.revision,
                    import_problem=refused.message,
                    status_code=409,
                )
            if not result.errors:
                return done(_year_url(plan.year_be, plan.revision), "imported")
            # Good rows are in; the bad ones go back into the box for fixing.
            return await self._editor(
                request,
                actor,
                plan.year_be,
                plan.revision,
                imported=count,
                result=result,
                pasted=result.text_for_fixing(),
                status_code=400,
            )
        return await self._editor(
            request,
            actor,
            plan.year_be,
            plan.revision,
            result=result,
            pasted=text if source == "paste" else "",
            source=source,
            status_code=200 if result.ok else 400,
        )

    @post(urls.WS_PLAN_ANNOUNCE.path, name="plan_announce", guards=EDIT)
    async def announce(self, actor: CurrentActor, plan_id: FromPath[int]) -> Redirect:
        plan = await plans.get_plan(actor.school_id, plan_id)
        kind = "plan" if plan.revision == 0 else "plan_revision"
        drafted = await announcements.prepare(
            actor, announcements.parse_draft({"kind": kind, "plan_id": plan_id})
        )
        return done(urls.WS_ANNOUNCEMENT.url(announcement_id=drafted.id), "drafted")
