"""A fiscal year's open data, from the published records only.

What counts as published for a row: its purchase has a result (an award, placed in a month of the year
by the one month rule of prakat.results.months) and a published announcement names its winner (a winner
announcement or its change, or the quarterly winners announcement that lists it). A purchase whose
winner is recorded but not yet announced, or whose only announcement is a draft, is not in the files.
Once a winner announcement is published its record is frozen, so the row is what was announced.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Final

from prakat.errors import NotFound
from prakat.exports import opendata
from prakat.procurements.results import results_of_year
from prakat.results import ResultRow, ResultSet, SchoolInfo
from prakat.schools.service import fiscal_years, get_school_by_slug

MEDIA_TYPES: Final = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv",
}
Writer = Callable[[opendata.Layout, SchoolInfo, int, Sequence[ResultRow]], bytes]
WRITERS: Final[dict[str, Writer]] = {"xlsx": opendata.xlsx, "csv": opendata.csv_bytes}
LAYOUTS: Final = {opendata.OPEN_DATA_16.key: opendata.OPEN_DATA_16, opendata.ITA_O10.key: opendata.ITA_O10}


class OpenDataFile:
    def __init__(self, filename: str, media_type: str, data: bytes) -> None:
        self.filename = filename
        self.media_type = media_type
        self.data = data


async def published_rows(school_id: int, year_be: int) -> ResultSet:
    """The year's rows whose winner a published announcement names (see the module's rule)."""
    found = await results_of_year(school_id, year_be)
    return ResultSet(
        school=found.school, year_be=year_be, rows=tuple(r for r in found.rows if r.winner_announced)
    )


def render(found: ResultSet, file: str) -> OpenDataFile:
    """``file`` is one of prakat.urls.OPEN_DATA_FILES: results.xlsx, results.csv, ita-o10.xlsx…"""
    stem, _, extension = file.rpartition(".")
    layout, writer = LAYOUTS.get(stem), WRITERS.get(extension)
    if layout is None or writer is None:
        raise NotFound(f"ไฟล์ {file[:40]}")
    data = writer(layout, found.school, found.year_be, found.rows)
    name = f"{found.school.slug}-{stem}-{found.year_be}.{extension}"
    return OpenDataFile(name, MEDIA_TYPES[extension], data)


async def public_file(slug: str, year_be: int, file: str) -> OpenDataFile:
    school = await get_school_by_slug(slug)
    if year_be not in {fy.year_be for fy in await fiscal_years(school.id)}:
        raise NotFound(f"ข้อมูลปีงบประมาณ พ.ศ. {year_be}")
    if file.rpartition(".")[0] not in LAYOUTS or file.rpartition(".")[2] not in WRITERS:
        raise NotFound(f"ไฟล์ {file[:40]}")
    return render(await published_rows(school.id, year_be), file)
