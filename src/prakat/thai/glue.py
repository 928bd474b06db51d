"""Where a Thai typesetter keeps words together although a line could end between them.

:func:`prakat.thai.segment.protect` lets a line end between any two words; :func:`joints` says
which of those places to close, given the words (the units protect() keeps whole) in order:

* a number and its classifier or unit: "๑๒ จุด", "๑ หลัง", "๕ วัน", "๕๗๘,๔๒๑.๕๐ บาท";
* a date: "๕ พฤศจิกายน พ.ศ. ๒๕๖๘", "ลงวันที่ ๑๓", "ตุลาคม ๒๕๖๘", "๒๐ พ.ย. ๖๘"; and a number after
  the word that announces it ("ครั้งที่ ๑", "ข้อ ๗๙", "มาตรา ๕๖");
* an amount in words, except after a unit word: "ห้าแสน|เจ็ดหมื่น|แปดพัน|สี่ร้อย|ยี่สิบเอ็ดบาท|
  ห้าสิบสตางค์", never "ห้าแสนเจ็ด|หมื่น";
* a prefix and its word: "ผู้ได้รับ", "ค่าจดทะเบียน", "โดยวิธีเฉพาะเจาะจง";
* a name the caller gives (a vendor's, "ห้างหุ้นส่วนจำกัด ศึกษาภัณฑ์การค้า");
* the last words of a paragraph, until they hold ``tail`` spacing characters, so that its last
  line is never a single short word ("เฉพาะเจาะจง" alone under "…โดยวิธี"); and its first words,
  until they hold ``head``, so that a first line never holds only "ตามที่".

Pure: words in, booleans out.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Final

from prakat.thai.dates import THAI_MONTHS, THAI_MONTHS_ABBR

# Number words as bahttext writes them (prakat.thai.baht_text). ยี่สิบ is one word, since ยี่ is
# never written alone; เอ็ด is a word of its own (สิบ|เอ็ด, ร้อย|เอ็ด).
NUMBER_WORDS: Final[frozenset[str]] = frozenset(
    (
        "ศูนย์", "หนึ่ง", "สอง", "สาม", "สี่", "ห้า", "หก", "เจ็ด", "แปด", "เก้า",
        "สิบ", "ยี่สิบ", "เอ็ด", "ร้อย", "พัน", "หมื่น", "แสน", "ล้าน",
    )
)  # fmt: skip
# An amount in words may end a line after these only (ล้าน, แสน… and the currency).
AMOUNT_BREAKS_AFTER: Final = frozenset(("ล้าน", "แสน", "หมื่น", "พัน", "ร้อย", "บาท"))
_AMOUNT_WORDS: Final = NUMBER_WORDS | {"บาท", "บาทถ้วน", "สตางค์"}

# Classifiers and units that follow a number in procurement text.
CLASSIFIERS: Final[frozenset[str]] = frozenset(
    (
        "บาท", "สตางค์", "ล้าน", "จุด", "หลัง", "วัน", "วันทำการ", "ชุด", "รายการ", "คน", "ราย",
        "เครื่อง", "ครั้ง", "ฉบับ", "เดือน", "ปี", "สัปดาห์", "ชั่วโมง", "นาที", "น.", "แห่ง", "อัน",
        "ชิ้น", "ตัว", "เล่ม", "ห้อง", "หน่วย", "คัน", "งวด", "โครงการ", "กล่อง", "รีม", "ด้าม",
        "ม้วน", "แผ่น", "ถุง", "ขวด", "ลิตร", "กิโลกรัม", "เมตร", "ตารางเมตร", "คู่", "ผืน", "ต้น",
        "ท่าน", "หลอด", "ตำแหน่ง", "ภาคเรียน", "ไตรมาส", "เท่า", "ข้อ", "หน้า", "แผน",
        *THAI_MONTHS, *THAI_MONTHS_ABBR,
    )
)  # fmt: skip
# Words a number follows: "ครั้งที่ ๑", "ข้อ ๗๙", "มาตรา ๕๖", "ร้อยละ ๕", "พ.ศ. ๒๕๖๘".
_BEFORE_NUMBER: Final = frozenset(("ข้อ", "มาตรา", "วรรค", "ร้อยละ", "พ.ศ.", *THAI_MONTHS, *THAI_MONTHS_ABBR))
_PREFIXES: Final = frozenset(("ผู้", "ค่า", "ความ", "การ", "นัก", "วิธี"))
_BY: Final = frozenset(("โดย", "ด้วย"))  # "โดยวิธีเฉพาะเจาะจง" is read as one
_NUMBER: Final = re.compile(r"[0-9๐-๙][0-9๐-๙,.]*")
_ERA_YEAR: Final = re.compile(r"(?:พ\.ศ\.|ค\.ศ\.) [0-9๐-๙]+")
# How many spacing characters the first and the last line of a paragraph hold at least.
HEAD: Final = 12
TAIL: Final = 12


def spacing_count(text: str) -> int:
    """Characters that take room on the line: combining marks (ั ิ ่ …) are not counted."""
    return sum(1 for ch in text if not unicodedata.category(ch).startswith("M") and ch != "\u200b")


def _is_number(word: str) -> bool:
    return _NUMBER.fullmatch(word) is not None


def _starts_with_number(word: str) -> bool:
    return _NUMBER.match(word) is not None or _ERA_YEAR.fullmatch(word) is not None


def _number_before(word: str) -> bool:
    # "ครั้งที่ ๑", "ไตรมาสที่ ๔"; a date may be set apart from its "วันที่" like any word.
    return word in _BEFORE_NUMBER or (word.endswith("ที่") and not word.endswith("วันที่"))


def joints(words: Sequence[str], *, keep: Iterable[str] = (), head: int = 0, tail: int = 0) -> list[bool]:
    """For each place between ``words[i]`` and ``words[i + 1]``, whether to keep them together.

    ``words`` are the units of a text in order, spaces included as units of their own; ``keep``
    are phrases of the text never to break inside; ``head`` and ``tail`` how many spacing
    characters the first and the last line of the text must hold at least (0: no such rule).
    """
    n = len(words)
    glued = [False] * max(n - 1, 0)
    if n < 2:
        return glued

    def close(first: int, last: int) -> None:
        """Keep words[first..last] together."""
        for k in range(max(first, 0), min(last, n - 1)):
            glued[k] = True

    for i, word in enumerate(words):
        nxt = words[i + 1] if i + 1 < n else ""
        after_space = words[i + 2] if nxt.isspace() and i + 2 < n else ""
        if _is_number(word) or _ERA_YEAR.fullmatch(word):
            # "๑๒ จุด", "๑๒จุด", "๕ พฤศจิกายน", "พ.ศ. ๒๕๖๘ ..." is not followed by a classifier
            if nxt in CLASSIFIERS:
                close(i, i + 1)
            elif after_space in CLASSIFIERS and nxt.isspace():
                close(i, i + 2)
        previous = words[i - 1] if i else ""
        if _number_before(word) and not (word == "ที่" and previous.endswith("วัน")):
            # An ordinal's ที่ stays with its noun too: "ไตรมาส|ที่ ๔" is one.
            first = i - 1 if word == "ที่" and previous and not previous.isspace() else i
            if after_space and nxt.isspace() and _starts_with_number(after_space):
                close(first, i + 2)
            elif nxt and _is_number(nxt):
                close(first, i + 1)
        # A prefix that makes a noun of what follows never ends a line ("ผู้ | ได้รับ", "ค่า | จดทะเบียน").
        if (word in _PREFIXES and nxt and not nxt.isspace()) or (word in _BY and nxt == "วิธี"):
            close(i, i + 1)
        # Within an amount in words; บาทถ้วน and สตางค์ end one.
        if word in _AMOUNT_WORDS - AMOUNT_BREAKS_AFTER - {"บาทถ้วน", "สตางค์"} and nxt in _AMOUNT_WORDS:
            close(i, i + 1)
    text = "".join(words)
    if keep:
        starts = [0]
        for word in words:
            starts.append(starts[-1] + len(word))
        for phrase in {p for p in keep if p}:
            for found in re.finditer(re.escape(phrase), text):
                inside = [k for k in range(n) if starts[k] < found.end() and starts[k + 1] > found.start()]
                if len(inside) > 1:
                    close(inside[0], inside[-1])
    if tail:
        _close_end(glued, words, tail, reverse=True)
    if head:
        _close_end(glued, words, head, reverse=False)
    return glued


def _close_end(glued: list[bool], words: Sequence[str], least: int, *, reverse: bool) -> None:
    """Keep the last (or first) words together until they hold ``least`` spacing characters."""
    order = range(len(words) - 1, 0, -1) if reverse else range(len(words) - 1)
    held = 0
    for k in order:
        word = words[k]
        held += spacing_count(word)
        if held >= least and not word.isspace():
            return
        glued[k - 1 if reverse else k] = True
