"""What approving an announcement does besides changing its state: the one-way door.

Approval signs it (copies the signer), numbers it within the fiscal year, takes the school's next
publication sequence, moves what it speaks about forward (:data:`prakat.workflow.moves.ON_APPROVAL`)
and renders its PDF, all inside the approval's transaction: if any step fails, nothing is published.
The workflow table (:mod:`prakat.workflow.transitions`) names these effects; the service runs them.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import datetime
from typing import Any

import msgspec
from piccolo.query.functions.aggregate import Count, Max

from prakat import clock
from prakat.announcements import pdf
from prakat.announcements.schemas import Announcement
from prakat.audit import Actor
from prakat.db import tables as t
from prakat.errors import Conflict, InvalidInput, NotFound
from prakat.plans import service as plans
from prakat.procurements import service as procurements
from prakat.rules import AnnouncementKind
from prakat.schools.service import get_school
from prakat.workflow import AnnouncementStatus, PlanStatus, ProcurementStatus
from prakat.workflow.moves import ON_APPROVAL, Target

log = logging.getLogger(__name__)


async def locked_school(school_id: int) -> dict[str, Any]:
    query = t.School.select().where(t.School.id == school_id)
    if t.School._meta.db.engine_type == "postgres":
        # Serialises publications of one school, so sequences and numbers have no gaps or twins.
        # SQLite has no row locks; its IMMEDIATE transaction already holds the only write lock.
        query = query.lock_rows()
    school = await query.first()
    if school is None:
        raise NotFound("โรงเรียน")
    return dict(school)


async def check_plan_published(procurement_id: int) -> None:
    """s.11: the plan comes first. A procurement taken from a plan item may be announced only once the
    plan revision holding that item is public; one outside any plan (small purchases) needs none."""
    proc = (
        await t.Procurement.select(t.Procurement.plan_item).where(t.Procurement.id == procurement_id).first()
    )
    if proc is None or proc["plan_item"] is None:
        return
    plan = (
        await t.PlanItem.select(t.PlanItem.plan.status, t.PlanItem.plan.revision)
        .where(t.PlanItem.id == proc["plan_item"])
        .first()
    )
    if plan is not None and plan["plan.status"] != PlanStatus.PUBLISHED:
        revision = plan["plan.revision"]
        which = "แผนฉบับแรก" if revision == 0 else f"แผนฉบับปรับปรุง ครั้งที่ {revision}"
        raise Conflict(f"รายการในแผนที่โครงการนี้อ้างถึงอยู่ใน{which}ซึ่งยังไม่เผยแพร่ กรุณาเผยแพร่แผนฉบับนั้นก่อน")


async def sign(actor: Actor, school: Mapping[str, Any]) -> dict[str, Any]:
    """The approving director as their account names them, else the school profile's director."""
    name, position = school["director_name"], school["director_position"]
    if actor.user_id is not None:
        user = (
            await t.User.select(t.User.display_name, t.User.position)
            .where(t.User.id == actor.user_id)
            .first()
        )
        if user is not None and user["display_name"]:
            name, position = user["display_name"], user["position"] or school["director_position"]
    if not name:
        raise InvalidInput({"signer": "ผู้ลงนาม: ยังไม่ได้กำหนดชื่อผู้อำนวยการในข้อมูลโรงเรียน"})
    return {
        "signer_name": name,
        "signer_position": position,
        "signer_delegation": school["delegation_text"],
        "approved_by": actor.user_id,
    }


async def number(school_id: int, fiscal_year_id: int) -> dict[str, Any]:
    """N/พ.ศ.: one more than what the school has published in the fiscal year."""
    count = (
        await t.Announcement.select(Count(alias="n"))
        .where(
            (t.Announcement.school == school_id)
            & (t.Announcement.fiscal_year == fiscal_year_id)
            & (t.Announcement.status == AnnouncementStatus.PUBLISHED)
        )
        .first()
    )
    year = await t.FiscalYear.select(t.FiscalYear.year_be).where(t.FiscalYear.id == fiscal_year_id).first()
    assert year is not None
    return {"number": f"{int((count or {}).get('n') or 0) + 1}/{year['year_be']}"}


async def sequence(school_id: int, published_at: datetime) -> dict[str, Any]:
    """The school's next publication sequence (what feeds and pages order by) and the time."""
    top = (
        await t.Announcement.select(Max(t.Announcement.sequence, alias="top"))
        .where(t.Announcement.school == school_id)
        .first()
    )
    return {
        "sequence": int((top or {}).get("top") or 0) + 1,
        "announced_on": published_at.astimezone(clock.BANGKOK).date(),
        "published_at": published_at,
    }


async def move(actor: Actor, row: Mapping[str, Any], published_at: datetime) -> None:
    """Moves what the announcement speaks about forward, as :data:`ON_APPROVAL` says for its kind."""
    found = ON_APPROVAL.get(AnnouncementKind(row["kind"]))
    if found is None:
        return
    if found.target is Target.PLAN:
        await plans.mark_plan_published(actor, row["plan"], at=published_at)
    elif found.target is Target.PROCUREMENT:
        await procurements.move_status(actor, row["procurement"], ProcurementStatus(found.status))
    else:
        # What the director approved is the frozen list, not whatever the quarter holds now.
        frozen = row["snapshot"]
        if isinstance(frozen, str):
            frozen = msgspec.json.decode(frozen)
        for item in (frozen or {}).get("quarter", {}).get("items", []):
            await procurements.move_status(actor, item["procurement_id"], ProcurementStatus(found.status))


async def render(school_id: int, published: Announcement, *, base_url: str | None = None) -> None:
    """Rendered once, now, inside the approval's transaction: if the PDF cannot be made (no emblem,
    a rendering failure) nothing of the approval is published either. The PDF prints where its
    published copy is, with ``base_url`` (pdf.public_url)."""
    try:
        data = await pdf.render(await get_school(school_id), published, base_url=base_url)
    except InvalidInput:
        raise
    except Exception:
        # Whatever broke inside the renderer, the director gets a clear refusal, not a 500,
        # and the transaction rolls everything above back.
        log.exception("rendering announcement %s failed", published.id)
        raise Conflict(
            "สร้างเอกสาร PDF ของประกาศไม่สำเร็จ ประกาศจึงยังไม่เผยแพร่ กรุณาลองอีกครั้ง หากยังไม่ได้ให้แจ้งผู้ดูแลระบบ"
        ) from None
    digest = await pdf.store(school_id, data)
    await t.Announcement.update({t.Announcement.pdf_sha256: digest}).where(t.Announcement.id == published.id)
