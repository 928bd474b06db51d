"""What publication has frozen. Kept apart from the services so that procurements and plans can ask
without importing the announcement workflow (which imports them)."""

from __future__ import annotations

from datetime import date

from prakat.db import tables as t
from prakat.rules import PLAN_KINDS, WINNER_KINDS, AnnouncementKind, Method
from prakat.thai import fiscal_quarter_of, fiscal_year_of
from prakat.workflow import EDITABLE, HOLDING, PlanStatus, ProcurementStatus

# An announcement in a HOLDING state fixes what it speaks about: the director is looking at it, or the
# public already is. A change announcement still being drafted (EDITABLE) reopens what it changes, for
# its author only: the public keeps reading the published snapshots until the change itself is approved.


async def _changing(procurement_id: int, kind: AnnouncementKind) -> bool:
    return bool(
        await t.Announcement.exists().where(
            (t.Announcement.procurement == procurement_id)
            & (t.Announcement.kind == kind.value)
            & t.Announcement.status.is_in(list(EDITABLE))
        )
    )


QUARTERLY = AnnouncementKind.QUARTERLY_WINNERS


async def held_kinds(procurement_id: int) -> set[AnnouncementKind]:
    """The kinds of the procurement's announcements that are with the director or the public."""
    rows = await t.Announcement.select(t.Announcement.kind).where(
        (t.Announcement.procurement == procurement_id) & t.Announcement.status.is_in(list(HOLDING))
    )
    return {AnnouncementKind(r["kind"]) for r in rows}


async def quarter_held(school_id: int, awarded_on: date) -> str | None:
    """Why a purchase awarded on ``awarded_on`` can no longer join or leave its quarter's
    announcement (it is with the director or public), or None. The quarter is the award's."""
    quarter = fiscal_quarter_of(awarded_on)
    if await t.Announcement.exists().where(
        (t.Announcement.school == school_id)
        & (t.Announcement.fiscal_year.year_be == fiscal_year_of(awarded_on))
        & (t.Announcement.kind == QUARTERLY.value)
        & (t.Announcement.quarter == quarter)
        & t.Announcement.status.is_in(list(HOLDING))
    ):
        return f"ประกาศผลผู้ชนะประจำไตรมาสที่ {quarter} ส่งขออนุมัติหรือเผยแพร่แล้ว จึงแก้ไขรายการในไตรมาสนั้นไม่ได้"
    return None


async def _quarter_lock(procurement_id: int) -> str | None:
    row = (
        await t.Award.select(
            t.Award.awarded_on,
            t.Award.procurement.school,
            t.Award.procurement.method,
        )
        .where(t.Award.procurement == procurement_id)
        .first()
    )
    if row is None:
        return None
    info = Method(row["procurement.method"]).info
    if QUARTERLY not in (*info.announcement_kinds, *info.optional_announcement_kinds):
        return None
    return await quarter_held(row["procurement.school"], row["awarded_on"])


async def procurement_lock(procurement_id: int) -> str | None:
    """Why the procurement's own fields can no longer change, or None."""
    if await _changing(procurement_id, AnnouncementKind.INVITATION_CHANGE):
        return None
    quarter = await _quarter_lock(procurement_id)
    if quarter:
        return quarter
    if await t.Announcement.exists().where(
        (t.Announcement.procurement == procurement_id) & t.Announcement.status.is_in(list(HOLDING))
    ):
        return (
            "โครงการนี้มีประกาศที่ส่งขออนุมัติหรือเผยแพร่แล้ว จึงแก้ไขรายละเอียดโครงการไม่ได้ หากต้องแก้ให้จัดทำประกาศแก้ไขหรือยกเลิก"
        )
    return None


async def award_lock(procurement_id: int) -> str | None:
    """Why bids and the winner can no longer change, or None."""
    procurement = (
        await t.Procurement.select(t.Procurement.status).where(t.Procurement.id == procurement_id).first()
    )
    if procurement is not None and procurement["status"] == ProcurementStatus.CANCELLED:
        return "โครงการนี้ยกเลิกแล้ว"
    if await _changing(procurement_id, AnnouncementKind.WINNER_CHANGE):
        return None
    if await t.Announcement.exists().where(
        (t.Announcement.procurement == procurement_id)
        & t.Announcement.status.is_in(list(HOLDING))
        & t.Announcement.kind.is_in(sorted(WINNER_KINDS))
    ):
        return "ประกาศผู้ชนะของโครงการนี้ส่งขออนุมัติหรือเผยแพร่แล้ว จึงแก้ไขผู้เสนอราคาและผู้ชนะไม่ได้"
    return await _quarter_lock(procurement_id)


async def plan_lock(plan_id: int) -> str | None:
    """Why a plan revision's items can no longer change, or None."""
    plan = await t.Plan.select(t.Plan.status).where(t.Plan.id == plan_id).first()
    if plan is not None and plan["status"] == PlanStatus.PUBLISHED:
        return "แผนฉบับนี้เผยแพร่แล้ว แก้ไขไม่ได้ ให้จัดทำแผนฉบับปรับปรุง"
    if await t.Announcement.exists().where(
        (t.Announcement.plan == plan_id)
        & t.Announcement.status.is_in(list(HOLDING))
        & t.Announcement.kind.is_in(sorted(PLAN_KINDS))
    ):
        return "แผนฉบับนี้ส่งขออนุมัติแล้ว แก้ไขไม่ได้จนกว่าจะถูกส่งกลับ"
    return None
