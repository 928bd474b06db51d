"""Monthly summaries (แบบ สขร.1) over HTTP: each published summary's PDF, XLSX and CSV give the same rows
and totals; the year's public page and its bundles; the workspace's twelve months; nothing
unpublished in a page, a file or the public JSON."""

from __future__ import annotations

import csv
import io
import re
import subprocess
from datetime import UTC, date, datetime
from decimal import Decimal

import httpx
import openpyxl
import pytest
from lxml import html
from pypdf import PdfReader

from prakat import clock, urls
from prakat.announcements import service as announcements
from prakat.announcements.schemas import AnnouncementDraft
from prakat.audit import Actor
from prakat.documents.digits import thai as to_thai_digits
from prakat.procurements import service as procurements
from prakat.rules import AnnouncementKind
from prakat.thai import line_breaks_ok, pdftotext_lines
from tests import factories
from tests.api.helpers import call, caller
from tests.web.helpers import make_user, sign_in

NOW = datetime(2026, 2, 3, 3, 0, tzinfo=UTC)
SLUG = "sumschool"


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def text_of(data: bytes) -> str:
    return squeeze(
        subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, check=True).stdout.decode()
    )


def monthly(month: int) -> AnnouncementDraft:
    return AnnouncementDraft(kind=AnnouncementKind.MONTHLY_SUMMARY, year_be=2569, month=month)


async def purchase(
    actor: Actor, vendors: list[int], subject: str, on: date, price: str, contract: bool
) -> int:
    p = await factories.procurement(actor, requested_on=on, subject=subject, reference_price="12,400")
    for n, vendor in enumerate(vendors):
        p = await procurements.add_bid(
            actor, p.id, procurements.parse_bid({"vendor_id": vendor, "amount": f"{12000 + n * 150}"})
        )
    await procurements.award(
        actor,
        p.id,
        procurements.parse_award(
            {
                "bid_id": p.bids[0].id,
                "agreed_price": price,
                "awarded_on": on,
                "reason": "เสนอราคาต่ำสุด",
                "contract_number": "บส.3/2569" if contract else "",
                "contract_date": on if contract else None,
            }
        ),
    )
    return p.id


async def published(actor: Actor, month: int) -> int:
    drafted = await announcements.prepare(actor, monthly(month))
    await announcements.submit(actor, drafted.id)
    return (await announcements.approve(actor, drafted.id)).id


@pytest.fixture(autouse=True)
def frozen_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "now", lambda: NOW)


async def test_files_pages_and_bundles_of_the_monthly_summaries(client: httpx.AsyncClient) -> None:
    school, actor = await factories.school(SLUG, name="โรงเรียนบ้านสรุป")
    v1, v2 = (await factories.vendor(actor, 1, "ร้านหนึ่ง")).id, (await factories.vendor(actor, 2, "ร้านสอง")).id
    paper = await purchase(actor, [v1, v2], "ซื้อกระดาษ A4", date(2025, 11, 4), "11,990.50", True)
    winner_of_other_kind = (await factories.publish(actor, "winner", procurement_id=paper)).id
    await purchase(actor, [v2], "จ้างซ่อมประตู", date(2025, 11, 18), "3,000", False)
    november, december = await published(actor, 11), await published(actor, 12)
    draft = (await announcements.prepare(actor, monthly(1))).id

    pdf_bytes = (await client.get(f"/s/{SLUG}/pdf/{november}.pdf")).content
    pdf_text = text_of(pdf_bytes)
    raw_lines = subprocess.run(
        ["pdftotext", "-raw", "-", "-"], input=pdf_bytes, capture_output=True, check=True
    )
    names = ("สรุป", "ร้านหนึ่ง", "ร้านสอง")
    joins = line_breaks_ok(pdftotext_lines(raw_lines.stdout.decode()), extra_words=names)
    # Two numbers meeting are cell boundaries (a number is never wrapped), as in the documents' test.
    assert [j for j in joins if not re.search(r": [๐-๙0-9,.]+\|[๐-๙0-9,.]+$", j)] == []
    xlsx = await client.get(f"/s/{SLUG}/files/{november}.xlsx")
    assert xlsx.status_code == 200 and "spreadsheetml" in xlsx.headers["content-type"]
    assert (await client.get(f"/s/{SLUG}/files/{november}.xlsx")).content == xlsx.content  # same bytes
    book = openpyxl.load_workbook(io.BytesIO(xlsx.content))
    sheet = book.worksheets[0]
    assert sheet["K1"].value == "สขร.1" and sheet["A2"].value.endswith("พฤศจิกายน พ.ศ. 2568")
    assert sheet["A3"].value == school.name
    merged = {str(r) for r in sheet.merged_cells.ranges}
    assert {"J5:K5", "G5:H5", "A5:A6"} <= merged
    assert sheet["J5"].value == "เลขที่และวันที่ของสัญญาหรือข้อตกลงในการซื้อหรือจ้าง"
    assert (sheet["J6"].value, sheet["K6"].value) == ("เลขที่", "วันที่")
    assert sheet.print_title_rows == "$5:$6" and sheet.page_setup.orientation == "landscape"
    assert sheet["B7"].font.name == "TH Sarabun New"
    body = [row for row in sheet.iter_rows(min_row=7, values_only=True) if row[0] is not None or row[1]]
    items, total = body[:-2], body[-2]
    assert [r[1] for r in items] == ["ซื้อกระดาษ A4", "จ้างซ่อมประตู"]
    assert [r[7] for r in items] == [11990.5, 3000] and isinstance(items[0][10], datetime)
    # Dates shown in the Buddhist era with Thai month names (Excel's Thai calendar), as the PDF does;
    # the date line carries the summary's number, as the PDF's does.
    assert sheet["K7"].number_format == "[$-107041E]d mmm yyyy"
    november_number = (await announcements.get_announcement(actor.school_id, november)).number
    assert sheet["A4"].value.endswith(f"(เลขที่ {november_number})")
    assert total[1] == "รวม 2 รายการ" and total[7] == 14990.5

    raw = (await client.get(f"/s/{SLUG}/files/{november}.csv")).content
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][9] == "เลขที่สัญญาหรือข้อตกลง"
    assert [(r[1], Decimal(r[7]), r[6]) for r in rows[1:-1]] == [
        (x[1], Decimal(str(x[7])), x[6]) for x in items
    ]
    assert Decimal(rows[-1][7]) == Decimal("14990.50")
    # The PDF says the same rows and totals.
    for subject, price, winner in ((r[1], r[7], r[6]) for r in rows[1:-1]):
        assert squeeze(to_thai_digits(subject)) in pdf_text and squeeze(to_thai_digits(winner)) in pdf_text
        assert to_thai_digits(f"{Decimal(price):,.2f}") in pdf_text
    assert to_thai_digits("14,990.50") in pdf_text and "รวม๒รายการ" in pdf_text

    # An empty month's files say so too.
    empty = list(csv.reader(io.StringIO((await client.get(f"/s/{SLUG}/files/{december}.csv")).text)))
    assert empty[1][0].lstrip("\ufeff") == "ไม่มีการจัดซื้อจัดจ้าง" or empty[1][0] == "ไม่มีการจัดซื้อจัดจ้าง"

    # Nothing unpublished: no file of a draft, no file of another kind, no entry in the public JSON.
    for path in (
        f"/s/{SLUG}/files/{draft}.xlsx",
        f"/s/{SLUG}/files/{draft}.csv",
        f"/s/{SLUG}/pdf/{draft}.pdf",
        f"/s/{SLUG}/announcements/{draft}/",
        f"/s/{SLUG}/files/{winner_of_other_kind}.xlsx",
        f"/s/{SLUG}/files/x.xlsx",
        f"/s/{SLUG}/monthly/2569/q3.pdf",  # nothing published in it
        f"/s/{SLUG}/monthly/2569/q9.pdf",
        f"/s/{SLUG}/monthly/1999/",
    ):
        assert (await client.get(path)).status_code == 404, path
    listed = (await client.get(f"/s/{SLUG}/announcements.json", params={"kind": "monthly_summary"})).json()
    assert sorted(i["id"] for i in listed["entries"]) == sorted([november, december])

    # The public pages: the summary with its files, the year's months, the bundles.
    page = html.fromstring((await client.get(f"/s/{SLUG}/announcements/{november}/")).text)
    assert page.get_element_by_id("xlsx").get("href") == f"/s/{SLUG}/files/{november}.xlsx"
    assert len(page.get_element_by_id("month-items").findall(".//tbody/tr")) == 3
    year = html.fromstring((await client.get(f"/s/{SLUG}/monthly/2569/")).text)
    assert "เผยแพร่แล้ว" in year.get_element_by_id("month-11").text_content()
    assert "ยังไม่เผยแพร่" in year.get_element_by_id("month-1").text_content()
    assert "ยังไม่สิ้นเดือน" in year.get_element_by_id("month-2").text_content()
    bundle = (await client.get(f"/s/{SLUG}/monthly/2569/q1.pdf")).content
    reader = PdfReader(io.BytesIO(bundle))
    bundle_text = text_of(bundle)
    assert len(reader.pages) >= 3 and "ไตรมาสที่๑" in bundle_text
    assert bundle_text.count("สขร.๑") == 2 and "ไม่มีการจัดซื้อจัดจ้าง" in bundle_text
    assert (await client.get(f"/s/{SLUG}/monthly/2569/q1.pdf")).content == bundle
    # Every page is footed with the year's page under the serving app's base URL.
    year_page = urls.MONTHLY.absolute("http://testserver", slug=SLUG, year=2569)
    assert all(year_page in (page.extract_text() or "") for page in reader.pages)
    sheets = openpyxl.load_workbook(
        io.BytesIO((await client.get(f"/s/{SLUG}/monthly/2569/year.xlsx")).content)
    )
    assert [s.title for s in sheets.worksheets] == ["พ.ย. 68", "ธ.ค. 68"]

    # The workspace: the twelve months and their states.
    await make_user(actor, "sum-officer", "officer")
    await sign_in(client, "sum-officer")
    ws = html.fromstring((await client.get("/w/monthly/2569/")).text)
    states = {
        tr.get("id"): tr.get("data-state") for tr in ws.get_element_by_id("months").findall(".//tbody/tr")
    }
    assert states["month-10"] == "to_prepare" and states["month-11"] == "published"
    assert states["month-1"] == "draft" and states["month-2"] == "not_ended"

    # The API, as for announcements: a month is drafted with its month; one not ended is refused.
    script = await caller(actor, "sum-script", "officer")
    made = await call(
        client,
        script,
        "POST",
        "/announcements",
        {"kind": "monthly_summary", "year_be": 2569, "month": 10},
        expect=201,
    )
    assert (made["kind"], made["month"], made["status"]) == ("monthly_summary", 10, "draft")
    assert made["subject"] == "สรุปผลการดำเนินการจัดซื้อจัดจ้างในรอบเดือน ตุลาคม พ.ศ. 2568"
    early = {"kind": "monthly_summary", "year_be": 2569, "month": 2}
    refused = await call(client, script, "POST", "/announcements", early, expect=400)
    assert refused["fields"]["month"].startswith("เดือน: เดือนกุมภาพันธ์ พ.ศ. 2569 ยังไม่สิ้นสุด")
