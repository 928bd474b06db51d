"""The public pages a parent or a journalist reads: the school's home, the announcement list with its
filters and search, one announcement, the plan of a year; and what bad input gets. Parsed as HTML."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any
from urllib.parse import parse_qs, quote, urlsplit

import httpx
import pytest
from lxml import html

from prakat import clock
from prakat import sitepages as pages
from prakat.announcements import service as announcements
from prakat.announcements.schemas import AnnouncementDraft
from prakat.audit import Actor
from prakat.plans import service as plans
from prakat.rules import AnnouncementKind
from tests import factories

TODAY = datetime(2026, 1, 15, 5, 0, tzinfo=UTC)  # FY2569, its first quarter over
SCHOOL_NAME = 'โรงเรียนบ้านนา <ทดสอบ> & "คำพูด"'
NASTY = '<script>alert(1)</script> "quotes" & emoji 🎉'
PAPER = "ประกาศผู้ชนะการเสนอราคา ซื้อกระดาษถ่ายเอกสาร A4 โดยวิธีเฉพาะเจาะจง"
NASTY_SUBJECT = f"ประกาศผู้ชนะการเสนอราคา ซื้อ{NASTY} โดยวิธีเฉพาะเจาะจง"
E_BIDDING = "วิธีประกาศเชิญชวนทั่วไป ด้วยวิธีประกวดราคาอิเล็กทรอนิกส์ (e-bidding)"
FEED_TYPES = {
    "application/rss+xml": "/s/banna/feeds/announcements.rss",
    "application/atom+xml": "/s/banna/feeds/announcements.atom",
    "application/feed+json": "/s/banna/feeds/announcements.json",
}


@pytest.fixture(autouse=True)
def frozen_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "now", lambda: TODAY)


def at(day: int, month: int, year: int = 2025) -> datetime:
    return datetime(year, month, day, 3, 30, tzinfo=UTC)  # 10.30 น. in Bangkok


@dataclass(frozen=True)
class Records:
    actor: Actor
    plan: int  # announcement ids, in publication order
    revision: int
    paper: int  # winner: specific, per-head subsidy, 11,990.50 to รุ่งเรือง
    invitation: int  # e-bidding roof repair, government budget
    roof: int  # its winner ...
    cancel: int  # ... cancelled
    nasty: int  # winner with markup in its subject
    quarter: int  # quarterly winners, Q1
    draft: int  # prepared, never published

    @property
    def published(self) -> list[int]:
        """Newest publication first, as every list shows them."""
        order = [self.plan, self.revision, self.paper, self.invitation, self.roof, self.cancel, self.nasty]
        return [self.quarter, *reversed(order)]


async def _plan_item(actor: Actor, plan_id: int, name: str, budget: str) -> None:
    raw = {**factories.PLAN_ITEM, "name": name, "budget": budget}
    await plans.add_plan_item(actor, plan_id, plans.parse_plan_item(raw, 2569))


async def _records() -> Records:
    _, actor = await factories.school("banna", name=SCHOOL_NAME)
    plan = await plans.create_plan(actor, 2569)
    await _plan_item(actor, plan.id, "กระดาษถ่ายเอกสาร A4", "12,500.25")
    await _plan_item(actor, plan.id, "ซ่อมแซมหลังคาอาคารเรียน", "1,250,000")
    first = await factories.publish(actor, "plan", plan_id=plan.id, at=at(3, 10))
    revised = await plans.create_plan(actor, 2569)
    await _plan_item(actor, revised.id, "จ้างทำป้ายชื่อโรงเรียน", "9,500")
    revision = await factories.publish(actor, "plan_revision", plan_id=revised.id, at=at(20, 10))
    await plans.create_plan(actor, 2569)  # revision 2, a draft: never public

    shop = await factories.vendor(actor, 1, name="ห้างหุ้นส่วนจำกัด รุ่งเรือง")
    builder = await factories.vendor(actor, 2, name="บริษัท มั่นคงก่อสร้าง จำกัด")
    paper = await factories.awarded(actor, shop.id, subject="กระดาษถ่ายเอกสาร A4")
    paper_winner = await factories.publish(actor, "winner", procurement_id=paper.id, at=at(6, 11))
    roof = await factories.awarded(
        actor,
        builder.id,
        bid="1,200,000",
        price="1,199,000",
        on=date(2025, 11, 28),
        subject="ซ่อมแซมหลังคาอาคารเรียน",
        kind="construction",
        method="e_bidding",
        budget="1,250,000",
        budget_source="government_budget",
        reference_price="1,234,567.89",
        egp_project_number="68119012345",
    )
    invitation = await factories.publish(actor, "invitation", procurement_id=roof.id, at=at(10, 11))
    roof_winner = await factories.publish(actor, "winner", procurement_id=roof.id, at=at(1, 12))
    cancel = await announcements.prepare(
        actor,
        AnnouncementDraft(
            kind=AnnouncementKind("winner_cancel"),
            procurement_id=roof.id,
            supersedes_id=roof_winner.id,
            body="ผู้ชนะขอถอนตัว",
        ),
    )
    await announcements.submit(actor, cancel.id)
    cancelled = await announcements.approve(actor, cancel.id, at=at(5, 12))
    nasty = await factories.awarded(actor, shop.id, subject=NASTY)
    nasty_winner = await factories.publish(actor, "winner", procurement_id=nasty.id, at=at(10, 12))
    await factories.awarded(
        actor,
        shop.id,
        bid="8,000",
        price="7,950.25",
        on=date(2025, 10, 21),
        requested_on=date(2025, 10, 20),
        subject="วัสดุจัดกิจกรรมวันภาษาไทย",
        method="specific_w119",
        budget="9,000",
        contract_number="บส.1/2569",
    )
    drafted = await announcements.prepare(
        actor, AnnouncementDraft(kind=AnnouncementKind("quarterly_winners"), year_be=2569, quarter=1)
    )
    await announcements.submit(actor, drafted.id)
    quarter = await announcements.approve(actor, drafted.id, at=at(5, 1, 2026))
    pending = await factories.awarded(actor, shop.id, subject="งานที่ยังเป็นร่าง")
    draft = await announcements.prepare(
        actor, AnnouncementDraft(kind=AnnouncementKind("winner"), procurement_id=pending.id)
    )
    return Records(
        actor=actor,
        plan=first.id,
        revision=revision.id,
        paper=paper_winner.id,
        invitation=invitation.id,
        roof=roof_winner.id,
        cancel=cancelled.id,
        nasty=nasty_winner.id,
        quarter=quarter.id,
        draft=draft.id,
    )


@pytest.fixture
async def records(db: Any) -> Records:
    return await _records()


async def page(client: httpx.AsyncClient, url: str) -> Any:
    response = await client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    assert response.headers["content-type"].startswith("text/html")
    return html.fromstring(response.text)


def ids_in(doc: Any, list_id: str = "results") -> list[int]:
    found = doc.get_element_by_id(list_id, None)
    if found is None:
        return []
    return [int(li.get("id").removeprefix("entry-")) for li in found.findall("li")]


def query_of(href: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(href).query, keep_blank_values=True)


def alternates(doc: Any) -> dict[str, str]:
    links = doc.xpath("/html/head/link[@rel='alternate']")
    found = {link.get("type"): link.get("href") for link in links}
    assert len(found) == len(links) == 3, "one link per feed format"
    assert {t: urlsplit(h).path for t, h in found.items()} == FEED_TYPES
    return found


def feed_queries(doc: Any) -> list[dict[str, list[str]]]:
    """The filters each <link rel=alternate> carries (the three must agree)."""
    return [query_of(href) for href in alternates(doc).values()]


def facts(doc: Any, dl_id: str) -> dict[str, str]:
    dl = doc.get_element_by_id(dl_id)
    names = [" ".join(dt.text_content().split()) for dt in dl.findall("dt")]
    values = [" ".join(dd.text_content().split()) for dd in dl.findall("dd")]
    return dict(zip(names, values, strict=True))


def form_state(doc: Any) -> dict[str, str]:
    """What the filter form shows as chosen: each select's selected option, and the search box."""
    form = doc.get_element_by_id("filters")
    state = {}
    for select in form.iter("select"):
        chosen = [o.get("value") for o in select.iter("option") if o.get("selected") is not None]
        assert len(chosen) <= 1
        state[select.get("name")] = chosen[0] if chosen else ""
    state["q"] = form.get_element_by_id("f-q").get("value") or ""
    return state


def thai_404(response: httpx.Response) -> None:
    assert response.status_code == 404, response.status_code
    doc = html.fromstring(response.text)
    assert doc.findtext(".//h1") == "ไม่พบหน้านี้"
    main = doc.find(".//main")
    assert main is not None and "ไม่พบ" in main.text_content()


# --- The school's home -----------------------------------------------------------------------


async def test_home_shows_the_latest_the_plan_and_every_feed(
    client: httpx.AsyncClient, records: Records
) -> None:
    for url in ("/s/banna/", "/"):  # one school: the site's home is the school's
        doc = await page(client, url)
        assert doc.findtext(".//h1") == SCHOOL_NAME
        assert doc.find(".//link[@rel='canonical']").get("href") == "/s/banna/"
        assert ids_in(doc, "latest") == records.published  # fewer than ten: all, newest first
        assert records.draft not in ids_in(doc, "latest")
        assert doc.get_element_by_id("all-announcements").get("href") == "/s/banna/announcements/"
        assert feed_queries(doc) == [{}, {}, {}]  # the home's feeds: everything

    cards = [" ".join(" ".join(c.itertext()).split()) for c in doc.get_element_by_id("plan-summary")]
    assert cards == [
        "3 รายการในแผน",
        "1,272,000.25 บาท งบประมาณรวม",
        "ฉบับปรับปรุง ครั้งที่ 1 เผยแพร่เมื่อ 20 ตุลาคม พ.ศ. 2568",
    ]
    assert doc.get_element_by_id("plan-link").get("href") == "/s/banna/plan/2569/"

    # Every feed: all, each group, this fiscal year; people go to the "how to follow" page, feed
    # readers straight to the feed.
    rows = doc.get_element_by_id("feeds").findall("li")
    follow = [row.find("a[@class='feed-name']") for row in rows]
    assert [query_of(a.get("href")) for a in follow] == [
        {},
        *(
            {"kind": [g]}
            for g in ("plan", "reference_price", "invitation", "winner", "change", "cancellation")
        ),
        {"year": ["2569"]},
    ]
    assert {urlsplit(a.get("href")).path for a in follow} == {"/s/banna/follow/"}
    assert follow[4].text_content() == "ประกาศผู้ชนะ"
    for row, link in zip(rows, follow, strict=True):
        direct = {a.get("type"): a.get("href") for a in row.find("span").iter("a")}
        assert {t: urlsplit(h).path for t, h in direct.items()} == FEED_TYPES
        assert all(query_of(h) == query_of(link.get("href")) for h in direct.values())


async def test_home_keeps_to_the_latest_ten(client: httpx.AsyncClient, db: Any) -> None:
    _, actor = await factories.school("many")
    vendor = await factories.vendor(actor)
    ids = []
    for n in range(11):
        p = await factories.awarded(actor, vendor.id, subject=f"วัสดุ ชุดที่ {n}")
        ids.append((await factories.publish(actor, "winner", procurement_id=p.id)).id)
    doc = await page(client, "/s/many/")
    assert ids_in(doc, "latest") == ids[::-1][:10]
    assert doc.get_element_by_id("all-announcements").text_content() == "ดูประกาศทั้งหมด (11 ฉบับ) และค้นหา"


# --- The announcement list -------------------------------------------------------------------


async def test_each_filter_works_alone_and_combined(client: httpx.AsyncClient, records: Records) -> None:
    r = records
    everything = r.published
    cases: list[tuple[dict[str, str], list[int]]] = [
        ({}, everything),
        ({"kind": "winner"}, [r.quarter, r.nasty, r.roof, r.paper]),
        ({"kind": "plan"}, [r.revision, r.plan]),
        ({"kind": "cancellation"}, [r.cancel]),
        ({"kind": "winner_cancel"}, [r.cancel]),  # one kind, not a group
        ({"kind": "change"}, []),
        ({"year": "2569"}, everything),
        ({"month": "10"}, [r.revision, r.plan]),
        ({"month": "12"}, [r.nasty, r.cancel, r.roof]),
        ({"method": "e_bidding"}, [r.cancel, r.roof, r.invitation]),
        ({"source": "government_budget"}, [r.cancel, r.roof, r.invitation]),
        ({"source": "per_head_subsidy"}, [r.nasty, r.paper]),
        ({"kind": "winner", "method": "specific"}, [r.nasty, r.paper]),
        ({"kind": "winner", "month": "12", "source": "government_budget"}, [r.roof]),
        ({"kind": "invitation", "year": "2569", "month": "11", "method": "e_bidding"}, [r.invitation]),
        ({"kind": "winner", "q": "หลังคา"}, [r.roof]),
    ]
    for params, expected in cases:
        url = "/s/banna/announcements/" + (
            "?" + "&".join(f"{k}={quote(v)}" for k, v in params.items()) if params else ""
        )
        doc = await page(client, url)
        assert ids_in(doc) == expected, params
        count = doc.get_element_by_id("count").text_content()
        assert count == (f"พบ {len(expected)} ประกาศ" if expected else "ไม่พบประกาศ"), params
        # The feeds in <head> and the visible follow link carry exactly the page's filters.
        wanted = {k: [v] for k, v in params.items()}
        assert feed_queries(doc) == [wanted] * 3, params
        assert query_of(doc.get_element_by_id("follow").get("href")) == wanted
        # The form shows what was chosen.
        shown = form_state(doc)
        assert shown == {n: params.get(n, "") for n in ("q", "kind", "year", "month", "method", "source")}
        if not expected:
            assert doc.get_element_by_id("empty").text_content().startswith("ไม่พบประกาศที่ตรงกับเงื่อนไข")


async def test_the_filter_form_offers_thai_choices(client: httpx.AsyncClient, records: Records) -> None:
    form = (await page(client, "/s/banna/announcements/")).get_element_by_id("filters")
    assert form.get("method") == "get" and form.get("action") == "/s/banna/announcements/"

    def options(name: str) -> dict[str, str]:
        select = form.find(f".//select[@name='{name}']")
        return {o.get("value"): o.text_content() for o in select.iter("option")}

    assert options("kind")["winner"] == "ประกาศผู้ชนะ" and len(options("kind")) == 7
    assert options("year") == {"": "ทุกปี", "2569": "พ.ศ. 2569"}  # years that have publications
    assert options("month")["10"] == "ตุลาคม" and len(options("month")) == 13
    assert options("method")["e_bidding"] == E_BIDDING
    assert options("source")["per_head_subsidy"] == "เงินอุดหนุนรายหัว"
    labels = {label.get("for") for label in form.iter("label")}
    assert labels == {c.get("id") for c in form.xpath(".//select|.//input")}  # every control labelled


async def test_thai_search_finds_by_subject_and_winner(client: httpx.AsyncClient, records: Records) -> None:
    r = records
    cases = {
        "กระดาษ": [r.paper],
        "  กระดาษถ่ายเอกสาร    a4  ": [r.paper],  # case and extra spaces do not matter
        "รุ่งเรือง": [r.quarter, r.nasty, r.paper],  # by the winner, and the vendors a quarter names
        "มั่นคงก่อสร้าง": [r.roof],
        "ซ่อมแซม หลังคา": [r.cancel, r.roof, r.invitation],
        "ปากกาลูกลื่น": [],
    }
    for q, expected in cases.items():
        doc = await page(client, "/s/banna/announcements/?q=" + quote(q))
        assert ids_in(doc) == expected, q
        assert form_state(doc)["q"] == q.strip()
        assert feed_queries(doc) == [{"q": [q.strip()]}] * 3


async def test_the_list_is_paged(
    client: httpx.AsyncClient, records: Records, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pages, "PAGE_SIZE", 3)
    first = await page(client, "/s/banna/announcements/?year=2569")
    second = await page(client, "/s/banna/announcements/?year=2569&page=2")
    third = await page(client, "/s/banna/announcements/?year=2569&page=3")
    assert ids_in(first) + ids_in(second) + ids_in(third) == records.published
    assert [len(ids_in(d)) for d in (first, second, third)] == [3, 3, 2]
    assert first.get_element_by_id("count").text_content() == "พบ 8 ประกาศ · หน้า 1 จาก 3"
    links = [a.get("href") for a in second.get_element_by_id("pages").iter("a")]
    assert [query_of(h) for h in links] == [
        {"year": ["2569"]},  # previous: page 1 has no number
        {"year": ["2569"]},
        {"year": ["2569"], "page": ["3"]},
        {"year": ["2569"], "page": ["3"]},  # next
    ]
    assert feed_queries(second) == [{"year": ["2569"]}] * 3  # feeds carry the filters, not the page
    thai_404(await client.get("/s/banna/announcements/?year=2569&page=4"))


async def test_an_empty_school_says_so_in_thai(client: httpx.AsyncClient, db: Any) -> None:
    await factories.school("empty")
    doc = await page(client, "/s/empty/announcements/")
    assert ids_in(doc) == []
    assert doc.get_element_by_id("empty").text_content() == "ยังไม่มีประกาศที่เผยแพร่"
    assert doc.get_element_by_id("count").text_content() == "ไม่พบประกาศ"
    plan = await page(client, "/s/empty/plan/2569/")
    assert [p.text_content() for p in plan.find_class("empty")] == [
        "ยังไม่ได้เผยแพร่แผนการจัดซื้อจัดจ้างของปีงบประมาณ พ.ศ. 2569"
    ]


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
    assert words[1:] == ["ผู้ชนะขอถอนตัว", "จึงขอยกเลิกประกาศดังกล่าว"]

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
