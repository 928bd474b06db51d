"""Announcements (ประกาศ): drafted by the budget group, approved by the director, then frozen.

Which action applies in which state, with which permission, and what moves with it is the workflow
table (:mod:`prakat.workflow.transitions`); this module checks each action against it and runs the
row's effects. Approval is the one-way door (:mod:`prakat.announcements.publishing`): it numbers the
announcement, copies the signer, takes the next publication sequence, moves what the announcement
speaks about (plan, procurement) forward and renders its PDF, all in one transaction. Nothing
published is edited afterwards; a change or a cancellation is a new announcement that points at the
one it corrects.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import msgspec

from prakat import audit, clock, events
from prakat.announcements import monthly, no_plan, publishing, snapshot
from prakat.announcements.schemas import BODY_LIMIT, COMMENT_LIMIT, Announcement, AnnouncementDraft
from prakat.annual import service as annual
from prakat.audit import Actor
from prakat.auth.checks import require
from prakat.db import tables as t
from prakat.db.tx import in_transaction, write_transaction
from prakat.errors import Conflict, InvalidInput, NotFound
from prakat.plans import service as plans
from prakat.procurements import service as procurements
from prakat.rules import PLAN_KINDS, PROCUREMENT_KINDS, WINNER_KINDS, YEAR_KINDS, AnnouncementKind
from prakat.schools.service import ensure_fiscal_year
from prakat.thai import fiscal_quarter_bounds, format_date_full
from prakat.validation import Fields, checked_text, label
from prakat.workflow import (
    ANNOUNCEMENT_STATUS_LABELS,
    IN_FLOW,
    Action,
    AnnouncementStatus,
    Effect,
    Publishable,
    Transition,
    permission_for,
    transition,
)

S = AnnouncementStatus
# The labels of the statuses, for pages and the API's documentation.
STATUS_LABELS = ANNOUNCEMENT_STATUS_LABELS
K = AnnouncementKind
ANNOUNCEMENT = Publishable.ANNOUNCEMENT


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
        month=row["month"],
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
    if kind is K.MONTHLY_SUMMARY and values["month"] is None and "month" not in f.errors:
        f.fail("month", label(AnnouncementDraft, "month"), "กรุณาเลือกเดือน")
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
    if kind is not K.MONTHLY_SUMMARY:
        values["month"] = None
    return AnnouncementDraft(**values)


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
        if kind is K.MONTHLY_SUMMARY:
            if data.month is None:
                raise InvalidInput({"month": "เดือน: สรุปผลรายเดือนต้องเลือกเดือน"})
            monthly.check_ended(data.year_be, data.month, clock.today_bangkok())
        year = await ensure_fiscal_year(actor, data.year_be)
        if kind is K.QUARTERLY_WINNERS:
            assert data.quarter is not None
            await _check_quarter_open(actor, year.id, data.quarter)
        elif kind is K.MONTHLY_SUMMARY:
            pass
        elif kind is K.ANNUAL_REPORT:
            annual.check_year_ended(data.year_be)
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
        & (t.Announcement.status == S.PUBLISHED)
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
    if old is None or old["status"] != S.PUBLISHED:
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
            & (t.Announcement.status == S.PUBLISHED)
            & t.Announcement.kind.is_in(sorted(PLAN_KINDS))
        )
        .order_by(t.Announcement.sequence, ascending=False)
        .first()
    )
    if row is None:
        raise InvalidInput({"kind": "ประเภทประกาศ: ต้องเผยแพร่แผนฉบับก่อนหน้าก่อน จึงจะประกาศแผนฉบับปรับปรุงได้"})
    return int(row["id"])


async def prepare(actor: Actor, data: AnnouncementDraft) -> Announcement:
    """A new draft announcement."""
    _allowed(actor, Action.PREPARE)
    first = transition(ANNOUNCEMENT, None, Action.PREPARE, review_by_head=False)
    async with write_transaction():
        fiscal_year_id, kind = await _target(actor, data)
        if kind is K.PLAN_REVISION and data.supersedes_id is None:
            data = msgspec.structs.replace(
                data, supersedes_id=await _latest_plan_announcement(actor, fiscal_year_id)
            )
        if kind.info.revises:
            # A month published before gets a new revision that cites the one it replaces.
            month = data.month
            assert month is not None
            newest = await monthly.published_of_month(actor.school_id, fiscal_year_id, month)
            if data.supersedes_id is None and newest is not None:
                data = msgspec.structs.replace(data, supersedes_id=newest)
            elif data.supersedes_id is not None:
                await monthly.check_supersedes(actor.school_id, fiscal_year_id, month, data.supersedes_id)
        else:
            await _check_supersedes(actor, kind, data)
        if kind in WINNER_KINDS:
            assert data.procurement_id is not None
            found = await procurements.get_procurement(actor.school_id, data.procurement_id)
            if found.award is None:
                raise InvalidInput({"kind": "ประเภทประกาศ: ยังไม่ได้บันทึกผู้ได้รับการคัดเลือกของโครงการนี้"})
        same = (
            (t.Announcement.school == actor.school_id)
            & (t.Announcement.kind == kind.value)
            & (t.Announcement.procurement == data.procurement_id)
            & (t.Announcement.plan == data.plan_id)
            & t.Announcement.status.is_in(list(IN_FLOW))
        )
        if kind in YEAR_KINDS:
            same = (
                same
                & (t.Announcement.fiscal_year == fiscal_year_id)
                & (t.Announcement.quarter == data.quarter)
                & (t.Announcement.month == data.month)
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
            month=data.month,
            subject=await snapshot.subject_for(
                actor.school_id,
                kind,
                data.procurement_id,
                data.plan_id,
                data.year_be,
                data.quarter,
                data.month,
            ),
            body=data.body,
            announced_on=clock.today_bangkok(),
            status=first.to,
            created_at=clock.now(),
            prepared_by=actor.user_id,
        )
        await row.save()
        await audit.record(actor, first.action.value, "announcement", row.id, after=audit.snapshot(row))
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


@dataclass
class _Step:
    """One action being applied: who, to what (the row before), by which row of the table, when."""

    actor: Actor
    before: dict[str, Any]
    row: Transition
    school: Mapping[str, Any]
    at: datetime
    text: str = ""  # the new body (edit) or the comment (return)


async def _begin(
    actor: Actor,
    announcement_id: int,
    action: Action,
    *,
    school: Mapping[str, Any] | None = None,
    at: datetime | None = None,
    text: str = "",
) -> _Step:
    """The announcement and the row of the workflow table that applies to it, or Conflict."""
    before = await _row(actor.school_id, announcement_id)
    if school is None:
        school = await t.School.select(t.School.review_by_head).where(t.School.id == actor.school_id).first()
        assert school is not None
    row = transition(ANNOUNCEMENT, before["status"], action, review_by_head=bool(school["review_by_head"]))
    return _Step(actor, before, row, school, at or clock.now(), text)


async def _year_be(fiscal_year_id: int) -> int:
    row = await t.FiscalYear.select(t.FiscalYear.year_be).where(t.FiscalYear.id == fiscal_year_id).first()
    assert row is not None
    return int(row["year_be"])


async def _freeze(step: _Step) -> dict[str, Any]:
    """The content is copied now: what the director approves is what was sent."""
    before = step.before
    year_be = await _year_be(before["fiscal_year"])
    content = await snapshot.of_record(step.actor.school_id, before, year_be)
    kind = AnnouncementKind(before["kind"])
    if kind in WINNER_KINDS and not (content.get("procurement") or {}).get("award"):
        raise InvalidInput({"kind": "ประเภทประกาศ: ยังไม่ได้บันทึกผู้ได้รับการคัดเลือกของโครงการนี้"})
    subject = await snapshot.subject_for(
        step.actor.school_id,
        kind,
        before["procurement"],
        before["plan"],
        year_be,
        before["quarter"],
        before["month"],
    )
    return {
        "subject": subject,
        "snapshot": msgspec.json.encode(content).decode(),
        "submitted_at": step.at,
        "return_comment": "",
    }


async def _reviewer(step: _Step) -> dict[str, Any]:
    return {"reviewed_by": step.actor.user_id, "reviewed_at": step.at}


async def _body(step: _Step) -> dict[str, Any]:
    return {"body": step.text}


async def _comment(step: _Step) -> dict[str, Any]:
    return {"return_comment": step.text}


async def _thaw(step: _Step) -> dict[str, Any]:
    return {"snapshot": None, "reviewed_by": None, "reviewed_at": None}


async def _sign(step: _Step) -> dict[str, Any]:
    return await publishing.sign(step.actor, step.school)


async def _number(step: _Step) -> dict[str, Any]:
    return await publishing.number(step.actor.school_id, step.before["fiscal_year"])


async def _sequence(step: _Step) -> dict[str, Any]:
    return await publishing.sequence(step.actor.school_id, step.at)


async def _move_subject(step: _Step) -> None:
    await publishing.move(step.actor, step.before, step.at)


async def _render(step: _Step) -> None:
    published = await get_announcement(step.actor.school_id, step.before["id"])
    await publishing.render(step.actor.school_id, published)


# How each effect the workflow table names is carried out: stamps give the announcement's columns
# (written with the new state, in one audited write); the others run after that write.
STAMPS: Mapping[Effect, Callable[[_Step], Awaitable[dict[str, Any]]]] = {
    Effect.BODY: _body,
    Effect.SNAPSHOT: _freeze,
    Effect.REVIEWER: _reviewer,
    Effect.COMMENT: _comment,
    Effect.THAW: _thaw,
    Effect.SIGN: _sign,
    Effect.NUMBER: _number,
    Effect.SEQUENCE: _sequence,
}
AFTERWARDS: Mapping[Effect, Callable[[_Step], Awaitable[None]]] = {
    Effect.MOVE: _move_subject,
    Effect.RENDER: _render,
}


async def _apply(step: _Step) -> None:
    """Moves the announcement along its row: the new state and the stamps in one audited write, then
    what moves with it. The caller holds the transaction, so it is all or nothing."""
    before, action = step.before, step.row.action
    if step.row.to is None:
        await t.Announcement.delete().where(t.Announcement.id == before["id"])
        await audit.record(
            step.actor, action.value, "announcement", before["id"], before=audit.snapshot(before)
        )
        return
    changes: dict[str, Any] = {"status": step.row.to}
    for effect in step.row.effects:
        if effect.stamps:
            changes |= await STAMPS[effect](step)
    await t.Announcement.update({getattr(t.Announcement, k): v for k, v in changes.items()}).where(
        t.Announcement.id == before["id"]
    )
    await audit.record(
        step.actor,
        action.value,
        "announcement",
        before["id"],
        before=audit.snapshot(before),
        after=audit.snapshot({**before, **changes}),
        note=step.text if Effect.COMMENT in step.row.effects else "",
    )
    for effect in step.row.effects:
        if not effect.stamps:
            await AFTERWARDS[effect](step)


def _allowed(actor: Actor, action: Action) -> None:
    require(actor, permission_for(ANNOUNCEMENT, action))


async def update_body(actor: Actor, announcement_id: int, body: str) -> Announcement:
    _allowed(actor, Action.EDIT)
    async with write_transaction():
        text = checked_text(body, "body", "รายละเอียดเพิ่มเติม").strip()
        step = await _begin(actor, announcement_id, Action.EDIT, text=text)
        if len(step.text) > BODY_LIMIT:
            raise InvalidInput({"body": f"รายละเอียดเพิ่มเติม: ยาวเกิน {BODY_LIMIT:,} ตัวอักษร"}, {"body": body})
        await _apply(step)
    return await get_announcement(actor.school_id, announcement_id)


async def discard(actor: Actor, announcement_id: int) -> None:
    _allowed(actor, Action.DISCARD)
    async with write_transaction():
        await _apply(await _begin(actor, announcement_id, Action.DISCARD))


async def submit(actor: Actor, announcement_id: int) -> Announcement:
    """Send for approval: the content is copied now and the records it speaks about are held."""
    _allowed(actor, Action.SUBMIT)
    async with write_transaction():
        step = await _begin(actor, announcement_id, Action.SUBMIT)
        before = step.before
        kind = AnnouncementKind(before["kind"])
        if kind in PLAN_KINDS and not await t.PlanItem.exists().where(t.PlanItem.plan == before["plan"]):
            raise InvalidInput({"plan_id": "แผน: ต้องมีอย่างน้อย 1 รายการก่อนส่งขออนุมัติ"})
        if kind is K.QUARTERLY_WINNERS:
            _check_quarter_ended(await _year_be(before["fiscal_year"]), before["quarter"])
            await _check_quarter_open(actor, before["fiscal_year"], before["quarter"])
        elif kind is K.MONTHLY_SUMMARY:
            monthly.check_ended(await _year_be(before["fiscal_year"]), before["month"], clock.today_bangkok())
        elif kind is K.NO_PLAN_STATEMENT:
            # Purchases may have been entered since the draft was made.
            await no_plan.check_allowed(
                actor.school_id, before["fiscal_year"], await _year_be(before["fiscal_year"])
            )
        await _apply(step)
    return await get_announcement(actor.school_id, announcement_id)


async def preview_snapshot(school_id: int, found: Announcement) -> dict[str, Any]:
    """What submitting would freeze, for a draft's preview."""
    return await snapshot.build(
        school_id,
        procurement_id=found.procurement_id,
        plan_id=found.plan_id,
        kind=found.kind,
        year_be=found.year_be,
        quarter=found.quarter,
        month=found.month,
        supersedes_id=found.supersedes_id,
    )


async def with_preview_snapshot(school_id: int, found: Announcement) -> Announcement:
    """A draft as it would read if submitted now, for previews; nothing is stored."""
    return msgspec.structs.replace(found, snapshot=await preview_snapshot(school_id, found))


async def review(actor: Actor, announcement_id: int) -> Announcement:
    _allowed(actor, Action.REVIEW)
    async with write_transaction():
        await _apply(await _begin(actor, announcement_id, Action.REVIEW))
    return await get_announcement(actor.school_id, announcement_id)


async def return_for_changes(actor: Actor, announcement_id: int, comment: str) -> Announcement:
    _allowed(actor, Action.RETURN)
    comment = checked_text(comment, "comment", "ความเห็น").strip()
    if not comment:
        raise InvalidInput({"comment": "ความเห็น: กรุณาระบุสิ่งที่ต้องแก้ไข"}, {"comment": comment})
    if len(comment) > COMMENT_LIMIT:
        raise InvalidInput({"comment": f"ความเห็น: ยาวเกิน {COMMENT_LIMIT:,} ตัวอักษร"}, {"comment": comment})
    async with write_transaction():
        await _apply(await _begin(actor, announcement_id, Action.RETURN, text=comment))
    return await get_announcement(actor.school_id, announcement_id)


async def approve(actor: Actor, announcement_id: int, *, at: datetime | None = None) -> Announcement:
    """Sign and publish. ``at`` backdates, only for importing a school's earlier records (the demo)."""
    _allowed(actor, Action.APPROVE)
    published_at = clock.require_aware(at) if at is not None else clock.now()
    async with write_transaction():
        school = await publishing.locked_school(actor.school_id)
        step = await _begin(actor, announcement_id, Action.APPROVE, school=school, at=published_at)
        if step.before["procurement"] is not None:
            await publishing.check_plan_published(step.before["procurement"])
        await _apply(step)
    if not in_transaction():  # inside a bigger transaction (the demo), its owner says so after it
        await events.published(actor.school_id)
    return await get_announcement(actor.school_id, announcement_id)


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
    if found.status != S.PUBLISHED:
        raise NotFound("ประกาศ")
    return found


async def list_announcements(
    school_id: int,
    *,
    year_be: int | None = None,
    statuses: tuple[str, ...] = (S.PUBLISHED,),
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
        & (t.Announcement.status == S.PUBLISHED)
    )
    return [_announcement(r) for r in rows]
