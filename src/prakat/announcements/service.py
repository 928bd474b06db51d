"""Announcements (ประกาศ) and the one-way door of publication."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from piccolo.query.functions.aggregate import Max

from prakat import audit, clock
from prakat.announcements.schemas import Announcement, AnnouncementCreate
from prakat.audit import Actor
from prakat.db import tables as t
from prakat.db.tx import write_transaction
from prakat.errors import InvalidInput, NotFound
from prakat.rules import AnnouncementKind
from prakat.schools.service import ensure_fiscal_year

PUBLISHED = "published"


def _announcement(row: Mapping[str, Any]) -> Announcement:
    return Announcement(
        id=row["id"],
        school_id=row["school"],
        year_be=row["fiscal_year.year_be"],
        kind=row["kind"],
        subject=row["subject"],
        number=row["number"],
        announced_on=row["announced_on"],
        status=row["status"],
        procurement_id=row["procurement"],
        plan_id=row["plan"],
        supersedes_id=row["supersedes"],
        signer_name=row["signer_name"],
        signer_position=row["signer_position"],
        signer_delegation=row["signer_delegation"],
        pdf_sha256=row["pdf_sha256"],
        sequence=row["sequence"],
        published_at=row["published_at"],
    )


async def publish(actor: Actor, data: AnnouncementCreate, *, at: datetime | None = None) -> Announcement:
    """Publish an announcement signed by the school's director as the profile names them today.

    The signer is copied, not referenced: a later change of director must not rewrite what was
    signed. The per-school sequence is gap-free because the school row is locked (PostgreSQL) or the
    whole database is (SQLite, IMMEDIATE) while the next number is taken.

    ``at`` backdates the publication time; only for importing a school's earlier, already-public
    records (the demo loader, a move from paper). Everything else publishes now.
    """
    try:
        kind = AnnouncementKind(data.kind)
    except ValueError:
        raise InvalidInput({"kind": "ประเภทประกาศ: ไม่อยู่ในรายการที่เลือกได้"}) from None
    async with write_transaction():
        query = t.School.select().where(t.School.id == actor.school_id)
        if t.School._meta.db.engine_type == "postgres":
            # SQLite has no row locks; its IMMEDIATE transaction already holds the only write lock.
            query = query.lock_rows()
        school = await query.first()
        if school is None:
            raise NotFound("โรงเรียน")
        if not school["director_name"]:
            raise InvalidInput({"director_name": "ชื่อผู้ลงนาม: ยังไม่ได้กำหนดชื่อผู้อำนวยการในข้อมูลโรงเรียน"})
        if data.supersedes_id is not None:
            old = (
                await t.Announcement.select(t.Announcement.kind)
                .where((t.Announcement.id == data.supersedes_id) & (t.Announcement.school == actor.school_id))
                .first()
            )
            if old is None or AnnouncementKind(old["kind"]) not in kind.info.supersedes:
                raise InvalidInput({"supersedes_id": "ประกาศที่แก้ไข: ประกาศประเภทนี้แก้ไขประกาศนั้นไม่ได้"})
        fy = await ensure_fiscal_year(actor, data.fiscal_year_be)
        top = (
            await t.Announcement.select(Max(t.Announcement.sequence, alias="top"))
            .where(t.Announcement.school == actor.school_id)
            .first()
        )
        sequence = ((top or {}).get("top") or 0) + 1
        row = t.Announcement(
            school=actor.school_id,
            fiscal_year=fy.id,
            kind=kind.value,
            procurement=data.procurement_id,
            plan=data.plan_id,
            supersedes=data.supersedes_id,
            number=data.number,
            subject=data.subject,
            announced_on=data.announced_on,
            status=PUBLISHED,
            signer_name=school["director_name"],
            signer_position=school["director_position"],
            signer_delegation=school["delegation_text"],
            sequence=sequence,
            published_at=clock.require_aware(at) if at is not None else clock.now(),
            created_at=clock.now(),
        )
        await row.save()
        await audit.record(actor, "publish", "announcement", row.id, after=audit.snapshot(row))
    return await get_announcement(actor.school_id, row.id)


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
    return _announcement(row)


async def list_announcements(school_id: int, *, year_be: int | None = None) -> list[Announcement]:
    query = _select().where((t.Announcement.school == school_id) & (t.Announcement.status == PUBLISHED))
    if year_be is not None:
        query = query.where(t.Announcement.fiscal_year.year_be == year_be)
    rows = await query.order_by(t.Announcement.sequence, ascending=False)
    return [_announcement(r) for r in rows]
