"""The demo school year (prakat.demo.data): content rules, determinism and the ``up_to`` view.

The checks are written independently of the module (own tax-ID check, own thresholds, own
fiscal-year bounds) and cross-checked with prakat.rules and prakat.thai where those exist.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import fields, is_dataclass
from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from prakat.demo.data import (
    REASON_LOWEST,
    REASON_LOWEST_INVITED,
    REASON_LOWEST_TENDER,
    REASON_QUALIFIED,
    DemoProcurement,
    DemoYear,
    build_demo,
)
from prakat.demo.loader import demo_years
from prakat.rules import BudgetCategory, BudgetSource, Method, ProcurementKind, business_types, check_method
from prakat.thai import validate_egp_project_number

FY = 2569
YEARS = tuple(range(2566, 2576))
LIMIT_SPECIFIC = Decimal("500000")
LIMIT_W119 = Decimal("10000")
REASONS_LOWEST = {REASON_LOWEST, REASON_LOWEST_TENDER, REASON_LOWEST_INVITED}
GENERAL = {"e_bidding", "e_market", "selection"}
BID_COUNTS = {
    "specific": (1, 3),
    "specific_w119": (1, 1),
    "e_bidding": (3, 5),
    "e_market": (2, 5),
    "selection": (2, 5),
}
VERBS = {"buy": ("ซื้อ",), "hire": ("จ้าง",), "rent": ("เช่า",), "construction": ("จ้าง",)}
CONTRACT = re.compile(
    r"(ใบสั่งซื้อ|ใบสั่งจ้าง|ใบสั่งเช่า|สัญญาซื้อขายเลขที่|สัญญาจ้างเลขที่|สัญญาเช่าเลขที่) ([1-9][0-9]*)/([0-9]{4})"
)
RECEIPT = re.compile(r"ใบเสร็จรับเงิน เล่มที่ [1-9][0-9]* เลขที่ [1-9][0-9]*")
VENDOR_PREFIXES = ("ห้างหุ้นส่วนจำกัด ", "บริษัท ", "ร้าน", "นาย", "นาง")


def valid_tax_id(text: str) -> bool:
    """Independent check: 13 ASCII digits, d13 = (11 - Σ d_i·(13-i) mod 11) mod 10."""
    if len(text) != 13 or not all(c in "0123456789" for c in text):
        return False
    total = sum(int(text[i]) * (13 - i) for i in range(12))
    return (11 - total % 11) % 10 == int(text[12])


def fy_bounds(fy: int) -> tuple[date, date]:
    return date(fy - 544, 10, 1), date(fy - 543, 9, 30)


def two_places(amount: object) -> bool:
    return isinstance(amount, Decimal) and amount.is_finite() and amount == amount.quantize(Decimal("0.01"))


def strings(obj: object, path: str = "") -> Iterator[tuple[str, str]]:
    """Every string inside the dataclasses and tuples of ``obj``, with its path."""
    if isinstance(obj, str):
        yield path, obj
    elif is_dataclass(obj) and not isinstance(obj, type):
        for f in fields(obj):
            yield from strings(getattr(obj, f.name), f"{path}.{f.name}")
    elif isinstance(obj, tuple):
        for i, item in enumerate(obj):
            yield from strings(item, f"{path}[{i}]")


def all_dates(p: DemoProcurement) -> list[date]:
    found = [p.requested_on, p.awarded_on, p.contract_date, p.invited_on]
    found += [b.submitted_on for b in p.bids]
    return [d for d in found if d is not None]


# --- checks shared by the fixed-year tests and the property tests ----------------------------


def check_school_and_vendors(year: DemoYear) -> None:
    s = year.school
    for name, value in strings(s):
        assert value.strip(), f"school{name} is empty"
    assert s.slug == "demo"
    assert s.name.startswith("โรงเรียน")
    assert s.area_office.startswith("สำนักงานเขตพื้นที่การศึกษา")
    assert re.fullmatch(r"[0-9]{4}", s.egp_dept_id) and re.fullmatch(r"[0-9]{10}", s.egp_deptsub_id)
    assert "@" in s.email and s.website.startswith("https://")

    assert len({v.key for v in year.vendors}) == len(year.vendors)
    assert len({v.tax_id for v in year.vendors}) == len(year.vendors)
    assert len({v.name for v in year.vendors}) == len(year.vendors)
    for v in year.vendors:
        assert all(value.strip() for _, value in strings(v)), v
        assert valid_tax_id(v.tax_id), v
        assert v.name.startswith(VENDOR_PREFIXES), v.name
        juristic = v.name.startswith(("ห้างหุ้นส่วนจำกัด ", "บริษัท "))
        assert (v.tax_id[0] == "0") == juristic, v  # people and shops: a citizen ID, 1-8
        if v.name.startswith("บริษัท "):
            assert v.name.endswith(" จำกัด"), v.name
        # A set, in e-GP's order, as the vendor form reads it.
        assert v.business_types and v.business_types == business_types(v.business_types), v


def check_plan(year: DemoYear) -> None:
    start, end = fy_bounds(year.fiscal_year_be)
    assert start <= year.budget_allocated_on <= end
    assert year.plan_announced_on is not None
    assert year.budget_allocated_on <= year.plan_announced_on <= year.budget_allocated_on + timedelta(days=45)
    assert len({i.key for i in year.plan_items}) == len(year.plan_items)
    assert len({i.egp_plan_code for i in year.plan_items}) == len(year.plan_items)
    for i in year.plan_items:
        assert i.name.strip() and i.egp_plan_code.strip()
        assert i.name.startswith(VERBS[i.kind]), i.name
        assert i.kind in {k.value for k in ProcurementKind}
        assert i.budget_source in {b.value for b in BudgetSource}
        assert i.category in {c.value for c in BudgetCategory} and i.category in {"operating", "investment"}
        assert i.planned_method in {m.value for m in Method}
        assert two_places(i.budget) and i.budget > 0
        assert i.expected_month.day == 1 and start <= i.expected_month <= end
        assert method_fits(i.planned_method, i.budget), i
        if i.kind == "construction":
            assert i.category == "investment"
    months = [i.expected_month for i in year.plan_items]
    assert months == sorted(months)


def method_fits(method: str, amount: Decimal) -> bool:
    if method == "specific":
        return amount <= LIMIT_SPECIFIC
    if method == "specific_w119":
        return amount <= LIMIT_W119
    if method in ("e_bidding", "e_market"):
        return amount > LIMIT_SPECIFIC
    return method == "selection"


def check_procurements(year: DemoYear) -> None:
    fy = year.fiscal_year_be
    start, end = fy_bounds(fy)
    vendors = {v.key for v in year.vendors}
    items = {i.key: i for i in year.plan_items}
    assert len({p.key for p in year.procurements}) == len(year.procurements)
    numbers = [p.egp_project_number for p in year.procurements if p.egp_project_number is not None]
    assert len(set(numbers)) == len(numbers)
    spent: defaultdict[str, Decimal] = defaultdict(Decimal)
    for p in year.procurements:
        assert p.subject.strip() and p.subject.startswith(VERBS[p.kind]), p.subject
        assert p.kind in {k.value for k in ProcurementKind}
        assert p.method in {m.value for m in Method}
        assert p.budget_source in {b.value for b in BudgetSource}
        assert two_places(p.budget) and p.budget > 0

        # Method and amount, by our own thresholds and by the rules in force.
        assert method_fits(p.method, p.budget), p.key
        verdict = check_method(
            Method(p.method), p.budget, fy, kind=ProcurementKind(p.kind), reason=p.method_reason
        )
        assert verdict.allowed, (p.key, verdict.problems)
        assert bool(p.method_reason.strip()) == (p.method == "selection"), p.key

        # Plan link: small ว 119 purchases stand alone; the rest follow their plan item.
        if p.plan_item_key is None:
            assert p.method == "specific_w119", p.key
        else:
            item = items[p.plan_item_key]
            assert (p.kind, p.method, p.budget_source) == (item.kind, item.planned_method, item.budget_source)
            assert p.requested_on >= item.expected_month
            spent[item.key] += p.budget

        if p.method == "specific_w119":
            assert p.reference_price is None
        else:
            assert p.reference_price is not None and two_places(p.reference_price)
            assert 0 < p.reference_price <= p.budget
        if p.method in GENERAL:
            assert p.reference_price is not None and p.reference_price < p.budget

        # e-GP project number: 11 digits, the B.E. year and month the project was created.
        if p.egp_project_number is None:
            assert p.method == "specific_w119" and p.budget <= LIMIT_W119, p.key
        else:
            be = p.requested_on.year + 543
            assert re.fullmatch(r"[0-9]{11}", p.egp_project_number)
            assert p.egp_project_number[:4] == f"{be % 100:02d}{p.requested_on.month:02d}", p.key
            validate_egp_project_number(p.egp_project_number, fiscal_year_be=fy)

        # Bids.
        bidders = [b.vendor_key for b in p.bids]
        assert len(set(bidders)) == len(bidders) and set(bidders) <= vendors
        assert len(p.bids) <= BID_COUNTS[p.method][1]
        cap = p.reference_price if p.reference_price is not None else p.budget
        for b in p.bids:
            assert two_places(b.amount) and 0 < b.amount <= p.budget, (p.key, b)
            assert b.submitted_on is not None and b.submitted_on >= p.requested_on
        if p.invited_on is not None:
            assert p.method in GENERAL and p.requested_on <= p.invited_on
            assert all(b.submitted_on is not None and b.submitted_on >= p.invited_on for b in p.bids)
        elif p.method not in GENERAL:
            assert p.invited_on is None

        # Award and contract; all dates inside the fiscal year, after the plan, on working days.
        check_award(p, cap)
        assert year.plan_announced_on is not None
        assert p.requested_on > year.plan_announced_on
        for d in all_dates(p):
            assert start <= d <= end and d.weekday() < 5, (p.key, d)
    for key, total in spent.items():
        assert total <= items[key].budget, key


def check_award(p: DemoProcurement, cap: Decimal) -> None:
    if p.winner_vendor_key is None:
        assert (p.agreed_price, p.awarded_on, p.contract_date, p.reason, p.contract_number) == (
            None, None, None, "", ""
        )  # fmt: skip
        return
    low, _high = BID_COUNTS[p.method]
    assert low <= len(p.bids), p.key
    winning = {b.vendor_key: b.amount for b in p.bids}[p.winner_vendor_key]
    assert p.agreed_price is not None and two_places(p.agreed_price)
    assert 0 < p.agreed_price <= winning <= cap <= p.budget, p.key
    assert p.awarded_on is not None and p.requested_on <= p.awarded_on
    assert all(b.submitted_on is not None and b.submitted_on <= p.awarded_on for b in p.bids)
    if len(p.bids) == 1:
        assert p.reason == REASON_QUALIFIED or p.method in GENERAL, p.key
    else:
        assert p.reason in REASONS_LOWEST, p.key
    if p.reason in REASONS_LOWEST:
        assert all(b.amount > winning for b in p.bids if b.vendor_key != p.winner_vendor_key), p.key
    if p.contract_date is None:
        assert p.contract_number == ""
        return
    assert p.awarded_on <= p.contract_date
    if p.method == "specific_w119":
        assert RECEIPT.fullmatch(p.contract_number), p.contract_number
    else:
        assert CONTRACT.fullmatch(p.contract_number), p.contract_number


def check_contract_numbering(year: DemoYear) -> None:
    """Orders and contracts are numbered 1, 2, … per document kind, in signing order, "/<FY>"."""
    by_prefix: dict[str, list[tuple[date, int]]] = defaultdict(list)
    for p in year.procurements:
        match = CONTRACT.fullmatch(p.contract_number)
        if match and p.contract_date is not None:
            assert int(match.group(3)) == year.fiscal_year_be
            by_prefix[match.group(1)].append((p.contract_date, int(match.group(2))))
    for prefix, signed in by_prefix.items():
        signed.sort()
        assert [n for _, n in signed] == list(range(1, len(signed) + 1)), prefix


def check_all(year: DemoYear) -> None:
    check_school_and_vendors(year)
    check_plan(year)
    check_procurements(year)
    check_contract_numbering(year)
    thai_digits = [(where, text) for where, text in strings(year) if re.search("[๐-๙]", text)]
    assert not thai_digits, thai_digits[:3]


# --- the full demo year, for every supported fiscal year ---------------------------------------


@pytest.fixture(scope="module", params=YEARS)
def full(request: pytest.FixtureRequest) -> DemoYear:
    return build_demo(request.param)


def test_rules_hold_for_every_year(full: DemoYear) -> None:
    check_all(full)


def test_tax_id_check_rejects_a_wrong_check_digit(full: DemoYear) -> None:
    for v in full.vendors:
        wrong = v.tax_id[:12] + str((int(v.tax_id[12]) + 1) % 10)
        assert not valid_tax_id(wrong)


def test_counts_and_mix_of_methods(full: DemoYear) -> None:
    assert 22 <= len(full.plan_items) <= 30
    assert 35 <= len(full.procurements) <= 45
    methods = Counter(p.method for p in full.procurements)
    assert 2 <= methods["e_bidding"] + methods["e_market"] <= 3
    assert methods["e_market"] >= 1 and methods["selection"] >= 1
    assert methods["specific"] > len(full.procurements) / 2
    assert methods["specific_w119"] >= 3
    assert any(p.method == "e_bidding" and p.kind == "construction" for p in full.procurements)
    assert any(p.egp_project_number is None for p in full.procurements)
    for method, (low, high) in BID_COUNTS.items():
        assert all(low <= len(p.bids) <= high for p in full.procurements if p.method == method), method
    specific = [len(p.bids) for p in full.procurements if p.method == "specific"]
    assert specific.count(1) > len(specific) / 2 and any(n > 1 for n in specific)
    assert {p.kind for p in full.procurements} == {k.value for k in ProcurementKind}
    assert {p.budget_source for p in full.procurements} >= {"per_head_subsidy", "government_budget", "lunch"}


def test_everything_is_awarded_when_the_year_is_over(full: DemoYear) -> None:
    for p in full.procurements:
        assert p.winner_vendor_key is not None and p.contract_date is not None and p.contract_number, p.key


def test_plan_items_are_all_used_and_most_procurements_are_planned(full: DemoYear) -> None:
    first: dict[str, date] = {}
    for p in sorted(full.procurements, key=lambda p: p.requested_on):
        if p.plan_item_key is not None:
            first.setdefault(p.plan_item_key, p.requested_on)
    assert set(first) == {i.key for i in full.plan_items}
    for item in full.plan_items:
        assert item.expected_month == first[item.key].replace(day=1), item.key
    planned = sum(p.plan_item_key is not None for p in full.procurements)
    assert planned >= 0.75 * len(full.procurements)


def test_results_spread_over_months_with_an_empty_month_in_between(full: DemoYear) -> None:
    awarded = {(d.year, d.month) for p in full.procurements if (d := p.awarded_on) is not None}
    assert len(awarded) >= 6
    busy = {(d.year, d.month) for p in full.procurements for d in all_dates(p)}
    start, _end = fy_bounds(full.fiscal_year_be)
    months = [(start.year + (9 + i) // 12, (9 + i) % 12 + 1) for i in range(12)]
    first, last = min(awarded), max(awarded)
    quiet = [m for m in months if first < m < last and m not in busy]
    assert quiet, "no month without any procurement activity"


def test_default_demo_has_amounts_with_satang() -> None:
    year = build_demo(FY)
    amounts = [b.amount for p in year.procurements for b in p.bids]
    amounts += [a for p in year.procurements for a in (p.agreed_price, p.reference_price) if a is not None]
    assert sum(a != a.to_integral_value() for a in amounts) >= 3


def test_fiscal_year_2569_runs_october_2025_to_september_2026() -> None:
    year = build_demo(2569)
    requested = sorted(p.requested_on for p in year.procurements)
    assert requested[0].year == 2025 and requested[0].month == 10
    assert requested[-1].year == 2026 and requested[-1].month == 9
    assert year.budget_allocated_on.year == 2025
    assert any("ปีการศึกษา 2569" in p.subject for p in year.procurements)
    assert any("ปีการศึกษา 2568" in p.subject for p in year.procurements)


def test_the_demo_loads_two_finished_years_and_this_one_to_date() -> None:
    today = date(2026, 11, 26)
    years = demo_years(today)
    assert years == (build_demo(2568), build_demo(2569), build_demo(2570, up_to=today))
    # The same school and vendors every year; no e-GP plan or project number, and no order or
    # contract number, comes back in another year.
    assert len({(y.school, y.vendors) for y in years}) == 1
    for numbers in (
        [i.egp_plan_code for y in years for i in y.plan_items],
        [p.egp_project_number for y in years for p in y.procurements if p.egp_project_number],
        [p.contract_number for y in years for p in y.procurements if CONTRACT.fullmatch(p.contract_number)],
    ):
        assert len(numbers) == len(set(numbers)) > 2 * 20


def test_a_christian_era_year_is_refused() -> None:
    with pytest.raises(ValueError):
        build_demo(2026)


# --- determinism ---------------------------------------------------------------------------------

fiscal_years = st.sampled_from(YEARS)
seeds = st.integers(min_value=0, max_value=2**32)


@settings(max_examples=30, deadline=None)
@given(fy=fiscal_years, seed=seeds)
def test_same_arguments_give_equal_years(fy: int, seed: int) -> None:
    assert build_demo(fy, seed=seed) == build_demo(fy, seed=seed)


def test_the_seed_varies_amounts_but_not_structure_or_dates() -> None:
    a, b = build_demo(FY, seed=1), build_demo(FY, seed=2)
    assert a != b
    assert [p.key for p in a.procurements] == [p.key for p in b.procurements]
    assert [all_dates(p) for p in a.procurements] == [all_dates(p) for p in b.procurements]
    assert [p.budget for p in a.procurements] == [p.budget for p in b.procurements]
    assert [p.agreed_price for p in a.procurements] != [p.agreed_price for p in b.procurements]
    assert a.vendors == b.vendors and a.school == b.school


@settings(max_examples=40, deadline=None)
@given(fy=fiscal_years, seed=seeds)
def test_rules_hold_for_any_seed(fy: int, seed: int) -> None:
    check_all(build_demo(fy, seed=seed))


# --- up_to: the demo's "today" ---------------------------------------------------------------------


@st.composite
def year_and_day(draw: st.DrawFn) -> tuple[int, int, date]:
    fy = draw(fiscal_years)
    start, end = fy_bounds(fy)
    day = draw(st.dates(min_value=start - timedelta(days=20), max_value=end + timedelta(days=20)))
    return fy, draw(seeds), day


@settings(max_examples=80, deadline=None)
@given(case=year_and_day())
def test_up_to_shows_the_year_as_it_stood_that_day(case: tuple[int, int, date]) -> None:
    fy, seed, up_to = case
    full, view = build_demo(fy, seed=seed), build_demo(fy, seed=seed, up_to=up_to)
    check_all(view)
    assert (view.school, view.vendors, view.plan_items) == (full.school, full.vendors, full.plan_items)
    assert view.budget_allocated_on == full.budget_allocated_on
    assert [p.key for p in view.procurements] == [p.key for p in full.procurements if p.requested_on <= up_to]
    whole = {p.key: p for p in full.procurements}
    for p in view.procurements:
        f = whole[p.key]
        assert all(d <= up_to for d in all_dates(p)), p.key
        same = ("subject", "method", "budget", "reference_price", "egp_project_number", "requested_on")
        assert all(getattr(p, name) == getattr(f, name) for name in same)
        assert p.bids == tuple(b for b in f.bids if b.submitted_on is not None and b.submitted_on <= up_to)
        assert f.awarded_on is not None and f.contract_date is not None
        if f.awarded_on <= up_to:
            assert (p.winner_vendor_key, p.agreed_price, p.reason) == (
                f.winner_vendor_key,
                f.agreed_price,
                f.reason,
            )
            signed = f.contract_date <= up_to
            assert p.contract_number == (f.contract_number if signed else "")
        else:
            assert p.winner_vendor_key is None and p.awarded_on is None


def test_up_to_outside_the_year() -> None:
    start, end = fy_bounds(FY)
    assert build_demo(FY, up_to=start - timedelta(days=1)).procurements == ()
    assert build_demo(FY, up_to=end + timedelta(days=1)) == build_demo(FY)
    assert build_demo(FY, up_to=end) == build_demo(FY)


def test_up_to_mid_tender_shows_work_in_progress() -> None:
    roof = next(p for p in build_demo(FY).procurements if p.method == "e_bidding")
    assert roof.awarded_on is not None and roof.bids[0].submitted_on is not None
    view = build_demo(FY, up_to=roof.bids[0].submitted_on)
    pending = next(p for p in view.procurements if p.key == roof.key)
    assert pending.winner_vendor_key is None and pending.contract_number == ""
    assert len(pending.bids) == len(roof.bids) and pending.invited_on == roof.invited_on
    earlier = build_demo(FY, up_to=roof.requested_on)
    assert next(p for p in earlier.procurements if p.key == roof.key).bids == ()


def test_a_year_has_a_changed_invitation_and_a_cancelled_winner(full: DemoYear) -> None:
    """Each correction follows, on a later working day, the announcement it corrects."""
    assert {(c.kind, c.corrects) for c in full.corrections} == {
        ("invitation_change", "invitation"),
        ("winner_cancel", "winner"),
    }
    whole = {p.key: p for p in full.procurements}
    for c in full.corrections:
        p = whole[c.procurement_key]
        corrected_on = p.invited_on if c.corrects == "invitation" else p.awarded_on
        assert corrected_on is not None and corrected_on < c.announced_on, c
        assert c.announced_on.weekday() < 5 and c.body.startswith("เนื่องจาก")
        if c.corrects == "invitation":
            assert p.method in GENERAL and c.announced_on < (p.awarded_on or date.max)
        else:  # the winner is cancelled before a contract would have been signed
            assert p.contract_date is not None and c.announced_on <= p.contract_date


@settings(max_examples=40, deadline=None)
@given(case=year_and_day())
def test_up_to_shows_only_the_corrections_published_by_then(case: tuple[int, int, date]) -> None:
    fy, seed, up_to = case
    full, view = build_demo(fy, seed=seed), build_demo(fy, seed=seed, up_to=up_to)
    assert view.corrections == tuple(c for c in full.corrections if c.announced_on <= up_to)
    keys = {p.key for p in view.procurements}
    assert all(c.procurement_key in keys for c in view.corrections)
