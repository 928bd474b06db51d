"""Announcements about a fiscal year rather than one plan or procurement: the quarterly winners
announcement (ว 119 / ข้อ 79 วรรคสอง purchases, and specific-method purchases not announced one by
one) and the no-plan statement."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from piccolo.engine.base import Engine

from prakat.announcements import service as announcements
from prakat.announcements import wording
from prakat.announcements.schemas import Announcement, AnnouncementDraft
from prakat.audit import Actor
from prakat.errors import Conflict, InvalidInput
from prakat.procurements import service as procurements
from prakat.rules import AnnouncementKind, rules_for
from prakat.workflow import ProcurementStatus
from tests import factories

W119 = {"method": "specific_w119", "budget": "9,000", "subject": "วัสดุจัดกิจกรรมวันภาษาไทย"}


async def awarded_on(actor: Actor, vendor_id: int, day: date, **overrides: Any) -> int:
    found = await factories.awarded(
        actor,
        vendor_id,
        bid="8,000",
        price="7,950.25",
        on=day,
        reason="จัดซื้อเพื่อใช้ในกิจกรรมของโรงเรียน",
        contract_number="บส.1/2569",
        requested_on=day,
        **overrides,
    )
    return found.id


async def quarterly(actor: Actor, year_be: int, quarter: int) -> Announcement:
    return await announcements.prepare(
        actor, AnnouncementDraft(kind=AnnouncementKind("quarterly_winners"), year_be=year_be, quarter=quarter)
    )


async def test_a_quarter_lists_its_small_purchases_and_closes_them(db: Engine) -> None:  # type: ignore[type-arg]
    _, actor = await factories.school()
    vendor = await factories.vendor(actor)
    in_q1 = await awarded_on(actor, vendor.id, date(2025, 10, 20), **W119)
    urgent = await awarded_on(
        actor, vendor.id, date(2025, 12, 30), method="specific_urgent_79", method_reason="หลังคารั่วหลังพายุ"
    )
    chosen_quarterly = await awarded_on(actor, vendor.id, date(2025, 11, 11))  # specific, no own winner
    own_winner = await awarded_on(actor, vendor.id, date(2025, 11, 12))
    await factories.publish(actor, "winner", procurement_id=own_winner)
    await awarded_on(actor, vendor.id, date(2026, 1, 5), **W119)  # second quarter
    cancelled = await awarded_on(actor, vendor.id, date(2025, 11, 1), **W119)
    await procurements.move_status(actor, cancelled, ProcurementStatus.CANCELLED)

    draft = await quarterly(actor, 2569, 1)
    assert draft.subject.endswith("ประจำไตรมาสที่ 1 ปีงบประมาณ พ.ศ. 2569 (ตุลาคม - ธันวาคม 2568)")
    submitted = await announcements.submit(actor, draft.id)
    assert submitted.snapshot is not None
    items = submitted.snapshot["quarter"]["items"]
    assert [i["procurement_id"] for i in items] == [in_q1, chosen_quarterly, urgent]
    assert submitted.snapshot["quarter"]["total"] == "23850.75"
    assert items[2]["reason"] == "จัดซื้อเพื่อใช้ในกิจกรรมของโรงเรียน"
    text = " ".join(wording.paragraphs(submitted.kind, submitted.subject, "", submitted.snapshot))
    assert "จำนวน 3 รายการ รวมเป็นเงินทั้งสิ้น 23,850.75 บาท (สองหมื่นสามพันแปดร้อยห้าสิบบาทเจ็ดสิบห้าสตางค์)" in text

    # With the director, the quarter is held: its purchases' winners cannot change, and no award
    # can be back-dated into it.
    with pytest.raises(Conflict, match="ไตรมาสที่ 1"):
        await procurements.remove_award(actor, in_q1)
    late = await factories.procurement(actor, requested_on=date(2025, 10, 2), **W119)
    late = await procurements.add_bid(
        actor, late.id, procurements.parse_bid({"vendor_id": vendor.id, "amount": "900"})
    )
    with pytest.raises(InvalidInput) as refused:
        await procurements.award(
            actor,
            late.id,
            procurements.parse_award(
                {
                    "bid_id": late.bids[0].id,
                    "agreed_price": "900",
                    "awarded_on": date(2025, 10, 3),
                    "reason": "x",
                }
            ),
        )
    assert "ไตรมาสที่ 1" in refused.value.errors["awarded_on"]

    published = await announcements.approve(actor, draft.id)
    assert published.status == "published" and published.quarter == 1 and published.pdf_sha256
    for pid in (in_q1, urgent, chosen_quarterly):
        assert (await procurements.get_procurement(actor.school_id, pid)).status == ProcurementStatus.AWARDED
    with pytest.raises(Conflict, match="เผยแพร่แล้ว"):
        await quarterly(actor, 2569, 1)
    # The next quarter is its own announcement.
    assert (await quarterly(actor, 2569, 2)).quarter == 2


async def test_a_quarter_is_submitted_only_once_it_has_ended(db: Engine) -> None:  # type: ignore[type-arg]
    _, actor = await factories.school()
    draft = await quarterly(actor, 2570, 2)  # January–March 2027: not over on 26 November 2026
    with pytest.raises(InvalidInput) as refused:
        await announcements.submit(actor, draft.id)
    assert "31 มีนาคม พ.ศ. 2570" in refused.value.errors["quarter"]
    with pytest.raises(Conflict):
        await quarterly(actor, 2570, 2)  # one draft per quarter


async def test_an_empty_quarter_says_so(db: Engine) -> None:  # type: ignore[type-arg]
    _, actor = await factories.school()
    draft = await quarterly(actor, 2569, 3)
    await announcements.submit(actor, draft.id)
    published = await announcements.approve(actor, draft.id)
    assert published.snapshot is not None and published.snapshot["quarter"]["items"] == []
    text = wording.paragraphs(published.kind, published.subject, "", published.snapshot)
    assert "ไม่มีการจัดซื้อจัดจ้างที่ต้องประกาศผล" in text[-1]


@pytest.mark.parametrize(
    ("raw", "field"),
    [
        ({"kind": "quarterly_winners", "year_be": "2569"}, "quarter"),
        ({"kind": "quarterly_winners", "year_be": "2569", "quarter": "5"}, "quarter"),
        ({"kind": "quarterly_winners", "quarter": "1"}, "year_be"),
        ({"kind": "no_plan_statement", "year_be": "25x9"}, "year_be"),
        ({"kind": "no_plan_statement"}, "year_be"),
    ],
)
def test_year_level_drafts_need_their_year_and_quarter(raw: dict[str, str], field: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        announcements.parse_draft(raw)
    assert field in refused.value.errors
    assert refused.value.errors[field].startswith(("ปีงบประมาณ", "ไตรมาส"))


async def test_no_plan_statement_only_when_every_purchase_is_within_the_exemption(db: Engine) -> None:  # type: ignore[type-arg]
    _, actor = await factories.school()
    await factories.procurement(actor, budget="480,000")
    draft = await announcements.prepare(
        actor, AnnouncementDraft(kind=AnnouncementKind("no_plan_statement"), year_be=2569)
    )
    assert draft.subject == "ไม่มีการจัดทำแผนการจัดซื้อจัดจ้าง ประจำปีงบประมาณ พ.ศ. 2569"
    # A purchase over the limit entered after the draft: submitting re-checks and names it.
    big = await factories.procurement(
        actor, budget="650,000", method="e_bidding", subject="ครุภัณฑ์ห้องปฏิบัติการวิทยาศาสตร์"
    )
    with pytest.raises(InvalidInput) as refused:
        await announcements.submit(actor, draft.id)
    message = refused.value.errors["year_be"]
    assert "500,000" in message and "ครุภัณฑ์ห้องปฏิบัติการวิทยาศาสตร์" in message
    await procurements.move_status(actor, big.id, ProcurementStatus.CANCELLED)

    await announcements.submit(actor, draft.id)
    published = await announcements.approve(actor, draft.id)
    assert published.snapshot is not None
    rules = rules_for(2569)
    assert published.snapshot["no_plan"] == {
        "year_be": 2569,
        "limit": "500000",
        "clause": "มาตรา 56 วรรคหนึ่ง (2) (ข)",
        "rule": rules.plan_exemption_rule,
    }
    text = " ".join(wording.paragraphs(published.kind, published.subject, "", published.snapshot))
    assert "ไม่มีการจัดซื้อจัดจ้างที่มีวงเงินเกิน 500,000 บาท" in text
    assert "เว้นแต่การจัดซื้อจัดจ้างตามมาตรา 56 วรรคหนึ่ง (2) (ข) ซึ่งมีวงเงินครั้งหนึ่งไม่เกิน 500,000 บาท" in text
    assert "เล็กน้อย" not in text
    with pytest.raises(Conflict, match="2569"):
        await announcements.prepare(
            actor, AnnouncementDraft(kind=AnnouncementKind("no_plan_statement"), year_be=2569)
        )


async def test_no_plan_statement_refused_once_a_plan_is_published(db: Engine) -> None:  # type: ignore[type-arg]
    from prakat.plans import service as plans

    _, actor = await factories.school()
    plan = await plans.create_plan(actor, 2569)
    await plans.add_plan_item(actor, plan.id, plans.parse_plan_item(factories.PLAN_ITEM, 2569))
    await factories.publish(actor, "plan", plan_id=plan.id)
    with pytest.raises(Conflict, match="เผยแพร่แผน"):
        await announcements.prepare(
            actor, AnnouncementDraft(kind=AnnouncementKind("no_plan_statement"), year_be=2569)
        )
