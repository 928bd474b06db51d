"""Announcements (ประกาศ): drafted by the budget group, approved by the director, then frozen.

draft ──submit──▶ submitted ──review──▶ reviewed ──approve──▶ published
  ▲                  │  └────────approve (no head review)──────▲
  └──── returned ◀───┴──return (with a comment)── reviewed

Approval is the one-way door: it numbers the announcement, copies the signer, takes the next
publication sequence and moves what the announcement speaks about (plan, procurement) forward, all
in one transaction. Nothing published is edited afterwards; a change or a cancellation is a new
announcement that points at the one it corrects.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import datetime
from typing import Any

import msgspec
from piccolo.query.functions.aggregate import Count, Max

from prakat import audit, clock, events
from prakat.announcements import no_plan, pdf, snapshot, subjects
from prakat.announcements.schemas import BODY_LIMIT, Announcement, AnnouncementDraft
from prakat.audit import Actor
from prakat.auth.checks import require
from prakat.auth.roles import Permission
from prakat.db import tables as t
from prakat.db.tx import in_transaction, write_transaction
from prakat.errors import Conflict, InvalidInput, NotFound
from prakat.plans import service as plans
from prakat.procurements import service as procurements
from prakat.rules import AnnouncementKind
from prakat.schools.service import ensure_fiscal_year, get_school
from prakat.thai import fiscal_quarter_bounds, format_date_full
from prakat.validation import Fields, clean, label

log = logging.getLogger(__name__)

DRAFT, SUBMITTED, REVIEWED, PUBLISHED, RETURNED = "draft", "submitted", "reviewed", "published", "returned"
STATUS_LABELS = {
    DRAFT: "ฉบับร่าง",
    SUBMITTED: "รออนุมัติ",
    REVIEWED: "ตรวจสอบแล้ว รออนุมัติ",
    PUBLISHED: "เผยแพร่แล้ว",
    RETURNED: "ส่งกลับให้แก้ไข",
}
EDITABLE = (DRAFT, RETURNED)
PENDING = (SUBMITTED, REVIEWED)

K = AnnouncementKind
PLAN_KINDS = frozenset({K.PLAN, K.PLAN_REVISION})
# What publishing each kind does to its procurement.
PROCUREMENT_STATUS_AFTER = {
    K.REFERENCE_PRICE: procurements.IN_PROGRESS,
    K.TOR_HEARING: procurements.IN_PROGRESS,
    K.INVITATION: procurements.IN_PROGRESS,
    K.INVITATION_CHANGE: procurements.IN_PROGRESS,
    K.WINNER: procurements.AWARDED,
    K.WINNER_CHANGE: procurements.AWARDED,
    K.INVITATION_CANCEL: procurements.CANCELLED,
    K.WINNER_CANCEL: procurements.CANCELLED,
}
PROCUREMENT_KINDS = frozenset(PROCUREMENT_STATUS_AFTER)
# About a fiscal year (and a quarter) rather than one plan or procurement.
YEAR_KINDS = frozenset({K.QUARTERLY_WINNERS, K.NO_PLAN_STATEMENT})


def _announcement(row: Mapping[str, Any]) -> Announcement:
    snap = row["snapshot"]
    if isinstance(snap, str):
        snap = msgspec.json.decode(snap)
    return Announcement(
        id=row["id"],
        school_id=row["school"],
        year_be=row["fiscal_year.year_be"],
        kind=row["kind"],
        subject=row["subject"],
        body=row["body"],
        number=row["number"],
        announced_on=row["announced_on"],
        status=row["status"],
        procurement_id=row["procurement"],
        plan_id=row["plan"],
        supersedes_id=row["supersedes"],
        quarter=row["quarter"],
        signer_name=row["signer_name"],
        signer_position=row["signer_position"],
        signer_delegation=row["signer_delegation"],
        snapshot=snap,
        pdf_sha256=row["pdf_sha256"],
        sequence=row["sequence"],
        published_at=row["published_at"],
        created_at=row["created_at"],
        prepared_by=row["prepared_by"],
        submitted_at=row["submitted_at"],
        reviewed_by=row["reviewed_by"],
        reviewed_at=row["reviewed_at"],
        approved_by=row["approved_by"],
        return_comment=row["return_comment"],
    )


def parse_draft(raw: Mapping[str, Any]) -> AnnouncementDraft:
    f = Fields(raw)
    values = f.struct(AnnouncementDraft)
    kind, body = values["kind"], values["body"]
    year_label, quarter_label = label(AnnouncementDraft, "year_be"), label(AnnouncementDraft, "quarter")
    if kind in YEAR_KINDS and values["year_be"] is None and "year_be" not in f.errors:
        f.fail("year_be", year_label, "กรุณาเลือกปีงบประมาณ")
    if kind is K.QUARTERLY_WINNERS and values["quarter"] is None and "quarter" not in f.errors:
        f.fail("quarter", quarter_label, "กรุณาเลือกไตรมาส")
    # A plan revision finds the announcement it replaces by itself; other corrections name theirs
    # and say why.
    if kind is not None and kind.info.is_correction and kind is not K.PLAN_REVISION:
        if values["supersedes_id"] is None:
            supersedes = label(AnnouncementDraft, "supersedes_id")
            f.fail("supersedes_id", supersedes, "กรุณาเลือกประกาศที่ต้องการแก้ไขหรือยกเลิก")
        if not body:
            f.fail("body", label(AnnouncementDraft, "body"), "กรุณาระบุเหตุผลของการแก้ไขหรือยกเลิก")
    f.check()
    if kind not in YEAR_KINDS:
        values["year_be"] = None
    if kind is not K.QUARTERLY_WINNERS:
        values["quarter"] = None
    return AnnouncementDraft(**values)


async def subject_for(
    school_id: int,
    kind: AnnouncementKind,
    procurement_id: int | None,
    plan_id: int | None,
    year_be: int | None = None,
    quarter: int | None = None,
) -> str:
    if kind is K.QUARTERLY_WINNERS:
        assert year_be is not None and quarter is not None
        return subjects.quarterly_winners_subject(year_be, quarter)
    if kind is K.NO_PLAN_STATEMENT:
        assert year_be is not None
        return subjects.no_plan_subject(year_be)
    if plan_id is not None:
        plan = await plans.get_plan(school_id, plan_id)
        return subjects.plan_subject(plan.year_be, plan.revision)
    assert procurement_id is not None
    p = await procurements.get_procurement(school_id, procurement_id)
    return subjects.for_procurement(kind, p.kind, p.subject, p.method)


async def _target(actor: Actor, data: AnnouncementDraft) -> tuple[int, AnnouncementKind]:
    """Check the kind fits what it is about; returns the fiscal year id."""
    kind = AnnouncementKind(data.kind)
    if kind in PLAN_KINDS:
        if data.plan_id is None or data.procurement_id is not None:
            raise InvalidInput({"plan_id": "แผน: ประกาศประเภทนี้ต้องเลือกแผนการจัดซื้อจัดจ้าง"})
        plan = await plans.get_plan(actor.school_id, data.plan_id)
        expected = K.PLAN if plan.revision == 0 else K.PLAN_REVISION
        if kind is not expected:
            raise InvalidInput({"kind": f"ประเภทประกาศ: แผนฉบับนี้ต้องใช้ประกาศ{expected.label}"})
        return plan.fiscal_year_id, kind
    if kind in PROCUREMENT_KINDS:
        if data.procurement_id is None or data.plan_id is not None:
            raise InvalidInput({"procurement_id": "โครงการ: ประกาศประเภทนี้ต้องเลือกโครงการจัดซื้อจัดจ้าง"})
        row = (
            await t.Procurement.select(t.Procurement.fiscal_year)
            .where((t.Procurement.id == data.procurement_id) & (t.Procurement.school == actor.school_id))
            .first()
        )
        if row is None:
            raise NotFound("โครงการจัดซื้อจัดจ้าง")
        return int(row["fiscal_year"]), kind
    if kind in YEAR_KINDS:
        if data.year_be is None or data.procurement_id is not None or data.plan_id is not None:
            raise InvalidInput({"year_be": "ปีงบประมาณ: ประกาศประเภทนี้ต้องเลือกปีงบประมาณ"})
        year = await ensure_fiscal_year(actor, data.year_be)
        if kind is K.QUARTERLY_WINNERS:
            assert data.quarter is not None
            await _check_quarter_open(actor, year.id, data.quarter)
        else:
            await no_plan.check_allowed(actor.school_id, year.id, data.year_be)
        return year.id, kind
    raise InvalidInput({"kind": f"ประเภทประกาศ: ยังไม่รองรับการจัดทำ{kind.label}ในระบบ"})


async def _check_quarter_open(actor: Actor, fiscal_year_id: int, quarter: int) -> None:
    """One quarterly announcement per quarter: a second would list the same purchases twice."""
    if await t.Announcement.exists().where(
        (t.Announcement.school == actor.school_id)
        & (t.Announcement.fiscal_year == fiscal_year_id)
        & (t.Announcement.kind == K.QUARTERLY_WINNERS.value)
        & (t.Announcement.quarter == quarter)
        & (t.Announcement.status == PUBLISHED)
    ):
        raise Conflict(f"ประกาศผลผู้ชนะของไตรมาสที่ {quarter} ปีงบประมาณนี้เผยแพร่แล้ว")


def _check_quarter_ended(year_be: int, quarter: int) -> None:
    """Submitting freezes the list; before the quarter ends it would miss the rest of its purchases."""
    last = fiscal_quarter_bounds(year_be, quarter)[1]
    if clock.today_bangkok() <= last:
        raise InvalidInput(
            {
                "quarter": f"ไตรมาส: ไตรมาสที่ {quarter} สิ้นสุดวันที่ {format_date_full(last, thai_digits=False)} "
                "ส่งขออนุมัติได้หลังวันนั้น"
            }
        )


async def _check_supersedes(actor: Actor, kind: AnnouncementKind, data: AnnouncementDraft) -> None:
    if data.supersedes_id is None:
        if kind.info.is_correction:
            raise InvalidInput({"supersedes_id": "ประกาศที่แก้ไขหรือยกเลิก: กรุณาเลือกประกาศ"})
        return
    old = (
        await t.Announcement.select()
        .where((t.Announcement.id == data.supersedes_id) & (t.Announcement.school == actor.school_id))
        .first()
    )
    message = None
    if old is None or old["status"] != PUBLISHED:
        message = "ต้องเป็นประกาศที่เผยแพร่แล้ว"
    elif AnnouncementKind(old["kind"]) not in kind.info.supersedes:
        message = f"{kind.label}ใช้แก้ไขหรือยกเลิก{AnnouncementKind(old['kind']).label}ไม่ได้"
    elif kind is K.PLAN_REVISION:
        if old["fiscal_year"] != await _plan_fiscal_year(data.plan_id):
            message = "ต้องเป็นประกาศแผนของปีงบประมาณเดียวกัน"
    elif old["procurement"] != data.procurement_id or old["plan"] != data.plan_id:
        message = "ต้องเป็นประกาศของโครงการหรือแผนเดียวกัน"
    if message:
        raise InvalidInput({"supersedes_id": f"ประกาศที่แก้ไขหรือยกเลิก: {message}"})


async def _plan_fiscal_year(plan_id: int | None) -> int | None:
    row = await t.Plan.select(t.Plan.fiscal_year).where(t.Plan.id == plan_id).first()
    return None if row is None else int(row["fiscal_year"])


async def _latest_plan_announcement(actor: Actor, fiscal_year_id: int) -> int:
    row = (
        await t.Announcement.select(t.Announcement.id)
        .where(
            (t.Announcement.school == actor.school_id)
            & (t.Announcement.fiscal_year == fiscal_year_id)
            & (t.Announcement.status == PUBLISHED)
            & t.Announcement.kind.is_in([K.PLAN.value, K.PLAN_REVISION.value])
        )
        .order_by(t.Announcement.sequence, ascending=False)
        .first()
    )
    if row is None:
        raise InvalidInput({"kind": "ประเภทประกาศ: ต้องเผยแพร่แผนฉบับก่อนหน้าก่อน จึงจะประกาศแผนฉบับปรับปรุงได้"})
    return int(row["id"])


async def prepare(actor: Actor, data: AnnouncementDraft) -> Announcement:
    """A new draft announcement."""
    require(actor, Permission.EDIT)
    async with write_transaction():
        fiscal_year_id, kind = await _target(actor, data)
        if kind is K.PLAN_REVISION and data.supersedes_id is None:
            data = msgspec.structs.replace(
                data, supersedes_id=await _latest_plan_announcement(actor, fiscal_year_id)
            )
        await _check_supersedes(actor, kind, data)
        if kind in (K.WINNER, K.WINNER_CHANGE):
            assert data.procurement_id is not None
            found = await procurements.get_procurement(actor.school_id, data.procurement_id)
            if found.award is None:
                raise InvalidInput({"kind": "ประเภทประกาศ: ยังไม่ได้บันทึกผู้ได้รับการคัดเลือกของโครงการนี้"})
        same = (
            (t.Announcement.school == actor.school_id)
            & (t.Announcement.kind == kind.value)
            & (t.Announcement.procurement == data.procurement_id)
            & (t.Announcement.plan == data.plan_id)
            & t.Announcement.status.is_in([DRAFT, RETURNED, SUBMITTED, REVIEWED])
        )
        if kind in YEAR_KINDS:
            same = (
                same
                & (t.Announcement.fiscal_year == fiscal_year_id)
                & (t.Announcement.quarter == data.quarter)
            )
        if await t.Announcement.exists().where(same):
            raise Conflict("มีประกาศประเภทนี้ของรายการนี้ที่ยังไม่เผยแพร่อยู่แล้ว")
        row = t.Announcement(
            school=actor.school_id,
            fiscal_year=fiscal_year_id,
            kind=kind.value,
            procurement=data.procurement_id,
            plan=data.plan_id,
            supersedes=data.supersedes_id,
            quarter=data.quarter,
            subject=await subject_for(
                actor.school_id, kind, data.procurement_id, data.plan_id, data.year_be, data.quarter
            ),
            body=data.body,
            announced_on=clock.today_bangkok(),
            status=DRAFT,
            created_at=clock.now(),
            prepared_by=actor.user_id,
        )
        await row.save()
        await audit.record(actor, "create", "announcement", row.id, after=audit.snapshot(row))
    return await get_announcement(actor.school_id, row.id)


async def _row(school_id: int, announcement_id: int) -> dict[str, Any]:
    row = (
        await t.Announcement.select()
        .where((t.Announcement.school == school_id) & (t.Announcement.id == announcement_id))
        .first()
    )
    if row is None:
        raise NotFound("ประกาศ")
    return dict(row)


async def _move(
    actor: Actor, before: dict[str, Any], action: str, changes: dict[str, Any], note: str = ""
) -> None:
    await t.Announcement.update({getattr(t.Announcement, k): v for k, v in changes.items()}).where(
        t.Announcement.id == before["id"]
    )
    after = {**before, **changes}
    await audit.record(
        actor,
        action,
        "announcement",
        before["id"],
        before=audit.snapshot(before),
        after=audit.snapshot(after),
        note=note,
    )


async def update_body(actor: Actor, announcement_id: int, body: str) -> Announcement:
    require(actor, Permission.EDIT)
    async with write_transaction():
        before = await _row(actor.school_id, announcement_id)
        if before["status"] not in EDITABLE:
            raise Conflict("ประกาศนี้ส่งขออนุมัติหรือเผยแพร่แล้ว แก้ไขไม่ได้")
        text = clean(body).strip()
        if len(text) > BODY_LIMIT:
            raise InvalidInput({"body": f"รายละเอียดเพิ่มเติม: ยาวเกิน {BODY_LIMIT:,} ตัวอักษร"}, {"body": body})
        await _move(actor, before, "update", {"body": text})
    return await get_announcement(actor.school_id, announcement_id)


async def discard(actor: Actor, announcement_id: int) -> None:
    require(actor, Permission.EDIT)
    async with write_transaction():
        before = await _row(actor.school_id, announcement_id)
        if before["status"] not in EDITABLE:
            raise Conflict("ลบได้เฉพาะประกาศฉบับร่างหรือที่ถูกส่งกลับ")
        await t.Announcement.delete().where(t.Announcement.id == announcement_id)
        await audit.record(actor, "delete", "announcement", announcement_id, before=audit.snapshot(before))


async def submit(actor: Actor, announcement_id: int) -> Announcement:
    """Send for approval: the content is copied now and the records it speaks about are held."""
    require(actor, Permission.SUBMIT)
    async with write_transaction():
        before = await _row(actor.school_id, announcement_id)
        if before["status"] not in EDITABLE:
            raise Conflict("ประกาศนี้ส่งขออนุมัติหรือเผยแพร่แล้ว")
        kind = AnnouncementKind(before["kind"])
        if kind in PLAN_KINDS and not await t.PlanItem.exists().where(t.PlanItem.plan == before["plan"]):
            raise InvalidInput({"plan_id": "แผน: ต้องมีอย่างน้อย 1 รายการก่อนส่งขออนุมัติ"})
        year_be = await _year_be(before["fiscal_year"])
        if kind is K.QUARTERLY_WINNERS:
            _check_quarter_ended(year_be, before["quarter"])
            await _check_quarter_open(actor, before["fiscal_year"], before["quarter"])
        elif kind is K.NO_PLAN_STATEMENT:
            # Purchases may have been entered since the draft was made.
            await no_plan.check_allowed(actor.school_id, before["fiscal_year"], year_be)
        content = await _content(actor.school_id, before, year_be)
        if kind in (K.WINNER, K.WINNER_CHANGE) and not (content.get("procurement") or {}).get("award"):
            raise InvalidInput({"kind": "ประเภทประกาศ: ยังไม่ได้บันทึกผู้ได้รับการคัดเลือกของโครงการนี้"})
        subject = await subject_for(
            actor.school_id, kind, before["procurement"], before["plan"], year_be, before["quarter"]
        )
        await _move(
            actor,
            before,
            "submit",
            {
                "status": SUBMITTED,
                "subject": subject,
                "snapshot": msgspec.json.encode(content).decode(),
                "submitted_at": clock.now(),
                "return_comment": "",
            },
        )
    return await get_announcement(actor.school_id, announcement_id)


async def _year_be(fiscal_year_id: int) -> int:
    row = await t.FiscalYear.select(t.FiscalYear.year_be).where(t.FiscalYear.id == fiscal_year_id).first()
    assert row is not None
    return int(row["year_be"])


async def _content(school_id: int, row: Mapping[str, Any], year_be: int) -> dict[str, Any]:
    return await snapshot.build(
        school_id,
        procurement_id=row["procurement"],
        plan_id=row["plan"],
        kind=row["kind"],
        year_be=year_be,
        quarter=row["quarter"],
        supersedes_id=row["supersedes"],
    )


async def preview_snapshot(school_id: int, found: Announcement) -> dict[str, Any]:
    """What submitting would freeze, for a draft's preview."""
    return await snapshot.build(
        school_id,
        procurement_id=found.procurement_id,
        plan_id=found.plan_id,
        kind=found.kind,
        year_be=found.year_be,
        quarter=found.quarter,
        supersedes_id=found.supersedes_id,
    )


async def with_preview_snapshot(school_id: int, found: Announcement) -> Announcement:
    """A draft as it would read if submitted now, for previews; nothing is stored."""
    return msgspec.structs.replace(found, snapshot=await preview_snapshot(school_id, found))


async def review(actor: Actor, announcement_id: int) -> Announcement:
    require(actor, Permission.REVIEW)
    async with write_transaction():
        before = await _row(actor.school_id, announcement_id)
        if before["status"] != SUBMITTED:
            raise Conflict("ตรวจสอบได้เฉพาะประกาศที่รออนุมัติ")
        await _move(
            actor,
            before,
            "review",
            {"status": REVIEWED, "reviewed_by": actor.user_id, "reviewed_at": clock.now()},
        )
    return await get_announcement(actor.school_id, announcement_id)


async def return_for_changes(actor: Actor, announcement_id: int, comment: str) -> Announcement:
    require(actor, Permission.RETURN)
    comment = clean(comment).strip()
    if not comment:
        raise InvalidInput({"comment": "ความเห็น: กรุณาระบุสิ่งที่ต้องแก้ไข"}, {"comment": comment})
    async with write_transaction():
        before = await _row(actor.school_id, announcement_id)
        if before["status"] not in PENDING:
            raise Conflict("ส่งกลับได้เฉพาะประกาศที่รออนุมัติ")
        await _move(
            actor,
            before,
            "return",
            {
                "status": RETURNED,
                "snapshot": None,
                "return_comment": comment,
                "reviewed_by": None,
                "reviewed_at": None,
            },
            note=comment,
        )
    return await get_announcement(actor.school_id, announcement_id)


async def approve(actor: Actor, announcement_id: int, *, at: datetime | None = None) -> Announcement:
    """Sign and publish. ``at`` backdates, only for importing a school's earlier records (the demo)."""
    require(actor, Permission.APPROVE)
    published_at = clock.require_aware(at) if at is not None else clock.now()
    async with write_transaction():
        school = await _locked_school(actor.school_id)
        before = await _row(actor.school_id, announcement_id)
        if before["status"] not in PENDING:
            raise Conflict("อนุมัติได้เฉพาะประกาศที่รออนุมัติ")
        if school["review_by_head"] and before["status"] != REVIEWED:
            raise Conflict("ประกาศนี้ต้องผ่านการตรวจสอบของหัวหน้าเจ้าหน้าที่ก่อน")
        signer_name, signer_position = await _signer(actor, school)
        if not signer_name:
            raise InvalidInput({"signer": "ผู้ลงนาม: ยังไม่ได้กำหนดชื่อผู้อำนวยการในข้อมูลโรงเรียน"})
        kind = AnnouncementKind(before["kind"])
        if before["procurement"] is not None:
            await _check_plan_published(before["procurement"])
        year = (
            await t.FiscalYear.select(t.FiscalYear.year_be)
            .where(t.FiscalYear.id == before["fiscal_year"])
            .first()
        )
        assert year is not None
        await _move(
            actor,
            before,
            "approve",
            {
                "status": PUBLISHED,
                "number": f"{await _next_number(actor.school_id, before['fiscal_year'])}/{year['year_be']}",
                "sequence": await _next_sequence(actor.school_id),
                "announced_on": published_at.astimezone(clock.BANGKOK).date(),
                "published_at": published_at,
                "signer_name": signer_name,
                "signer_position": signer_position,
                "signer_delegation": school["delegation_text"],
                "approved_by": actor.user_id,
            },
        )
        if kind in PLAN_KINDS:
            await plans.mark_plan_published(actor, before["plan"], at=published_at)
        elif kind in PROCUREMENT_STATUS_AFTER:
            await procurements.move_status(actor, before["procurement"], PROCUREMENT_STATUS_AFTER[kind])
        elif kind is K.QUARTERLY_WINNERS:
            # What the director approved is the frozen list, not whatever the quarter holds now.
            frozen = before["snapshot"]
            if isinstance(frozen, str):
                frozen = msgspec.json.decode(frozen)
            for item in (frozen or {}).get("quarter", {}).get("items", []):
                await procurements.move_status(actor, item["procurement_id"], procurements.AWARDED)
        # Rendered once, now, inside the same transaction: if the PDF cannot be made (no emblem,
        # a rendering failure) nothing above is published either.
        published = await get_announcement(actor.school_id, announcement_id)
        try:
            data = await pdf.render(await get_school(actor.school_id), published)
        except InvalidInput:
            raise
        except Exception:
            # Whatever broke inside the renderer, the director gets a clear refusal, not a 500,
            # and the transaction rolls everything above back.
            log.exception("rendering announcement %s failed", announcement_id)
            raise Conflict(
                "สร้างเอกสาร PDF ของประกาศไม่สำเร็จ ประกาศจึงยังไม่เผยแพร่ กรุณาลองอีกครั้ง หากยังไม่ได้ให้แจ้งผู้ดูแลระบบ"
            ) from None
        digest = await pdf.store(actor.school_id, data)
        await t.Announcement.update({t.Announcement.pdf_sha256: digest}).where(
            t.Announcement.id == announcement_id
        )
    if not in_transaction():  # inside a bigger transaction (the demo), its owner says so after it
        await events.published(actor.school_id)
    return await get_announcement(actor.school_id, announcement_id)


async def _check_plan_published(procurement_id: int) -> None:
    """s.11: the plan comes first. A procurement taken from a plan item may be announced only once the
    plan revision holding that item is public; one outside any plan (small purchases) needs none."""
    proc = (
        await t.Procurement.select(t.Procurement.plan_item).where(t.Procurement.id == procurement_id).first()
    )
    if proc is None or proc["plan_item"] is None:
        return
    plan = (
        await t.PlanItem.select(t.PlanItem.plan.status, t.PlanItem.plan.revision)
        .where(t.PlanItem.id == proc["plan_item"])
        .first()
    )
    if plan is not None and plan["plan.status"] != "published":
        revision = plan["plan.revision"]
        which = "แผนฉบับแรก" if revision == 0 else f"แผนฉบับปรับปรุง ครั้งที่ {revision}"
        raise Conflict(f"รายการในแผนที่โครงการนี้อ้างถึงอยู่ใน{which}ซึ่งยังไม่เผยแพร่ กรุณาเผยแพร่แผนฉบับนั้นก่อน")


async def _locked_school(school_id: int) -> dict[str, Any]:
    query = t.School.select().where(t.School.id == school_id)
    if t.School._meta.db.engine_type == "postgres":
        # Serialises publications of one school, so sequences and numbers have no gaps or twins.
        # SQLite has no row locks; its IMMEDIATE transaction already holds the only write lock.
        query = query.lock_rows()
    school = await query.first()
    if school is None:
        raise NotFound("โรงเรียน")
    return dict(school)


async def _signer(actor: Actor, school: Mapping[str, Any]) -> tuple[str, str]:
    """The approving director as their account names them, else the school profile's director."""
    if actor.user_id is not None:
        user = (
            await t.User.select(t.User.display_name, t.User.position)
            .where(t.User.id == actor.user_id)
            .first()
        )
        if user is not None and user["display_name"]:
            return user["display_name"], user["position"] or school["director_position"]
    return school["director_name"], school["director_position"]


async def _next_sequence(school_id: int) -> int:
    top = (
        await t.Announcement.select(Max(t.Announcement.sequence, alias="top"))
        .where(t.Announcement.school == school_id)
        .first()
    )
    return int((top or {}).get("top") or 0) + 1


async def _next_number(school_id: int, fiscal_year_id: int) -> int:
    count = (
        await t.Announcement.select(Count(alias="n"))
        .where(
            (t.Announcement.school == school_id)
            & (t.Announcement.fiscal_year == fiscal_year_id)
            & (t.Announcement.status == PUBLISHED)
        )
        .first()
    )
    return int((count or {}).get("n") or 0) + 1


def _select() -> Any:
    return t.Announcement.select(*t.Announcement.all_columns(), t.Announcement.fiscal_year.year_be)


async def get_announcement(school_id: int, announcement_id: int) -> Announcement:
    row = (
        await _select()
        .where((t.Announcement.school == school_id) & (t.Announcement.id == announcement_id))
        .first()
    )
    if row is None:
        raise NotFound("ประกาศ")
    return _announcement(row)


async def get_published(school_id: int, announcement_id: int) -> Announcement:
    """For the public: a draft must look exactly like a missing page."""
    found = await get_announcement(school_id, announcement_id)
    if found.status != PUBLISHED:
        raise NotFound("ประกาศ")
    return found


async def list_announcements(
    school_id: int,
    *,
    year_be: int | None = None,
    statuses: tuple[str, ...] = (PUBLISHED,),
    procurement_id: int | None = None,
    plan_id: int | None = None,
    ids: list[int] | None = None,
) -> list[Announcement]:
    query = _select().where(
        (t.Announcement.school == school_id) & t.Announcement.status.is_in(list(statuses))
    )
    if ids is not None:
        query = query.where(t.Announcement.id.is_in(ids or [0]))
    if year_be is not None:
        query = query.where(t.Announcement.fiscal_year.year_be == year_be)
    if procurement_id is not None:
        query = query.where(t.Announcement.procurement == procurement_id)
    if plan_id is not None:
        query = query.where(t.Announcement.plan == plan_id)
    rows = await query.order_by(t.Announcement.sequence, ascending=False).order_by(
        t.Announcement.id, ascending=False
    )
    return [_announcement(r) for r in rows]


async def corrections_of(school_id: int, announcement_id: int) -> list[Announcement]:
    rows = await _select().where(
        (t.Announcement.school == school_id)
        & (t.Announcement.supersedes == announcement_id)
        & (t.Announcement.status == PUBLISHED)
    )
    return [_announcement(r) for r in rows]
