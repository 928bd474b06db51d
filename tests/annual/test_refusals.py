"""What a school cannot certify: a monthly summary or an annual report of a fiscal year it has kept no
record of here (it would say "ไม่มีการจัดซื้อจัดจ้าง" for months never recorded), and an annual report
whose four written parts are not all written (refused when sent for approval, naming the parts, on
the workspace page too)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import httpx
import pytest
from lxml import html

from prakat import clock, urls
from prakat.announcements import service as announcements
from prakat.announcements.schemas import AnnouncementDraft
from prakat.annual import texts
from prakat.db import tables as t
from prakat.errors import InvalidInput
from prakat.rules import AnnouncementKind
from tests import factories
from tests.web.helpers import make_user, post_form, sign_in

NOW = datetime(2026, 11, 10, 3, 0, tzinfo=UTC)  # FY2569 over; FY2570 in its second month


@pytest.fixture(autouse=True)
def frozen_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "now", lambda: NOW)


def monthly(year_be: int, month: int) -> AnnouncementDraft:
    return AnnouncementDraft(kind=AnnouncementKind.MONTHLY_SUMMARY, year_be=year_be, month=month)


def report(year_be: int) -> AnnouncementDraft:
    return AnnouncementDraft(kind=AnnouncementKind.ANNUAL_REPORT, year_be=year_be)


async def test_no_summary_or_report_of_a_year_without_records(client: httpx.AsyncClient) -> None:
    _, actor = await factories.school("norecords")
    shop = await factories.vendor(actor, 1)
    await factories.awarded(actor, shop.id, price="5,000", on=date(2026, 3, 2))  # FY2569 only
    for draft in (monthly(2568, 10), report(2568)):
        with pytest.raises(InvalidInput) as refused:
            await announcements.prepare(actor, draft)
        assert refused.value.errors["year_be"].startswith(
            "ปีงบประมาณ: ยังไม่มีข้อมูลการจัดซื้อจัดจ้างของปีงบประมาณ พ.ศ. 2568 ในระบบ"
        )
    # Nothing was written by the refusals (not even the fiscal year).
    assert not await t.FiscalYear.exists().where(
        (t.FiscalYear.school == actor.school_id) & (t.FiscalYear.year_be == 2568)
    )
    # A year with records: an empty month of it is a summary that says so (April had none here).
    # and its preview tells the officer and the director what approving it certifies.
    april = await announcements.prepare(actor, monthly(2569, 4))
    march = await announcements.prepare(actor, monthly(2569, 3))
    await make_user(actor, "norecords-officer", "officer")
    await sign_in(client, "norecords-officer")
    for summary, empty in ((april, True), (march, False)):
        page = html.fromstring((await client.get(urls.WS_ANNOUNCEMENT.url(announcement_id=summary.id))).text)
        assert bool(page.xpath("//div[@id='month-empty']")) is empty


async def test_an_annual_report_needs_its_four_written_parts(client: httpx.AsyncClient) -> None:
    _, actor = await factories.school("unwritten")
    shop = await factories.vendor(actor, 1)
    await factories.awarded(actor, shop.id, price="5,000", on=date(2026, 3, 2))
    draft = await announcements.prepare(actor, report(2569))
    with pytest.raises(InvalidInput) as refused:
        await announcements.submit(actor, draft.id)
    titles = [f"“{info.title}”" for info in texts.PARTS]
    assert refused.value.errors["texts"] == (
        "ส่วนที่โรงเรียนเขียน: ยังไม่ได้เขียน " + " ".join(titles) + " ของปีงบประมาณ พ.ศ. 2569 "
        "เขียนได้ที่หน้ารายงานผลการจัดซื้อจัดจ้างประจำปี แล้วจึงส่งขออนุมัติ"
    )
    # Three written, one left blank (spaces only): the one is named, and the page says so too.
    await texts.save_texts(
        actor,
        2569,
        texts.parse_texts(
            {"risk": "ความเสี่ยง", "problems": "ปัญหา", "savings": "ประหยัด", "improvements": "   "}
        ),
    )
    await make_user(actor, "unwritten-officer", "officer")
    await sign_in(client, "unwritten-officer")
    page_url = urls.WS_ANNOUNCEMENT.url(announcement_id=draft.id)
    answer = await post_form(client, page_url, page_url + "/submit", {})
    assert answer.status_code == 400
    shown = html.fromstring(answer.text).get_element_by_id("form-errors").text_content()
    assert f"ยังไม่ได้เขียน “{texts.PART_INFO[texts.Part.IMPROVEMENTS].title}” ของปีงบประมาณ" in shown
    assert texts.PART_INFO[texts.Part.RISK].title not in shown
    assert (await announcements.get_announcement(actor.school_id, draft.id)).status == "draft"
    await texts.save_texts(actor, 2569, {texts.Part.IMPROVEMENTS: "ปรับปรุง"})
    submitted = await announcements.submit(actor, draft.id)
    assert submitted.status == "submitted"
