"""Plans: the inputs (a revision's fiscal year, an item, a move), declared once for the forms, the Excel
import and the API (see :mod:`prakat.validation`), and the plan as the service gives it back."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

import msgspec
from msgspec import Meta

from prakat.rules import (
    BudgetCategory,
    BudgetSource,
    Method,
    NoRuleSetError,
    ProcurementKind,
    first_fiscal_year,
    rules_for,
)
from prakat.thai import be_year, check_fiscal_year, parse_thai_date
from prakat.validation import POSITIVE, Read

FISCAL_YEAR_LABEL = "ปีงบประมาณ (พ.ศ.)"


def read_fiscal_year(value: Any) -> int:
    """A B.E. fiscal year as typed, or ValueError in Thai."""
    try:
        year = int(str(value).strip())
    except ValueError:
        raise ValueError("ต้องเป็นจำนวนเต็ม") from None
    check_fiscal_year(year)
    try:
        rules_for(year)  # a year before the dated rules (2543) is no plan Prakat can check
    except NoRuleSetError as exc:
        raise ValueError(str(exc)) from None
    return year


def read_month(value: Any) -> date:
    """Accept a month as a date, "3/2569", "มี.ค. 2569", "2026-03" or a full date; keep only the month."""
    if isinstance(value, date):
        return value.replace(day=1)
    text = str(value).strip()
    if text.count("/") == 1 or (text.count("-") == 1 and len(text) <= 7):
        text = "1/" + text.replace("-", "/") if "/" in text else f"{text}-01"
    elif len(text.split()) == 2:
        text = "1 " + text
    return parse_thai_date(text).replace(day=1)


def read_offset(value: Any) -> int:
    if isinstance(value, bool) or str(value).strip() not in {"-1", "1"}:
        raise ValueError("ต้องเป็น -1 (เลื่อนขึ้น) หรือ 1 (เลื่อนลง)")
    return int(str(value).strip())


FiscalYear = Annotated[
    int,
    Meta(
        title=FISCAL_YEAR_LABEL,
        description="ปีงบประมาณ พ.ศ. เช่น 2569 (fiscal year, B.E.)",
        ge=first_fiscal_year(),  # the rules' first year (2561): an earlier one is refused
        le=be_year(9999),
    ),
    Read(read_fiscal_year),
]


class PlanCreate(msgspec.Struct, frozen=True, kw_only=True):
    """แผนฉบับร่างใหม่ของปีงบประมาณ: ฉบับแรก หรือฉบับปรับปรุงที่คัดลอกรายการจากฉบับล่าสุด
    (a new draft revision of the fiscal year's plan)."""

    year_be: FiscalYear


class PlanItemCreate(msgspec.Struct, frozen=True, kw_only=True):
    """รายการในแผน (a plan item). เดือนที่คาดว่าจะประกาศต้องอยู่ในปีงบประมาณของแผน
    (the expected month must fall in the plan's fiscal year)."""

    name: Annotated[str, Meta(title="ชื่อโครงการ/รายการ", max_length=500)]
    kind: Annotated[ProcurementKind, Meta(title="ประเภท (ซื้อ/จ้าง/เช่า)")]
    budget: Annotated[Decimal, Meta(title="งบประมาณ (บาท)"), POSITIVE]
    budget_source: Annotated[BudgetSource, Meta(title="แหล่งเงิน")]
    category: Annotated[BudgetCategory, Meta(title="หมวดงบ")]
    planned_method: Annotated[Method, Meta(title="วิธีที่คาดว่าจะใช้")]
    # The first day of the month.
    expected_month: Annotated[
        date,
        Meta(
            title="เดือนที่คาดว่าจะประกาศ",
            description="เช่น 11/2568, 2025-11 หรือ พ.ย. 2568 (expected month: month/B.E. year, ISO or Thai)",
        ),
        Read(read_month, schema={"type": "string", "pattern": "^(0?[1-9]|1[0-2])/2[4-9][0-9]{2}$"}),
    ]
    egp_plan_code: Annotated[str, Meta(title="รหัสแผน e-GP", max_length=30)] = ""


class ItemMove(msgspec.Struct, frozen=True, kw_only=True):
    """เลื่อนรายการขึ้นหรือลงหนึ่งลำดับ (move an item up or down one place)."""

    offset: Annotated[
        Literal[-1, 1],
        Meta(title="การเลื่อนลำดับ", description="-1 = ขึ้น (up), 1 = ลง (down)"),
        Read(read_offset),
    ]


class PlanItem(msgspec.Struct, frozen=True, kw_only=True):
    id: int
    plan_id: int
    position: int
    name: str
    kind: str
    budget: Decimal
    budget_source: str
    category: str
    planned_method: str
    expected_month: date
    egp_plan_code: str


class Plan(msgspec.Struct, frozen=True, kw_only=True):
    id: int
    school_id: int
    fiscal_year_id: int
    year_be: int
    revision: int
    status: str
    published_at: datetime | None
    items: tuple[PlanItem, ...] = ()

    @property
    def total(self) -> Decimal:
        return sum((item.budget for item in self.items), Decimal("0.00"))
