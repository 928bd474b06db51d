"""Money: amounts in Thai words (bahttext), figures, and a forgiving parser.

Money is always :class:`decimal.Decimal` (or an ``int`` of whole baht); floats are refused
because a binary float cannot hold most satang values exactly (0.29 → 28.999… satang).
"""

import re
from decimal import Decimal
from typing import Final

from prakat.thai.digits import to_arabic_digits, to_thai_digits
from prakat.thai.errors import InvalidAmountError, ThaiTypeError

# Far above any school budget (10^18 baht); the bound keeps a hostile "1E+1000000" from turning
# into a million-digit integer and keeps quantize() within the default 28-digit context.
MAX_AMOUNT: Final = Decimal(10) ** 18

_CENT: Final = Decimal("0.01")

_DIGIT_WORDS: Final = ("", "หนึ่ง", "สอง", "สาม", "สี่", "ห้า", "หก", "เจ็ด", "แปด", "เก้า")
# Places inside one ล้าน group, indexed by power of ten.
_PLACE_WORDS: Final = ("", "สิบ", "ร้อย", "พัน", "หมื่น", "แสน")
_MILLION: Final = 10**6


def _group_words(n: int, *, units_one_is_et: bool) -> str:
    """Words for 0 <= n < 10^6 ("" for 0); the units 1 is เอ็ด when the caller says so."""
    parts: list[str] = []
    for place in range(5, -1, -1):
        digit = n // 10**place % 10
        if digit == 0:
            continue
        if place == 1:
            # 10 is สิบ, not หนึ่งสิบ; 20s are ยี่สิบ, not สองสิบ.
            parts.append({1: "", 2: "ยี่"}.get(digit, _DIGIT_WORDS[digit]) + "สิบ")
        elif place == 0 and digit == 1 and units_one_is_et:
            parts.append("เอ็ด")
        else:
            parts.append(_DIGIT_WORDS[digit] + _PLACE_WORDS[place])
    return "".join(parts)


def _number_words(n: int) -> str:
    """Thai words for an integer n >= 1, reading ล้าน groups recursively.

    The multiplier in front of ล้าน is read as a number on its own (11,000,000 = สิบเอ็ดล้าน,
    10^12 = หนึ่งล้านล้าน). A units 1 is เอ็ด whenever it is not the whole number, i.e. any
    other digit to its left is non-zero — see :func:`baht_text` for the source of this rule.
    """
    high, low = divmod(n, _MILLION)
    prefix = _number_words(high) + "ล้าน" if high else ""
    return prefix + _group_words(low, units_one_is_et=n > 1)


def _to_satang(amount: Decimal | int) -> int:
    """Validate a money amount and return it as a whole number of satang."""
    # bool is an int subclass; True baht is a bug, not an amount.
    if isinstance(amount, bool) or not isinstance(amount, Decimal | int):
        if isinstance(amount, float):
            raise ThaiTypeError(
                "จำนวนเงินต้องเป็น Decimal ไม่ใช่ float เพราะ float เก็บสตางค์ได้ไม่แม่นยำ "
                "(use decimal.Decimal, not float)"
            )
        raise ThaiTypeError(f"จำนวนเงินต้องเป็น Decimal หรือจำนวนเต็ม (ได้ {type(amount).__name__})")
    if isinstance(amount, Decimal) and not amount.is_finite():
        raise InvalidAmountError("จำนวนเงินต้องเป็นตัวเลขจริง ไม่ใช่ NaN หรือ Infinity")
    if amount < 0:
        raise InvalidAmountError("จำนวนเงินต้องไม่ติดลบ (amount must not be negative)")
    if amount >= MAX_AMOUNT:
        raise InvalidAmountError("จำนวนเงินมากเกินกว่าที่ระบบรองรับ (amount too large)")
    numerator, denominator = amount.as_integer_ratio()
    satang, remainder = divmod(numerator * 100, denominator)
    if remainder:
        raise InvalidAmountError("จำนวนเงินมีทศนิยมได้ไม่เกิน 2 ตำแหน่ง (สตางค์) (at most 2 decimal places)")
    return satang


def baht_text(amount: Decimal | int) -> str:
    """The amount in Thai words, as written in brackets after the figure on a notice.

    * whole amounts end in "บาทถ้วน" (0 → "ศูนย์บาทถ้วน");
    * otherwise "<baht>บาท<satang>สตางค์", and below one baht just "<satang>สตางค์";
    * 10 = สิบ, 20s = ยี่สิบ, a units 1 after tens is เอ็ด (11 สิบเอ็ด, 21 ยี่สิบเอ็ด);
    * groups are read by ล้าน recursively (10^12 = หนึ่งล้านล้าน);
    * **trailing-1 rule — เอ็ด**: a units 1 is เอ็ด whenever any higher digit of the same
      number is non-zero, also after ร้อย/พัน/ล้าน: 101 = หนึ่งร้อยเอ็ด, 1,001 = หนึ่งพันเอ็ด,
      1,000,001 = หนึ่งล้านเอ็ด, 51,000,001 = ห้าสิบเอ็ดล้านเอ็ด. Only the number 1 itself is
      หนึ่ง. Satang are a separate number, so 1.01 = หนึ่งบาทหนึ่งสตางค์.

    Source of the rule (domain.md §7): jojoee/bahttext and the current PyThaiNLP
    ``num_to_thaiword`` ("global เอ็ด rule", code index id 69616120680) both give เอ็ด, and
    Microsoft Excel ``BAHTTEXT`` is believed to (domain.md marks that [U]). Google Sheets differs
    (201 → สองร้อยหนึ่ง); we follow the Excel/PyThaiNLP reading used on official documents.

    Accepts ``Decimal`` or ``int``; refuses float (ThaiTypeError), negative, NaN/Infinity, more
    than 2 decimal places (12.345; but 12.5 and 12.50 are fine) and amounts >= 10^18
    (InvalidAmountError).
    """
    satang_total = _to_satang(amount)
    if satang_total == 0:
        return "ศูนย์บาทถ้วน"
    baht, satang = divmod(satang_total, 100)
    words = _number_words(baht) + "บาท" if baht else ""
    if satang == 0:
        return words + "ถ้วน"
    return words + _number_words(satang) + "สตางค์"


def format_baht(amount: Decimal | int, *, thai_digits: bool = False) -> str:
    """Figures with thousands separators and always two decimals: "1,234,567.89" / "๑,๒๓๔,๕๖๗.๘๙".

    Validation is the same as :func:`baht_text`; in particular a third decimal place is an
    error rather than being rounded away, because a rounded figure on a notice would no longer
    match the amount that was approved.
    """
    baht, satang = divmod(_to_satang(amount), 100)
    text = f"{baht:,}.{satang:02d}"
    return to_thai_digits(text) if thai_digits else text


# ---------------------------------------------------------------------------------------------
# Parsing

_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"), None)

# Thousands separators must sit every three digits, so "1,25" (a European decimal comma) is
# refused instead of being read as 125. A space is accepted as a separator because numbers
# pasted from some spreadsheets and PDFs come out as "12 500".
_NUMBER = r"[0-9]{1,3}(?:,[0-9]{3})+|[0-9]{1,3}(?: [0-9]{3})+|[0-9]+"
_AMOUNT = re.compile(
    rf"(?:฿|THB)? ?(?P<int>{_NUMBER})(?:\.(?P<frac>[0-9]*)|\.-)?"
    r" ?(?:บาท(?:ถ้วน)?|บ\.|THB|฿)?",
    re.IGNORECASE,
)
# A leading minus (ASCII, Unicode minus or en dash) or Excel's accounting "(1,000.00)".
_NEGATIVE = re.compile(r"^(?:฿|THB)? ?[-−–] ?[0-9]|^\([^)]*[0-9][^)]*\)$", re.IGNORECASE)

_AMOUNT_FORMAT_HINT: Final = "ควรเป็นตัวเลข เช่น 12,500.25 หรือ 12500 (expected a number like 12,500.25)"


def parse_baht(text: str) -> Decimal:
    """Read an amount as a teacher types it or pastes it from Excel, quantized to 0.01.

    Accepted: "12,500.25", "12500", "๑๒,๕๐๐.๒๕", " 12 500 บาท ", "฿1,000", "12,500.-" (the
    usual ".-" for whole baht on Thai forms). Refused with InvalidAmountError: empty text,
    negatives (including Excel's "(1,000)"), more than 2 decimal places, misplaced commas and
    anything else that is not an amount.
    """
    cleaned = " ".join(to_arabic_digits(text).translate(_INVISIBLE).split())
    if not cleaned:
        raise InvalidAmountError("ไม่ได้ระบุจำนวนเงิน " + _AMOUNT_FORMAT_HINT)
    if _NEGATIVE.search(cleaned):
        raise InvalidAmountError("จำนวนเงินต้องไม่ติดลบ (amount must not be negative)")
    match = _AMOUNT.fullmatch(cleaned)
    if match is None:
        raise InvalidAmountError("จำนวนเงินไม่ถูกต้อง " + _AMOUNT_FORMAT_HINT)
    frac = match["frac"] or ""
    if len(frac) > 2:
        # Refused even for "12.500": three digits after a dot is how some users write
        # thousands ("12.500" = 12,500), so guessing either way could be off by 1000×.
        raise InvalidAmountError("จำนวนเงินมีทศนิยมได้ไม่เกิน 2 ตำแหน่ง (สตางค์) (at most 2 decimal places)")
    digits = match["int"].replace(",", "").replace(" ", "")
    amount = Decimal(f"{digits}.{frac}" if frac else digits)
    if amount >= MAX_AMOUNT:
        raise InvalidAmountError("จำนวนเงินมากเกินกว่าที่ระบบรองรับ (amount too large)")
    return amount.quantize(_CENT)
