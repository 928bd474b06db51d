"""Announcements (ประกาศ): drafted by the budget group, approved by the director, then frozen.

Which action applies in which state, with which permission, and what moves with it is the workflow
table (:mod:`prakat.workflow.transitions`); this module checks each action against it and runs the
row's effects (:mod:`prakat.announcements.steps`). Approval is the one-way door
(:mod:`prakat.announcements.publishing`): it numbers the announcement, copies the signer, takes the
next publication sequence, moves what the announcement speaks about (plan, procurement) forward and
renders its PDF, all in one transaction. Nothing published is edited afterwards; a change or a
cancellation is a new announcement that points at the one it corrects. The drafting rules are in
:mod:`prakat.announcements.drafting`, the reading side in :mod:`prakat.announcements.reading`.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import msgspec

from prakat import audit, clock, events
from prakat.announcements import monthly, no_plan, publishing, snapshot, steps
from prakat.announcements.drafting import (
    check_quarter_ended,
    check_quarter_open,
    check_supersedes,
    latest_plan_announcement,
    parse_draft,
    revision_of,
    target,
)
from prakat.announcements.reading import (
    corrections_of,
    get_announcement,
    get_published,
    list_announcements,
)
from prakat.announcements.schemas import BODY_LIMIT, COMMENT_LIMIT, Announcement, AnnouncementDraft
from prakat.annual import texts as annual_texts
from prakat.audit import Actor
from prakat.auth.checks import require
from prakat.db import tables as t
from prakat.db.tx import in_transaction, write_transaction
from prakat.errors import Conflict, InvalidInput
from prakat.procurements import requirements
from prakat.procurements import service as procurements
from prakat.rules import PLAN_KINDS, WINNER_KINDS, YEAR_KINDS, AnnouncementKind
from prakat.validation import checked_text
from prakat.workflow import (
    ANNOUNCEMENT_STATUS_LABELS,
    IN_FLOW,
    Action,
    AnnouncementStatus,
    Publishable,
    permission_for,
    transition,
)

__all__ = [
    "STATUS_LABELS",
    "approve",
    "corrections_of",
    "discard",
    "get_announcement",
    "get_published",
    "list_announcements",
    "parse_draft",
    "prepare",
    "preview_snapshot",
    "return_for_changes",
    "review",
    "submit",
    "update_body",
    "with_preview_snapshot",
]

S = AnnouncementStatus
# The labels of the statuses, for pages and the API's documentation.
STATUS_LABELS = ANNOUNCEMENT_STATUS_LABELS
K = AnnouncementKind
ANNOUNCEMENT = Publishable.ANNOUNCEMENT


async def prepare(actor: Actor, data: AnnouncementDraft) -> Announcement:
    """A new draft announcement."""
    _allowed(actor, Action.PREPARE)
    first = transition(ANNOUNCEMENT, None, Action.PREPARE, review_by_head=False)
    async with write_transaction():
        fiscal_year_id, kind = await target(actor, data)
        if kind is K.PLAN_REVISION and data.supersedes_id is None:
            data = msgspec.structs.replace(
                data, supersedes_id=await latest_plan_announcement(actor, fiscal_year_id)
            )
        if kind.info.revises:
            # One published before (the same month, the same year) gets a new revision that cites
            # the one it replaces.
            data = await revision_of(actor.school_id, fiscal_year_id, kind, data)
        else:
            await check_supersedes(actor, kind, data)
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


def _allowed(actor: Actor, action: Action) -> None:
    require(actor, permission_for(ANNOUNCEMENT, action))


async def update_body(actor: Actor, announcement_id: int, body: str) -> Announcement:
    _allowed(actor, Action.EDIT)
    async with write_transaction():
        text = checked_text(body, "body", "รายละเอียดเพิ่มเติม").strip()
        step = await steps.begin(actor, announcement_id, Action.EDIT, text=text)
        if len(step.text) > BODY_LIMIT:
            raise InvalidInput({"body": f"รายละเอียดเพิ่มเติม: ยาวเกิน {BODY_LIMIT:,} ตัวอักษร"}, {"body": body})
        await steps.apply(step)
    return await get_announcement(actor.school_id, announcement_id)


async def discard(actor: Actor, announcement_id: int) -> None:
    _allowed(actor, Action.DISCARD)
    async with write_transaction():
        await steps.apply(await steps.begin(actor, announcement_id, Action.DISCARD))


async def submit(actor: Actor, announcement_id: int) -> Announcement:
    """Send for approval: the content is copied now and the records it speaks about are held."""
    _allowed(actor, Action.SUBMIT)
    async with write_transaction():
        step = await steps.begin(actor, announcement_id, Action.SUBMIT)
        before = step.before
        kind = AnnouncementKind(before["kind"])
        if kind in PLAN_KINDS and not await t.PlanItem.exists().where(t.PlanItem.plan == before["plan"]):
            raise InvalidInput({"plan_id": "แผน: ต้องมีอย่างน้อย 1 รายการก่อนส่งขออนุมัติ"})
        if kind is K.QUARTERLY_WINNERS:
            check_quarter_ended(await steps.year_be_of(before["fiscal_year"]), before["quarter"])
            await check_quarter_open(actor, before["fiscal_year"], before["quarter"])
        elif kind is K.MONTHLY_SUMMARY:
            monthly.check_ended(
                await steps.year_be_of(before["fiscal_year"]), before["month"], clock.today_bangkok()
            )
        elif kind is K.ANNUAL_REPORT:
            await annual_texts.check_written(actor.school_id, await steps.year_be_of(before["fiscal_year"]))
        elif kind is K.NO_PLAN_STATEMENT:
            # Purchases may have been entered since the draft was made.
            await no_plan.check_allowed(
                actor.school_id, before["fiscal_year"], await steps.year_be_of(before["fiscal_year"])
            )
        elif before["procurement"] is not None:
            # What the document prints and only the officer can type (the invitation's dates…).
            p = await procurements.get_procurement(actor.school_id, before["procurement"])
            needed = requirements.missing(kind, p)
            if needed:
                raise InvalidInput(needed)
        await steps.apply(step)
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
        await steps.apply(await steps.begin(actor, announcement_id, Action.REVIEW))
    return await get_announcement(actor.school_id, announcement_id)


async def return_for_changes(actor: Actor, announcement_id: int, comment: str) -> Announcement:
    _allowed(actor, Action.RETURN)
    comment = checked_text(comment, "comment", "ความเห็น").strip()
    if not comment:
        raise InvalidInput({"comment": "ความเห็น: กรุณาระบุสิ่งที่ต้องแก้ไข"}, {"comment": comment})
    if len(comment) > COMMENT_LIMIT:
        raise InvalidInput({"comment": f"ความเห็น: ยาวเกิน {COMMENT_LIMIT:,} ตัวอักษร"}, {"comment": comment})
    async with write_transaction():
        await steps.apply(await steps.begin(actor, announcement_id, Action.RETURN, text=comment))
    return await get_announcement(actor.school_id, announcement_id)


async def approve(
    actor: Actor, announcement_id: int, *, at: datetime | None = None, base_url: str | None = None
) -> Announcement:
    """Sign and publish. ``at`` backdates, only for importing a school's earlier records (the demo).
    ``base_url`` is the address the public reaches this install at, printed in the PDF with the
    announcement's public page (the server passes its own; otherwise the configured one)."""
    _allowed(actor, Action.APPROVE)
    published_at = clock.require_aware(at) if at is not None else clock.now()
    async with write_transaction():
        school = await publishing.locked_school(actor.school_id)
        step = await steps.begin(
            actor, announcement_id, Action.APPROVE, school=school, at=published_at, base_url=base_url
        )
        if step.before["procurement"] is not None:
            await publishing.check_plan_published(step.before["procurement"])
        await steps.apply(step)
    if not in_transaction():  # inside a bigger transaction (the demo), its owner says so after it
        await events.published(actor.school_id)
    return await get_announcement(actor.school_id, announcement_id)
