"""Dated rule sets: lookup by fiscal year, adding a year as data, validation, [U] marks."""

from dataclasses import replace
from decimal import Decimal

import pytest

from prakat.rules import (
    RULE_SETS,
    LimitPolicy,
    Method,
    MethodRule,
    NoRuleSetError,
    RuleSet,
    check_method,
    legal_clause_for,
    rules_for,
    suggest_methods,
)
from prakat.rules.data import FY2561, FY2561_SPECIFIC, FY2561_SPECIFIC_W119

THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"

# A hypothetical later change, written the way a real one would be added to data.py:
# a CGD letter (like ว 804) raising the small-purchase limit to 50,000 from FY2570.
HYPOTHETICAL_FY2570 = replace(
    FY2561.with_rules(
        replace(
            FY2561_SPECIFIC_W119,
            maximum=Decimal("50000"),
            legal_clause="หนังสือกรมบัญชีกลาง ที่ กค (กวจ) 0405.2/ว 804 (สมมุติ)",
        )
    ),
    valid_from_fy=2570,
    title="ชุดกฎสมมุติสำหรับการทดสอบ",
)
WITH_LATER = (*RULE_SETS, HYPOTHETICAL_FY2570)


def test_first_rule_set_is_fy2561_and_applies_to_later_years() -> None:
    assert RULE_SETS[0].valid_from_fy == 2561
    assert rules_for(2561) is FY2561
    assert rules_for(2569) is FY2561


def test_rule_sets_are_in_order_and_start_in_distinct_years() -> None:
    years = [rs.valid_from_fy for rs in RULE_SETS]
    assert years == sorted(set(years))


@pytest.mark.parametrize("year", [2560, 2500, 2018, 0])
def test_years_before_the_first_rule_set_raise_a_thai_error(year: int) -> None:
    with pytest.raises(NoRuleSetError, match="2561"):
        rules_for(year)


def test_a_christian_era_year_gets_a_hint() -> None:
    with pytest.raises(NoRuleSetError, match="พุทธศักราช"):
        rules_for(2025)


def test_fiscal_year_must_be_an_int() -> None:
    with pytest.raises(TypeError):
        rules_for("2569")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        rules_for(True)


def test_a_later_rule_set_takes_over_at_its_first_fiscal_year() -> None:
    assert rules_for(2569, rule_sets=WITH_LATER) is FY2561
    assert rules_for(2570, rule_sets=WITH_LATER) is HYPOTHETICAL_FY2570
    assert rules_for(2575, rule_sets=WITH_LATER) is HYPOTHETICAL_FY2570
    # order of the sequence does not matter
    assert rules_for(2570, rule_sets=tuple(reversed(WITH_LATER))) is HYPOTHETICAL_FY2570


def test_checks_switch_at_the_boundary() -> None:
    amount = Decimal("20000.00")
    before = check_method(Method.SPECIFIC_W119, amount, 2569, rule_sets=WITH_LATER)
    after = check_method(Method.SPECIFIC_W119, amount, 2570, rule_sets=WITH_LATER)
    assert not before.allowed
    assert "10,000" in before.problems[0]
    assert after.allowed
    assert "ว 804" in after.legal_clause
    over = check_method(Method.SPECIFIC_W119, Decimal("50000.01"), 2570, rule_sets=WITH_LATER)
    assert not over.allowed
    assert "50,000 บาท" in over.problems[0]
    assert (
        legal_clause_for(Method.SPECIFIC_W119, 2569, rule_sets=WITH_LATER)
        == FY2561_SPECIFIC_W119.legal_clause
    )


def test_with_rules_replaces_in_place_and_keeps_other_rules() -> None:
    assert HYPOTHETICAL_FY2570.methods == FY2561.methods
    assert HYPOTHETICAL_FY2570.rule(Method.SPECIFIC) is FY2561_SPECIFIC
    w119 = HYPOTHETICAL_FY2570.rule(Method.SPECIFIC_W119)
    assert w119 is not None and w119.maximum == Decimal("50000")


def test_two_rule_sets_starting_in_the_same_year_are_rejected() -> None:
    with pytest.raises(ValueError, match="FY2561"):
        rules_for(2569, rule_sets=(FY2561, replace(FY2561, title="ซ้ำ")))


@pytest.mark.parametrize("rule_set", RULE_SETS, ids=lambda rs: f"FY{rs.valid_from_fy}")
@pytest.mark.parametrize("method", list(Method))
def test_every_method_has_a_clause_in_every_rule_set(rule_set: RuleSet, method: Method) -> None:
    rule = rule_set.rule(method)
    assert rule is not None
    assert rule.legal_clause.strip()
    assert legal_clause_for(method, rule_set.valid_from_fy) == rule.legal_clause


@pytest.mark.parametrize("rule_set", RULE_SETS, ids=lambda rs: f"FY{rs.valid_from_fy}")
def test_texts_in_data_use_arabic_digits(rule_set: RuleSet) -> None:
    texts = [rule_set.title]
    for rule in rule_set.method_rules:
        texts += [rule.label, rule.legal_clause, rule.reason_hint, rule.above_maximum_hint]
        texts += [rule.exemption_clause or ""]
    for text in texts:
        assert not any(d in text for d in THAI_DIGITS), text


def test_specific_clause_renders_to_the_standard_thai_citation() -> None:
    to_thai = str.maketrans("0123456789", THAI_DIGITS)
    assert legal_clause_for(Method.SPECIFIC, 2569).translate(to_thai) == (
        "มาตรา ๕๖ วรรคหนึ่ง (๒) (ข) แห่งพระราชบัญญัติการจัดซื้อจัดจ้างและการบริหารพัสดุภาครัฐ พ.ศ. ๒๕๖๐ "
        "และระเบียบกระทรวงการคลังว่าด้วยการจัดซื้อจัดจ้างและการบริหารพัสดุภาครัฐ พ.ศ. ๒๕๖๐ ข้อ ๗๙"
    )


def test_w119_and_general_invitation_clauses() -> None:
    assert legal_clause_for(Method.SPECIFIC_W119, 2561) == (
        "หนังสือกรมบัญชีกลาง ด่วนที่สุด ที่ กค (กวจ) 0405.2/ว 119 ลงวันที่ 7 มีนาคม 2561"
    )
    for method in (Method.E_BIDDING, Method.E_MARKET):
        assert legal_clause_for(method, 2561).startswith("มาตรา 55 (1) แห่งพระราชบัญญัติ")


def test_fy2561_figures() -> None:
    limits = {rule.method: (rule.minimum_exclusive, rule.maximum) for rule in FY2561.method_rules}
    assert limits == {
        Method.SPECIFIC: (None, Decimal("500000")),
        Method.SPECIFIC_W119: (None, Decimal("10000")),
        Method.SPECIFIC_URGENT_79: (None, Decimal("100000")),
        Method.E_MARKET: (Decimal("500000"), None),
        Method.E_BIDDING: (Decimal("500000"), None),
        Method.PRICE_INQUIRY: (Decimal("500000"), Decimal("5000000")),
        Method.SELECTION: (None, None),
    }
    assert FY2561.single_inspector_max == Decimal("100000")
    assert FY2561.plan_exemption_max == Decimal("500000")
    assert FY2561.consultant_specific_max == Decimal("500000")
    assert FY2561.design_supervision_specific_max == Decimal("5000000")


def test_unconfirmed_facts_are_marked_and_verified_ones_are_not() -> None:
    def unconfirmed(method: Method) -> tuple[str, ...]:
        rule = FY2561.rule(method)
        assert rule is not None
        return rule.unconfirmed

    assert "maximum" in unconfirmed(Method.SPECIFIC_URGENT_79)
    assert {"minimum_exclusive", "maximum", "reason_required"} <= set(unconfirmed(Method.PRICE_INQUIRY))
    assert "minimum_exclusive" in unconfirmed(Method.E_BIDDING)
    assert "maximum" not in unconfirmed(Method.SPECIFIC)
    assert "legal_clause" not in unconfirmed(Method.SPECIFIC)
    assert "maximum" not in unconfirmed(Method.SPECIFIC_W119)
    assert "tor_hearing_optional_max" in FY2561.unconfirmed
    assert "plan_exemption_max" not in FY2561.unconfirmed
    assert not FY2561_SPECIFIC.confirmed
    assert replace(FY2561_SPECIFIC, unconfirmed=()).confirmed


def test_a_method_missing_from_a_rule_set_is_not_allowed() -> None:
    without_w119 = replace(
        FY2561,
        valid_from_fy=2580,
        method_rules=tuple(r for r in FY2561.method_rules if r.method is not Method.SPECIFIC_W119),
    )
    rule_sets = (FY2561, without_w119)
    result = check_method(Method.SPECIFIC_W119, Decimal("100"), 2580, rule_sets=rule_sets)
    assert not result.allowed
    assert "2580" in result.problems[0]
    assert result.legal_clause == ""
    with pytest.raises(LookupError):
        legal_clause_for(Method.SPECIFIC_W119, 2580, rule_sets=rule_sets)


class TestValidation:
    def test_duplicate_method_rules_are_rejected(self) -> None:
        with pytest.raises(ValueError, match="two rules"):
            replace(FY2561, method_rules=(FY2561_SPECIFIC, FY2561_SPECIFIC))

    def test_unconfirmed_must_name_real_fields(self) -> None:
        with pytest.raises(ValueError, match="unknown fields"):
            replace(FY2561, unconfirmed=("no_such_field",))
        with pytest.raises(ValueError, match="unknown fields"):
            replace(FY2561_SPECIFIC, unconfirmed=("maximun",))

    def test_minimum_must_be_below_maximum(self) -> None:
        with pytest.raises(ValueError, match="minimum_exclusive"):
            replace(FY2561_SPECIFIC, minimum_exclusive=Decimal("500000"))

    def test_limits_must_be_decimals(self) -> None:
        with pytest.raises(ValueError, match="Decimal"):
            replace(FY2561_SPECIFIC, maximum=500000.0)  # type: ignore[arg-type]
        with pytest.raises(ValueError, match="Decimal"):
            replace(FY2561_SPECIFIC, maximum=Decimal("-1"))

    def test_an_overridable_limit_needs_an_exemption_clause(self) -> None:
        with pytest.raises(ValueError, match="exemption_clause"):
            MethodRule(
                Method.SPECIFIC,
                label="x",
                legal_clause="y",
                maximum=Decimal("1"),
                above_maximum=LimitPolicy.WITH_REASON,
            )

    def test_empty_clause_is_rejected(self) -> None:
        with pytest.raises(ValueError, match="legal_clause"):
            replace(FY2561_SPECIFIC, legal_clause="  ")

    def test_valid_from_fy_must_be_buddhist_era(self) -> None:
        with pytest.raises(ValueError, match="Buddhist"):
            replace(FY2561, valid_from_fy=2018)


def test_methods_that_always_need_a_reason_are_never_suggested() -> None:
    selection = FY2561.rule(Method.SELECTION)
    assert selection is not None
    eager = replace(FY2561.with_rules(replace(selection, suggested=True)), valid_from_fy=2580)
    assert Method.SELECTION not in suggest_methods(Decimal("1000"), 2580, rule_sets=(FY2561, eager))
