"""Hostile workbooks: refused early, counting what is actually decompressed, and never holding up the
server while they are read (the probe's 258 KB file of 3.8 million one-letter shared strings)."""

from __future__ import annotations

import asyncio
import io
import threading
import zipfile

import httpx
import pytest
from lxml import html
from openpyxl import Workbook

from prakat.plans import importing, reading
from tests.web.helpers import csrf_of
from tests.web.test_plan_pages import start

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def workbook(replace: dict[str, bytes]) -> bytes:
    """A real one-sheet workbook whose members ``replace`` names are swapped for the given bytes."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["ชื่อโครงการ", "งบประมาณ"])
    sheet.append(["ซื้อกระดาษ", 100])
    plain = io.BytesIO()
    book.save(plain)
    out = io.BytesIO()
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            target.writestr(member.filename, replace.pop(member.filename, source.read(member)))
        for name, data in replace.items():
            target.writestr(name, data)
    return out.getvalue()


def shared_strings(count: int) -> bytes:
    head = f'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{count}">'
    return head.encode() + b"<si><t>a</t></si>" * count + b"</sst>"


def test_too_many_shared_strings_are_refused_before_the_workbook_is_opened() -> None:
    data = workbook({"xl/sharedStrings.xml": shared_strings(reading._MAX_SHARED_STRINGS + 1)})
    assert len(data) < reading.MAX_XLSX_BYTES
    result = importing.parse_xlsx(data, 2569)
    assert result.problems == (reading._TOO_MUCH,)
    assert not result.items


def test_as_many_shared_strings_as_a_plan_can_hold_are_read() -> None:
    data = workbook({"xl/sharedStrings.xml": shared_strings(reading._MAX_SHARED_STRINGS)})
    assert reading._TOO_MUCH not in importing.parse_xlsx(data, 2569).problems


def test_the_bytes_that_come_out_are_counted() -> None:
    """A member that unpacks past the bound is refused on what it really unpacks to."""
    padding = b" " * (reading._MAX_UNZIPPED_BYTES + 1)
    data = workbook({"xl/worksheets/padding.xml": padding})
    assert len(data) < 100_000  # spaces compress a thousandfold
    assert importing.parse_xlsx(data, 2569).problems == (reading._TOO_MUCH,)


def test_a_zip_that_lies_about_its_sizes_is_refused() -> None:
    data = bytearray(workbook({"xl/sharedStrings.xml": shared_strings(1000)}))
    # Declare every member 1 byte long in the central directory: the reader must not believe it.
    for offset in [i for i in range(len(data)) if data[i : i + 4] == b"PK\x01\x02"]:
        data[offset + 24 : offset + 28] = (1).to_bytes(4, "little")  # uncompressed size
    result = importing.parse_xlsx(bytes(data), 2569)
    assert result.problems in {(reading.UNREADABLE,), (reading._TOO_MUCH,)}


async def test_a_public_page_is_served_while_a_hostile_upload_is_read(
    client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ordering, not a clock: the upload's reading waits, in its worker thread, until the public page
    has been answered. Were the workbook read on the event loop, the page could not be answered until
    the reading ended, and it would finish second."""
    _, base = await start(client)
    page = await client.get("/w/plans/2569/")
    hostile = workbook({"xl/sharedStrings.xml": shared_strings(reading._MAX_SHARED_STRINGS + 1)})
    page_answered = threading.Event()
    real = importing.parse_xlsx
    finished: list[str] = []

    def slow_parse(data: bytes, fiscal_year_be: int) -> importing.ImportResult:
        page_answered.wait(timeout=60)  # a safety net, not an assertion: the order below decides
        return real(data, fiscal_year_be)

    monkeypatch.setattr(importing, "parse_xlsx", slow_parse)

    async def upload() -> httpx.Response:
        response = await client.post(
            base + "/import",
            data={"_csrf_token": csrf_of(page)},
            files={"file": ("แผน.xlsx", hostile, XLSX)},
        )
        finished.append("upload")
        return response

    async def public_page() -> httpx.Response:
        await asyncio.sleep(0)  # let the upload start first
        response = await client.get("/s/test/")
        finished.append("page")
        page_answered.set()
        return response

    refused, public = await asyncio.gather(upload(), public_page())
    assert finished == ["page", "upload"]
    assert public.status_code == 200
    assert refused.status_code == 400
    problem = html.fromstring(refused.text).get_element_by_id("import-preview").text_content()
    assert "มากเกินไป" in problem


@pytest.mark.parametrize("element", [b"<si/>", b'<x:si xmlns:x="urn:x"/>', b"<si>"])
def test_every_spelling_of_a_shared_string_is_counted(element: bytes) -> None:
    """Self-closing, namespaced, or in a part under another name: openpyxl reads them all."""
    many = element * (reading._MAX_SHARED_STRINGS + 1)
    data = workbook({"xl/strings2.xml": b"<sst>" + many + b"</sst>"})
    assert importing.parse_xlsx(data, 2569).problems == (reading._TOO_MUCH,)


def test_too_many_cells_are_refused() -> None:
    row = b'<c r="A1"/>' * (reading._MAX_CELLS + 1)
    data = workbook(
        {"xl/worksheets/sheet1.xml": b"<worksheet><sheetData><row>" + row + b"</row></sheetData></worksheet>"}
    )
    assert importing.parse_xlsx(data, 2569).problems == (reading._TOO_MUCH,)
