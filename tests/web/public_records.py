"""What the public-page tests read: one school with every kind of publication and a draft, made
through the services, and the clock frozen at the day they are read. Shared by test_public_pages.py
and test_public_announcement_pages.py, which import the fixtures by name (pytest finds them there)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import pytest

from prakat import clock
from prakat.announcements import service as announcements
from prakat.announcements.schemas import AnnouncementDraft
from prakat.audit import Actor
from prakat.plans import service as plans
from prakat.rules import AnnouncementKind
from tests import factories

TODAY = datetime(2026, 1, 15, 5, 0, tzinfo=UTC)  # FY2569, its first quarter over
SCHOOL_NAME = 'โรงเรียนบ้านนา <ทดสอบ> & "คำพูด"'
NASTY = '<script>alert(1)</script> "quotes" & emoji 🎉'
E_BIDDING = "วิธีประกาศเชิญชวนทั่วไป ด้วยวิธีประกวดราคาอิเล็กทรอนิกส์ (e-bidding)"


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


@pytest.fixture(name="records")  # named apart: the tests' `records` argument shadows no import
async def records_fixture(db: Any) -> Records:
    return await _records()
