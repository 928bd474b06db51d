from __future__ import annotations

from datetime import date, datetime
from typing import Any

import msgspec


class AnnouncementDraft(msgspec.Struct, frozen=True, kw_only=True):
    """What an officer asks for: the kind and what it is about. The subject, number, date and signer
    follow from the records and the approval."""

    kind: str
    procurement_id: int | None = None
    plan_id: int | None = None
    supersedes_id: int | None = None
    # What a year-level announcement is about: the fiscal year (no-plan statement, quarterly
    # winners) and the quarter (quarterly winners).
    year_be: int | None = None
    quarter: int | None = None
    body: str = ""


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
