"""check_method and the helpers around it: boundaries, reasons, messages, amounts."""

import re
from decimal import Decimal

import pytest

from prakat.rules import (
    Method,
    NoRuleSetError,
    ProcurementKind,
    check_method,
    format_amount,
    format_limit,
    plan_required,
    plan_required_for_year,
    single_inspector_allowed,
    suggest_methods,
    validate_amount,
)
from prakat.rules.data import CLAUSE_SPECIFIC, CLAUSE_SPECIFIC_EXEMPTION

THAI = re.compile(r"[\u0E00-\u0E7F]")
FY = 2569
D = Decimal


class TestSpecificMethod:
    def test_exactly_500000_is_allowed_without_reason(self) -> None:
        result = check_method(Method.SPECIFIC, D("500000.00"), FY)
        assert result.allowed
        assert not result.needs_reason
        assert result.problems == ()
        assert result.legal_clause == CLAUSE_SPECIFIC

    def test_one_satang_over_is_not_allowed_and_names_the_limit(self) -> None:
        result = check_method(Method.SPECIFIC, D("500000.01"), FY)
        assert not result.allowed
        assert result.needs_reason
        assert len(result.problems) == 1
        assert result.problems[0].startswith(
            "วิธีเฉพาะเจาะจงตามมาตรา 56 (2) (ข) ใช้ได้เมื่อวงเงินไม่เกิน 500,000 บาท แต่วงเงินนี้คือ 500,000.01 บาท"
        )
        assert result.suggested_methods == (Method.E_MARKET, Method.E_BIDDING)

    def test_message_for_650000(self) -> None:
        result = check_method(Method.SPECIFIC, D("650000"), FY)
        assert result.problems[0].startswith(
            "วิธีเฉพาะเจาะจงตามมาตรา 56 (2) (ข) ใช้ได้เมื่อวงเงินไม่เกิน 500,000 บาท แต่วงเงินนี้คือ 650,000.00 บาท"
        )

    def test_a_stated_exemption_reason_makes_it_allowed_and_changes_the_clause(self) -> None:
        result = check_method(Method.SPECIFIC, D("650000"), FY, reason="มีผู้ประกอบการที่มีคุณสมบัติเพียงรายเดียว")
        assert result.allowed
        assert result.needs_reason
        assert result.problems == ()
        assert result.legal_clause == CLAUSE_SPECIFIC_EXEMPTION

    @pytest.mark.parametrize("blank", ["", "   ", "\n"])
    def test_a_blank_reason_is_no_reason(self, blank: str) -> None:
        assert not check_method(Method.SPECIFIC, D("650000"), FY, reason=blank).allowed

    def test_a_reason_below_the_limit_changes_nothing(self) -> None:
        result = check_method(Method.SPECIFIC, D("1000"), FY, reason="ไม่จำเป็น")
        assert result.allowed
        assert not result.needs_reason
        assert result.legal_clause == CLAUSE_SPECIFIC


class TestW119:
    def test_exactly_10000_is_allowed(self) -> None:
        result = check_method(Method.SPECIFIC_W119, D("10000"), FY, kind=ProcurementKind.BUY)
        assert result.allowed
        assert result.legal_clause.startswith("หนังสือกรมบัญชีกลาง")

    def test_one_satang_over_is_forbidden_even_with_a_reason(self) -> None:
        result = check_method(Method.SPECIFIC_W119, D("10000.01"), FY, reason="เร่งด่วน")
        assert not result.allowed
        assert not result.needs_reason
        assert "10,000 บาท" in result.problems[0]
        assert "10,000.01 บาท" in result.problems[0]
        assert Method.SPECIFIC in result.suggested_methods
        assert Method.SPECIFIC_W119 not in result.suggested_methods

    def test_not_for_construction(self) -> None:
        result = check_method(Method.SPECIFIC_W119, D("5000"), FY, kind=ProcurementKind.CONSTRUCTION)
        assert not result.allowed
        assert "จ้างก่อสร้าง" in result.problems[0]
        assert Method.SPECIFIC_W119 not in result.suggested_methods

    def test_suggested_for_small_purchases(self) -> None:
        assert suggest_methods(D("10000"), FY) == (Method.SPECIFIC, Method.SPECIFIC_W119)
        assert suggest_methods(D("10000.01"), FY) == (Method.SPECIFIC,)


class TestGeneralInvitation:
    @pytest.mark.parametrize("method", [Method.E_BIDDING, Method.E_MARKET])
    def test_above_500000_without_upper_bound(self, method: Method) -> None:
        for amount in (D("500000.01"), D("999999999.99")):
            result = check_method(method, amount, FY)
            assert result.allowed
            assert result.problems == result.notes == ()
            assert result.legal_clause.startswith("มาตรา 55 (1)")

    @pytest.mark.parametrize("method", [Method.E_BIDDING, Method.E_MARKET])
    def test_at_or_below_500000_is_allowed_with_a_note(self, method: Method) -> None:
        result = check_method(method, D("500000"), FY)
        assert result.allowed
        assert len(result.notes) == 1
        assert "500,000" in result.notes[0]

    def test_price_inquiry_needs_the_no_internet_reason(self) -> None:
        without = check_method(Method.PRICE_INQUIRY, D("800000"), FY)
        assert not without.allowed
        assert without.needs_reason
        assert "อินเทอร์เน็ต" in without.problems[0]
        assert check_method(Method.PRICE_INQUIRY, D("5000000"), FY, reason="ไม่มีอินเทอร์เน็ต").allowed

    def test_price_inquiry_above_5_million_is_forbidden(self) -> None:
        result = check_method(Method.PRICE_INQUIRY, D("5000000.01"), FY, reason="ไม่มีอินเทอร์เน็ต")
        assert not result.allowed
        assert "5,000,000 บาท" in result.problems[0]


class TestSelectionAndUrgent:
    @pytest.mark.parametrize("amount", [D("0"), D("1000"), D("50000000")])
    def test_selection_always_needs_a_reason(self, amount: Decimal) -> None:
        without = check_method(Method.SELECTION, amount, FY)
        assert not without.allowed
        assert without.needs_reason
        assert "มาตรา 56" in without.problems[0]
        with_reason = check_method(Method.SELECTION, amount, FY, reason="ประกาศเชิญชวนแล้วไม่มีผู้ยื่นข้อเสนอ")
        assert with_reason.allowed
        assert with_reason.needs_reason

    def test_urgent_79_up_to_100000_with_reason(self) -> None:
        assert check_method(Method.SPECIFIC_URGENT_79, D("100000"), FY, reason="น้ำท่วมฉับพลัน").allowed
        assert not check_method(Method.SPECIFIC_URGENT_79, D("100000"), FY).allowed
        over = check_method(Method.SPECIFIC_URGENT_79, D("100000.01"), FY, reason="น้ำท่วมฉับพลัน")
        assert not over.allowed
        assert "100,000 บาท" in over.problems[0]


class TestAmounts:
    @pytest.mark.parametrize(
        "bad",
        [500000.0, 500000, "500000", None, True, D("-0.01"), D("1.001"), D("NaN"), D("Infinity"), D("sNaN")],
    )
    def test_invalid_amounts_raise_a_thai_value_error(self, bad: object) -> None:
        with pytest.raises(ValueError, match=THAI.pattern):
            validate_amount(bad)
        with pytest.raises(ValueError):
            check_method(Method.SPECIFIC, bad, FY)  # type: ignore[arg-type]

    @pytest.mark.parametrize("good", [D("0"), D("0.0000"), D("1.230"), D("1.2"), D("1E+3"), D("12345678.90")])
    def test_valid_amounts(self, good: Decimal) -> None:
        assert validate_amount(good) is good

    def test_years_before_the_first_rule_set(self) -> None:
        with pytest.raises(NoRuleSetError):
            check_method(Method.SPECIFIC, D("1"), 2560)

    def test_formatting(self) -> None:
        assert format_amount(D("650000")) == "650,000.00"
        assert format_amount(D("0.5")) == "0.50"
        assert format_amount(D("1234567.89")) == "1,234,567.89"
        assert format_limit(D("500000")) == "500,000"
        assert format_limit(D("500000.50")) == "500,000.50"


class TestPlanAndInspector:
    def test_plan_required_above_500000(self) -> None:
        assert not plan_required(D("500000.00"), FY)
        assert plan_required(D("500000.01"), FY)

    def test_plan_required_for_year_is_per_procurement_not_total(self) -> None:
        assert not plan_required_for_year([], FY)
        assert not plan_required_for_year([D("400000"), D("400000"), D("500000")], FY)
        assert plan_required_for_year([D("100"), D("500000.01")], FY)

    def test_single_inspector(self) -> None:
        assert single_inspector_allowed(D("100000"), FY)
        assert not single_inspector_allowed(D("100000.01"), FY)
