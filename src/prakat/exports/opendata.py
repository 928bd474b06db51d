"""A fiscal year's procurement results in the two layouts ITA assessors and open-data portals ask for
(domain.md §1): the 16-column open-data layout, and the 9-field "ITA-o10" form (Annex ก). Each as XLSX
(real cells: amounts as numbers with two decimals, a Thai font, landscape, the header repeated on every
printed page) and CSV (UTF-8 with a BOM, so that Excel opens Thai correctly). No cell is blank: a value
that does not apply is "-".

Rows come from prakat.results (the one reading of the records); which rows are published is the
caller's choice (prakat.ita.opendata)."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Final

import msgspec

from prakat import workbooks
from prakat.results import ResultRow, SchoolInfo
from prakat.rules import ProcurementKind

NONE: Final = "-"  # what a cell that does not apply says (ITA: no blank cells)
FONT: Final = "TH Sarabun New"  # the name Excel and LibreOffice know for Sarabun

Cell = str | int | Decimal
VERBS: Final = ("ซื้อ", "จ้าง", "เช่า", *(k.label for k in ProcurementKind))


class Layout(msgspec.Struct, frozen=True):
    key: str
    title: str
    headers: tuple[str, ...]
    widths: tuple[int, ...]


# The purchase and its result: the same columns, in the same order and widths, in both layouts (only
# the winner's column is titled apart).
_PURCHASE_HEADERS: Final = (
    "ชื่อรายการของงานที่ซื้อหรือจ้าง",
    "วงเงินงบประมาณที่ได้รับจัดสรร",
    "แหล่งที่มาของงบประมาณ",
    "สถานะการจัดซื้อจัดจ้าง",
    "วิธีการจัดซื้อจัดจ้าง",
    "ราคากลาง",
    "ราคาที่ตกลงซื้อหรือจ้าง",
)
_EGP_HEADER: Final = "เลขที่โครงการในระบบ e-GP"
_PURCHASE_WIDTHS: Final = (40, 16, 22, 18, 26, 14, 16, 30, 16)  # with the winner's and the e-GP column

OPEN_DATA_16: Final = Layout(
    "results",
    "ข้อมูลผลการจัดซื้อจัดจ้าง",
    (
        "ที่",
        "ปีงบประมาณ",
        "ชื่อหน่วยงาน",
        "อำเภอ",
        "จังหวัด",
        "กระทรวง",
        "ประเภทหน่วยงาน",
        *_PURCHASE_HEADERS,
        "รายชื่อผู้ประกอบการที่ได้รับการคัดเลือก",
        _EGP_HEADER,
    ),
    (6, 10, 28, 14, 14, 20, 14, *_PURCHASE_WIDTHS),
)
ITA_O10: Final = Layout(
    "ita-o10",
    "ITA-o10",
    (*_PURCHASE_HEADERS, "ผู้ประกอบการที่ได้รับการคัดเลือก", _EGP_HEADER),
    _PURCHASE_WIDTHS,
)


def _or_none(value: str | Decimal | None) -> Cell:
    if value is None or (isinstance(value, str) and not value.strip()):
        return NONE
    return value


def _work(r: ResultRow) -> list[Cell]:
    """The nine fields both layouts share, in ITA-o10's order."""
    return [
        r.subject if r.subject.startswith(VERBS) else f"{r.kind_label}{r.subject}",
        r.budget,
        _or_none(r.budget_source_label),
        _or_none(r.status_label),
        _or_none(r.method_label),
        _or_none(r.reference_price),
        _or_none(r.agreed_price),
        _or_none(r.winner_name),
        _or_none(r.egp_project_number),
    ]


def open_data_cells(school: SchoolInfo, year_be: int, rows: Sequence[ResultRow]) -> list[list[Cell]]:
    out: list[list[Cell]] = []
    for n, r in enumerate(rows, start=1):
        work = _work(r)
        agency = [school.name, school.district, school.province, school.ministry, school.agency_type]
        out.append([n, year_be, *(_or_none(a) for a in agency), *work[:7], work[7], work[8]])
    return out


def ita_o10_cells(school: SchoolInfo, year_be: int, rows: Sequence[ResultRow]) -> list[list[Cell]]:
    return [_work(r) for r in rows]


CELLS: Final[dict[str, Callable[[SchoolInfo, int, Sequence[ResultRow]], list[list[Cell]]]]] = {
    OPEN_DATA_16.key: open_data_cells,
    ITA_O10.key: ita_o10_cells,
}


def xlsx(layout: Layout, school: SchoolInfo, year_be: int, rows: Sequence[ResultRow]) -> bytes:
    """The layout as an Excel workbook: one sheet, the header row repeated on printed pages."""
    # openpyxl loads when a workbook is asked for (as in prakat.plans.reading and prakat.results.sheets):
    # about 8 MB that every server process would otherwise hold (tests/test_server_footprint.py).
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = layout.title[:31]
    font, bold = Font(name=FONT, size=14), Font(name=FONT, size=14, bold=True)
    ws.append(list(layout.headers))
    for cell in ws[1]:
        cell.font = bold
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    for values in CELLS[layout.key](school, year_be, rows):
        ws.append(values)
    wrap = Alignment(wrap_text=True, vertical="top")
    for line in ws.iter_rows(min_row=2):
        for cell in line:
            cell.font = font
            if isinstance(cell.value, Decimal):
                cell.number_format = "#,##0.00"
            elif isinstance(cell.value, str):
                cell.number_format = "@"
                cell.alignment = wrap
    for index, width in enumerate(layout.widths, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.freeze_panes = "A2"
    ws.print_title_rows = "1:1"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    wb.properties.creator = school.name
    wb.properties.title = f"{layout.title} ปีงบประมาณ พ.ศ. {year_be} {school.name}"
    return workbooks.save(wb)  # no date of its own: the same rows give the same bytes


def _csv_text(value: Cell) -> str:
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    return str(value)


def csv_bytes(layout: Layout, school: SchoolInfo, year_be: int, rows: Sequence[ResultRow]) -> bytes:
    """The layout as CSV: UTF-8 with a BOM, amounts as plain numbers with two decimals (no commas)."""
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow(layout.headers)
    for values in CELLS[layout.key](school, year_be, rows):
        writer.writerow([_csv_text(v) for v in values])
    return "\ufeff".encode() + text.getvalue().encode("utf-8")
