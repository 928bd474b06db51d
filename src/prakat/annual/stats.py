"""The annual report's statistics: pure functions over the year's result rows (prakat.results), so the
report counts exactly what the monthly summaries list (one definition of a purchase's month and of
its amounts). Money is Decimal; per cents are rounded half up to two places.

Which rows: those with a result in the fiscal year by the month rule (``ResultRow.month_key`` in the
year): what the twelve monthly summaries of the year hold, neither more nor less.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

import msgspec

from prakat.results import MonthKey, ResultRow, Totals, totals
from prakat.rules import AnnouncementKind
from prakat.thai import fiscal_quarter_bounds, fiscal_quarter_of, fiscal_year_of, thai_month_name

ZERO = Decimal("0.00")
HUNDRED = Decimal(100)
LARGEST = 10  # how many of the largest purchases the report lists


class Group(msgspec.Struct, frozen=True, kw_only=True):
    """One line of a breakdown: its key (a method, a source, a month "2568-10"...) and its sums."""

    key: str
    label: str
    count: int
    budget: Decimal
    reference_price: Decimal
    agreed_price: Decimal


class Savings(msgspec.Struct, frozen=True, kw_only=True):
    """Budget against reference price against agreed price, and what the agreed prices saved."""

    budget: Decimal
    reference_price: Decimal  # over the purchases that have one
    agreed_price: Decimal
    against_budget: Decimal  # budget - agreed price, every purchase
    against_budget_percent: Decimal
    with_reference_count: int
    agreed_with_reference: Decimal  # the agreed prices of the purchases that have a reference price
    against_reference: Decimal  # reference price - agreed price over those
    against_reference_percent: Decimal


class PlanLine(msgspec.Struct, frozen=True, kw_only=True):
    """One item of the year's plan (the newest published revision)."""

    id: int
    code: str  # e-GP plan code, "" when none
    name: str
    budget: Decimal

    def covers(self, r: ResultRow) -> bool:
        """``r`` carries out this item: taken from it, or (from an earlier revision of the plan, whose
        items had other ids) from an item with the same plan code or name."""
        if r.plan_item_id is None:
            return False
        return (
            r.plan_item_id == self.id
            or bool(self.code and r.plan_code == self.code)
            or (r.plan_item_name == self.name)
        )


class PlanProgress(msgspec.Struct, frozen=True, kw_only=True):
    items: int
    items_carried_out: int  # plan items with at least one purchase that has a result in the year
    items_percent: Decimal
    planned_budget: Decimal
    carried_out_budget: Decimal  # the planned budget of those items
    budget_percent: Decimal
    agreed_price: Decimal  # what their purchases were agreed at
    outside_plan: int  # purchases with a result that are not from a plan item


class OnTime(msgspec.Struct, frozen=True, kw_only=True):
    """Winners announced on time by the dated rule (RuleSet.winner_announcement_days)."""

    days: int
    rule: str
    awarded: int
    on_time: int
    late: int
    not_announced: int


class AnnualStats(msgspec.Struct, frozen=True, kw_only=True):
    year_be: int
    rows: tuple[ResultRow, ...]  # what is counted: the year's results, in the order of the form
    totals: Totals
    by_method: tuple[Group, ...]
    by_source: tuple[Group, ...]
    by_kind: tuple[Group, ...]
    by_month: tuple[Group, ...]  # all twelve, October first, empty months included
    by_quarter: tuple[Group, ...]  # all four
    savings: Savings
    largest: tuple[ResultRow, ...]
    plan: PlanProgress
    on_time: OnTime


def percent(part: Decimal, whole: Decimal) -> Decimal:
    if whole == 0:
        return ZERO
    return (part * HUNDRED / whole).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def rows_of_year(rows: Iterable[ResultRow], year_be: int) -> list[ResultRow]:
    """The rows the report counts: a result whose month is in fiscal year ``year_be``."""
    months = set(MonthKey.of_fiscal_year(year_be))
    return [r for r in rows if r.month_key in months]


def _group(key: str, label: str, rows: Sequence[ResultRow]) -> Group:
    t = totals(rows)
    return Group(
        key=key,
        label=label,
        count=t.count,
        budget=t.budget,
        reference_price=t.reference_price,
        agreed_price=t.agreed_price,
    )


def group_by(
    rows: Iterable[ResultRow], key: Callable[[ResultRow], str], label: Callable[[ResultRow], str]
) -> tuple[Group, ...]:
    """One group per key, the largest agreed amount first (then by key: a stable order)."""
    found: dict[str, list[ResultRow]] = {}
    labels: dict[str, str] = {}
    for r in rows:
        found.setdefault(key(r), []).append(r)
        labels.setdefault(key(r), label(r))
    groups = [_group(k, labels[k], v) for k, v in found.items()]
    return tuple(sorted(groups, key=lambda g: (-g.agreed_price, g.key)))


def month_label(key: MonthKey, *, abbreviated: bool = False) -> str:
    return f"{thai_month_name(key.month, abbreviated=abbreviated)} {key.year + 543}"


def by_month(rows: Sequence[ResultRow], year_be: int) -> tuple[Group, ...]:
    return tuple(
        _group(f"{m.year:04d}-{m.month:02d}", month_label(m), [r for r in rows if r.month_key == m])
        for m in MonthKey.of_fiscal_year(year_be)
    )


def by_quarter(rows: Sequence[ResultRow], year_be: int) -> tuple[Group, ...]:
    def quarter(r: ResultRow) -> int:
        assert r.month_date is not None
        return fiscal_quarter_of(r.month_date)

    return tuple(_group(str(q), f"ไตรมาสที่ {q}", [r for r in rows if quarter(r) == q]) for q in (1, 2, 3, 4))


def savings(rows: Sequence[ResultRow]) -> Savings:
    t = totals(rows)
    priced = [r for r in rows if r.reference_price is not None]
    reference = sum((r.reference_price or ZERO for r in priced), ZERO)
    agreed_priced = sum((r.agreed_price or ZERO for r in priced), ZERO)
    return Savings(
        budget=t.budget,
        reference_price=t.reference_price,
        agreed_price=t.agreed_price,
        against_budget=t.budget - t.agreed_price,
        against_budget_percent=percent(t.budget - t.agreed_price, t.budget),
        with_reference_count=len(priced),
        agreed_with_reference=agreed_priced,
        against_reference=reference - agreed_priced,
        against_reference_percent=percent(reference - agreed_priced, reference),
    )


def largest(rows: Sequence[ResultRow], n: int = LARGEST) -> tuple[ResultRow, ...]:
    return tuple(sorted(rows, key=lambda r: (-(r.agreed_price or ZERO), r.procurement_id))[:n])


def plan_progress(rows: Sequence[ResultRow], plan: Sequence[PlanLine]) -> PlanProgress:
    done = [p for p in plan if any(p.covers(r) for r in rows)]
    from_plan = [r for r in rows if any(p.covers(r) for p in plan)]
    planned = sum((p.budget for p in plan), ZERO)
    carried = sum((p.budget for p in done), ZERO)
    return PlanProgress(
        items=len(plan),
        items_carried_out=len(done),
        items_percent=percent(Decimal(len(done)), Decimal(len(plan))),
        planned_budget=planned,
        carried_out_budget=carried,
        budget_percent=percent(carried, planned),
        agreed_price=sum((r.agreed_price or ZERO for r in from_plan), ZERO),
        outside_plan=len(rows) - len(from_plan),
    )


def announcement_due(r: ResultRow, days: int, quarterly_days: int) -> date | None:
    """The last day the winner of ``r`` is announced on time: ``days`` after the award, or
    ``quarterly_days`` after the quarter's end when a quarterly announcement lists it."""
    if r.awarded_on is None:
        return None
    if r.winner_announcement_kind == AnnouncementKind.QUARTERLY_WINNERS.value:
        end = fiscal_quarter_bounds(fiscal_year_of(r.awarded_on), fiscal_quarter_of(r.awarded_on))[1]
        return end + timedelta(days=quarterly_days)
    return r.awarded_on + timedelta(days=days)


def on_time(rows: Sequence[ResultRow], days: int, rule: str, quarterly_days: int | None = None) -> OnTime:
    """``quarterly_days`` defaults to ``days`` (the reports frozen before it was a rule of its own)."""
    good = late = missing = 0
    for r in rows:
        due = announcement_due(r, days, days if quarterly_days is None else quarterly_days)
        if not r.winner_announced or r.winner_announced_on is None or due is None:
            missing += 1
        elif r.winner_announced_on <= due:
            good += 1
        else:
            late += 1
    return OnTime(days=days, rule=rule, awarded=len(rows), on_time=good, late=late, not_announced=missing)


def annual_stats(
    rows: Iterable[ResultRow],
    year_be: int,
    plan: Sequence[PlanLine],
    *,
    days: int,
    rule: str,
    quarterly_days: int | None = None,
) -> AnnualStats:
    """Every figure of the report for fiscal year ``year_be``."""
    counted = rows_of_year(rows, year_be)
    return AnnualStats(
        year_be=year_be,
        rows=tuple(counted),
        totals=totals(counted),
        by_method=group_by(counted, lambda r: r.method, lambda r: r.method_label),
        by_source=group_by(counted, lambda r: r.budget_source, lambda r: r.budget_source_label),
        by_kind=group_by(counted, lambda r: r.kind, lambda r: r.kind_label),
        by_month=by_month(counted, year_be),
        by_quarter=by_quarter(counted, year_be),
        savings=savings(counted),
        largest=largest(counted),
        plan=plan_progress(counted, plan),
        on_time=on_time(counted, days, rule, quarterly_days),
    )
