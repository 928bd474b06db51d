"""A monthly summary that no longer matches the records: a purchase entered after its month's summary
was published, or after the summary was sent for approval, is named on the workspace's months, on the
summary's own page and on the dashboard, never on a public page; a correction that freezes the records
again clears it. And the comparison itself: what the form shows of a purchase, nothing else."""

from __future__ import annotations

from datetime import UTC, date, datetime

import httpx
import msgspec
import pytest
from lxml import html

from prakat import clock, urls
from prakat.announcements import monthly, monthly_changes
from prakat.announcements import service as announcements
from prakat.announcements.schemas import AnnouncementDraft
from prakat.rules import AnnouncementKind
from tests import factories
from tests.web.helpers import make_user, sign_in
from tests.web.test_monthly_http import purchase

NOW = datetime(2026, 2, 3, 3, 0, tzinfo=UTC)
SLUG = "lateschool"
STALE = "ไม่ตรงกับข้อมูลปัจจุบัน"


@pytest.fixture(autouse=True)
def frozen_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "now", lambda: NOW)


def draft(month: int) -> AnnouncementDraft:
    return AnnouncementDraft(kind=AnnouncementKind.MONTHLY_SUMMARY, year_be=2569, month=month)


def months_alerts(page: str) -> dict[str, list[str]]:
    """Each month's row of the workspace's months: the purchases its alert names."""
    rows = html.fromstring(page).get_element_by_id("months").findall(".//tbody/tr")
    return {
        str(tr.get("id")): [li.text_content() for li in tr.xpath(".//div[contains(@class,'changes')]//li")]
        for tr in rows
    }


def overdue(page: str) -> list[str]:
    found = html.fromstring(page).xpath("//ul[@id='overdue']/li")
    return [li.text_content() for li in found]


def summary_alert(page: str) -> list[str]:
    return [li.text_content() for li in html.fromstring(page).xpath("//div[@id='month-changes']//li")]


async def test_a_late_purchase_is_named_until_a_correction_freezes_it(client: httpx.AsyncClient) -> None:
    _, actor = await factories.school(SLUG, name="โรงเรียนบ้านบันทึกช้า")
    shop = (await factories.vendor(actor, 1, "ร้านหนึ่ง")).id
    await purchase(actor, [shop], "ซื้อกระดาษ A4", date(2025, 11, 4), "11,990.50", True)
    november = await announcements.prepare(actor, draft(11))
    await announcements.submit(actor, november.id)
    november = await announcements.approve(actor, november.id)
    await make_user(actor, "late-officer", "officer")
    await sign_in(client, "late-officer")

    async def pages() -> tuple[dict[str, list[str]], list[str]]:
        months = (await client.get(urls.WS_MONTHLY.url(year=2569))).text
        return months_alerts(months), overdue((await client.get(urls.WS_DASHBOARD.url())).text)

    alerts, dashboard = await pages()
    assert alerts["month-11"] == [] and not [line for line in dashboard if STALE in line]

    # Entered late: awarded on 20 November, after November's summary was published.
    await purchase(actor, [shop], "จ้างซ่อมประตู", date(2025, 11, 20), "3,000", False)
    alerts, dashboard = await pages()
    assert alerts["month-11"] == ["จ้างซ่อมประตู: บันทึกเพิ่มหลังจัดทำสรุปผล"]
    assert [line for line in dashboard if STALE in line] == [
        "เดือนพฤศจิกายน พ.ศ. 2568: สรุปผลที่เผยแพร่แล้วไม่ตรงกับข้อมูลปัจจุบัน ควรจัดทำฉบับแก้ไข "
        "(1 รายการ: จ้างซ่อมประตู: บันทึกเพิ่มหลังจัดทำสรุปผล)"
    ]
    own_page = (await client.get(urls.WS_ANNOUNCEMENT.url(announcement_id=november.id))).text
    assert summary_alert(own_page) == ["จ้างซ่อมประตู: บันทึกเพิ่มหลังจัดทำสรุปผล"]
    # The public never sees the workspace's comparison: the summary is what was published.
    public = html.fromstring((await client.get(urls.monthly(SLUG, 2569))).text).text_content()
    assert STALE not in public and "จ้างซ่อมประตู" not in public

    # A correction in draft shows the records as they are; sent for approval it has frozen them.
    correction = await announcements.prepare(actor, draft(11))
    assert correction.supersedes_id == november.id
    alerts, dashboard = await pages()
    assert alerts["month-11"] == [] and not [line for line in dashboard if STALE in line]
    # Nor does the published one's page ask for a correction already under way.
    own_page = (await client.get(urls.WS_ANNOUNCEMENT.url(announcement_id=november.id))).text
    assert summary_alert(own_page) == []
    await announcements.submit(actor, correction.id)
    assert (await pages())[0]["month-11"] == []

    # December was sent for approval with nothing in it; a purchase of December is entered since:
    # the director is told before signing, on the summary's own page.
    december = await announcements.prepare(actor, draft(12))
    await announcements.submit(actor, december.id)
    await purchase(actor, [shop], "ซื้อหมึกพิมพ์", date(2025, 12, 15), "2,400", False)
    alerts, dashboard = await pages()
    assert alerts["month-12"] == ["ซื้อหมึกพิมพ์: บันทึกเพิ่มหลังจัดทำสรุปผล"]
    assert [line for line in dashboard if STALE in line] == [
        "เดือนธันวาคม พ.ศ. 2568: สรุปผลที่รออนุมัติไม่ตรงกับข้อมูลปัจจุบัน ควรส่งกลับเพื่อจัดทำใหม่ "
        "(1 รายการ: ซื้อหมึกพิมพ์: บันทึกเพิ่มหลังจัดทำสรุปผล)"
    ]
    pending = html.fromstring((await client.get(urls.WS_ANNOUNCEMENT.url(announcement_id=december.id))).text)
    alert = pending.get_element_by_id("month-changes")
    assert "ควรส่งกลับเพื่อจัดทำใหม่" in (alert.findtext("p") or "")
    # The superseded November is not compared any more once its correction is published.
    corrected = await announcements.approve(actor, correction.id)
    old_page = (await client.get(urls.WS_ANNOUNCEMENT.url(announcement_id=november.id))).text
    assert summary_alert(old_page) == []
    assert (await announcements.get_announcement(actor.school_id, corrected.id)).status == "published"
    assert (await pages())[0]["month-11"] == []


async def test_what_counts_as_a_change_is_what_the_form_shows(client: httpx.AsyncClient) -> None:
    _, actor = await factories.school(SLUG + "2", name="โรงเรียนบ้านเทียบ")
    shop = (await factories.vendor(actor, 1, "ร้านหนึ่ง")).id
    await purchase(actor, [shop], "ซื้อกระดาษ A4", date(2025, 11, 4), "11,990.50", True)
    await purchase(actor, [shop], "จ้างซ่อมประตู", date(2025, 11, 20), "3,000", False)
    summary = await announcements.prepare(actor, draft(11))
    await announcements.submit(actor, summary.id)
    summary = await announcements.approve(actor, summary.id)
    paper, door = monthly.result_set(summary.snapshot or {}).rows
    assert monthly_changes.changes([paper, door], [paper, door]) == ()
    # A status that moves on, a winner announced later: the form shows neither.
    later = msgspec.structs.replace(door, status="announced", status_label="ประกาศแล้ว", winner_announced=True)
    assert monthly_changes.changes([paper, door], [paper, later]) == ()
    signed = msgspec.structs.replace(door, contract_number="บส.9/2569", contract_date=date(2025, 11, 25))
    assert [c.text for c in monthly_changes.changes([paper, door], [signed, paper])] == [
        "จ้างซ่อมประตู: ข้อมูลเปลี่ยนหลังจัดทำสรุปผล"
    ]
    assert [c.text for c in monthly_changes.changes([paper, door], [door])] == [
        "ซื้อกระดาษ A4: ไม่อยู่ในเดือนนี้แล้ว (ยกเลิกหรือเปลี่ยนวันที่)"
    ]
