"""The attachment tables as printed: every cell's text inside its cell's borders, a row's cells on
one page, headings and names whole, and the identifiers people paste into e-GP whole in Arabic
digits, on the page and in the PDF's metadata. Read back from the PDF's characters and ruling
lines (pdfplumber), from a long revised plan and a quarter of long names, rendered once here."""

from __future__ import annotations

import io
import re
import subprocess
from collections.abc import Iterator
from datetime import date, datetime
from decimal import Decimal
from itertools import accumulate
from typing import Any

import pdfplumber
import pytest
from pypdf import PdfReader

from prakat.announcements import subjects
from prakat.announcements.document import document
from prakat.announcements.schemas import Announcement
from prakat.documents.digits import Identifier, thai
from prakat.documents.model import OfficialDocument
from prakat.documents.render import Renderer
from prakat.thai import BANGKOK
from tests.factories import EMBLEM

SCHOOL = "โรงเรียนบ้านหนองบัววิทยา"
PROJECT = "69109012345"  # an e-GP project number, quoted in the quarter's subject
TAX_ID = "0413552003181"
NAMES = (
    "ซื้อวัสดุทำความสะอาด",
    "จ้างเหมาประกอบอาหารกลางวันนักเรียน ภาคเรียนที่ 2 ปีการศึกษา 2569",
    "ซื้อกระดาษถ่ายเอกสาร A4",
    "จ้างติดตั้งระบบเครือข่ายอินเทอร์เน็ตไร้สายภายในโรงเรียน",
    "ซื้อครุภัณฑ์คอมพิวเตอร์สำหรับห้องปฏิบัติการ",
)
SOURCES = ("per_head_subsidy", "free_education_activities", "school_income", "lunch", "other")
METHODS = ("specific", "e_bidding", "specific_urgent", "e_market", "specific_w119")
VENDORS = (
    "บริษัท ปัญญาบุ๊คส์ อุดร จำกัด",
    "ห้างหุ้นส่วนจำกัด ยูดีคอมพิวเตอร์ แอนด์ เน็ตเวิร์ค",
    "ร้านสมหวังพาณิชย์",
)
REASON = "เป็นผู้มีคุณสมบัติถูกต้องครบถ้วนและเสนอราคาเหมาะสมภายในวงเงินงบประมาณ"


def plan_codes() -> list[str]:
    return [f"P6910{n:07d}" for n in range(1, 61)]


def plan_snapshot() -> dict[str, Any]:
    items = [
        {
            "position": n,
            "egp_plan_code": code,
            "name": NAMES[n % len(NAMES)],
            "budget": "12345678.90" if n == 7 else f"{(n * 7919) % 900000 + 5000}.00",
            "budget_source": SOURCES[n % len(SOURCES)],
            "planned_method": METHODS[n % len(METHODS)],
            "expected_month": f"{2026 if n > 12 else 2025}-{(n % 12) + 1:02d}-01",
        }
        for n, code in enumerate(plan_codes(), start=1)
    ]
    return {"school": {"name": SCHOOL}, "plan": {"year_be": 2569, "revision": 2, "items": items}}


def quarter_snapshot() -> dict[str, Any]:
    items: list[dict[str, Any]] = [
        {
            "subject": NAMES[n % len(NAMES)],
            "kind": "buy",
            "method": "specific_w119",
            "vendor_name": VENDORS[n % len(VENDORS)],
            "agreed_price": f"{n * 1234}.50",
            "reference_date": f"2026-0{7 + n % 3}-1{n}",
            "reference_number": f"ใบเสร็จรับเงิน เล่มที่ 16 เลขที่ {700 + n}",
            "reason": REASON,
            "procurement": {
                "egp_project_number": PROJECT if n == 1 else None,
                "award": {"vendor_tax_id": TAX_ID},
            },
        }
        for n in range(1, 7)
    ]
    total = sum((Decimal(i["agreed_price"]) for i in items), Decimal("0"))
    quarter = {
        "year_be": 2569,
        "quarter": 4,
        "first": "2026-07-01",
        "last": "2026-09-30",
        "items": items,
        "total": str(total),
    }
    return {"school": {"name": SCHOOL}, "quarter": quarter}


def announcement(kind: str, subject: str, snapshot: dict[str, Any], body: str = "") -> Announcement:
    now = datetime(2026, 10, 5, 9, 0, tzinfo=BANGKOK)
    return Announcement(
        id=1,
        school_id=1,
        year_be=2569,
        kind=kind,
        subject=subject,
        body=body,
        number="",
        announced_on=date(2026, 10, 5),
        status="published",
        procurement_id=None,
        plan_id=None,
        supersedes_id=None,
        quarter=None,
        signer_name="นายวีระพงษ์ ศรีสุวรรณ",
        signer_position="ผู้อำนวยการโรงเรียนบ้านหนองบัววิทยา",
        signer_delegation="",
        snapshot=snapshot,
        pdf_sha256=None,
        sequence=None,
        published_at=now,
        created_at=now,
        prepared_by=None,
        submitted_at=None,
        reviewed_by=None,
        reviewed_at=None,
        approved_by=None,
        return_comment="",
    )


def documents() -> dict[str, OfficialDocument]:
    plan = announcement("plan_revision", subjects.plan_subject(2569, 2), plan_snapshot())
    quarter = announcement(
        "quarterly_winners",
        f"{subjects.quarterly_winners_subject(2569, 4)} โครงการเลขที่ {PROJECT}",
        quarter_snapshot(),
        # A body quoting identifiers of the quarter's purchases, among other numbers.
        f"รายการที่ 1 โครงการเลขที่ {PROJECT} ผู้ขายเลขประจำตัวผู้เสียภาษี {TAX_ID} ลงวันที่ 10 ก.ค. 2569",
    )
    return {a.kind: document(a, agency=SCHOOL) for a in (plan, quarter)}


@pytest.fixture(scope="module")
def pdfs(patched: None) -> dict[str, bytes]:
    renderer = Renderer()
    return {kind: renderer.render(doc, emblem=EMBLEM) for kind, doc in documents().items()}


def text_of(data: bytes) -> str:
    return subprocess.run(
        ["pdftotext", "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode()


MIXED = re.compile(r"[0-9][๐-๙]|[๐-๙][0-9]")


def test_identifiers_are_printed_whole_in_arabic_digits(pdfs: dict[str, bytes]) -> None:
    plan = text_of(pdfs["plan_revision"])
    assert all(code in plan for code in plan_codes())
    quarter = text_of(pdfs["quarterly_winners"])
    assert PROJECT in quarter
    said = re.sub(r"\s+", "", quarter)
    assert f"รายการที่๑โครงการเลขที่{PROJECT}ผู้ขายเลขประจำตัวผู้เสียภาษี{TAX_ID}ลงวันที่๑๐" in said
    for text in (plan, quarter):
        assert not MIXED.search(text), MIXED.findall(text)
    # Amounts, dates and years stay Thai.
    assert "๑๒,๓๔๕,๖๗๘.๙๐" in plan and "ฉบับปรับปรุง ครั้งที่ ๒" in plan
    assert "ประจำไตรมาสที่ ๔ ปีงบประมาณ พ.ศ. ๒๕๖๙" in quarter.replace("\n", " ")


def test_the_metadata_follows_the_page(pdfs: dict[str, bytes]) -> None:
    plan = PdfReader(io.BytesIO(pdfs["plan_revision"])).metadata
    quarter = PdfReader(io.BytesIO(pdfs["quarterly_winners"])).metadata
    assert plan is not None and quarter is not None
    assert plan.title == f"ประกาศ{SCHOOL} เรื่อง {thai(subjects.plan_subject(2569, 2))}"
    assert "พ.ศ. ๒๕๖๙ (ฉบับปรับปรุง ครั้งที่ ๒)" in (plan.subject or "")
    for field in (quarter.title, quarter.subject):
        assert field is not None and f"โครงการเลขที่ {PROJECT}" in field and "พ.ศ. ๒๕๖๙" in field
        assert not re.search("[0-9]", field.replace(PROJECT, "")), field


def test_digits_keep_identifiers_by_their_type() -> None:
    assert thai(Identifier("P69100630546")) == "P69100630546"
    assert thai("P69100630546 ราคา 1,200.00") == "P69100630546 ราคา ๑,๒๐๐.๐๐"
    kept = thai(
        f"เลขที่โครงการ {PROJECT} เลขประจำตัว {TAX_ID} ปี 2569", [Identifier(PROJECT), Identifier(TAX_ID)]
    )
    assert kept == f"เลขที่โครงการ {PROJECT} เลขประจำตัว {TAX_ID} ปี ๒๕๖๙"
    # Only a whole identifier: the same digits inside a longer number are a number.
    assert thai(f"1{PROJECT}", [Identifier(PROJECT)]) == thai(f"1{PROJECT}")


def attachment_pages(data: bytes) -> Iterator[Any]:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        yield from (page for page in pdf.pages if page.width > page.height)


TOLERANCE = 0.5  # pt


def crossings(page: Any) -> list[str]:
    """Characters drawn across a table's ruling line, or outside the table beside it."""
    vertical = [e for e in page.edges if e["orientation"] == "v"]
    horizontal = [e for e in page.edges if e["orientation"] == "h"]
    assert vertical and horizontal, "no table rules on an attachment page"
    left = min(e["x0"] for e in vertical)
    right = max(e["x0"] for e in vertical)
    table_top = min(e["top"] for e in horizontal)
    found = []
    for ch in page.chars:
        if not ch["text"].strip() or ch["top"] < table_top:
            continue  # the page number and the heading above the table
        middle = (ch["top"] + ch["bottom"]) / 2
        if ch["x0"] < left - TOLERANCE or ch["x1"] > right + TOLERANCE:
            found.append(f"{ch['text']} outside the table at x={ch['x0']:.1f}")
        for e in vertical:
            if ch["x0"] + TOLERANCE < e["x0"] < ch["x1"] - TOLERANCE and e["top"] <= middle <= e["bottom"]:
                found.append(f"{ch['text']} across the line at x={e['x0']:.1f}, y={middle:.1f}")
        centre = (ch["x0"] + ch["x1"]) / 2
        for e in horizontal:
            if e["x0"] <= centre <= e["x1"] and ch["top"] + 2 < e["top"] < ch["bottom"] - 2:
                found.append(f"{ch['text']} across the line at y={e['top']:.1f}")
    return found


@pytest.mark.parametrize("kind", ["plan_revision", "quarterly_winners"])
def test_no_cell_text_is_drawn_outside_its_cell(pdfs: dict[str, bytes], kind: str) -> None:
    pages = list(attachment_pages(pdfs[kind]))
    assert pages
    for n, page in enumerate(pages):
        assert crossings(page) == [], (kind, n)


def cell_text(page: Any, box: tuple[float, float, float, float] | None) -> str:
    """The text drawn inside ``box``, in the order it was drawn (Thai marks after their base,
    which sorting by position would not keep), a new line where the baseline moves down."""
    if box is None:
        return ""
    x0, top, x1, bottom = box
    text = ""
    line = None
    for ch in page.chars:
        if x0 <= (ch["x0"] + ch["x1"]) / 2 <= x1 and top <= (ch["top"] + ch["bottom"]) / 2 <= bottom:
            if line is not None and ch["bottom"] > line + ch["size"] / 2:
                text = text.rstrip() + "\n"
            line = ch["bottom"] if line is None else max(line, ch["bottom"])
            text += ch["text"]
    return text.strip()


def rows_of(page: Any) -> list[list[str]]:
    tables = page.find_tables({"vertical_strategy": "lines", "horizontal_strategy": "lines"})
    assert len(tables) == 1
    return [[cell_text(page, box) for box in row.cells] for row in tables[0].rows]


def test_a_row_is_never_split_across_pages(pdfs: dict[str, bytes]) -> None:
    pages = list(attachment_pages(pdfs["plan_revision"]))
    assert len(pages) >= 2  # long enough to run over a page
    seen: list[str] = []
    for page in pages:
        rows = rows_of(page)
        assert rows[0][:2] == ["ลำดับ", "รหัสแผน"]  # the heading, on every page
        for row in rows[1:]:
            # A row's remainder on the next page would have no sequence number and no code.
            assert row[0] or row[2] == "รวม", row
            if row[0]:
                assert row[1] in plan_codes(), row
                seen.append(row[1])
    assert seen == plan_codes()


def test_headings_and_vendor_names_stay_whole(pdfs: dict[str, bytes]) -> None:
    body = []
    for page in attachment_pages(pdfs["quarterly_winners"]):
        rows = rows_of(page)
        assert rows[0][0] == "ลำดับที่" and rows[0][1] == "ชื่อผู้ประกอบการ"
        assert rows[0][4] == "เอกสารอ้างอิง" and rows[1][4:6] == ["วันที่", "เลขที่"]
        body += [row for row in rows[2:] if row[0]]
    names = [VENDORS[n % len(VENDORS)] for n in range(1, 7)]
    assert [row[1].replace("\n", "").replace(" ", "") for row in body] == [n.replace(" ", "") for n in names]
    for row, name in zip(body, names, strict=True):
        lines = row[1].split("\n")
        # A name longer than its column's share breaks between its words only, never inside one.
        assert len(lines) == 1 or name != "ร้านสมหวังพาณิชย์", row[1]
        word_ends = set(accumulate(len(word) for word in name.split()))
        assert set(accumulate(len(line.replace(" ", "")) for line in lines)) <= word_ends, row[1]
        # The standard reason in at most four lines at a body size of 16 pt (it took five), two at
        # the attachment's official size (about 9.5 pt).
        assert row[6].count("\n") <= 3, row[6]
