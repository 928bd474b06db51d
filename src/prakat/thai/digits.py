"""Conversion between Arabic (0-9) and Thai (๐-๙) digits.

Official documents print Thai digits; users type either, so input is normalised to Arabic
digits before parsing and output is converted back when a document asks for Thai digits.
"""

ARABIC_DIGITS = "0123456789"
THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"

_TO_THAI = str.maketrans(ARABIC_DIGITS, THAI_DIGITS)
_TO_ARABIC = str.maketrans(THAI_DIGITS, ARABIC_DIGITS)


def to_thai_digits(text: str) -> str:
    """Replace every ASCII digit 0-9 with its Thai digit; leave everything else alone."""
    return text.translate(_TO_THAI)


def to_arabic_digits(text: str) -> str:
    """Replace every Thai digit ๐-๙ with its ASCII digit; leave everything else alone."""
    return text.translate(_TO_ARABIC)
