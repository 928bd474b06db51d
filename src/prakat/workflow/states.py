"""Where a publishable record stands, and where publication moves what it speaks about.

The values are what the database stores (``status`` columns, plain ``VARCHAR(20)`` with no CHECK):
never rename one. Each set is defined here once; pages, the API, the services and the locks compare
against these members, never against bare strings.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from types import MappingProxyType


class AnnouncementStatus(StrEnum):
    """An announcement's place in the approval workflow (see :mod:`prakat.workflow.transitions`)."""

    DRAFT = "draft"
    SUBMITTED = "submitted"
    REVIEWED = "reviewed"
    PUBLISHED = "published"
    RETURNED = "returned"

    @property
    def label(self) -> str:
        return ANNOUNCEMENT_STATUS_LABELS[self]


class PlanStatus(StrEnum):
    """A plan revision: a draft until its plan announcement is approved, then frozen."""

    DRAFT = "draft"
    PUBLISHED = "published"

    @property
    def label(self) -> str:
        return PLAN_STATUS_LABELS[self]


class ProcurementStatus(StrEnum):
    """Where a procurement stands (the ITA "สถานะ" column); moved by publications, never typed in:
    draft until its first announcement is published, in_progress after an invitation or reference
    price, awarded once the winner is published, cancelled by a cancellation announcement."""

    DRAFT = "draft"
    IN_PROGRESS = "in_progress"
    AWARDED = "awarded"
    CANCELLED = "cancelled"

    @property
    def label(self) -> str:
        return PROCUREMENT_STATUS_LABELS[self]


_A, _P, _R = AnnouncementStatus, PlanStatus, ProcurementStatus

ANNOUNCEMENT_STATUS_LABELS: Mapping[str, str] = MappingProxyType(
    {
        _A.DRAFT: "ฉบับร่าง",
        _A.SUBMITTED: "รออนุมัติ",
        _A.REVIEWED: "ตรวจสอบแล้ว รออนุมัติ",
        _A.PUBLISHED: "เผยแพร่แล้ว",
        _A.RETURNED: "ส่งกลับให้แก้ไข",
    }
)
PLAN_STATUS_LABELS: Mapping[str, str] = MappingProxyType({_P.DRAFT: "ฉบับร่าง", _P.PUBLISHED: "เผยแพร่แล้ว"})
PROCUREMENT_STATUS_LABELS: Mapping[str, str] = MappingProxyType(
    {
        _R.DRAFT: "อยู่ระหว่างจัดทำ",
        _R.IN_PROGRESS: "อยู่ระหว่างดำเนินการ",
        _R.AWARDED: "ประกาศผู้ชนะแล้ว",
        _R.CANCELLED: "ยกเลิก",
    }
)

# Its author may still change it (edit the free text, discard it, send it).
EDITABLE: tuple[AnnouncementStatus, ...] = (_A.DRAFT, _A.RETURNED)
# With the head or the director: waiting for a decision.
PENDING: tuple[AnnouncementStatus, ...] = (_A.SUBMITTED, _A.REVIEWED)
# Not yet public: everything still in the approval flow.
IN_FLOW: tuple[AnnouncementStatus, ...] = (*EDITABLE, *PENDING)
# An announcement in one of these states fixes what it speaks about: the director is looking at it,
# or the public already is.
HOLDING: tuple[AnnouncementStatus, ...] = (*PENDING, _A.PUBLISHED)
