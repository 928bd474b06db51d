"""The annual procurement plan (แผนการจัดซื้อจัดจ้าง): revisions and their items."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from prakat import audit, clock, locks
from prakat.audit import Actor
from prakat.auth.checks import require
from prakat.auth.roles import Permission
from prakat.db import tables as t
from prakat.db.tx import write_transaction
from prakat.errors import Conflict, InvalidInput, NotFound
from prakat.money import from_satang, to_satang
from prakat.plans.schemas import Plan, PlanItem, PlanItemCreate
from prakat.schools.service import ensure_fiscal_year
from prakat.thai import fiscal_year_bounds
from prakat.validation import Fields, label
from prakat.workflow import PlanStatus

P = PlanStatus


def parse_plan_item(raw: Mapping[str, Any], fiscal_year_be: int) -> PlanItemCreate:
    f = Fields(raw)
    values = f.struct(PlanItemCreate)
    expected = values["expected_month"]
    if expected is not None:
        start, end = fiscal_year_bounds(fiscal_year_be)
        if not start.replace(day=1) <= expected <= end:
            month = label(PlanItemCreate, "expected_month")
            f.fail("expected_month", month, f"ต้องอยู่ในปีงบประมาณ {fiscal_year_be}")
    f.check()
    return PlanItemCreate(**values)


def _item(row: Mapping[str, Any]) -> PlanItem:
    return PlanItem(
        id=row["id"],
        plan_id=row["plan"],
        position=row["position"],
        name=row["name"],
        kind=row["kind"],
        budget=from_satang(row["budget_satang"]),
        budget_source=row["budget_source"],
        category=row["category"],
        planned_method=row["planned_method"],
        expected_month=row["expected_month"],
        egp_plan_code=row["egp_plan_code"],
    )


async def create_plan(actor: Actor, fiscal_year_be: int) -> Plan:
    """A new draft revision: revision 0 first, then ฉบับปรับปรุง ครั้งที่ N copying the last revision's
    items, so an amendment starts from what was published and the earlier revision stays as it was."""
    require(actor, Permission.EDIT)
    async with write_transaction():
        fy = await ensure_fiscal_year(actor, fiscal_year_be)
        last = (
            await t.Plan.select()
            .where(t.Plan.fiscal_year == fy.id)
            .order_by(t.Plan.revision, ascending=False)
            .first()
        )
        if last is not None and last["status"] != P.PUBLISHED:
            raise Conflict("มีแผนฉบับร่างที่ยังไม่เผยแพร่อยู่แล้ว แก้ไขฉบับนั้นก่อน")
        revision = 0 if last is None else last["revision"] + 1
        plan = t.Plan(
            school=actor.school_id,
            fiscal_year=fy.id,
            revision=revision,
            status=P.DRAFT,
            created_at=clock.now(),
        )
        await plan.save()
        await audit.record(actor, "create", "plan", plan.id, after=audit.snapshot(plan))
        if last is not None:
            for row in (
                await t.PlanItem.select().where(t.PlanItem.plan == last["id"]).order_by(t.PlanItem.position)
            ):
                copy = {k: v for k, v in row.items() if k not in {"id", "plan"}}
                await t.PlanItem.insert(t.PlanItem(**copy, plan=plan.id))
    return await get_plan(actor.school_id, plan.id)


async def _editable_plan(actor: Actor, plan_id: int) -> dict[str, Any]:
    require(actor, Permission.EDIT)
    plan = await _plan_row(actor.school_id, plan_id)
    reason = await locks.plan_lock(plan_id)
    if reason:
        raise Conflict(reason)
    return plan


def _item_values(data: PlanItemCreate) -> dict[str, Any]:
    return {
        "egp_plan_code": data.egp_plan_code,
        "name": data.name,
        "kind": data.kind,
        "budget_satang": to_satang(data.budget),
        "budget_source": data.budget_source,
        "category": data.category,
        "planned_method": data.planned_method,
        "expected_month": data.expected_month,
    }


async def add_plan_item(actor: Actor, plan_id: int, data: PlanItemCreate) -> PlanItem:
    async with write_transaction():
        await _editable_plan(actor, plan_id)
        count = await t.PlanItem.count().where(t.PlanItem.plan == plan_id)
        row = t.PlanItem(school=actor.school_id, plan=plan_id, position=count + 1, **_item_values(data))
        await row.save()
        await audit.record(actor, "create", "plan_item", row.id, after=audit.snapshot(row))
    return await get_plan_item(actor.school_id, row.id)


async def get_plan_item(school_id: int, item_id: int) -> PlanItem:
    return _item(await _item_row(school_id, item_id))


async def _item_row(school_id: int, item_id: int) -> dict[str, Any]:
    row = (
        await t.PlanItem.select().where((t.PlanItem.id == item_id) & (t.PlanItem.school == school_id)).first()
    )
    if row is None:
        raise NotFound("รายการในแผน")
    return dict(row)


async def update_plan_item(actor: Actor, item_id: int, data: PlanItemCreate) -> PlanItem:
    async with write_transaction():
        before = await _item_row(actor.school_id, item_id)
        await _editable_plan(actor, before["plan"])
        values = _item_values(data)
        await t.PlanItem.update({getattr(t.PlanItem, k): v for k, v in values.items()}).where(
            t.PlanItem.id == item_id
        )
        after = {**before, **values}
        await audit.record(
            actor, "update", "plan_item", item_id, before=audit.snapshot(before), after=audit.snapshot(after)
        )
    return await get_plan_item(actor.school_id, item_id)


async def delete_plan_item(actor: Actor, item_id: int) -> None:
    async with write_transaction():
        before = await _item_row(actor.school_id, item_id)
        plan_id = before["plan"]
        await _editable_plan(actor, plan_id)
        if await t.Procurement.exists().where(t.Procurement.plan_item == item_id):
            raise Conflict("มีโครงการจัดซื้อจัดจ้างที่อ้างถึงรายการนี้ ลบไม่ได้")
        await t.PlanItem.delete().where(t.PlanItem.id == item_id)
        await _renumber(plan_id, await _item_ids(plan_id))
        await audit.record(actor, "delete", "plan_item", item_id, before=audit.snapshot(before))


async def move_plan_item(actor: Actor, item_id: int, offset: int) -> Plan:
    """Move an item up (offset -1) or down (+1) in the plan's order."""
    async with write_transaction():
        before = await _item_row(actor.school_id, item_id)
        plan_id = before["plan"]
        await _editable_plan(actor, plan_id)
        ids = await _item_ids(plan_id)
        index = ids.index(item_id)
        target = min(max(index + offset, 0), len(ids) - 1)
        if target != index:
            ids.insert(target, ids.pop(index))
            await _renumber(plan_id, ids)
            await audit.record(
                actor,
                "move",
                "plan_item",
                item_id,
                before={"position": index + 1},
                after={"position": target + 1},
            )
    return await get_plan(actor.school_id, plan_id)


async def discard_plan(actor: Actor, plan_id: int) -> None:
    """Throw away a draft revision started by mistake. Anything an announcement speaks of stays."""
    require(actor, Permission.EDIT)
    async with write_transaction():
        plan = await _plan_row(actor.school_id, plan_id)
        if plan["status"] != P.DRAFT or await t.Announcement.exists().where(t.Announcement.plan == plan_id):
            raise Conflict("ลบได้เฉพาะแผนฉบับร่างที่ยังไม่มีประกาศ")
        if await t.Procurement.exists().where(t.Procurement.plan_item.plan == plan_id):
            raise Conflict("มีโครงการจัดซื้อจัดจ้างที่อ้างถึงรายการในแผนฉบับนี้ ลบไม่ได้")
        await t.PlanItem.delete().where(t.PlanItem.plan == plan_id)
        await t.Plan.delete().where(t.Plan.id == plan_id)
        await audit.record(actor, "delete", "plan", plan_id, before=audit.snapshot(plan))


async def _item_ids(plan_id: int) -> list[int]:
    rows = (
        await t.PlanItem.select(t.PlanItem.id).where(t.PlanItem.plan == plan_id).order_by(t.PlanItem.position)
    )
    return [r["id"] for r in rows]


async def _renumber(plan_id: int, ids: list[int]) -> None:
    # Two passes: positions are unique per plan, so park everything out of the way first.
    for offset, item_id in enumerate(ids, start=1):
        await t.PlanItem.update({t.PlanItem.position: -offset}).where(t.PlanItem.id == item_id)
    for position, item_id in enumerate(ids, start=1):
        await t.PlanItem.update({t.PlanItem.position: position}).where(t.PlanItem.id == item_id)


async def _plan_row(school_id: int, plan_id: int) -> dict[str, Any]:
    row = await t.Plan.select().where((t.Plan.school == school_id) & (t.Plan.id == plan_id)).first()
    if row is None:
        raise NotFound("แผนการจัดซื้อจัดจ้าง")
    return dict(row)


async def get_plan(school_id: int, plan_id: int) -> Plan:
    row = await _plan_row(school_id, plan_id)
    fy = await t.FiscalYear.select(t.FiscalYear.year_be).where(t.FiscalYear.id == row["fiscal_year"]).first()
    assert fy is not None
    items = await t.PlanItem.select().where(t.PlanItem.plan == plan_id).order_by(t.PlanItem.position)
    return Plan(
        id=row["id"],
        school_id=row["school"],
        fiscal_year_id=row["fiscal_year"],
        year_be=fy["year_be"],
        revision=row["revision"],
        status=row["status"],
        published_at=row["published_at"],
        items=tuple(_item(i) for i in items),
    )


async def plans_for_year(school_id: int, fiscal_year_be: int) -> list[Plan]:
    rows = (
        await t.Plan.select(t.Plan.id)
        .where((t.Plan.school == school_id) & (t.Plan.fiscal_year.year_be == fiscal_year_be))
        .order_by(t.Plan.revision)
    )
    return [await get_plan(school_id, r["id"]) for r in rows]


async def current_plan(school_id: int, fiscal_year_be: int, *, published_only: bool = True) -> Plan | None:
    """The newest revision the public may see (or the newest of any status for the workspace)."""
    plans = await plans_for_year(school_id, fiscal_year_be)
    if published_only:
        plans = [p for p in plans if p.status == P.PUBLISHED]
    return plans[-1] if plans else None


async def mark_plan_published(actor: Actor, plan_id: int, *, at: datetime | None = None) -> Plan:
    """Freeze a plan revision. The approval workflow and its announcement call this inside their own
    transaction, so the plan and its announcement publish together or not at all."""
    async with write_transaction():
        row = await _plan_row(actor.school_id, plan_id)
        if row["status"] == P.PUBLISHED:
            raise Conflict("แผนนี้เผยแพร่แล้ว")
        if not await t.PlanItem.exists().where(t.PlanItem.plan == plan_id):
            raise InvalidInput({"items": "แผนต้องมีอย่างน้อย 1 รายการ"})
        published_at = clock.require_aware(at) if at is not None else clock.now()
        await t.Plan.update({t.Plan.status: P.PUBLISHED, t.Plan.published_at: published_at}).where(
            t.Plan.id == plan_id
        )
        after = await _plan_row(actor.school_id, plan_id)
        await audit.record(
            actor, "publish", "plan", plan_id, before=audit.snapshot(row), after=audit.snapshot(after)
        )
    return await get_plan(actor.school_id, plan_id)
