from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import msgspec


class PlanItemCreate(msgspec.Struct, frozen=True, kw_only=True):
    name: str
    kind: str
    budget: Decimal
    budget_source: str
    category: str
    planned_method: str
    expected_month: date  # first day of the month
    egp_plan_code: str = ""


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
