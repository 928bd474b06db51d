"""Reading a rendered official document's running text back, line by line, as a typesetter would
check it: how many characters its lines hold, and where they end."""

from __future__ import annotations

import re
import subprocess
import unicodedata
from itertools import pairwise

from lxml import etree

from prakat.documents.model import UNPUBLISHED_NOTE
from prakat.thai import THAI_MONTHS, THAI_MONTHS_ABBR, glue, pdftotext_lines, segment
from prakat.thai.glue import spacing_count

# The official measure: A4 less the 3 cm and 2 cm margins.
MEASURE_CM = 16.0
# The body's type size in PDF points (_official.css: "16 pt" = Sarabun 16 x 0.67 pt), and the
# natural width of a space in Sarabun (243/1000 em).
_EM, _SPACE = 16 * 0.67, 0.243
_XHTML = "{http://www.w3.org/1999/xhtml}"


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


# The foot of every page (templates/documents/_base.html), which pdftotext reads in among the body.
_FOOTERS = (UNPUBLISHED_NOTE, "ตรวจสอบฉบับที่เผยแพร่")


def raw_lines(pdf: bytes) -> list[str]:
    """The PDF's lines in content order (``pdftotext -raw``; see prakat.thai.pdftotext_lines),
    without the page footers."""
    done = subprocess.run(
        ["pdftotext", "-raw", "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True, check=True
    )
    lines = pdftotext_lines(done.stdout.decode("utf-8"))
    return [line for line in lines if not line.strip().startswith(_FOOTERS)]


def paragraph_lines(lines: list[str], paragraphs: tuple[str, ...] | list[str]) -> list[list[str]]:
    """The rendered lines of each paragraph, found in order among ``lines`` by their text."""
    found: list[list[str]] = []
    i = 0
    for paragraph in paragraphs:
        target, read = squeeze(paragraph), ""
        got: list[str] = []
        while i < len(lines) and read != target:
            line = squeeze(lines[i])
            i += 1
            if not line or (not got and not target.startswith(line)):
                continue
            got.append(lines[i - 1].strip())
            read += line
            assert target.startswith(read), (paragraph, read)
        assert read == target, f"paragraph not found in the PDF's text: {paragraph[:40]}"
        found.append(got)
    return found


def full_line_counts(pdf: bytes, paragraphs: tuple[str, ...] | list[str]) -> list[int]:
    """Spacing characters (combining marks not counted) on each line of ``paragraphs`` that is
    not its paragraph's first (indented) or last: the count a real e-GP announcement in TH
    Sarabun PSK 16 pt gives 75-77 for."""
    return [
        spacing_count(line) for lines in paragraph_lines(raw_lines(pdf), paragraphs) for line in lines[1:-1]
    ]


def line_capacities(pdf: bytes, paragraphs: tuple[str, ...] | list[str]) -> list[float]:
    """How many spacing characters (combining marks not counted) each line of the body would hold
    on the full 16 cm measure, at its type size: the characters of each line of ``paragraphs``
    (20 or more) over the width their glyphs take, words as drawn (pdftotext's boxes) and each
    space at its natural width, so that neither the ragged end of a line nor the spaces widened
    by justification count. A real TH Sarabun PSK 16 pt announcement holds 75-77."""
    done = subprocess.run(["pdftotext", "-bbox-layout", "-", "-"], input=pdf, capture_output=True, check=True)
    body = [_letters(p) for p in paragraphs]
    counts: list[float] = []
    for line in etree.fromstring(done.stdout).iter(f"{_XHTML}line"):
        words = [
            (w.text or "", float(w.get("xMin", 0)), float(w.get("xMax", 0)))
            for w in line.iter(f"{_XHTML}word")
        ]
        letters = _letters("".join(text for text, _, _ in words))
        if len(letters) < 20 or not any(letters in p for p in body):
            continue
        chars = sum(spacing_count(text) for text, _, _ in words) + len(words) - 1
        width = sum(x1 - x0 for _, x0, x1 in words) + (len(words) - 1) * _SPACE * _EM
        counts.append(chars * MEASURE_CM / (width / 72 * 2.54))
    return counts


def _letters(text: str) -> str:
    """Text without spaces and combining marks (which pdftotext's boxes may order differently)."""
    return "".join(ch for ch in text if not ch.isspace() and not unicodedata.category(ch).startswith("M"))


_NUMBER_END = re.compile(r"[0-9๐-๙][0-9๐-๙,.]*$")
_DIGITS = "0123456789๐๑๒๓๔๕๖๗๘๙"
_AMOUNT_WORDS = sorted(glue.NUMBER_WORDS | {"บาท", "บาทถ้วน", "สตางค์"}, key=len, reverse=True)
_MONTHS = (*THAI_MONTHS, *THAI_MONTHS_ABBR)


def _kept_together(a: str, b: str) -> bool:
    """Whether the end of line ``a`` and the start of line ``b`` belong together."""
    first = segment(b[:40])[0]
    if _NUMBER_END.search(a) and first in glue.CLASSIFIERS:
        return True  # "๑๒ | จุด"
    if a.endswith(("พ.ศ.", *_MONTHS)) and (b[0] in _DIGITS or b.startswith("พ.ศ.")):
        return True  # "พ.ศ. | ๒๕๗๐", "กรกฎาคม | พ.ศ. ๒๕๗๐"
    last = next((w for w in _AMOUNT_WORDS if a.endswith(w)), None)
    return (
        last is not None
        and last not in glue.AMOUNT_BREAKS_AFTER | {"บาทถ้วน", "สตางค์"}
        and first in _AMOUNT_WORDS
    )  # "ห้าแสนเจ็ด | หมื่น"


def bad_joins(lines: list[str], names: tuple[str, ...] | list[str] = ()) -> list[str]:
    """Line ends a typesetter would not choose (prakat.thai.glue), as ``"<end> | <start>"``: between
    a number and its classifier, an era and its year, a month and its year, inside an amount in
    words other than after a unit word (ล้าน แสน หมื่น พัน ร้อย บาท), or inside one of ``names``.
    pdftotext drops the space at a line end: a name is looked for across the join with and
    without one."""
    bad: list[str] = []
    for before, after in pairwise(lines):
        a, b = before.strip(), after.strip()
        if not a or not b:
            continue
        crossed = any(
            m.start() < at < m.end()
            for name in names
            for joined, at in ((a + b, len(a)), (f"{a} {b}", len(a) + 1))
            for m in re.finditer(re.escape(name), joined)
        )
        if crossed or _kept_together(a, b):
            bad.append(f"{a[-20:]} | {b[:20]}")
    return sorted(set(bad))
