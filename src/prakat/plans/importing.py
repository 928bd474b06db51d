"""Plan items imported the way budget-group teachers keep them: rows copied from Excel or Google Sheets
and pasted into a textarea (:func:`parse_pasted`), or an uploaded .xlsx file (:func:`parse_xlsx`).

Both give an :class:`ImportResult`: the good rows as ``PlanItemCreate`` in sheet order, one
:class:`RowError` per bad row (its row number as the teacher sees it, the Thai messages, the original
text so the page can put it back into the textarea), and ``problems`` for the input as a whole (an empty
paste, a file that is not .xlsx, a header without a required column). Nothing here raises because of
what the teacher sent. Every row goes through :func:`prakat.plans.service.parse_plan_item`, so an imported
item obeys the same rules as one typed into the form; :func:`import_items` then adds the good rows to a
draft plan in one transaction.

Three steps, three modules: prakat.plans.reading turns the paste or the file into rows (bounded, and
knowing nothing of plans), prakat.plans.columns finds what each column means and turns a row's cells
into form fields, and this module checks each row as the form would and adds the good ones.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import Final

import msgspec

from prakat.audit import Actor
from prakat.db.tx import write_transaction
from prakat.errors import Conflict, InvalidInput
from prakat.plans import service
from prakat.plans.columns import (
    DEFAULT_COLUMNS,
    FIELD_LABELS,
    REQUIRED_COLUMNS,
    default_columns,
    find_header,
    header_at,
    is_total,
    raw_item,
    with_hint,
)
from prakat.plans.reading import (
    MAX_ROWS,
    MAX_XLSX_BYTES,
    TOO_MANY_ROWS,
    Row,
    Unreadable,
    pasted_rows,
    xlsx_rows,
)
from prakat.plans.schemas import PlanItemCreate
from prakat.thai import check_fiscal_year

# What the web layer and the tests take from here.
__all__ = [
    "DEFAULT_COLUMNS",
    "FIELD_LABELS",
    "MAX_ROWS",
    "MAX_XLSX_BYTES",
    "ImportResult",
    "RowError",
    "import_items",
    "parse_pasted",
    "parse_xlsx",
    "read_pasted",
    "read_xlsx",
]

_EMPTY: Final = "ยังไม่มีข้อมูล: คัดลอกแถวของแผนจาก Excel หรือ Google Sheets แล้ววางในช่องนี้"
_NO_COLUMNS: Final = (
    "ข้อมูลที่วางไม่ได้แบ่งเป็นคอลัมน์: ให้เลือกแถวในตาราง Excel หรือ Google Sheets ทั้งแถว แล้วคัดลอก (Ctrl+C) มาวาง"
)


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


async def read_pasted(text: str, fiscal_year_be: int) -> ImportResult:
    """:func:`parse_pasted` in a worker thread: a 2 MB paste never holds up other requests."""
    return await asyncio.to_thread(parse_pasted, text, fiscal_year_be)


async def read_xlsx(data: bytes, fiscal_year_be: int) -> ImportResult:
    """:func:`parse_xlsx` in a worker thread, so that other requests are served while a workbook is read
    (or a hostile one refused)."""
    return await asyncio.to_thread(parse_xlsx, data, fiscal_year_be)


def parse_pasted(text: str, fiscal_year_be: int) -> ImportResult:
    """Rows copied from Excel or Google Sheets (prakat.plans.reading.pasted_rows)."""
    check_fiscal_year(fiscal_year_be)
    try:
        rows = pasted_rows(text)
    except Unreadable as exc:
        return _refused(fiscal_year_be, exc.message)
    return _import_rows(rows, fiscal_year_be)


def parse_xlsx(data: bytes, fiscal_year_be: int) -> ImportResult:
    """The plan sheet of an .xlsx file (prakat.plans.reading.xlsx_rows)."""
    check_fiscal_year(fiscal_year_be)
    try:
        rows = xlsx_rows(data, fiscal_year_be)
    except Unreadable as exc:
        return _refused(fiscal_year_be, exc.message)
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


def _refused(fiscal_year_be: int, message: str, header: str = "") -> ImportResult:
    return ImportResult(fiscal_year_be=fiscal_year_be, problems=(message,), header=header)


def _import_rows(rows: Sequence[Row], fiscal_year_be: int) -> ImportResult:
    if not rows:
        return _refused(fiscal_year_be, _EMPTY)
    found = find_header(rows)
    if found is None:
        data = [row for row in rows if not is_total(row.cells)]
        if not data:
            return _refused(fiscal_year_be, _EMPTY)
        if all(len(row.cells) <= 1 for row in data):
            return _refused(fiscal_year_be, _NO_COLUMNS)
        columns = default_columns(data)
        header = ""
    else:
        at, columns = found
        header = rows[at].text
        missing = [FIELD_LABELS[name] for name in REQUIRED_COLUMNS if name not in columns.values()]
        if missing:
            message = f"แถวหัวตาราง (แถวที่ {rows[at].number}) ไม่มีคอลัมน์ {', '.join(missing)}"
            return _refused(fiscal_year_be, message, header)
        # The same header repeated further down (a sheet printed page by page) is not a row either.
        data = [row for row in rows[at + 1 :] if not is_total(row.cells) and header_at(row) != columns]
        if not data:
            return _refused(fiscal_year_be, "มีแถวหัวตารางแต่ไม่มีรายการใต้แถวนั้น", header)
    if len(data) > MAX_ROWS:
        return _refused(fiscal_year_be, TOO_MANY_ROWS, header)
    items: list[PlanItemCreate] = []
    errors: list[RowError] = []
    for row in data:
        raw, unread = raw_item(row.cells, columns, fiscal_year_be)
        try:
            items.append(service.parse_plan_item(raw, fiscal_year_be))
        except InvalidInput as exc:
            messages = tuple(with_hint(name, message, unread) for name, message in exc.errors.items())
            errors.append(RowError(row.number, messages, row.text))
    return ImportResult(
        fiscal_year_be=fiscal_year_be, items=tuple(items), errors=tuple(errors), header=header
    )
