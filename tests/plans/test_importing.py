"""Plan items pasted from Excel/Google Sheets or uploaded as .xlsx: columns found, Thai labels read, bad rows
reported with the row number the teacher sees, and the good rows added to a draft plan all at once."""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import msgspec
import pytest
from openpyxl import Workbook
from piccolo.engine.base import Engine

from prakat.db import tables as t
from prakat.errors import Conflict, NotFound
from prakat.plans import importing, reading
from prakat.plans import service as plans
from prakat.plans.importing import MAX_ROWS, ImportResult, RowError, import_items, parse_pasted, parse_xlsx
from prakat.plans.schemas import PlanItemCreate
from prakat.rules import BudgetCategory, BudgetSource, Method, ProcurementKind
from tests import factories

FY = 2569  # 1 Oct 2025 – 30 Sep 2026

HEADER = "ชื่อโครงการ\tประเภท\tงบประมาณ (บาท)\tแหล่งเงิน\tหมวดงบ\tวิธีที่คาดว่าจะใช้\tเดือนที่คาดว่าจะประกาศ"
GOOD: dict[str, str] = {
    "name": "กระดาษถ่ายเอกสาร A4",
    "kind": "ซื้อ",
    "budget": "12,500.25",
    "budget_source": "เงินอุดหนุนรายหัว",
    "category": "งบดำเนินงาน",
    "planned_method": "วิธีเฉพาะเจาะจง",
    "expected_month": "ต.ค. 68",
}
EXPECTED = PlanItemCreate(
    name="กระดาษถ่ายเอกสาร A4",
    kind=ProcurementKind("buy"),
    budget=Decimal("12500.25"),
    budget_source=BudgetSource("per_head_subsidy"),
    category=BudgetCategory("operating"),
    planned_method=Method("specific"),
    expected_month=date(2025, 10, 1),
)


def row(**changes: str) -> str:
    """A pasted line in the default column order, GOOD with some cells changed."""
    return "\t".join({**GOOD, **changes}.values())


def one_item(text: str) -> PlanItemCreate:
    result = parse_pasted(text, FY)
    assert result.problems == () and result.errors == ()
    assert len(result.items) == 1
    return result.items[0]


def xlsx(*sheets: tuple[str, list[list[Any]]]) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets:
        sheet = book.create_sheet(title)
        for values in rows:
            sheet.append(values)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def has_thai(text: str) -> bool:
    return any("\u0e01" <= char <= "\u0e5b" for char in text)


# ---------------------------------------------------------------------------------------------
# Columns


def test_thai_header_in_any_order_with_extra_columns() -> None:
    header = (
        "ลำดับที่\tเดือนที่คาดว่าจะประกาศ\tชื่อรายการ\tหมายเหตุ\tวิธีจัดซื้อจัดจ้าง\tงบประมาณ (บาท)"
        "\tแหล่งที่มาของงบประมาณ\tหมวด\tประเภท (ซื้อ/จ้าง/เช่า)\tรหัสแผน e-GP"
    )
    line = (
        "1\tต.ค. 68\tกระดาษถ่ายเอกสาร A4\tด่วน\tวิธีเฉพาะเจาะจง\t12,500.25\tเงินอุดหนุนรายหัว"
        "\tงบดำเนินงาน\tซื้อ\tP69100001"
    )
    result = parse_pasted(f"{header}\n{line}\n", FY)
    assert result.items == (msgspec.structs.replace(EXPECTED, egp_plan_code="P69100001"),)
    assert result.header == header
    assert result.errors == () and result.problems == ()


@pytest.mark.parametrize(
    "header",
    [
        # e-GP's plan attachment wording plus the columns schools add
        "ชื่อรายการของงานที่ซื้อหรือจ้าง\tประเภท\tวงเงินงบประมาณที่ได้รับจัดสรร\tแหล่งที่มาของงบประมาณ"
        "\tหมวดงบรายจ่าย\tวิธีการจัดซื้อจัดจ้าง\tคาดว่าจะประกาศจัดซื้อจัดจ้าง (เดือน/ปี)",
        # wrapped header cells, odd spacing and case
        '"ชื่อ\nโครงการ"\t ประเภท \tงบ ประมาณ\tแหล่ง เงิน\tหมวด งบ\tวิธี\t"เดือนที่คาดว่า\nจะประกาศ"',
        "Name\tKind\tBudget\tBudget Source\tCategory\tPlanned Method\tExpected Month",
        "name\tkind\tbudget\tbudget_source\tcategory\tplanned_method\texpected_month",
    ],
)
def test_header_names_thai_egp_and_english(header: str) -> None:
    assert one_item(f"{header}\n{row()}") == EXPECTED


def test_title_rows_above_the_header_are_skipped() -> None:
    text = f"แผนการจัดซื้อจัดจ้าง ประจำปีงบประมาณ พ.ศ. 2569\nโรงเรียนบ้านหนองบัว\n\n{HEADER}\n{row()}\n"
    result = parse_pasted(text, FY)
    assert result.items == (EXPECTED,)
    assert result.header == HEADER


def test_a_header_repeated_further_down_is_not_a_row() -> None:
    unfinished = "รายการ\t\t\t\t\tวิธีเฉพาะเจาะจง"  # looks like a header, but not this one: an error
    result = parse_pasted(f"{HEADER}\n{row()}\n{HEADER}\n{row()}\n{unfinished}\n", FY)
    assert result.items == (EXPECTED, EXPECTED)
    assert [(error.row, error.text) for error in result.errors] == [(5, unfinished)]


def test_a_bad_first_row_with_header_like_cells_is_not_taken_for_a_header() -> None:
    first = row(name="โครงการจัดซื้อวัสดุ", budget="ไม่ทราบ", expected_month="เดือนตุลาคม 2568")
    result = parse_pasted(f"{first}\n{row()}", FY)
    assert result.header == ""
    assert result.items == (EXPECTED,)
    assert [(error.row, len(error.messages)) for error in result.errors] == [(1, 1)]


def test_no_header_uses_the_default_order() -> None:
    assert importing.DEFAULT_COLUMNS == (
        "name",
        "kind",
        "budget",
        "budget_source",
        "category",
        "planned_method",
        "expected_month",
        "egp_plan_code",
    )
    result = parse_pasted(row() + "\tP69100001\n" + row(name="หมึกพิมพ์"), FY)
    assert result.header == ""
    assert [item.name for item in result.items] == ["กระดาษถ่ายเอกสาร A4", "หมึกพิมพ์"]
    assert [item.egp_plan_code for item in result.items] == ["P69100001", ""]


def test_no_header_leading_sequence_numbers_are_skipped() -> None:
    text = f"1\t{row()}\n๒\t{row(name='หมึกพิมพ์')}\n3.\t{row(name='แฟ้มเอกสาร')}"
    result = parse_pasted(text, FY)
    assert result.errors == ()
    assert [item.name for item in result.items] == ["กระดาษถ่ายเอกสาร A4", "หมึกพิมพ์", "แฟ้มเอกสาร"]
    assert result.items[0] == EXPECTED


def test_a_header_missing_required_columns_is_one_clear_problem() -> None:
    text = "ลำดับ\tรหัสแผนจัดซื้อจัดจ้าง\tชื่อโครงการ\tงบประมาณโครงการ\tคาดว่าจะประกาศ\n1\tP1\tกระดาษ\t500\tต.ค. 68"
    result = parse_pasted(text, FY)
    assert result.items == () and result.errors == ()
    (problem,) = result.problems
    assert "ประเภท (ซื้อ/จ้าง/เช่า)" in problem and "หมวดงบ" in problem and "วิธีที่คาดว่าจะใช้" in problem
    assert "แหล่งเงิน" in problem and "งบประมาณ" not in problem.split("ไม่มีคอลัมน์")[1]


# ---------------------------------------------------------------------------------------------
# Clipboard text


def test_quoted_cells_keep_tabs_newlines_and_quotes_and_lines_are_counted() -> None:
    name = '"ชุดคอมพิวเตอร์ ""All in One""\tพร้อม\r\nโต๊ะ"'
    text = f"{HEADER}\r\n{row(name=name)}\r\n{row(budget='ไม่ทราบ')}\r\n"
    result = parse_pasted(text, FY)
    assert [item.name for item in result.items] == ['ชุดคอมพิวเตอร์ "All in One" พร้อม โต๊ะ']
    # the quoted cell spans lines 2–3, so the bad row is line 4 of the textarea
    assert [error.row for error in result.errors] == [4]


def test_a_stray_quote_does_not_swallow_the_next_rows() -> None:
    text = row(name='"ทีวี 55 นิ้ว') + "\n" + row(name='หมึกพิมพ์ "HP"')
    result = parse_pasted(text, FY)
    assert [item.name for item in result.items] == ['"ทีวี 55 นิ้ว', 'หมึกพิมพ์ "HP"']


def test_crlf_lf_trailing_empty_cells_and_rows_read_alike() -> None:
    lines = [HEADER, row(), row(name="หมึกพิมพ์")]
    lf = parse_pasted("\n".join(lines), FY)
    crlf = parse_pasted("\r\n".join(line + "\t\t" for line in lines) + "\r\n\t\t\r\n\r\n", FY)
    assert crlf == lf
    assert len(lf.items) == 2 and lf.errors == ()


@pytest.mark.parametrize("total", ["รวม\t\t\t25,000.50", "รวมทั้งสิ้น\t\t\t25,000.50", "\tTotal\t25,000.50"])
def test_total_row_is_ignored(total: str) -> None:
    result = parse_pasted(f"{HEADER}\n{row()}\n{row(name='หมึกพิมพ์')}\n{total}\n", FY)
    assert len(result.items) == 2
    assert result.errors == ()


@pytest.mark.parametrize("text", ["", "   ", "\r\n\t\t\r\n\r\n"])
def test_empty_paste_is_a_thai_problem(text: str) -> None:
    result = parse_pasted(text, FY)
    assert result.items == () and result.errors == ()
    assert len(result.problems) == 1 and has_thai(result.problems[0])
    assert not result.ok


def test_text_without_columns_is_a_problem_not_eight_errors() -> None:
    result = parse_pasted("กระดาษถ่ายเอกสาร A4\nหมึกพิมพ์\n", FY)
    assert result.errors == ()
    assert result.problems == (importing._NO_COLUMNS,)


def test_more_than_the_row_limit_is_refused() -> None:
    text = "\n".join([HEADER] + [row()] * (MAX_ROWS + 1))
    result = parse_pasted(text, FY)
    assert result.items == () and result.errors == ()
    assert "2,000" in result.problems[0]
    assert len(parse_pasted("\n".join([HEADER] + [row()] * MAX_ROWS), FY).items) == MAX_ROWS


# ---------------------------------------------------------------------------------------------
# Values


def _spellings() -> list[tuple[str, str, str]]:
    cases: list[tuple[str, str, str]] = []
    for kind in ProcurementKind:
        cases += [("kind", kind.label, kind.value), ("kind", kind.value, kind.value)]
    for source in BudgetSource:
        cases += [
            ("budget_source", source.label, source.value),
            ("budget_source", source.value, source.value),
        ]
        cases.append(("budget_source", source.full_label, source.value))
    for category in BudgetCategory:
        cases += [("category", category.label, category.value), ("category", category.value, category.value)]
    for method in Method:
        cases += [
            ("planned_method", method.label, method.value),
            ("planned_method", method.value, method.value),
        ]
        cases.append(("planned_method", method.info.thai_short_name, method.value))
    return cases


@pytest.mark.parametrize(("field", "cell", "value"), _spellings())
def test_thai_labels_and_machine_values_are_both_accepted(field: str, cell: str, value: str) -> None:
    assert getattr(one_item(row(**{field: cell})), field) == value


@pytest.mark.parametrize(
    ("field", "cell", "value"),
    [
        ("planned_method", "เฉพาะเจาะจง", "specific"),
        ("planned_method", "e-bidding", "e_bidding"),
        ("planned_method", "E-Bidding", "e_bidding"),
        ("planned_method", "e-market", "e_market"),
        ("planned_method", "สอบราคา", "price_inquiry"),
        ("planned_method", "คัดเลือก", "selection"),
        ("planned_method", "ว 119", "specific_w119"),
        ("budget_source", "รายหัว", "per_head_subsidy"),
        ("budget_source", "เรียนฟรี 15 ปี", "free_education"),
        ("budget_source", "อาหารกลางวัน", "lunch"),
        ("budget_source", "อื่นๆ", "other"),
        ("category", "ดำเนินงาน", "operating"),
        ("category", "ลงทุน", "investment"),
        ("kind", "จัดจ้าง", "hire"),
        ("kind", "ก่อสร้าง", "construction"),
    ],
)
def test_common_short_forms(field: str, cell: str, value: str) -> None:
    assert getattr(one_item(row(**{field: cell})), field) == value


def test_an_unknown_choice_names_the_field_and_what_is_accepted() -> None:
    result = parse_pasted(row(planned_method="ประกวดราคา", kind="แลก"), FY)
    (error,) = result.errors
    kind, method = error.messages
    assert kind.startswith("ประเภท (ซื้อ/จ้าง/เช่า): ไม่อยู่ในรายการที่เลือกได้")
    assert "ซื้อ, จ้าง, เช่า, จ้างก่อสร้าง" in kind
    assert method.startswith("วิธีที่คาดว่าจะใช้: ไม่อยู่ในรายการที่เลือกได้")
    assert "เฉพาะเจาะจง" in method and "ตลาดอิเล็กทรอนิกส์ (e-market)" in method


@pytest.mark.parametrize(
    ("cell", "amount"),
    [
        ("12,500.25", Decimal("12500.25")),
        ("๑๒,๕๐๐", Decimal("12500.00")),
        ("12500", Decimal("12500.00")),
        ("12 500 บาท", Decimal("12500.00")),
        ("฿1,000.50", Decimal("1000.50")),
        ("12,500.-", Decimal("12500.00")),
    ],
)
def test_pasted_money_formats(cell: str, amount: Decimal) -> None:
    assert one_item(row(budget=cell)).budget == amount


@pytest.mark.parametrize(
    ("cell", "month"),
    [
        ("ต.ค. 68", date(2025, 10, 1)),
        ("ต.ค.68", date(2025, 10, 1)),
        ("ต.ค.-68", date(2025, 10, 1)),
        ("ตุลาคม 2568", date(2025, 10, 1)),
        ("ตุลาคม พ.ศ. 2568", date(2025, 10, 1)),
        ("เดือนมีนาคม ๒๕๖๙", date(2026, 3, 1)),
        ("10/2568", date(2025, 10, 1)),
        ("3/69", date(2026, 3, 1)),
        ("15/03/2569", date(2026, 3, 1)),
        ("2026-03", date(2026, 3, 1)),
        ("Mar-26", date(2026, 3, 1)),
        ("ตุลาคม", date(2025, 10, 1)),  # no year: the month of this fiscal year
        ("มีนา", date(2026, 3, 1)),
    ],
)
def test_month_formats(cell: str, month: date) -> None:
    assert one_item(row(expected_month=cell)).expected_month == month


def test_months_outside_the_fiscal_year_or_unreadable_are_row_errors() -> None:
    result = parse_pasted(f"{row(expected_month='ต.ค. 69')}\n{row(expected_month='ปลายปี')}", FY)
    assert [error.messages for error in result.errors] == [
        ("เดือนที่คาดว่าจะประกาศ: ต้องอยู่ในปีงบประมาณ 2569",),
        (result.errors[1].messages[0],),
    ]
    unreadable = result.errors[1].messages[0]
    assert unreadable.startswith("เดือนที่คาดว่าจะประกาศ: ") and "ต.ค. 68" in unreadable


def test_five_good_and_three_bad_rows() -> None:
    lines = [
        HEADER,  # line 1
        row(name="กระดาษถ่ายเอกสาร A4"),
        row(name=""),  # 3: no name
        row(name="หมึกพิมพ์"),
        row(name="แฟ้มเอกสาร", kind="จ้าง"),
        row(name="ไม้กวาด", budget="สองหมื่น"),  # 6: not an amount
        row(name="ซ่อมหลังคาอาคาร 1", kind="จ้างก่อสร้าง", category="งบลงทุน"),
        row(name="โปรเจกเตอร์", planned_method="ประกวดราคา", expected_month="ต.ค. 69"),  # 8: two problems
        row(name="ค่าเช่าเครื่องถ่ายเอกสาร", kind="เช่า", budget="๓๖,๐๐๐"),
    ]
    result = parse_pasted("\r\n".join(lines) + "\r\n", FY)
    assert [item.name for item in result.items] == [
        "กระดาษถ่ายเอกสาร A4",
        "หมึกพิมพ์",
        "แฟ้มเอกสาร",
        "ซ่อมหลังคาอาคาร 1",
        "ค่าเช่าเครื่องถ่ายเอกสาร",
    ]
    assert [error.row for error in result.errors] == [3, 6, 8]
    assert [error.text for error in result.errors] == [lines[2], lines[5], lines[7]]
    no_name, no_amount, late = (error.messages for error in result.errors)
    assert no_name == ("ชื่อโครงการ/รายการ: กรุณากรอกข้อมูล",)
    assert len(no_amount) == 1 and no_amount[0].startswith("งบประมาณ (บาท): จำนวนเงินไม่ถูกต้อง")
    assert late[0].startswith("วิธีที่คาดว่าจะใช้: ไม่อยู่ในรายการที่เลือกได้")
    assert late[1] == "เดือนที่คาดว่าจะประกาศ: ต้องอยู่ในปีงบประมาณ 2569"
    assert not result.ok


def test_text_for_fixing_is_the_header_and_bad_rows_and_reads_back() -> None:
    bad = row(name="ไม้กวาด", budget="สองหมื่น")
    result = parse_pasted(f"{HEADER}\n{row()}\n{bad}\n", FY)
    assert result.text_for_fixing() == f"{HEADER}\n{bad}"
    again = parse_pasted(result.text_for_fixing(), FY)
    assert again.items == ()
    assert again.errors == (RowError(2, result.errors[0].messages, bad),)


# ---------------------------------------------------------------------------------------------
# .xlsx


def test_xlsx_plan_sheet_header_and_sheet_row_numbers() -> None:
    plan_rows: list[list[Any]] = [
        ["แผนการจัดซื้อจัดจ้าง ประจำปีงบประมาณ พ.ศ. 2569"],
        [],
        ["ลำดับ", "ชื่อโครงการ", "ประเภท", "งบประมาณ", "แหล่งเงิน", "หมวดงบ", "วิธี", "เดือน", "รหัสแผน"],
        [
            1,
            "กระดาษถ่ายเอกสาร A4",
            "ซื้อ",
            12500.25,
            "เงินอุดหนุนรายหัว",
            "งบดำเนินงาน",
            "วิธีเฉพาะเจาะจง",
            datetime(2025, 10, 15),
        ],
        [2, "ไม้กวาด", "ซื้อ", "สองหมื่น", "รายหัว", "ดำเนินงาน", "เฉพาะเจาะจง", "ต.ค. 68"],
        [3, "ซ่อม\tหลังคา", "จ้าง", 4500.0, "รายหัว", "ดำเนินงาน", "เฉพาะเจาะจง", "พ.ย. 68", 69110001],
        ["รวม", None, None, 12500.55],
    ]
    data = xlsx(("คำอธิบาย", [["ไม่ใช่แผน"]]), ("แผน 2569", plan_rows))
    result = parse_xlsx(data, FY)
    assert result.problems == ()
    assert result.items == (
        EXPECTED,
        PlanItemCreate(
            name="ซ่อม หลังคา",
            kind=ProcurementKind("hire"),
            budget=Decimal("4500.00"),
            budget_source=BudgetSource("per_head_subsidy"),
            category=BudgetCategory("operating"),
            planned_method=Method("specific"),
            expected_month=date(2025, 11, 1),
            egp_plan_code="69110001",
        ),
    )
    (error,) = result.errors
    assert error.row == 5  # the sheet's own row number: title, blank row and header counted
    assert error.messages[0].startswith("งบประมาณ (บาท): ")
    assert error.text == "2\tไม้กวาด\tซื้อ\tสองหมื่น\tรายหัว\tดำเนินงาน\tเฉพาะเจาะจง\tต.ค. 68"
    assert result.header == "ลำดับ\tชื่อโครงการ\tประเภท\tงบประมาณ\tแหล่งเงิน\tหมวดงบ\tวิธี\tเดือน\tรหัสแผน"


def test_xlsx_number_and_date_cells() -> None:
    base = ["ชื่อ", "ซื้อ", 0, "per_head_subsidy", "operating", "specific", "ต.ค. 68"]

    def with_(budget: Any, month: Any = "ต.ค. 68") -> list[Any]:
        return [*base[:2], budget, *base[3:6], month]

    rows = [
        with_(12500.25),
        with_(12500),
        with_(1234.56),  # written below as Excel writes a sum's binary noise: 1234.5600000000002
        with_(12.345),  # a real third decimal is not rounded away
        with_(500, datetime(2026, 3, 31)),
        with_(500, datetime(2569, 3, 1)),  # a B.E. year typed into a date cell
        with_(500, 46113),  # the date serial of 2026-04-01 left unformatted
    ]
    data = edit_sheet_xml(xlsx(("Sheet1", rows)), b"<v>1234.56</v>", b"<v>1234.5600000000002</v>")
    result = parse_xlsx(data, FY)
    assert [item.budget for item in result.items] == [
        Decimal("12500.25"),
        Decimal("12500.00"),
        Decimal("1234.56"),
        Decimal("500.00"),
        Decimal("500.00"),
        Decimal("500.00"),
    ]
    assert [item.expected_month for item in result.items][-3:] == [
        date(2026, 3, 1),
        date(2026, 3, 1),
        date(2026, 4, 1),
    ]
    (error,) = result.errors
    assert error.row == 4
    assert error.messages == ("งบประมาณ (บาท): จำนวนเงินมีทศนิยมได้ไม่เกิน 2 ตำแหน่ง",)


def test_xlsx_sheet_choice() -> None:
    good, other = [list(GOOD.values())], [[*list(GOOD.values())[:-1], "พ.ย. 68"]]
    by_year = parse_xlsx(xlsx(("แผน 2568", other), ("แผน ๒๕๖๙", good), ("แผน", other)), FY)
    assert by_year.items == (EXPECTED,)
    by_name = parse_xlsx(xlsx(("สรุป", other), ("Plan", good)), FY)
    assert by_name.items == (EXPECTED,)
    first = parse_xlsx(xlsx(("ข้อมูล", good), ("Sheet2", other)), FY)
    assert first.items == (EXPECTED,)


def test_xlsx_with_wrong_stored_dimensions_is_read_whole() -> None:
    rows = [list(GOOD.values()), [*list(GOOD.values())[:-1], "พ.ย. 68"], list(GOOD.values())]
    data = xlsx(("แผน", rows))
    result = parse_xlsx(edit_sheet_xml(data, b'<dimension ref="A1:G3"/>', b'<dimension ref="A1"/>'), FY)
    assert [item.expected_month.month for item in result.items] == [10, 11, 10]


def edit_sheet_xml(data: bytes, old: bytes, new: bytes) -> bytes:
    """The .xlsx with its first sheet's XML edited: for what Excel writes and openpyxl does not."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        files = {name: archive.read(name) for name in archive.namelist()}
    assert old in files["xl/worksheets/sheet1.xml"]
    files["xl/worksheets/sheet1.xml"] = files["xl/worksheets/sheet1.xml"].replace(old, new)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return out.getvalue()


def _zip(**files: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, content in files.items():
            archive.writestr(name.replace("__", "/"), content)
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", "ไฟล์ว่างเปล่า"),
        ("ชื่อโครงการ,ประเภท\nกระดาษ,ซื้อ\n".encode(), "ไม่ใช่ไฟล์ Excel (.xlsx)"),
        (b"%PDF-1.7\n", "ไม่ใช่ไฟล์ Excel (.xlsx)"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512, "รุ่นเก่า (.xls)"),
        (_zip(word__document="<w/>"), "ไม่ใช่ไฟล์ Excel (.xlsx)"),
        (b"PK\x03\x04" + b"\0" * 100, "ไม่ใช่ไฟล์ Excel (.xlsx)"),
        (b"PK\x03\x04" + b"\0" * (importing.MAX_XLSX_BYTES), "5 MB"),
    ],
    ids=["empty", "csv", "pdf", "old-xls", "docx-like-zip", "broken-zip", "too-large"],
)
def test_files_that_are_not_xlsx_are_refused_in_thai(data: bytes, expected: str) -> None:
    result = parse_xlsx(data, FY)
    assert result.items == () and result.errors == ()
    (problem,) = result.problems
    assert has_thai(problem) and expected in problem


def test_a_damaged_xlsx_is_refused_in_thai() -> None:
    good = xlsx(("แผน", [list(GOOD.values())]))
    assert parse_xlsx(good, FY).items == (EXPECTED,)
    damaged = edit_sheet_xml(good, b"<sheetData>", b"<sheetData><row")
    assert parse_xlsx(damaged, FY).problems == (reading.UNREADABLE,)


# ---------------------------------------------------------------------------------------------
# Into the plan


async def _draft_plan() -> tuple[Any, int]:
    _, actor = await factories.school()
    plan = await plans.create_plan(actor, FY)
    return actor, plan.id


def _five_good_three_bad() -> ImportResult:
    names = ["ก", "ข", "ค", "ง", "จ"]
    lines = [row(name=names[0]), row(budget="x"), row(name=names[1]), row(name=names[2])]
    lines += [row(kind="?"), row(name=names[3]), row(expected_month="?"), row(name=names[4])]
    result = parse_pasted("\n".join(lines), FY)
    assert len(result.items) == 5 and len(result.errors) == 3
    return result


async def test_import_items_adds_the_good_rows_in_order_after_existing_items(db: Engine) -> None:  # type: ignore[type-arg]
    actor, plan_id = await _draft_plan()
    await plans.add_plan_item(actor, plan_id, msgspec.structs.replace(EXPECTED, name="เดิม"))
    assert await import_items(actor, plan_id, _five_good_three_bad()) == 5
    plan = await plans.get_plan(actor.school_id, plan_id)
    assert [(item.position, item.name) for item in plan.items] == [
        (1, "เดิม"),
        (2, "ก"),
        (3, "ข"),
        (4, "ค"),
        (5, "ง"),
        (6, "จ"),
    ]
    assert plan.items[1].budget == Decimal("12500.25")
    assert plan.items[1].expected_month == date(2025, 10, 1)


async def test_nothing_is_written_into_a_published_plan(db: Engine) -> None:  # type: ignore[type-arg]
    actor, plan_id = await _draft_plan()
    await plans.add_plan_item(actor, plan_id, EXPECTED)
    await t.Plan.update({t.Plan.status: "published"}).where(t.Plan.id == plan_id)
    with pytest.raises(Conflict):
        await import_items(actor, plan_id, _five_good_three_bad())
    assert await t.PlanItem.count().where(t.PlanItem.plan == plan_id) == 1


async def test_a_failure_midway_writes_nothing(db: Engine, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[type-arg]
    actor, plan_id = await _draft_plan()
    real = plans.add_plan_item
    calls = 0

    async def failing_third(*args: Any) -> Any:
        nonlocal calls
        calls += 1
        if calls == 3:
            raise RuntimeError("disk full")
        return await real(*args)

    monkeypatch.setattr(plans, "add_plan_item", failing_third)
    with pytest.raises(RuntimeError):
        await import_items(actor, plan_id, _five_good_three_bad())
    assert calls == 3
    assert await t.PlanItem.count().where(t.PlanItem.plan == plan_id) == 0


async def test_an_import_checked_for_another_year_or_school_is_refused(db: Engine) -> None:  # type: ignore[type-arg]
    actor, plan_id = await _draft_plan()
    other_year = parse_pasted(row(expected_month="ต.ค. 69"), 2570)
    assert len(other_year.items) == 1
    with pytest.raises(Conflict):
        await import_items(actor, plan_id, other_year)
    _, stranger = await factories.school("other")
    with pytest.raises(NotFound):
        await import_items(stranger, plan_id, _five_good_three_bad())
    assert await t.PlanItem.count() == 0
