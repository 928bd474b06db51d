"""Reading a plan import's input into rows: text pasted from Excel or Google Sheets (:func:`pasted_rows`)
or the plan sheet of an uploaded .xlsx file (:func:`xlsx_rows`). Nothing here knows what the columns
mean (prakat.plans.columns) or what makes an item valid (prakat.plans.importing).

Every read is bounded (:data:`MAX_PASTE_CHARS`, :data:`MAX_XLSX_BYTES`, the unzipped size,
:data:`MAX_COLUMNS`, the rows scanned and kept): an input over a bound, or one that cannot be read,
raises :class:`Unreadable` with the Thai message for the page.
"""

from __future__ import annotations

import io
import re
import warnings
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Final

from prakat.thai import be_year, to_arabic_digits

MAX_XLSX_BYTES: Final = 5 * 1024 * 1024
MAX_ROWS: Final = 2000  # data rows per import
MAX_PASTE_CHARS: Final = 2_000_000
MAX_COLUMNS: Final = 30  # columns read from a sheet; a plan table has about ten
# What a real plan workbook unpacks to is a few MB: 2,000 rows of 30 cells, and their text. The bytes
# are counted as they are actually decompressed (a zip's declared sizes can lie), and the shared
# strings are counted too: a 258 KB file of 3.8 million one-letter strings once held a server 30 s.
_MAX_UNZIPPED_BYTES: Final = 32 * 1024 * 1024
_MAX_SHARED_STRINGS: Final = 2 * MAX_ROWS * MAX_COLUMNS
_MAX_CELLS: Final = 4 * MAX_ROWS * MAX_COLUMNS  # in every sheet together
# How a shared string or a cell element opens, with or without a namespace prefix ("<si/>",
# "<x:si>", "<c r=…>"). A prefixed closing tag counts too: that only refuses a strange file sooner.
_SHARED_STRING: Final = (b"<si", b":si")
_CELL: Final = tuple(
    start + b"c" + end for start in (b"<", b":") for end in (b" ", b">", b"/", b"\n", b"\t", b"\r")
)
_TAIL: Final = 8  # longer than any opening counted
_CHUNK: Final = 256 * 1024  # small reads: each holds the interpreter lock briefly
_MAX_SHEET_ROWS: Final = 10 * MAX_ROWS  # rows scanned, blank ones included
HEADER_SEARCH_ROWS: Final = 10  # title rows may sit above the header

TOO_MANY_ROWS: Final = f"มีข้อมูลเกิน {MAX_ROWS:,} แถว ให้แบ่งนำเข้าทีละส่วน"
_NOT_XLSX: Final = "ไฟล์นี้ไม่ใช่ไฟล์ Excel (.xlsx) ให้เปิดใน Excel หรือ Google Sheets แล้วบันทึกเป็น .xlsx"
_OLD_XLS: Final = "ไฟล์นี้เป็น Excel รุ่นเก่า (.xls) ให้เปิดใน Excel แล้วเลือกบันทึกเป็น .xlsx ก่อนนำเข้า"
UNREADABLE: Final = "อ่านไฟล์ Excel นี้ไม่ได้ ไฟล์อาจเสียหาย ลองเปิดแล้วบันทึกเป็น .xlsx ใหม่"


@dataclass(frozen=True)
class Row:
    """A row with something in it: its number as the teacher sees it (the sheet's row, or the line a
    pasted row starts on), its cells, and its text as it was (cells joined by tabs, for the textarea)."""

    number: int
    cells: tuple[Any, ...]  # strings stripped, trailing blanks removed; never empty
    text: str


class Unreadable(Exception):
    """The input as a whole cannot be read: ``message`` says why, in Thai."""

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


def pasted_rows(text: str) -> list[Row]:
    """Rows as Excel or Google Sheets put them on the clipboard: cells split by tabs, a cell holding a
    tab, a newline or a leading quote written as ``"..."`` with ``""`` for a quote; CRLF or LF. Blank
    rows are left out; each row keeps the line it starts on."""
    if len(text) > MAX_PASTE_CHARS:
        raise Unreadable(TOO_MANY_ROWS)
    rows: list[Row] = []
    for line, cells, raw in _split_tsv(text.lstrip("\ufeff")):
        trimmed = trim(cells)
        if trimmed:
            rows.append(Row(line, trimmed, raw.rstrip("\t")))
            if len(rows) > MAX_ROWS + HEADER_SEARCH_ROWS:
                raise Unreadable(TOO_MANY_ROWS)
    return rows


def xlsx_rows(data: bytes, fiscal_year_be: int) -> list[Row]:
    """The rows of the plan sheet of an .xlsx file: the first sheet whose name contains "แผน" (or
    "plan"), preferring one that names the fiscal year, else the first sheet. Formulas give the value
    Excel last calculated; row numbers are the sheet's."""
    refusal = _refusal(data)
    if refusal:
        raise Unreadable(refusal)
    # openpyxl loads only when a file that passed the bounds comes: about 8 MB that every server
    # process would hold, and an import a refused file need not pay.
    from openpyxl import load_workbook

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about extensions it does not read
            book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # a damaged file can fail in zipfile, XML or openpyxl itself
        raise Unreadable(UNREADABLE) from None
    try:
        sheet = _plan_sheet(book.worksheets, fiscal_year_be)
        if sheet is None:
            raise Unreadable("ไม่พบแผ่นงานที่มีตารางในไฟล์นี้")
        return _sheet_rows(sheet)
    except Unreadable:
        raise
    except Exception:
        raise Unreadable(UNREADABLE) from None
    finally:
        book.close()


# ---------------------------------------------------------------------------------------------
# Cells


def match_key(text: str) -> str:
    """Text as compared: Arabic digits, lower case, without spaces and ". _ - * :"."""
    return "".join(to_arabic_digits(text).split()).casefold().translate(_KEY_DROP)


_KEY_DROP: Final = dict.fromkeys(map(ord, "._-*:\u200b\u200c\u200d\u2060\ufeff"), None)


def is_blank(cell: Any) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def trim(cells: Iterable[Any]) -> tuple[Any, ...]:
    values = [cell.strip() if isinstance(cell, str) else cell for cell in cells]
    while values and is_blank(values[-1]):
        values.pop()
    return tuple(values)


def cell_text(cell: Any) -> str:
    """A cell as the teacher sees it, in a form parse_pasted reads back."""
    if cell is None:
        return ""
    if isinstance(cell, str):
        return cell
    if isinstance(cell, bool):
        return str(cell).upper()
    if isinstance(cell, float):
        return str(int(cell)) if cell.is_integer() else str(float_money(cell))
    if isinstance(cell, date):
        return f"{cell.day}/{cell.month}/{cell.year if cell.year >= 2400 else be_year(cell.year)}"
    return str(cell)


def _quote(text: str) -> str:
    if text.startswith('"') or any(char in text for char in "\t\r\n"):
        return '"' + text.replace('"', '""') + '"'
    return text


def _join(cells: Iterable[Any]) -> str:
    return "\t".join(_quote(cell_text(cell)) for cell in cells)


_CENT: Final = Decimal("0.01")
_FLOAT_NOISE: Final = Decimal("0.000001")


def float_money(value: float) -> Decimal:
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
    try:
        return _unpacked_refusal(data)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, RuntimeError):
        return UNREADABLE


_TOO_MUCH: Final = f"ไฟล์มีข้อมูลมากเกินไป ให้เหลือเฉพาะแผ่นงานแผนการจัดซื้อจัดจ้าง ไม่เกิน {MAX_ROWS:,} แถว"


def _unpacked_refusal(data: bytes) -> str | None:
    """Decompress every member once, counting the bytes that actually come out and the shared strings
    and cells in any part (``<si>``, ``<si/>``, ``<x:si …>``; ``<c …>``), and stop at the first bound
    passed, before openpyxl would hold it all in memory."""
    total, strings, cells = 0, 0, 0
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for member in archive.infolist():
            tail = b""
            with archive.open(member) as stream:
                while chunk := stream.read(_CHUNK):
                    total += len(chunk)
                    if total > _MAX_UNZIPPED_BYTES:
                        return _TOO_MUCH
                    # A tag split across two chunks is found in tail + chunk; one wholly inside the
                    # tail was counted with the chunk before. bytes.count runs at memory speed, so
                    # this thread holds the interpreter lock briefly while pages are served.
                    window = tail + chunk
                    strings += _count(window, _SHARED_STRING) - _count(tail, _SHARED_STRING)
                    cells += _count(window, _CELL) - _count(tail, _CELL)
                    tail = window[-_TAIL:]
                    if strings > _MAX_SHARED_STRINGS or cells > _MAX_CELLS:
                        return _TOO_MUCH
    return None


def _count(data: bytes, openings: tuple[bytes, ...]) -> int:
    return sum(data.count(opening) for opening in openings)


def _plan_sheet(sheets: Sequence[Any], fiscal_year_be: int) -> Any:
    def named(sheet: Any, *words: str) -> bool:
        title = match_key(str(sheet.title))
        return all(word in title for word in words)

    year = str(fiscal_year_be)
    for wanted in (("แผน", year), ("plan", year), ("แผน",), ("plan",)):
        for sheet in sheets:
            if named(sheet, *wanted):
                return sheet
    return sheets[0] if sheets else None


def _sheet_rows(sheet: Any) -> list[Row]:
    # A sheet's stored dimensions can be wrong (some generators write "A1"); read every row instead.
    sheet.reset_dimensions()
    rows: list[Row] = []
    values: tuple[Any, ...]
    for number, values in enumerate(sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True), start=1):
        if number > _MAX_SHEET_ROWS:
            raise Unreadable(f"แผ่นงานมีเกิน {_MAX_SHEET_ROWS:,} แถว ให้ลบแถวว่างท้ายตารางแล้วบันทึกใหม่")
        cells = trim(values)
        if cells:
            rows.append(Row(number, cells, _join(cells)))
            if len(rows) > MAX_ROWS + HEADER_SEARCH_ROWS:
                raise Unreadable(TOO_MANY_ROWS)
    return rows
