"""Announcements that refer to earlier ones name them by number and date: a correction cites what it
corrects, a winner after an invitation cites the invitation."""

from __future__ import annotations

from datetime import date

from piccolo.engine.base import Engine

from prakat.announcements import service as announcements
from prakat.announcements import wording
from prakat.announcements.schemas import AnnouncementDraft
from prakat.rules import AnnouncementKind, rules_for
from prakat.thai import format_date_full
from tests import factories


async def test_a_correction_cites_what_it_corrects(db: Engine) -> None:  # type: ignore[type-arg]
    _, actor = await factories.school()
    vendor = await factories.vendor(actor)
    p = await factories.awarded(actor, vendor.id)
    winner = await factories.publish(actor, "winner", procurement_id=p.id)
    draft = await announcements.prepare(
        actor,
        AnnouncementDraft(
            kind=AnnouncementKind("winner_cancel"),
            procurement_id=p.id,
            supersedes_id=winner.id,
            body="ผู้ชนะขอถอนตัว",
        ),
    )
    await announcements.submit(actor, draft.id)
    cancel = await announcements.approve(actor, draft.id)
    text = wording.paragraphs(cancel.kind, cancel.subject, cancel.body, cancel.snapshot)
    day = format_date_full(winner.announced_on, thai_digits=False)
    # By the number printed under the original's heading, its subject and its date.
    assert text[0] == f"ตามประกาศโรงเรียนทดสอบ test ที่ {winner.number} เรื่อง {winner.subject} ลงวันที่ {day} นั้น"
    clause = rules_for(winner.year_be).correction_clause(AnnouncementKind.WINNER_CANCEL)
    assert clause and text[1:] == [
        "ผู้ชนะขอถอนตัว",
        f"อาศัยอำนาจตาม{clause} จึงขอยกเลิกประกาศดังกล่าว",
    ]


async def test_an_ebidding_winner_cites_its_invitation(db: Engine) -> None:  # type: ignore[type-arg]
    _, actor = await factories.school()
    vendor = await factories.vendor(actor)
    p = await factories.awarded(
        actor,
        vendor.id,
        bid="1,200,000",
        price="1,199,000",
        on=date(2025, 12, 1),
        method="e_bidding",
        budget="1,250,000",
        subject="ซ่อมแซมหลังคาอาคารเรียน",
        kind="construction",
    )
    invitation = await factories.publish(actor, "invitation", procurement_id=p.id)
    winner = await factories.publish(actor, "winner", procurement_id=p.id)
    text = wording.paragraphs(winner.kind, winner.subject, "", winner.snapshot)
    day = format_date_full(invitation.announced_on, thai_digits=False)
    assert text[0] == (
        f"ตามประกาศโรงเรียนทดสอบ test ที่ {invitation.number} เรื่อง ประกวดราคาจ้างก่อสร้างซ่อมแซมหลังคาอาคารเรียน "
        f"ด้วยวิธีประกวดราคาอิเล็กทรอนิกส์ (e-bidding) ลงวันที่ {day} นั้น"
    )
