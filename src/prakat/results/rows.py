"""Procurement results as typed rows: one :class:`ResultRow` per purchase, with every field the monthly
summary (แบบ สขร.1, domain.md §3), the annual report's statistics, the 16-column open-data layout and the
9-field ITA-o10 layout (domain.md §1) need, labels included, so that a frozen snapshot of rows can be
rendered years later without the live records.

Money is Decimal baht; dates are dates. ``msgspec.to_builtins`` gives the JSON a snapshot stores and
:func:`rows_from_builtins` reads it back.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Literal

import msgspec

from prakat.results.months import MonthKey

ZERO = Decimal("0.00")

# Which date put the row in its month (see prakat.results.months): the contract's, or the award's.
MonthSource = Literal["contract", "award", ""]


def _month_key(year: int | None, month: int | None) -> MonthKey | None:
    return None if year is None or month is None else MonthKey(year, month)


class BidRow(msgspec.Struct, frozen=True, kw_only=True):
    """One bidder and the price it offered (column 6 of สขร.1)."""

    vendor_name: str
    vendor_tax_id: str  # 13 Arabic digits, whole
    amount: Decimal


class SchoolInfo(msgspec.Struct, frozen=True, kw_only=True):
    """The agency columns of the open-data layout and the school line of the form."""

    id: int
    slug: str
    name: str
    agency_type: str
    ministry: str
    area_office: str
    district: str
    province: str


class ResultRow(msgspec.Struct, frozen=True, kw_only=True):
    """One purchase and its result."""

    procurement_id: int
    # The fiscal year and calendar month the result belongs to by the month rule (None: no result yet;
    # then ``year_be`` is the year the record was entered under).
    year_be: int
    month_year: int | None  # C.E. year of the month
    month: int | None  # 1-12
    month_date: date | None  # the date that decided the month
    month_source: MonthSource
    procurement_year_be: int  # the fiscal year the record was entered under
    subject: str
    kind: str  # prakat.rules.ProcurementKind value
    kind_label: str  # ซื้อ / จ้าง / เช่า / จ้างก่อสร้าง
    budget: Decimal  # วงเงินที่จะซื้อหรือจ้าง
    reference_price: Decimal | None  # ราคากลาง
    method: str  # prakat.rules.Method value
    method_label: str  # full Thai name
    method_short_label: str
    method_family_label: str  # one of the three of s.55
    legal_clause: str
    budget_source: str  # prakat.rules.BudgetSource value
    budget_source_label: str
    category: str  # prakat.rules.BudgetCategory value of its plan item ("" without one)
    category_label: str
    plan_item_id: int | None
    plan_code: str  # e-GP plan code, "" when none
    plan_item_name: str
    egp_project_number: str | None  # 11 Arabic digits, whole
    requested_on: date
    status: str  # prakat.workflow.ProcurementStatus value
    status_label: str
    bids: tuple[BidRow, ...] = ()
    winner_name: str | None = None
    winner_tax_id: str | None = None
    agreed_price: Decimal | None = None
    vat_included: bool | None = None
    reason: str = ""  # เหตุผลที่คัดเลือกโดยสรุป
    contract_number: str = ""
    contract_date: date | None = None
    awarded_on: date | None = None
    # Whether a published announcement names the winner (a winner announcement, its change, or a
    # quarterly winners announcement listing it), and which and when.
    winner_announced: bool = False
    winner_announced_on: date | None = None
    winner_published_at: datetime | None = None
    winner_announcement_kind: str = ""
    winner_announcement_number: str = ""

    @property
    def month_key(self) -> MonthKey | None:
        return _month_key(self.month_year, self.month)

    @property
    def has_result(self) -> bool:
        return self.agreed_price is not None

    @property
    def awaits_announcement(self) -> bool:
        """A winner is recorded but no published announcement names it yet."""
        return self.has_result and not self.winner_announced

    @property
    def savings(self) -> Decimal | None:
        """What the agreed price saved against the reference price, else against the budget."""
        if self.agreed_price is None:
            return None
        base = self.reference_price if self.reference_price is not None else self.budget
        return base - self.agreed_price


class Totals(msgspec.Struct, frozen=True, kw_only=True):
    count: int
    budget: Decimal
    reference_price: Decimal  # over the rows that have one
    agreed_price: Decimal


class ResultSet(msgspec.Struct, frozen=True, kw_only=True):
    """The results of a school's fiscal year, or of one month of it (``month`` set)."""

    school: SchoolInfo
    year_be: int
    month_year: int | None = None
    month: int | None = None
    rows: tuple[ResultRow, ...] = ()

    @property
    def month_key(self) -> MonthKey | None:
        return _month_key(self.month_year, self.month)

    @property
    def totals(self) -> Totals:
        return totals(self.rows)

    def of_month(self, key: MonthKey) -> ResultSet:
        """The rows of one month of this set."""
        return ResultSet(
            school=self.school,
            year_be=self.year_be,
            month_year=key.year,
            month=key.month,
            rows=tuple(r for r in self.rows if r.month_key == key),
        )


def totals(rows: Iterable[ResultRow]) -> Totals:
    count, budget, reference, agreed = 0, ZERO, ZERO, ZERO
    for r in rows:
        count += 1
        budget += r.budget
        reference += r.reference_price if r.reference_price is not None else ZERO
        agreed += r.agreed_price if r.agreed_price is not None else ZERO
    return Totals(count=count, budget=budget, reference_price=reference, agreed_price=agreed)


def sort_rows(rows: Iterable[ResultRow]) -> list[ResultRow]:
    """The order of the form: by the date that decided the month, then by record."""
    return sorted(rows, key=lambda r: (r.month_date or r.requested_on, r.procurement_id))


def rows_to_builtins(rows: Sequence[ResultRow]) -> list[dict[str, Any]]:
    """Plain JSON-able data (Decimal and dates as strings) for a frozen snapshot."""
    return [msgspec.to_builtins(r) for r in rows]


def rows_from_builtins(data: Sequence[Any]) -> tuple[ResultRow, ...]:
    """Rows back from a snapshot's plain data."""
    return tuple(msgspec.convert(data, tuple[ResultRow, ...], strict=False))
