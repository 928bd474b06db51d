"""The 13-digit Thai tax ID (เลขประจำตัวผู้เสียภาษีอากร) / citizen ID.

Companies' tax IDs and people's citizen IDs share one format: 12 digits and a check digit
d13 = (11 - (Σ_{i=0..11} d_i × (13 - i)) mod 11) mod 10.
"""

import re
from typing import Final

from prakat.thai.digits import to_arabic_digits, to_thai_digits
from prakat.thai.errors import InvalidTaxIdError, TaxIdChecksumError, TaxIdLengthError

TAX_ID_LENGTH: Final = 13

# Separators people type or paste: spaces of any kind, ASCII hyphen, and the dash look-alikes
# that word processors substitute for it.
_SEPARATORS = re.compile(r"[\s\-‐‑‒–—−\u200b\ufeff]+")
_DIGITS_ONLY = re.compile(r"[0-9]*")


def normalize_tax_id(text: str) -> str:
    """Drop spaces and dashes and turn Thai digits into ASCII; does not validate."""
    return _SEPARATORS.sub("", to_arabic_digits(text))


def _check_digit(first12: str) -> int:
    total = sum(int(digit) * (13 - i) for i, digit in enumerate(first12))
    return (11 - total % 11) % 10


def tax_id_check_digit(first12: str) -> int:
    """The 13th digit for the given first 12 digits (separators and Thai digits allowed)."""
    digits = normalize_tax_id(first12)
    if not _DIGITS_ONLY.fullmatch(digits) or len(digits) != TAX_ID_LENGTH - 1:
        raise TaxIdLengthError(f"ต้องระบุตัวเลข 12 หลักแรกเพื่อคำนวณเลขตรวจสอบ (ได้ “{first12}”)")
    return _check_digit(digits)


def validate_tax_id(text: str) -> str:
    """Return the normalised 13-digit ID, or raise with a Thai message saying what is wrong."""
    digits = normalize_tax_id(text)
    if not digits:
        raise TaxIdLengthError("ไม่ได้ระบุเลขประจำตัวผู้เสียภาษี ต้องมี 13 หลัก")
    if not _DIGITS_ONLY.fullmatch(digits):
        raise InvalidTaxIdError("เลขประจำตัวผู้เสียภาษีต้องเป็นตัวเลขเท่านั้น ต้องมี 13 หลัก")
    if len(digits) != TAX_ID_LENGTH:
        raise TaxIdLengthError(f"เลขประจำตัวผู้เสียภาษีต้องมี 13 หลัก (ได้ {len(digits)} หลัก)")
    if _check_digit(digits[:12]) != int(digits[12]):
        raise TaxIdChecksumError(
            "เลขตรวจสอบ (หลักที่ 13) ไม่ถูกต้อง โปรดตรวจว่าพิมพ์เลขครบและไม่สลับหลัก (bad check digit)"
        )
    return digits


def is_valid_tax_id(text: str) -> bool:
    """True when ``text`` is a well-formed 13-digit ID with a correct check digit."""
    try:
        validate_tax_id(text)
    except InvalidTaxIdError:
        return False
    return True


def format_tax_id(text: str, *, thai_digits: bool = False) -> str:
    """Group as 1-4-5-2-1, e.g. "0-1055-12345-67-8".

    Only the shape (13 digits) is required, not the check digit, so that a stored legacy value
    can still be displayed; validate on input with :func:`validate_tax_id`.
    """
    digits = normalize_tax_id(text)
    if not _DIGITS_ONLY.fullmatch(digits) or len(digits) != TAX_ID_LENGTH:
        raise TaxIdLengthError("เลขประจำตัวผู้เสียภาษีต้องเป็นตัวเลข 13 หลัก")
    grouped = "-".join((digits[0], digits[1:5], digits[5:10], digits[10:12], digits[12]))
    return to_thai_digits(grouped) if thai_digits else grouped
