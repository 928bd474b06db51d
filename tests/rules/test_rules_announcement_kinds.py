"""Announcement kinds: e-GP codes and what corrects what."""

import re

import pytest

from prakat.rules import ANNOUNCEMENT_KINDS, AnnouncementKind, kind_for_egp_code

THAI = re.compile(r"[\u0E00-\u0E7F]")
K = AnnouncementKind


def test_values_are_the_stable_database_values() -> None:
    assert {k.value for k in AnnouncementKind} == {
        "plan",
        "plan_revision",
        "reference_price",
        "tor_hearing",
        "invitation",
        "invitation_cancel",
        "invitation_change",
        "winner",
        "winner_cancel",
        "winner_change",
        "quarterly_winners",
        "no_plan_statement",
        "annual_report",
    }


def test_egp_codes() -> None:
    codes = {kind: info.egp_code for kind, info in ANNOUNCEMENT_KINDS.items()}
    assert codes == {
        K.PLAN: "P0",
        K.PLAN_REVISION: None,
        K.REFERENCE_PRICE: "15",
        K.TOR_HEARING: "B0",
        K.INVITATION: "D0",
        K.INVITATION_CANCEL: "D1",
        K.INVITATION_CHANGE: "D2",
        K.WINNER: "W0",
        K.WINNER_CANCEL: "W1",
        K.WINNER_CHANGE: "W2",
        K.QUARTERLY_WINNERS: None,
        K.NO_PLAN_STATEMENT: None,
        K.ANNUAL_REPORT: None,
    }


def test_kinds_without_a_verified_code_are_marked_unconfirmed() -> None:
    for info in ANNOUNCEMENT_KINDS.values():
        assert info.egp_code_confirmed == (info.egp_code is not None), info.kind


@pytest.mark.parametrize("kind", list(AnnouncementKind))
def test_every_kind_has_a_thai_name_and_supersedes_only_existing_kinds(kind: AnnouncementKind) -> None:
    info = kind.info
    assert info.kind is kind
    assert THAI.search(kind.label)
    for superseded in info.supersedes:
        assert superseded in ANNOUNCEMENT_KINDS
        assert not ANNOUNCEMENT_KINDS[superseded].cancels, "nothing supersedes a cancellation"


def test_what_corrects_what() -> None:
    supersedes = {kind: info.supersedes for kind, info in ANNOUNCEMENT_KINDS.items() if info.is_correction}
    assert supersedes == {
        K.PLAN_REVISION: {K.PLAN, K.PLAN_REVISION},
        K.INVITATION_CANCEL: {K.INVITATION, K.INVITATION_CHANGE},
        K.INVITATION_CHANGE: {K.INVITATION, K.INVITATION_CHANGE},
        K.WINNER_CANCEL: {K.WINNER, K.WINNER_CHANGE},
        K.WINNER_CHANGE: {K.WINNER, K.WINNER_CHANGE},
    }
    assert {kind for kind, info in ANNOUNCEMENT_KINDS.items() if info.cancels} == {
        K.INVITATION_CANCEL,
        K.WINNER_CANCEL,
    }


def test_kind_for_egp_code() -> None:
    assert kind_for_egp_code("W0") is K.WINNER
    assert kind_for_egp_code(" d2 ") is K.INVITATION_CHANGE
    assert kind_for_egp_code("15") is K.REFERENCE_PRICE
    assert kind_for_egp_code("Z9") is None
    for info in ANNOUNCEMENT_KINDS.values():
        if info.egp_code is not None:
            assert kind_for_egp_code(info.egp_code) is info.kind
