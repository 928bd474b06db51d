"""The monthly summary (แบบ สขร.1) through the service: drafted by the officer, approved (signed) by the
director, numbered, rendered; a month without procurement; a winner not yet announced (a warning,
not a refusal); a revision that cites the one it replaces; the refusals; nothing unpublished public."""

from __future__ import annotations

import re
import subprocess
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from piccolo.engine.base import Engine

from prakat import clock
from prakat.announcements import monthly, pdf
from prakat.announcements import service as announcements
from prakat.announcements.schemas import Announcement, AnnouncementDraft
from prakat.audit import Actor
from prakat.errors import Conflict, Forbidden, InvalidInput, NotFound
from prakat.procurements import service as procurements
from prakat.rules import AnnouncementKind
from tests import factories
from tests.announcements.test_workflow import user

NOW = datetime(2026, 2, 3, 3, 0, tzinfo=UTC)  # 3 February 2026, Bangkok: January 2026 has ended


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def text_of(data: bytes) -> str:
    return subprocess.run(
        ["pdftotext", "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode()


def draft(year_be: int, month: int) -> AnnouncementDraft:
    return AnnouncementDraft(kind=AnnouncementKind.MONTHLY_SUMMARY, year_be=year_be, month=month)


async def award(
    actor: Actor, vendor_id: int, subject: str, on: date, contract: date | None, price: str
) -> int:
    p = await factories.procurement(actor, requested_on=on, subject=subject)
    p = await procurements.add_bid(
        actor, p.id, procurements.parse_bid({"vendor_id": vendor_id, "amount": "12,000"})
    )
    await procurements.award(
        actor,
        p.id,
        procurements.parse_award(
            {
                "bid_id": p.bids[0].id,
                "agreed_price": price,
                "awarded_on": on,
                "reason": "เสนอราคาต่ำสุด",
                "contract_number": "บส.7/2569" if contract else "",
                "contract_date": contract,
            }
        ),
    )
    return p.id


async def publish(officer: Actor, director: Actor, year_be: int, month: int) -> Announcement:
    drafted = await announcements.prepare(officer, draft(year_be, month))
    await announcements.submit(officer, drafted.id)
    return await announcements.approve(director, drafted.id)


async def test_a_month_from_draft_to_public_and_its_revision(
    db: Engine,  # type: ignore[type-arg]
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(clock, "now", lambda: NOW)
    school, system = await factories.school("monthly", name="โรงเรียนบ้านสรุปผล")
    officer = await user(system, "officer", "ครูสมศรี")
    director = await user(system, "director", "นายใหญ่ ใจดี", "ผู้อำนวยการโรงเรียนบ้านสรุปผล")
    shop = await factories.vendor(system, 1, "ร้านสมใจพาณิชย์")
    announced = await award(
        system, shop.id, "ซื้อกระดาษถ่ายเอกสาร", date(2025, 11, 3), date(2025, 11, 5), "11,990.50"
    )
    await factories.publish(system, "winner", procurement_id=announced)
    waiting = await award(system, shop.id, "จ้างซ่อมพัดลม", date(2025, 11, 20), None, "2,500")

    # The preview names the purchase whose winner is not yet announced; it is published anyway.
    drafted = await announcements.prepare(officer, draft(2569, 11))
    assert drafted.subject == "สรุปผลการดำเนินการจัดซื้อจัดจ้างในรอบเดือน พฤศจิกายน พ.ศ. 2568"
    assert drafted.month == 11 and drafted.year_be == 2569
    preview = await announcements.with_preview_snapshot(system.school_id, drafted)
    assert preview.snapshot is not None
    assert preview.snapshot["month_summary"]["warnings"] == [
        "ยังไม่ได้ประกาศผลผู้ชนะของ จ้างซ่อมพัดลม (ผู้ได้รับการคัดเลือก ร้านสมใจพาณิชย์ 1 2,500.00 บาท) แต่จะแสดงในสรุปผลเดือนนี้"
    ]
    with pytest.raises(Conflict):  # one in the flow per month
        await announcements.prepare(officer, draft(2569, 11))
    with pytest.raises(Forbidden):
        await announcements.approve(officer, drafted.id)
    await announcements.submit(officer, drafted.id)
    # Nothing unpublished is public.
    with pytest.raises(NotFound):
        await announcements.get_published(system.school_id, drafted.id)
    november = await announcements.approve(director, drafted.id)
    assert november.status == "published" and november.number and november.pdf_sha256
    assert november.signer_name == "นายใหญ่ ใจดี"
    rows = monthly.result_set(november.snapshot or {}).rows
    assert [r.procurement_id for r in rows] == [announced, waiting]

    text = squeeze(text_of(await pdf.stored(system.school_id, november.pdf_sha256 or "")))
    for expected in (
        "สขร.๑",
        "สรุปผลการดำเนินการจัดซื้อจัดจ้างในรอบเดือนพฤศจิกายนพ.ศ.๒๕๖๘",
        school.name,
        "ซื้อกระดาษถ่ายเอกสาร",
        "ร้านสมใจพาณิชย์๑",
        "๑๑,๙๙๐.๕๐",
        "จ้างซ่อมพัดลม",
        "๒,๕๐๐.๐๐",
        "รวม๒รายการ",
        "๑๔,๔๙๐.๕๐",
        "เลขที่และวันที่ของสัญญาหรือข้อตกลงในการซื้อหรือจ้าง",
        "นับตามวันที่ของสัญญาหรือข้อตกลง",
    ):
        assert expected in text, expected

    # December had no procurement: the form says so.
    december = await publish(officer, director, 2569, 12)
    empty_text = squeeze(text_of(await pdf.stored(system.school_id, december.pdf_sha256 or "")))
    assert "ไม่มีการจัดซื้อจัดจ้าง" in empty_text and "ธันวาคมพ.ศ.๒๕๖๘" in empty_text

    # A correction is a new revision of the same month, citing the one it replaces.
    revision = await announcements.prepare(officer, draft(2569, 11))
    assert revision.supersedes_id == november.id
    submitted = await announcements.submit(officer, revision.id)
    assert (submitted.snapshot or {})["supersedes"]["number"] == november.number
    await announcements.return_for_changes(director, revision.id, "แก้เหตุผล")
    assert revision.id not in [a.id for a in await announcements.list_announcements(system.school_id)]
    with pytest.raises(NotFound):
        await announcements.get_published(system.school_id, revision.id)

    # Refusals: a month not yet ended, another school's summary.
    with pytest.raises(InvalidInput) as refused:
        await announcements.prepare(officer, draft(2569, 2))
    assert refused.value.errors["month"].startswith("เดือน: เดือนกุมภาพันธ์ พ.ศ. 2569 ยังไม่สิ้นสุด")
    _, stranger = await factories.school("stranger")
    with pytest.raises(NotFound):
        await announcements.get_announcement(stranger.school_id, november.id)
    with pytest.raises(NotFound):
        await announcements.submit(stranger, revision.id)
    assert monthly.result_set(december.snapshot or {}).rows == ()
    assert Decimal((november.snapshot or {})["month_summary"]["totals"]["agreed_price"]) == Decimal(
        "14490.50"
    )


def test_the_month_must_be_chosen() -> None:
    with pytest.raises(InvalidInput) as refused:
        announcements.parse_draft({"kind": "monthly_summary", "year_be": "2569"})
    assert refused.value.errors["month"].endswith("กรุณาเลือกเดือน")
