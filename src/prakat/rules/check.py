"""Checks of a procurement against the rules in force for its fiscal year.

Every function is pure: the rules come from :data:`prakat.rules.data.RULE_SETS` unless another
sequence is passed as ``rule_sets`` (tests and what-if tools do that).
Amounts are the amount of one procurement (วงเงินที่จะซื้อหรือจ้างครั้งหนึ่ง), a ``Decimal``
of baht with at most 2 decimal places. Messages are Thai, for the school's budget staff.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from prakat.rules.data import RULE_SETS
from prakat.rules.methods import Method, ProcurementKind
from prakat.rules.ruleset import LimitPolicy, MethodRule, RuleSet, find_rule_set


@dataclass(frozen=True)
class MethodCheck:
    """The verdict on using ``method`` for ``amount`` in ``fiscal_year_be``.

    ``allowed``: every condition is met (including a required reason, when one was given).
    ``needs_reason``: this use of the method requires a stated reason — either always
    (selection, price inquiry, urgent purchases) or because the amount is above the method's
    limit and the law offers an exemption. It stays True when the reason was given, so the
    reason is recorded and printed; ``allowed`` tells whether it was given.
    ``problems``: Thai sentences; non-empty exactly when ``allowed`` is False.
    ``notes``: Thai advice that does not block (e.g. e-bidding for a small amount).
    ``legal_clause``: the clause to cite for this use (empty when the method has no rule).
    ``suggested_methods``: methods usable for this amount without any reason.
    """

    method: Method
    amount: Decimal
    fiscal_year_be: int
    allowed: bool
    needs_reason: bool
    problems: tuple[str, ...]
    notes: tuple[str, ...]
    legal_clause: str
    suggested_methods: tuple[Method, ...]


def first_fiscal_year(rule_sets: Sequence[RuleSet] = RULE_SETS) -> int:
    """The first B.E. fiscal year the rules cover: Prakat takes no year before it."""
    return min(rule_set.valid_from_fy for rule_set in rule_sets)


def rules_for(fiscal_year_be: int, *, rule_sets: Sequence[RuleSet] = RULE_SETS) -> RuleSet:
    """The rule set in force for a B.E. fiscal year; :class:`NoRuleSetError` before the first one."""
    return find_rule_set(fiscal_year_be, rule_sets)


def validate_amount(amount: object) -> Decimal:
    """Return ``amount`` if it is a finite ``Decimal`` ≥ 0 with at most 2 decimals, else ValueError."""
    if not isinstance(amount, Decimal):
        raise ValueError(f"จำนวนเงินต้องเป็นตัวเลขทศนิยมแบบ Decimal ไม่ใช่ {type(amount).__name__}")
    if not amount.is_finite():
        raise ValueError("จำนวนเงินต้องเป็นตัวเลข")
    if amount < 0:
        raise ValueError(f"จำนวนเงินต้องไม่ติดลบ แต่ได้ {amount} บาท")
    if _decimal_places(amount) > 2:
        raise ValueError(f"จำนวนเงินมีทศนิยมได้ไม่เกิน 2 ตำแหน่ง (สตางค์) แต่ได้ {amount} บาท")
    return amount


def check_method(
    method: Method,
    amount: Decimal,
    fiscal_year_be: int,
    *,
    kind: ProcurementKind | None = None,
    reason: str | None = None,
    rule_sets: Sequence[RuleSet] = RULE_SETS,
) -> MethodCheck:
    """Whether ``method`` may be used for a procurement of ``amount`` baht in ``fiscal_year_be``.

    Per method, the rule set decides what an amount outside the usual range means
    (:class:`LimitPolicy`): FORBIDDEN (e.g. ว 119 above 10,000), WITH_REASON (the specific
    method above 500,000 is lawful only for the other cases of s.56(2), so a stated reason
    makes it allowed and switches the clause to cite), or NOTE (e-bidding below 500,000).
    A blank reason counts as no reason.
    """
    amount = validate_amount(amount)
    rule_set = rules_for(fiscal_year_be, rule_sets=rule_sets)
    suggested = _suggest(rule_set, amount, kind)
    rule = rule_set.rule(method)
    if rule is None:
        problem = f"{method.label} ยังไม่มีกฎเกณฑ์รองรับในปีงบประมาณ พ.ศ. {fiscal_year_be} จึงใช้ไม่ได้"
        return MethodCheck(method, amount, fiscal_year_be, False, False, (problem,), (), "", suggested)

    has_reason = reason is not None and reason.strip() != ""
    problems: list[str] = []
    notes: list[str] = []
    needs_reason = rule.reason_required
    clause = rule.legal_clause

    if kind is not None and rule.allowed_kinds is not None and kind not in rule.allowed_kinds:
        kinds = _thai_or(k.label for k in ProcurementKind if k in rule.allowed_kinds)
        problems.append(f"{rule.label} ใช้กับงาน{kinds}เท่านั้น ไม่ใช้กับงาน{kind.label}")

    if rule.maximum is not None and amount > rule.maximum:
        message = (
            f"{rule.label} ใช้ได้เมื่อวงเงินไม่เกิน {format_limit(rule.maximum)} บาท "
            f"แต่วงเงินนี้คือ {format_amount(amount)} บาท"
        )
        if rule.above_maximum is LimitPolicy.WITH_REASON:
            needs_reason = True
            if has_reason:
                clause = rule.exemption_clause or clause
            else:
                problems.append(_sentence(message, rule.above_maximum_hint))
        elif rule.above_maximum is LimitPolicy.NOTE:
            notes.append(message)
        else:
            problems.append(_sentence(message, rule.above_maximum_hint))

    if rule.minimum_exclusive is not None and amount <= rule.minimum_exclusive:
        limit = format_limit(rule.minimum_exclusive)
        if rule.below_minimum is LimitPolicy.NOTE:
            notes.append(
                f"{rule.label} ปกติใช้เมื่อวงเงินเกิน {limit} บาท "
                f"วงเงินนี้คือ {format_amount(amount)} บาท ใช้วิธีนี้ได้แต่ไม่จำเป็น"
            )
        else:
            message = f"{rule.label} ใช้ได้เมื่อวงเงินเกิน {limit} บาท แต่วงเงินนี้คือ {format_amount(amount)} บาท"
            if rule.below_minimum is LimitPolicy.WITH_REASON:
                needs_reason = True
                if not has_reason:
                    problems.append(message)
            else:
                problems.append(message)

    if rule.reason_required and not has_reason:
        problems.append(_sentence(rule.label, rule.reason_hint or "ต้องระบุเหตุผล"))

    return MethodCheck(
        method=method,
        amount=amount,
        fiscal_year_be=fiscal_year_be,
        allowed=not problems,
        needs_reason=needs_reason,
        problems=tuple(problems),
        notes=tuple(notes),
        legal_clause=clause,
        suggested_methods=suggested,
    )


def suggest_methods(
    amount: Decimal,
    fiscal_year_be: int,
    *,
    kind: ProcurementKind | None = None,
    rule_sets: Sequence[RuleSet] = RULE_SETS,
) -> tuple[Method, ...]:
    """Methods usable for ``amount`` without any reason, in the rule set's order of preference."""
    amount = validate_amount(amount)
    return _suggest(rules_for(fiscal_year_be, rule_sets=rule_sets), amount, kind)


def legal_clause_for(method: Method, fiscal_year_be: int, *, rule_sets: Sequence[RuleSet] = RULE_SETS) -> str:
    """The clause to cite for ``method`` used within its usual limit (Arabic digits)."""
    rule = rules_for(fiscal_year_be, rule_sets=rule_sets).rule(method)
    if rule is None:
        raise LookupError(f"{method.label} ยังไม่มีกฎเกณฑ์รองรับในปีงบประมาณ พ.ศ. {fiscal_year_be}")
    return rule.legal_clause


def plan_required(amount: Decimal, fiscal_year_be: int, *, rule_sets: Sequence[RuleSet] = RULE_SETS) -> bool:
    """Whether a procurement of ``amount`` must appear in the published annual plan (s.11).

    The exemption is per procurement, not per year: pass one procurement's amount. For the
    ITA O19 footnote use :func:`plan_required_for_year` with every amount of the year.
    """
    amount = validate_amount(amount)
    return amount > rules_for(fiscal_year_be, rule_sets=rule_sets).plan_exemption_max


def plan_required_for_year(
    amounts: Iterable[Decimal], fiscal_year_be: int, *, rule_sets: Sequence[RuleSet] = RULE_SETS
) -> bool:
    """False when every procurement of the year is within the exemption (or there is none):
    the school may then publish a no-plan statement instead of a plan (ITA O19 footnote)."""
    return any(plan_required(amount, fiscal_year_be, rule_sets=rule_sets) for amount in amounts)


def single_inspector_allowed(
    amount: Decimal, fiscal_year_be: int, *, rule_sets: Sequence[RuleSet] = RULE_SETS
) -> bool:
    """Whether one inspector may replace an inspection committee for ``amount``."""
    amount = validate_amount(amount)
    return amount <= rules_for(fiscal_year_be, rule_sets=rule_sets).single_inspector_max


def format_amount(amount: Decimal) -> str:
    """``Decimal("650000")`` → ``"650,000.00"`` (Arabic digits; exact, no float)."""
    return f"{amount:,.2f}"


def format_limit(limit: Decimal) -> str:
    """A limit as written in the law: ``"500,000"``, or with satang when it has them."""
    if limit == limit.to_integral_value():
        return f"{limit:,.0f}"
    return format_amount(limit)


def _suggest(rule_set: RuleSet, amount: Decimal, kind: ProcurementKind | None) -> tuple[Method, ...]:
    return tuple(rule.method for rule in rule_set.method_rules if _suggestable(rule, amount, kind))


def _suggestable(rule: MethodRule, amount: Decimal, kind: ProcurementKind | None) -> bool:
    kind_ok = kind is None or rule.allowed_kinds is None or kind in rule.allowed_kinds
    return rule.suggested and not rule.reason_required and kind_ok and rule.in_usual_range(amount)


def _decimal_places(amount: Decimal) -> int:
    """Decimal places of the value, ignoring trailing zeros (``1.230`` has 2)."""
    _sign, digits, exponent = amount.as_tuple()
    if not isinstance(exponent, int) or amount.is_zero():  # special values are rejected earlier
        return 0
    places = -exponent
    index = len(digits) - 1
    while places > 0 and digits[index] == 0:  # a non-zero value has a non-zero digit
        places -= 1
        index -= 1
    return max(places, 0)


def _sentence(first: str, second: str) -> str:
    return f"{first} {second}" if second else first


def _thai_or(items: Iterable[str]) -> str:
    words = list(items)
    if len(words) <= 1:
        return "".join(words)
    return " ".join(words[:-1]) + " หรือ" + words[-1]
