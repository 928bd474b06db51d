"""The annual report's data as an XLSX workbook (openpyxl): a sheet per breakdown and one of every
purchase counted, from the same frozen content and statistics as the PDF. Real cells: numbers as
numbers (two decimals), dates as dates, a Thai font, the header row repeated when printed; the same
bytes on every download (prakat.workbooks.save)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from prakat import workbooks
from prakat.annual.service import stats_of
from prakat.annual.stats import AnnualStats, Group, rows_of_year
from prakat.annual.texts import PARTS
from prakat.results.rows import rows_from_builtins

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

FONT = "Sarabun"
MONEY = "#,##0.00"
GROUP_HEADINGS = (
    "รายการ",
    "จำนวน (รายการ)",
    "วงเงินงบประมาณ (บาท)",
    "ราคากลาง (บาท)",
    "ราคาที่ตกลงซื้อหรือจ้าง (บาท)",
)
# The sheets of the breakdowns: (title, which groups).
BREAKDOWNS: tuple[tuple[str, str], ...] = (
    ("ตามวิธี", "by_method"),
    ("ตามแหล่งเงิน", "by_source"),
    ("ตามประเภท", "by_kind"),
    ("รายเดือน", "by_month"),
    ("รายไตรมาส", "by_quarter"),
)


def _sheet(wb: Workbook, title: str, headings: Sequence[str], widths: Sequence[int]) -> Worksheet:
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet(title)
    ws.append(list(headings))
    for cell in ws[1]:
        cell.font = Font(name=FONT, bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = "A2"
    ws.print_title_rows = "1:1"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    return ws


def _finish(ws: Worksheet, money_columns: Sequence[int] = (), date_columns: Sequence[int] = ()) -> None:
    from openpyxl.styles import Alignment, Font

    for row in ws.iter_rows(min_row=2):
        for cell in row:
            cell.font = Font(name=FONT)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if cell.column in money_columns:
                cell.number_format = MONEY
            elif cell.column in date_columns:
                cell.number_format = workbooks.THAI_DATE


def _groups(wb: Workbook, title: str, groups: Sequence[Group], stats: AnnualStats) -> None:
    from openpyxl.styles import Font

    ws = _sheet(wb, title, GROUP_HEADINGS, (44, 14, 20, 20, 24))
    for g in groups:
        ws.append([g.label, g.count, g.budget, g.reference_price, g.agreed_price])
    t = stats.totals
    ws.append(["รวม", t.count, t.budget, t.reference_price, t.agreed_price])
    _finish(ws, money_columns=(3, 4, 5))
    for cell in ws[ws.max_row]:
        cell.font = Font(name=FONT, bold=True)


def _overview(wb: Workbook, stats: AnnualStats) -> None:
    ws = _sheet(wb, "สรุป", ("รายการ", "ค่า"), (60, 24))
    t, s, p, o = stats.totals, stats.savings, stats.plan, stats.on_time
    lines: tuple[tuple[str, Any], ...] = (
        ("ปีงบประมาณ (พ.ศ.)", stats.year_be),
        ("จำนวนรายการ", t.count),
        ("วงเงินงบประมาณรวม (บาท)", t.budget),
        ("ราคากลางรวม (บาท)", t.reference_price),
        ("ราคาที่ตกลงซื้อหรือจ้างรวม (บาท)", t.agreed_price),
        ("ประหยัดได้เมื่อเทียบกับวงเงินงบประมาณ (บาท)", s.against_budget),
        ("ประหยัดได้เมื่อเทียบกับวงเงินงบประมาณ (ร้อยละ)", s.against_budget_percent),
        ("จำนวนรายการที่มีราคากลาง", s.with_reference_count),
        ("ราคาที่ตกลงของรายการที่มีราคากลาง (บาท)", s.agreed_with_reference),
        ("ประหยัดได้เมื่อเทียบกับราคากลาง (บาท)", s.against_reference),
        ("ประหยัดได้เมื่อเทียบกับราคากลาง (ร้อยละ)", s.against_reference_percent),
        ("รายการในแผน", p.items),
        ("รายการในแผนที่ดำเนินการแล้ว", p.items_carried_out),
        ("รายการในแผนที่ดำเนินการแล้ว (ร้อยละ)", p.items_percent),
        ("วงเงินตามแผน (บาท)", p.planned_budget),
        ("วงเงินตามแผนของรายการที่ดำเนินการแล้ว (บาท)", p.carried_out_budget),
        ("รายการที่ไม่ได้อยู่ในแผน", p.outside_plan),
        ("ผู้ชนะที่ประกาศภายในกำหนด", o.on_time),
        ("ผู้ชนะที่ประกาศเกินกำหนด", o.late),
        ("ผู้ชนะที่ยังไม่ได้ประกาศ", o.not_announced),
        ("กำหนดเวลาการประกาศผลผู้ชนะ", o.rule or "-"),
    )
    for label, value in lines:
        ws.append([label, value])
    _finish(ws)
    for row in ws.iter_rows(min_row=2, min_col=2, max_col=2):
        for cell in row:
            if isinstance(cell.value, Decimal):
                cell.number_format = MONEY


ROW_HEADINGS = (
    "ลำดับ",
    "วันที่ที่ใช้นับเดือน",
    "งานที่จัดซื้อหรือจัดจ้าง",
    "ประเภท",
    "วิธีการจัดซื้อจัดจ้าง",
    "แหล่งที่มาของงบประมาณ",
    "วงเงินงบประมาณ (บาท)",
    "ราคากลาง (บาท)",
    "ผู้ได้รับการคัดเลือก",
    "ราคาที่ตกลงซื้อหรือจ้าง (บาท)",
    "เลขที่สัญญาหรือข้อตกลง",
    "วันที่สัญญาหรือข้อตกลง",
    "เลขที่โครงการในระบบ e-GP",
    "รหัสแผน",
)


def _rows(wb: Workbook, annual: dict[str, Any]) -> None:
    ws = _sheet(wb, "รายการทั้งหมด", ROW_HEADINGS, (7, 13, 40, 10, 22, 22, 16, 16, 28, 18, 18, 13, 16, 16))
    rows = rows_of_year(rows_from_builtins(annual["rows"]), int(annual["year_be"]))
    for n, r in enumerate(rows, start=1):
        ws.append(
            [
                n,
                r.month_date,
                r.subject,
                r.kind_label,
                r.method_label,
                r.budget_source_label,
                r.budget,
                r.reference_price if r.reference_price is not None else "-",
                r.winner_name or "-",
                r.agreed_price,
                r.contract_number or "-",
                r.contract_date if r.contract_date is not None else "-",
                r.egp_project_number or "-",
                r.plan_code or "-",
            ]
        )
    _finish(ws, money_columns=(7, 8, 10), date_columns=(2, 12))
    for row in ws.iter_rows(min_row=2):
        for col in (13, 14):  # identifiers people paste elsewhere stay whole text
            row[col - 1].number_format = "@"


def _texts(wb: Workbook, annual: dict[str, Any]) -> None:
    ws = _sheet(wb, "ส่วนที่โรงเรียนเขียน", ("หัวข้อ", "ข้อความ"), (40, 100))
    written = annual.get("texts", {})
    for info in PARTS:
        ws.append([info.title, written.get(info.part.value, "") or "-"])
    _finish(ws)


def workbook(annual: dict[str, Any], *, school: str, created: datetime | None = None) -> bytes:
    from openpyxl import Workbook

    stats = stats_of(annual)
    wb = Workbook()
    assert wb.active is not None
    wb.remove(wb.active)
    _overview(wb, stats)
    for title, name in BREAKDOWNS:
        _groups(wb, title, getattr(stats, name), stats)
    largest = _sheet(
        wb,
        "รายการมูลค่าสูงสุด",
        ("ลำดับ", "งานที่จัดซื้อหรือจัดจ้าง", "วิธี", "ผู้ได้รับการคัดเลือก", "ราคาที่ตกลง (บาท)"),
        (7, 44, 22, 30, 18),
    )
    for n, r in enumerate(stats.largest, start=1):
        largest.append([n, r.subject, r.method_short_label, r.winner_name or "-", r.agreed_price])
    _finish(largest, money_columns=(5,))
    _rows(wb, annual)
    _texts(wb, annual)
    wb.properties.title = f"รายงานผลการจัดซื้อจัดจ้างประจำปีงบประมาณ พ.ศ. {stats.year_be}"
    wb.properties.creator = school
    return workbooks.save(wb, made=created or workbooks.NO_DATE)
