"""Plan items imported the way budget-group teachers keep them: rows copied from Excel or Google Sheets
and pasted into a textarea (:func:`parse_pasted`), or an uploaded .xlsx file (:func:`parse_xlsx`).

Both give an :class:`ImportResult`: the good rows as ``PlanItemCreate`` in sheet order, one
:class:`RowError` per bad row (its row number as the teacher sees it, the Thai messages, the original
text so the page can put it back into the textarea), and ``problems`` for the input as a whole (an empty
paste, a file that is not .xlsx, a header without a required column). Nothing here raises because of
what the teacher sent. Every row goes through :func:`prakat.plans.service.parse_plan_item`, so an imported
item obeys the same rules as one typed into the form; :func:`import_items` then adds the good rows to a
draft plan in one transaction.

Columns are found by a header row (:data:`HEADER_NAMES`, matched ignoring case, spaces and
``. _ - * :``; a header cell may also start with a name, as in "งบประมาณ (บาท)") searched in the first
rows, so title rows above it are skipped. Without a header the columns are :data:`DEFAULT_COLUMNS`, with
an optional leading ลำดับ column of numbers. Cells may hold the Thai labels of the choices, their short
forms (:data:`VALUE_ALIASES`) or the machine values.
"""

from __future__ import annotations

import io
import math
import re
import warnings
import zipfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from types import MappingProxyType
from typing import Any, Final

import msgspec

from prakat.audit import Actor
from prakat.db.tx import write_transaction
from prakat.errors import Conflict, InvalidInput
from prakat.plans import service
from prakat.plans.schemas import PlanItemCreate
from prakat.rules import BudgetCategory, BudgetSource, Method, ProcurementKind
from prakat.thai import be_year, ce_year, check_fiscal_year, parse_thai_date, to_arabic_digits
from prakat.thai.errors import ThaiValueError
from prakat.validation import fields_of

MAX_XLSX_BYTES: Final = 5 * 1024 * 1024
MAX_ROWS: Final = 2000  # data rows per import
MAX_PASTE_CHARS: Final = 2_000_000
MAX_COLUMNS: Final = 30  # columns read from a sheet; a plan table has about ten
_MAX_UNZIPPED_BYTES: Final = 100 * 1024 * 1024  # a 5 MB zip must not expand into gigabytes
_MAX_SHEET_ROWS: Final = 10 * MAX_ROWS  # rows scanned, blank ones included
_HEADER_SEARCH_ROWS: Final = 10  # title rows may sit above the header

SEQ: Final = "seq"  # the ลำดับ column: recognised, then ignored (positions follow the plan)

# The Thai labels the form and parse_plan_item use (PlanItemCreate declares them), for messages about a
# whole column; in the order of the default columns.
FIELD_LABELS: Final[Mapping[str, str]] = MappingProxyType(
    {field.name: field.label for field in fields_of(PlanItemCreate)}
)
DEFAULT_COLUMNS: Final[tuple[str, ...]] = tuple(FIELD_LABELS)
REQUIRED_COLUMNS: Final[tuple[str, ...]] = DEFAULT_COLUMNS[:-1]

# Header names per column. Matching ignores case, spaces and ". _ - * :"; a header cell that *starts
# with* a name of 4+ characters also matches ("งบประมาณโครงการ", "วิธีการจัดซื้อจัดจ้าง"), the longest
# name winning ("แหล่งที่มาของงบประมาณ" is a source, not a budget).
HEADER_NAMES: Final[Mapping[str, tuple[str, ...]]] = MappingProxyType(
    {
        SEQ: ("ลำดับ", "ลำดับที่", "ที่", "no", "no.", "#", "seq", "item no"),
        "name": (
            "ชื่อโครงการ",
            "ชื่อรายการ",
            "รายการ",
            "ชื่อ",
            "โครงการ",
            "งานที่จัดซื้อหรือจัดจ้าง",
            "งานที่ซื้อหรือจ้าง",
            "name",
            "item",
            "project",
            "title",
        ),
        "kind": ("ประเภท", "ประเภทการจัดหา", "ซื้อ/จ้าง", "kind", "type"),
        "budget": ("งบประมาณ", "วงเงิน", "จำนวนเงิน", "budget", "amount"),
        "budget_source": (
            "แหล่งเงิน",
            "แหล่งที่มาของงบประมาณ",
            "แหล่งงบประมาณ",
            "แหล่ง",
            "ประเภทเงิน",
            "budget source",
            "budget_source",
            "source",
            "fund",
        ),
        "category": ("หมวดงบ", "หมวด", "งบรายจ่าย", "category", "budget category"),
        "planned_method": (
            "วิธี",
            "วิธีจัดซื้อจัดจ้าง",
            "วิธีการจัดซื้อจัดจ้าง",
            "วิธีที่คาดว่าจะใช้",
            "method",
            "planned method",
            "planned_method",
        ),
        "expected_month": (
            "เดือนที่คาดว่าจะประกาศ",
            "คาดว่าจะประกาศ",
            "เดือน",
            "ช่วงเวลาที่คาดว่าจะ",
            "month",
            "expected month",
            "expected_month",
        ),
        "egp_plan_code": (
            "รหัสแผน",
            "รหัสแผน e-GP",
            "รหัสแผนจัดซื้อจัดจ้าง",
            "เลขที่แผน",
            "plan code",
            "e-GP plan code",
            "egp_plan_code",
        ),
    }
)

# Short forms people type for the choices, besides each member's machine value and Thai label
# (for methods also the short name, for sources also "เงินอุดหนุนเรียนฟรี 15 ปี (ค่าหนังสือเรียน)").
VALUE_ALIASES: Final[Mapping[str, Mapping[str, StrEnum]]] = MappingProxyType(
    {
        "kind": {
            "จัดซื้อ": ProcurementKind.BUY,
            "purchase": ProcurementKind.BUY,
            "จัดจ้าง": ProcurementKind.HIRE,
            "จ้างเหมา": ProcurementKind.HIRE,
            "จ้างเหมาบริการ": ProcurementKind.HIRE,
            "service": ProcurementKind.HIRE,
            "lease": ProcurementKind.RENT,
            "ก่อสร้าง": ProcurementKind.CONSTRUCTION,
            "งานก่อสร้าง": ProcurementKind.CONSTRUCTION,
            "จ้างเหมาก่อสร้าง": ProcurementKind.CONSTRUCTION,
        },
        "budget_source": {
            "รายหัว": BudgetSource.PER_HEAD_SUBSIDY,
            "เงินรายหัว": BudgetSource.PER_HEAD_SUBSIDY,
            "อุดหนุนรายหัว": BudgetSource.PER_HEAD_SUBSIDY,
            "งบประมาณ": BudgetSource.GOVERNMENT_BUDGET,
            "งบประมาณแผ่นดิน": BudgetSource.GOVERNMENT_BUDGET,
            "เงินงบประมาณแผ่นดิน": BudgetSource.GOVERNMENT_BUDGET,
            "รายได้สถานศึกษา": BudgetSource.SCHOOL_INCOME,
            "เงินรายได้": BudgetSource.SCHOOL_INCOME,
            "รายได้": BudgetSource.SCHOOL_INCOME,
            "เรียนฟรี": BudgetSource.FREE_EDUCATION,
            "เรียนฟรี 15 ปี": BudgetSource.FREE_EDUCATION,
            "เงินเรียนฟรี": BudgetSource.FREE_EDUCATION,
            "เงินอุดหนุนเรียนฟรี": BudgetSource.FREE_EDUCATION,
            "หนังสือเรียน": BudgetSource.FREE_EDUCATION_TEXTBOOKS,
            "อุปกรณ์การเรียน": BudgetSource.FREE_EDUCATION_LEARNING_MATERIALS,
            "เครื่องแบบนักเรียน": BudgetSource.FREE_EDUCATION_UNIFORMS,
            "ชุดนักเรียน": BudgetSource.FREE_EDUCATION_UNIFORMS,
            "กิจกรรมพัฒนาผู้เรียน": BudgetSource.FREE_EDUCATION_ACTIVITIES,
            "อาหารกลางวัน": BudgetSource.LUNCH,
            "ค่าอาหารกลางวัน": BudgetSource.LUNCH,
            "อื่น": BudgetSource.OTHER,
        },
        "category": {
            "ดำเนินงาน": BudgetCategory.OPERATING,
            "ลงทุน": BudgetCategory.INVESTMENT,
            "อุดหนุน": BudgetCategory.SUBSIDY,
            "รายจ่ายอื่น": BudgetCategory.OTHER,
            "อื่น ๆ": BudgetCategory.OTHER,
            "อื่น": BudgetCategory.OTHER,
        },
        "planned_method": {
            "e-bidding": Method.E_BIDDING,
            "ประกวดราคาอิเล็กทรอนิกส์": Method.E_BIDDING,
            "วิธีประกวดราคาอิเล็กทรอนิกส์": Method.E_BIDDING,
            "e-market": Method.E_MARKET,
            "ตลาดอิเล็กทรอนิกส์": Method.E_MARKET,
            "วิธีตลาดอิเล็กทรอนิกส์": Method.E_MARKET,
            "วิธีสอบราคา": Method.PRICE_INQUIRY,
            "เฉพาะเจาะจง": Method.SPECIFIC,
            "ว 119": Method.SPECIFIC_W119,
            "วิธีเฉพาะเจาะจง ว 119": Method.SPECIFIC_W119,
            "ข้อ 79": Method.SPECIFIC_URGENT_79,
            "ข้อ 79 วรรคสอง": Method.SPECIFIC_URGENT_79,
            "เร่งด่วน": Method.SPECIFIC_URGENT_79,
        },
    }
)

_EMPTY: Final = "ยังไม่มีข้อมูล: คัดลอกแถวของแผนจาก Excel หรือ Google Sheets แล้ววางในช่องนี้"
_NO_COLUMNS: Final = (
    "ข้อมูลที่วางไม่ได้แบ่งเป็นคอลัมน์: ให้เลือกแถวในตาราง Excel หรือ Google Sheets ทั้งแถว แล้วคัดลอก (Ctrl+C) มาวาง"
)
_TOO_MANY_ROWS: Final = f"มีข้อมูลเกิน {MAX_ROWS:,} แถว ให้แบ่งนำเข้าทีละส่วน"
_NOT_XLSX: Final = "ไฟล์นี้ไม่ใช่ไฟล์ Excel (.xlsx) ให้เปิดใน Excel หรือ Google Sheets แล้วบันทึกเป็น .xlsx"
_OLD_XLS: Final = "ไฟล์นี้เป็น Excel รุ่นเก่า (.xls) ให้เปิดใน Excel แล้วเลือกบันทึกเป็น .xlsx ก่อนนำเข้า"
_UNREADABLE: Final = "อ่านไฟล์ Excel นี้ไม่ได้ ไฟล์อาจเสียหาย ลองเปิดแล้วบันทึกเป็น .xlsx ใหม่"
_MONTH_HINT: Final = "เขียนเดือนเช่น ต.ค. 68, ตุลาคม 2568 หรือ 10/2568"


class RowError(msgspec.Struct, frozen=True):
    """A row that could not be imported. ``row`` is the row number in the teacher's sheet (header and
    title rows counted) or, for pasted text, the line it starts on; ``text`` is the row as it was, cells
    joined by tabs, ready to go back into the textarea."""

    row: int
    messages: tuple[str, ...]
    text: str


class ImportResult(msgspec.Struct, frozen=True, kw_only=True):
    """What a paste or an upload gave. ``problems`` are about the input as a whole (then ``items`` and
    ``errors`` are empty); ``header`` is the header row as it was, or "" when there was none."""

    fiscal_year_be: int
    items: tuple[PlanItemCreate, ...] = ()
    errors: tuple[RowError, ...] = ()
    problems: tuple[str, ...] = ()
    header: str = ""

    @property
    def ok(self) -> bool:
        return not self.errors and not self.problems

    def text_for_fixing(self) -> str:
        """The header and the bad rows, for the textarea: fixed and pasted again, they import alone."""
        lines = [self.header] if self.header and self.errors else []
        return "\n".join(lines + [error.text for error in self.errors])


# ---------------------------------------------------------------------------------------------
# Entry points


def parse_pasted(text: str, fiscal_year_be: int) -> ImportResult:
    """Rows as Excel or Google Sheets put them on the clipboard: cells split by tabs, a cell holding a
    tab, a newline or a leading quote written as ``"..."`` with ``""`` for a quote; CRLF or LF."""
    check_fiscal_year(fiscal_year_be)
    if len(text) > MAX_PASTE_CHARS:
        return _refused(fiscal_year_be, _TOO_MANY_ROWS)
    rows: list[_Row] = []
    for line, cells, raw in _split_tsv(text.lstrip("\ufeff")):
        trimmed = _trim(cells)
        if trimmed:
            rows.append(_Row(line, trimmed, raw.rstrip("\t")))
            if len(rows) > MAX_ROWS + _HEADER_SEARCH_ROWS:
                return _refused(fiscal_year_be, _TOO_MANY_ROWS)
    return _import_rows(rows, fiscal_year_be)


def parse_xlsx(data: bytes, fiscal_year_be: int) -> ImportResult:
    """The plan sheet of an .xlsx file: the first sheet whose name contains "แผน" (or "plan"),
    preferring one that names the fiscal year, else the first sheet. Formulas give the value Excel last
    calculated; row numbers are the sheet's."""
    # openpyxl loads only when a file comes: about 8 MB that every server process would hold.
    from openpyxl import load_workbook

    check_fiscal_year(fiscal_year_be)
    refusal = _refusal(data)
    if refusal:
        return _refused(fiscal_year_be, refusal)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about extensions it does not read
            book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # a damaged file can fail in zipfile, XML or openpyxl itself
        return _refused(fiscal_year_be, _UNREADABLE)
    try:
        sheet = _plan_sheet(book.worksheets, fiscal_year_be)
        if sheet is None:
            return _refused(fiscal_year_be, "ไม่พบแผ่นงานที่มีตารางในไฟล์นี้")
        rows = _sheet_rows(sheet)
    except _TooLarge as exc:
        return _refused(fiscal_year_be, exc.message)
    except Exception:
        return _refused(fiscal_year_be, _UNREADABLE)
    finally:
        book.close()
    return _import_rows(rows, fiscal_year_be)


async def import_items(actor: Actor, plan_id: int, result: ImportResult) -> int:
    """Add the good rows to the draft plan, after its existing items, in one transaction: all of them
    or none (a published plan raises Conflict from add_plan_item). Returns how many were added."""
    async with write_transaction():
        plan = await service.get_plan(actor.school_id, plan_id)
        if plan.year_be != result.fiscal_year_be:
            raise Conflict(
                f"ข้อมูลนี้ตรวจไว้สำหรับปีงบประมาณ {result.fiscal_year_be} "
                f"แต่แผนนี้เป็นของปีงบประมาณ {plan.year_be} ให้นำเข้าใหม่ในแผนที่ถูกต้อง"
            )
        for item in result.items:
            await service.add_plan_item(actor, plan_id, item)
    return len(result.items)


# ---------------------------------------------------------------------------------------------
# Rows → items


@dataclass(frozen=True)
class _Row:
    number: int
    cells: tuple[Any, ...]  # strings stripped, trailing blanks removed; never empty
    text: str


class _TooLarge(Exception):
    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


def _refused(fiscal_year_be: int, message: str, header: str = "") -> ImportResult:
    return ImportResult(fiscal_year_be=fiscal_year_be, problems=(message,), header=header)


def _import_rows(rows: Sequence[_Row], fiscal_year_be: int) -> ImportResult:
    if not rows:
        return _refused(fiscal_year_be, _EMPTY)
    found = _find_header(rows)
    if found is None:
        data = [row for row in rows if not _is_total(row.cells)]
        if not data:
            return _refused(fiscal_year_be, _EMPTY)
        if all(len(row.cells) <= 1 for row in data):
            return _refused(fiscal_year_be, _NO_COLUMNS)
        columns = _default_columns(data)
        header = ""
    else:
        at, columns = found
        header = rows[at].text
        missing = [FIELD_LABELS[name] for name in REQUIRED_COLUMNS if name not in columns.values()]
        if missing:
            message = f"แถวหัวตาราง (แถวที่ {rows[at].number}) ไม่มีคอลัมน์ {', '.join(missing)}"
            return _refused(fiscal_year_be, message, header)
        # The same header repeated further down (a sheet printed page by page) is not a row either.
        data = [row for row in rows[at + 1 :] if not _is_total(row.cells) and _header_at(row) != columns]
        if not data:
            return _refused(fiscal_year_be, "มีแถวหัวตารางแต่ไม่มีรายการใต้แถวนั้น", header)
    if len(data) > MAX_ROWS:
        return _refused(fiscal_year_be, _TOO_MANY_ROWS, header)
    items: list[PlanItemCreate] = []
    errors: list[RowError] = []
    for row in data:
        raw, unread = _raw_item(row.cells, columns, fiscal_year_be)
        try:
            items.append(service.parse_plan_item(raw, fiscal_year_be))
        except InvalidInput as exc:
            messages = tuple(_with_hint(name, message, unread) for name, message in exc.errors.items())
            errors.append(RowError(row.number, messages, row.text))
    return ImportResult(
        fiscal_year_be=fiscal_year_be, items=tuple(items), errors=tuple(errors), header=header
    )


def _raw_item(
    cells: Sequence[Any], columns: Mapping[int, str], fiscal_year_be: int
) -> tuple[dict[str, Any], set[str]]:
    """The row as parse_plan_item's form fields, and the fields whose cell could not be read here (their
    message from parse_plan_item gets a hint of what is accepted)."""
    raw: dict[str, Any] = {}
    unread: set[str] = set()
    for index, name in columns.items():
        if name == SEQ or index >= len(cells) or _is_blank(cells[index]):
            continue
        value = cells[index]
        if name in _CHOICES:
            machine = _CHOICES[name].get(_key(_cell_text(value)))
            if machine is None:
                unread.add(name)
            raw[name] = machine or _cell_text(value)
        elif name == "budget":
            raw[name] = _money(value)
        elif name == "expected_month":
            month = _month(value, fiscal_year_be)
            if month is None:
                unread.add(name)
            raw[name] = month or _cell_text(value)
        else:
            raw[name] = _cell_text(value)
    return raw, unread


def _with_hint(name: str, message: str, unread: set[str]) -> str:
    return f"{message} ({_HINTS[name]})" if name in unread else message


# ---------------------------------------------------------------------------------------------
# Columns


def _key(text: str) -> str:
    """Text as compared: Arabic digits, lower case, without spaces and ". _ - * :"."""
    return "".join(to_arabic_digits(text).split()).casefold().translate(_KEY_DROP)


_KEY_DROP: Final = dict.fromkeys(map(ord, "._-*:\u200b\u200c\u200d\u2060\ufeff"), None)


def _header_tables() -> tuple[dict[str, str], tuple[tuple[str, str], ...]]:
    exact: dict[str, str] = {}
    for column, names in HEADER_NAMES.items():
        for name in names:
            if exact.setdefault(_key(name), column) != column:
                raise RuntimeError(f"header name {name!r} names two columns")
    prefixes = sorted(((k, c) for k, c in exact.items() if len(k) >= 4), key=lambda kc: -len(kc[0]))
    return exact, tuple(prefixes)


_HEADER_EXACT, _HEADER_PREFIXES = _header_tables()
_NUMBER_TEXT: Final = re.compile(r"[0-9][0-9,. ]*")


def _header_column(cell: Any) -> str | None:
    if not isinstance(cell, str):
        return None
    key = _key(cell)
    if key in _HEADER_EXACT:
        return _HEADER_EXACT[key]
    return next((column for prefix, column in _HEADER_PREFIXES if key.startswith(prefix)), None)


def _header_at(row: _Row) -> dict[int, str] | None:
    """The columns named by ``row`` if it reads as a header: at least two known names, making up at
    least half of its cells, and no numbers (a data row has an amount)."""
    columns: dict[int, str] = {}
    filled = 0
    for index, cell in enumerate(row.cells):
        if _is_blank(cell):
            continue
        filled += 1
        if not isinstance(cell, str) or _NUMBER_TEXT.fullmatch(to_arabic_digits(cell)):
            return None
        column = _header_column(cell)
        if column is not None and column not in columns.values():
            columns[index] = column  # the first column of a name wins; a repeat is ignored
    return columns if len(columns) >= 2 and 2 * len(columns) >= filled else None


def _find_header(rows: Sequence[_Row]) -> tuple[int, dict[int, str]] | None:
    for at, row in enumerate(rows[:_HEADER_SEARCH_ROWS]):
        columns = _header_at(row)
        if columns is not None:
            return at, columns
    return None


_SEQ_TEXT: Final = re.compile(r"[0-9]{1,5}\.?")


def _is_seq(cell: Any) -> bool:
    if isinstance(cell, bool):
        return False
    if isinstance(cell, int):
        return True
    if isinstance(cell, float):
        return cell.is_integer()
    return isinstance(cell, str) and _SEQ_TEXT.fullmatch(to_arabic_digits(cell)) is not None


def _default_columns(rows: Sequence[_Row]) -> dict[int, str]:
    """DEFAULT_COLUMNS, shifted by one when most rows start with a ลำดับ number."""
    with_seq = 2 * sum(_is_seq(row.cells[0]) for row in rows) >= len(rows)
    offset = 1 if with_seq else 0
    columns = {index + offset: name for index, name in enumerate(DEFAULT_COLUMNS)}
    return {0: SEQ, **columns} if with_seq else columns


_TOTALS: Final = frozenset(
    _key(name)
    for name in (
        "รวม",
        "รวมทั้งสิ้น",
        "รวมทั้งหมด",
        "รวมเงิน",
        "รวมเป็นเงิน",
        "รวมงบประมาณ",
        "ยอดรวม",
        "total",
        "grandtotal",
        "sum",
    )
)


def _is_total(cells: Sequence[Any]) -> bool:
    """A total row: its first filled cell is "รวม"/"รวมทั้งสิ้น"/"Total"…, or starts with "รวม" in a
    row of at most three cells (a real item has more)."""
    filled = [cell for cell in cells if not _is_blank(cell)]
    if not filled or not isinstance(filled[0], str):
        return False
    key = _key(filled[0])
    return key in _TOTALS or (key.startswith(("รวม", "total")) and len(filled) <= 3)


# ---------------------------------------------------------------------------------------------
# Cells


def _is_blank(cell: Any) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def _trim(cells: Iterable[Any]) -> tuple[Any, ...]:
    values = [cell.strip() if isinstance(cell, str) else cell for cell in cells]
    while values and _is_blank(values[-1]):
        values.pop()
    return tuple(values)


def _cell_text(cell: Any) -> str:
    """A cell as the teacher sees it, in a form parse_pasted reads back."""
    if cell is None:
        return ""
    if isinstance(cell, str):
        return cell
    if isinstance(cell, bool):
        return str(cell).upper()
    if isinstance(cell, float):
        return str(int(cell)) if cell.is_integer() else str(_float_money(cell))
    if isinstance(cell, date):
        return f"{cell.day}/{cell.month}/{cell.year if cell.year >= 2400 else be_year(cell.year)}"
    return str(cell)


def _quote(text: str) -> str:
    if text.startswith('"') or any(char in text for char in "\t\r\n"):
        return '"' + text.replace('"', '""') + '"'
    return text


def _join(cells: Iterable[Any]) -> str:
    return "\t".join(_quote(_cell_text(cell)) for cell in cells)


_CENT: Final = Decimal("0.01")
_FLOAT_NOISE: Final = Decimal("0.000001")


def _float_money(value: float) -> Decimal:
    """A spreadsheet number as Decimal: 12500.25 → 12500.25 exactly (via its shortest repr); binary
    noise such as 0.30000000000000004 rounds to 0.30, but a real third decimal (12.345) is kept so
    parse_plan_item refuses it instead of silently changing the amount."""
    amount = Decimal(str(value))
    if not amount.is_finite():
        return amount
    exponent = amount.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -2:
        cents = amount.quantize(_CENT, rounding=ROUND_HALF_UP)
        if abs(amount - cents) < _FLOAT_NOISE:
            return cents
    return amount


def _money(cell: Any) -> Any:
    if isinstance(cell, float):
        amount = _float_money(cell)
        return amount if amount.is_finite() else str(cell)
    if isinstance(cell, int) and not isinstance(cell, bool):
        return Decimal(cell)
    if isinstance(cell, Decimal):
        return cell
    return _cell_text(cell)  # parse_baht reads "12,500.25", "๑๒,๕๐๐", "12,500.-"


def _choice_table(
    enum: type[StrEnum], names: Callable[[Any], Iterable[str]], aliases: Mapping[str, StrEnum]
) -> Mapping[str, str]:
    table: dict[str, str] = {}
    pairs = [(name, member) for member in enum for name in (member.value, *names(member))]
    for name, member in [*pairs, *aliases.items()]:
        if table.setdefault(_key(name), member.value) != member.value:
            raise RuntimeError(f"{name!r} means two {enum.__name__} values")
    return MappingProxyType(table)


_CHOICES: Final[Mapping[str, Mapping[str, str]]] = MappingProxyType(
    {
        "kind": _choice_table(ProcurementKind, lambda m: (ProcurementKind(m).label,), VALUE_ALIASES["kind"]),
        "budget_source": _choice_table(
            BudgetSource,
            lambda m: (BudgetSource(m).label, BudgetSource(m).full_label),
            VALUE_ALIASES["budget_source"],
        ),
        "category": _choice_table(
            BudgetCategory, lambda m: (BudgetCategory(m).label,), VALUE_ALIASES["category"]
        ),
        "planned_method": _choice_table(
            Method,
            lambda m: (Method(m).label, Method(m).info.thai_short_name),
            VALUE_ALIASES["planned_method"],
        ),
    }
)
_HINTS: Final[Mapping[str, str]] = MappingProxyType(
    {
        "kind": "ใช้ได้: " + ", ".join(member.label for member in ProcurementKind),
        "budget_source": "ใช้ได้: " + ", ".join(member.label for member in BudgetSource),
        "category": "ใช้ได้: " + ", ".join(member.label for member in BudgetCategory),
        "planned_method": "ใช้ได้: " + ", ".join(member.info.thai_short_name for member in Method),
        "expected_month": _MONTH_HINT,
    }
)


# ---------------------------------------------------------------------------------------------
# Months

_INVISIBLE: Final = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"), None)
_NUMERIC_MONTH: Final = re.compile(r"([0-9]{1,2}) ?[/.-] ?([0-9]{4}|[0-9]{2})")
_ISO_MONTH: Final = re.compile(r"([0-9]{4})-([0-9]{1,2})")
_ERA: Final = re.compile(r"(พ|ค)\.? ?ศ\.?(?= ?[0-9])")
_NAMED_MONTH: Final = re.compile(r"(?:เดือน ?)?([^0-9]+?)[ ./-]*([0-9]{4}|[0-9]{2})?")
_ENGLISH_MONTHS: Final[Mapping[str, int]] = MappingProxyType(
    {
        name: number
        for number, full in enumerate(
            (
                "january",
                "february",
                "march",
                "april",
                "may",
                "june",
                "july",
                "august",
                "september",
                "october",
                "november",
                "december",
            ),
            start=1,
        )
        for name in (full, full[:3])
    }
    | {"sept": 9}
)
_EXCEL_SERIALS: Final = range(20_000, 100_000)  # 1954-10-04 … 2173-10-14, a date cell left as a number


def _month(cell: Any, fiscal_year_be: int) -> date | None:
    """The first day of the month a cell means, or None when it cannot be read (parse_plan_item then
    says why). A date cell typed with a B.E. year as if it were C.E. (2568-10-01) is taken as B.E."""
    number = isinstance(cell, int | float) and not isinstance(cell, bool) and math.isfinite(cell)
    if number and int(cell) in _EXCEL_SERIALS:
        from openpyxl.utils.datetime import from_excel  # loaded already: a number comes from a file

        cell = from_excel(cell)
    if isinstance(cell, date):
        year = cell.year - 543 if cell.year >= 2400 else cell.year
        return date(year, cell.month, 1)
    if isinstance(cell, str):
        return _month_text(cell, fiscal_year_be)
    return None


def _month_text(text: str, fiscal_year_be: int) -> date | None:
    cleaned = " ".join(to_arabic_digits(text).translate(_INVISIBLE).split())
    if m := _NUMERIC_MONTH.fullmatch(cleaned):
        return _month_date(_year_ce(m[2], None, english=False), int(m[1]))
    if m := _ISO_MONTH.fullmatch(cleaned):
        return _month_date(int(m[1]), int(m[2]))
    try:
        return parse_thai_date(cleaned).replace(day=1)  # a full date: 1/10/2568, 2025-10-01, 5 ต.ค. 68
    except ThaiValueError:
        pass
    era_match = _ERA.search(cleaned)
    era = era_match[1] if era_match else None
    m = _NAMED_MONTH.fullmatch(_ERA.sub("", cleaned).strip())
    if m is None:
        return None
    name = m[1].strip(" ./-")
    english = _ENGLISH_MONTHS.get(_key(name))
    month = english or _thai_month(name)
    if month is None:
        return None
    if m[2] is None:  # "ตุลาคม": the month of this fiscal year (Oct–Dec fall in the year before)
        end_ce = ce_year(fiscal_year_be)
        return _month_date(end_ce - 1 if month >= 10 else end_ce, month)
    return _month_date(_year_ce(m[2], era, english=english is not None), month)


def _thai_month(name: str) -> int | None:
    try:
        return parse_thai_date(f"1 {name} 2500").month  # the date parser knows the names and short forms
    except ThaiValueError:
        return None


def _year_ce(text: str, era: str | None, *, english: bool) -> int:
    """As parse_thai_date reads years: 2 digits are B.E. 25xx (C.E. 20xx after ค.ศ. or an English
    month name), 4 digits are B.E. from 2400 up."""
    year = int(text)
    if len(text) == 2:
        return 2000 + year if era == "ค" or (english and era != "พ") else ce_year(2500 + year)
    return ce_year(year) if era == "พ" or (era is None and year >= 2400) else year


def _month_date(year_ce: int, month: int) -> date | None:
    return date(year_ce, month, 1) if 1 <= month <= 12 and 1 <= year_ce <= 9999 else None


# ---------------------------------------------------------------------------------------------
# Pasted text

_CELL_END: Final = re.compile(r"[\t\r\n]")
_NEWLINE: Final = re.compile(r"\r\n|\r|\n")


def _split_tsv(text: str) -> Iterator[tuple[int, list[str], str]]:
    """(first line number, cells, original text) per row. A quoted cell may span lines; a quote that
    does not close before a tab or line end is read literally, so a stray " cannot swallow rows."""
    pos, line, end = 0, 1, len(text)
    while pos < end:
        start, first_line = pos, line
        cells: list[str] = []
        while True:
            cell, pos, newlines = _read_cell(text, pos)
            cells.append(cell)
            line += newlines
            if pos < end and text[pos] == "\t":
                pos += 1
                continue
            break
        row_text = text[start:pos]
        if newline := _NEWLINE.match(text, pos):
            pos = newline.end()
            line += 1
        yield first_line, cells, row_text


def _read_cell(text: str, pos: int) -> tuple[str, int, int]:
    if text.startswith('"', pos):
        close = _closing_quote(text, pos + 1)
        if close is not None:
            inner = text[pos + 1 : close]
            return inner.replace('""', '"'), close + 1, len(_NEWLINE.findall(inner))
    found = _CELL_END.search(text, pos)
    stop = found.start() if found else len(text)
    return text[pos:stop], stop, 0


def _closing_quote(text: str, pos: int) -> int | None:
    while (quote := text.find('"', pos)) >= 0:
        if text.startswith('""', quote):
            pos = quote + 2
        elif quote + 1 == len(text) or text[quote + 1] in "\t\r\n":
            return quote
        else:
            return None
    return None


# ---------------------------------------------------------------------------------------------
# Files

_OLE_MAGIC: Final = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls and other old Office files


def _refusal(data: bytes) -> str | None:
    """Why the upload cannot be an .xlsx we read, in Thai, or None."""
    if not data:
        return "ไฟล์ว่างเปล่า ไม่มีข้อมูล"
    if len(data) > MAX_XLSX_BYTES:
        return f"ไฟล์ใหญ่เกิน {MAX_XLSX_BYTES // (1024 * 1024)} MB ให้เหลือเฉพาะแผ่นงานแผนการจัดซื้อจัดจ้าง"
    if data.startswith(_OLE_MAGIC):
        return _OLD_XLS
    if not data.startswith(b"PK\x03\x04"):
        return _NOT_XLSX
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return _NOT_XLSX
    names = {member.filename for member in members}
    if "xl/workbook.xml" not in names:
        return _NOT_XLSX  # a .docx, .ods, or any other zip
    if sum(member.file_size for member in members) > _MAX_UNZIPPED_BYTES:
        return f"ไฟล์มีข้อมูลมากเกินไป ให้เหลือเฉพาะแผ่นงานแผนการจัดซื้อจัดจ้าง ไม่เกิน {MAX_ROWS:,} แถว"
    return None


def _plan_sheet(sheets: Sequence[Any], fiscal_year_be: int) -> Any:
    def named(sheet: Any, *words: str) -> bool:
        title = _key(str(sheet.title))
        return all(word in title for word in words)

    year = str(fiscal_year_be)
    for wanted in (("แผน", year), ("plan", year), ("แผน",), ("plan",)):
        for sheet in sheets:
            if named(sheet, *wanted):
                return sheet
    return sheets[0] if sheets else None


def _sheet_rows(sheet: Any) -> list[_Row]:
    # A sheet's stored dimensions can be wrong (some generators write "A1"); read every row instead.
    sheet.reset_dimensions()
    rows: list[_Row] = []
    values: tuple[Any, ...]
    for number, values in enumerate(sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True), start=1):
        if number > _MAX_SHEET_ROWS:
            raise _TooLarge(f"แผ่นงานมีเกิน {_MAX_SHEET_ROWS:,} แถว ให้ลบแถวว่างท้ายตารางแล้วบันทึกใหม่")
        cells = _trim(values)
        if cells:
            rows.append(_Row(number, cells, _join(cells)))
            if len(rows) > MAX_ROWS + _HEADER_SEARCH_ROWS:
                raise _TooLarge(_TOO_MANY_ROWS)
    return rows
