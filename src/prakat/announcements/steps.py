"""The workflow steps of an announcement: one action of the workflow table (prakat.workflow.transitions)
applied to one announcement, the new state and the stamps its row names in one audited write, then
what moves with it (the plan or procurement, the PDF). The caller holds the transaction."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import msgspec

from prakat import audit, clock
from prakat.announcements import publishing, reading, snapshot
from prakat.audit import Actor
from prakat.db import tables as t
from prakat.errors import InvalidInput
from prakat.rules import WINNER_KINDS, AnnouncementKind
from prakat.workflow import Action, Effect, Publishable, Transition, transition

ANNOUNCEMENT = Publishable.ANNOUNCEMENT


@dataclass
class Step:
    """One action being applied: who, to what (the row before), by which row of the table, when."""

    actor: Actor
    before: dict[str, Any]
    row: Transition
    school: Mapping[str, Any]
    at: datetime
    text: str = ""  # the new body (edit) or the comment (return)
    base_url: str | None = None  # where the published copy will be (approval; None: the configured one)


async def begin(
    actor: Actor,
    announcement_id: int,
    action: Action,
    *,
    school: Mapping[str, Any] | None = None,
    at: datetime | None = None,
    text: str = "",
    base_url: str | None = None,
) -> Step:
    """The announcement and the row of the workflow table that applies to it, or Conflict."""
    before = await reading.row_of(actor.school_id, announcement_id)
    if school is None:
        school = await t.School.select(t.School.review_by_head).where(t.School.id == actor.school_id).first()
        assert school is not None
    row = transition(ANNOUNCEMENT, before["status"], action, review_by_head=bool(school["review_by_head"]))
    return Step(actor, before, row, school, at or clock.now(), text, base_url)


async def year_be_of(fiscal_year_id: int) -> int:
    row = await t.FiscalYear.select(t.FiscalYear.year_be).where(t.FiscalYear.id == fiscal_year_id).first()
    assert row is not None
    return int(row["year_be"])


async def _freeze(step: Step) -> dict[str, Any]:
    """The content is copied now: what the director approves is what was sent."""
    before = step.before
    year_be = await year_be_of(before["fiscal_year"])
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


async def _reviewer(step: Step) -> dict[str, Any]:
    return {"reviewed_by": step.actor.user_id, "reviewed_at": step.at}


async def _body(step: Step) -> dict[str, Any]:
    return {"body": step.text}


async def _comment(step: Step) -> dict[str, Any]:
    return {"return_comment": step.text}


async def _thaw(step: Step) -> dict[str, Any]:
    return {"snapshot": None, "reviewed_by": None, "reviewed_at": None}


async def _sign(step: Step) -> dict[str, Any]:
    return await publishing.sign(step.actor, step.school)


async def _number(step: Step) -> dict[str, Any]:
    return await publishing.number(step.actor.school_id, step.before["fiscal_year"])


async def _sequence(step: Step) -> dict[str, Any]:
    return await publishing.sequence(step.actor.school_id, step.at)


async def _move_subject(step: Step) -> None:
    await publishing.move(step.actor, step.before, step.at)


async def _render(step: Step) -> None:
    published = await reading.get_announcement(step.actor.school_id, step.before["id"])
    await publishing.render(step.actor.school_id, published, base_url=step.base_url)


# How each effect the workflow table names is carried out: stamps give the announcement's columns
# (written with the new state, in one audited write); the others run after that write.
STAMPS: Mapping[Effect, Callable[[Step], Awaitable[dict[str, Any]]]] = {
    Effect.BODY: _body,
    Effect.SNAPSHOT: _freeze,
    Effect.REVIEWER: _reviewer,
    Effect.COMMENT: _comment,
    Effect.THAW: _thaw,
    Effect.SIGN: _sign,
    Effect.NUMBER: _number,
    Effect.SEQUENCE: _sequence,
}
AFTERWARDS: Mapping[Effect, Callable[[Step], Awaitable[None]]] = {
    Effect.MOVE: _move_subject,
    Effect.RENDER: _render,
}


async def apply(step: Step) -> None:
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
