"""The annual report as printed: the winners' names in the table of the largest purchases break only
between their words, and no page ends with a heading whose part starts on the next. Rendered in
this process from hand-made rows (tests/annual/rows.py) with the demo's vendors."""

from __future__ import annotations

import subprocess
from datetime import UTC, date, datetime
from functools import cache

import msgspec
import pytest

from prakat.annual import document as annual_document
from prakat.documents.model import OfficialDocument, Signer
from prakat.documents.render import Renderer
from prakat.thai import line_breaks_ok, pdftotext_lines
from tests.annual.rows import SCHOOL, content, row
from tests.documents.monthly import VENDORS
from tests.factories import EMBLEM

pytestmark = pytest.mark.usefixtures("patched")

PUBLISHED = datetime(2026, 11, 16, 3, 0, tzinfo=UTC)
DIRECTOR = Signer(name="นายวีระพงษ์ ศรีสุวรรณ", position=f"ผู้อำนวยการ{SCHOOL.name}")


BUDGET, REFERENCE = "3000000.00", "2500000.00"


def report() -> OfficialDocument:
    rows = [
        msgspec.structs.replace(
            row(n, date(2025, 10 + n % 3, 3 + n), budget=BUDGET, reference=REFERENCE, agreed=f"{n * 100000}"),
            winner_name=VENDORS[n % len(VENDORS)],
        )
        for n in range(1, 21)
    ]
    school = {"name": SCHOOL.name, "area_office": SCHOOL.area_office}
    return annual_document.document(
        snapshot={"annual": content(rows), "school": school},
        subject="รายงานผลการจัดซื้อจัดจ้างประจำปีงบประมาณ พ.ศ. 2569",
        number="9/2570",
        day=PUBLISHED.date(),
        signer=DIRECTOR,
        agency=SCHOOL.name,
        created=PUBLISHED,
        filename="annual.pdf",
    )


@cache
def rendered() -> bytes:
    return Renderer().render(report(), emblem=EMBLEM)


def test_winners_names_break_only_between_their_words() -> None:
    raw = subprocess.run(["pdftotext", "-raw", "-", "-"], input=rendered(), capture_output=True, check=True)
    bad = line_breaks_ok(pdftotext_lines(raw.stdout.decode()), extra_words=VENDORS)
    assert [j for j in bad if any(j.split(": ", 1)[1].replace("|", "") in name for name in VENDORS)] == []
