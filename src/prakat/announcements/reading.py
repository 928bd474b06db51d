"""Reading announcements: one row as an :class:`Announcement`, by id, published only, listed, and the
corrections that cite one. Writes are in :mod:`prakat.announcements.service`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import msgspec

from prakat.announcements.schemas import Announcement
from prakat.db import tables as t
from prakat.errors import NotFound
from prakat.workflow import AnnouncementStatus

S = AnnouncementStatus


def from_row(row: Mapping[str, Any]) -> Announcement:
    snap = row["snapshot"]
    if isinstance(snap, str):
        snap = msgspec.json.decode(snap)
    return Announcement(
        id=row["id"],
        school_id=row["school"],
        year_be=row["fiscal_year.year_be"],
        kind=row["kind"],
        subject=row["subject"],
        body=row["body"],
        number=row["number"],
        announced_on=row["announced_on"],
        status=row["status"],
        procurement_id=row["procurement"],
        plan_id=row["plan"],
        supersedes_id=row["supersedes"],
        quarter=row["quarter"],
        month=row["month"],
        signer_name=row["signer_name"],
        signer_position=row["signer_position"],
        signer_delegation=row["signer_delegation"],
        snapshot=snap,
        pdf_sha256=row["pdf_sha256"],
        sequence=row["sequence"],
        published_at=row["published_at"],
        created_at=row["created_at"],
        prepared_by=row["prepared_by"],
        submitted_at=row["submitted_at"],
        reviewed_by=row["reviewed_by"],
        reviewed_at=row["reviewed_at"],
        approved_by=row["approved_by"],
        return_comment=row["return_comment"],
    )


async def row_of(school_id: int, announcement_id: int) -> dict[str, Any]:
    """The stored row as it is (for the workflow steps), or NotFound."""
    row = (
        await t.Announcement.select()
        .where((t.Announcement.school == school_id) & (t.Announcement.id == announcement_id))
        .first()
    )
    if row is None:
        raise NotFound("ประกาศ")
    return dict(row)


def _select() -> Any:
    return t.Announcement.select(*t.Announcement.all_columns(), t.Announcement.fiscal_year.year_be)


async def get_announcement(school_id: int, announcement_id: int) -> Announcement:
    row = (
        await _select()
        .where((t.Announcement.school == school_id) & (t.Announcement.id == announcement_id))
        .first()
    )
    if row is None:
        raise NotFound("ประกาศ")
    return from_row(row)


async def get_published(school_id: int, announcement_id: int) -> Announcement:
    """For the public: a draft must look exactly like a missing page."""
    found = await get_announcement(school_id, announcement_id)
    if found.status != S.PUBLISHED:
        raise NotFound("ประกาศ")
    return found


async def list_announcements(
    school_id: int,
    *,
    year_be: int | None = None,
    statuses: tuple[str, ...] = (S.PUBLISHED,),
    procurement_id: int | None = None,
    plan_id: int | None = None,
    ids: list[int] | None = None,
) -> list[Announcement]:
    query = _select().where(
        (t.Announcement.school == school_id) & t.Announcement.status.is_in(list(statuses))
    )
    if ids is not None:
        query = query.where(t.Announcement.id.is_in(ids or [0]))
    if year_be is not None:
        query = query.where(t.Announcement.fiscal_year.year_be == year_be)
    if procurement_id is not None:
        query = query.where(t.Announcement.procurement == procurement_id)
    if plan_id is not None:
        query = query.where(t.Announcement.plan == plan_id)
    rows = await query.order_by(t.Announcement.sequence, ascending=False).order_by(
        t.Announcement.id, ascending=False
    )
    return [from_row(r) for r in rows]


async def corrections_of(school_id: int, announcement_id: int) -> list[Announcement]:
    rows = await _select().where(
        (t.Announcement.school == school_id)
        & (t.Announcement.supersedes == announcement_id)
        & (t.Announcement.status == S.PUBLISHED)
    )
    return [from_row(r) for r in rows]
