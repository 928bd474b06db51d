"""The director reviews, and the public reads, what the PDF shows: a monthly summary's pages show the
form (แบบ สขร.1: the code, the title, the school, the date line, the nine columns, the notes, the
signer), an annual report's pages the memo that comes with it and the report, never the frame of an
announcement ("ประกาศโรงเรียน… ที่ … ประกาศ ณ วันที่"). Pages read with lxml, PDFs with pdftotext;
web pages in Arabic digits, the PDF in Thai digits."""

from __future__ import annotations

import re
import subprocess
from datetime import UTC, date, datetime
from typing import Any

import httpx
import pytest
from lxml import html

from prakat import clock, urls
from prakat.announcements import monthly_form, onscreen
from prakat.announcements import service as announcements
from prakat.announcements.schemas import AnnouncementDraft
from prakat.annual import texts
from prakat.documents.digits import thai
from prakat.rules import AnnouncementKind
from prakat.schools.service import get_school
from tests import factories
from tests.web.helpers import make_user, post_form, sign_in

DIRECTOR = ("นายใหญ่ ใจดี", "ผู้อำนวยการโรงเรียนทดสอบ")
THAI_DIGITS = re.compile("[๐-๙]")


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def pdf_text(data: bytes) -> str:
    out = subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, check=True).stdout
    return squeeze(out.decode())


def words(element: Any) -> str:
    """The element's text, its lines (<br>) and pieces one space apart."""
    return " ".join(" ".join(element.itertext()).split())


def by_id(doc: Any, element_id: str) -> str:
    return words(doc.get_element_by_id(element_id))


def no_announcement_frame(main: Any) -> None:
    """Nothing of an announcement's frame: no "ประกาศโรงเรียน…" head, no "ที่ …", no "ประกาศ ณ วันที่"."""
    assert main.find_class("doc-head") == [] or all(
        words(h) == "บันทึกข้อความ" for h in main.find_class("doc-head")
    )
    assert main.find_class("doc-date") == [] and main.find_class("doc-number") == []
    assert "ประกาศ ณ วันที่" not in words(main)


def form_of(doc: Any) -> dict[str, Any]:
    """The monthly summary's form as the page shows it."""
    table = doc.get_element_by_id("month-items")
    head = [[words(th) for th in tr.findall("th")] for tr in table.find("thead").findall("tr")]
    rows = [[words(td) for td in tr.findall("td")] for tr in table.find("tbody").findall("tr")]
    card = doc.get_element_by_id("document")
    return {
        "code": by_id(doc, "doc-code"),
        "title": by_id(doc, "doc-title"),
        "agency": by_id(doc, "doc-agency"),
        "date": by_id(doc, "doc-date"),
        "head": head,
        "rows": rows,
        "notes": [words(p) for p in card.find_class("doc-note")],
        "sign": by_id(doc, "doc-sign"),
        "text": words(card),
    }


async def test_a_monthly_summarys_pages_show_its_form(
    client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(clock, "now", lambda: datetime(2026, 2, 3, 3, 0, tzinfo=UTC))
    school, actor = await factories.school("formschool", director_name=DIRECTOR[0])
    await make_user(actor, "boss", "director", *DIRECTOR)
    vendor = await factories.vendor(actor, 1, name="ร้านหนึ่ง")
    await factories.awarded(actor, vendor.id, on=date(2025, 11, 5), subject="กระดาษ A4", reason="ราคาต่ำสุด")
    drafted = await announcements.prepare(
        actor, AnnouncementDraft(kind=AnnouncementKind.MONTHLY_SUMMARY, year_be=2569, month=11)
    )
    await announcements.submit(actor, drafted.id)
    await sign_in(client, "boss")

    # The director's preview is the form the PDF preview shows, before the date and number it gets.
    here = urls.WS_ANNOUNCEMENT.url(announcement_id=drafted.id)
    preview = html.fromstring((await client.get(here)).text)
    form = form_of(preview)
    assert (form["code"], form["title"], form["agency"]) == (onscreen.FORM_CODE, drafted.subject, school.name)
    assert form["date"] == f"วันที่ {onscreen.ON_APPROVAL}"
    assert form["head"][0] == [*[c.title for c in monthly_form.COLUMNS if not c.group], monthly_form.GROUP_9]
    assert form["head"][1] == ["เลขที่", "วันที่"]
    assert [r[1] for r in form["rows"]] == ["ซื้อกระดาษ A4", "รวม 1 รายการ"]
    assert form["rows"][0][6] == "ร้านหนึ่ง 1 11,990.50 บาท"  # the winner and the agreed price, one cell
    assert form["sign"] == f"({DIRECTOR[0]}) {DIRECTOR[1]}"
    no_announcement_frame(preview.find(".//main"))
    assert THAI_DIGITS.findall(form["text"]) == []
    draft_pdf = pdf_text((await client.get(f"{here}/document.pdf")).content)
    for shown in (form["title"], form["agency"], *form["notes"], DIRECTOR[0], "กระดาษA4", "11,990.50"):
        assert squeeze(thai(shown)) in draft_pdf, shown
    assert "สขร.๑" in draft_pdf

    # Approved: dated and numbered, the same form on the workspace page and on the public page.
    approved = await post_form(client, here, urls.WS_ANNOUNCEMENT_APPROVE.url(announcement_id=drafted.id), {})
    assert approved.status_code == 303
    published = await announcements.get_announcement(school.id, drafted.id)
    dated = f"วันที่ 3 เดือน กุมภาพันธ์ พ.ศ. 2569 (เลขที่ {published.number})"
    public_page = html.fromstring((await client.get(urls.announcement(school.slug, drafted.id))).text)
    workspace_page = html.fromstring((await client.get(here)).text)
    public_pdf = pdf_text((await client.get(urls.announcement_pdf(school.slug, drafted.id))).content)
    for doc in (public_page, workspace_page):
        shown = form_of(doc)
        assert {k: v for k, v in shown.items() if k not in ("date", "text")} == {
            k: v for k, v in form.items() if k not in ("date", "text")
        }
        assert shown["date"] == dated
        assert squeeze(thai(dated)) in public_pdf
        no_announcement_frame(doc.find(".//main"))
        assert THAI_DIGITS.findall(shown["text"]) == []
    # The public page keeps the month's files beside the form.
    assert public_page.get_element_by_id("xlsx").get("href") == urls.summary_file(
        school.slug, drafted.id, "xlsx"
    )


async def test_an_annual_reports_pages_show_its_memo_and_the_report(
    client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(clock, "now", lambda: datetime(2026, 11, 16, 3, 0, tzinfo=UTC))
    school, actor = await factories.school("memoschool", director_name=DIRECTOR[0])
    await make_user(actor, "boss", "director", *DIRECTOR)
    vendor = await factories.vendor(actor, 1)
    await factories.awarded(actor, vendor.id, on=date(2025, 11, 5))
    await texts.save_texts(actor, 2569, texts.parse_texts({p.value: f"ข้อความ {p.value}" for p in texts.Part}))
    drafted = await announcements.prepare(
        actor, AnnouncementDraft(kind=AnnouncementKind.ANNUAL_REPORT, year_be=2569)
    )
    await announcements.submit(actor, drafted.id)
    await sign_in(client, "boss")

    here = urls.WS_ANNOUNCEMENT.url(announcement_id=drafted.id)
    preview = html.fromstring((await client.get(here)).text)
    memo = preview.get_element_by_id("memo")
    assert by_id(preview, "memo-title") == "บันทึกข้อความ"
    subject = "รายงานผลการจัดซื้อจัดจ้างประจำปีงบประมาณ พ.ศ. 2569 และขออนุญาตเผยแพร่บนเว็บไซต์ของโรงเรียน"
    lines = [words(p) for p in memo.find_class("memo-line")]
    assert f"เรื่อง {subject}" in lines and f"เรียน ผู้อำนวยการ{school.name}" in lines
    assert f"ที่ - วันที่ {onscreen.ON_APPROVAL}" in lines
    assert by_id(preview, "memo-sign") == f"({DIRECTOR[0]}) {DIRECTOR[1]} {onscreen.ON_APPROVAL}"
    # Then the report itself: its figures and charts.
    report = preview.get_element_by_id("annual")
    assert len(report.xpath(".//*[local-name()='svg']")) == 3
    no_announcement_frame(preview.find(".//main"))
    draft_pdf = pdf_text((await client.get(f"{here}/document.pdf")).content)
    for shown in (subject, *(words(p) for p in memo.find_class("doc-body")), DIRECTOR[0]):
        assert squeeze(thai(shown)) in draft_pdf, shown

    approved = await post_form(client, here, urls.WS_ANNOUNCEMENT_APPROVE.url(announcement_id=drafted.id), {})
    assert approved.status_code == 303
    published = await announcements.get_announcement(school.id, drafted.id)
    public_page = html.fromstring((await client.get(urls.announcement(school.slug, drafted.id))).text)
    public_pdf = pdf_text((await client.get(urls.announcement_pdf(school.slug, drafted.id))).content)
    for doc in (public_page, html.fromstring((await client.get(here)).text)):
        lines = [words(p) for p in doc.get_element_by_id("memo").find_class("memo-line")]
        assert f"ที่ {published.number} วันที่ 16 พฤศจิกายน พ.ศ. 2569" in lines
        assert by_id(doc, "memo-sign") == f"({DIRECTOR[0]}) {DIRECTOR[1]} 16 พฤศจิกายน พ.ศ. 2569"
        no_announcement_frame(doc.find(".//main"))
        assert THAI_DIGITS.findall(words(doc.get_element_by_id("memo"))) == []
    assert squeeze(thai("16 พฤศจิกายน พ.ศ. 2569")) in public_pdf
    assert (await get_school(school.id)).name in words(public_page.get_element_by_id("memo"))
