"""Announcements: the inputs (a draft, its free text, a return's comment), declared once for the forms
and the API (see :mod:`prakat.validation`), and the announcement as the service gives it back."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

import msgspec
from msgspec import Meta

from prakat.rules import AnnouncementKind
from prakat.validation import NOT_BLANK, Read

BODY_LIMIT = 5000
COMMENT_LIMIT = 2000  # a director's return comment
BODY_LABEL = "รายละเอียดเพิ่มเติม"

Id = Annotated[int, Meta(ge=1, le=10**9)]


def read_text(value: Any) -> str:
    """Free text as written (the service trims it); a JSON object or array is not text."""
    if isinstance(value, dict | list):
        raise ValueError("ต้องเป็นข้อความ")
    return str(value)


class AnnouncementDraft(msgspec.Struct, frozen=True, kw_only=True):
    """ประกาศฉบับร่าง: ประเภท และโครงการหรือแผนที่ประกาศถึง; เรื่อง เลขที่ วันที่
    และผู้ลงนามมาจากข้อมูลและการอนุมัติ (a draft: its kind and what it is about; the subject, number, date
    and signer follow from the records and the approval). ประกาศสรุปผลรายไตรมาสและประกาศไม่มีแผนต้องระบุ
    ``year_be`` (รายไตรมาสระบุ ``quarter`` ด้วย สรุปผลรายเดือน แบบ สขร.1 ระบุ ``month`` 1-12 ด้วย);
    การแก้ไขหรือยกเลิกต้องระบุ ``supersedes_id``
    และเหตุผลใน ``body`` (a year-level kind names its year and quarter; a change or cancellation names
    what it corrects and why)."""

    kind: Annotated[AnnouncementKind, Meta(title="ประเภทประกาศ")]
    procurement_id: Annotated[Id, Meta(title="โครงการ")] | None = None
    plan_id: Annotated[Id, Meta(title="แผน")] | None = None
    supersedes_id: (
        Annotated[Id, Meta(title="ประกาศที่แก้ไขหรือยกเลิก", description="for a change or cancellation")] | None
    ) = None
    # What a year-level announcement is about: the fiscal year (no-plan statement, quarterly
    # winners) and the quarter (quarterly winners).
    year_be: Annotated[int, Meta(title="ปีงบประมาณ", ge=2500, le=2700)] | None = None
    quarter: Annotated[int, Meta(title="ไตรมาส", ge=1, le=4)] | None = None
    # The calendar month (1-12, มกราคม = 1) of the fiscal year a monthly summary (แบบ สขร.1) covers.
    month: Annotated[int, Meta(title="เดือน", ge=1, le=12)] | None = None
    body: Annotated[str, Meta(title=BODY_LABEL, max_length=BODY_LIMIT)] = ""


class DraftText(msgspec.Struct, frozen=True, kw_only=True):
    """รายละเอียดเพิ่มเติมของประกาศฉบับร่าง (the free text of a draft; "" clears it)."""

    body: Annotated[
        str,
        Meta(title=BODY_LABEL),
        Read(read_text, keep_blank=True, schema={"type": "string", "maxLength": BODY_LIMIT}),
    ]


class ReturnComment(msgspec.Struct, frozen=True, kw_only=True):
    """ส่งกลับให้แก้ไข พร้อมความเห็น (send back, with what to change)."""

    comment: Annotated[
        str,
        Meta(title="ความเห็น", description="สิ่งที่ต้องแก้ไข (what to change)", max_length=COMMENT_LIMIT),
        Read(
            read_text,
            blank="กรุณาระบุสิ่งที่ต้องแก้ไข",
            schema={"type": "string", "pattern": NOT_BLANK, "maxLength": COMMENT_LIMIT},
        ),
    ]


class Announcement(msgspec.Struct, frozen=True, kw_only=True):
    id: int
    school_id: int
    year_be: int
    kind: str
    subject: str
    body: str
    number: str
    announced_on: date
    status: str
    procurement_id: int | None
    plan_id: int | None
    supersedes_id: int | None
    quarter: int | None
    signer_name: str
    signer_position: str
    signer_delegation: str
    snapshot: dict[str, Any] | None
    pdf_sha256: str | None
    sequence: int | None
    published_at: datetime | None
    created_at: datetime
    prepared_by: int | None
    submitted_at: datetime | None
    reviewed_by: int | None
    reviewed_at: datetime | None
    approved_by: int | None
    return_comment: str
    month: int | None = None  # the calendar month of a monthly summary
