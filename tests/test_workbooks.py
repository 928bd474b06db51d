"""Every workbook Prakat writes goes through prakat.workbooks.save: two builds of the same content,
an hour apart, give the same bytes (openpyxl would stamp the time of saving in "modified" and in each
zip entry), and the workbook says it was created and modified when its document was published."""

from __future__ import annotations

import io
import time
import zipfile
from collections.abc import Callable
from datetime import UTC, date, datetime

import pytest
from lxml import etree

from prakat.annual.workbook import workbook as annual_workbook
from prakat.exports import opendata
from prakat.results import ResultSet
from prakat.results.sheets import SheetOf, summary_xlsx
from prakat.workbooks import NO_DATE
from tests.annual.rows import SCHOOL, content, row

PUBLISHED = datetime(2026, 11, 16, 10, 30, 15, 123456, tzinfo=UTC)
ROWS = (row(1, date(2025, 11, 5)), row(2, date(2026, 3, 2), kind="hire", agreed="28000"))
MONTH = ResultSet(school=SCHOOL, year_be=2569, month_year=2025, month=11, rows=ROWS[:1])


def monthly() -> bytes:
    sheet = SheetOf(name="พ.ย. 68", title="สรุปผล", results=MONTH, date_line="วันที่ 1", number="1/2569")
    return summary_xlsx([sheet], created=PUBLISHED)


def annual() -> bytes:
    return annual_workbook(content(list(ROWS)), school=SCHOOL.name, created=PUBLISHED)


def open_data() -> bytes:
    return opendata.xlsx(opendata.OPEN_DATA_16, SCHOOL, 2569, ROWS)


BUILDS: dict[str, tuple[Callable[[], bytes], datetime]] = {
    "monthly": (monthly, PUBLISHED),
    "annual": (annual, PUBLISHED),
    "open_data": (open_data, NO_DATE),
}


@pytest.mark.parametrize("name", sorted(BUILDS))
def test_two_builds_an_hour_apart_give_the_same_bytes(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    build, made = BUILDS[name]
    first = build()
    later = time.time() + 3600
    monkeypatch.setattr(time, "time", lambda: later)  # the zip entries' clock
    assert build() == first
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert {i.date_time for i in archive.infolist()} == {(2000, 1, 1, 0, 0, 0)}
        core = etree.fromstring(archive.read("docProps/core.xml"))
    stamps = {core.findtext("{http://purl.org/dc/terms/}" + k) for k in ("created", "modified")}
    assert stamps == {made.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")}
