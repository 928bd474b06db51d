"""The open-data layouts read back: openpyxl for the XLSX, the csv module for the CSV. Every cell filled
("-" where nothing applies), amounts as numbers, the e-GP number whole, a BOM on the CSV."""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from prakat.exports import opendata
from prakat.results import ResultRow, SchoolInfo

SCHOOL = SchoolInfo(
    id=1,
    slug="s",
    name="โรงเรียนบ้านทดสอบ",
    agency_type="สถานศึกษา",
    ministry="กระทรวงศึกษาธิการ",
    area_office="",
    district="",  # blank in the profile: "-" in the file
    province="ขอนแก่น",
)


def _row(n: int, **extra: object) -> ResultRow:
    values: dict[str, object] = {
        "procurement_id": n,
        "year_be": 2569,
        "month_year": 2025,
        "month": 11,
        "month_date": date(2025, 11, 5),
        "month_source": "award",
        "procurement_year_be": 2569,
        "subject": f"กระดาษถ่ายเอกสาร {n}",
        "kind": "buy",
        "kind_label": "ซื้อ",
        "budget": Decimal("12500.25"),
        "reference_price": None,
        "method": "specific",
        "method_label": "วิธีเฉพาะเจาะจง",
        "method_short_label": "เฉพาะเจาะจง",
        "method_family_label": "วิธีเฉพาะเจาะจง",
        "legal_clause": "",
        "budget_source": "subsidy",
        "budget_source_label": "เงินอุดหนุน",
        "category": "",
        "category_label": "",
        "plan_item_id": None,
        "plan_code": "",
        "plan_item_name": "",
        "egp_project_number": None,
        "requested_on": date(2025, 11, 1),
        "status": "awarded",
        "status_label": "ประกาศผู้ชนะแล้ว",
        "winner_name": "ร้านทดสอบพาณิชย์",
        "agreed_price": Decimal("11990.50"),
        **extra,
    }
    return ResultRow(**values)  # type: ignore[arg-type]


ROWS = (
    _row(1),
    _row(2, subject="จ้างซ่อมหลังคา", kind="hire", kind_label="จ้าง", reference_price=Decimal("100000.00"),
         egp_project_number="68119000123", budget=Decimal("100000"), agreed_price=Decimal("99000")),
)  # fmt: skip


@pytest.mark.parametrize("layout", [opendata.OPEN_DATA_16, opendata.ITA_O10])
def test_xlsx_and_csv_give_the_same_full_table(layout: opendata.Layout) -> None:
    sheet = load_workbook(io.BytesIO(opendata.xlsx(layout, SCHOOL, 2569, ROWS))).active
    assert sheet is not None
    cells = [list(r) for r in sheet.iter_rows(values_only=True)]
    raw = opendata.csv_bytes(layout, SCHOOL, 2569, ROWS)
    assert raw.startswith(b"\xef\xbb\xbf")
    lines = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert cells[0] == lines[0] == list(layout.headers) and len(layout.headers) in (16, 9)
    assert len(cells) == len(lines) == 1 + len(ROWS)
    for sheet_row, csv_row in zip(cells[1:], lines[1:], strict=True):
        assert all(v is not None and str(v).strip() for v in sheet_row)  # no blank cell
        assert all(v.strip() for v in csv_row)
        assert [str(v) for v in sheet_row if not isinstance(v, float | int)] == [
            v for v, s in zip(csv_row, sheet_row, strict=True) if not isinstance(s, float | int)
        ]
    by_name = [dict(zip(lines[0], r, strict=True)) for r in lines[1:]]
    assert [r["ชื่อรายการของงานที่ซื้อหรือจ้าง"] for r in by_name] == ["ซื้อกระดาษถ่ายเอกสาร 1", "จ้างซ่อมหลังคา"]
    assert [r["ราคากลาง"] for r in by_name] == ["-", "100000.00"]
    assert [r["เลขที่โครงการในระบบ e-GP"] for r in by_name] == ["-", "68119000123"]
    head = list(layout.headers)
    assert sheet.cell(3, head.index("ราคาที่ตกลงซื้อหรือจ้าง") + 1).value == 99000  # a number
    egp = sheet.cell(3, head.index("เลขที่โครงการในระบบ e-GP") + 1)
    assert egp.value == "68119000123" and egp.data_type == "s"  # whole, as text
    assert sheet.print_title_rows == "$1:$1" and sheet.page_setup.orientation == "landscape"
    if layout is opendata.OPEN_DATA_16:
        assert [r["อำเภอ"] for r in by_name] == ["-", "-"]  # the profile has none
        assert [r["ที่"] for r in by_name] == ["1", "2"]


def test_the_same_rows_give_the_same_bytes() -> None:
    first = opendata.xlsx(opendata.OPEN_DATA_16, SCHOOL, 2569, ROWS)
    assert first == opendata.xlsx(opendata.OPEN_DATA_16, SCHOOL, 2569, ROWS)
