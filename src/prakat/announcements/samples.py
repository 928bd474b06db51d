"""Sample documents of the kinds a school has not published yet, built from its own records: what
`prakat documents render` shows so that a person can look at every kind. Never stored, never
numbered, never public."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, timedelta

from prakat import clock
from prakat.announcements import service, snapshot, subjects
from prakat.announcements.schemas import Announcement
from prakat.results import MonthKey
from prakat.rules import PLAN_KINDS, AnnouncementKind
from prakat.schools.schemas import School
from prakat.thai import fiscal_year_of
from prakat.workflow import AnnouncementStatus

K = AnnouncementKind
SAMPLE_REASON = "(ตัวอย่าง) เหตุผลของการแก้ไขหรือยกเลิกประกาศ"
# Which published announcement a sample of each kind is made from (the newest of these kinds).
BASED_ON: dict[AnnouncementKind, Collection[AnnouncementKind]] = {
    K.PLAN: PLAN_KINDS,
    K.PLAN_REVISION: PLAN_KINDS,
    K.REFERENCE_PRICE: (K.INVITATION, K.REFERENCE_PRICE),
    K.TOR_HEARING: (K.INVITATION, K.REFERENCE_PRICE),
    K.INVITATION: (K.INVITATION, K.REFERENCE_PRICE),
    K.INVITATION_CHANGE: (K.INVITATION,),
    K.INVITATION_CANCEL: (K.INVITATION,),
    K.WINNER: (K.WINNER,),
    K.WINNER_CHANGE: (K.WINNER,),
    K.WINNER_CANCEL: (K.WINNER,),
}


async def sample(school: School, kind: AnnouncementKind, today: date | None = None) -> Announcement | None:
    """An unsaved announcement of ``kind`` about the school's newest fitting record, or None when
    the school has nothing it could be about."""
    today = today or clock.today_bangkok()
    published = await service.list_announcements(school.id)  # newest first
    year_be = fiscal_year_of(today)
    plan_id = procurement_id = supersedes_id = quarter = month = None
    body = ""
    if kind in BASED_ON:
        base = next((a for a in published if K(a.kind) in BASED_ON[kind]), None)
        if base is None:
            return None
        plan_id, procurement_id, year_be = base.plan_id, base.procurement_id, base.year_be
        if kind.info.is_correction:
            supersedes_id, body = base.id, SAMPLE_REASON
    elif kind is K.QUARTERLY_WINNERS:
        year_be, quarter = year_be - 1, 4
    elif kind is K.ANNUAL_REPORT:
        year_be -= 1  # the last finished fiscal year
    elif kind is K.MONTHLY_SUMMARY:
        # The last month that has ended.
        last = MonthKey.of(today.replace(day=1) - timedelta(days=1))
        year_be, month = last.fiscal_year, last.month
    content = await snapshot.build(
        school.id,
        procurement_id=procurement_id,
        plan_id=plan_id,
        kind=kind.value,
        year_be=year_be,
        quarter=quarter,
        month=month,
        supersedes_id=supersedes_id,
    )
    subject = await snapshot.subject_for(school.id, kind, procurement_id, plan_id, year_be, quarter, month)
    if kind is K.PLAN_REVISION:
        revision = content["plan"]["revision"] + 1
        content["plan"]["revision"] = revision
        subject = subjects.plan_subject(year_be, revision)
    return Announcement(
        id=0,
        school_id=school.id,
        year_be=year_be,
        kind=kind.value,
        subject=subject,
        body=body,
        number="",
        announced_on=today,
        status=AnnouncementStatus.DRAFT,
        procurement_id=procurement_id,
        plan_id=plan_id,
        supersedes_id=supersedes_id,
        quarter=quarter,
        month=month,
        signer_name=school.director_name,
        signer_position=school.director_position,
        signer_delegation=school.delegation_text,
        snapshot=content,
        pdf_sha256=None,
        sequence=None,
        published_at=None,
        created_at=clock.now(),
        prepared_by=None,
        submitted_at=None,
        reviewed_by=None,
        reviewed_at=None,
        approved_by=None,
        return_comment="",
    )
