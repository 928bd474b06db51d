"""Where a publishable record stands, and where publication moves what it speaks about.

The values are what the database stores (``status`` columns, plain ``VARCHAR(20)`` with no CHECK):
never rename one. Each set is defined here once; pages, the API, the services and the locks compare
against these members, never against bare strings.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from prakat.rules.labelled import LabelledEnum


class AnnouncementStatus(LabelledEnum):
    """An announcement's place in the approval workflow (see :mod:`prakat.workflow.transitions`)."""

    DRAFT = "draft", "ฉบับร่าง"
    SUBMITTED = "submitted", "รออนุมัติ"
    REVIEWED = "reviewed", "ตรวจสอบแล้ว รออนุมัติ"
    PUBLISHED = "published", "เผยแพร่แล้ว"
    RETURNED = "returned", "ส่งกลับให้แก้ไข"


class PlanStatus(LabelledEnum):
    """A plan revision: a draft until its plan announcement is approved, then frozen."""

    DRAFT = "draft", "ฉบับร่าง"
    PUBLISHED = "published", "เผยแพร่แล้ว"


class ProcurementStatus(LabelledEnum):
    """Where a procurement stands (the ITA "สถานะ" column); moved by publications, never typed in:
    draft until its first announcement is published, in_progress after an invitation or reference
    price, awarded once the winner is published, cancelled by a cancellation announcement."""

    DRAFT = "draft", "อยู่ระหว่างจัดทำ"
    IN_PROGRESS = "in_progress", "อยู่ระหว่างดำเนินการ"
    AWARDED = "awarded", "ประกาศผู้ชนะแล้ว"
    CANCELLED = "cancelled", "ยกเลิก"


# By value, for the pages' and the API's lists of statuses.
ANNOUNCEMENT_STATUS_LABELS: Mapping[str, str] = MappingProxyType({s: s.label for s in AnnouncementStatus})
PLAN_STATUS_LABELS: Mapping[str, str] = MappingProxyType({s: s.label for s in PlanStatus})
PROCUREMENT_STATUS_LABELS: Mapping[str, str] = MappingProxyType({s: s.label for s in ProcurementStatus})
_A = AnnouncementStatus

# Its author may still change it (edit the free text, discard it, send it).
EDITABLE: tuple[AnnouncementStatus, ...] = (_A.DRAFT, _A.RETURNED)
# With the head or the director: waiting for a decision.
PENDING: tuple[AnnouncementStatus, ...] = (_A.SUBMITTED, _A.REVIEWED)
# Not yet public: everything still in the approval flow.
IN_FLOW: tuple[AnnouncementStatus, ...] = (*EDITABLE, *PENDING)
# An announcement in one of these states fixes what it speaks about: the director is looking at it,
# or the public already is.
HOLDING: tuple[AnnouncementStatus, ...] = (*PENDING, _A.PUBLISHED)
