"""The monthly summary (แบบ สขร.1) as spreadsheet files, from frozen result rows: XLSX (real cells:
amounts as numbers, dates as dates, a Thai font, A4 landscape, the header rows printed on every
page, column 9 one header over two cells) and CSV (UTF-8 with a BOM, so that Excel reads Thai).

Same rows and totals as the PDF (prakat.announcements.monthly_form), in Arabic digits: a spreadsheet
is data to compute with. Deterministic bytes (prakat.workbooks.save): the workbook's dates are the
summary's own and the zip entries carry a fixed time, so a published summary's file never changes.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from prakat import workbooks
from prakat.results.months import MONTH_RULE_TEXT
from prakat.results.rows import ResultRow, ResultSet, totals

NOTHING = "ไม่มีการจัดซื้อจัดจ้าง"
FONT = "TH Sarabun New"  # the government's Thai font, as schools' own forms name it
MONEY_FORMAT = "#,##0.00"
DATE_FORMAT = workbooks.THAI_DATE
GROUP_7 = "ผู้ได้รับการคัดเลือกและราคาที่ตกลงซื้อหรือจ้าง"
GROUP_9 = "เลขที่และวันที่ของสัญญาหรือข้อตกลงในการซื้อหรือจ้าง"
# (title, group, width in characters); one group's columns are next to each other.
COLUMNS: tuple[tuple[str, str, int], ...] = (
    ("ลำดับที่", "", 7),
    ("งานที่จัดซื้อหรือจัดจ้าง", "", 34),
    ("วงเงินที่จะซื้อหรือจ้าง (บาท)", "", 15),
    ("ราคากลาง (บาท)", "", 15),
    ("วิธีซื้อหรือจ้าง", "", 16),
    ("รายชื่อผู้เสนอราคาและราคาที่เสนอ", "", 36),
    ("ผู้ได้รับการคัดเลือก", GROUP_7, 24),
    ("ราคาที่ตกลงซื้อหรือจ้าง (บาท)", GROUP_7, 15),
    ("เหตุผลที่คัดเลือกโดยสรุป", "", 26),
    ("เลขที่", GROUP_9, 14),
    ("วันที่", GROUP_9, 13),
)
CSV_HEADER = (
    "ลำดับที่",
    "งานที่จัดซื้อหรือจัดจ้าง",
    "วงเงินที่จะซื้อหรือจ้าง (บาท)",
    "ราคากลาง (บาท)",
    "วิธีซื้อหรือจ้าง",
    "รายชื่อผู้เสนอราคาและราคาที่เสนอ",
    "ผู้ได้รับการคัดเลือก",
    "ราคาที่ตกลงซื้อหรือจ้าง (บาท)",
    "เหตุผลที่คัดเลือกโดยสรุป",
    "เลขที่สัญญาหรือข้อตกลง",
    "วันที่สัญญาหรือข้อตกลง",
)


@dataclass(frozen=True)
class SheetOf:
    """One month's form: its rows and the lines above the table."""

    name: str  # the sheet's name ("ต.ค. 68")
    title: str  # "สรุปผลการดำเนินการจัดซื้อจัดจ้างในรอบเดือน ตุลาคม พ.ศ. 2568"
    results: ResultSet
    date_line: str  # "วันที่ 5 เดือน พฤศจิกายน พ.ศ. 2568"
    number: str = ""


def work_title(r: ResultRow) -> str:
    return r.subject if r.subject.startswith(("ซื้อ", "จ้าง", "เช่า")) else f"{r.kind_label}{r.subject}"


def bidders_text(r: ResultRow) -> str:
    return "\n".join(f"{b.vendor_name} {b.amount:,.2f} บาท" for b in r.bids) or "-"


def _row_values(n: int, r: ResultRow) -> list[object]:
    return [
        n,
        work_title(r),
        r.budget,
        r.reference_price if r.reference_price is not None else "-",
        r.method_short_label,
        bidders_text(r),
        r.winner_name or "-",
        r.agreed_price if r.agreed_price is not None else "-",
        r.reason or "-",
        r.contract_number or "-",
        r.contract_date or r.awarded_on or "-",
    ]


def _write_form(ws: Any, sheet: SheetOf) -> None:
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    width = len(COLUMNS)
    last = get_column_letter(width)
    plain, bold = Font(name=FONT, size=14), Font(name=FONT, size=14, bold=True)
    thin = Side(style="thin", color="000000")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    centre = Alignment(horizontal="center", vertical="center", wrap_text=True)
    top = Alignment(vertical="top", wrap_text=True)
    ws.append([None] * (width - 1) + ["สขร.1"])
    ws[f"{last}1"].font, ws[f"{last}1"].alignment = bold, Alignment(horizontal="right")
    dated = f"{sheet.date_line} (เลขที่ {sheet.number})" if sheet.number else sheet.date_line  # as the PDF
    for n, text in enumerate((sheet.title, sheet.results.school.name, dated), start=2):
        ws.append([text])
        ws.merge_cells(f"A{n}:{last}{n}")
        ws[f"A{n}"].font, ws[f"A{n}"].alignment = (bold if n == 2 else plain), centre
    # Two header rows: a column of its own spans both; a group's title spans its columns.
    ws.append([c[1] or c[0] for c in COLUMNS])
    ws.append([c[0] if c[1] else None for c in COLUMNS])
    for i, (_, group, chars) in enumerate(COLUMNS, start=1):
        letter = get_column_letter(i)
        ws.column_dimensions[letter].width = chars
        if not group:
            ws.merge_cells(f"{letter}5:{letter}6")
        elif i == 1 or COLUMNS[i - 2][1] != group:
            span = sum(1 for c in COLUMNS if c[1] == group)
            ws.merge_cells(f"{letter}5:{get_column_letter(i + span - 1)}5")
    for row in ws.iter_rows(min_row=5, max_row=6, max_col=width):
        for cell in row:
            cell.font, cell.alignment, cell.border = bold, centre, box
    rows = sheet.results.rows
    if not rows:
        ws.append([NOTHING])
        ws.merge_cells(f"A7:{last}7")
        ws["A7"].font, ws["A7"].alignment, ws["A7"].border = bold, centre, box
    for n, r in enumerate(rows, start=1):
        ws.append(_row_values(n, r))
    if rows:
        sums = totals(rows)
        ws.append(
            ["", f"รวม {sums.count} รายการ", sums.budget, sums.reference_price, "", "", "", sums.agreed_price]
        )
    body_end = ws.max_row
    for row in ws.iter_rows(min_row=7, max_row=body_end, max_col=width):
        for cell in row:
            if not rows:
                continue
            cell.border, cell.alignment = box, top
            cell.font = bold if cell.row == body_end else plain
            if isinstance(cell.value, Decimal):
                cell.number_format = MONEY_FORMAT
            elif isinstance(cell.value, date):
                cell.number_format = DATE_FORMAT
    ws.append([f"หมายเหตุ: {MONTH_RULE_TEXT}"])
    ws.cell(row=ws.max_row, column=1).font = plain
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "5:6"
    ws.freeze_panes = "A7"


def summary_xlsx(sheets: Sequence[SheetOf], *, created: datetime) -> bytes:
    """A workbook of one sheet per month (one for a single summary), in the order given."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    for sheet in sheets:
        _write_form(wb.create_sheet(title=sheet.name[:31]), sheet)
    wb.properties.creator = "Prakat"
    return workbooks.save(wb, made=created)


def summary_csv(results: ResultSet) -> bytes:
    """UTF-8 with a BOM; amounts as plain numbers (11990.50), dates ISO (2025-11-05)."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow(CSV_HEADER)
    if not results.rows:
        w.writerow([NOTHING] + [""] * (len(CSV_HEADER) - 1))
    for n, r in enumerate(results.rows, start=1):
        w.writerow(
            ["" if v is None else (v.isoformat() if isinstance(v, date) else v) for v in _row_values(n, r)]
        )
    if results.rows:
        sums = totals(results.rows)
        w.writerow(
            [
                "",
                f"รวม {sums.count} รายการ",
                sums.budget,
                sums.reference_price,
                "",
                "",
                "",
                sums.agreed_price,
                "",
                "",
                "",
            ]
        )
    return "\ufeff".encode() + out.getvalue().encode("utf-8")
