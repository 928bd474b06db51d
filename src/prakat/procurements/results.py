"""Reading procurement results from the records: :class:`prakat.results.ResultRow` for a school's
fiscal year, or one month of it, by the one month rule (:mod:`prakat.results.months`).

Which purchases: every procurement of the school that is not cancelled; with ``awarded_only`` (the
default, what the monthly summary and the annual report count) only those with an award, placed in a
month by the rule, whatever fiscal year the record was entered under (a purchase requested in
September and contracted in October is the new year's). Without ``awarded_only`` the records of the
year that have no award yet come too, with no month (open data lists them with their status).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

import msgspec

from prakat.db import tables as t
from prakat.procurements.schemas import Procurement
from prakat.procurements.service import list_procurements
from prakat.results import BidRow, MonthKey, ResultRow, ResultSet, SchoolInfo, sort_rows
from prakat.results.months import month_date_of
from prakat.rules import (
    WINNER_KINDS,
    AnnouncementKind,
    BudgetCategory,
    BudgetSource,
    Method,
    ProcurementKind,
)
from prakat.schools.service import get_school
from prakat.thai import fiscal_year_of
from prakat.workflow import PROCUREMENT_STATUS_LABELS, AnnouncementStatus, ProcurementStatus


def _label(enum: Any, value: str) -> str:
    try:
        return str(enum(value).label)
    except ValueError:
        return value


def _source_label(value: str) -> str:
    try:
        return BudgetSource(value).full_label
    except ValueError:
        return value


class _Announced:
    """The first published announcement naming each procurement's winner."""

    def __init__(self) -> None:
        self.by_procurement: dict[int, tuple[date, datetime | None, str, str]] = {}

    def add(
        self, procurement_id: int, announced_on: date, published_at: datetime | None, kind: str, number: str
    ) -> None:
        known = self.by_procurement.get(procurement_id)
        if known is None or announced_on < known[0]:
            self.by_procurement[procurement_id] = (announced_on, published_at, kind, number)


async def _announced(school_id: int, procurement_ids: Iterable[int]) -> _Announced:
    ids = set(procurement_ids)
    found = _Announced()
    if not ids:
        return found
    columns = (
        t.Announcement.procurement,
        t.Announcement.kind,
        t.Announcement.announced_on,
        t.Announcement.published_at,
        t.Announcement.number,
    )
    published = (t.Announcement.school == school_id) & (t.Announcement.status == AnnouncementStatus.PUBLISHED)
    for r in await t.Announcement.select(*columns).where(
        published
        & t.Announcement.kind.is_in(sorted(k.value for k in WINNER_KINDS))
        & t.Announcement.procurement.is_in(sorted(ids))
    ):
        if r["procurement"] in ids:
            found.add(r["procurement"], r["announced_on"], r["published_at"], r["kind"], r["number"])
    quarterly = await t.Announcement.select(*columns, t.Announcement.snapshot).where(
        published & (t.Announcement.kind == AnnouncementKind.QUARTERLY_WINNERS.value)
    )
    for r in quarterly:
        snapshot = r["snapshot"] or {}
        if isinstance(snapshot, str):  # stored as JSON text
            snapshot = msgspec.json.decode(snapshot)
        for item in (snapshot.get("quarter") or {}).get("items", []):
            pid = item.get("procurement_id")
            if pid in ids:
                found.add(pid, r["announced_on"], r["published_at"], r["kind"], r["number"])
    return found


async def _plan_items(school_id: int, ids: set[int]) -> dict[int, dict[str, Any]]:
    if not ids:
        return {}
    rows = await t.PlanItem.select(
        t.PlanItem.id, t.PlanItem.egp_plan_code, t.PlanItem.name, t.PlanItem.category
    ).where((t.PlanItem.school == school_id) & t.PlanItem.id.is_in(sorted(ids)))
    return {r["id"]: r for r in rows}


def _row(p: Procurement, plan_item: dict[str, Any] | None, announced: _Announced) -> ResultRow:
    award = p.award
    d = month_date_of(award.contract_date, award.awarded_on) if award else None
    source = "" if award is None else ("contract" if award.contract_date else "award")
    method = Method(p.method) if p.method in {m.value for m in Method} else None
    winner = next((b for b in p.bids if award is not None and b.id == award.bid_id), None)
    seen = announced.by_procurement.get(p.id)
    category = str(plan_item["category"]) if plan_item else ""
    return ResultRow(
        procurement_id=p.id,
        year_be=fiscal_year_of(d) if d else p.year_be,
        month_year=d.year if d else None,
        month=d.month if d else None,
        month_date=d,
        month_source=source,  # type: ignore[arg-type]
        procurement_year_be=p.year_be,
        subject=p.subject,
        kind=p.kind,
        kind_label=_label(ProcurementKind, p.kind),
        budget=p.budget,
        reference_price=p.reference_price,
        method=p.method,
        method_label=method.info.thai_name if method else p.method,
        method_short_label=method.info.thai_short_name if method else p.method,
        method_family_label=method.info.family.label if method else p.method,
        legal_clause=p.legal_clause,
        budget_source=p.budget_source,
        budget_source_label=_source_label(p.budget_source),
        category=category,
        category_label=_label(BudgetCategory, category) if category else "",
        plan_item_id=p.plan_item_id,
        plan_code=str(plan_item["egp_plan_code"]) if plan_item else "",
        plan_item_name=str(plan_item["name"]) if plan_item else "",
        egp_project_number=p.egp_project_number,
        requested_on=p.requested_on,
        status=p.status,
        status_label=PROCUREMENT_STATUS_LABELS.get(p.status, p.status),
        bids=tuple(
            BidRow(vendor_name=b.vendor_name, vendor_tax_id=b.vendor_tax_id, amount=b.amount) for b in p.bids
        ),
        winner_name=award.vendor_name if award else None,
        winner_tax_id=winner.vendor_tax_id if winner else None,
        agreed_price=award.agreed_price if award else None,
        vat_included=award.vat_included if award else None,
        reason=(award.reason or p.method_reason) if award else "",
        contract_number=award.contract_number if award else "",
        contract_date=award.contract_date if award else None,
        awarded_on=award.awarded_on if award else None,
        winner_announced=seen is not None,
        winner_announced_on=seen[0] if seen else None,
        winner_published_at=seen[1] if seen else None,
        winner_announcement_kind=seen[2] if seen else "",
        winner_announcement_number=seen[3] if seen else "",
    )


async def school_info(school_id: int) -> SchoolInfo:
    s = await get_school(school_id)
    return SchoolInfo(
        id=s.id,
        slug=s.slug,
        name=s.name,
        agency_type=s.agency_type,
        ministry=s.ministry,
        area_office=s.area_office,
        district=s.district,
        province=s.province,
    )


async def results_of_year(
    school_id: int, year_be: int, month: int | None = None, *, awarded_only: bool = True
) -> ResultSet:
    """The school's results of fiscal year ``year_be`` (``month``: calendar month 1-12 of that year
    only), in the order of the form."""
    key = MonthKey.in_fiscal_year(year_be, month) if month is not None else None
    live = {s.value for s in ProcurementStatus if s is not ProcurementStatus.CANCELLED}
    # A result of the year may have been entered under the year before (requested in September,
    # contracted in October) or after: the three years in one listing.
    found = await list_procurements(school_id, years=(year_be - 1, year_be, year_be + 1), statuses=live)
    chosen = []
    for p in found:
        if p.award is None:
            if not awarded_only and key is None and p.year_be == year_be:
                chosen.append(p)
            continue
        d = month_date_of(p.award.contract_date, p.award.awarded_on)
        assert d is not None
        if fiscal_year_of(d) != year_be or (key is not None and MonthKey.of(d) != key):
            continue
        chosen.append(p)
    plan_items = await _plan_items(school_id, {p.plan_item_id for p in chosen if p.plan_item_id is not None})
    announced = await _announced(school_id, (p.id for p in chosen))
    rows = [_row(p, plan_items.get(p.plan_item_id) if p.plan_item_id else None, announced) for p in chosen]
    return ResultSet(
        school=await school_info(school_id),
        year_be=year_be,
        month_year=key.year if key else None,
        month=key.month if key else None,
        rows=tuple(sort_rows(rows)),
    )


async def has_records(school_id: int, year_be: int) -> bool:
    """Whether the school has kept any procurement record of fiscal year ``year_be`` here: a plan, a
    purchase entered under that year, or a result that falls in it. A summary of a year without any
    would certify "ไม่มีการจัดซื้อจัดจ้าง" for months the school never recorded."""
    for table in (t.Plan, t.Procurement):
        if await table.exists().where((table.school == school_id) & (table.fiscal_year.year_be == year_be)):
            return True
    return bool((await results_of_year(school_id, year_be)).rows)
