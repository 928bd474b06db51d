"""The no-plan statement (ประกาศไม่มีการจัดทำแผนการจัดซื้อจัดจ้าง): what a school publishes instead of a
plan when every purchase of the year is within the s.11 exemption (ITA O19 footnote). The limit and
the clauses cited are dated rules (``RuleSet.plan_exemption_max``), not constants here."""

from __future__ import annotations

from prakat.db import tables as t
from prakat.errors import Conflict, InvalidInput
from prakat.money import from_satang
from prakat.rules import PLAN_KINDS, AnnouncementKind, format_limit, plan_required, rules_for
from prakat.workflow import AnnouncementStatus, ProcurementStatus


async def check_allowed(school_id: int, fiscal_year_id: int, year_be: int) -> None:
    """Refuse the statement for a year that has a published plan, or a purchase the plan must list."""
    if await t.Announcement.exists().where(
        (t.Announcement.school == school_id)
        & (t.Announcement.fiscal_year == fiscal_year_id)
        & (t.Announcement.status == AnnouncementStatus.PUBLISHED)
        & t.Announcement.kind.is_in(sorted({*PLAN_KINDS, AnnouncementKind.NO_PLAN_STATEMENT}))
    ):
        raise Conflict(f"ปีงบประมาณ พ.ศ. {year_be} เผยแพร่แผนการจัดซื้อจัดจ้างหรือประกาศไม่มีการจัดทำแผนแล้ว")
    rows = await t.Procurement.select(t.Procurement.subject, t.Procurement.budget_satang).where(
        (t.Procurement.school == school_id)
        & (t.Procurement.fiscal_year == fiscal_year_id)
        & (t.Procurement.status != ProcurementStatus.CANCELLED)
    )
    over = [r for r in rows if plan_required(from_satang(r["budget_satang"]), year_be)]
    if over:
        limit = format_limit(rules_for(year_be).plan_exemption_max)
        raise InvalidInput(
            {
                "year_be": f"ปีงบประมาณ: มีโครงการวงเงินเกิน {limit} บาท ซึ่งต้องอยู่ในแผนการจัดซื้อจัดจ้าง "
                f"({over[0]['subject']}) จึงต้องประกาศแผนแทน"
            }
        )


async def allowed(school_id: int, year_be: int) -> bool:
    """Whether the school may publish the statement for ``year_be`` (what :func:`check_allowed` says),
    for a sample that must not contradict the school's own records."""
    year = (
        await t.FiscalYear.select(t.FiscalYear.id)
        .where((t.FiscalYear.school == school_id) & (t.FiscalYear.year_be == year_be))
        .first()
    )
    if year is None:
        return True  # a year with no records has no plan and nothing over the limit
    try:
        await check_allowed(school_id, year["id"], year_be)
    except (Conflict, InvalidInput):
        return False
    return True
