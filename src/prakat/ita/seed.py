"""The ITA procurement items as published for each assessment year (domain.md §1), copied into a
school's own criteria the first time it is checked. After that they are the school admin's data: edited
and extended in the workspace (a new year, a new variant) without code.

Sources: 2566 horwang.ac.th/oit66 (O19-O22 under 9.3); 2567 hia.anamai.moph.go.th/th/oit-3 (O19's
500,000-baht footnote); 2568 the vocational college copy of the criteria (O21 covers the first six months
of the year, O22 the previous year); 2569 the two variants found, agency (NACC: O11 monthly of the
current year, O12 annual summary plus the twelve monthly forms of the previous year) and vocational
(OVEC: O10 announcements, O11 annual report of the previous year at monthly level). The OBEC schools'
own 2569 list was not found [U]: a school picks the closer variant, or its admin adds its own.

``opens_on`` (when the assessment window opens, which starts the dashboard's annual-report warning) is
1 April of the assessment year [U: ITA collects the OIT links in the second half of the fiscal year];
an admin corrects it per item.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Final

from prakat.ita.evidence import Covers, Evidence

E, C = Evidence, Covers


@dataclass(frozen=True)
class ItemSeed:
    code: str
    title: str
    covers: Covers
    evidence: tuple[Evidence, ...]
    months: tuple[int, int] = (1, 12)  # fiscal months (1 = October) of the monthly summaries
    note: str = ""


@dataclass(frozen=True)
class VariantSeed:
    year_be: int
    code: str
    title: str
    items: tuple[ItemSeed, ...]

    @property
    def opens_on(self) -> date:
        return date(self.year_be - 543, 4, 1)


PLAN_TITLE: Final = "แผนการจัดซื้อจัดจ้างหรือแผนการจัดหาพัสดุ"
ANNOUNCEMENTS_TITLE: Final = "ประกาศต่าง ๆ เกี่ยวกับการจัดซื้อจัดจ้างหรือการจัดหาพัสดุ"
MONTHLY_TITLE: Final = "สรุปผลการจัดซื้อจัดจ้างหรือการจัดหาพัสดุรายเดือน"
ANNUAL_TITLE: Final = "รายงานผลการจัดซื้อจัดจ้างหรือการจัดหาพัสดุประจำปี"
NO_PLAN_NOTE: Final = (
    "หากไม่มีการจัดซื้อจัดจ้างวงเงินเกิน 500,000 บาท หรือกฎหมายไม่กำหนดให้จัดทำแผน ให้ประกาศว่าไม่มีการจัดทำแผน"
)
# The variant for every school where the year has only one list (2566-2568).
ALL: Final = "all"
VARIANT_TITLES: Final = {
    ALL: "ทุกหน่วยงาน",
    "agency": "หน่วยงานภาครัฐ (แบบ สำนักงาน ป.ป.ช.)",
    "vocational": "สถานศึกษาอาชีวศึกษา (สอศ.)",
}


def _o19_o22(year_be: int, monthly: tuple[int, int], plan_note: str = "") -> VariantSeed:
    return VariantSeed(
        year_be,
        ALL,
        VARIANT_TITLES[ALL],
        (
            ItemSeed("O19", PLAN_TITLE, C.CURRENT, (E.PLAN,), note=plan_note),
            ItemSeed("O20", ANNOUNCEMENTS_TITLE, C.CURRENT, (E.ANNOUNCEMENTS,)),
            ItemSeed("O21", MONTHLY_TITLE, C.CURRENT, (E.MONTHLY_SUMMARIES,), monthly),
            ItemSeed("O22", ANNUAL_TITLE, C.PREVIOUS, (E.ANNUAL_REPORT,)),
        ),
    )


SEED: Final[tuple[VariantSeed, ...]] = (
    _o19_o22(2566, (1, 12)),
    _o19_o22(2567, (1, 12), NO_PLAN_NOTE),
    _o19_o22(2568, (1, 6), NO_PLAN_NOTE),
    VariantSeed(
        2569,
        "agency",
        VARIANT_TITLES["agency"],
        (
            ItemSeed(
                "O11",
                MONTHLY_TITLE,
                C.CURRENT,
                (E.MONTHLY_SUMMARIES,),
                note="เผยแพร่ทุกเดือนของปีงบประมาณ อย่างน้อยหกเดือนแรก เป็นไฟล์ PDF และ XLSX (แบบ สขร.1)",
            ),
            ItemSeed(
                "O12",
                "รายงานสรุปผลการจัดซื้อจัดจ้างหรือการจัดหาพัสดุประจำปี",
                C.PREVIOUS,
                (E.MONTHLY_SUMMARIES, E.ANNUAL_REPORT),
                note="รายงานสรุปประจำปี และสรุปผลรายเดือนทั้งสิบสองเดือนของปีงบประมาณก่อน",
            ),
        ),
    ),
    VariantSeed(
        2569,
        "vocational",
        VARIANT_TITLES["vocational"],
        (
            ItemSeed("O10", ANNOUNCEMENTS_TITLE, C.CURRENT, (E.ANNOUNCEMENTS,)),
            ItemSeed(
                "O11",
                ANNUAL_TITLE,
                C.PREVIOUS,
                (E.MONTHLY_SUMMARIES, E.ANNUAL_REPORT),
                note="ข้อมูลของปีงบประมาณก่อน ในระดับรายเดือน",
            ),
        ),
    ),
)
