import pytest
from hypothesis import given
from hypothesis import strategies as st

from prakat.thai import to_arabic_digits, to_thai_digits

THAI = "๐๑๒๓๔๕๖๗๘๙"
ARABIC = "0123456789"


def test_each_digit_maps_to_its_thai_counterpart() -> None:
    assert to_thai_digits(ARABIC) == THAI
    assert to_arabic_digits(THAI) == ARABIC
    for i in range(10):
        assert to_thai_digits(str(i)) == chr(0x0E50 + i)


@pytest.mark.parametrize(
    ("arabic", "thai"),
    [
        ("", ""),
        ("15 มีนาคม 2566", "๑๕ มีนาคม ๒๕๖๖"),
        ("1,234,567.89", "๑,๒๓๔,๕๖๗.๘๙"),
        ("09.00 น.", "๐๙.๐๐ น."),
        ("abc", "abc"),
        ("ราคา 500 บาท", "ราคา ๕๐๐ บาท"),
    ],
)
def test_examples(arabic: str, thai: str) -> None:
    assert to_thai_digits(arabic) == thai
    assert to_arabic_digits(thai) == arabic


def test_other_digit_scripts_are_left_alone() -> None:
    # Only Thai and ASCII digits are in scope; Arabic-Indic and full-width digits pass through.
    for text in ("١٢٣", "１２３", "²"):
        assert to_thai_digits(text) == text
        assert to_arabic_digits(text) == text


@given(st.text().filter(lambda s: not any(c in THAI for c in s)))
def test_round_trip_from_arabic(s: str) -> None:
    assert to_arabic_digits(to_thai_digits(s)) == s


@given(st.text().filter(lambda s: not any(c in ARABIC for c in s)))
def test_round_trip_from_thai(s: str) -> None:
    assert to_thai_digits(to_arabic_digits(s)) == s


@given(st.text())
def test_conversion_is_total_length_preserving_and_idempotent(s: str) -> None:
    thai = to_thai_digits(s)
    arabic = to_arabic_digits(s)
    assert len(thai) == len(arabic) == len(s)
    assert not any(c in ARABIC for c in thai)
    assert not any(c in THAI for c in arabic)
    assert to_thai_digits(thai) == thai
    assert to_arabic_digits(arabic) == arabic
