"""The approval workflow: roles, returns, the head's review, freezing, corrections, sequences."""

from __future__ import annotations

import asyncio
from decimal import Decimal

import pytest
from piccolo.engine.base import Engine

from prakat import clock, sitepages
from prakat.announcements import service as announcements
from prakat.announcements.schemas import AnnouncementDraft
from prakat.audit import Actor
from prakat.db import tables as t
from prakat.errors import Conflict, Forbidden, InvalidInput
from prakat.plans import service as plans
from prakat.procurements import service as procurements
from prakat.rules import AnnouncementKind
from prakat.workflow import ProcurementStatus
from tests import factories


async def user(actor: Actor, role: str, name: str, position: str = "") -> Actor:
    row = t.User(
        school=actor.school_id,
        username=f"{role}-{actor.school_id}-{name}",
        display_name=name,
        position=position,
        role=role,
        created_at=clock.now(),
    )
    await row.save()
    return Actor(school_id=actor.school_id, user_id=row.id, label=row.username, role=role)


async def setup() -> tuple[Actor, Actor, Actor, Actor, int]:
    _, system = await factories.school()
    officer = await user(system, "officer", "ครูสมศรี")
    head = await user(system, "head", "ครูสมชาย")
    director = await user(system, "director", "นายใหญ่ ใจดี", "ผู้อำนวยการโรงเรียนทดสอบ")
    vendor = await factories.vendor(system)
    p = await factories.awarded(system, vendor.id)
    return officer, head, director, system, p.id


async def draft_winner(officer: Actor, procurement_id: int) -> int:
    drafted = await announcements.prepare(
        officer, AnnouncementDraft(kind=AnnouncementKind("winner"), procurement_id=procurement_id)
    )
    return drafted.id


async def test_officer_drafts_and_submits_director_approves(db: Engine) -> None:  # type: ignore[type-arg]
    officer, _, director, _, pid = await setup()
    aid = await draft_winner(officer, pid)
    submitted = await announcements.submit(officer, aid)
    assert submitted.status == "submitted"
    assert submitted.snapshot is not None
    assert submitted.snapshot["procurement"]["award"]["agreed_price"] == "11990.50"
    with pytest.raises(Forbidden):
        await announcements.approve(officer, aid)
    published = await announcements.approve(director, aid)
    assert published.status == "published"
    assert published.number == "1/2569"
    assert published.sequence == 1
    assert (published.signer_name, published.signer_position) == ("นายใหญ่ ใจดี", "ผู้อำนวยการโรงเรียนทดสอบ")
    assert published.approved_by == director.user_id
    assert published.snapshot == submitted.snapshot  # what the director saw is what is published
    proc = await procurements.get_procurement(officer.school_id, pid)
    assert proc.status == ProcurementStatus.AWARDED


async def test_roles_are_enforced_in_the_services(db: Engine) -> None:  # type: ignore[type-arg]
    officer, head, director, _, pid = await setup()
    with pytest.raises(Forbidden, match="ผู้อำนวยการไม่มีสิทธิ์บันทึกและแก้ไขข้อมูล"):
        await announcements.prepare(
            director, AnnouncementDraft(kind=AnnouncementKind("winner"), procurement_id=pid)
        )
    aid = await draft_winner(officer, pid)
    with pytest.raises(Forbidden):
        await announcements.submit(director, aid)
    await announcements.submit(officer, aid)
    with pytest.raises(Forbidden):
        await announcements.review(officer, aid)
    with pytest.raises(Forbidden):
        await announcements.approve(head, aid)
    with pytest.raises(Forbidden):
        await procurements.add_bid(director, pid, procurements.parse_bid({"vendor_id": 1, "amount": "1"}))
    assert (await announcements.get_announcement(officer.school_id, aid)).status == "submitted"


async def test_return_needs_a_comment_and_reopens_the_draft(db: Engine) -> None:  # type: ignore[type-arg]
    officer, _, director, _, pid = await setup()
    aid = await draft_winner(officer, pid)
    await announcements.submit(officer, aid)
    with pytest.raises(InvalidInput) as caught:
        await announcements.return_for_changes(director, aid, "   ")
    assert caught.value.errors["comment"].startswith("ความเห็น")
    returned = await announcements.return_for_changes(director, aid, "ชื่อผู้ชนะสะกดผิด")
    assert (returned.status, returned.return_comment, returned.snapshot) == ("returned", "ชื่อผู้ชนะสะกดผิด", None)
    # Back in the officer's hands: bids and award may change again.
    await procurements.remove_award(officer, pid)
    with pytest.raises(InvalidInput):
        await announcements.submit(officer, aid)  # no winner any more
    history = await t.AuditEvent.select(t.AuditEvent.action, t.AuditEvent.note).where(
        (t.AuditEvent.entity == "announcement") & (t.AuditEvent.entity_id == aid)
    )
    assert [h["action"] for h in history] == ["create", "submit", "return"]
    assert history[-1]["note"] == "ชื่อผู้ชนะสะกดผิด"


async def test_head_review_when_the_school_asks_for_it(db: Engine) -> None:  # type: ignore[type-arg]
    officer, head, director, _, pid = await setup()
    await t.School.update({t.School.review_by_head: True}).where(t.School.id == officer.school_id)
    aid = await draft_winner(officer, pid)
    await announcements.submit(officer, aid)
    with pytest.raises(Conflict, match="หัวหน้าเจ้าหน้าที่"):
        await announcements.approve(director, aid)
    reviewed = await announcements.review(head, aid)
    assert (reviewed.status, reviewed.reviewed_by) == ("reviewed", head.user_id)
    assert (await announcements.approve(director, aid)).status == "published"


async def test_submitted_and_published_records_are_frozen(db: Engine) -> None:  # type: ignore[type-arg]
    officer, _, director, _, pid = await setup()
    aid = await draft_winner(officer, pid)
    await announcements.submit(officer, aid)
    vendor2 = await factories.vendor(Actor(school_id=officer.school_id), 2)
    for attempt in (
        procurements.add_bid(officer, pid, procurements.parse_bid({"vendor_id": vendor2.id, "amount": "5"})),
        procurements.remove_award(officer, pid),
        procurements.update_procurement(officer, pid, procurements.parse_procurement(factories.PROCUREMENT)),
        procurements.delete_procurement(officer, pid),
        announcements.update_body(officer, aid, "แก้"),
    ):
        with pytest.raises(Conflict):
            await attempt
    await announcements.approve(director, aid)
    with pytest.raises(Conflict):
        await announcements.return_for_changes(director, aid, "สาย")
    with pytest.raises(Conflict):
        await announcements.discard(officer, aid)
    proc = await procurements.get_procurement(officer.school_id, pid)
    assert proc.award is not None and proc.award.agreed_price == Decimal("11990.50")


async def test_a_correction_points_at_what_it_corrects(db: Engine) -> None:  # type: ignore[type-arg]
    officer, _, director, system, pid = await setup()
    first = await factories.publish(system, "winner", procurement_id=pid)
    with pytest.raises(InvalidInput) as caught:
        announcements.parse_draft({"kind": "winner_change", "procurement_id": pid})
    assert set(caught.value.errors) == {"supersedes_id", "body"}
    wrong = AnnouncementDraft(
        kind=AnnouncementKind("invitation_cancel"), procurement_id=pid, supersedes_id=first.id, body="x"
    )
    with pytest.raises(InvalidInput, match="ใช้แก้ไขหรือยกเลิก"):
        await announcements.prepare(officer, wrong)
    cancel = await announcements.prepare(
        officer,
        AnnouncementDraft(
            kind=AnnouncementKind("winner_cancel"),
            procurement_id=pid,
            supersedes_id=first.id,
            body="ผู้ชนะไม่มาทำสัญญา",
        ),
    )
    await announcements.submit(officer, cancel.id)
    done = await announcements.approve(director, cancel.id)
    assert (done.supersedes_id, done.number, done.sequence) == (first.id, "2/2569", 2)
    assert done.subject.startswith("ยกเลิกประกาศผู้ชนะการเสนอราคา")
    assert [c.id for c in await announcements.corrections_of(officer.school_id, first.id)] == [done.id]
    # The first stays public, unchanged.
    again = await announcements.get_published(officer.school_id, first.id)
    assert again == first
    assert (await procurements.get_procurement(officer.school_id, pid)).status == ProcurementStatus.CANCELLED


async def test_plan_approval_publishes_and_freezes_the_revision(db: Engine) -> None:  # type: ignore[type-arg]
    officer, _, director, _, _ = await setup()
    plan = await plans.create_plan(officer, 2569)
    item = await plans.add_plan_item(officer, plan.id, plans.parse_plan_item(factories.PLAN_ITEM, 2569))
    with pytest.raises(InvalidInput, match="แผนฉบับนี้ต้องใช้ประกาศ"):
        await announcements.prepare(
            officer, AnnouncementDraft(kind=AnnouncementKind("plan_revision"), plan_id=plan.id)
        )
    aid = (
        await announcements.prepare(
            officer, AnnouncementDraft(kind=AnnouncementKind("plan"), plan_id=plan.id)
        )
    ).id
    await announcements.submit(officer, aid)
    with pytest.raises(Conflict):
        await plans.add_plan_item(officer, plan.id, plans.parse_plan_item(factories.PLAN_ITEM, 2569))
    await announcements.approve(director, aid)
    published = await plans.get_plan(officer.school_id, plan.id)
    assert published.status == "published" and published.published_at is not None
    with pytest.raises(Conflict):
        await plans.delete_plan_item(officer, item.id)
    revision = await plans.create_plan(officer, 2569)
    assert revision.revision == 1 and [i.name for i in revision.items] == [item.name]
    await plans.delete_plan_item(officer, revision.items[0].id)
    assert [i.name for i in (await plans.get_plan(officer.school_id, plan.id)).items] == [item.name]


async def test_concurrent_approvals_get_distinct_gap_free_sequences(db: Engine) -> None:  # type: ignore[type-arg]
    _, system = await factories.school("busy")
    vendor = await factories.vendor(system)
    ids = []
    for n in range(8):
        p = await factories.awarded(system, vendor.id, subject=f"วัสดุ {n}")
        drafted = await announcements.prepare(
            system, AnnouncementDraft(kind=AnnouncementKind("winner"), procurement_id=p.id)
        )
        await announcements.submit(system, drafted.id)
        ids.append(drafted.id)
    done = await asyncio.gather(*(announcements.approve(system, i) for i in ids))
    assert sorted(a.sequence or 0 for a in done) == list(range(1, 9))
    assert sorted(a.number for a in done) == sorted(f"{n}/2569" for n in range(1, 9))


async def test_a_winner_change_reopens_the_award_but_the_public_keeps_the_published_one(
    db: Engine,  # type: ignore[type-arg]
) -> None:
    officer, _, director, system, pid = await setup()
    first = await factories.publish(system, "winner", procurement_id=pid)
    change = await announcements.prepare(
        officer,
        AnnouncementDraft(
            kind=AnnouncementKind("winner_change"),
            procurement_id=pid,
            supersedes_id=first.id,
            body="ราคาพิมพ์ผิด",
        ),
    )
    # The draft reopens the award for the officer ...
    await procurements.remove_award(officer, pid)
    p = await procurements.get_procurement(officer.school_id, pid)
    await procurements.award(
        officer,
        pid,
        procurements.parse_award(
            {
                "bid_id": p.bids[0].id,
                "agreed_price": "11,000",
                "awarded_on": "6/11/2568",
                "reason": "ต่อรองราคาได้",
            }
        ),
    )
    # ... while the public still reads what was published.
    school = await t.School.select(t.School.slug).where(t.School.id == officer.school_id).first()
    assert school is not None
    seen = await sitepages.awarded_as_published(officer.school_id, 2569)
    assert [x.award.agreed_price for x in seen if x.award] == [Decimal("11990.50")]
    await announcements.submit(officer, change.id)
    with pytest.raises(Conflict):
        await procurements.remove_award(officer, pid)  # held again while the director looks
    await announcements.approve(director, change.id)
    seen = await sitepages.awarded_as_published(officer.school_id, 2569)
    assert [x.award.agreed_price for x in seen if x.award] == [Decimal("11000.00")]
    assert (await announcements.get_published(officer.school_id, first.id)).snapshot == first.snapshot


async def test_a_plan_revision_points_at_the_plan_it_replaces(db: Engine) -> None:  # type: ignore[type-arg]
    officer, _, director, system, _ = await setup()
    plan = await plans.create_plan(officer, 2569)
    await plans.add_plan_item(officer, plan.id, plans.parse_plan_item(factories.PLAN_ITEM, 2569))
    original = await factories.publish(system, "plan", plan_id=plan.id)
    revision = await plans.create_plan(officer, 2569)
    drafted = await announcements.prepare(
        officer, announcements.parse_draft({"kind": "plan_revision", "plan_id": revision.id})
    )
    assert drafted.supersedes_id == original.id
    assert drafted.subject.endswith("(ฉบับปรับปรุง ครั้งที่ 1)")
    await announcements.submit(officer, drafted.id)
    done = await announcements.approve(director, drafted.id)
    assert done.number == "2/2569"


async def test_a_draft_revision_started_by_mistake_can_be_discarded(db: Engine) -> None:  # type: ignore[type-arg]
    officer, _, _, system, _ = await setup()
    plan = await plans.create_plan(officer, 2569)
    await plans.add_plan_item(officer, plan.id, plans.parse_plan_item(factories.PLAN_ITEM, 2569))
    await factories.publish(system, "plan", plan_id=plan.id)
    revision = await plans.create_plan(officer, 2569)
    with pytest.raises(Conflict):
        await plans.discard_plan(officer, plan.id)  # the published one stays
    await plans.discard_plan(officer, revision.id)
    assert [p.revision for p in await plans.plans_for_year(officer.school_id, 2569)] == [0]
    again = await plans.create_plan(officer, 2569)
    assert again.revision == 1


async def test_a_procurement_from_an_unpublished_plan_waits_for_the_plan(db: Engine) -> None:  # type: ignore[type-arg]
    officer, _, director, system, _ = await setup()
    plan = await plans.create_plan(officer, 2569)
    item = await plans.add_plan_item(officer, plan.id, plans.parse_plan_item(factories.PLAN_ITEM, 2569))
    vendor = await factories.vendor(system, 9)
    p = await factories.awarded(system, vendor.id, plan_item_id=item.id, subject="ตามแผน")
    drafted = await announcements.prepare(
        officer, AnnouncementDraft(kind=AnnouncementKind("winner"), procurement_id=p.id)
    )
    await announcements.submit(officer, drafted.id)
    with pytest.raises(Conflict, match="แผนฉบับแรกซึ่งยังไม่เผยแพร่"):
        await announcements.approve(director, drafted.id)
    await factories.publish(system, "plan", plan_id=plan.id)
    assert (await announcements.approve(director, drafted.id)).status == "published"
