from __future__ import annotations

from datetime import date, datetime

import msgspec


class AnnouncementCreate(msgspec.Struct, frozen=True, kw_only=True):
    kind: str
    subject: str
    announced_on: date
    fiscal_year_be: int
    number: str = ""
    procurement_id: int | None = None
    plan_id: int | None = None
    supersedes_id: int | None = None


class Announcement(msgspec.Struct, frozen=True, kw_only=True):
    id: int
    school_id: int
    year_be: int
    kind: str
    subject: str
    number: str
    announced_on: date
    status: str
    procurement_id: int | None
    plan_id: int | None
    supersedes_id: int | None
    signer_name: str
    signer_position: str
    signer_delegation: str
    pdf_sha256: str | None
    sequence: int | None
    published_at: datetime | None
