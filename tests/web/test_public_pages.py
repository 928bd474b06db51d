"""The public pages a parent or a journalist reads: the school's home, and the announcement list with
its filters, search and pages. Parsed as HTML. One announcement, the plan of a year and what bad input
gets: test_public_announcement_pages.py."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote, urlsplit

import httpx
import pytest

from prakat import sitepages as pages
from tests import factories
from tests.web.public_html import FEED_TYPES, feed_queries, form_state, ids_in, page, query_of, thai_404
from tests.web.public_records import E_BIDDING, SCHOOL_NAME, Records, frozen_clock, records_fixture  # noqa: F401 (fixtures, found here by pytest)

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
            for g in (
                "plan",
                "reference_price",
                "invitation",
                "winner",
                "change",
                "cancellation",
                "report",
                "monthly_summary",
            )
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

    assert options("kind")["winner"] == "ประกาศผู้ชนะ" and len(options("kind")) == 9
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
