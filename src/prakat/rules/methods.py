"""Procurement methods and kinds of procurement, as data.

The machine values (``Method.SPECIFIC == "specific"``) are stored in the database: never rename
one; add a new member instead. Facts that change with the law (amount limits, clauses to cite)
are not here: they live in dated rule sets (:mod:`prakat.rules.data`).

e-GP ``methodId`` codes: 15 = e-market and 16 = e-bidding are verified (they are used as RSS
filters). 18 = คัดเลือก and 19 = เฉพาะเจาะจง come from one third-party copy of e-GP's method list
and are marked ``egp_code_confirmed=False`` [U]; the others are unknown (None).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType

from prakat.rules.announcement_kinds import AnnouncementKind
from prakat.rules.labelled import LabelledEnum


class ProcurementKind(LabelledEnum):
    """What is procured: ซื้อ / จ้าง / เช่า / จ้างก่อสร้าง (its label, as used in subjects)."""

    BUY = "buy", "ซื้อ"
    HIRE = "hire", "จ้าง"
    RENT = "rent", "เช่า"
    CONSTRUCTION = "construction", "จ้างก่อสร้าง"


class MethodFamily(LabelledEnum):
    """The three methods of s.55 of the Procurement Act B.E. 2560."""

    GENERAL_INVITATION = "general_invitation", "วิธีประกาศเชิญชวนทั่วไป"
    SELECTION = "selection", "วิธีคัดเลือก"
    SPECIFIC = "specific", "วิธีเฉพาะเจาะจง"


class Method(StrEnum):
    """A procurement method as Prakat records it (finer than the three s.55 families)."""

    E_BIDDING = "e_bidding"
    E_MARKET = "e_market"
    PRICE_INQUIRY = "price_inquiry"
    SELECTION = "selection"
    SPECIFIC = "specific"
    SPECIFIC_W119 = "specific_w119"
    SPECIFIC_URGENT_79 = "specific_urgent_79"

    @property
    def info(self) -> MethodInfo:
        return METHODS[self]

    @property
    def label(self) -> str:
        """Thai full name of the method."""
        return METHODS[self].thai_name


@dataclass(frozen=True)
class MethodInfo:
    """Facts about a method that do not depend on the fiscal year.

    ``subject_phrase`` ends an announcement subject ("ซื้อ… โดยวิธีเฉพาะเจาะจง").
    ``announcement_kinds`` are the kinds the method normally produces, in order;
    ``optional_announcement_kinds`` may be published in addition or, for small purchases,
    instead (the quarterly winners announcement replaces individual W0 notices) [U].
    """

    method: Method
    thai_name: str
    thai_short_name: str
    subject_phrase: str
    family: MethodFamily
    egp_code: str | None
    egp_code_confirmed: bool
    announcement_kinds: tuple[AnnouncementKind, ...]
    optional_announcement_kinds: tuple[AnnouncementKind, ...] = ()

    @property
    def all_announcement_kinds(self) -> tuple[AnnouncementKind, ...]:
        return self.announcement_kinds + self.optional_announcement_kinds


_A = AnnouncementKind

_METHODS: tuple[MethodInfo, ...] = (
    MethodInfo(
        Method.E_BIDDING,
        thai_name="วิธีประกาศเชิญชวนทั่วไป ด้วยวิธีประกวดราคาอิเล็กทรอนิกส์ (e-bidding)",
        thai_short_name="ประกวดราคาอิเล็กทรอนิกส์ (e-bidding)",
        subject_phrase="ด้วยวิธีประกวดราคาอิเล็กทรอนิกส์ (e-bidding)",
        family=MethodFamily.GENERAL_INVITATION,
        egp_code="16",
        egp_code_confirmed=True,
        announcement_kinds=(_A.REFERENCE_PRICE, _A.INVITATION, _A.WINNER),
        optional_announcement_kinds=(_A.TOR_HEARING,),
    ),
    MethodInfo(
        Method.E_MARKET,
        thai_name="วิธีประกาศเชิญชวนทั่วไป ด้วยวิธีตลาดอิเล็กทรอนิกส์ (e-market)",
        thai_short_name="ตลาดอิเล็กทรอนิกส์ (e-market)",
        subject_phrase="ด้วยวิธีตลาดอิเล็กทรอนิกส์ (e-market)",
        family=MethodFamily.GENERAL_INVITATION,
        egp_code="15",
        egp_code_confirmed=True,
        announcement_kinds=(_A.REFERENCE_PRICE, _A.INVITATION, _A.WINNER),
    ),
    MethodInfo(
        Method.PRICE_INQUIRY,
        thai_name="วิธีประกาศเชิญชวนทั่วไป ด้วยวิธีสอบราคา",
        thai_short_name="สอบราคา",
        subject_phrase="ด้วยวิธีสอบราคา",
        family=MethodFamily.GENERAL_INVITATION,
        # e-GP's list has "02 สอบราคา" from the pre-2560 regulation; the 2560 code is unknown [U].
        egp_code=None,
        egp_code_confirmed=False,
        announcement_kinds=(_A.REFERENCE_PRICE, _A.INVITATION, _A.WINNER),
    ),
    MethodInfo(
        Method.SELECTION,
        thai_name="วิธีคัดเลือก",
        thai_short_name="คัดเลือก",
        subject_phrase="โดยวิธีคัดเลือก",
        family=MethodFamily.SELECTION,
        egp_code="18",  # [U] one third-party copy of e-GP's method list
        egp_code_confirmed=False,
        announcement_kinds=(_A.WINNER,),
        optional_announcement_kinds=(_A.REFERENCE_PRICE,),
    ),
    MethodInfo(
        Method.SPECIFIC,
        thai_name="วิธีเฉพาะเจาะจง",
        thai_short_name="เฉพาะเจาะจง",
        subject_phrase="โดยวิธีเฉพาะเจาะจง",
        family=MethodFamily.SPECIFIC,
        egp_code="19",  # [U] one third-party copy of e-GP's method list
        egp_code_confirmed=False,
        announcement_kinds=(_A.WINNER,),
        optional_announcement_kinds=(_A.QUARTERLY_WINNERS,),
    ),
    MethodInfo(
        Method.SPECIFIC_W119,
        thai_name="วิธีเฉพาะเจาะจง ตามหนังสือกรมบัญชีกลาง ที่ กค (กวจ) 0405.2/ว 119",
        thai_short_name="เฉพาะเจาะจง (ว 119)",
        subject_phrase="โดยวิธีเฉพาะเจาะจง",
        family=MethodFamily.SPECIFIC,
        # Purchases under ว 119 are believed not to be entered in e-GP [U].
        egp_code=None,
        egp_code_confirmed=False,
        announcement_kinds=(_A.QUARTERLY_WINNERS,),
    ),
    MethodInfo(
        Method.SPECIFIC_URGENT_79,
        thai_name="วิธีเฉพาะเจาะจง กรณีจำเป็นเร่งด่วน ตามระเบียบฯ ข้อ 79 วรรคสอง",
        thai_short_name="เฉพาะเจาะจง (ข้อ 79 วรรคสอง)",
        subject_phrase="โดยวิธีเฉพาะเจาะจง",
        family=MethodFamily.SPECIFIC,
        egp_code="19",  # [U] as for SPECIFIC
        egp_code_confirmed=False,
        announcement_kinds=(_A.QUARTERLY_WINNERS,),
    ),
)

METHODS: Mapping[Method, MethodInfo] = MappingProxyType({info.method: info for info in _METHODS})


def methods_for_egp_code(code: str) -> tuple[Method, ...]:
    """Methods recorded under an e-GP ``methodId`` (``"16"`` → e-bidding).

    Several of our methods may share one e-GP code (the specific-method variants), hence a tuple;
    empty when the code is unknown.
    """
    wanted = code.strip()
    return tuple(info.method for info in _METHODS if info.egp_code is not None and info.egp_code == wanted)
