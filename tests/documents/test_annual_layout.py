"""The annual report as printed: the winners' names in the table of the largest purchases break only
between their words, and no page ends with a heading whose part starts on the next. Rendered in
this process from hand-made rows (tests/annual/rows.py) with the demo's vendors."""

from __future__ import annotations

import io
import subprocess
from datetime import UTC, date, datetime
from functools import cache

import msgspec
import pytest
from lxml import etree
from pypdf import PdfReader

from prakat.documents.model import OfficialDocument, Signer
from prakat.documents.render import Renderer
from prakat.thai import line_breaks_ok, pdftotext_lines
from tests.annual.rows import SCHOOL, report_document, row
from tests.documents.monthly import VENDORS
from tests.documents.test_verify import CM
from tests.factories import EMBLEM

pytestmark = pytest.mark.usefixtures("patched")

PUBLISHED = datetime(2026, 11, 16, 3, 0, tzinfo=UTC)
DIRECTOR = Signer(name="นายวีระพงษ์ ศรีสุวรรณ", position=f"ผู้อำนวยการ{SCHOOL.name}")


BUDGET, REFERENCE = "3000000.00", "2500000.00"


def report() -> OfficialDocument:
    rows = [
        msgspec.structs.replace(
            row(n, date(2025, 10 + n % 3, 3 + n), budget=BUDGET, reference=REFERENCE, agreed=f"{n * 100000}"),
            winner_name=VENDORS[n % len(VENDORS)],
        )
        for n in range(1, 21)
    ]
    return report_document(rows, signer=DIRECTOR, published=PUBLISHED)


@cache
def rendered() -> bytes:
    return Renderer().render(report(), emblem=EMBLEM)


def test_winners_names_break_only_between_their_words() -> None:
    raw = subprocess.run(["pdftotext", "-raw", "-", "-"], input=rendered(), capture_output=True, check=True)
    bad = line_breaks_ok(pdftotext_lines(raw.stdout.decode()), extra_words=VENDORS)
    assert [j for j in bad if any(j.split(": ", 1)[1].replace("|", "") in name for name in VENDORS)] == []


def lowest_lines(data: bytes) -> list[str]:
    """Each page's lowest line of text above the bottom margin (poppler's lines, -bbox-layout),
    whitespace removed: what a reader meets at the foot of the page."""
    args = ["pdftotext", "-bbox-layout", "-", "-"]
    tree = etree.fromstring(
        subprocess.run(args, input=data, capture_output=True, check=True).stdout,
        etree.XMLParser(recover=True),
    )
    found = []
    for page in tree.iter("{*}page"):
        bottom = float(page.get("height", 0)) - 2 * CM
        lines = [
            (float(line.get("yMax", 0)), "".join(w.text or "" for w in line.iter("{*}word")))
            for line in page.iter("{*}line")
        ]
        found.append(max((y, text) for y, text in lines if y < bottom)[1])
    return found


def test_no_page_ends_with_a_heading() -> None:
    doc = report()
    headings = {
        "".join(text.split())
        for s in doc.sections
        for text in (s.heading, *(t.title for t in s.tables), *(f.title for f in s.figures))
        if text
    }
    lowest = lowest_lines(rendered())
    assert len(lowest) >= 5
    assert [line for line in lowest if line in headings] == []


def memo_of(paragraphs: int) -> OfficialDocument:
    """The report with ``paragraphs`` more paragraphs in its memo, which the director signs under."""
    doc = report()
    assert doc.memo is not None
    more = tuple("รายละเอียดของรายงานผลการจัดซื้อจัดจ้าง " * 8 for _ in range(paragraphs))
    *text, last = doc.memo.paragraphs
    memo = msgspec.structs.replace(doc.memo, paragraphs=(*text, *more, last))
    return msgspec.structs.replace(doc, memo=memo, sections=doc.sections[:1])


def test_the_director_signs_the_memo_under_its_text() -> None:
    # Paragraphs until the memo runs onto a second page: the director's decision and signature go
    # on with the end of the memo's text, never onto a page of their own.
    renderer = Renderer()
    for count in range(0, 12):
        data = renderer.render(memo_of(count), emblem=EMBLEM)
        pages = ["".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(data)).pages]
        signed = next(n for n, page in enumerate(pages) if "ความเห็นและคำสั่งของผู้อำนวยการ" in page)
        if signed > 0:
            break
    assert signed == 1, count
    assert "จึงเรียนมาเพื่อโปรดทราบ" in pages[1], pages[1][:200]
