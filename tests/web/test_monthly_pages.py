"""Finding the monthly summaries (แบบ สขร.1) and their bundles: the school's home, the year's page and
the ITA item pages lead to the year's page of monthly summaries; a bundle is linked only once one of
its months is published (its files answer 404 before that); what is not there is a Thai 404 under
the school's own header. Read with lxml, the files fetched."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from email.message import Message
from typing import Any

import httpx
import pytest
from lxml import html

from prakat import clock, urls
from prakat.announcements import service as announcements
from prakat.announcements.schemas import AnnouncementDraft
from prakat.audit import Actor
from prakat.errors import InvalidInput
from prakat.rules import AnnouncementKind
from tests import factories
from tests.web.public_html import page, thai_404

NOW = datetime(2026, 2, 3, 3, 0, tzinfo=UTC)  # FY2569: October to January have ended
SLUG = "finder"
THAI_DIGITS = re.compile("[๐-๙]")


@pytest.fixture(autouse=True)
def frozen_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "now", lambda: NOW)


async def published(actor: Actor, month: int) -> int:
    drafted = await announcements.prepare(
        actor, AnnouncementDraft(kind=AnnouncementKind.MONTHLY_SUMMARY, year_be=2569, month=month)
    )
    await announcements.submit(actor, drafted.id)
    return (await announcements.approve(actor, drafted.id)).id


def hrefs(element: Any) -> list[str]:
    return [str(a.get("href")) for a in element.iter("a")]


def bundle_files(name: str) -> list[str]:
    return [urls.monthly_bundle(SLUG, 2569, name, ext) for ext in ("pdf", "xlsx")]


def text(element: Any) -> str:
    return " ".join(element.text_content().split())


async def test_the_school_the_year_and_ita_lead_to_the_bundles(client: httpx.AsyncClient) -> None:
    _, actor = await factories.school(SLUG, name="โรงเรียนบ้านค้นหา")
    vendor = await factories.vendor(actor, 1)
    await factories.awarded(actor, vendor.id, on=date(2025, 11, 5))
    november, december = await published(actor, 11), await published(actor, 12)
    monthly_page = urls.monthly(SLUG, 2569)

    # The home page, for each year it lists, and the year's page lead to the year's summaries.
    home = await page(client, urls.school(SLUG))
    years = home.get_element_by_id("years").findall("li")
    assert years, "the home lists the school's years"
    for li in years:
        year = int(re.findall(r"\d{4}", text(li))[0])
        assert [a.get("href") for a in li.find_class("monthly-link")] == [urls.monthly(SLUG, year)]
    year_page = await page(client, urls.school_year(SLUG, 2569))
    assert year_page.get_element_by_id("monthly-link").get("href") == monthly_page

    # The year's page links a bundle's files only when one of its months is published, and they answer.
    months = await page(client, monthly_page)
    bundles = {li.get("id"): li for li in months.get_element_by_id("bundles").iter("li")}
    assert list(bundles) == [f"bundle-{n}" for n in ("q1", "q2", "q3", "q4", "h1", "year")]
    for name in ("q1", "h1", "year"):
        assert hrefs(bundles[f"bundle-{name}"]) == bundle_files(name)
    for name in ("q2", "q3", "q4"):
        assert hrefs(bundles[f"bundle-{name}"]) == []
        assert text(bundles[f"bundle-{name}"]).endswith("ยังไม่มีสรุปผลที่เผยแพร่")
        assert (await client.get(urls.monthly_bundle(SLUG, 2569, name, "pdf"))).status_code == 404
    for href in hrefs(months.get_element_by_id("bundles")):
        assert (await client.get(href)).status_code == 200, href
    # Web pages write numbers in Arabic digits (prakat.web.templating), the heading too.
    heading = text(months.find(".//h1"))
    assert heading == "สรุปผลการจัดซื้อจัดจ้างรายเดือน (แบบ สขร.1) ปีงบประมาณ พ.ศ. 2569"
    assert THAI_DIGITS.findall(text(months.find(".//main"))) == []

    # ITA 2569 (the agency list, the school's default): O11 is posted quarter by quarter, and the year.
    o11 = await page(client, urls.ita_item(SLUG, 2569, "O11"))
    section = o11.get_element_by_id("bundles")
    listed = {li.get("id"): li for li in section.find_class("bundles")[0].findall("li")}
    assert list(listed) == [f"bundle-{n}" for n in ("q1", "q2", "q3", "q4", "year")]
    for name in ("q1", "year"):
        assert hrefs(listed[f"bundle-{name}"]) == bundle_files(name)
    assert hrefs(listed["bundle-q2"]) == [] and text(listed["bundle-q2"]).endswith("ยังไม่มีสรุปผลที่เผยแพร่")
    assert o11.get_element_by_id("monthly-link").get("href") == monthly_page
    # Before the month-by-month evidence, where an assessor looks first.
    assert [e.get("id") for e in o11.xpath("//*[@id='bundles' or @id='evidence']")] == ["bundles", "evidence"]
    # Each month's own files are still there beside them.
    assert {li.get("id") for li in o11.get_element_by_id("evidence").findall("li")} == {
        f"evidence-{november}",
        f"evidence-{december}",
    }
    # 2568's O21 asks for the first six months of FY2568, of which nothing is published: h1, unlinked.
    o21 = await page(client, urls.ita_item(SLUG, 2568, "O21"))
    [h1] = o21.get_element_by_id("bundles").find_class("bundles")[0].findall("li")
    assert h1.get("id") == "bundle-h1" and hrefs(h1) == []
    assert o21.get_element_by_id("monthly-link", None) is None  # FY2568 has no page to lead to


async def test_what_is_missing_is_a_thai_404_under_the_schools_header(client: httpx.AsyncClient) -> None:
    school, actor = await factories.school(SLUG, name="โรงเรียนบ้านค้นหา")
    bought = await factories.awarded(actor, (await factories.vendor(actor, 1)).id, on=date(2025, 11, 5))
    november = await published(actor, 11)
    for path in (urls.monthly(SLUG, 9999), urls.monthly(SLUG, 2571), "/s/finder/no/such/page"):
        response = await client.get(path)
        thai_404(response)
        doc = html.fromstring(response.text)
        brand = doc.find(".//header//a")
        assert brand is not None
        assert (brand.get("href"), brand.text_content()) == (urls.school(SLUG), school.name)
        assert doc.get_element_by_id("back").get("href") == urls.school(SLUG)
    # A school that is not there: the site's own header.
    missing = await client.get(urls.monthly("nosuch", 2569))
    thai_404(missing)
    site = html.fromstring(missing.text).find(".//header//a")
    assert site is not None and site.get("href") == urls.home()
    # A bundle without a published month names its year as the pages do, with "พ.ศ.".
    empty = await client.get(urls.monthly_bundle(SLUG, 2569, "q3", "pdf"))
    thai_404(empty)
    assert "ปีงบประมาณ พ.ศ. 2569" in text(html.fromstring(empty.text).find(".//main"))

    # A CSV says its charset once.
    csv = await client.get(urls.summary_file(SLUG, november, "csv"))
    header = Message()
    header["content-type"] = csv.headers["content-type"]
    assert header.get_content_type() == "text/csv"
    assert [k for k, _ in header.get_params() or [] if k == "charset"] == ["charset"]
    assert header.get_param("charset") == "utf-8"

    # A correction must cite the month's newest summary: the message reads with its space.
    with pytest.raises(InvalidInput) as stale:
        await announcements.prepare(
            actor,
            AnnouncementDraft(
                kind=AnnouncementKind.MONTHLY_SUMMARY, year_be=2569, month=12, supersedes_id=november
            ),
        )
    assert stale.value.errors["supersedes_id"] == (
        "ประกาศที่แก้ไขหรือยกเลิก: ต้องเป็นสรุปผลการดำเนินการจัดซื้อจัดจ้างรายเดือน (แบบ สขร.1) ของเดือนเดียวกันที่เผยแพร่ล่าสุด"
    )
    # So does the refusal of a year without records, and of a kind that cannot correct another.
    _, bare = await factories.school("bare")
    with pytest.raises(InvalidInput) as no_records:
        await announcements.prepare(
            bare, AnnouncementDraft(kind=AnnouncementKind.MONTHLY_SUMMARY, year_be=2569, month=11)
        )
    label = AnnouncementKind.MONTHLY_SUMMARY.label
    assert f"จึงยังจัดทำ{label} ไม่ได้ เพราะ" in no_records.value.errors["year_be"]
    with pytest.raises(InvalidInput) as wrong_kind:
        await announcements.prepare(
            actor,
            AnnouncementDraft(
                kind=AnnouncementKind.WINNER_CANCEL, procurement_id=bought.id, supersedes_id=november
            ),
        )
    assert f"ใช้แก้ไขหรือยกเลิก{label} ไม่ได้" in " ".join(wrong_kind.value.errors.values())
