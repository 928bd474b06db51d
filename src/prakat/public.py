"""What the public sees of a school: only what was published, read from the published announcements'
snapshots rather than the live records, so a correction being drafted is never public before the
director approves it."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import msgspec

from prakat.announcements import service as announcements
from prakat.errors import NotFound
from prakat.plans.schemas import Plan
from prakat.plans.service import current_plan
from prakat.procurements.schemas import Procurement
from prakat.rules import AnnouncementKind
from prakat.schools.schemas import School
from prakat.schools.service import fiscal_years, get_school_by_slug
from prakat.thai import fiscal_year_of


class SchoolOverview(msgspec.Struct, frozen=True, kw_only=True):
    school: School
    year_be: int
    plan: Plan | None
    procurements: tuple[Procurement, ...]
    # Fiscal years that have anything public, newest first, for the year links.
    years: tuple[int, ...] = ()

    @property
    def awarded_total(self) -> Decimal:
        return sum((p.award.agreed_price for p in self.procurements if p.award), Decimal("0.00"))


WINNER_KINDS = (AnnouncementKind.WINNER.value, AnnouncementKind.WINNER_CHANGE.value)


async def awarded_as_published(school_id: int, year_be: int) -> list[Procurement]:
    """Each awarded procurement as its newest published winner announcement states it, newest first.
    A procurement whose winner was cancelled afterwards is left out."""
    published = await announcements.list_announcements(school_id, year_be=year_be)
    cancelled = {a.procurement_id for a in published if a.kind == AnnouncementKind.WINNER_CANCEL.value}
    seen: set[int] = set()
    result = []
    for a in published:  # newest publication first
        if a.kind == AnnouncementKind.QUARTERLY_WINNERS.value and a.snapshot is not None:
            # Small purchases are published a quarter at a time, each with its whole record.
            for item in reversed(a.snapshot["quarter"]["items"]):
                if item["procurement_id"] not in seen:
                    seen.add(item["procurement_id"])
                    result.append(msgspec.convert(item["procurement"], Procurement))
            continue
        if a.kind not in WINNER_KINDS or a.procurement_id in seen or a.procurement_id in cancelled:
            continue
        assert a.procurement_id is not None and a.snapshot is not None
        seen.add(a.procurement_id)
        result.append(msgspec.convert(a.snapshot["procurement"], Procurement))
    return result


async def school_overview(slug: str, today: date, year_be: int | None = None) -> SchoolOverview:
    """The school's page for ``year_be``, by default the fiscal year of ``today``."""
    school = await get_school_by_slug(slug)
    current = fiscal_year_of(today)
    if year_be is None:
        year_be = current
    known = {fy.year_be for fy in await fiscal_years(school.id)}
    if year_be not in known and year_be != current:
        raise NotFound(f"ข้อมูลปีงบประมาณ {year_be}")
    return SchoolOverview(
        school=school,
        year_be=year_be,
        plan=await current_plan(school.id, year_be),
        procurements=tuple(await awarded_as_published(school.id, year_be)),
        years=tuple(sorted(known | {current}, reverse=True)),
    )
