"""The workflow table is complete and consistent: every state is reachable and left (until it is
published), every action has one permission that some role holds, every effect is carried out."""

from __future__ import annotations

import pytest

from prakat.announcements import steps as announcement_steps
from prakat.auth.roles import Permission, Role, can
from prakat.errors import Conflict
from prakat.rules import PLAN_KINDS, PROCUREMENT_KINDS, YEAR_KINDS, About, AnnouncementKind
from prakat.workflow import (
    TRANSITIONS,
    Action,
    AnnouncementStatus,
    Effect,
    Gate,
    PlanStatus,
    Publishable,
    actions_for,
    permission_for,
    transition,
    waiting_for,
)
from prakat.workflow.moves import ON_APPROVAL, Target

S = AnnouncementStatus
PUBLISHABLES = sorted({row.publishable for row in TRANSITIONS})
SETTINGS = (False, True)  # the school's review_by_head


@pytest.mark.parametrize("publishable", PUBLISHABLES)
@pytest.mark.parametrize("review_by_head", SETTINGS)
def test_every_state_is_reachable_from_nothing(publishable: Publishable, review_by_head: bool) -> None:
    reached: set[AnnouncementStatus | None] = {None}
    while True:
        more = {
            row.to
            for row in TRANSITIONS
            if row.publishable is publishable and row.state in reached and row.gate.holds(review_by_head)
        } - reached
        if not more:
            break
        reached |= more
    expected = set(S) if review_by_head else set(S) - {S.REVIEWED}
    assert reached - {None} == expected


def test_the_reviewed_state_is_reached_only_through_the_heads_review() -> None:
    into = [row for row in TRANSITIONS if row.to is S.REVIEWED]
    assert [(row.action, row.gate) for row in into] == [(Action.REVIEW, Gate.HEAD_REVIEW)]


def test_every_action_has_one_permission_that_a_role_holds() -> None:
    for publishable in PUBLISHABLES:
        for action in {row.action for row in TRANSITIONS if row.publishable is publishable}:
            permissions = {row.permission for row in TRANSITIONS if row.action is action}
            assert len(permissions) == 1, action
            (permission,) = permissions
            assert permission_for(publishable, action) is permission
            assert permission is not Permission.VIEW
            assert [role for role in Role if can(role, permission)], f"no role may {action}"


def test_only_one_row_applies_to_a_state_and_an_action_at_any_school() -> None:
    for review_by_head in SETTINGS:
        keys = [
            (row.publishable, row.state, row.action) for row in TRANSITIONS if row.gate.holds(review_by_head)
        ]
        assert len(keys) == len(set(keys))


def test_published_is_frozen_and_everything_before_it_waits_on_someone() -> None:
    assert not [row for row in TRANSITIONS if row.state is S.PUBLISHED]
    for review_by_head in SETTINGS:
        for state in S:
            waits = waiting_for(Publishable.ANNOUNCEMENT, state, review_by_head=review_by_head)
            if state is S.PUBLISHED or (state is S.REVIEWED and not review_by_head):
                # A reviewed announcement at a school that turned the review off still goes on.
                assert (waits is None) == (state is S.PUBLISHED)
                continue
            assert waits is not None and waits.to is not None, state
            # The row carries it forward: the one who waits is the one who can move it.
            assert waits.action in (Action.SUBMIT, Action.REVIEW, Action.APPROVE)


def test_refused_actions_say_why_in_thai() -> None:
    for row in TRANSITIONS:
        if row.state is not None:
            assert row.refused, row
    with pytest.raises(Conflict, match="อนุมัติได้เฉพาะประกาศที่รออนุมัติ"):
        transition(Publishable.ANNOUNCEMENT, S.DRAFT, Action.APPROVE, review_by_head=False)
    with pytest.raises(Conflict, match="ต้องผ่านการตรวจสอบของหัวหน้าเจ้าหน้าที่ก่อน"):
        transition(Publishable.ANNOUNCEMENT, S.SUBMITTED, Action.APPROVE, review_by_head=True)
    with pytest.raises(Conflict, match="ไม่ได้กำหนดให้หัวหน้าเจ้าหน้าที่ตรวจสอบ"):
        transition(Publishable.ANNOUNCEMENT, S.SUBMITTED, Action.REVIEW, review_by_head=False)


def test_every_effect_is_carried_out_by_the_service_where_its_kind_says() -> None:
    named = {effect for row in TRANSITIONS for effect in row.effects}
    assert named == set(Effect)
    assert set(announcement_steps.STAMPS) == {e for e in Effect if e.stamps}
    assert set(announcement_steps.AFTERWARDS) == {e for e in Effect if not e.stamps}


def test_approval_moves_what_each_kind_speaks_about() -> None:
    publish = [row for row in TRANSITIONS if row.action is Action.APPROVE]
    assert publish and all(
        set(row.effects) >= {Effect.SIGN, Effect.NUMBER, Effect.SEQUENCE, Effect.MOVE, Effect.RENDER}
        for row in publish
    )
    for kind in PLAN_KINDS:
        assert ON_APPROVAL[kind].target is Target.PLAN and ON_APPROVAL[kind].status is PlanStatus.PUBLISHED
    for kind in PROCUREMENT_KINDS:
        assert ON_APPROVAL[kind].target is Target.PROCUREMENT
    assert ON_APPROVAL[AnnouncementKind.QUARTERLY_WINNERS].target is Target.QUARTER_ITEMS
    assert AnnouncementKind.NO_PLAN_STATEMENT not in ON_APPROVAL


def test_the_kind_sets_partition_the_kinds() -> None:
    assert set(AnnouncementKind) == PLAN_KINDS | PROCUREMENT_KINDS | YEAR_KINDS
    assert not (PLAN_KINDS & PROCUREMENT_KINDS or PLAN_KINDS & YEAR_KINDS or PROCUREMENT_KINDS & YEAR_KINDS)
    assert {k.info.about for k in YEAR_KINDS} == {About.FISCAL_YEAR}


@pytest.mark.parametrize("review_by_head", SETTINGS)
def test_what_each_role_may_do_in_each_state(review_by_head: bool) -> None:
    A = Action
    mine = {
        (role, state): actions_for(Publishable.ANNOUNCEMENT, state, role, review_by_head=review_by_head)
        for role in Role
        for state in S
    }
    officer_drafts = {A.EDIT, A.DISCARD, A.SUBMIT}
    assert mine[Role.OFFICER, S.DRAFT] == mine[Role.OFFICER, S.RETURNED] == officer_drafts
    assert mine[Role.DIRECTOR, S.DRAFT] == frozenset()
    assert mine[Role.DIRECTOR, S.SUBMITTED] == ({A.RETURN} if review_by_head else {A.APPROVE, A.RETURN})
    assert mine[Role.DIRECTOR, S.REVIEWED] == {A.APPROVE, A.RETURN}
    assert mine[Role.HEAD, S.SUBMITTED] == ({A.REVIEW, A.RETURN} if review_by_head else {A.RETURN})
    assert all(not mine[role, S.PUBLISHED] for role in Role)
    assert all(not mine[Role.ADMIN, state] for state in S)
