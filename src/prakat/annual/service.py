"""The annual procurement report (รายงานผลการจัดซื้อจัดจ้างประจำปี): an announcement of its own kind
(AnnouncementKind.ANNUAL_REPORT, about a fiscal year) that goes through the same approval.

What submitting freezes (:func:`content`): the year's result rows (prakat.procurements.results, the
rows the monthly summaries list), the items of the year's newest published plan, the school's four
written parts and the dated on-time rule. Every figure is computed from that frozen content by
:func:`stats_of` (prakat.annual.stats), for the PDF, the public page and the XLSX alike.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

import msgspec

from prakat import clock
from prakat.annual import texts
from prakat.annual.stats import AnnualStats, PlanLine, annual_stats
from prakat.db import tables as t
from prakat.errors import InvalidInput, NotFound
from prakat.plans.service import current_plan
from prakat.procurements.results import results_of_year
from prakat.results.rows import rows_from_builtins, rows_to_builtins
from prakat.rules import AnnouncementKind, rules_for
from prakat.schools.service import get_school
from prakat.thai import fiscal_year_bounds, format_date_full
from prakat.workflow import AnnouncementStatus

KIND = AnnouncementKind.ANNUAL_REPORT


def check_year_ended(year_be: int) -> None:
    """A report speaks of a whole year: refused until the fiscal year is over."""
    last = fiscal_year_bounds(year_be)[1]
    if clock.today_bangkok() <= last:
        raise InvalidInput(
            {
                "year_be": f"ปีงบประมาณ: ปีงบประมาณ พ.ศ. {year_be} ยังไม่สิ้นสุด "
                f"(สิ้นสุดวันที่ {format_date_full(last, thai_digits=False)}) "
                "จึงยังจัดทำรายงานผลการจัดซื้อจัดจ้างประจำปีไม่ได้"
            }
        )


async def plan_lines(school_id: int, year_be: int) -> list[PlanLine]:
    plan = await current_plan(school_id, year_be)
    if plan is None:
        return []
    return [PlanLine(id=i.id, code=i.egp_plan_code, name=i.name, budget=i.budget) for i in plan.items]


async def content(school_id: int, year_be: int) -> dict[str, Any]:
    """The report's frozen content (plain JSON data) as the records stand now."""
    check_year_ended(year_be)
    results = await results_of_year(school_id, year_be)
    rules = rules_for(year_be)
    written = await texts.texts_of(school_id, year_be)
    school = await get_school(school_id)
    return {
        "year_be": year_be,
        "rows": rows_to_builtins(results.rows),
        "plan": [
            {"id": p.id, "code": p.code, "name": p.name, "budget": str(p.budget)}
            for p in await plan_lines(school_id, year_be)
        ],
        "texts": {part.value: written[part] for part in texts.Part},
        "on_time_days": rules.winner_announcement_days,
        "on_time_quarterly_days": rules.quarterly_announcement_days,
        "on_time_rule": rules.winner_announcement_rule,
        # Who writes the memo that comes with the report (the school's procurement officer).
        "officer": {"name": school.officer_name, "position": school.officer_position},
    }


def stats_of(annual: dict[str, Any]) -> AnnualStats:
    """Every figure of a report, from its frozen content."""
    plan = [
        PlanLine(id=int(p["id"]), code=p["code"], name=p["name"], budget=_decimal(p["budget"]))
        for p in annual["plan"]
    ]
    return annual_stats(
        rows_from_builtins(annual["rows"]),
        int(annual["year_be"]),
        plan,
        days=int(annual["on_time_days"]),
        rule=str(annual["on_time_rule"]),
        # Frozen since the quarterly listing has a deadline of its own; before, the same days.
        quarterly_days=int(annual.get("on_time_quarterly_days", annual["on_time_days"])),
    )


def _decimal(value: str) -> Decimal:
    return Decimal(value)


class PublishedReport(msgspec.Struct, frozen=True, kw_only=True):
    id: int
    number: str
    published_at: datetime
    annual: dict[str, Any]


async def published_report(school_id: int, year_be: int) -> PublishedReport:
    """The newest published annual report of ``year_be`` (a correction is a newer one), or NotFound:
    a draft, a returned report or another school's is never found here."""
    row = (
        await t.Announcement.select(
            t.Announcement.id, t.Announcement.number, t.Announcement.published_at, t.Announcement.snapshot
        )
        .where(
            (t.Announcement.school == school_id)
            & (t.Announcement.kind == KIND.value)
            & (t.Announcement.fiscal_year.year_be == year_be)
            & (t.Announcement.status == AnnouncementStatus.PUBLISHED)
        )
        .order_by(t.Announcement.sequence, ascending=False)
        .first()
    )
    if row is None:
        raise NotFound(f"รายงานผลการจัดซื้อจัดจ้างประจำปีงบประมาณ พ.ศ. {year_be}")
    snapshot = row["snapshot"]
    if isinstance(snapshot, str):
        snapshot = msgspec.json.decode(snapshot)
    return PublishedReport(
        id=int(row["id"]), number=row["number"], published_at=row["published_at"], annual=snapshot["annual"]
    )


def workbook_filename(year_be: int) -> str:
    return f"รายงานผลการจัดซื้อจัดจ้างประจำปีงบประมาณ {year_be}.xlsx"
