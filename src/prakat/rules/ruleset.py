"""The shape of dated procurement rules.

A :class:`RuleSet` holds every figure and clause the law sets for fiscal years from
``valid_from_fy`` (B.E.) until the next rule set starts. A change in the law is a new
``RuleSet`` value appended to :data:`prakat.rules.data.RULE_SETS`, never an ``if`` in code.

Facts that were not verified ([U] in the domain brief) are named in ``unconfirmed`` (field
names of the rule or rule set), so reviewers, documents and tests can see them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, fields, replace
from decimal import Decimal
from enum import StrEnum
from itertools import pairwise

from prakat.rules.announcement_kinds import AnnouncementKind
from prakat.rules.methods import Method, ProcurementKind


class LimitPolicy(StrEnum):
    """What happens when an amount falls outside a method's usual range."""

    FORBIDDEN = "forbidden"
    """Not allowed at all."""
    WITH_REASON = "with_reason"
    """Allowed only with a stated reason (an exemption the law provides)."""
    NOTE = "note"
    """Allowed; the check only adds a note (e.g. e-bidding for a small amount)."""


@dataclass(frozen=True)
class MethodRule:
    """How one method may be used, for the fiscal years of its rule set.

    The usual range is ``minimum_exclusive < amount <= maximum`` (either bound may be None).
    ``label`` names the method and its legal basis in messages
    ("วิธีเฉพาะเจาะจงตามมาตรา 56 (2) (ข)"). Clause texts use Arabic digits; Thai digits are
    applied when a document is rendered.
    """

    method: Method
    label: str
    legal_clause: str
    minimum_exclusive: Decimal | None = None
    maximum: Decimal | None = None
    below_minimum: LimitPolicy = LimitPolicy.NOTE
    above_maximum: LimitPolicy = LimitPolicy.FORBIDDEN
    reason_required: bool = False
    reason_hint: str = ""
    """Thai: which reasons the law accepts (shown when a reason is required and missing)."""
    above_maximum_hint: str = ""
    """Thai: what to do instead, appended to the over-limit message."""
    exemption_clause: str | None = None
    """Clause to cite when the method is used above ``maximum`` with a reason."""
    allowed_kinds: frozenset[ProcurementKind] | None = None
    """None = any kind of procurement."""
    suggested: bool = True
    """Whether :func:`prakat.rules.suggest_methods` may propose this method."""
    unconfirmed: tuple[str, ...] = ()
    """Names of the fields of this rule whose values are not verified [U]."""

    def __post_init__(self) -> None:
        for name, value in (("minimum_exclusive", self.minimum_exclusive), ("maximum", self.maximum)):
            if value is not None and (not isinstance(value, Decimal) or not value.is_finite() or value < 0):
                raise ValueError(f"{self.method}: {name} must be a finite Decimal >= 0, got {value!r}")
        if (
            self.minimum_exclusive is not None
            and self.maximum is not None
            and self.minimum_exclusive >= self.maximum
        ):
            raise ValueError(f"{self.method}: minimum_exclusive must be below maximum")
        if not self.legal_clause.strip():
            raise ValueError(f"{self.method}: legal_clause is empty")
        if self.above_maximum is LimitPolicy.WITH_REASON and not self.exemption_clause:
            raise ValueError(f"{self.method}: a WITH_REASON limit needs an exemption_clause")
        _check_field_names(self, self.unconfirmed, owner=str(self.method))

    @property
    def confirmed(self) -> bool:
        return not self.unconfirmed

    def in_usual_range(self, amount: Decimal) -> bool:
        above_min = self.minimum_exclusive is None or amount > self.minimum_exclusive
        below_max = self.maximum is None or amount <= self.maximum
        return above_min and below_max


@dataclass(frozen=True)
class RuleSet:
    """All dated procurement figures, valid from fiscal year ``valid_from_fy`` (B.E.) onward."""

    valid_from_fy: int
    title: str
    """Thai: the law and letters this rule set follows."""
    method_rules: tuple[MethodRule, ...]
    single_inspector_max: Decimal
    """A single inspector instead of a committee, up to this amount."""
    plan_exemption_max: Decimal
    """s.11 / ITA O19 footnote: a procurement up to this amount need not be in the plan."""
    consultant_specific_max: Decimal
    design_supervision_specific_max: Decimal
    tor_hearing_optional_max: Decimal
    """The draft TOR hearing is optional up to this amount."""
    plan_exemption_clause: str = ""
    """Thai: the clause whose purchases need no plan up to ``plan_exemption_max`` ("มาตรา 56 วรรคหนึ่ง
    (2) (ข)"), as the no-plan statement cites it (Arabic digits)."""
    plan_exemption_rule: str = ""
    """Thai: the ministerial rule that sets ``plan_exemption_max``, cited by the no-plan statement."""
    quarterly_winners_clause: str = ""
    """Thai: the clauses under which purchases are announced a quarter at a time (ข้อ 79 วรรคสอง,
    ว 119), as the quarterly winners announcement cites them."""
    correction_clauses: tuple[tuple[AnnouncementKind, str], ...] = ()
    """Thai: for each kind of change or cancellation, the clause it is made under ("อาศัยอำนาจตาม…")."""
    tor_hearing_min_working_days: int = 3
    """The draft TOR / tender documents are open for comment at least this many working days."""
    winner_announcement_days: int = 3
    """The annual report counts a winner as announced on time when its winner announcement is
    published at most this many days after the award."""
    quarterly_announcement_days: int = 15
    """The same for a purchase listed by the quarterly winners announcement (ข้อ 79 วรรคสอง, ว 119):
    at most this many days after the quarter's end."""
    winner_announcement_rule: str = ""
    """Thai: the rule in words, shown in the annual report beside the count (Arabic digits)."""
    unconfirmed: tuple[str, ...] = ()
    """Names of the fields of this rule set whose values are not verified [U]."""
    sources: tuple[str, ...] = field(default=())

    def __post_init__(self) -> None:
        if isinstance(self.valid_from_fy, bool) or not isinstance(self.valid_from_fy, int):
            raise ValueError("valid_from_fy must be a B.E. year as int")
        if self.valid_from_fy < 2400:
            raise ValueError(f"valid_from_fy must be a Buddhist-era year, got {self.valid_from_fy}")
        seen: set[Method] = set()
        for rule in self.method_rules:
            if rule.method in seen:
                raise ValueError(f"FY{self.valid_from_fy}: two rules for {rule.method}")
            seen.add(rule.method)
        for kind, _ in self.correction_clauses:
            if not kind.info.is_correction:
                raise ValueError(
                    f"FY{self.valid_from_fy}: {kind} corrects nothing, it takes no correction clause"
                )
        _check_field_names(self, self.unconfirmed, owner=f"FY{self.valid_from_fy}")

    @property
    def methods(self) -> tuple[Method, ...]:
        return tuple(rule.method for rule in self.method_rules)

    def correction_clause(self, kind: AnnouncementKind) -> str:
        """The clause a change or cancellation of ``kind`` cites; "" when the rule set names none."""
        return next((clause for k, clause in self.correction_clauses if k is kind), "")

    def rule(self, method: Method) -> MethodRule | None:
        for rule in self.method_rules:
            if rule.method is method:
                return rule
        return None

    def with_rules(self, *rules: MethodRule) -> RuleSet:
        """A copy in which each given rule replaces the one for its method (or is added)."""
        new = {rule.method: rule for rule in rules}
        kept = tuple(new.pop(rule.method, rule) for rule in self.method_rules)
        return replace(self, method_rules=kept + tuple(new.values()))


class NoRuleSetError(LookupError):
    """No rule set covers the requested fiscal year."""


def find_rule_set(fiscal_year_be: int, rule_sets: Iterable[RuleSet]) -> RuleSet:
    """The rule set in force for ``fiscal_year_be``: the latest one starting at or before it."""
    if isinstance(fiscal_year_be, bool) or not isinstance(fiscal_year_be, int):
        raise TypeError(f"fiscal_year_be must be an int (B.E.), got {fiscal_year_be!r}")
    ordered = _ordered(rule_sets)
    if not ordered:
        raise NoRuleSetError("ยังไม่มีกฎเกณฑ์การจัดซื้อจัดจ้างสำหรับปีงบประมาณใดเลย")
    current: RuleSet | None = None
    for rule_set in ordered:
        if rule_set.valid_from_fy <= fiscal_year_be:
            current = rule_set
    if current is None:
        hint = " (ปีงบประมาณต้องเป็นปีพุทธศักราช เช่น 2569)" if fiscal_year_be < 2400 else ""
        raise NoRuleSetError(
            f"ไม่มีกฎเกณฑ์การจัดซื้อจัดจ้างสำหรับปีงบประมาณ พ.ศ. {fiscal_year_be}: "
            f"กฎเกณฑ์ที่มีเริ่มตั้งแต่ปีงบประมาณ พ.ศ. {ordered[0].valid_from_fy}{hint}"
        )
    return current


def _ordered(rule_sets: Iterable[RuleSet]) -> Sequence[RuleSet]:
    ordered = sorted(rule_sets, key=lambda rs: rs.valid_from_fy)
    for earlier, later in pairwise(ordered):
        if earlier.valid_from_fy == later.valid_from_fy:
            raise ValueError(f"two rule sets start in FY{later.valid_from_fy}")
    return ordered


def _check_field_names(instance: MethodRule | RuleSet, names: tuple[str, ...], *, owner: str) -> None:
    known = {f.name for f in fields(instance)}
    unknown = [name for name in names if name not in known]
    if unknown:
        raise ValueError(f"{owner}: unconfirmed names unknown fields {unknown}")
