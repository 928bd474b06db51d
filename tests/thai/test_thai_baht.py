import re
from decimal import Decimal

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from prakat.thai import (
    MAX_AMOUNT,
    InvalidAmountError,
    ThaiTypeError,
    ThaiValueError,
    baht_text,
    format_baht,
    parse_baht,
    to_thai_digits,
)

THAI_CHAR = re.compile(r"[ก-๛]")

# ---------------------------------------------------------------------------------------------
# An independent reference reader: Thai amount words → Decimal. It also enforces the spelling
# rules (สิบ not หนึ่งสิบ, ยี่สิบ not สองสิบ, เอ็ด exactly where a units 1 follows other digits),
# so a round trip proves the words are canonical, not merely decodable.

_DIGITS = {"หนึ่ง": 1, "สอง": 2, "สาม": 3, "สี่": 4, "ห้า": 5, "หก": 6, "เจ็ด": 7, "แปด": 8, "เก้า": 9}
_PLACES = {"สิบ": 10, "ร้อย": 100, "พัน": 1000, "หมื่น": 10_000, "แสน": 100_000}
_VOCAB = sorted([*_DIGITS, *_PLACES, "เอ็ด", "ยี่", "ล้าน"], key=len, reverse=True)


class NotCanonical(AssertionError):
    pass


def _tokens(words: str) -> list[str]:
    tokens: list[str] = []
    rest = words
    while rest:
        for token in _VOCAB:
            if rest.startswith(token):
                tokens.append(token)
                rest = rest[len(token) :]
                break
        else:
            raise NotCanonical(f"unknown word at {rest!r}")
    return tokens


def read_number(words: str) -> int:
    """Integer value of Thai number words (no ศูนย์); raises NotCanonical on bad spelling."""
    if not words:
        raise NotCanonical("empty number")
    total = 0  # everything already multiplied by ล้าน
    group = 0  # value inside the current ล้าน group
    last_place = 10**6  # places inside a group must strictly decrease
    pending: int | None = None  # a digit waiting for its place
    pending_token = ""
    for token in _tokens(words):
        if token in _DIGITS or token in ("เอ็ด", "ยี่"):
            if pending is not None:
                raise NotCanonical(f"two digits in a row in {words!r}")
            pending, pending_token = (1 if token == "เอ็ด" else 2 if token == "ยี่" else _DIGITS[token]), token
            continue
        if token in _PLACES:
            place = _PLACES[token]
            if place >= last_place:
                raise NotCanonical(f"places out of order in {words!r}")
            if token == "สิบ":
                if pending_token in ("หนึ่ง", "สอง", "เอ็ด"):
                    raise NotCanonical(f"{pending_token}สิบ in {words!r}")
                digit = 1 if pending is None else pending
            else:
                if pending is None or pending_token in ("เอ็ด", "ยี่"):
                    raise NotCanonical(f"{token} needs a plain digit in {words!r}")
                digit = pending
            if pending_token == "ยี่" and token != "สิบ":
                raise NotCanonical(f"ยี่ before {token}")
            group += digit * place
            last_place = place
            pending, pending_token = None, ""
            continue
        # ล้าน: close the group and shift everything read so far.
        group += _close_units(pending, pending_token, total + group, words)
        if total + group == 0:
            raise NotCanonical(f"ล้าน without a multiplier in {words!r}")
        total, group, last_place, pending, pending_token = (total + group) * 10**6, 0, 10**6, None, ""
    group += _close_units(pending, pending_token, total + group, words)
    return total + group


def _close_units(pending: int | None, token: str, before: int, words: str) -> int:
    if pending is None:
        return 0
    if token == "ยี่":
        raise NotCanonical(f"ยี่ without สิบ in {words!r}")
    # The rule under test: a units 1 is เอ็ด exactly when other digits precede it.
    if token == "เอ็ด" and before == 0:
        raise NotCanonical(f"เอ็ด with nothing before it in {words!r}")
    if token == "หนึ่ง" and before != 0:
        raise NotCanonical(f"units หนึ่ง after other digits in {words!r} (expected เอ็ด)")
    return pending


def read_baht_text(text: str) -> Decimal:
    if text == "ศูนย์บาทถ้วน":
        return Decimal("0.00")
    if text.endswith("บาทถ้วน"):
        return Decimal(read_number(text.removesuffix("บาทถ้วน"))).quantize(Decimal("0.01"))
    if not text.endswith("สตางค์"):
        raise NotCanonical(f"bad ending: {text!r}")
    body = text.removesuffix("สตางค์")
    baht_words, _, satang_words = body.rpartition("บาท")
    satang = read_number(satang_words)
    if not 1 <= satang <= 99:
        raise NotCanonical(f"satang out of range in {text!r}")
    baht = read_number(baht_words) if baht_words else 0
    if "บาท" in text and baht == 0:
        raise NotCanonical(f"zero baht spelled out in {text!r}")
    return Decimal(baht * 100 + satang) / 100


def test_reference_reader_rejects_non_canonical_words() -> None:
    # Guard the oracle itself: it must be able to say no.
    assert read_number("หนึ่งร้อยเอ็ด") == 101
    assert read_number("หนึ่งล้านเอ็ดล้าน") == 1_000_001_000_000
    for bad in ("หนึ่งสิบ", "สองสิบ", "สิบหนึ่ง", "หนึ่งร้อยหนึ่ง", "เอ็ด", "ยี่", "ร้อย", "พันร้อย", "สองร้อยพัน",
                "ห้าสิบเอ็ดล้านหนึ่ง", "ล้าน", "ยี่ร้อย", "ยี่สิบยี่"):  # fmt: skip
        with pytest.raises(NotCanonical):
            read_number(bad)


# ---------------------------------------------------------------------------------------------
# Example table

X = "เก้าแสนเก้าหมื่นเก้าพันเก้าร้อยเก้าสิบเก้า"

CASES: list[tuple[str, str]] = [
    ("0", "ศูนย์บาทถ้วน"),
    ("0.00", "ศูนย์บาทถ้วน"),
    ("0.01", "หนึ่งสตางค์"),
    ("0.10", "สิบสตางค์"),
    ("0.11", "สิบเอ็ดสตางค์"),
    ("0.2", "ยี่สิบสตางค์"),
    ("0.21", "ยี่สิบเอ็ดสตางค์"),
    ("0.25", "ยี่สิบห้าสตางค์"),
    ("0.5", "ห้าสิบสตางค์"),
    ("0.99", "เก้าสิบเก้าสตางค์"),
    ("1", "หนึ่งบาทถ้วน"),
    ("2", "สองบาทถ้วน"),
    ("10", "สิบบาทถ้วน"),
    ("11", "สิบเอ็ดบาทถ้วน"),
    ("12", "สิบสองบาทถ้วน"),
    ("20", "ยี่สิบบาทถ้วน"),
    ("21", "ยี่สิบเอ็ดบาทถ้วน"),
    ("22", "ยี่สิบสองบาทถ้วน"),
    ("31", "สามสิบเอ็ดบาทถ้วน"),
    ("99", "เก้าสิบเก้าบาทถ้วน"),
    ("100", "หนึ่งร้อยบาทถ้วน"),
    ("101", "หนึ่งร้อยเอ็ดบาทถ้วน"),
    ("110", "หนึ่งร้อยสิบบาทถ้วน"),
    ("111", "หนึ่งร้อยสิบเอ็ดบาทถ้วน"),
    ("120", "หนึ่งร้อยยี่สิบบาทถ้วน"),
    ("121", "หนึ่งร้อยยี่สิบเอ็ดบาทถ้วน"),
    ("201", "สองร้อยเอ็ดบาทถ้วน"),
    ("1000", "หนึ่งพันบาทถ้วน"),
    ("1001", "หนึ่งพันเอ็ดบาทถ้วน"),
    ("1010", "หนึ่งพันสิบบาทถ้วน"),
    ("1060", "หนึ่งพันหกสิบบาทถ้วน"),
    ("10000", "หนึ่งหมื่นบาทถ้วน"),
    ("11875", "หนึ่งหมื่นหนึ่งพันแปดร้อยเจ็ดสิบห้าบาทถ้วน"),
    ("25000", "สองหมื่นห้าพันบาทถ้วน"),
    ("100000", "หนึ่งแสนบาทถ้วน"),
    ("500000", "ห้าแสนบาทถ้วน"),
    ("1000000", "หนึ่งล้านบาทถ้วน"),
    ("1000001", "หนึ่งล้านเอ็ดบาทถ้วน"),
    ("1000010", "หนึ่งล้านสิบบาทถ้วน"),
    ("1500000", "หนึ่งล้านห้าแสนบาทถ้วน"),
    ("2000000", "สองล้านบาทถ้วน"),
    ("6321298", "หกล้านสามแสนสองหมื่นหนึ่งพันสองร้อยเก้าสิบแปดบาทถ้วน"),
    ("10000000", "สิบล้านบาทถ้วน"),
    ("10034567", "สิบล้านสามหมื่นสี่พันห้าร้อยหกสิบเจ็ดบาทถ้วน"),
    ("11000000", "สิบเอ็ดล้านบาทถ้วน"),
    ("11000001", "สิบเอ็ดล้านเอ็ดบาทถ้วน"),
    ("21000000", "ยี่สิบเอ็ดล้านบาทถ้วน"),
    ("21500000", "ยี่สิบเอ็ดล้านห้าแสนบาทถ้วน"),
    ("51000001", "ห้าสิบเอ็ดล้านเอ็ดบาทถ้วน"),
    ("100000000", "หนึ่งร้อยล้านบาทถ้วน"),
    ("101000000", "หนึ่งร้อยเอ็ดล้านบาทถ้วน"),
    ("1000000000", "หนึ่งพันล้านบาทถ้วน"),
    ("1000000000000", "หนึ่งล้านล้านบาทถ้วน"),
    ("1000000000001", "หนึ่งล้านล้านเอ็ดบาทถ้วน"),
    ("1001000000000", "หนึ่งล้านหนึ่งพันล้านบาทถ้วน"),
    ("1000001000000", "หนึ่งล้านเอ็ดล้านบาทถ้วน"),
    ("1000000000000000", "หนึ่งพันล้านล้านบาทถ้วน"),
    ("100000000000000000", "หนึ่งแสนล้านล้านบาทถ้วน"),
    ("999999999999999999", f"{X}ล้าน{X}ล้าน{X}บาทถ้วน"),
    ("1.01", "หนึ่งบาทหนึ่งสตางค์"),
    ("1.5", "หนึ่งบาทห้าสิบสตางค์"),
    ("1.50", "หนึ่งบาทห้าสิบสตางค์"),
    ("11.25", "สิบเอ็ดบาทยี่สิบห้าสตางค์"),
    ("21.21", "ยี่สิบเอ็ดบาทยี่สิบเอ็ดสตางค์"),
    ("100.50", "หนึ่งร้อยบาทห้าสิบสตางค์"),
    ("567.01", "ห้าร้อยหกสิบเจ็ดบาทหนึ่งสตางค์"),
    ("12500.25", "หนึ่งหมื่นสองพันห้าร้อยบาทยี่สิบห้าสตางค์"),
    ("1234567.89", "หนึ่งล้านสองแสนสามหมื่นสี่พันห้าร้อยหกสิบเจ็ดบาทแปดสิบเก้าสตางค์"),
    (
        "9999999999.99",
        "เก้าพันเก้าร้อยเก้าสิบเก้าล้านเก้าแสนเก้าหมื่นเก้าพันเก้าร้อยเก้าสิบเก้าบาทเก้าสิบเก้าสตางค์",
    ),
    ("1E+3", "หนึ่งพันบาทถ้วน"),
    ("12.500", "สิบสองบาทห้าสิบสตางค์"),  # a Decimal's trailing zeros are not extra precision
    ("-0", "ศูนย์บาทถ้วน"),
]


def test_enough_examples() -> None:
    assert len(CASES) >= 40


@pytest.mark.parametrize(("amount", "words"), CASES)
def test_baht_text_examples(amount: str, words: str) -> None:
    assert baht_text(Decimal(amount)) == words
    # The oracle agrees with the table, so the table and the oracle check each other.
    assert read_baht_text(words) == Decimal(amount)


@pytest.mark.parametrize(
    ("amount", "words"), [(0, "ศูนย์บาทถ้วน"), (101, "หนึ่งร้อยเอ็ดบาทถ้วน"), (10**12, "หนึ่งล้านล้านบาทถ้วน")]
)
def test_int_amounts(amount: int, words: str) -> None:
    assert baht_text(amount) == words


@pytest.mark.parametrize(
    "amount",
    ["-1", "-0.01", "NaN", "sNaN", "Infinity", "-Infinity", "12.345", "0.001", "1E-3", "1E+18", "1E+1000000"],
)
def test_baht_text_rejects_bad_decimals(amount: str) -> None:
    with pytest.raises(InvalidAmountError) as info:
        baht_text(Decimal(amount))
    assert THAI_CHAR.search(str(info.value))
    with pytest.raises(InvalidAmountError):
        format_baht(Decimal(amount))


def test_baht_text_messages() -> None:
    with pytest.raises(InvalidAmountError, match="จำนวนเงินต้องไม่ติดลบ"):
        baht_text(Decimal("-5"))
    with pytest.raises(InvalidAmountError, match="ไม่เกิน 2 ตำแหน่ง"):
        baht_text(Decimal("12.345"))
    with pytest.raises(InvalidAmountError):
        baht_text(-1)


@pytest.mark.parametrize("amount", [1.5, 0.0, "12", True, None, [1]])
def test_baht_text_refuses_non_decimal_types(amount: object) -> None:
    with pytest.raises(ThaiTypeError) as info:
        baht_text(amount)  # type: ignore[arg-type]
    assert isinstance(info.value, TypeError)
    assert THAI_CHAR.search(str(info.value))
    if isinstance(amount, float):
        assert "float" in str(info.value)


def test_largest_amount() -> None:
    assert Decimal(10) ** 18 == MAX_AMOUNT
    assert baht_text(MAX_AMOUNT - Decimal("0.01")).endswith("บาทเก้าสิบเก้าสตางค์")


def test_every_amount_up_to_20000_reads_back() -> None:
    for n in range(20_001):
        assert read_baht_text(baht_text(n)) == n
    for satang in range(100):
        amount = Decimal(satang) / 100
        assert read_baht_text(baht_text(amount)) == amount


def test_agrees_with_pythainlp_below_a_million_million() -> None:
    # A second, external opinion on integer words where PyThaiNLP's flat 6-digit grouping and
    # our recursive reading must coincide (below 10^12 a ล้าน multiplier has at most 6 digits).
    thaiword = pytest.importorskip("pythainlp.util").num_to_thaiword
    for n in [*range(1, 3000), 1_000_001, 11_000_001, 51_000_001, 101_000_101, 999_999_999_999]:
        assert baht_text(n) == thaiword(n) + "บาทถ้วน"


AMOUNTS = st.decimals(
    min_value=Decimal(0),
    max_value=Decimal(10**15) - Decimal("0.01"),
    places=2,
    allow_nan=False,
    allow_infinity=False,
)
WIDE_AMOUNTS = st.integers(min_value=0, max_value=10**20 - 1).map(lambda c: Decimal(c).scaleb(-2))


@given(AMOUNTS)
@example(Decimal("0.00"))
@example(Decimal("1000000000000.01"))
def test_round_trip_through_reference_reader(amount: Decimal) -> None:
    assert read_baht_text(baht_text(amount)) == amount


@given(WIDE_AMOUNTS.filter(lambda d: d < MAX_AMOUNT))
def test_round_trip_over_the_whole_supported_range(amount: Decimal) -> None:
    assert read_baht_text(baht_text(amount)) == amount


@given(AMOUNTS)
def test_ends_with_thuan_iff_whole(amount: Decimal) -> None:
    words = baht_text(amount)
    assert words.endswith("บาทถ้วน") == (amount == amount.to_integral_value())
    assert words.endswith("สตางค์") != words.endswith("บาทถ้วน")
    # "…บาท" appears iff there is at least one whole baht (0.xx is satang alone).
    assert ("บาท" in words) == (amount >= 1 or amount == 0)


@given(AMOUNTS)
def test_scale_does_not_matter(amount: Decimal) -> None:
    words = baht_text(amount)
    assert baht_text(amount.quantize(Decimal("0.001"))) == words
    assert baht_text(amount.normalize()) == words
    if amount == amount.to_integral_value():
        assert baht_text(int(amount)) == words


# ---------------------------------------------------------------------------------------------
# Figures


@pytest.mark.parametrize(
    ("amount", "plain", "thai"),
    [
        ("1234567.89", "1,234,567.89", "๑,๒๓๔,๕๖๗.๘๙"),
        ("0", "0.00", "๐.๐๐"),
        ("0.5", "0.50", "๐.๕๐"),
        ("12.5", "12.50", "๑๒.๕๐"),
        ("999", "999.00", "๙๙๙.๐๐"),
        ("1000", "1,000.00", "๑,๐๐๐.๐๐"),
        ("500000", "500,000.00", "๕๐๐,๐๐๐.๐๐"),
        ("1E+12", "1,000,000,000,000.00", "๑,๐๐๐,๐๐๐,๐๐๐,๐๐๐.๐๐"),
    ],
)
def test_format_baht(amount: str, plain: str, thai: str) -> None:
    assert format_baht(Decimal(amount)) == plain
    assert format_baht(Decimal(amount), thai_digits=True) == thai


def test_format_baht_refuses_float() -> None:
    with pytest.raises(ThaiTypeError):
        format_baht(1.5)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12,500.25", "12500.25"),
        ("12500", "12500.00"),
        ("12500.5", "12500.50"),
        ("12500.", "12500.00"),
        ("๑๒,๕๐๐.๒๕", "12500.25"),
        (" 12 500 บาท ", "12500.00"),
        ("฿1,000", "1000.00"),
        ("฿ 1,000.00", "1000.00"),
        ("THB 1,000", "1000.00"),
        ("1,000 THB", "1000.00"),
        ("12,500.- บาท", "12500.00"),
        ("12,500.-", "12500.00"),
        ("12,500 บ.", "12500.00"),
        ("12,500บาทถ้วน", "12500.00"),
        ("1,234,567.89", "1234567.89"),
        ("\u00a01\u00a0234\u00a0567.89", "1234567.89"),  # no-break-space groups
        ("0", "0.00"),
        ("0.01", "0.01"),
        ("007", "7.00"),
        ("\t499,999.99\n", "499999.99"),
    ],
)
def test_parse_baht_accepts(text: str, expected: str) -> None:
    result = parse_baht(text)
    assert result == Decimal(expected)
    assert result.as_tuple().exponent == -2


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("", "ไม่ได้ระบุจำนวนเงิน"),
        ("   ", "ไม่ได้ระบุจำนวนเงิน"),
        ("abc", "ไม่ถูกต้อง"),
        ("12a", "ไม่ถูกต้อง"),
        ("1,25", "ไม่ถูกต้อง"),  # decimal comma: refused rather than read as 125
        ("1,2345", "ไม่ถูกต้อง"),
        ("12,50,000", "ไม่ถูกต้อง"),
        ("1.2.3", "ไม่ถูกต้อง"),
        ("1e5", "ไม่ถูกต้อง"),
        ("NaN", "ไม่ถูกต้อง"),
        ("Infinity", "ไม่ถูกต้อง"),
        ("บาท", "ไม่ถูกต้อง"),
        ("12 50", "ไม่ถูกต้อง"),
        ("-5", "ติดลบ"),
        ("−5", "ติดลบ"),
        ("(1,000.00)", "ติดลบ"),
        ("฿-5", "ติดลบ"),
        ("- 5", "ติดลบ"),
        ("(abc)", "ไม่ถูกต้อง"),
        ("-abc", "ไม่ถูกต้อง"),
        ("12.345", "ไม่เกิน 2 ตำแหน่ง"),
        ("12.500", "ไม่เกิน 2 ตำแหน่ง"),
        ("1" + "0" * 18, "มากเกิน"),
        ("١٢", "ไม่ถูกต้อง"),  # Arabic-Indic digits are not accepted
    ],
)
def test_parse_baht_rejects(text: str, fragment: str) -> None:
    with pytest.raises(InvalidAmountError, match=re.escape(fragment)):
        parse_baht(text)


@given(AMOUNTS, st.booleans())
def test_format_parse_round_trip(amount: Decimal, thai_digits: bool) -> None:
    text = format_baht(amount, thai_digits=thai_digits)
    assert parse_baht(text) == amount
    assert parse_baht(text + " บาท") == amount
    assert parse_baht("฿" + text) == amount


@given(AMOUNTS)
def test_parse_accepts_plain_and_thai_digit_strings(amount: Decimal) -> None:
    plain = f"{amount:f}"
    assert parse_baht(plain) == amount
    assert parse_baht(to_thai_digits(plain)) == amount
    assert parse_baht(f"{amount:,}".replace(",", " ")) == amount


@given(st.text(max_size=30))
def test_parse_baht_raises_only_thai_value_errors(text: str) -> None:
    try:
        result = parse_baht(text)
    except ThaiValueError as error:
        assert THAI_CHAR.search(str(error))
    else:
        assert result >= 0
        assert result.as_tuple().exponent == -2
