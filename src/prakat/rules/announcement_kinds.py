"""Kinds of procurement announcement, with their e-GP ``announceType`` codes.

The machine values are stored in the database and used in URLs and feeds: never rename one.
e-GP codes P0, 15, B0, D0, D1, D2, W0, W1, W2 are confirmed from public code that reads the
e-GP RSS feed; the other kinds are Prakat's own and have no e-GP code (``egp_code is None``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType


class AnnouncementKind(StrEnum):
    PLAN = "plan"
    PLAN_REVISION = "plan_revision"
    REFERENCE_PRICE = "reference_price"
    TOR_HEARING = "tor_hearing"
    INVITATION = "invitation"
    INVITATION_CANCEL = "invitation_cancel"
    INVITATION_CHANGE = "invitation_change"
    WINNER = "winner"
    WINNER_CANCEL = "winner_cancel"
    WINNER_CHANGE = "winner_change"
    QUARTERLY_WINNERS = "quarterly_winners"
    NO_PLAN_STATEMENT = "no_plan_statement"
    ANNUAL_REPORT = "annual_report"
    MONTHLY_SUMMARY = "monthly_summary"

    @property
    def info(self) -> AnnouncementKindInfo:
        return ANNOUNCEMENT_KINDS[self]

    @property
    def label(self) -> str:
        """Thai name of the kind."""
        return ANNOUNCEMENT_KINDS[self].thai_name


class About(StrEnum):
    """What an announcement speaks about, which decides what it must name when drafted."""

    PLAN = "plan"  # one revision of the year's procurement plan
    PROCUREMENT = "procurement"  # one procurement
    FISCAL_YEAR = "fiscal_year"  # a fiscal year (and a quarter or a month), not one record


@dataclass(frozen=True)
class AnnouncementKindInfo:
    """Facts about one kind of announcement.

    ``supersedes`` lists the kinds an announcement of this kind may replace (a change or a
    cancellation points at the announcement it corrects; both stay public).
    ``about`` says what it speaks about (a plan, a procurement, a fiscal year).
    ``egp_code_confirmed`` is True only for the nine e-GP codes verified from public code;
    for the other kinds both the code and its absence are unconfirmed [U].
    ``revises``: a later one of the same kind and period is a new revision that replaces the one
    published before and cites it (the monthly summary of a month, the annual report of a fiscal year);
    it is not a correction kind of its own.
    """

    kind: AnnouncementKind
    thai_name: str
    egp_code: str | None
    egp_code_confirmed: bool
    about: About = About.PROCUREMENT
    supersedes: frozenset[AnnouncementKind] = frozenset()
    cancels: bool = False
    revises: bool = False

    @property
    def is_correction(self) -> bool:
        """True when this kind exists to change or cancel an earlier announcement."""
        return bool(self.supersedes)

    @property
    def is_egp_kind(self) -> bool:
        return self.egp_code is not None


_K = AnnouncementKind

_KINDS: tuple[AnnouncementKindInfo, ...] = (
    AnnouncementKindInfo(_K.PLAN, "ประกาศเผยแพร่แผนการจัดซื้อจัดจ้าง", "P0", True, about=About.PLAN),
    # e-GP labels an amendment "เปลี่ยนแปลงแผน…"; its announceType code was not found [U].
    AnnouncementKindInfo(
        _K.PLAN_REVISION,
        "ประกาศเปลี่ยนแปลงแผนการจัดซื้อจัดจ้าง",
        None,
        False,
        about=About.PLAN,
        supersedes=frozenset({_K.PLAN, _K.PLAN_REVISION}),
    ),
    AnnouncementKindInfo(_K.REFERENCE_PRICE, "ประกาศราคากลาง", "15", True),
    AnnouncementKindInfo(_K.TOR_HEARING, "ประกาศเผยแพร่ร่างเอกสารประกวดราคาเพื่อรับฟังความคิดเห็น", "B0", True),
    AnnouncementKindInfo(_K.INVITATION, "ประกาศเชิญชวน", "D0", True),
    AnnouncementKindInfo(
        _K.INVITATION_CANCEL,
        "ประกาศยกเลิกประกาศเชิญชวน",
        "D1",
        True,
        supersedes=frozenset({_K.INVITATION, _K.INVITATION_CHANGE}),
        cancels=True,
    ),
    AnnouncementKindInfo(
        _K.INVITATION_CHANGE,
        "ประกาศเปลี่ยนแปลงประกาศเชิญชวน",
        "D2",
        True,
        supersedes=frozenset({_K.INVITATION, _K.INVITATION_CHANGE}),
    ),
    AnnouncementKindInfo(_K.WINNER, "ประกาศผู้ชนะการเสนอราคา", "W0", True),
    AnnouncementKindInfo(
        _K.WINNER_CANCEL,
        "ประกาศยกเลิกประกาศผู้ชนะการเสนอราคา",
        "W1",
        True,
        supersedes=frozenset({_K.WINNER, _K.WINNER_CHANGE}),
        cancels=True,
    ),
    AnnouncementKindInfo(
        _K.WINNER_CHANGE,
        "ประกาศเปลี่ยนแปลงประกาศผู้ชนะการเสนอราคา",
        "W2",
        True,
        supersedes=frozenset({_K.WINNER, _K.WINNER_CHANGE}),
    ),
    # e-GP's web UI shows quarterly winners, but no announceType code for it was found [U].
    AnnouncementKindInfo(
        _K.QUARTERLY_WINNERS,
        "ประกาศผลผู้ชนะการจัดซื้อจัดจ้างหรือผู้ได้รับการคัดเลือก และสาระสำคัญของสัญญาหรือข้อตกลงเป็นหนังสือ ประจำไตรมาส",
        None,
        False,
        about=About.FISCAL_YEAR,
    ),
    # Our own: the ITA O19 footnote statement that no plan is required this fiscal year.
    AnnouncementKindInfo(
        _K.NO_PLAN_STATEMENT, "ประกาศไม่มีการจัดทำแผนการจัดซื้อจัดจ้าง", None, False, about=About.FISCAL_YEAR
    ),
    # Our own: the report on a finished fiscal year (ITA O22 until 2568, O12/O11 in 2569), with the
    # director's memo that acknowledges it and permits its publication on the website.
    AnnouncementKindInfo(
        _K.ANNUAL_REPORT,
        "รายงานผลการจัดซื้อจัดจ้างประจำปี",
        None,
        False,
        about=About.FISCAL_YEAR,
        revises=True,
    ),
    # แบบ สขร.1 (domain.md §3): the results of one calendar month; no e-GP code [U].
    AnnouncementKindInfo(
        _K.MONTHLY_SUMMARY,
        "สรุปผลการดำเนินการจัดซื้อจัดจ้างรายเดือน (แบบ สขร.1)",
        None,
        False,
        about=About.FISCAL_YEAR,
        revises=True,
    ),
)

ANNOUNCEMENT_KINDS: Mapping[AnnouncementKind, AnnouncementKindInfo] = MappingProxyType(
    {info.kind: info for info in _KINDS}
)


def _about(about: About) -> frozenset[AnnouncementKind]:
    return frozenset(info.kind for info in _KINDS if info.about is about)


# The kind sets, defined here once.
PLAN_KINDS: frozenset[AnnouncementKind] = _about(About.PLAN)
PROCUREMENT_KINDS: frozenset[AnnouncementKind] = _about(About.PROCUREMENT)
YEAR_KINDS: frozenset[AnnouncementKind] = _about(About.FISCAL_YEAR)
# The kinds that name a procurement's winner (a cancellation withdraws one and names none).
WINNER_KINDS: frozenset[AnnouncementKind] = frozenset({_K.WINNER, _K.WINNER_CHANGE})

_BY_EGP_CODE: Mapping[str, AnnouncementKind] = MappingProxyType(
    {info.egp_code: info.kind for info in _KINDS if info.egp_code is not None}
)


def kind_for_egp_code(code: str) -> AnnouncementKind | None:
    """The kind for an e-GP ``announceType`` code (``"W0"`` → winner); None if unknown."""
    return _BY_EGP_CODE.get(code.strip().upper())
