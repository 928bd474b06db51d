"""The one month rule and the month arithmetic, pure."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from prakat.results import BidRow, MonthKey, ResultRow, month_of, rows_from_builtins, rows_to_builtins, totals


def test_the_contract_date_decides_else_the_award_date() -> None:
    assert month_of(date(2025, 10, 2), date(2025, 9, 28)) == MonthKey(2025, 10)
    assert month_of(None, date(2025, 9, 28)) == MonthKey(2025, 9)
    assert month_of(date(2025, 10, 2), None) is None  # no award, no result, no month
    # September's award contracted in October belongs to the next fiscal year.
    assert MonthKey(2025, 10).fiscal_year == 2569
    assert MonthKey(2025, 9).fiscal_year == 2568


def test_months_of_a_fiscal_year_and_their_end() -> None:
    months = MonthKey.of_fiscal_year(2569)
    assert months[0] == MonthKey(2025, 10) and months[-1] == MonthKey(2026, 9) and len(months) == 12
    assert MonthKey.in_fiscal_year(2569, 1) == MonthKey(2026, 1)
    assert MonthKey.in_fiscal_year(2569, 12) == MonthKey(2025, 12)
    assert MonthKey(2024, 2).last_day == date(2024, 2, 29)
    assert MonthKey(2025, 12).last_day == date(2025, 12, 31)
    assert not MonthKey(2026, 1).has_ended(date(2026, 1, 31))
    assert MonthKey(2026, 1).has_ended(date(2026, 2, 1))
    assert MonthKey(2026, 1).label == "มกราคม พ.ศ. 2569"


def _row(n: int, price: str | None, reference: str | None = None) -> ResultRow:
    return ResultRow(
        procurement_id=n,
        year_be=2569,
        month_year=2026,
        month=1,
        month_date=date(2026, 1, n),
        month_source="award",
        procurement_year_be=2569,
        subject=f"ซื้อวัสดุ {n}",
        kind="buy",
        kind_label="ซื้อ",
        budget=Decimal("1000.00"),
        reference_price=None if reference is None else Decimal(reference),
        method="specific",
        method_label="วิธีเฉพาะเจาะจง",
        method_short_label="เฉพาะเจาะจง",
        method_family_label="วิธีเฉพาะเจาะจง",
        legal_clause="",
        budget_source="school_income",
        budget_source_label="เงินรายได้สถานศึกษา",
        category="",
        category_label="",
        plan_item_id=None,
        plan_code="",
        plan_item_name="",
        egp_project_number="69019000123",
        requested_on=date(2026, 1, 1),
        status="awarded",
        status_label="ประกาศผู้ชนะแล้ว",
        bids=(BidRow(vendor_name="ร้าน ก", vendor_tax_id="0405000000011", amount=Decimal("990.50")),),
        winner_name=None if price is None else "ร้าน ก",
        agreed_price=None if price is None else Decimal(price),
        awarded_on=date(2026, 1, n),
    )


def test_rows_survive_a_snapshot_and_add_up() -> None:
    rows = (_row(1, "990.50", "1000"), _row(2, "10.25"), _row(3, None))
    assert rows_from_builtins(rows_to_builtins(rows)) == rows
    sums = totals(rows)
    assert (sums.count, sums.agreed_price, sums.reference_price, sums.budget) == (
        3,
        Decimal("1000.75"),
        Decimal("1000"),
        Decimal("3000.00"),
    )
    assert rows[0].savings == Decimal("9.50") and rows[1].savings == Decimal("989.75")
    assert rows[2].awaits_announcement is False and rows[0].awaits_announcement is True
