"""The public pages a parent or a journalist reads, one announcement at a time: an announcement with its
PDF and corrections, the plan of a year; what bad input gets, markup typed by people, and old URLs.
Parsed as HTML. The home and the announcement list: test_public_pages.py."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import httpx
from lxml import html

from prakat.rules import AnnouncementKind, rules_for
from tests import factories
from tests.web.public_html import facts, feed_queries, form_state, ids_in, page, query_of, thai_404
from tests.web.public_records import E_BIDDING, NASTY, SCHOOL_NAME, Records, frozen_clock, records_fixture  # noqa: F401 (fixtures, found here by pytest)

PAPER = "ประกาศผู้ชนะการเสนอราคา ซื้อกระดาษถ่ายเอกสาร A4 โดยวิธีเฉพาะเจาะจง"
NASTY_SUBJECT = f"ประกาศผู้ชนะการเสนอราคา ซื้อ{NASTY} โดยวิธีเฉพาะเจาะจง"


# --- One announcement ------------------------------------------------------------------------


async def test_an_announcement_shows_every_published_field(
    client: httpx.AsyncClient, records: Records
) -> None:
    doc = await page(client, f"/s/banna/announcements/{records.paper}/")
    assert doc.findtext(".//h1") == PAPER
    assert doc.find(".//link[@rel='canonical']").get("href") == f"/s/banna/announcements/{records.paper}/"
    shown = facts(doc, "facts")
    sha = shown.pop("รหัสตรวจสอบไฟล์ (SHA-256)")
    size = shown.pop("ขนาดไฟล์ PDF")
    assert shown == {
        "เรื่อง": PAPER,
        "ประเภทประกาศ": "ประกาศผู้ชนะการเสนอราคา",
        "รหัสประเภทประกาศใน e-GP": "W0",
        "เลขที่ประกาศ": "3/2569",
        "ลงวันที่": "6 พฤศจิกายน พ.ศ. 2568",
        "เผยแพร่เมื่อ": "6 พฤศจิกายน พ.ศ. 2568 เวลา 10.30 น.",
        "ปีงบประมาณ": "พ.ศ. 2569",
        "สาระสำคัญ": "ซื้อกระดาษถ่ายเอกสาร A4 โดยวิธีเฉพาะเจาะจง วงเงิน 12,500.25 บาท "
        "ผู้ได้รับการคัดเลือก ห้างหุ้นส่วนจำกัด รุ่งเรือง 1 11,990.50 บาท",
        "วิธีจัดซื้อจัดจ้าง": "วิธีเฉพาะเจาะจง",
        "แหล่งเงิน": "เงินอุดหนุนรายหัว",
        "วงเงินงบประมาณ": "12,500.25 บาท",
        "ผู้ได้รับการคัดเลือก": "ห้างหุ้นส่วนจำกัด รุ่งเรือง 1",
        "ราคาที่ตกลงซื้อหรือจ้าง": "11,990.50 บาท",
        "ผู้ลงนาม": "นางสาวทดสอบ ใจดี ผู้อำนวยการโรงเรียน",
        "ลำดับการเผยแพร่ของโรงเรียน": "3",
    }
    assert len(sha) == 64 and int(sha, 16) >= 0
    # Beside the PDF's links, for whoever holds a printed or forwarded copy.
    assert doc.get_element_by_id("pdf-sha256").text_content() == sha
    assert size.endswith(" KB")
    assert doc.get_element_by_id("ledger-hash", None) is None  # no ledger yet: nothing shown

    # The words of the announcement, as its PDF says them.
    words = [p.text_content() for p in doc.get_element_by_id("document").find_class("doc-body")]
    assert words[1].startswith("ซื้อกระดาษถ่ายเอกสาร A4 ผู้ได้รับการคัดเลือก ได้แก่ ห้างหุ้นส่วนจำกัด รุ่งเรือง 1")
    procurement = facts(doc, "procurement")
    assert procurement["งานที่จัดซื้อหรือจัดจ้าง"] == "ซื้อกระดาษถ่ายเอกสาร A4"
    assert procurement["ราคาที่ตกลงซื้อหรือจ้าง"] == "11,990.50 บาท (รวมภาษีมูลค่าเพิ่ม)"
    assert procurement["วันที่ตัดสินผล"] == "5 พฤศจิกายน พ.ศ. 2568"

    # The PDF: opened inline, or saved under its Thai name; the link answers with the PDF.
    opened = doc.get_element_by_id("pdf-open")
    saved = doc.get_element_by_id("pdf-download")
    assert opened.get("href") == saved.get("href") == f"/s/banna/pdf/{records.paper}.pdf"
    assert saved.get("download") == "ประกาศผู้ชนะการเสนอราคา เลขที่ 3-2569.pdf"
    assert saved.text_content() == f"ดาวน์โหลด PDF ({size})"
    pdf = await client.get(opened.get("href"))
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF-")
    assert f"{round(len(pdf.content) / 1024):,} KB" == size


async def test_an_ebidding_announcement_shows_its_procurement(
    client: httpx.AsyncClient, records: Records
) -> None:
    doc = await page(client, f"/s/banna/announcements/{records.invitation}/")
    shown = facts(doc, "facts")
    assert shown["วิธีจัดซื้อจัดจ้าง"] == E_BIDDING
    assert shown["แหล่งเงิน"] == "เงินงบประมาณ"
    assert "ผู้ได้รับการคัดเลือก" not in shown  # an invitation names no winner
    procurement = facts(doc, "procurement")
    assert procurement["งานที่จัดซื้อหรือจัดจ้าง"] == "จ้างก่อสร้างซ่อมแซมหลังคาอาคารเรียน"
    assert procurement["ราคากลาง"] == "1,234,567.89 บาท"
    assert procurement["เลขที่โครงการใน e-GP"] == "68119012345"
    assert "ผู้ได้รับการคัดเลือก" not in procurement


async def test_corrections_link_both_ways(client: httpx.AsyncClient, records: Records) -> None:
    corrected = await page(client, f"/s/banna/announcements/{records.roof}/")
    notice = corrected.get_element_by_id("corrected-notice")
    assert [a.get("href") for a in notice.iter("a")] == [f"/s/banna/announcements/{records.cancel}/"]
    by = corrected.get_element_by_id("corrections").find_class("corrected-by")
    assert [" ".join(li.text_content().split()) for li in by] == [
        "ถูกยกเลิกโดย ประกาศยกเลิกประกาศผู้ชนะการเสนอราคา เลขที่ 6/2569 ลงวันที่ 5 ธันวาคม พ.ศ. 2568"
    ]
    assert corrected.get_element_by_id("corrects", None) is None

    correction = await page(client, f"/s/banna/announcements/{records.cancel}/")
    corrects = correction.get_element_by_id("corrects")
    assert [a.get("href") for a in corrects.iter("a")] == [f"/s/banna/announcements/{records.roof}/"]
    assert " ".join(corrects.text_content().split()) == (
        "ประกาศนี้ยกเลิก ประกาศผู้ชนะการเสนอราคา เลขที่ 5/2569 ลงวันที่ 1 ธันวาคม พ.ศ. 2568"
    )
    assert correction.get_element_by_id("corrected-notice", None) is None
    words = [p.text_content() for p in correction.find_class("doc-body")]
    clause = rules_for(2569).correction_clause(AnnouncementKind.WINNER_CANCEL)
    assert words[1:] == ["ผู้ชนะขอถอนตัว", f"อาศัยอำนาจตาม{clause} จึงขอยกเลิกประกาศดังกล่าว"]

    # Lists mark what was corrected since.
    for url, marked in (
        ("/s/banna/announcements/?kind=winner", [records.roof]),
        ("/s/banna/", [records.roof, records.plan]),  # a revised plan too
    ):
        items = (await page(client, url)).xpath("//ol[@class='entries']/li")
        assert [li.get("id") for li in items if li.find_class("corrected")] == [f"entry-{i}" for i in marked]


async def test_plan_and_quarter_announcements_list_their_items(
    client: httpx.AsyncClient, records: Records
) -> None:
    plan = await page(client, f"/s/banna/announcements/{records.revision}/")
    rows = plan.get_element_by_id("plan-items").findall(".//tbody/tr")
    assert [r.findall("td")[1].text_content() for r in rows] == [
        "กระดาษถ่ายเอกสาร A4",
        "ซ่อมแซมหลังคาอาคารเรียน",
        "จ้างทำป้ายชื่อโรงเรียน",
        "รวม",
    ]
    assert rows[-1].findall("td")[2].text_content() == "1,272,000.25"
    assert (
        plan.get_element_by_id("corrects").find("a").get("href") == f"/s/banna/announcements/{records.plan}/"
    )

    quarter = await page(client, f"/s/banna/announcements/{records.quarter}/")
    cells = [
        [td.text_content().strip() for td in tr.findall("td")]
        for tr in quarter.get_element_by_id("quarter-items").findall(".//tbody/tr")
    ]
    assert cells == [
        [
            "1",
            "วัสดุจัดกิจกรรมวันภาษาไทย",
            "ห้างหุ้นส่วนจำกัด รุ่งเรือง 1",
            "วิธีเฉพาะเจาะจง ตามหนังสือกรมบัญชีกลาง ที่ กค (กวจ) 0405.2/ว 119",
            "7,950.25",
            "21 ต.ค. 68 เลขที่ บส.1/2569",
            "เสนอราคาต่ำสุด",
        ],
        ["", "รวม", "", "", "7,950.25", ""],
    ]
    assert facts(quarter, "facts")["ไตรมาส"] == "1"


# --- The plan of a year ----------------------------------------------------------------------


async def test_plan_page_shows_the_current_revision_and_the_earlier_one(
    client: httpx.AsyncClient, records: Records
) -> None:
    doc = await page(client, "/s/banna/plan/2569/")
    assert doc.findtext(".//h1") == "แผนการจัดซื้อจัดจ้าง ประจำปีงบประมาณ พ.ศ. 2569"
    assert doc.findtext(".//h2[@id='current-h']") == "ฉบับปรับปรุง ครั้งที่ 1 (ฉบับปัจจุบัน)"
    current = doc.get_element_by_id("current")
    assert " ".join(current.text_content().split()) == (
        "3 รายการ รวม 1,272,000.25 บาท · เผยแพร่เมื่อ 20 ตุลาคม พ.ศ. 2568 · ประกาศ เลขที่ 2/2569"
    )
    assert (
        doc.get_element_by_id("current-announcement").get("href")
        == f"/s/banna/announcements/{records.revision}/"
    )
    rows = doc.get_element_by_id("plan-table").findall(".//tbody/tr")
    assert len(rows) == 4  # three items and the total
    assert [td.text_content() for td in rows[2].findall("td")] == [
        "3",
        "จ้างทำป้ายชื่อโรงเรียน",
        "9,500.00",
        "เงินอุดหนุนรายหัว",
        "วิธีเฉพาะเจาะจง",
        "พฤศจิกายน 2568",
    ]
    # The earlier revision stays listed, with its date and its announcement; the draft is not there.
    earlier = doc.get_element_by_id("revisions").findall("li")
    assert [" ".join(li.text_content().split()) for li in earlier] == [
        "ฉบับแรก · เผยแพร่เมื่อ 3 ตุลาคม พ.ศ. 2568 · 2 รายการ รวม 1,262,500.25 บาท · ประกาศ เลขที่ 1/2569"
    ]
    assert earlier[0].find("a").get("href") == f"/s/banna/announcements/{records.plan}/"
    assert "ฉบับปรับปรุง ครั้งที่ 2" not in doc.text_content()
    assert feed_queries(doc) == [{"kind": ["plan"], "year": ["2569"]}] * 3
    assert query_of(doc.get_element_by_id("follow").get("href")) == {"kind": ["plan"], "year": ["2569"]}


# --- Bad input -------------------------------------------------------------------------------


async def test_unknown_school_kind_year_month_or_id_is_a_thai_404(
    client: httpx.AsyncClient, records: Records
) -> None:
    _, other = await factories.school("other")
    vendor = await factories.vendor(other)
    elsewhere = await factories.publish(
        other, "winner", procurement_id=(await factories.awarded(other, vendor.id)).id
    )
    for path in (
        "/s/nobody/",
        "/s/nobody/announcements/",
        "/s/nobody/plan/2569/",
        "/s/nobody/announcements/1/",
        "/s/%00/",
        "/s/%3Cscript%3E/announcements/",
        "/s/banna/announcements/?kind=nonsense",
        "/s/banna/announcements/?kind=%3Cscript%3E",
        "/s/banna/announcements/?year=abc",
        "/s/banna/announcements/?year=2540",
        "/s/banna/announcements/?year=99999999999999999999",
        "/s/banna/announcements/?month=13",
        "/s/banna/announcements/?month=0",
        "/s/banna/announcements/?method=nonsense",
        "/s/banna/announcements/?source=nonsense",
        "/s/banna/announcements/?page=0",
        "/s/banna/announcements/?page=abc",
        "/s/banna/announcements/?q=" + "ก" * 201,
        "/s/banna/announcements/999999/",
        "/s/banna/announcements/99999999999999999999/",
        "/s/banna/announcements/abc/",
        f"/s/banna/announcements/{records.draft}/",  # a draft looks exactly like a missing page
        f"/s/banna/announcements/{elsewhere.id}/",  # another school's
        "/s/banna/plan/2540/",
        "/s/banna/plan/abc/",
        "/s/banna/2540/",
    ):
        thai_404(await client.get(path))
    draft_pdf = await client.get(f"/s/banna/pdf/{records.draft}.pdf")
    assert draft_pdf.status_code == 404


async def test_huge_or_malformed_query_strings_are_refused_quickly(
    client: httpx.AsyncClient, db: Any
) -> None:
    await factories.school("banna")
    # How quickly: benchmarks/refusals.py (no clock in the tests).
    for query in ("q=" + "a" * 20_000, "x=" + "%E0%B8%81" * 2500, "&" * 20_000):
        response = await client.get("/s/banna/announcements/?" + query)
        assert response.status_code == 414
        assert html.fromstring(response.text).findtext(".//h1") == "ลิงก์ไม่ถูกต้อง"
    for query in ("q=%00", "q=a%00b", "kind=%00", "%00=1", "q=%1B%5B31m"):
        response = await client.get("/s/banna/announcements/?" + query)
        assert response.status_code == 400, query
        assert html.fromstring(response.text).findtext(".//h1") == "ลิงก์ไม่ถูกต้อง"
    for query in ("q=%FF%FE", "q=%", "q=%E0%B8", "=&=&kind", "q=%2", "year=2569&year=abc"):
        response = await client.get("/s/banna/announcements/?" + query)
        assert response.status_code in (200, 400, 404), query
        html.fromstring(response.text)  # a page, whichever


async def test_markup_typed_by_people_is_shown_as_text(client: httpx.AsyncClient, records: Records) -> None:
    entry = f"entry-{records.nasty}"
    for url in (
        "/s/banna/",
        "/s/banna/announcements/",
        "/s/banna/announcements/?q=" + quote('"quotes" & emoji 🎉'),
        f"/s/banna/announcements/{records.nasty}/",
        "/s/banna/plan/2569/",
        "/s/banna/2569/",
    ):
        doc = await page(client, url)
        assert doc.findall(".//script") == [], url  # no element from anyone's text
        assert doc.find(".//header").find(".//a").text_content() == SCHOOL_NAME
        for link in doc.xpath("/html/head/link[@rel='alternate']"):
            assert SCHOOL_NAME in link.get("title")
        if "announcements" in url and not url.endswith(f"/{records.nasty}/"):
            item = doc.get_element_by_id(entry)
            assert item.find("h3/a").text_content() == NASTY_SUBJECT
    one = await page(client, f"/s/banna/announcements/{records.nasty}/")
    assert one.findtext(".//h1") == NASTY_SUBJECT
    assert one.findtext(".//title").endswith(NASTY_SUBJECT)
    assert facts(one, "procurement")["งานที่จัดซื้อหรือจัดจ้าง"] == "ซื้อ" + NASTY
    searched = await page(client, "/s/banna/announcements/?q=" + quote(NASTY))
    assert ids_in(searched) == [records.nasty]
    assert form_state(searched)["q"] == NASTY  # the attribute kept every character


async def test_old_urls_still_answer(client: httpx.AsyncClient, records: Records) -> None:
    for url in (
        "/",
        "/s/banna/",
        "/s/banna/2569/",
        f"/s/banna/pdf/{records.paper}.pdf",
        "/s/banna/announcements/",
        f"/s/banna/announcements/{records.paper}/",
        "/s/banna/plan/2569/",
    ):
        assert (await client.get(url)).status_code == 200, url
        head = await client.head(url)
        assert head.status_code == 200 and head.content == b"", url
    year = await page(client, "/s/banna/2569/")
    assert year.get_element_by_id("plan-link").get("href") == "/s/banna/plan/2569/"
    assert query_of(year.get_element_by_id("year-announcements").get("href")) == {"year": ["2569"]}
    assert feed_queries(year) == [{"year": ["2569"]}] * 3
