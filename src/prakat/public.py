"""What the public sees of a school: only published records."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import msgspec

from prakat.errors import NotFound
from prakat.plans.schemas import Plan
from prakat.plans.service import current_plan
from prakat.procurements import service as procurements
from prakat.procurements.schemas import Procurement
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


async def school_overview(slug: str, today: date, year_be: int | None = None) -> SchoolOverview:
    """The school's page for ``year_be``, by default the fiscal year of ``today``."""
    school = await get_school_by_slug(slug)
    current = fiscal_year_of(today)
    if year_be is None:
        year_be = current
    known = {fy.year_be for fy in await fiscal_years(school.id)}
    if year_be not in known and year_be != current:
        raise NotFound(f"ข้อมูลปีงบประมาณ {year_be}")
    published = await procurements.list_procurements(
        school.id, year_be=year_be, statuses={procurements.AWARDED}
    )
    return SchoolOverview(
        school=school,
        year_be=year_be,
        plan=await current_plan(school.id, year_be),
        procurements=tuple(reversed(published)),
        years=tuple(sorted(known | {current}, reverse=True)),
    )
