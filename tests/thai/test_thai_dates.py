import re
from datetime import UTC, date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from prakat.thai import (
    THAI_MONTHS,
    THAI_MONTHS_ABBR,
    InvalidDateError,
    NaiveDatetimeError,
    ThaiValueError,
    be_year,
    ce_year,
    format_date_full,
    format_date_short,
    format_datetime_full,
    format_month_year,
    format_time,
    parse_thai_date,
    thai_month_name,
    to_arabic_digits,
)

THAI_CHAR = re.compile(r"[ก-๛]")
BANGKOK = ZoneInfo("Asia/Bangkok")


def test_month_tables() -> None:
    assert THAI_MONTHS == (
        "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
        "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
    )  # fmt: skip
    assert THAI_MONTHS_ABBR == (
        "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
        "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.",
    )  # fmt: skip
    assert thai_month_name(3) == "มีนาคม"
    assert thai_month_name(3, abbreviated=True) == "มี.ค."
    for bad in (0, 13):
        with pytest.raises(InvalidDateError):
            thai_month_name(bad)


def test_era_conversion() -> None:
    assert be_year(2023) == 2566
    assert ce_year(2568) == 2025
    assert be_year(2024) == 2567


@given(st.integers(min_value=-10_000, max_value=10_000))
def test_era_conversion_is_an_inverse_pair(year: int) -> None:
    assert ce_year(be_year(year)) == year
    assert be_year(year) - year == 543


@pytest.mark.parametrize(
    ("thai_digits", "with_era", "expected"),
    [
        (True, True, "๑๕ มีนาคม พ.ศ. ๒๕๖๖"),
        (True, False, "๑๕ มีนาคม ๒๕๖๖"),
        (False, True, "15 มีนาคม พ.ศ. 2566"),
        (False, False, "15 มีนาคม 2566"),
    ],
)
def test_format_date_full(thai_digits: bool, with_era: bool, expected: str) -> None:
    assert format_date_full(date(2023, 3, 15), thai_digits=thai_digits, with_era=with_era) == expected
    if thai_digits and with_era:
        assert format_date_full(date(2023, 3, 15)) == expected


def test_format_date_full_has_no_zero_padding() -> None:
    assert format_date_full(date(2024, 1, 1)) == "๑ มกราคม พ.ศ. ๒๕๖๗"
    assert format_date_full(date(2024, 10, 8)) == "๘ ตุลาคม พ.ศ. ๒๕๖๗"


@pytest.mark.parametrize(
    ("d", "expected"),
    [
        (date(2023, 3, 15), "๑๕ มี.ค. ๖๖"),
        (date(1962, 3, 5), "๕ มี.ค. ๐๕"),  # B.E. 2505: zero-padded
        (date(2057, 12, 31), "๓๑ ธ.ค. ๐๐"),  # B.E. 2600
        (date(2024, 2, 29), "๒๙ ก.พ. ๖๗"),
    ],
)
def test_format_date_short(d: date, expected: str) -> None:
    assert format_date_short(d) == expected
    assert format_date_short(d, thai_digits=False) == to_arabic_digits(expected)


def test_format_month_year() -> None:
    assert format_month_year(2023, 3) == "มีนาคม ๒๕๖๖"
    assert format_month_year(2024, 10, thai_digits=False) == "ตุลาคม 2567"
    with pytest.raises(InvalidDateError):
        format_month_year(2023, 13)


@pytest.mark.parametrize(
    ("t", "expected"),
    [
        (time(9, 0), "๐๙.๐๐ น."),
        (time(12, 0), "๑๒.๐๐ น."),
        (time(23, 59, 59), "๒๓.๕๙ น."),
        (time(0, 5), "๐๐.๐๕ น."),
        (datetime(2023, 3, 15, 2, 0, tzinfo=UTC), "๐๙.๐๐ น."),  # converted to Bangkok
        (datetime(2023, 3, 15, 9, 30, tzinfo=BANGKOK), "๐๙.๓๐ น."),
    ],
)
def test_format_time(t: time | datetime, expected: str) -> None:
    assert format_time(t) == expected
    assert format_time(t, thai_digits=False) == to_arabic_digits(expected)


def test_format_datetime_full_converts_to_bangkok() -> None:
    assert format_datetime_full(datetime(2023, 3, 15, 2, 0, tzinfo=UTC)) == "๑๕ มีนาคม พ.ศ. ๒๕๖๖ เวลา ๐๙.๐๐ น."
    # 20:00 UTC is already the next day in Bangkok.
    assert (
        format_datetime_full(datetime(2023, 3, 14, 20, 0, tzinfo=UTC)) == "๑๕ มีนาคม พ.ศ. ๒๕๖๖ เวลา ๐๓.๐๐ น."
    )
    assert (
        format_datetime_full(datetime(2023, 3, 15, 9, 0, tzinfo=timezone(timedelta(hours=7))))
        == "๑๕ มีนาคม พ.ศ. ๒๕๖๖ เวลา ๐๙.๐๐ น."
    )
    assert (
        format_datetime_full(datetime(2023, 3, 15, 2, 0, tzinfo=UTC), UTC, thai_digits=False)
        == "15 มีนาคม พ.ศ. 2566 เวลา 02.00 น."
    )


def test_date_formatters_convert_aware_datetimes_and_refuse_naive_ones() -> None:
    late_utc = datetime(2023, 3, 14, 20, 0, tzinfo=UTC)
    assert format_date_full(late_utc) == "๑๕ มีนาคม พ.ศ. ๒๕๖๖"
    assert format_date_short(late_utc) == "๑๕ มี.ค. ๖๖"
    naive = datetime(2023, 3, 15, 9, 0)
    for func in (format_datetime_full, format_time, format_date_full, format_date_short):
        with pytest.raises(NaiveDatetimeError) as info:
            func(naive)
        assert THAI_CHAR.search(str(info.value))


# ---------------------------------------------------------------------------------------------
# Parsing

MARCH_15_2023 = date(2023, 3, 15)


@pytest.mark.parametrize(
    "text",
    [
        "15/03/2566",
        "15/3/2566",
        "15/3/66",
        "15/03/66",
        "15-03-2566",
        "15.03.2566",
        " 15 / 03 / 2566 ",
        "15/03/2023",  # 4-digit year below 2400 is C.E.
        "2023-03-15",
        "2023-3-15",
        "2566-03-15",  # year >= 2400 is B.E. in any order
        "๑๕/๐๓/๒๕๖๖",
        "๑๕/๓/๖๖",
        "15 มี.ค. 2566",
        "15 มี.ค. 66",
        "15 มีค 66",
        "15 มี. ค. 2566",
        "15มี.ค.66",
        "15 มีนาคม 2566",
        "15  มีนาคม   2566",
        "15 มีนา 2566",
        "15 มีนาคม พ.ศ. 2566",
        "15 มีนาคม พ.ศ.2566",
        "15 มีนาคม พศ 2566",
        "วันที่ 15 มีนาคม พ.ศ. 2566",
        "๑๕ มีนาคม พ.ศ. ๒๕๖๖",
        "๑๕ มีนาคม ๒๕๖๖",
        "๑๕ มี.ค. ๖๖",
        "15 มีนาคม ค.ศ. 2023",
        "15 มีนาคม 2023",
        "15\u00a0มีนาคม\u00a02566",  # non-breaking spaces from Word
        "15 มีนาคม\u200b 2566",  # zero-width space
    ],
)
def test_parse_accepts(text: str) -> None:
    assert parse_thai_date(text) == MARCH_15_2023


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1/1/00", date(1957, 1, 1)),  # 2-digit years are B.E. 25xx
        ("31/12/99", date(2056, 12, 31)),
        ("29/02/2567", date(2024, 2, 29)),  # leap year
        ("1 ต.ค. 67", date(2024, 10, 1)),
        ("30 กันยายน 2568", date(2025, 9, 30)),
        ("8 ตุลาคม 2569", date(2026, 10, 8)),
        ("1 ม.ค. 2400", date(1857, 1, 1)),
        ("31 ธันวาคม 2399", date(2399, 12, 31)),  # just below the threshold: C.E.
        ("15 มี.ค. ค.ศ. 23", date(2023, 3, 15)),  # explicit ค.ศ. makes a 2-digit year C.E.
        ("15 มี.ค. พ.ศ. 66", date(2023, 3, 15)),
    ],
)
def test_parse_year_rules(text: str, expected: date) -> None:
    assert parse_thai_date(text) == expected


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("", "ไม่ได้ระบุวันที่"),
        ("   ", "ไม่ได้ระบุวันที่"),
        ("garbage", "15/03/2566"),
        ("15/03", "15/03/2566"),
        ("15/03/566", "15/03/2566"),
        ("15/03-2566", "15/03/2566"),
        ("15 มีนาคม", "15/03/2566"),
        ("2566", "15/03/2566"),
        ("15/03/2566 extra", "15/03/2566"),
        ("31/02/2566", "ไม่มีวันที่ 31 ในเดือนกุมภาพันธ์"),
        ("29/02/2566", "มี 28 วัน"),
        ("31/04/2566", "ไม่มีวันที่ 31"),
        ("00/03/2566", "ไม่มีวันที่ 0"),
        ("15/13/2566", "เดือน"),
        ("15/00/2566", "เดือน"),
        ("2566-02-30", "ไม่มีวันที่ 30"),
        ("15 ฟอ 2566", "ไม่รู้จักชื่อเดือน"),
        ("15 March 2566", "ไม่รู้จักชื่อเดือน"),
        ("15 มีนาคม พ.ศ. 2023", "พ.ศ."),
        ("15 มีนาคม ค.ศ. 2566", "ค.ศ."),
        ("١٥/٠٣/٢٥٦٦", "15/03/2566"),  # Arabic-Indic digits are not accepted
    ],
)
def test_parse_rejects_with_thai_message(text: str, fragment: str) -> None:
    with pytest.raises(InvalidDateError, match=re.escape(fragment)) as info:
        parse_thai_date(text)
    assert THAI_CHAR.search(str(info.value))
    assert isinstance(info.value, ValueError)


# Dates whose B.E. year has 4 digits and is >= 2400, so the year is unambiguous without พ.ศ.
PARSEABLE = st.dates(min_value=date(1857, 1, 1), max_value=date(9456, 12, 31))


@given(PARSEABLE, st.booleans(), st.booleans())
def test_format_date_full_round_trips(d: date, thai_digits: bool, with_era: bool) -> None:
    assert parse_thai_date(format_date_full(d, thai_digits=thai_digits, with_era=with_era)) == d


@given(st.dates(min_value=date(1957, 1, 1), max_value=date(2056, 12, 31)), st.booleans())
def test_format_date_short_round_trips_within_its_century(d: date, thai_digits: bool) -> None:
    assert parse_thai_date(format_date_short(d, thai_digits=thai_digits)) == d


@given(PARSEABLE)
def test_numeric_be_form_round_trips(d: date) -> None:
    be = be_year(d.year)
    assert parse_thai_date(f"{d.day:02d}/{d.month:02d}/{be}") == d
    assert parse_thai_date(f"{d.day}/{d.month}/{be}") == d


@given(st.dates(min_value=date(1000, 1, 1), max_value=date(2399, 12, 31)))
def test_iso_form_round_trips(d: date) -> None:
    assert parse_thai_date(d.isoformat()) == d


@given(st.text(max_size=40))
def test_parse_never_raises_anything_but_thai_value_error(text: str) -> None:
    try:
        parse_thai_date(text)
    except ThaiValueError as error:
        assert THAI_CHAR.search(str(error))
