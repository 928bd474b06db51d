"""The public pages, parsed as HTML."""

from __future__ import annotations

import io
import re
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
from fontTools.ttLib import TTFont  # type: ignore[import-untyped]
from lxml import html

from prakat import clock
from prakat.plans import service as plans
from tests import factories

TODAY = datetime(2025, 12, 1, 5, 0, tzinfo=UTC)  # FY2569


@pytest.fixture(autouse=True)
def frozen_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "now", lambda: TODAY)


async def _school_with_records() -> Any:
    school, actor = await factories.school("banna", name='โรงเรียนบ้านนา <ทดสอบ> & "คำพูด"')
    plan = await plans.create_plan(actor, 2569)
    for name in ("กระดาษถ่ายเอกสาร A4", "ซ่อมแซมหลังคาอาคารเรียน"):
        await plans.add_plan_item(
            actor,
            plan.id,
            plans.parse_plan_item(
                {
                    "name": name,
                    "kind": "buy",
                    "budget": "12,500.25",
                    "budget_source": "per_head_subsidy",
                    "category": "operating",
                    "planned_method": "specific",
                    "expected_month": "11/2568",
                },
                2569,
            ),
        )
    await factories.publish(actor, "plan", plan_id=plan.id)
    vendor = await factories.vendor(actor, 3, name="ห้างหุ้นส่วนจำกัด รุ่งเรือง")
    awarded = await factories.awarded(actor, vendor.id)
    await factories.publish(actor, "winner", procurement_id=awarded.id)
    await factories.procurement(actor, subject="งานที่ยังเป็นร่าง")  # a draft: never public
    return school


def _cells(doc: Any, table_id: str) -> list[list[str]]:
    return [
        [td.text_content().strip() for td in tr.findall("td")]
        for tr in doc.get_element_by_id(table_id).iter("tr")
    ][1:]


async def test_year_page_shows_the_school_plan_and_published_procurements(client: httpx.AsyncClient) -> None:
    school = await _school_with_records()
    response = await client.get("/s/banna/2569/")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    doc = html.fromstring(response.text)
    assert doc.get("lang") == "th"
    assert doc.findtext(".//h1") == school.name  # quotes and brackets escaped, shown as typed
    plan_rows = _cells(doc, "plan-table")
    assert [r[1] for r in plan_rows[:-1]] == ["กระดาษถ่ายเอกสาร A4", "ซ่อมแซมหลังคาอาคารเรียน"]
    assert plan_rows[0][2] == "12,500.25"
    assert plan_rows[-1][2] == "25,000.50"  # total, exact
    assert plan_rows[0][5] == "พฤศจิกายน 2568"
    procurement_rows = _cells(doc, "procurement-table")
    assert len(procurement_rows) == 1  # the draft stays private
    assert procurement_rows[0][0] == "กระดาษถ่ายเอกสาร A4"
    assert procurement_rows[0][3] == "ห้างหุ้นส่วนจำกัด รุ่งเรือง 3"
    assert procurement_rows[0][4] == "11,990.50"
    assert procurement_rows[0][5] == "5 พ.ย. 68"
    canonical = doc.find(".//link[@rel='canonical']")
    assert canonical is not None and canonical.get("href") == "/s/banna/2569/"
    # The home page of a one-school install is the school's home, under its own canonical URL.
    home = html.fromstring((await client.get("/")).text)
    assert home.findtext(".//h1") == school.name
    canonical = home.find(".//link[@rel='canonical']")
    assert canonical is not None and canonical.get("href") == "/s/banna/"


async def test_school_page_is_the_same_as_home(client: httpx.AsyncClient) -> None:
    await _school_with_records()
    home = html.fromstring((await client.get("/")).text)
    page = html.fromstring((await client.get("/s/banna/")).text)
    assert home.findtext(".//h1") == page.findtext(".//h1")


async def test_several_schools_are_listed(client: httpx.AsyncClient) -> None:
    await factories.school("one")
    await factories.school("two")
    doc = html.fromstring((await client.get("/")).text)
    links = [a.get("href") for a in doc.get_element_by_id("schools").iter("a")]
    assert links == ["/s/one/", "/s/two/"]


@pytest.mark.parametrize("path", ["/s/nobody/", "/no-such-page", "/s/%3Cscript%3E/"])
async def test_unknown_pages_are_a_thai_404(client: httpx.AsyncClient, path: str) -> None:
    await factories.school("one")
    response = await client.get(path)
    assert response.status_code == 404
    doc = html.fromstring(response.text)
    assert doc.findtext(".//h1") == "ไม่พบหน้านี้"
    assert "<script>" not in doc.text_content()


async def test_empty_school_says_nothing_is_published_yet(client: httpx.AsyncClient) -> None:
    await factories.school("empty")
    doc = html.fromstring((await client.get("/s/empty/")).text)
    empties = [p.text_content() for p in doc.find_class("empty")]
    assert len(empties) == 2
    assert doc.find(".//table") is None


@pytest.mark.parametrize("path", ["/", "/s/one/", "/healthz"])
async def test_pages_answer_head(client: httpx.AsyncClient, path: str) -> None:
    await factories.school("one")
    response = await client.head(path)
    assert response.status_code == 200
    assert response.content == b""


async def test_pages_use_sarabun_served_by_prakat(client: httpx.AsyncClient) -> None:
    await factories.school("one")
    doc = html.fromstring((await client.get("/")).text)
    css = "".join(style.text_content() for style in doc.iter("style"))
    urls = re.findall(r'url\("([^"]+)"\)', css)
    assert urls, "no @font-face in the page"
    for url in urls:
        font = await client.get(url)
        assert font.status_code == 200
        assert TTFont(io.BytesIO(font.content))["name"].getBestFamilyName() == "Sarabun"
        assert "max-age" in font.headers["cache-control"]
