"""The demo school, loaded once into a real database through the services, as a visitor finds it.
(How it loads, twice or failing half-way: tests/test_demo_loading.py.)"""

from __future__ import annotations

import io
from collections.abc import AsyncIterator
from datetime import date
from typing import Any
from urllib.parse import urlsplit

import feedparser
import httpx
import pytest
from lxml import html
from piccolo.engine.base import Engine
from pypdf import PdfReader

from prakat import clock, demo, urls
from prakat.announcements import service as announcements
from prakat.annual import service as annual
from prakat.annual.texts import Part
from prakat.app import create_app
from prakat.db import tables as t
from prakat.db.engine import bind
from prakat.demo.loader import DemoResult
from prakat.procurements import service as procurements
from prakat.procurements.results import results_of_year
from prakat.settings import Settings
from prakat.thai import to_thai_digits
from prakat.workflow import ProcurementStatus
from tests import factories
from tests.conftest import asgi_transport, empty_tables

TODAY = date(2026, 11, 26)  # FY2570 is two months old: FY2568 and FY2569 complete, FY2570 in progress


async def _demo_id() -> int:
    row = await t.School.select(t.School.id).where(t.School.slug == "demo").first()
    assert row is not None
    return int(row["id"])


async def content() -> dict[str, Any]:
    """What a person would see, without database ids or load-time stamps."""
    vendors = {r["id"]: r["tax_id"] for r in await t.Vendor.select(t.Vendor.id, t.Vendor.tax_id)}
    return {
        "school": await t.School.select(t.School.slug, t.School.name, t.School.director_name),
        "vendors": sorted(vendors.values()),
        "items": await t.PlanItem.select(
            t.PlanItem.name, t.PlanItem.budget_satang, t.PlanItem.expected_month
        ).order_by(t.PlanItem.id),
        "procurements": await t.Procurement.select(
            t.Procurement.subject, t.Procurement.method, t.Procurement.budget_satang, t.Procurement.status
        ).order_by(t.Procurement.id),
        "bids": [
            (vendors[r["vendor"]], r["amount_satang"])
            for r in await t.Bid.select(t.Bid.vendor, t.Bid.amount_satang).order_by(t.Bid.id)
        ],
        "announcements": await t.Announcement.select(
            t.Announcement.sequence,
            t.Announcement.kind,
            t.Announcement.number,
            t.Announcement.subject,
            t.Announcement.announced_on,
            t.Announcement.published_at,
        ).order_by(t.Announcement.sequence),
    }


@pytest.fixture(scope="module")
async def loaded(database: Engine) -> DemoResult:  # type: ignore[type-arg]
    """The demo loaded once for this module (it takes seconds): its tests only read it. (The next
    test elsewhere that asks for ``db`` empties the database again.)"""
    bind(database)
    await empty_tables(database)
    return await demo.load_demo(TODAY, emblem_path=factories.EMBLEM)


@pytest.fixture
async def client(
    loaded: DemoResult,
    database: Engine,  # type: ignore[type-arg]
    settings: Settings,
) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(settings, engine=database)
    async with httpx.AsyncClient(transport=asgi_transport(app), base_url="http://testserver") as test_client:
        yield test_client


async def test_demo_fills_two_years_and_this_year_to_date(loaded: DemoResult) -> None:
    result = loaded
    assert result.created
    earlier, last, this = result.years
    assert (earlier.fiscal_year_be, last.fiscal_year_be, this.fiscal_year_be) == (2568, 2569, 2570)
    for year in (earlier, last):
        assert 20 <= year.plan_items <= 30 and 35 <= year.procurements <= 45, year
        methods = {
            p.method
            for p in await procurements.list_procurements(await _demo_id(), year_be=year.fiscal_year_be)
        }
        assert {"specific", "specific_w119", "e_bidding", "e_market"} <= methods
        months = {
            p.award.awarded_on.month
            for p in await procurements.list_procurements(await _demo_id(), year_be=year.fiscal_year_be)
            if p.award
        }
        assert len(months) >= 6
    assert 0 < this.procurements < last.procurements
    # One set of vendors serves the three years, and what the school numbers is never numbered twice.
    tax_ids = [r["tax_id"] for r in await t.Vendor.select(t.Vendor.tax_id)]
    assert len(tax_ids) == len(set(tax_ids)) > 20
    egp = [r["egp_project_number"] for r in await t.Procurement.select(t.Procurement.egp_project_number)]
    contracts = [r["contract_number"] for r in await t.Award.select(t.Award.contract_number)]
    announced = await t.Announcement.select(t.Announcement.number).where(t.Announcement.status == "published")
    for numbers in (
        [n for n in egp if n],
        [n for n in contracts if n and not n.startswith("ใบเสร็จรับเงิน")],  # receipts are the vendors' own
        [r["number"] for r in announced],
    ):
        assert len(numbers) == len(set(numbers)) > 60, numbers
    # Nothing is published after the demo's today. (The draft left for the director is dated by the
    # real clock, like every draft: only approval dates an announcement.)
    published = await t.Announcement.select(t.Announcement.announced_on).where(
        t.Announcement.status == "published"
    )
    assert published and max(r["announced_on"] for r in published) <= TODAY
    # Each finished year's annual report is published on 20 October of the next, with the four parts
    # the school wrote about that year, and counts exactly the year's results.
    for year_be in (2568, 2569):
        report = await annual.published_report(await _demo_id(), year_be)
        assert report.published_at.astimezone(clock.BANGKOK).date() == date(year_be - 543, 10, 20)
        assert f"ปีงบประมาณ พ.ศ. {year_be} " in report.annual["texts"][Part.RISK.value]
        assert all(report.annual["texts"][p.value] for p in Part)
        results = await results_of_year(await _demo_id(), year_be)
        assert annual.stats_of(report.annual).totals == results.totals


async def test_small_purchases_are_announced_by_quarter(loaded: DemoResult) -> None:
    school = await _demo_id()
    winners = {a.procurement_id for a in await announcements.list_announcements(school) if a.kind == "winner"}
    for year_be in (2568, 2569):
        bought = await procurements.list_procurements(school, year_be=year_be)
        w119 = {p.id for p in bought if p.method == "specific_w119"}
        quarters = [
            a
            for a in await announcements.list_announcements(school, year_be=year_be)
            if a.kind == "quarterly_winners"
        ]
        assert sorted(a.quarter or 0 for a in quarters) == [1, 2, 3, 4]
        listed = [i["procurement_id"] for a in quarters for i in (a.snapshot or {})["quarter"]["items"]]
        assert sorted(listed) == sorted(w119)  # each once, none left out
        assert all(p.status == "awarded" for p in bought if p.id in w119)
        # None of them has a winner announcement of its own.
        assert not winners & w119
    # FY2570's first quarter has not ended on the demo's today: nothing for it yet.
    assert not [
        a
        for a in await announcements.list_announcements(school, year_be=2570)
        if a.kind == "quarterly_winners"
    ]
    # Every ended month has its published summary (แบบ สขร.1): the twelve of FY2568 and of FY2569,
    # April without procurement in each, and FY2570's October (November has not ended).
    months = {
        (a.year_be, a.month): len((a.snapshot or {})["month_summary"]["rows"])
        for a in await announcements.list_announcements(school)
        if a.kind == "monthly_summary"
    }
    for year_be in (2568, 2569):
        assert sorted(m or 0 for y, m in months if y == year_be) == list(range(1, 13))
    assert [m for y, m in months if y == 2570] == [10]
    empty = {(2568, 4), (2569, 4)}
    assert {key for key, n in months.items() if n == 0} == empty


async def test_demo_is_idempotent(loaded: DemoResult) -> None:
    first = loaded
    before = await content()
    audit_rows = await t.AuditEvent.count()
    second = await demo.load_demo(TODAY, emblem_path=factories.EMBLEM)
    assert not second.created
    assert second.years == first.years
    assert await content() == before
    assert await t.AuditEvent.count() == audit_rows


async def test_publication_sequence_is_gap_free_and_follows_time(loaded: DemoResult) -> None:
    rows = (
        await t.Announcement.select(t.Announcement.sequence, t.Announcement.published_at)
        .where(t.Announcement.status == "published")
        .order_by(t.Announcement.sequence)
    )
    assert [r["sequence"] for r in rows] == list(range(1, len(rows) + 1))
    times = [r["published_at"] for r in rows]
    assert times == sorted(times)


async def test_demo_school_pages(
    loaded: DemoResult, client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(clock, "today_bangkok", lambda: TODAY)
    for year in loaded.years[:2]:  # the two finished years
        year_be = year.fiscal_year_be
        doc = html.fromstring((await client.get(f"/s/demo/{year_be}/")).text)
        assert doc.findtext(".//h1") == "โรงเรียนบ้านหนองบัววิทยา"
        plan_rows = doc.get_element_by_id("plan-table").findall(".//tbody/tr")
        assert len(plan_rows) == year.plan_items + 1  # and the total row
        procurement_rows = doc.get_element_by_id("procurement-table").findall(".//tbody/tr")
        published = await procurements.list_procurements(
            await _demo_id(), year_be=year_be, statuses={ProcurementStatus.AWARDED}
        )
        assert len(procurement_rows) == len(published) > 30
        years = [a.get("href") for a in doc.get_element_by_id("years").iter("a")]
        assert years == [f"/s/demo/{y}/" for y in (2570, 2569, 2568) if y != year_be]
    home = html.fromstring((await client.get("/")).text)
    canonical = home.find(".//link[@rel='canonical']")
    assert canonical is not None and canonical.get("href") == "/s/demo/"  # the school's home
    assert home.get_element_by_id("plan-link").get("href") == "/s/demo/plan/2570/"  # this fiscal year
    assert (await client.get("/s/demo/2540/")).status_code == 404


async def test_the_demo_year_has_corrections_linked_both_ways(
    client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A changed invitation and a cancelled winner announcement: each names what it corrects, and the
    corrected one names its correction, on the public pages, in the feed and in the PDF."""
    monkeypatch.setattr(clock, "today_bangkok", lambda: TODAY)
    school = await _demo_id()
    published = {a.id: a for a in await announcements.list_announcements(school, year_be=2569)}
    corrections = {a.kind: a for a in published.values() if a.supersedes_id is not None}
    assert {"invitation_change", "winner_cancel"} <= set(corrections)
    for kind, corrected_kind in (("invitation_change", "invitation"), ("winner_cancel", "winner")):
        correction = corrections[kind]
        original = published[correction.supersedes_id or 0]
        assert original.kind == corrected_kind and original.procurement_id == correction.procurement_id
        assert original.status == correction.status == "published"
        assert correction.announced_on > original.announced_on and correction.body
        # The correction's page links to the original, and the original's page back to it.
        page = html.fromstring((await client.get(urls.announcement("demo", correction.id))).text)
        assert page.get_element_by_id("corrects").xpath("a/@href") == [urls.announcement("demo", original.id)]
        page = html.fromstring((await client.get(urls.announcement("demo", original.id))).text)
        back = [a.get("href") for li in page.find_class("corrected-by") for a in li.iter("a")]
        assert back == [urls.announcement("demo", correction.id)]
        notice = page.get_element_by_id("corrected-notice")
        assert [a.get("href") for a in notice.iter("a")] == back
        # The feed carries the correction as an entry of its own, with its kind and its reason.
        feed = feedparser.parse((await client.get(urls.feed("demo", "atom", f"kind={kind}"))).content)
        by_path = {urlsplit(e.link).path: e for e in feed.entries}
        entry = by_path[urls.announcement("demo", correction.id)]
        assert kind in {tag.term for tag in entry.tags}
        assert correction.body in entry.summary
        # Its PDF cites the original by number.
        pdf = await client.get(urls.announcement_pdf("demo", correction.id))
        text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
        assert to_thai_digits(original.number or "") in text.replace("\n", " ")
    # The cancelled winner's procurement is cancelled, signed no contract, and left the year's table.
    cancelled = await procurements.get_procurement(school, corrections["winner_cancel"].procurement_id or 0)
    assert cancelled.status == ProcurementStatus.CANCELLED
    assert cancelled.award is not None and cancelled.award.contract_date is None
    year_page = html.fromstring((await client.get("/s/demo/2569/")).text)
    table = year_page.get_element_by_id("procurement-table").text_content()
    assert cancelled.subject not in table
