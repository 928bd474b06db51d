"""Numbers in an official document: Thai digits, as in e-GP's own documents, with one exception:
an :class:`Identifier`.

Identifiers are the codes people copy from a printed or downloaded announcement into another
system: the e-GP project number (11 digits), e-GP plan codes ("P69100630546"), tax IDs (13
digits), e-GP department codes. e-GP takes them in Arabic digits, so they are printed whole, as
written, never half Thai ("P6๙๑๐…") and never in Thai digits. Amounts, dates, years and document
numbers stay in Thai digits.

Which values are identifiers is said by their type, not guessed from their shape: whoever builds a
document wraps them in :class:`Identifier` (a table cell) or passes them to :func:`thai` as
``keep`` (text that quotes them, such as a body paragraph "…เลขที่โครงการ 69109012345"). Apart
from these, only the digits of a Latin token ("A4", "Wi-Fi 6", "ISO9001") stay as they are.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from prakat.thai import to_thai_digits

# A number not inside a Latin token: the whole run of digits after a letter stays as it is.
_DIGITS = re.compile(r"(?<![A-Za-z0-9])\d[\d,./:-]*")


class Identifier(str):
    """A code people paste elsewhere (e-GP project number, plan code, tax ID): printed as given,
    in Arabic digits, wherever an official document shows it."""

    __slots__ = ()


def _thai(text: str) -> str:
    return _DIGITS.sub(lambda m: to_thai_digits(m.group(0)), text)


def thai(text: str, keep: Iterable[Identifier] = ()) -> str:
    """``text`` with its numbers in Thai digits: "เลขที่ 12/2569" → "เลขที่ ๑๒/๒๕๖๙".

    An :class:`Identifier` is returned as it is; inside other text, each whole occurrence of an
    identifier in ``keep`` (not part of a longer run of digits or letters) stays as written."""
    if isinstance(text, Identifier):
        return text
    kept = sorted({k for k in keep if k and k in text}, key=len, reverse=True)
    if not kept:
        return _thai(text)
    found = re.compile(r"(?<![A-Za-z0-9])(?:" + "|".join(map(re.escape, kept)) + r")(?![A-Za-z0-9])")
    parts: list[str] = []
    start = 0
    for m in found.finditer(text):
        parts += [_thai(text[start : m.start()]), m.group(0)]
        start = m.end()
    parts.append(_thai(text[start:]))
    return "".join(parts)
