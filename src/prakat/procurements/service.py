"""Procurements (โครงการจัดซื้อจัดจ้าง), their bids and the award to the winner."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from datetime import date
from typing import Any

from prakat import audit, clock, locks
from prakat.audit import Actor
from prakat.auth.checks import require
from prakat.auth.roles import Permission
from prakat.db import tables as t
from prakat.db.tx import write_transaction
from prakat.errors import Conflict, InvalidInput, NotFound
from prakat.money import from_satang, optional_from_satang, to_satang
from prakat.procurements import labels, requirements
from prakat.procurements.schemas import (
    DOCUMENT_FIELDS,
    Award,
    AwardCreate,
    Bid,
    BidCreate,
    Procurement,
    ProcurementCreate,
)
from prakat.rules import (
    AnnouncementKind,
    Method,
    NoRuleSetError,
    check_method,
    legal_clause_for,
    rules_for,
    working_days,
)
from prakat.schools.service import ensure_fiscal_year
from prakat.thai import fiscal_year_of, format_baht, validate_egp_project_number
from prakat.validation import Fields, fields_of, label, parse
from prakat.vendors import service as vendors
from prakat.workflow import PROCUREMENT_STATUS_LABELS, ProcurementStatus

# Where a procurement stands: ProcurementStatus, moved by publications (prakat.workflow.moves).
STATUS_LABELS = PROCUREMENT_STATUS_LABELS


def parse_procurement(raw: Mapping[str, Any]) -> ProcurementCreate:
    f = Fields(raw)
    values = f.struct(ProcurementCreate)
    method, budget, requested_on = values["method"], values["budget"], values["requested_on"]
    fiscal_year = fiscal_year_of(requested_on) if requested_on else None
    egp = values["egp_project_number"]
    if egp is not None and fiscal_year is not None:
        f.read(
            "egp_project_number",
            label(ProcurementCreate, "egp_project_number"),
            False,
            lambda value: validate_egp_project_number(str(value), fiscal_year_be=fiscal_year),
        )
    _check_periods(f, values, fiscal_year)
    if method is not None and budget is not None and fiscal_year is not None and "method" not in f.errors:
        reason = values["method_reason"] or None
        try:
            verdict = check_method(method, budget, fiscal_year, kind=values["kind"], reason=reason)
        except NoRuleSetError as exc:  # a day before the first fiscal year the rules cover
            f.fail("requested_on", label(ProcurementCreate, "requested_on"), str(exc))
        else:
            if not verdict.allowed:
                f.fail("method", label(ProcurementCreate, "method"), " ".join(verdict.problems))
    f.check()
    return ProcurementCreate(**values)


def _check_periods(f: Fields, values: Mapping[str, Any], fiscal_year: int | None) -> None:
    """The invitation's and the draft hearing's dates and times in order, and the hearing long enough."""

    def fail(name: str, message: str) -> None:
        if name not in f.errors:
            f.fail(name, label(ProcurementCreate, name), message)

    def before(first: str, second: str, message: str) -> None:
        a, b = values.get(first), values.get(second)
        if a and b and b < a:
            fail(second, message)

    before("documents_from", "documents_until", f"ต้องไม่ก่อน{label(ProcurementCreate, 'documents_from')}")
    before("documents_until", "bid_on", f"ต้องไม่ก่อน{label(ProcurementCreate, 'documents_until')}")
    before("hearing_from", "hearing_until", f"ต้องไม่ก่อน{label(ProcurementCreate, 'hearing_from')}")
    start, end = values.get("bid_from"), values.get("bid_until")
    if start and end and end <= start:
        fail("bid_until", f"ต้องหลัง{label(ProcurementCreate, 'bid_from')}")
    first, last = values.get("hearing_from"), values.get("hearing_until")
    if first and last and last >= first and fiscal_year is not None:
        problem = hearing_problem(first, last, fiscal_year)
        if problem:
            fail("hearing_until", problem)


def hearing_problem(first: date, last: date, fiscal_year: int) -> str | None:
    """Why a draft hearing from ``first`` to ``last`` is too short under the year's rules, or None."""
    try:
        least = rules_for(fiscal_year).tor_hearing_min_working_days
    except NoRuleSetError:
        return None
    days = working_days(first, last)
    if days >= least:
        return None
    return f"ต้องรับฟังความคิดเห็นอย่างน้อย {least} วันทำการ (ช่วงนี้มี {days} วันทำการ)"


def parse_bid(raw: Mapping[str, Any]) -> BidCreate:
    return parse(BidCreate, raw)


def parse_award(raw: Mapping[str, Any]) -> AwardCreate:
    f = Fields(raw)
    values = f.struct(AwardCreate)
    awarded_on, contract_date = values["awarded_on"], values["contract_date"]
    if awarded_on and contract_date and contract_date < awarded_on:
        f.fail("contract_date", labels.AWARD["contract_date"], f"ต้องไม่ก่อน{labels.AWARD['awarded_on']}")
    f.check()
    return AwardCreate(**values)


async def create_procurement(actor: Actor, data: ProcurementCreate) -> Procurement:
    require(actor, Permission.EDIT)
    year_be = fiscal_year_of(data.requested_on)
    clause = legal_clause_for(Method(data.method), year_be)
    async with write_transaction():
        fy = await ensure_fiscal_year(actor, year_be)
        await _check_plan_item(actor, data.plan_item_id, fy.id)
        now = clock.now()
        row = t.Procurement(
            school=actor.school_id,
            fiscal_year=fy.id,
            plan_item=data.plan_item_id,
            kind=data.kind,
            subject=data.subject,
            method=data.method,
            method_reason=data.method_reason,
            legal_clause=clause,
            budget_satang=to_satang(data.budget),
            reference_price_satang=None if data.reference_price is None else to_satang(data.reference_price),
            budget_source=data.budget_source,
            egp_project_number=data.egp_project_number,
            requested_on=data.requested_on,
            status=ProcurementStatus.DRAFT,
            created_at=now,
            updated_at=now,
            **{name: getattr(data, name) for name in DOCUMENT_FIELDS},
        )
        await row.save()
        await audit.record(actor, "create", "procurement", row.id, after=audit.snapshot(row))
    return await get_procurement(actor.school_id, row.id)


async def _check_plan_item(actor: Actor, plan_item_id: int | None, fiscal_year_id: int) -> None:
    if plan_item_id is None:
        return
    item = (
        await t.PlanItem.select(t.PlanItem.plan.fiscal_year)
        .where((t.PlanItem.id == plan_item_id) & (t.PlanItem.school == actor.school_id))
        .first()
    )
    if item is None:
        raise InvalidInput({"plan_item_id": "รายการในแผน: ไม่พบรายการนี้ในแผนของโรงเรียน"})
    if item["plan.fiscal_year"] != fiscal_year_id:
        raise InvalidInput({"plan_item_id": "รายการในแผน: อยู่คนละปีงบประมาณกับวันที่ขออนุมัติ"})


async def _procurement_row(school_id: int, procurement_id: int) -> dict[str, Any]:
    row = (
        await t.Procurement.select()
        .where((t.Procurement.school == school_id) & (t.Procurement.id == procurement_id))
        .first()
    )
    if row is None:
        raise NotFound("โครงการจัดซื้อจัดจ้าง")
    return dict(row)


async def _for_bids(actor: Actor, procurement_id: int) -> dict[str, Any]:
    """The procurement, if its bids and winner may still change."""
    require(actor, Permission.EDIT)
    row = await _procurement_row(actor.school_id, procurement_id)
    reason = await locks.award_lock(procurement_id)
    if reason:
        raise Conflict(reason)
    return row


async def update_procurement(actor: Actor, procurement_id: int, data: ProcurementCreate) -> Procurement:
    require(actor, Permission.EDIT)
    year_be = fiscal_year_of(data.requested_on)
    async with write_transaction():
        before = await _procurement_row(actor.school_id, procurement_id)
        reason = await locks.procurement_lock(procurement_id)
        if reason:
            await _only_open_terms(actor.school_id, procurement_id, data, reason)
        fy = await ensure_fiscal_year(actor, year_be)
        await _check_plan_item(actor, data.plan_item_id, fy.id)
        changes: dict[Any, Any] = {
            t.Procurement.fiscal_year: fy.id,
            t.Procurement.plan_item: data.plan_item_id,
            t.Procurement.kind: data.kind,
            t.Procurement.subject: data.subject,
            t.Procurement.method: data.method,
            t.Procurement.method_reason: data.method_reason,
            t.Procurement.legal_clause: legal_clause_for(Method(data.method), year_be),
            t.Procurement.budget_satang: to_satang(data.budget),
            t.Procurement.reference_price_satang: None
            if data.reference_price is None
            else to_satang(data.reference_price),
            t.Procurement.budget_source: data.budget_source,
            t.Procurement.egp_project_number: data.egp_project_number,
            t.Procurement.requested_on: data.requested_on,
            t.Procurement.updated_at: clock.now(),
            **{getattr(t.Procurement, name): getattr(data, name) for name in DOCUMENT_FIELDS},
        }
        await t.Procurement.update(changes).where(t.Procurement.id == procurement_id)
        after = await _procurement_row(actor.school_id, procurement_id)
        await audit.record(
            actor,
            "update",
            "procurement",
            procurement_id,
            before=audit.snapshot(before),
            after=audit.snapshot(after),
        )
    return await get_procurement(actor.school_id, procurement_id)


async def _only_open_terms(school_id: int, procurement_id: int, data: ProcurementCreate, reason: str) -> None:
    """A procurement held by an announcement keeps its own fields; what a later announcement prints
    (the invitation's terms after the reference price is published) stays open until that one is
    submitted. Conflict with ``reason`` otherwise, or naming the field and the announcement."""
    current = await get_procurement(school_id, procurement_id)
    own = [f.name for f in fields_of(ProcurementCreate) if f.name not in DOCUMENT_FIELDS]
    changed = {name for name in DOCUMENT_FIELDS if getattr(current, name) != getattr(data, name)}
    if not changed or any(getattr(current, name) != getattr(data, name) for name in own):
        raise Conflict(reason)
    for kind in sorted(await locks.held_kinds(procurement_id)):
        for name in changed.intersection(requirements.required_fields(kind, current)):
            raise Conflict(f"{requirements.LABELS[name]}: พิมพ์ใน{kind.label}ที่ส่งขออนุมัติหรือเผยแพร่แล้ว จึงแก้ไขไม่ได้")


async def delete_procurement(actor: Actor, procurement_id: int) -> None:
    """Only a procurement that never reached the director can go; anything else is history."""
    require(actor, Permission.EDIT)
    async with write_transaction():
        before = await _procurement_row(actor.school_id, procurement_id)
        if await t.Announcement.exists().where(t.Announcement.procurement == procurement_id):
            raise Conflict("โครงการนี้มีประกาศแล้ว ลบไม่ได้ หากไม่ดำเนินการต่อให้จัดทำประกาศยกเลิก")
        await t.Award.delete().where(t.Award.procurement == procurement_id)
        await t.Bid.delete().where(t.Bid.procurement == procurement_id)
        await t.Procurement.delete().where(t.Procurement.id == procurement_id)
        await audit.record(actor, "delete", "procurement", procurement_id, before=audit.snapshot(before))


async def add_bid(actor: Actor, procurement_id: int, data: BidCreate) -> Procurement:
    async with write_transaction():
        await _for_bids(actor, procurement_id)
        vendor = await t.Vendor.exists().where(
            (t.Vendor.id == data.vendor_id) & (t.Vendor.school == actor.school_id)
        )
        if not vendor:
            raise InvalidInput({"vendor_id": "ผู้เสนอราคา: ไม่พบในทะเบียนผู้ประกอบการของโรงเรียน"})
        if await t.Bid.exists().where(
            (t.Bid.procurement == procurement_id) & (t.Bid.vendor == data.vendor_id)
        ):
            raise InvalidInput({"vendor_id": "ผู้เสนอราคา: ผู้ประกอบการรายนี้เสนอราคาในโครงการนี้แล้ว"})
        row = t.Bid(
            school=actor.school_id,
            procurement=procurement_id,
            vendor=data.vendor_id,
            amount_satang=to_satang(data.amount),
            submitted_on=data.submitted_on,
        )
        await row.save()
        await audit.record(actor, "create", "bid", row.id, after=audit.snapshot(row))
    return await get_procurement(actor.school_id, procurement_id)


# The new-vendor fields of the bid form, named for the vendor form's own fields.
NEW_VENDOR_FIELDS = {
    "vendor_name": "name",
    "vendor_tax_id": "tax_id",
    "vendor_business_type": "business_type",
}


async def add_bid_from_form(actor: Actor, procurement_id: int, raw: Mapping[str, Any]) -> Procurement:
    """A bid from a vendor in the directory, or from a new vendor typed in on the spot (the form's
    vendor_name, vendor_tax_id, vendor_business_type). One transaction: a bid that fails must not leave
    its new vendor behind. Errors on the new vendor come back under the form's vendor_* names."""
    require(actor, Permission.EDIT)
    values = dict(raw)
    try:
        async with write_transaction():
            if not values.get("vendor_id") and (values.get("vendor_name") or values.get("vendor_tax_id")):
                vendor = await vendors.create_vendor(
                    actor,
                    vendors.parse_vendor({own: values.get(form) for form, own in NEW_VENDOR_FIELDS.items()}),
                )
                values["vendor_id"] = vendor.id
            return await add_bid(actor, procurement_id, parse_bid(values))
    except InvalidInput as invalid:
        form_names = {own: form for form, own in NEW_VENDOR_FIELDS.items()}
        raise InvalidInput({form_names.get(k, k): v for k, v in invalid.errors.items()}) from invalid


async def award(actor: Actor, procurement_id: int, data: AwardCreate) -> Procurement:
    """Record the winner: always one of this procurement's bids, at no more than it offered and within
    the budget."""
    async with write_transaction():
        proc = await _for_bids(actor, procurement_id)
        bid = (
            await t.Bid.select()
            .where((t.Bid.id == data.bid_id) & (t.Bid.procurement == procurement_id))
            .first()
        )
        errors: dict[str, str] = {}
        if bid is None:
            errors["bid_id"] = f"{labels.AWARD['bid_id']}: ต้องเป็นหนึ่งในผู้เสนอราคาของโครงการนี้"
        else:
            price = to_satang(data.agreed_price)
            label = labels.AWARD["agreed_price"]
            if price > bid["amount_satang"]:
                offered = format_baht(from_satang(bid["amount_satang"]))
                errors["agreed_price"] = f"{label}: ต้องไม่เกินราคาที่ผู้ชนะเสนอ ({offered} บาท)"
            elif price > proc["budget_satang"]:
                budget = format_baht(from_satang(proc["budget_satang"]))
                errors["agreed_price"] = f"{label}: เกินวงเงินงบประมาณ ({budget} บาท)"
            if data.awarded_on < proc["requested_on"]:
                errors["awarded_on"] = f"{labels.AWARD['awarded_on']}: ต้องไม่ก่อนวันที่ขออนุมัติ"
            elif AnnouncementKind.QUARTERLY_WINNERS in Method(proc["method"]).info.announcement_kinds:
                held = await locks.quarter_held(actor.school_id, data.awarded_on)
                if held:
                    errors["awarded_on"] = f"{labels.AWARD['awarded_on']}: {held}"
        if errors:
            raise InvalidInput(errors)
        assert bid is not None
        if await t.Award.exists().where(t.Award.procurement == procurement_id):
            raise Conflict("โครงการนี้มีผู้ชนะแล้ว")
        row = t.Award(
            school=actor.school_id,
            procurement=procurement_id,
            bid=bid["id"],
            vendor=bid["vendor"],
            agreed_price_satang=to_satang(data.agreed_price),
            vat_included=data.vat_included,
            reason=data.reason,
            contract_number=data.contract_number,
            contract_date=data.contract_date,
            awarded_on=data.awarded_on,
            created_at=clock.now(),
        )
        await row.save()
        await audit.record(actor, "create", "award", row.id, after=audit.snapshot(row))
    return await get_procurement(actor.school_id, procurement_id)


async def remove_bid(actor: Actor, procurement_id: int, bid_id: int) -> Procurement:
    async with write_transaction():
        await _for_bids(actor, procurement_id)
        bid = await t.Bid.select().where((t.Bid.id == bid_id) & (t.Bid.procurement == procurement_id)).first()
        if bid is None:
            raise NotFound("ผู้เสนอราคา")
        if await t.Award.exists().where(t.Award.bid == bid_id):
            raise Conflict("ผู้เสนอราคารายนี้เป็นผู้ชนะ ให้ลบผลการคัดเลือกก่อน")
        await t.Bid.delete().where(t.Bid.id == bid_id)
        await audit.record(actor, "delete", "bid", bid_id, before=audit.snapshot(bid))
    return await get_procurement(actor.school_id, procurement_id)


async def remove_award(actor: Actor, procurement_id: int) -> Procurement:
    async with write_transaction():
        await _for_bids(actor, procurement_id)
        row = await t.Award.select().where(t.Award.procurement == procurement_id).first()
        if row is None:
            raise NotFound("ผลการคัดเลือก")
        await t.Award.delete().where(t.Award.id == row["id"])
        await audit.record(actor, "delete", "award", row["id"], before=audit.snapshot(row))
    return await get_procurement(actor.school_id, procurement_id)


async def move_status(
    actor: Actor, procurement_id: int, status: ProcurementStatus, *, note: str = ""
) -> None:
    """Called by the announcement workflow inside its publishing transaction, never by a page."""
    row = await _procurement_row(actor.school_id, procurement_id)
    if row["status"] == status:
        return
    await t.Procurement.update({t.Procurement.status: status, t.Procurement.updated_at: clock.now()}).where(
        t.Procurement.id == procurement_id
    )
    after = {**row, "status": status}
    await audit.record(
        actor,
        "status",
        "procurement",
        procurement_id,
        before=audit.snapshot(row),
        after=audit.snapshot(after),
        note=note,
    )


async def get_procurement(school_id: int, procurement_id: int) -> Procurement:
    found = await list_procurements(school_id, ids=[procurement_id])
    if not found:
        raise NotFound("โครงการจัดซื้อจัดจ้าง")
    return found[0]


async def list_procurements(
    school_id: int,
    *,
    year_be: int | None = None,
    years: Collection[int] | None = None,
    statuses: set[str] | None = None,
    ids: list[int] | None = None,
) -> list[Procurement]:
    """Procurements with bids and award, oldest request first; three queries whatever the count.
    ``year_be`` or ``years``: entered under that fiscal year, or any of those."""
    query = t.Procurement.select(*t.Procurement.all_columns(), t.Procurement.fiscal_year.year_be).where(
        t.Procurement.school == school_id
    )
    if year_be is not None:
        query = query.where(t.Procurement.fiscal_year.year_be == year_be)
    if years is not None:
        query = query.where(t.Procurement.fiscal_year.year_be.is_in(sorted(years)))
    if statuses:
        query = query.where(t.Procurement.status.is_in(sorted(statuses)))
    if ids is not None:
        query = query.where(t.Procurement.id.is_in(ids))
    rows = await query.order_by(t.Procurement.requested_on).order_by(t.Procurement.id)
    if not rows:
        return []
    proc_ids = [r["id"] for r in rows]
    bid_rows = (
        await t.Bid.select(*t.Bid.all_columns(), t.Bid.vendor.name, t.Bid.vendor.tax_id)
        .where(t.Bid.procurement.is_in(proc_ids))
        .order_by(t.Bid.amount_satang)
    )
    award_rows = await t.Award.select(
        *t.Award.all_columns(),
        t.Award.vendor.name,
        t.Award.vendor.business_types,
        t.Award.vendor.business_type,
    ).where(t.Award.procurement.is_in(proc_ids))
    bids: dict[int, list[Bid]] = {}
    for b in bid_rows:
        bids.setdefault(b["procurement"], []).append(
            Bid(
                id=b["id"],
                vendor_id=b["vendor"],
                vendor_name=b["vendor.name"],
                vendor_tax_id=b["vendor.tax_id"],
                amount=from_satang(b["amount_satang"]),
                submitted_on=b["submitted_on"],
            )
        )
    awards = {
        a["procurement"]: Award(
            id=a["id"],
            bid_id=a["bid"],
            vendor_id=a["vendor"],
            vendor_name=a["vendor.name"],
            vendor_business_types=vendors.stored_types(
                {"business_types": a["vendor.business_types"], "business_type": a["vendor.business_type"]}
            ),
            agreed_price=from_satang(a["agreed_price_satang"]),
            vat_included=a["vat_included"],
            reason=a["reason"],
            contract_number=a["contract_number"],
            contract_date=a["contract_date"],
            awarded_on=a["awarded_on"],
        )
        for a in award_rows
    }
    return [
        Procurement(
            id=r["id"],
            school_id=r["school"],
            year_be=r["fiscal_year.year_be"],
            plan_item_id=r["plan_item"],
            kind=r["kind"],
            subject=r["subject"],
            method=r["method"],
            method_reason=r["method_reason"],
            legal_clause=r["legal_clause"],
            budget=from_satang(r["budget_satang"]),
            reference_price=optional_from_satang(r["reference_price_satang"]),
            budget_source=r["budget_source"],
            egp_project_number=r["egp_project_number"],
            requested_on=r["requested_on"],
            status=r["status"],
            created_at=r["created_at"],
            updated_at=r["updated_at"],
            bids=tuple(bids.get(r["id"], [])),
            award=awards.get(r["id"]),
            **{name: r[name] for name in DOCUMENT_FIELDS},
        )
        for r in rows
    ]
