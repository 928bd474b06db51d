"""The annual report through the real workflow on a real database: the school writes its parts
(audited), the officer drafts, the director approves; the PDF and the XLSX read back; the public page
shows the charts; a year that has not ended, another school and an unpublished report are refused."""

from __future__ import annotations

import io
import subprocess
from datetime import UTC, date, datetime
from decimal import Decimal

import httpx
import openpyxl
import pytest
from lxml import html
from piccolo.engine.base import Engine
from pypdf import PdfReader

from prakat import clock
from prakat.announcements import service as announcements
from prakat.announcements.schemas import AnnouncementDraft
from prakat.annual import texts
from prakat.annual.service import stats_of
from prakat.db import tables as t
from prakat.errors import InvalidInput, NotFound
from prakat.rules import AnnouncementKind
from tests import factories

NOW = datetime(2026, 11, 16, 3, 0, tzinfo=UTC)  # FY2569 has ended; FY2570 runs
SVG = "{http://www.w3.org/2000/svg}"


def text_of(data: bytes) -> str:
    return subprocess.run(
        ["pdftotext", "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode()


async def test_an_annual_report_from_records_to_pdf_xlsx_and_page(
    client: httpx.AsyncClient,
    db: Engine,  # type: ignore[type-arg]
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(clock, "now", lambda: NOW)
    school, actor = await factories.school("annual")
    v1, v2 = await factories.vendor(actor, 1), await factories.vendor(actor, 2)
    one = await factories.awarded(actor, v1.id, bid="12,000", price="11,990.50", on=date(2025, 11, 5))
    await factories.awarded(
        actor,
        v2.id,
        bid="30,000",
        price="28,000",
        on=date(2026, 3, 2),
        subject="ซ่อมหลังคาอาคาร",
        kind="hire",
        budget="30,000",
    )
    # Announced the day after the award: on time by the dated rule (three days).
    await factories.publish(actor, "winner", procurement_id=one.id, at=datetime(2025, 11, 6, 3, tzinfo=UTC))

    # The four parts, audited; last year's text is what the page offers next year.
    written = texts.parse_texts({p.value: f"ข้อความของส่วน {p.value}" for p in texts.Part})
    await texts.save_texts(actor, 2569, written)
    assert await t.AuditEvent.count().where(t.AuditEvent.entity == "annual_report_text") == 4
    await texts.save_texts(actor, 2569, {**written, texts.Part.RISK: "ความเสี่ยงที่แก้แล้ว"})
    assert await t.AuditEvent.count().where(t.AuditEvent.entity == "annual_report_text") == 5
    with pytest.raises(InvalidInput) as too_long:
        texts.parse_texts({"risk": "ก" * (texts.TEXT_LIMIT + 1)})
    assert too_long.value.errors["risk"].startswith("การวิเคราะห์ความเสี่ยงในการจัดซื้อจัดจ้าง: ยาวเกิน")

    # A year that has not ended is refused in Thai.
    with pytest.raises(InvalidInput) as running:
        await announcements.prepare(
            actor, AnnouncementDraft(kind=AnnouncementKind.ANNUAL_REPORT, year_be=2570)
        )
    assert running.value.errors["year_be"].startswith("ปีงบประมาณ: ปีงบประมาณ พ.ศ. 2570 ยังไม่สิ้นสุด")

    draft = await announcements.prepare(
        actor, AnnouncementDraft(kind=AnnouncementKind.ANNUAL_REPORT, year_be=2569)
    )
    assert draft.subject == "รายงานผลการจัดซื้อจัดจ้างประจำปีงบประมาณ พ.ศ. 2569"
    # Nothing unpublished is public: the year's page and workbook do not exist yet.
    assert (await client.get("/s/annual/annual-report/2569/report.xlsx")).status_code == 404
    await announcements.submit(actor, draft.id)
    # Another school's director cannot reach it.
    _, other = await factories.school("other")
    with pytest.raises(NotFound):
        await announcements.approve(other, draft.id)
    published = await announcements.approve(actor, draft.id)
    assert published.snapshot is not None and published.pdf_sha256 is not None
    stats = stats_of(published.snapshot["annual"])
    assert (stats.totals.count, stats.totals.agreed_price) == (2, Decimal("39990.50"))
    assert stats.on_time.on_time == 1 and stats.on_time.not_announced == 1

    pdf = (await client.get(f"/s/annual/pdf/{published.id}.pdf")).content
    reader = PdfReader(io.BytesIO(pdf))
    assert reader.metadata is not None and reader.metadata.title == published.subject
    text = text_of(pdf)
    for expected in (
        "บันทึกข้อความ",
        "รายงานผลการจัดซื้อจัดจ้าง",
        "ประจำปีงบประมาณ พ.ศ. ๒๕๖๙",
        school.name,
        "๓๙,๙๙๐.๕๐",  # the year's agreed total
        "๑๑,๙๙๐.๕๐",  # a purchase among the largest
        "ความเสี่ยงที่แก้แล้ว",
        "อนุญาตให้เผยแพร่บนเว็บไซต์ของโรงเรียน",
        "นางสาวทดสอบ ใจดี",  # the director who signs the memo
    ):
        assert expected in text, expected

    response = await client.get("/s/annual/annual-report/2569/report.xlsx")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    wb = openpyxl.load_workbook(io.BytesIO(response.content))
    summary = {r[0]: r[1] for r in wb["สรุป"].iter_rows(min_row=2, values_only=True)}
    assert summary["จำนวนรายการ"] == 2
    assert Decimal(str(summary["ราคาที่ตกลงซื้อหรือจ้างรวม (บาท)"])) == Decimal("39990.50")
    assert Decimal(str(summary["วงเงินงบประมาณรวม (บาท)"])) == stats.totals.budget

    year_page = await client.get("/s/annual/annual-report/2569/", follow_redirects=False)
    assert year_page.status_code == 302
    page = await client.get(year_page.headers["location"])
    doc = html.fromstring(page.text)
    section = doc.get_element_by_id("annual")
    charts = section.findall(f".//{SVG}svg") or section.xpath(".//*[local-name()='svg']")
    assert len(charts) == 3
    assert doc.get_element_by_id("annual-xlsx").get("href") == "/s/annual/annual-report/2569/report.xlsx"
    # Another school's year, or a year without a published report: a Thai "not found".
    for missing in ("/s/other/annual-report/2569/report.xlsx", "/s/annual/annual-report/2568/"):
        refused = await client.get(missing)
        assert refused.status_code == 404 and "ไม่พบ" in refused.text

    # A second report of the same year replaces the first at the year's address and cites it, in its
    # PDF (the memo, and "ฉบับปรับปรุง" on the cover) and on its page, as a monthly summary's revision.
    again = await announcements.prepare(
        actor, AnnouncementDraft(kind=AnnouncementKind.ANNUAL_REPORT, year_be=2569)
    )
    assert again.supersedes_id == published.id
    await announcements.submit(actor, again.id)
    second = await announcements.approve(actor, again.id)
    assert second.snapshot is not None and second.snapshot["supersedes"]["number"] == published.number
    text = " ".join(text_of((await client.get(f"/s/annual/pdf/{second.id}.pdf")).content).split())
    number = published.number.translate(str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙"))
    assert (
        "รายงานฉบับนี้แทนรายงานผลการจัดซื้อจัดจ้างประจำปีงบประมาณ พ.ศ. ๒๕๖๙ "
        f"เลขที่ {number} ลงวันที่ ๑๖ พฤศจิกายน พ.ศ. ๒๕๖๙ ที่เผยแพร่ไว้ก่อนหน้า"
    ) in text
    assert "ฉบับปรับปรุง" in text
    moved = await client.get("/s/annual/annual-report/2569/", follow_redirects=False)
    assert moved.headers["location"] != year_page.headers["location"]
    cites = html.fromstring((await client.get(moved.headers["location"])).text).get_element_by_id("corrects")
    link = cites.find(".//a")
    assert link is not None and link.get("href") == year_page.headers["location"]
    # One it names must be the newest of the year (the first is replaced now).
    with pytest.raises(InvalidInput) as stale:
        await announcements.prepare(
            actor,
            AnnouncementDraft(kind=AnnouncementKind.ANNUAL_REPORT, year_be=2569, supersedes_id=published.id),
        )
    assert "ของปีงบประมาณเดียวกันที่เผยแพร่ล่าสุด" in stale.value.errors["supersedes_id"]
