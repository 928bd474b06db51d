"""Numbers in an official document: Thai digits, as in e-GP's own documents, except inside a Latin
token ("A4", "Wi-Fi 6"), whose digits stay as they are."""

from __future__ import annotations

import re

from prakat.thai import to_thai_digits

_DIGITS = re.compile(r"(?<![A-Za-z])\d[\d,./:-]*")


def thai(text: str) -> str:
    """``text`` with its numbers in Thai digits: "เลขที่ 12/2569" → "เลขที่ ๑๒/๒๕๖๙"."""
    return _DIGITS.sub(lambda m: to_thai_digits(m.group(0)), text)
