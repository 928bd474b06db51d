"""The canonical content of an announcement: everything it states, copied at submission so that what
the director approves is exactly what is published and what stays public."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

import msgspec

from prakat.announcements import monthly, quarterly, subjects
from prakat.annual import service as annual
from prakat.db import tables as t
from prakat.plans.service import get_plan
from prakat.procurements.service import get_procurement
from prakat.rules import WINNER_KINDS, AnnouncementKind, rules_for
from prakat.schools.service import get_school
from prakat.thai import fiscal_quarter_bounds
from prakat.workflow import AnnouncementStatus

# Bumped when the shape changes, so readers of old snapshots know what they hold.
VERSION = 1
SCHOOL_FIELDS = (
    "slug",
    "name",
    "agency_type",
    "ministry",
    "area_office",
    "address",
    "subdistrict",
    "district",
    "province",
    "egp_dept_id",
    "egp_deptsub_id",
)


async def build(
    school_id: int,
    *,
    procurement_id: int | None,
    plan_id: int | None,
    kind: str = "",
    year_be: int | None = None,
    quarter: int | None = None,
    month: int | None = None,
    supersedes_id: int | None = None,
) -> dict[str, Any]:
    school = await get_school(school_id)
    content: dict[str, Any] = {
        "version": VERSION,
        "school": {field: getattr(school, field) for field in SCHOOL_FIELDS},
    }
    if procurement_id is not None:
        content["procurement"] = msgspec.to_builtins(await get_procurement(school_id, procurement_id))
        if kind in WINNER_KINDS:
            # After an invitation, the winner announcement refers to it by number and date.
            invitation = await _newest(
                school_id, procurement_id, (AnnouncementKind.INVITATION, AnnouncementKind.INVITATION_CHANGE)
            )
            if invitation is not None:
                content["invitation"] = invitation
    if plan_id is not None:
        content["plan"] = msgspec.to_builtins(await get_plan(school_id, plan_id))
    if kind == quarterly.QUARTERLY.value and year_be is not None and quarter is not None:
        first, last = fiscal_quarter_bounds(year_be, quarter)
        items = quarterly.snapshot_items(await quarterly.procurements_of_quarter(school_id, year_be, quarter))
        content["quarter"] = {
            "year_be": year_be,
            "quarter": quarter,
            "first": first.isoformat(),
            "last": last.isoformat(),
            "items": items,
            "total": str(sum((Decimal(i["agreed_price"]) for i in items), Decimal("0"))),
        }
    elif kind == monthly.MONTHLY.value and year_be is not None and month is not None:
        content["month_summary"] = await monthly.content(school_id, year_be, month)
    elif kind == AnnouncementKind.NO_PLAN_STATEMENT.value and year_be is not None:
        rules = rules_for(year_be)
        content["no_plan"] = {
            "year_be": year_be,
            "limit": str(rules.plan_exemption_max),
            "clause": rules.plan_exemption_clause,
        }
    elif kind == AnnouncementKind.ANNUAL_REPORT.value and year_be is not None:
        content["annual"] = await annual.content(school_id, year_be)
    if supersedes_id is not None:
        content["supersedes"] = await _superseded(school_id, supersedes_id)
    return content


_CITED = (t.Announcement.kind, t.Announcement.number, t.Announcement.announced_on, t.Announcement.subject)


def _cited(row: dict[str, Any] | None) -> dict[str, Any] | None:
    """What a later announcement cites of an earlier one: its kind, number, date and subject."""
    if row is None:
        return None
    return {
        "kind": row["kind"],
        "number": row["number"],
        "announced_on": row["announced_on"].isoformat(),
        "subject": row["subject"],
    }


async def _newest(
    school_id: int, procurement_id: int, kinds: tuple[AnnouncementKind, ...]
) -> dict[str, Any] | None:
    row = (
        await t.Announcement.select(*_CITED)
        .where(
            (t.Announcement.school == school_id)
            & (t.Announcement.procurement == procurement_id)
            & (t.Announcement.status == AnnouncementStatus.PUBLISHED)
            & t.Announcement.kind.is_in([k.value for k in kinds])
        )
        .order_by(t.Announcement.sequence, ascending=False)
        .first()
    )
    return _cited(row)


async def _superseded(school_id: int, announcement_id: int) -> dict[str, Any] | None:
    row = (
        await t.Announcement.select(*_CITED)
        .where((t.Announcement.school == school_id) & (t.Announcement.id == announcement_id))
        .first()
    )
    return _cited(row)


async def subject_for(
    school_id: int,
    kind: AnnouncementKind,
    procurement_id: int | None,
    plan_id: int | None,
    year_be: int | None = None,
    quarter: int | None = None,
    month: int | None = None,
) -> str:
    """The subject (เรื่อง) as the records word it now; submitting copies it with the content."""
    if kind is AnnouncementKind.QUARTERLY_WINNERS:
        assert year_be is not None and quarter is not None
        return subjects.quarterly_winners_subject(year_be, quarter)
    if kind is AnnouncementKind.MONTHLY_SUMMARY:
        assert year_be is not None and month is not None
        return monthly.subject(year_be, month)
    if kind is AnnouncementKind.NO_PLAN_STATEMENT:
        assert year_be is not None
        return subjects.no_plan_subject(year_be)
    if kind is AnnouncementKind.ANNUAL_REPORT:
        assert year_be is not None
        return subjects.annual_report_subject(year_be)
    if plan_id is not None:
        plan = await get_plan(school_id, plan_id)
        return subjects.plan_subject(plan.year_be, plan.revision)
    assert procurement_id is not None
    p = await get_procurement(school_id, procurement_id)
    return subjects.for_procurement(kind, p.kind, p.subject, p.method)


async def of_record(school_id: int, row: Mapping[str, Any], year_be: int) -> dict[str, Any]:
    """The content of a stored announcement row, as submitting copies it."""
    return await build(
        school_id,
        procurement_id=row["procurement"],
        plan_id=row["plan"],
        kind=row["kind"],
        year_be=year_be,
        quarter=row["quarter"],
        month=row["month"],
        supersedes_id=row["supersedes"],
    )
