"""The monthly summary (แบบ สขร.1, domain.md §3): the results of one calendar month of a fiscal year,
published like an announcement (drafted by the officer, approved, which signs it, by the director,
numbered, with its PDF, page and feed entry).

Its snapshot freezes the month's result rows (prakat.results) at submission; a correction is a new
summary of the same month that supersedes the one published before (``AnnouncementKindInfo.revises``,
prakat.announcements.drafting.revision_of).
A month that has not ended cannot be drafted or submitted; a month without procurement is a summary
that says "ไม่มีการจัดซื้อจัดจ้าง"; a winner recorded but not yet announced is published with a warning
naming the purchase, not refused.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from prakat.announcements.subjects import work_title
from prakat.db import tables as t
from prakat.errors import Conflict, InvalidInput
from prakat.procurements.results import results_of_year
from prakat.results import (
    MONTH_RULE_TEXT,
    MonthKey,
    ResultRow,
    ResultSet,
    SchoolInfo,
    rows_from_builtins,
    rows_to_builtins,
    totals,
)
from prakat.rules import AnnouncementKind
from prakat.thai import format_baht, format_date_full
from prakat.workflow import IN_FLOW

MONTHLY = AnnouncementKind.MONTHLY_SUMMARY
NOTHING = "ไม่มีการจัดซื้อจัดจ้าง"
TITLE = "สรุปผลการดำเนินการจัดซื้อจัดจ้างในรอบเดือน"


def month_key(year_be: int, month: int) -> MonthKey:
    try:
        return MonthKey.in_fiscal_year(year_be, month)
    except ValueError:
        raise InvalidInput({"month": "เดือน: ต้องเป็นเดือนที่ 1 ถึง 12"}) from None


def subject(year_be: int, month: int) -> str:
    """ "สรุปผลการดำเนินการจัดซื้อจัดจ้างในรอบเดือน มกราคม พ.ศ. 2569" (the form's title)."""
    return f"{TITLE} {month_key(year_be, month).label}"


def check_ended(year_be: int, month: int, today: date) -> None:
    """A month is summarised once it is over: before, its results are not all in."""
    key = month_key(year_be, month)
    if not key.has_ended(today):
        raise InvalidInput(
            {
                "month": f"เดือน: เดือน{key.label} ยังไม่สิ้นสุด (สิ้นสุดวันที่ "
                f"{format_date_full(key.last_day, thai_digits=False)}) จัดทำสรุปผลได้ตั้งแต่วันถัดไป"
            }
        )


def warning_of(row: ResultRow) -> str:
    """What the officer and the director are told about a winner not yet announced."""
    price = format_baht(row.agreed_price) if row.agreed_price is not None else "-"
    return (
        f"ยังไม่ได้ประกาศผลผู้ชนะของ {work_title(row.kind, row.subject)} "
        f"(ผู้ได้รับการคัดเลือก {row.winner_name} {price} บาท) แต่จะแสดงในสรุปผลเดือนนี้"
    )


def warnings(rows: tuple[ResultRow, ...]) -> list[str]:
    return [warning_of(r) for r in rows if r.awaits_announcement]


async def content(school_id: int, year_be: int, month: int) -> dict[str, Any]:
    """The snapshot part of a monthly summary: the month's rows, frozen, with their totals."""
    key = month_key(year_be, month)
    found = await results_of_year(school_id, year_be, month)
    sums = totals(found.rows)
    return {
        "year_be": year_be,
        "month_year": key.year,
        "month": key.month,
        "first": key.first_day.isoformat(),
        "last": key.last_day.isoformat(),
        "rule": MONTH_RULE_TEXT,
        "school": {
            "id": found.school.id,
            "slug": found.school.slug,
            "name": found.school.name,
            "agency_type": found.school.agency_type,
            "ministry": found.school.ministry,
            "area_office": found.school.area_office,
            "district": found.school.district,
            "province": found.school.province,
        },
        "rows": rows_to_builtins(found.rows),
        "totals": {
            "count": sums.count,
            "budget": str(sums.budget),
            "reference_price": str(sums.reference_price),
            "agreed_price": str(sums.agreed_price),
        },
        "warnings": warnings(found.rows),
    }


def result_set(snapshot: Mapping[str, Any]) -> ResultSet:
    """The frozen rows of a summary's snapshot, as typed rows."""
    m = snapshot["month_summary"]
    return ResultSet(
        school=SchoolInfo(**m["school"]),
        year_be=m["year_be"],
        month_year=m["month_year"],
        month=m["month"],
        rows=rows_from_builtins(m["rows"]),
    )


async def check_not_in_flow(school_id: int, fiscal_year_id: int, month: int) -> None:
    if await t.Announcement.exists().where(
        (t.Announcement.school == school_id)
        & (t.Announcement.fiscal_year == fiscal_year_id)
        & (t.Announcement.kind == MONTHLY.value)
        & (t.Announcement.month == month)
        & t.Announcement.status.is_in(list(IN_FLOW))
    ):
        raise Conflict("มีสรุปผลการจัดซื้อจัดจ้างของเดือนนี้ที่ยังไม่เผยแพร่อยู่แล้ว")
