"""What the columns of a plan import mean: the header row that names them (:data:`HEADER_NAMES`,
matched ignoring case, spaces and ``. _ - * :``; a header cell may also start with a name, as in
"งบประมาณ (บาท)") searched in the first rows, so title rows above it are skipped; without a header,
:data:`DEFAULT_COLUMNS` with an optional leading ลำดับ column of numbers. Cells become the form
fields of ``parse_plan_item`` (:func:`raw_item`): the Thai labels of the choices, their short forms
(:data:`VALUE_ALIASES`) or the machine values; amounts as exact decimals; months as Thai teachers
write them.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date
from decimal import Decimal
from enum import StrEnum
from types import MappingProxyType
from typing import Any, Final

from prakat.plans.reading import HEADER_SEARCH_ROWS, Row, cell_text, float_money, is_blank, match_key
from prakat.plans.schemas import PlanItemCreate
from prakat.rules import BudgetCategory, BudgetSource, Method, ProcurementKind
from prakat.thai import ce_year, parse_thai_date, to_arabic_digits
from prakat.thai.errors import ThaiValueError
from prakat.validation import fields_of

SEQ: Final = "seq"  # the ลำดับ column: recognised, then ignored (positions follow the plan)

# The Thai labels the form and parse_plan_item use, for messages about a whole column.
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

_MONTH_HINT: Final = "เขียนเดือนเช่น ต.ค. 68, ตุลาคม 2568 หรือ 10/2568"


# ---------------------------------------------------------------------------------------------
# A row as form fields


def raw_item(
    cells: Sequence[Any], columns: Mapping[int, str], fiscal_year_be: int
) -> tuple[dict[str, Any], set[str]]:
    """The row as parse_plan_item's form fields, and the fields whose cell could not be read here (their
    message from parse_plan_item gets a hint of what is accepted)."""
    raw: dict[str, Any] = {}
    unread: set[str] = set()
    for index, name in columns.items():
        if name == SEQ or index >= len(cells) or is_blank(cells[index]):
            continue
        value = cells[index]
        if name in _CHOICES:
            machine = _CHOICES[name].get(match_key(cell_text(value)))
            if machine is None:
                unread.add(name)
            raw[name] = machine or cell_text(value)
        elif name == "budget":
            raw[name] = _money(value)
        elif name == "expected_month":
            month = _month(value, fiscal_year_be)
            if month is None:
                unread.add(name)
            raw[name] = month or cell_text(value)
        else:
            raw[name] = cell_text(value)
    return raw, unread


def with_hint(name: str, message: str, unread: set[str]) -> str:
    return f"{message} ({_HINTS[name]})" if name in unread else message


# ---------------------------------------------------------------------------------------------
# Columns


def _header_tables() -> tuple[dict[str, str], tuple[tuple[str, str], ...]]:
    exact: dict[str, str] = {}
    for column, names in HEADER_NAMES.items():
        for name in names:
            if exact.setdefault(match_key(name), column) != column:
                raise RuntimeError(f"header name {name!r} names two columns")
    prefixes = sorted(((k, c) for k, c in exact.items() if len(k) >= 4), key=lambda kc: -len(kc[0]))
    return exact, tuple(prefixes)


_HEADER_EXACT, _HEADER_PREFIXES = _header_tables()
_NUMBER_TEXT: Final = re.compile(r"[0-9][0-9,. ]*")


def _header_column(cell: Any) -> str | None:
    if not isinstance(cell, str):
        return None
    key = match_key(cell)
    if key in _HEADER_EXACT:
        return _HEADER_EXACT[key]
    return next((column for prefix, column in _HEADER_PREFIXES if key.startswith(prefix)), None)


def header_at(row: Row) -> dict[int, str] | None:
    """The columns named by ``row`` if it reads as a header: at least two known names, making up at
    least half of its cells, and no numbers (a data row has an amount)."""
    columns: dict[int, str] = {}
    filled = 0
    for index, cell in enumerate(row.cells):
        if is_blank(cell):
            continue
        filled += 1
        if not isinstance(cell, str) or _NUMBER_TEXT.fullmatch(to_arabic_digits(cell)):
            return None
        column = _header_column(cell)
        if column is not None and column not in columns.values():
            columns[index] = column  # the first column of a name wins; a repeat is ignored
    return columns if len(columns) >= 2 and 2 * len(columns) >= filled else None


def find_header(rows: Sequence[Row]) -> tuple[int, dict[int, str]] | None:
    for at, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        columns = header_at(row)
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


def default_columns(rows: Sequence[Row]) -> dict[int, str]:
    """DEFAULT_COLUMNS, shifted by one when most rows start with a ลำดับ number."""
    with_seq = 2 * sum(_is_seq(row.cells[0]) for row in rows) >= len(rows)
    offset = 1 if with_seq else 0
    columns = {index + offset: name for index, name in enumerate(DEFAULT_COLUMNS)}
    return {0: SEQ, **columns} if with_seq else columns


_TOTALS: Final = frozenset(
    match_key(name)
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


def is_total(cells: Sequence[Any]) -> bool:
    """A total row: its first filled cell is "รวม"/"รวมทั้งสิ้น"/"Total"…, or starts with "รวม" in a
    row of at most three cells (a real item has more)."""
    filled = [cell for cell in cells if not is_blank(cell)]
    if not filled or not isinstance(filled[0], str):
        return False
    key = match_key(filled[0])
    return key in _TOTALS or (key.startswith(("รวม", "total")) and len(filled) <= 3)


# ---------------------------------------------------------------------------------------------
# Values


def _money(cell: Any) -> Any:
    if isinstance(cell, float):
        amount = float_money(cell)
        return amount if amount.is_finite() else str(cell)
    if isinstance(cell, int) and not isinstance(cell, bool):
        return Decimal(cell)
    if isinstance(cell, Decimal):
        return cell
    return cell_text(cell)  # parse_baht reads "12,500.25", "๑๒,๕๐๐", "12,500.-"


def _choice_table(
    enum: type[StrEnum], names: Callable[[Any], Iterable[str]], aliases: Mapping[str, StrEnum]
) -> Mapping[str, str]:
    table: dict[str, str] = {}
    pairs = [(name, member) for member in enum for name in (member.value, *names(member))]
    for name, member in [*pairs, *aliases.items()]:
        if table.setdefault(match_key(name), member.value) != member.value:
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
    english = _ENGLISH_MONTHS.get(match_key(name))
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
