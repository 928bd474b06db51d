"""The workspace's first page: where the year stands, what waits for whom, what is late."""

from __future__ import annotations

from datetime import date, timedelta

import msgspec

from prakat.announcements import service as announcements
from prakat.announcements.schemas import Announcement
from prakat.audit import Actor
from prakat.auth.roles import can
from prakat.errors import NotFound
from prakat.ita import warnings as ita_warnings
from prakat.plans.schemas import Plan
from prakat.plans.service import plans_for_year
from prakat.procurements import service as procurements
from prakat.procurements.schemas import Procurement
from prakat.schools.service import get_fiscal_year, get_school
from prakat.thai import fiscal_year_of
from prakat.workflow import IN_FLOW, PlanStatus, ProcurementStatus, Publishable, Transition, waiting_for

# The plan is due within 30 working days of the budget allocation (domain.md §1); 42 calendar days is
# the same span with weekends, without guessing holidays.
PLAN_DUE_AFTER = timedelta(days=42)
# An award not announced after this long is flagged.
WINNER_DUE_AFTER = timedelta(days=7)


class Waiting(msgspec.Struct, frozen=True):
    announcement: Announcement
    waiting_for: str  # Thai: who must act next


class Dashboard(msgspec.Struct, frozen=True, kw_only=True):
    year_be: int
    plan: Plan | None
    plan_state: str
    counts: dict[str, int]
    mine: tuple[Waiting, ...]  # what the signed-in person should act on
    pending: tuple[Waiting, ...]  # everything in the approval flow
    overdue: tuple[str, ...]


def _next_step(status: str, review_by_head: bool) -> Transition:
    """The row of the workflow table an announcement in the flow waits on: who acts next, and how."""
    step = waiting_for(Publishable.ANNOUNCEMENT, status, review_by_head=review_by_head)
    assert step is not None, status  # every state in the flow waits on someone (the table test)
    return step


def _is_mine(actor: Actor, step: Transition) -> bool:
    return actor.role is not None and can(actor.role, step.permission)


def _plan_state(plans: list[Plan], pending: list[Announcement]) -> str:
    if not plans:
        return "ยังไม่ได้จัดทำแผน"
    latest = plans[-1]
    label = "แผน" if latest.revision == 0 else f"แผนฉบับปรับปรุง ครั้งที่ {latest.revision}"
    if latest.status == PlanStatus.PUBLISHED:
        return f"{label} เผยแพร่แล้ว"
    if any(a.plan_id == latest.id for a in pending):
        return f"{label} รออนุมัติ"
    return f"{label} อยู่ระหว่างจัดทำ ({len(latest.items)} รายการ)"


async def build(actor: Actor, today: date) -> Dashboard:
    school = await get_school(actor.school_id)
    year_be = fiscal_year_of(today)
    plans = await plans_for_year(actor.school_id, year_be)
    in_flow = await announcements.list_announcements(
        actor.school_id,
        statuses=IN_FLOW,
    )
    found = await procurements.list_procurements(actor.school_id, year_be=year_be)
    counts = {status.value: 0 for status in ProcurementStatus}
    for p in found:
        counts[p.status] = counts.get(p.status, 0) + 1
    steps = {a.id: _next_step(a.status, school.review_by_head) for a in in_flow}
    waiting = [Waiting(a, steps[a.id].waiting_for) for a in in_flow]
    return Dashboard(
        year_be=year_be,
        plan=plans[-1] if plans else None,
        plan_state=_plan_state(plans, in_flow),
        counts=counts,
        mine=tuple(w for w in waiting if _is_mine(actor, steps[w.announcement.id])),
        pending=tuple(waiting),
        overdue=tuple(
            [
                *await _overdue(actor.school_id, year_be, plans, found, in_flow, today),
                *await ita_warnings.warnings(school, today),
            ]
        ),
    )


async def _overdue(
    school_id: int,
    year_be: int,
    plans: list[Plan],
    found: list[Procurement],
    in_flow: list[Announcement],
    today: date,
) -> list[str]:
    late: list[str] = []
    try:
        allocated = (await get_fiscal_year(school_id, year_be)).budget_allocated_on
    except NotFound:
        allocated = None
    if not any(p.status == PlanStatus.PUBLISHED for p in plans):
        if allocated and today > allocated + PLAN_DUE_AFTER:
            late.append(
                f"ยังไม่ได้เผยแพร่แผนการจัดซื้อจัดจ้างปีงบประมาณ {year_be} "
                f"ซึ่งควรเผยแพร่ภายใน 30 วันทำการหลังได้รับจัดสรรงบประมาณ"
            )
        elif not allocated:
            late.append(f"ยังไม่ได้เผยแพร่แผนการจัดซื้อจัดจ้างปีงบประมาณ {year_be}")
    pending_procurements = {a.procurement_id for a in in_flow if a.procurement_id}
    for p in found:
        if (
            p.award is not None
            and p.status != ProcurementStatus.AWARDED
            and p.id not in pending_procurements
            and today > p.award.awarded_on + WINNER_DUE_AFTER
        ):
            late.append(f"ได้ผู้ชนะ “{p.subject}” แล้ว แต่ยังไม่ได้ประกาศผู้ชนะ")
    return late
