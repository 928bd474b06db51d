"""Announcements that refer to earlier ones name them by number and date: a correction cites what it
corrects, a winner after an invitation cites the invitation."""

from __future__ import annotations

from datetime import date

from piccolo.engine.base import Engine

from prakat.announcements import service as announcements
from prakat.announcements import wording
from prakat.announcements.schemas import AnnouncementDraft
from prakat.rules import AnnouncementKind
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
    assert text[0].startswith(f"ตามที่ โรงเรียนทดสอบ test ได้ประกาศผู้ชนะการเสนอราคา เลขที่ {winner.number} ลงวันที่ ")
    assert text[1:] == ["ผู้ชนะขอถอนตัว", "จึงขอยกเลิกประกาศดังกล่าว"]


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
        f"ตามที่ โรงเรียนทดสอบ test ได้มีประกาศเชิญชวน เลขที่ {invitation.number} ลงวันที่ {day} "
        "จ้างก่อสร้างซ่อมแซมหลังคาอาคารเรียน ด้วยวิธีประกวดราคาอิเล็กทรอนิกส์ (e-bidding) นั้น"
    )
