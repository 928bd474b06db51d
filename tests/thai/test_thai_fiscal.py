import itertools
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from prakat.thai import (
    InvalidFiscalYearError,
    ThaiValueError,
    check_fiscal_year,
    fiscal_month_index,
    fiscal_quarter_of,
    fiscal_year_bounds,
    fiscal_year_months,
    fiscal_year_of,
)

# Dates whose fiscal year and neighbours are all representable B.E. years >= 2400.
DATES = st.dates(min_value=date(1858, 1, 1), max_value=date(9998, 9, 30))
FISCAL_YEARS = st.integers(min_value=2401, max_value=10541)


@pytest.mark.parametrize(
    ("d", "fy"),
    [
        (date(2024, 10, 1), 2568),
        (date(2025, 9, 30), 2568),
        (date(2024, 9, 30), 2567),
        (date(2025, 10, 1), 2569),
        (date(2024, 12, 31), 2568),
        (date(2025, 1, 1), 2568),
        (date(2023, 3, 15), 2566),
    ],
)
def test_fiscal_year_of_examples(d: date, fy: int) -> None:
    assert fiscal_year_of(d) == fy


def test_fiscal_year_2568_bounds_match_domain_brief() -> None:
    assert fiscal_year_bounds(2568) == (date(2024, 10, 1), date(2025, 9, 30))
    assert fiscal_year_bounds(2566) == (date(2022, 10, 1), date(2023, 9, 30))


def test_fiscal_year_2568_months() -> None:
    assert fiscal_year_months(2568) == [
        (2024, 10), (2024, 11), (2024, 12),
        (2025, 1), (2025, 2), (2025, 3),
        (2025, 4), (2025, 5), (2025, 6),
        (2025, 7), (2025, 8), (2025, 9),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("month", "index", "quarter"),
    [(10, 1, 1), (11, 2, 1), (12, 3, 1), (1, 4, 2), (2, 5, 2), (3, 6, 2),
     (4, 7, 3), (5, 8, 3), (6, 9, 3), (7, 10, 4), (8, 11, 4), (9, 12, 4)],
)  # fmt: skip
def test_month_index_and_quarter(month: int, index: int, quarter: int) -> None:
    d = date(2025, month, 15)
    assert fiscal_month_index(d) == index
    assert fiscal_quarter_of(d) == quarter


@pytest.mark.parametrize("bad", [2025, 2399, 0, -1, 10543])
def test_implausible_fiscal_years_are_refused(bad: int) -> None:
    # 2025 is the classic mistake: a C.E. year where a B.E. fiscal year was meant.
    for func in (fiscal_year_bounds, fiscal_year_months, check_fiscal_year):
        with pytest.raises(InvalidFiscalYearError, match="ปีงบประมาณ"):
            func(bad)


@pytest.mark.parametrize("bad", [True, "2568", 2568.0])
def test_non_int_fiscal_years_are_refused(bad: object) -> None:
    with pytest.raises(ThaiValueError):
        fiscal_year_bounds(bad)  # type: ignore[arg-type]


def test_extreme_valid_fiscal_years() -> None:
    assert fiscal_year_bounds(2400) == (date(1856, 10, 1), date(1857, 9, 30))
    assert fiscal_year_bounds(10542) == (date(9998, 10, 1), date(9999, 9, 30))


@given(DATES)
def test_fiscal_year_of_agrees_with_bounds(d: date) -> None:
    fy = fiscal_year_of(d)
    start, end = fiscal_year_bounds(fy)
    assert start <= d <= end
    # The bounds are tight: the days just outside belong to the neighbouring years.
    assert fiscal_year_of(start - timedelta(days=1)) == fy - 1
    assert fiscal_year_of(end + timedelta(days=1)) == fy + 1
    assert (end - start).days + 1 in (365, 366)


@given(DATES)
def test_month_index_and_quarter_agree_with_months_list(d: date) -> None:
    months = fiscal_year_months(fiscal_year_of(d))
    index = fiscal_month_index(d)
    assert 1 <= index <= 12
    assert months[index - 1] == (d.year, d.month)
    assert fiscal_quarter_of(d) == (index + 2) // 3


@given(FISCAL_YEARS)
def test_months_are_twelve_consecutive_starting_in_october(fy: int) -> None:
    months = fiscal_year_months(fy)
    start, end = fiscal_year_bounds(fy)
    assert len(months) == 12
    assert months[0] == (start.year, 10)
    assert months[-1] == (end.year, 9)
    for (y1, m1), (y2, m2) in itertools.pairwise(months):
        assert y2 * 12 + m2 == y1 * 12 + m1 + 1
    # Every day of the fiscal year falls in one of these months.
    assert {(start + timedelta(days=n)).month for n in range(0, (end - start).days + 1, 20)} <= {
        m for _, m in months
    }
