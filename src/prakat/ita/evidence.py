"""What can satisfy an ITA item: a closed set of evidence kinds the check knows, and which fiscal year
an item covers. Item rows name these by value; adding a kind means teaching prakat.ita.check it."""

from __future__ import annotations

from enum import StrEnum
from typing import Final


class Evidence(StrEnum):
    PLAN = "plan"  # the year's plan announcement, or a statement that no plan is required
    ANNOUNCEMENTS = "announcements"  # the procurement announcements of the year
    MONTHLY_SUMMARIES = "monthly_summaries"  # the monthly summaries (สขร.1) of the item's months
    ANNUAL_REPORT = "annual_report"  # the annual procurement report of the year

    @property
    def label(self) -> str:
        return EVIDENCE_LABELS[self]


EVIDENCE_LABELS: Final = {
    Evidence.PLAN: "ประกาศเผยแพร่แผนการจัดซื้อจัดจ้าง หรือประกาศไม่มีการจัดทำแผน",
    Evidence.ANNOUNCEMENTS: "ประกาศเกี่ยวกับการจัดซื้อจัดจ้างของปี",
    Evidence.MONTHLY_SUMMARIES: "สรุปผลการจัดซื้อจัดจ้างรายเดือน (แบบ สขร.1) ของเดือนที่กำหนด",
    Evidence.ANNUAL_REPORT: "รายงานผลการจัดซื้อจัดจ้างประจำปี",
}


class Covers(StrEnum):
    """Which fiscal year an item covers, from the assessment year."""

    CURRENT = "current"  # the assessment year itself
    PREVIOUS = "previous"  # the fiscal year before it

    @property
    def label(self) -> str:
        return "ปีงบประมาณเดียวกับปีที่ประเมิน" if self is Covers.CURRENT else "ปีงบประมาณก่อนปีที่ประเมิน"

    def fiscal_year(self, assessment_year_be: int) -> int:
        return assessment_year_be if self is Covers.CURRENT else assessment_year_be - 1


def parse_evidence(text: str) -> tuple[Evidence, ...]:
    """Evidence kinds stored space-separated, in the order of the enum; ValueError (Thai) for one the
    check does not know."""
    found = set()
    for word in text.replace(",", " ").split():
        try:
            found.add(Evidence(word))
        except ValueError:
            raise ValueError(f"ไม่รู้จักหลักฐานชนิด “{word[:40]}”") from None
    return tuple(e for e in Evidence if e in found)


def store_evidence(kinds: tuple[Evidence, ...]) -> str:
    return " ".join(e.value for e in Evidence if e in kinds)
