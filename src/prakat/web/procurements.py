"""Procurements in the workspace: the form, the bids, the winner, and the announcements they lead to."""

from __future__ import annotations

from datetime import date
from typing import Any

from litestar import Controller, Request, post
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect, Template

from prakat import clock, locks, urls
from prakat.announcements import service as announcements
from prakat.auth.roles import Permission
from prakat.errors import InvalidInput
from prakat.plans import service as plans
from prakat.procurements import labels as procurement_labels
from prakat.procurements import service as procurements
from prakat.procurements.requirements import LABELS, required_fields
from prakat.procurements.schemas import DOCUMENT_FIELDS, Procurement
from prakat.rules import AnnouncementKind, BudgetSource, Method, ProcurementKind, legal_clause_for
from prakat.thai import fiscal_year_of, format_baht
from prakat.vendors import service as vendors
from prakat.web.auth import CurrentActor, requires
from prakat.web.forms import FormData, form_date, options, ticked
from prakat.web.pages import done, form_values, page
from prakat.web.routing import readable
from prakat.workflow import IN_FLOW, ProcurementStatus

EDIT = [requires(Permission.EDIT)]
REASONS = (
    "เป็นผู้มีคุณสมบัติถูกต้องครบถ้วนและเสนอราคาเหมาะสมภายในวงเงินงบประมาณ",
    "เสนอราคาต่ำสุด และมีคุณสมบัติถูกต้องครบถ้วน",
    "เป็นผู้มีอาชีพรับจ้างทำงานนั้นโดยตรง และเสนอราคาเหมาะสม",
)


def _as_form(p: Procurement) -> dict[str, Any]:
    """A saved procurement as the form shows it (what a teacher would type)."""
    return {
        "subject": p.subject,
        "kind": p.kind,
        "method": p.method,
        "method_reason": p.method_reason,
        "budget": format_baht(p.budget),
        "reference_price": format_baht(p.reference_price) if p.reference_price is not None else "",
        "budget_source": p.budget_source,
        "requested_on": form_date(p.requested_on),
        "egp_project_number": p.egp_project_number or "",
        "plan_item_id": p.plan_item_id or "",
        **{name: _form_value(getattr(p, name)) for name in DOCUMENT_FIELDS},
    }


def _form_value(value: Any) -> str:
    """A document field as typed: a day as วัน/เดือน/ปี พ.ศ., a time as 09.00, text as it is."""
    if value is None:
        return ""
    if isinstance(value, date):
        return form_date(value)
    text = str(value)
    if len(text) == 5 and text[2] == ":" and text.replace(":", "").isdigit():
        return text.replace(":", ".")
    return text


def _terms(p: Procurement) -> list[tuple[str, str]]:
    """What this procurement's announcements print of the officer's typing, as (label, value): the
    page shows what is still blank before an announcement is submitted."""
    kinds = [AnnouncementKind.REFERENCE_PRICE, *Method(p.method).info.all_announcement_kinds]
    names = dict.fromkeys(name for kind in kinds for name in required_fields(kind, p))
    return [(LABELS[name], _form_value(getattr(p, name))) for name in names]


def _next_kinds(p: Procurement, published: list[Any], in_flow: list[Any]) -> list[AnnouncementKind]:
    """The announcements an officer may start for this procurement now."""
    if p.status == ProcurementStatus.CANCELLED:
        return []
    busy = {a.kind for a in in_flow}
    done_kinds = {a.kind for a in published}
    kinds = [AnnouncementKind.REFERENCE_PRICE, *Method(p.method).info.all_announcement_kinds]
    offered = [k for k in dict.fromkeys(kinds) if k.value not in busy and k.value not in done_kinds]
    if p.award is None:
        offered = [k for k in offered if k is not AnnouncementKind.WINNER]
    return [k for k in offered if k is not AnnouncementKind.QUARTERLY_WINNERS]


class ProcurementController(Controller):
    async def _plan_items(self, school_id: int, year_be: int) -> list[tuple[int, str]]:
        plan = await plans.current_plan(school_id, year_be, published_only=False)
        if plan is None:
            return []
        return [(i.id, f"{i.position}. {i.name} ({format_baht(i.budget)} บาท)") for i in plan.items]

    async def _form(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        *,
        procurement: Procurement | None = None,
        **ctx: Any,
    ) -> Template:
        year_be = procurement.year_be if procurement else fiscal_year_of(clock.today_bangkok())
        return await page(
            request,
            actor,
            "procurement_form.html",
            procurement=procurement,
            kinds=options(ProcurementKind),
            methods=options(Method),
            sources=options(BudgetSource),
            plan_items=await self._plan_items(actor.school_id, year_be),
            clauses={m.value: legal_clause_for(m, year_be) for m in Method},
            doc_labels=LABELS,
            **ctx,
        )

    @readable(urls.WS_PROCUREMENTS.path, name="procurements")
    async def index(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        year: FromQuery[int | None] = None,
        status: FromQuery[str | None] = None,
    ) -> Template:
        year_be = year or fiscal_year_of(clock.today_bangkok())
        statuses = {status} if status is not None and status in procurements.STATUS_LABELS else None
        found = await procurements.list_procurements(actor.school_id, year_be=year_be, statuses=statuses)
        return await page(
            request,
            actor,
            "procurements.html",
            procurements=list(reversed(found)),
            year_be=year_be,
            status=status,
            status_labels=procurements.STATUS_LABELS,
        )

    @readable(urls.WS_PROCUREMENT_NEW.path, name="procurement_new", guards=EDIT)
    async def new(
        self, request: Request[Any, Any, Any], actor: CurrentActor, plan_item: FromQuery[int | None] = None
    ) -> Template:
        values: dict[str, Any] = {"requested_on": form_date(clock.today_bangkok())}
        if plan_item:
            item = await plans.get_plan_item(actor.school_id, plan_item)
            values |= {
                "plan_item_id": item.id,
                "subject": item.name,
                "kind": item.kind,
                "method": item.planned_method,
                "budget": format_baht(item.budget),
                "budget_source": item.budget_source,
            }
        return await self._form(request, actor, values=values)

    @post(urls.WS_PROCUREMENT_NEW.path, name="procurement_create", guards=EDIT)
    async def create(
        self, request: Request[Any, Any, Any], actor: CurrentActor, data: FormData
    ) -> Template | Redirect:
        try:
            created = await procurements.create_procurement(actor, procurements.parse_procurement(data))
        except InvalidInput as invalid:
            return await self._form(
                request, actor, errors=invalid.errors, values=form_values(data), status_code=400
            )
        return done(urls.WS_PROCUREMENT.url(procurement_id=created.id), "saved")

    @readable(urls.WS_PROCUREMENT.path, name="procurement")
    async def show(
        self, request: Request[Any, Any, Any], actor: CurrentActor, procurement_id: FromPath[int]
    ) -> Template:
        return await self._detail(request, actor, procurement_id)

    async def _refused(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        procurement_id: int,
        invalid: InvalidInput,
        data: FormData,
    ) -> Template:
        """The procurement's page again, with a form's Thai messages and what was typed."""
        return await self._detail(
            request, actor, procurement_id, errors=invalid.errors, values=form_values(data), status_code=400
        )

    async def _detail(
        self, request: Request[Any, Any, Any], actor: CurrentActor, procurement_id: int, **ctx: Any
    ) -> Template:
        p = await procurements.get_procurement(actor.school_id, procurement_id)
        # The award form starts with VAT included and today's date, as most purchases go.
        ctx.setdefault("values", {"vat_included": True, "awarded_on": form_date(clock.today_bangkok())})
        published = await announcements.list_announcements(actor.school_id, procurement_id=p.id)
        in_flow = await announcements.list_announcements(
            actor.school_id,
            procurement_id=p.id,
            statuses=IN_FLOW,
        )
        return await page(
            request,
            actor,
            "procurement.html",
            p=p,
            published=published,
            in_flow=in_flow,
            next_kinds=_next_kinds(p, published, in_flow),
            locked=await locks.procurement_lock(p.id),
            award_locked=await locks.award_lock(p.id),
            vendors=[(v.id, f"{v.name} ({v.tax_id})") for v in await vendors.list_vendors(actor.school_id)],
            reasons=REASONS,
            award_labels=procurement_labels.AWARD,
            bid_options=[(b.id, f"{b.vendor_name} ({format_baht(b.amount)} บาท)") for b in p.bids],
            status_labels=procurements.STATUS_LABELS,
            announcement_status=announcements.STATUS_LABELS,
            terms=_terms(p),
            **ctx,
        )

    @readable(urls.WS_PROCUREMENT_EDIT.path, name="procurement_edit", guards=EDIT)
    async def edit(
        self, request: Request[Any, Any, Any], actor: CurrentActor, procurement_id: FromPath[int]
    ) -> Template:
        p = await procurements.get_procurement(actor.school_id, procurement_id)
        return await self._form(
            request, actor, procurement=p, values=_as_form(p), locked=await locks.procurement_lock(p.id)
        )

    @post(urls.WS_PROCUREMENT_EDIT.path, name="procurement_update", guards=EDIT)
    async def update(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        procurement_id: FromPath[int],
        data: FormData,
    ) -> Template | Redirect:
        p = await procurements.get_procurement(actor.school_id, procurement_id)
        try:
            await procurements.update_procurement(actor, procurement_id, procurements.parse_procurement(data))
        except InvalidInput as invalid:
            return await self._form(
                request,
                actor,
                procurement=p,
                errors=invalid.errors,
                values=form_values(data),
                status_code=400,
            )
        return done(urls.WS_PROCUREMENT.url(procurement_id=procurement_id), "saved")

    @post(urls.WS_PROCUREMENT_DELETE.path, name="procurement_delete", guards=EDIT)
    async def delete(self, actor: CurrentActor, procurement_id: FromPath[int]) -> Redirect:
        await procurements.delete_procurement(actor, procurement_id)
        return done(urls.WS_PROCUREMENTS.url(), "deleted")

    @post(urls.WS_BIDS.path, name="bid_create", guards=EDIT)
    async def add_bid(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        procurement_id: FromPath[int],
        data: FormData,
    ) -> Template | Redirect:
        """A bid from a vendor in the directory, or from a new vendor typed in on the spot."""
        try:
            await procurements.add_bid_from_form(actor, procurement_id, form_values(data))
        except InvalidInput as invalid:
            return await self._refused(request, actor, procurement_id, invalid, data)
        return done(urls.WS_PROCUREMENT.url(procurement_id=procurement_id), "saved")

    @post(urls.WS_BID_DELETE.path, name="bid_delete", guards=EDIT)
    async def remove_bid(
        self, actor: CurrentActor, procurement_id: FromPath[int], bid_id: FromPath[int]
    ) -> Redirect:
        await procurements.remove_bid(actor, procurement_id, bid_id)
        return done(urls.WS_PROCUREMENT.url(procurement_id=procurement_id), "deleted")

    @post(urls.WS_AWARD.path, name="award_create", guards=EDIT)
    async def award(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        procurement_id: FromPath[int],
        data: FormData,
    ) -> Template | Redirect:
        values = ticked(form_values(data), "vat_included", "vat_shown")
        try:
            await procurements.award(actor, procurement_id, procurements.parse_award(values))
        except InvalidInput as invalid:
            return await self._refused(request, actor, procurement_id, invalid, data)
        return done(urls.WS_PROCUREMENT.url(procurement_id=procurement_id), "saved")

    @post(urls.WS_AWARD_DELETE.path, name="award_delete", guards=EDIT)
    async def remove_award(self, actor: CurrentActor, procurement_id: FromPath[int]) -> Redirect:
        await procurements.remove_award(actor, procurement_id)
        return done(urls.WS_PROCUREMENT.url(procurement_id=procurement_id), "deleted")
