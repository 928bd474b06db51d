"""The approval workflow as data: one row per move a publishable record can make.

Each row says, for one kind of publishable record: from which state, by which action, with which
permission (roles hold permissions, :mod:`prakat.auth.roles`), into which state, and what moves with
it. The services check and apply an action through :func:`transition` (and run the row's effects,
in order); the pages offer exactly :func:`actions_for`; the API and the page routes guard each
action with :func:`permission_for`. A new publishable kind (the monthly summary, the annual report)
joins by adding its rows here and an implementation of any new effect.

For announcements::

    (none) ──prepare──▶ draft ──submit──▶ submitted ──review──▶ reviewed ──approve──▶ published
                          ▲                  │  └────approve (no head review)─────────▲
                          └──── returned ◀───┴──return (with a comment)── reviewed

A published record has no way out: it is frozen. A change or a cancellation is a new record.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from prakat.auth.roles import Permission, Role, can
from prakat.errors import Conflict
from prakat.workflow.states import AnnouncementStatus


class Publishable(StrEnum):
    """A kind of record that goes through the approval workflow."""

    ANNOUNCEMENT = "announcement"


class Action(StrEnum):
    """What someone does to a record; the value names the audit entry and the page's control."""

    PREPARE = "create"
    EDIT = "update"
    DISCARD = "delete"
    SUBMIT = "submit"
    REVIEW = "review"
    APPROVE = "approve"
    RETURN = "return"


class Gate(StrEnum):
    """A school setting a row depends on: some schools ask the head to review before the director."""

    ALWAYS = "always"
    HEAD_REVIEW = "head_review"  # only where the school asks for the head's review
    NO_HEAD_REVIEW = "no_head_review"  # only where it does not

    def holds(self, review_by_head: bool) -> bool:
        if self is Gate.HEAD_REVIEW:
            return review_by_head
        if self is Gate.NO_HEAD_REVIEW:
            return not review_by_head
        return True


class Effect(StrEnum):
    """What moves with a transition, besides the state. Stamps set the record's own columns (in the
    same write as the state and its audit entry); the others act afterwards, in the same transaction."""

    BODY = "body"  # rewrites the free text
    SNAPSHOT = "snapshot"  # copies the content as it stands now: what is approved is what was sent
    REVIEWER = "reviewer"  # records who reviewed, and when
    COMMENT = "comment"  # records the reason for returning it
    THAW = "thaw"  # drops the snapshot and the review, so the author works on the live records again
    SIGN = "sign"  # copies the signer (the approving director) and the delegation
    NUMBER = "number"  # numbers it within the fiscal year (N/พ.ศ.)
    SEQUENCE = "sequence"  # takes the school's next publication sequence and the publication time
    MOVE = "move"  # moves what it speaks about forward (plan published, procurement status)
    RENDER = "render"  # renders and stores the PDF; if that fails, nothing above happens either

    @property
    def stamps(self) -> bool:
        return self not in (Effect.MOVE, Effect.RENDER)


@dataclass(frozen=True)
class Transition:
    """One row of the table. ``state`` None is "not yet there" (prepare); ``to`` None removes it."""

    publishable: Publishable
    state: AnnouncementStatus | None
    action: Action
    permission: Permission
    to: AnnouncementStatus | None
    effects: tuple[Effect, ...] = ()
    gate: Gate = Gate.ALWAYS
    # Who must act next while the record waits on this row (the workspace dashboard), for the rows
    # that carry it forward.
    waiting_for: str = ""
    # Why the action is refused in any other state (one text per action).
    refused: str = ""


_N = Publishable.ANNOUNCEMENT
S, A, P, E = AnnouncementStatus, Action, Permission, Effect

_NOT_EDITABLE = "ประกาศนี้ส่งขออนุมัติหรือเผยแพร่แล้ว แก้ไขไม่ได้"
_NOT_DISCARDABLE = "ลบได้เฉพาะประกาศฉบับร่างหรือที่ถูกส่งกลับ"
_NOT_SUBMITTABLE = "ประกาศนี้ส่งขออนุมัติหรือเผยแพร่แล้ว"
_NOT_REVIEWABLE = "ตรวจสอบได้เฉพาะประกาศที่รออนุมัติ"
_NOT_APPROVABLE = "อนุมัติได้เฉพาะประกาศที่รออนุมัติ"
_NOT_RETURNABLE = "ส่งกลับได้เฉพาะประกาศที่รออนุมัติ"
_SEND = (E.SNAPSHOT,)
_PUBLISH = (E.SIGN, E.NUMBER, E.SEQUENCE, E.MOVE, E.RENDER)
_GIVE_BACK = (E.COMMENT, E.THAW)
_TO_DIRECTOR = "ผู้อำนวยการ (อนุมัติ)"

TRANSITIONS: tuple[Transition, ...] = (
    Transition(_N, None, A.PREPARE, P.EDIT, S.DRAFT),
    Transition(_N, S.DRAFT, A.EDIT, P.EDIT, S.DRAFT, (E.BODY,), refused=_NOT_EDITABLE),
    Transition(_N, S.RETURNED, A.EDIT, P.EDIT, S.RETURNED, (E.BODY,), refused=_NOT_EDITABLE),
    Transition(_N, S.DRAFT, A.DISCARD, P.EDIT, None, refused=_NOT_DISCARDABLE),
    Transition(_N, S.RETURNED, A.DISCARD, P.EDIT, None, refused=_NOT_DISCARDABLE),
    Transition(
        _N,
        S.DRAFT,
        A.SUBMIT,
        P.SUBMIT,
        S.SUBMITTED,
        _SEND,
        waiting_for="เจ้าหน้าที่พัสดุ (ส่งขออนุมัติ)",
        refused=_NOT_SUBMITTABLE,
    ),
    Transition(
        _N,
        S.RETURNED,
        A.SUBMIT,
        P.SUBMIT,
        S.SUBMITTED,
        _SEND,
        waiting_for="เจ้าหน้าที่พัสดุ (แก้ไขตามความเห็น)",
        refused=_NOT_SUBMITTABLE,
    ),
    Transition(
        _N,
        S.SUBMITTED,
        A.REVIEW,
        P.REVIEW,
        S.REVIEWED,
        (E.REVIEWER,),
        Gate.HEAD_REVIEW,
        waiting_for="หัวหน้าเจ้าหน้าที่ (ตรวจสอบ)",
        refused=_NOT_REVIEWABLE,
    ),
    Transition(
        _N,
        S.SUBMITTED,
        A.APPROVE,
        P.APPROVE,
        S.PUBLISHED,
        _PUBLISH,
        Gate.NO_HEAD_REVIEW,
        waiting_for=_TO_DIRECTOR,
        refused=_NOT_APPROVABLE,
    ),
    Transition(
        _N,
        S.REVIEWED,
        A.APPROVE,
        P.APPROVE,
        S.PUBLISHED,
        _PUBLISH,
        waiting_for=_TO_DIRECTOR,
        refused=_NOT_APPROVABLE,
    ),
    Transition(_N, S.SUBMITTED, A.RETURN, P.RETURN, S.RETURNED, _GIVE_BACK, refused=_NOT_RETURNABLE),
    Transition(_N, S.REVIEWED, A.RETURN, P.RETURN, S.RETURNED, _GIVE_BACK, refused=_NOT_RETURNABLE),
)

# Why a row exists but its gate is closed for this school.
GATE_REFUSED = {
    Gate.HEAD_REVIEW: "โรงเรียนนี้ไม่ได้กำหนดให้หัวหน้าเจ้าหน้าที่ตรวจสอบก่อนเสนอผู้อำนวยการ",
    Gate.NO_HEAD_REVIEW: "ประกาศนี้ต้องผ่านการตรวจสอบของหัวหน้าเจ้าหน้าที่ก่อน",
}


def rows(publishable: Publishable, action: Action | None = None) -> tuple[Transition, ...]:
    return tuple(
        r for r in TRANSITIONS if r.publishable is publishable and (action is None or r.action is action)
    )


def permission_for(publishable: Publishable, action: Action) -> Permission:
    """The one permission an action needs, whatever the state (the table test holds every action to one)."""
    return rows(publishable, action)[0].permission


def transition(
    publishable: Publishable, state: str | None, action: Action, *, review_by_head: bool
) -> Transition:
    """The row that applies; :class:`Conflict` with the reason to show when none does."""
    found = [r for r in rows(publishable, action) if r.state == state]
    for row in found:
        if row.gate.holds(review_by_head):
            return row
    if found:
        raise Conflict(GATE_REFUSED[found[0].gate])
    raise Conflict(rows(publishable, action)[0].refused)


def actions_for(
    publishable: Publishable, state: str, role: Role | str | None, *, review_by_head: bool
) -> frozenset[Action]:
    """What a person in ``role`` may do to a record in ``state`` at this school: what pages offer."""
    return frozenset(
        r.action
        for r in rows(publishable)
        if r.state == state and r.gate.holds(review_by_head) and can(role, r.permission)
    )


def waiting_for(publishable: Publishable, state: str, *, review_by_head: bool) -> Transition | None:
    """The row a record in ``state`` waits on (who acts next), or None once it is public."""
    return next(
        (r for r in rows(publishable) if r.state == state and r.waiting_for and r.gate.holds(review_by_head)),
        None,
    )
