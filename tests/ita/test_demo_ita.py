"""The ITA self-check over the demo school (loaded once for the module, as `prakat demo --today
2026-11-26` leaves it: FY2568 and FY2569 finished, FY2570 two months old): its FY2569 (and FY2568)
against every item of the 2568 list and of both 2569 lists; one month's summary taken back, and exactly
the item that needs it fails, naming the month; FY2568's annual report taken back, and exactly the items
of 2569 that look back on it fail; the public pages (lxml) under either 2569 variant, the open-data files
(openpyxl, csv) and the dashboard's warnings."""

from __future__ import annotations

import csv
import io
from collections.abc import AsyncIterator, Iterator
from datetime import date
from typing import Any

import httpx
import msgspec
import pytest
from lxml import html
from openpyxl import load_workbook
from piccolo.engine.base import Engine

from prakat import clock
from prakat.annual import service as annual
from prakat.app import create_app
from prakat.db import tables as t
from prakat.db.connect import make_engine
from prakat.db.engine import bind, close_engine, open_engine
from prakat.exports import opendata as layouts
from prakat.ita import check, criteria, opendata, warnings
from prakat.ita.schemas import FileLink, ItemResult, Status
from prakat.ita.seed import VARIANT_TITLES
from prakat.schools.service import get_school_by_slug
from prakat.settings import Settings
from prakat.workflow import AnnouncementStatus
from tests.conftest import asgi_transport, demo_copy, drop_database

pytestmark = pytest.mark.db
TODAY = date(2026, 11, 26)
LISTS = ((2568, "all"), (2569, "agency"), (2569, "vocational"))


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    url = demo_copy(tmp_path_factory.mktemp("ita"), TODAY.isoformat())
    yield url
    drop_database(url)


@pytest.fixture(scope="module")
async def demo(demo_url: str, database: Engine) -> AsyncIterator[Engine]:  # type: ignore[type-arg]
    """The demo copy bound for this module; the worker's own database bound again afterwards."""
    engine = make_engine(demo_url)
    bind(engine)
    await open_engine(engine, 2)
    yield engine
    await close_engine(engine)
    bind(database)


@pytest.fixture(scope="module")
async def web(demo: Engine, settings: Settings) -> AsyncIterator[httpx.AsyncClient]:  # type: ignore[type-arg]
    app = create_app(settings, engine=demo)
    async with httpx.AsyncClient(transport=asgi_transport(app), base_url="http://testserver") as client:
        yield client


@pytest.fixture
def frozen(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "today_bangkok", lambda: TODAY)


async def _month_summary(school_id: int, year_be: int, month: int) -> int:
    row = (
        await t.Announcement.select(t.Announcement.id)
        .where(
            (t.Announcement.school == school_id)
            & (t.Announcement.kind == check.MONTHLY_KIND)
            & (t.Announcement.fiscal_year.year_be == year_be)
            & (t.Announcement.month == month)
            & (t.Announcement.status == AnnouncementStatus.PUBLISHED.value)
        )
        .first()
    )
    assert row is not None, f"the demo has no published summary of month {month}/{year_be}"
    return int(row["id"])


async def _annual_report(school_id: int, year_be: int) -> int:
    return (await annual.published_report(school_id, year_be)).id


class TakenBack:
    """A published announcement made unpublished for the duration (as a returned draft would be)."""

    def __init__(self, announcement_id: int) -> None:
        self.id = announcement_id

    async def __aenter__(self) -> None:
        await t.Announcement.update({t.Announcement.status: AnnouncementStatus.RETURNED.value}).where(
            t.Announcement.id == self.id
        )

    async def __aexit__(self, *_: Any) -> None:
        await t.Announcement.update({t.Announcement.status: AnnouncementStatus.PUBLISHED.value}).where(
            t.Announcement.id == self.id
        )


class Chosen:
    """The school's profile set to another ITA variant for the duration (the public page shows the
    chosen one)."""

    def __init__(self, school_id: int, variant: str) -> None:
        self.school_id, self.variant, self.before = school_id, variant, ""

    async def __aenter__(self) -> None:
        row = await t.School.select(t.School.ita_variant).where(t.School.id == self.school_id).first()
        assert row is not None
        self.before = str(row["ita_variant"])
        await t.School.update({t.School.ita_variant: self.variant}).where(t.School.id == self.school_id)

    async def __aexit__(self, *_: Any) -> None:
        await t.School.update({t.School.ita_variant: self.before}).where(t.School.id == self.school_id)


async def _every_item(school_id: int, fiscal_year_be: int) -> dict[tuple[int, str, str], ItemResult]:
    """Every item of the three lists, each checked against the demo's ``fiscal_year_be``."""
    school = await get_school_by_slug("demo")
    found = await check.published(school_id, {fiscal_year_be})
    variants = await criteria.variants(school_id)
    return {
        (year, code, item.code): check.check_item(school, item, fiscal_year_be, found, TODAY)
        for year, code in LISTS
        for item in criteria.choose(variants, year, code).items
    }


async def test_fy2569_passes_every_item_and_one_month_taken_back_fails_exactly_its_item(demo: Engine) -> None:  # type: ignore[type-arg]
    school = await get_school_by_slug("demo")
    before = await _every_item(school.id, 2569)
    assert len(before) == 8
    failing = {key: r.reasons for key, r in before.items() if r.status is not Status.PASSED}
    assert failing == {}
    assert all(r.evidence for r in before.values())
    january = await _month_summary(school.id, 2569, 1)
    async with TakenBack(january):
        after = await _every_item(school.id, 2569)
    changed = {key: r.reasons for key, r in after.items() if r.status is not Status.PASSED}
    # Exactly the items whose months include January fail, each naming that month and nothing else:
    # 2568's O21 (the first six months), 2569 agency's O11 and O12 and vocational's O11 (all twelve).
    missing = ("เดือนมกราคม พ.ศ. 2569 ยังไม่เผยแพร่",)
    assert changed == {
        (2568, "all", "O21"): missing,
        (2569, "agency", "O11"): missing,
        (2569, "agency", "O12"): missing,
        (2569, "vocational", "O11"): missing,
    }
    assert {key for key, r in after.items() if r == before[key]} == {
        (2568, "all", "O19"),
        (2568, "all", "O20"),
        (2568, "all", "O22"),
        (2569, "vocational", "O10"),
    }
    # As the assessment of 2569 sees it: O11 covers FY2569 and fails by that month alone; O12
    # covers FY2568, whose twelve months and annual report the demo published, and still passes.
    assessed = await check.assess(school, 2569, TODAY)
    o11, o12 = assessed.results
    assert (o11.item.code, o11.status, o11.fiscal_year_be) == ("O11", Status.PASSED, 2569)
    assert (o12.item.code, o12.status, o12.fiscal_year_be) == ("O12", Status.PASSED, 2568)
    async with TakenBack(january):
        again = await check.assess(school, 2569, TODAY)
    assert again.results[0].reasons == ("เดือนมกราคม พ.ศ. 2569 ยังไม่เผยแพร่",)
    assert again.results[1] == o12


async def test_fy2568_passes_too_and_its_annual_report_is_what_2569_looks_back_on(demo: Engine) -> None:  # type: ignore[type-arg]
    school = await get_school_by_slug("demo")
    earlier = await _every_item(school.id, 2568)
    assert {key: r.reasons for key, r in earlier.items() if r.status is not Status.PASSED} == {}
    # The 2569 items that cover the year before (agency O12, vocational O11) show FY2568's twelve
    # summaries and its annual report, with the report's PDF and XLSX.
    report = await _annual_report(school.id, 2568)
    for code, item in (("agency", "O12"), ("vocational", "O11")):
        result = (await check.assess(school, 2569, TODAY, code)).result(item)
        assert (result.status, result.fiscal_year_be, len(result.evidence)) == (Status.PASSED, 2568, 13)
        assert result.evidence[-1].files == (
            FileLink("PDF", f"/s/demo/pdf/{report}.pdf"),
            FileLink("XLSX", "/s/demo/annual-report/2568/report.xlsx"),
        )
    # Taken back, exactly those two fail, each for the report alone.
    async with TakenBack(report):
        after = {
            (code, r.item.code): r.reasons
            for code in ("agency", "vocational")
            for r in (await check.assess(school, 2569, TODAY, code)).results
            if r.status is not Status.PASSED
        }
    missing = ("ยังไม่มีรายงานผลการจัดซื้อจัดจ้างประจำปีงบประมาณ พ.ศ. 2568",)
    assert after == {("agency", "O12"): missing, ("vocational", "O11"): missing}


def _items(page: html.HtmlElement) -> dict[str, tuple[str, str]]:
    """Each item row of an ITA page: its status and the fiscal year it covers, by row id."""
    rows = page.get_element_by_id("ita-items").findall(".//tbody/tr")
    return {str(r.get("id")): (str(r.get("data-status")), r.findall("td")[2].text_content()) for r in rows}


async def test_public_pages(web: httpx.AsyncClient, frozen: None) -> None:
    # The page shows the list the school chose in its profile (the demo keeps the default, agency);
    # under either 2569 list every item passes, the year before included.
    page = html.fromstring((await web.get("/s/demo/ita/2569/")).text)
    assert page.get_element_by_id("variant").text == VARIANT_TITLES["agency"]
    assert _items(page) == {"item-O11": ("passed", "พ.ศ. 2569"), "item-O12": ("passed", "พ.ศ. 2568")}
    school = await get_school_by_slug("demo")
    async with Chosen(school.id, "vocational"):
        vocational = html.fromstring((await web.get("/s/demo/ita/2569/")).text)
    assert vocational.get_element_by_id("variant").text == VARIANT_TITLES["vocational"]
    assert _items(vocational) == {"item-O10": ("passed", "พ.ศ. 2569"), "item-O11": ("passed", "พ.ศ. 2568")}
    rows = page.get_element_by_id("ita-items").findall(".//tbody/tr")
    links = [str(a.get("href")) for r in rows for a in r.find_class("item-link")]
    assert links == ["/s/demo/ita/2569/O11/", "/s/demo/ita/2569/O12/"]
    files = [a.get("href") for a in page.get_element_by_id("open-data").iter("a")]
    assert files == [
        f"/s/demo/open-data/{fy}/{f}"
        for fy in (2569, 2568)
        for f in ("results.xlsx", "results.csv", "ita-o10.xlsx", "ita-o10.csv")
    ]
    # One item's page: exactly its evidence, the twelve monthly summaries with their PDFs.
    item = html.fromstring((await web.get(links[0])).text)
    assert item.get_element_by_id("status").get("data-status") == "passed"
    evidence = item.get_element_by_id("evidence").findall("li")
    assert len(evidence) == 12
    files_of = [
        {str(a.get("data-format")): str(a.get("href")) for a in li.find_class("file")} for li in evidence
    ]
    assert all(set(f) == {"PDF", "XLSX", "CSV"} for f in files_of)
    # One of each download is enough to show the links are real.
    for fmt, media in (("PDF", "application/pdf"), ("XLSX", "application/vnd.openxml"), ("CSV", "text/csv")):
        got = await web.get(files_of[0][fmt])
        assert got.status_code == 200 and got.headers["content-type"].startswith(media)
    # O12's page: FY2568's twelve summaries, then its annual report with the report's PDF and XLSX.
    o12 = html.fromstring((await web.get(links[1])).text)
    assert o12.get_element_by_id("status").get("data-status") == "passed"
    evidence = o12.get_element_by_id("evidence").findall("li")
    assert len(evidence) == 13
    report = await _annual_report(school.id, 2568)
    assert evidence[-1].get("id") == f"evidence-{report}"
    report_files = {str(a.get("data-format")): str(a.get("href")) for a in evidence[-1].find_class("file")}
    assert report_files == {
        "PDF": f"/s/demo/pdf/{report}.pdf",
        "XLSX": "/s/demo/annual-report/2568/report.xlsx",
    }
    pdf, xlsx = await web.get(report_files["PDF"]), await web.get(report_files["XLSX"])
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
    assert load_workbook(io.BytesIO(xlsx.content)).sheetnames
    # The home page leads to both years with criteria. 2568's list passes for FY2568, but its O22 looks
    # back on FY2567, before the demo's records begin.
    home = html.fromstring((await web.get("/s/demo/")).text)
    assert [a.get("href") for a in home.find_class("ita-link")] == ["/s/demo/ita/2569/", "/s/demo/ita/2568/"]
    older = html.fromstring((await web.get("/s/demo/ita/2568/")).text)
    assert _items(older) == {
        **{f"item-O{n}": ("passed", "พ.ศ. 2568") for n in (19, 20, 21)},
        "item-O22": ("failed", "พ.ศ. 2567"),
    }
    # A year without criteria is a Thai 404, never a 500.
    missing = await web.get("/s/demo/ita/2571/")
    assert missing.status_code == 404
    assert "ไม่พบเกณฑ์การประเมิน ITA ของปี พ.ศ. 2571" in html.fromstring(missing.text).text_content()
    assert (await web.get("/s/demo/ita/2569/O99/")).status_code == 404
    assert (await web.get("/s/demo/open-data/2569/other.xlsx")).status_code == 404
    assert (await web.get("/s/demo/open-data/2540/results.csv")).status_code == 404


async def test_open_data_files_hold_the_published_rows(web: httpx.AsyncClient, frozen: None) -> None:
    school = await get_school_by_slug("demo")
    published = await opendata.published_rows(school.id, 2569)
    assert len(published.rows) > 30 and all(r.winner_announced for r in published.rows)
    for layout in (layouts.OPEN_DATA_16, layouts.ITA_O10):
        xlsx = await web.get(f"/s/demo/open-data/2569/{layout.key}.xlsx")
        sheet = load_workbook(io.BytesIO(xlsx.content)).active
        assert sheet is not None
        cells = [list(r) for r in sheet.iter_rows(values_only=True)]
        raw = await web.get(f"/s/demo/open-data/2569/{layout.key}.csv")
        assert raw.content.startswith(b"\xef\xbb\xbf") and raw.headers["content-type"].startswith("text/csv")
        lines = list(csv.reader(io.StringIO(raw.content.decode("utf-8-sig"))))
        assert cells[0] == lines[0] == list(layout.headers)
        assert len(cells) == len(lines) == len(published.rows) + 1
        assert all(v is not None and str(v).strip() for r in cells for v in r)
        assert all(v.strip() for r in lines for v in r)
        agreed = list(layout.headers).index("ราคาที่ตกลงซื้อหรือจ้าง")
        total = sum(r.agreed_price for r in published.rows if r.agreed_price is not None)
        assert round(sum(r[agreed] for r in cells[1:]), 2) == float(total)  # numbers, not text


async def test_dashboard_warnings(demo: Engine) -> None:  # type: ignore[type-arg]
    school = await get_school_by_slug("demo")
    # FY2570 has begun and its assessment year's criteria are not out yet (the seed ends at 2569).
    no_2570 = (
        "ยังไม่มีเกณฑ์การประเมิน ITA ปี พ.ศ. 2570 ในระบบ จึงยังตรวจความพร้อมของปีนี้ไม่ได้ "
        "ผู้ดูแลระบบเพิ่มได้ที่ “เกณฑ์ ITA” (คัดลอกจากปีก่อน แล้วแก้ให้ตรงกับคู่มือการประเมินของปีนั้น)"
    )
    assert await warnings.warnings(school, TODAY) == [no_2570]
    january = "ยังไม่ได้เผยแพร่สรุปผลการจัดซื้อจัดจ้างเดือนมกราคม พ.ศ. 2569"
    async with TakenBack(await _month_summary(school.id, 2569, 1)):
        late = f"{january} (เกิน 15 วันหลังสิ้นเดือนแล้ว)"
        assert await warnings.warnings(school, TODAY) == [no_2570, late]
        # 15 days after the month's end by default; the school's own number of days when it sets one.
        assert await warnings.warnings(school, date(2026, 2, 15)) == []
        assert await warnings.warnings(school, date(2026, 2, 16)) == [late]
        patient = msgspec.structs.replace(school, summary_grace_days=30)
        assert await warnings.warnings(patient, date(2026, 2, 16)) == []
    # The 2569 list's O12 asks for FY2568's annual report; its window opens on 1 April 2569 (item data).
    # The demo published it on 20 October 2568: taken back, the dashboard warns from that day on.
    assert await warnings.warnings(school, date(2026, 4, 1)) == []
    async with TakenBack(await _annual_report(school.id, 2568)):
        assert await warnings.warnings(school, date(2026, 3, 31)) == []
        assert await warnings.warnings(school, date(2026, 4, 1)) == [
            "ยังไม่ได้เผยแพร่รายงานผลการจัดซื้อจัดจ้างประจำปีงบประมาณ พ.ศ. 2568 ซึ่งข้อ O12 ของเกณฑ์ ITA ปี พ.ศ. 2569 ใช้ "
            "(ช่วงการประเมินเริ่ม 1/4/2569)"
        ]
