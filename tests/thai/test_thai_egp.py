from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from prakat.thai import (
    InvalidEgpProjectNumberError,
    InvalidFiscalYearError,
    be_year,
    egp_project_year_month,
    fiscal_year_of,
    normalize_egp_project_number,
    validate_egp_project_number,
)


@pytest.mark.parametrize(
    "text",
    ["66037123456", " 66037123456 ", "6603-7123456", "66 03 7123456", "๖๖๐๓๗๑๒๓๔๕๖", "66\u200b037123456"],
)
def test_accepts_and_normalizes(text: str) -> None:
    assert validate_egp_project_number(text) == "66037123456"
    assert normalize_egp_project_number(text) == "66037123456"


def test_year_month_of_example_from_domain_brief() -> None:
    assert egp_project_year_month("66037123456") == (2566, 3)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("", "ไม่ได้ระบุ"),
        ("   ", "ไม่ได้ระบุ"),
        ("6603712345", "11 หลัก"),
        ("660371234567", "11 หลัก"),
        ("6603712345x", "ตัวเลข"),
        ("66-03-ABCDEFG", "ตัวเลข"),
        ("66007123456", "เดือน"),
        ("66137123456", "เดือน"),
        ("66997123456", "เดือน"),
    ],
)
def test_rejects_malformed(text: str, fragment: str) -> None:
    with pytest.raises(InvalidEgpProjectNumberError, match=fragment):
        validate_egp_project_number(text)


@pytest.mark.parametrize(
    ("number", "fy", "ok"),
    [
        ("66037123456", 2566, True),   # Mar 2566 is inside FY2566
        ("65107123456", 2566, True),   # Oct 2565 opens FY2566
        ("65037123456", 2566, True),   # previous calendar year, prepared early
        ("66107123456", 2566, True),   # year digits match FY (brief's rule is year-based)
        ("67017123456", 2566, False),
        ("64127123456", 2566, False),
        ("68107123456", 2569, True),   # FY2569 project created Oct 2568
        ("69097123456", 2569, True),
        ("70017123456", 2569, False),
        ("99107123456", 2600, True),   # century wrap: previous year 2599
        ("00057123456", 2600, True),
        ("01057123456", 2600, False),
    ],
)  # fmt: skip
def test_fiscal_year_prefix(number: str, fy: int, ok: bool) -> None:
    if ok:
        assert validate_egp_project_number(number, fiscal_year_be=fy) == number
    else:
        with pytest.raises(InvalidEgpProjectNumberError, match="ปีงบประมาณ"):
            validate_egp_project_number(number, fiscal_year_be=fy)


def test_ce_fiscal_year_is_refused() -> None:
    with pytest.raises(InvalidFiscalYearError):
        validate_egp_project_number("66037123456", fiscal_year_be=2023)


@given(
    st.dates(min_value=date(1957, 1, 1), max_value=date(2056, 12, 31)),
    st.integers(min_value=0, max_value=9_999_999),
)
def test_number_created_in_any_month_of_the_fiscal_year_is_accepted(d: date, serial: int) -> None:
    number = f"{be_year(d.year) % 100:02d}{d.month:02d}{serial:07d}"
    assert validate_egp_project_number(number, fiscal_year_be=fiscal_year_of(d)) == number
    # ...and never for a fiscal year two or more years later.
    with pytest.raises(InvalidEgpProjectNumberError):
        validate_egp_project_number(number, fiscal_year_be=fiscal_year_of(d) + 2)
