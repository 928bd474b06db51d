"""The Thai government fiscal year (ปีงบประมาณ).

It runs 1 October – 30 September and is named by the B.E. year in which it ends:
FY2568 = 1 Oct 2024 – 30 Sep 2025 (domain.md §5). Q1 is Oct–Dec, month index 1 is October.
"""

import calendar
from datetime import date
from typing import Final

from prakat.thai.dates import BE_THRESHOLD, be_year, ce_year
from prakat.thai.errors import InvalidFiscalYearError

FISCAL_YEAR_START_MONTH: Final = 10

# The year range date() can represent, expressed in B.E.; both bounds of a fiscal year must fit.
_MAX_FISCAL_YEAR_BE: Final = be_year(9999)


def check_fiscal_year(fy_be: int) -> int:
    """Return ``fy_be`` if it is a plausible B.E. fiscal year, else raise InvalidFiscalYearError.

    The common mistake is passing a C.E. year (2025 for FY2568); it would silently produce
    bounds five centuries off, so anything below the B.E. threshold is refused.
    """
    if isinstance(fy_be, bool) or not isinstance(fy_be, int):
        raise InvalidFiscalYearError(f"ปีงบประมาณต้องเป็นจำนวนเต็ม (ได้ {fy_be!r})")
    if not BE_THRESHOLD <= fy_be <= _MAX_FISCAL_YEAR_BE:
        raise InvalidFiscalYearError(
            f"ปีงบประมาณต้องเป็นปีพุทธศักราช เช่น 2568 (ได้ {fy_be}; fiscal year must be B.E.)"
        )
    return fy_be


def fiscal_year_of(d: date) -> int:
    """B.E. fiscal year containing ``d``: Oct–Dec belong to the next year's budget."""
    return be_year(d.year) + (1 if d.month >= FISCAL_YEAR_START_MONTH else 0)


def fiscal_year_bounds(fy_be: int) -> tuple[date, date]:
    """First and last day (inclusive) of fiscal year ``fy_be``: (1 Oct of the year before, 30 Sep)."""
    end_ce = ce_year(check_fiscal_year(fy_be))
    return date(end_ce - 1, FISCAL_YEAR_START_MONTH, 1), date(end_ce, 9, 30)


def fiscal_year_months(fy_be: int) -> list[tuple[int, int]]:
    """The 12 (C.E. year, month) pairs of ``fy_be`` in order, October first."""
    start_ce = ce_year(check_fiscal_year(fy_be)) - 1
    months: list[tuple[int, int]] = []
    for offset in range(12):
        zero_based = FISCAL_YEAR_START_MONTH - 1 + offset
        months.append((start_ce + zero_based // 12, zero_based % 12 + 1))
    return months


def fiscal_month_index(d: date) -> int:
    """Position of ``d``'s month in its fiscal year: October = 1 … September = 12."""
    return (d.month - FISCAL_YEAR_START_MONTH) % 12 + 1


def fiscal_quarter_of(d: date) -> int:
    """Fiscal quarter 1-4 of ``d`` (Q1 = Oct–Dec, as in "ประจำไตรมาสที่ N" announcements)."""
    return (fiscal_month_index(d) - 1) // 3 + 1


def fiscal_quarter_bounds(fy_be: int, quarter: int) -> tuple[date, date]:
    """First and last day (inclusive) of ``quarter`` (1-4) of ``fy_be``: Q1 of FY2570 is
    1 Oct – 31 Dec 2026."""
    if isinstance(quarter, bool) or not isinstance(quarter, int) or not 1 <= quarter <= 4:
        raise InvalidFiscalYearError(f"ไตรมาสต้องเป็น 1 ถึง 4 (ได้ {quarter!r})")
    months = fiscal_year_months(fy_be)[(quarter - 1) * 3 : quarter * 3]
    (first_year, first_month), (last_year, last_month) = months[0], months[-1]
    last_day = calendar.monthrange(last_year, last_month)[1]
    return date(first_year, first_month, 1), date(last_year, last_month, last_day)
