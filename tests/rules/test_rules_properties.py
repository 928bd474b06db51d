"""Properties of check_method over any amount, year, kind and reason."""

import re
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from prakat.rules import (
    Method,
    ProcurementKind,
    check_method,
    format_amount,
    rules_for,
    suggest_methods,
    validate_amount,
)

THAI = re.compile(r"[\u0E00-\u0E7F]")

BOUNDARIES = [Decimal(v) for v in ("0", "10000", "10000.01", "100000", "100000.01", "500000", "500000.01")]
BOUNDARIES += [Decimal("5000000"), Decimal("5000000.01")]
amounts = st.one_of(
    st.sampled_from(BOUNDARIES),
    st.decimals(min_value=0, max_value=10**10, places=2, allow_nan=False, allow_infinity=False),
)
years = st.integers(min_value=2561, max_value=2700)
kinds = st.one_of(st.none(), st.sampled_from(list(ProcurementKind)))
reasons = st.one_of(st.none(), st.just(""), st.just("เหตุผลตามกฎหมาย"))


@given(amounts, years, kinds)
def test_there_is_always_a_suggested_method(amount: Decimal, year: int, kind: ProcurementKind | None) -> None:
    assert suggest_methods(amount, year, kind=kind)


@given(amounts, years, kinds)
def test_suggested_methods_pass_check_method_without_a_reason(
    amount: Decimal, year: int, kind: ProcurementKind | None
) -> None:
    for method in suggest_methods(amount, year, kind=kind):
        result = check_method(method, amount, year, kind=kind)
        assert result.allowed, (method, amount, result.problems)
        assert not result.needs_reason
        assert method in result.suggested_methods


@given(st.sampled_from(list(Method)), amounts, years, kinds, reasons)
def test_allowed_exactly_when_there_are_no_problems_and_problems_are_thai(
    method: Method, amount: Decimal, year: int, kind: ProcurementKind | None, reason: str | None
) -> None:
    result = check_method(method, amount, year, kind=kind, reason=reason)
    assert result.allowed == (result.problems == ())
    assert all(THAI.search(p) for p in result.problems + result.notes)
    assert result.legal_clause


@given(st.sampled_from(list(Method)), amounts, years, kinds)
def test_giving_a_reason_never_makes_a_method_less_allowed(
    method: Method, amount: Decimal, year: int, kind: ProcurementKind | None
) -> None:
    if check_method(method, amount, year, kind=kind).allowed:
        assert check_method(method, amount, year, kind=kind, reason="เหตุผล").allowed


@given(st.sampled_from(list(Method)), amounts, years)
def test_over_limit_problems_name_the_limit_and_the_amount(
    method: Method, amount: Decimal, year: int
) -> None:
    rule = rules_for(year).rule(method)
    assert rule is not None
    result = check_method(method, amount, year)
    if rule.maximum is not None and amount > rule.maximum:
        text = " ".join(result.problems + result.notes)
        assert f"{rule.maximum:,.0f} บาท" in text
        assert f"{format_amount(amount)} บาท" in text


@given(amounts, years)
def test_specific_without_reason_is_allowed_exactly_up_to_500000(amount: Decimal, year: int) -> None:
    assert check_method(Method.SPECIFIC, amount, year).allowed == (amount <= Decimal("500000"))


@given(amounts)
def test_format_amount_round_trips(amount: Decimal) -> None:
    assert Decimal(format_amount(amount).replace(",", "")) == amount


@given(st.decimals(min_value=0, max_value=10**6, places=3, allow_nan=False, allow_infinity=False))
def test_amounts_with_three_decimals_are_rejected(amount: Decimal) -> None:
    if amount != amount.quantize(Decimal("0.01")):
        try:
            validate_amount(amount)
        except ValueError:
            return
        raise AssertionError(f"{amount} accepted")
    assert validate_amount(amount) is amount
