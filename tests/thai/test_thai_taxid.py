import pytest
from hypothesis import given
from hypothesis import strategies as st

from prakat.thai import (
    InvalidTaxIdError,
    TaxIdChecksumError,
    TaxIdLengthError,
    format_tax_id,
    is_valid_tax_id,
    normalize_tax_id,
    tax_id_check_digit,
    validate_tax_id,
)

WEIGHTS = list(range(13, 1, -1))  # 13, 12, …, 2 for digits 1..12


def ref_residue(first12: str) -> int:
    return sum(w * int(c) for w, c in zip(WEIGHTS, first12, strict=True)) % 11


def ref_check(first12: str) -> int:
    # Written from the published formula, independently of the implementation.
    return (11 - ref_residue(first12)) % 10


def ref_valid(digits: str) -> bool:
    return (
        len(digits) == 13
        and digits.isascii()
        and digits.isdigit()
        and ref_check(digits[:12]) == int(digits[12])
    )


TWELVE_DIGITS = st.text(alphabet="0123456789", min_size=12, max_size=12)


@pytest.mark.parametrize(
    ("first12", "check"),
    [
        # 0·13+1·12+0·11+5·10+5·9+1·8+2·7+3·6+4·5+5·4+6·3+7·2 = 219; 219 mod 11 = 10; 11-10 = 1
        ("010551234567", 1),
        # sum 144; 144 mod 11 = 1; (11-1) mod 10 = 0
        ("110170020345", 0),
        # sum 0 → (11-0) mod 10 = 1
        ("000000000000", 1),
        # sum 13 → 13 mod 11 = 2 → 9
        ("100000000000", 9),
    ],
)
def test_check_digit_hand_computed(first12: str, check: int) -> None:
    assert tax_id_check_digit(first12) == check
    assert is_valid_tax_id(first12 + str(check))
    assert not is_valid_tax_id(first12 + str((check + 1) % 10))


@pytest.mark.parametrize("bad", ["", "12345678901", "1234567890123", "01055123456x"])
def test_check_digit_needs_exactly_twelve_digits(bad: str) -> None:
    with pytest.raises(TaxIdLengthError):
        tax_id_check_digit(bad)


@pytest.mark.parametrize(
    "text",
    ["1101700203450", "1-1017-00203-45-0", " 1 1017 00203 45 0 ", "๑๑๐๑๗๐๐๒๐๓๔๕๐", "1–1017–00203–45–0"],
)
def test_normalize_and_validate(text: str) -> None:
    assert normalize_tax_id(text) == "1101700203450"
    assert validate_tax_id(text) == "1101700203450"


@pytest.mark.parametrize(
    ("text", "error", "fragment"),
    [
        ("", TaxIdLengthError, "13 หลัก"),
        ("110170020345", TaxIdLengthError, "13 หลัก"),
        ("11017002034500", TaxIdLengthError, "13 หลัก"),
        ("110170020345O", InvalidTaxIdError, "ตัวเลข"),
        ("1101700203451", TaxIdChecksumError, r"เลขตรวจสอบ \(หลักที่ 13\) ไม่ถูกต้อง"),
    ],
)
def test_validate_messages_distinguish_length_from_checksum(
    text: str, error: type[Exception], fragment: str
) -> None:
    with pytest.raises(error, match=fragment):
        validate_tax_id(text)
    assert not is_valid_tax_id(text)


def test_length_and_checksum_errors_are_distinct_types() -> None:
    assert not issubclass(TaxIdLengthError, TaxIdChecksumError)
    assert not issubclass(TaxIdChecksumError, TaxIdLengthError)
    assert issubclass(TaxIdChecksumError, ValueError)


def test_format() -> None:
    assert format_tax_id("1101700203450") == "1-1017-00203-45-0"
    assert format_tax_id("0105512345678") == "0-1055-12345-67-8"  # shape only, checksum not required
    assert format_tax_id("1 1017 00203 45 0", thai_digits=True) == "๑-๑๐๑๗-๐๐๒๐๓-๔๕-๐"
    with pytest.raises(TaxIdLengthError):
        format_tax_id("110170020345")


@given(TWELVE_DIGITS)
def test_generated_ids_are_valid_and_round_trip_through_format(first12: str) -> None:
    tax_id = first12 + str(ref_check(first12))
    assert tax_id_check_digit(first12) == ref_check(first12)
    assert is_valid_tax_id(tax_id)
    assert validate_tax_id(tax_id) == tax_id
    assert validate_tax_id(format_tax_id(tax_id)) == tax_id
    assert validate_tax_id(format_tax_id(tax_id, thai_digits=True)) == tax_id


@given(TWELVE_DIGITS)
def test_single_digit_changes(first12: str) -> None:
    """Every single-digit change is caught, except the two the scheme itself cannot see.

    The weight of digit 3 is 11 ≡ 0 (mod 11), so it never affects the check digit; and residues
    0 and 10 both give check digit 1. Those are properties of the official formula, not bugs.
    """
    tax_id = first12 + str(ref_check(first12))
    for pos in range(13):
        for digit in "0123456789":
            if digit == tax_id[pos]:
                continue
            changed = tax_id[:pos] + digit + tax_id[pos + 1 :]
            blind_spot = pos == 2 or (
                pos < 12 and {ref_residue(tax_id[:12]), ref_residue(changed[:12])} == {0, 10}
            )
            assert is_valid_tax_id(changed) is blind_spot, (tax_id, changed)
            if not blind_spot:
                with pytest.raises(TaxIdChecksumError):
                    validate_tax_id(changed)


@given(st.text(max_size=30))
def test_is_valid_never_raises_and_agrees_with_reference(text: str) -> None:
    assert is_valid_tax_id(text) == ref_valid(normalize_tax_id(text))
