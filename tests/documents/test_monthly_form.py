"""The monthly summary's form (แบบ สขร.1) as printed: amounts in the tens of millions inside their
cells, vendor names broken only between their words, and the director's signature never alone on
a page. Read back from the PDF's characters and ruling lines (pdfplumber) and its text (pdftotext),
rendered in this process from hand-made months (tests/documents/monthly.py)."""

from __future__ import annotations

import io
import re
import subprocess
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from functools import cache
from typing import Any

import pdfplumber
import pytest
from pypdf import PdfReader

from prakat.announcements import monthly_form
from prakat.documents.digits import thai
from prakat.documents.model import OfficialDocument
from prakat.documents.render import Renderer
from prakat.results import MonthKey, ResultRow
from prakat.thai import format_baht, format_date_full, line_breaks_ok, pdftotext_lines
from tests.annual.rows import SCHOOL
from tests.documents.monthly import DIRECTOR, VENDORS, purchase, summary
from tests.documents.test_tables import cell_text
from tests.factories import EMBLEM

pytestmark = pytest.mark.usefixtures("patched")

BIG = "12345678.90"
LARGEST = "99999999.99"


def big_month() -> list[ResultRow]:
    return [
        purchase(1, date(2026, 3, 2), "5600.00"),
        purchase(2, date(2026, 3, 9), BIG, method="e_bidding", vendors=VENDORS[:3]),
        purchase(3, date(2026, 3, 17), "15000.00", method="e_bidding", vendors=VENDORS[3:]),
    ]


def largest_month() -> list[ResultRow]:
    return [purchase(1, date(2026, 3, 9), LARGEST, method="e_bidding")]


MONTHS: dict[str, Callable[[], list[ResultRow]]] = {"big": big_month, "largest": largest_month}


@cache
def renderer() -> Renderer:
    return Renderer()


def document(rows: list[ResultRow]) -> OfficialDocument:
    return monthly_form.document(summary(rows), agency=SCHOOL.name)


@cache
def rendered(name: str) -> bytes:
    return renderer().render(document(MONTHS[name]()), emblem=EMBLEM)


def baht(amount: str | Decimal) -> str:
    return thai(format_baht(Decimal(amount)))


Box = tuple[float, float, float, float]


def table_rows(data: bytes) -> list[tuple[Any, list[list[str]], list[list[Box | None]]]]:
    """Each page's table: the page, its rows' cell texts and cell boxes (pdfplumber); a page
    without a table is left out."""
    out = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            found = page.find_tables({"vertical_strategy": "lines", "horizontal_strategy": "lines"})
            assert len(found) <= 1
            if not found:
                continue
            boxes = [[box for box in r.cells] for r in found[0].rows]
            texts = [[cell_text(page, box) for box in r] for r in boxes]
            out.append((page, texts, boxes))
    return out


def spilled(page: Any, boxes: list[list[Box | None]]) -> list[str]:
    """Characters of a cell drawn past its left or right border (its padding is 0.1 cm: a glyph
    that reaches the rule touches the next column)."""
    found = []
    for row in boxes:
        for box in row:
            if box is None:
                continue
            x0, top, x1, bottom = box
            for ch in page.chars:
                centre = ((ch["x0"] + ch["x1"]) / 2, (ch["top"] + ch["bottom"]) / 2)
                if not (x0 <= centre[0] <= x1 and top <= centre[1] <= bottom) or not ch["text"].strip():
                    continue
                if ch["x0"] < x0 + 1 or ch["x1"] > x1 - 1:
                    drawn = f"{ch['x0']:.1f}-{ch['x1']:.1f}"
                    found.append(f"{ch['text']!r} at x={drawn} in a cell {x0:.1f}-{x1:.1f}")
    return found


@pytest.mark.parametrize(("name", "amount", "n"), [("big", BIG, "๒"), ("largest", LARGEST, "๑")])
def test_amounts_in_the_tens_of_millions_stay_in_their_cells(name: str, amount: str, n: str) -> None:
    pages = table_rows(rendered(name))
    rows = [r for _, texts, _ in pages for r in texts]
    shown = baht(amount)
    item = next(r for r in rows if r[0] == n)
    assert item[2] == shown and item[3] == shown, item
    assert shown in item[5].replace("\n", " ") and shown in item[6].replace("\n", " "), item
    # The longest method name, whole words in its column.
    assert item[4].replace("\n", " ") == "ประกวดราคา อิเล็กทรอนิกส์ (e-bidding)", item[4]
    total = rows[-1]
    assert total[1].startswith("รวม")
    whole = baht(sum((r.agreed_price or Decimal(0) for r in MONTHS[name]()), Decimal(0)))
    assert total[2] == whole and total[6].split() == [whole, "บาท"], total
    for page, _, boxes in pages:
        assert spilled(page, boxes) == []


def raw_lines(data: bytes) -> list[str]:
    done = subprocess.run(["pdftotext", "-raw", "-", "-"], input=data, capture_output=True, check=True)
    return pdftotext_lines(done.stdout.decode())


# Where a cell ends and the next begins, two numbers can meet: no number is ever wrapped, so such
# joins are cell boundaries (as in tests/documents/test_documents.py).
NUMBER_JOIN = re.compile(r": [๐-๙0-9,.]+\|[๐-๙0-9,.()]+$")


# A name without spaces wider than its cell: it has to break, between the segmenter's words.
WIDE = "ร้านหนองบัวป้ายและการพิมพ์ดิจิทัลออฟเซ็ท"


def names_month() -> list[ResultRow]:
    """Every demo vendor with a word libthai breaks, bidding and winning, in columns 6 and 7; then
    a winner whose name is one word wider than the cell."""
    return [
        *(
            purchase(n, date(2026, 3, n), f"{n * 1000}.00", vendors=(*VENDORS[n - 1 :], *VENDORS[: n - 1]))
            for n in range(1, len(VENDORS) + 1)
        ),
        purchase(len(VENDORS) + 1, date(2026, 3, 20), "900.00", vendors=(WIDE,)),
    ]


MONTHS["names"] = names_month


def test_vendor_names_break_only_between_their_words() -> None:
    data = rendered("names")
    bad = [j for j in line_breaks_ok(raw_lines(data), extra_words=VENDORS) if not NUMBER_JOIN.search(j)]
    # Only joins inside a name: -raw reads cell after cell, and the end of one cell and the start
    # of the next can make a word ("วันที่" then "รวม").
    assert [j for j in bad if any(j.split(": ", 1)[1].replace("|", "") in name for name in VENDORS)] == []
    # Each name is printed whole, its words in order, in column 7 of its row.
    pages = table_rows(data)
    rows = [r for _, texts, _ in pages for r in texts if r[0] and r[0][0] in "๑๒๓๔๕๖๗๘๙"]
    assert [r[6].split()[:-2] for r in rows[:-1]] == [name.split() for name in VENDORS]
    # The wide name breaks inside its cell, not past it.
    assert "".join(rows[-1][6].split()[:-2]) == WIDE and rows[-1][6].count("\n") >= 2
    assert [spill for page, _, boxes in pages for spill in spilled(page, boxes)] == []


def month_of(count: int) -> list[ResultRow]:
    """``count`` purchases of short rows (one bidder, a short reason): the form grows by a few lines
    at a time."""
    return [
        purchase(n, date(2026, 3, 1 + n % 28), f"{n * 1000}.00", vendors=VENDORS[3:4], reason="ราคาต่ำสุด")
        for n in range(1, count + 1)
    ]


def page_texts(data: bytes) -> list[str]:
    """Each page's text, whitespace removed (pypdf: the text layer is exact)."""
    return ["".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(data)).pages]


def test_the_signature_is_never_alone_on_a_page() -> None:
    # Rows until the form runs onto a second page: the month whose table just filled the first page
    # left the note and the signature to a page of their own.
    for count in range(1, 30):
        pages = page_texts(renderer().render(document(month_of(count)), emblem=EMBLEM))
        if len(pages) > 1:
            break
    assert len(pages) == 2, count
    signed = [page for page in pages if DIRECTOR.replace(" ", "") in page]
    assert len(signed) == 1
    # The director signs under the table's last rows: the last purchase and the totals.
    last = thai(f"บส.{count}/2569")
    assert last in signed[0] and thai(f"รวม{count}รายการ") in signed[0], (count, signed[0])


def cover_text(data: bytes) -> list[str]:
    """The lines of a bundle's first page (pdftotext -layout keeps a table's rows on their lines)."""
    args = ["pdftotext", "-layout", "-f", "1", "-l", "1", "-", "-"]
    done = subprocess.run(args, input=data, capture_output=True, check=True)
    return [" ".join(line.split()) for line in done.stdout.decode().splitlines() if line.strip()]


def test_a_bundle_cover_lists_every_month_as_of_its_day() -> None:
    # The first six months of FY2570 on 4 December 2569: October published, November ended without
    # a published summary, December to March not ended.
    october = summary([purchase(1, date(2025, 10, 9), "4500.00")], year=2025, month=10, number="5/2570")
    keys = MonthKey.of_fiscal_year(2570)[:6]
    today = date(2026, 12, 4)
    months = [
        monthly_form.CoverMonth(key, october if key.month == 10 else None, key.has_ended(today))
        for key in keys
    ]
    doc = monthly_form.bundle(
        "สรุปผลการดำเนินการจัดซื้อจัดจ้างรายเดือน รอบ 6 เดือนแรก ปีงบประมาณ พ.ศ. 2570",
        months,
        agency=SCHOOL.name,
        created=None,
        as_of=today,
    )
    lines = cover_text(renderer().render(doc, emblem=EMBLEM))
    state = {key.label: next(line for line in lines if line.startswith(thai(key.label))) for key in keys}
    published = f"{thai('5/2570 ลงวันที่')} {format_date_full(october.announced_on)} ๑ ๔,๕๐๐.๐๐"
    assert state[keys[0].label].split()[3:] == published.split()
    assert state[keys[1].label].split()[3:] == ["ยังไม่เผยแพร่", "-", "-"]
    assert all(state[key.label].split()[3:] == ["ยังไม่สิ้นเดือน", "-", "-"] for key in keys[2:])
    assert "ข้อมูล ณ วันที่ ๔ ธันวาคม พ.ศ. ๒๕๖๙" in lines
    assert thai("รวมเดือนที่เผยแพร่แล้ว 1 4,500.00") in lines
    # The note speaks of the months listed, not of "this month".
    note = " ".join(lines[lines.index(next(line for line in lines if line.startswith("หมายเหตุ"))) :])
    assert "รายการของแต่ละเดือนนับตามวันที่ของสัญญาหรือข้อตกลง" in note and "เดือนนี้" not in note


def test_a_complete_bundle_has_no_day_on_its_cover() -> None:
    # Every month published: nothing changes with the day, nor do the bytes.
    march = summary(month_of(2))
    months = [monthly_form.CoverMonth(MonthKey(2026, 3), march, True)]
    doc = monthly_form.bundle("ชุดทดสอบ", months, agency=SCHOOL.name, created=None, as_of=date(2026, 12, 4))
    lines = cover_text(renderer().render(doc, emblem=EMBLEM))
    assert not any(line.startswith("ข้อมูล ณ วันที่") for line in lines)
    assert thai("รวม 2 3,000.00") in lines
