"""The quarterly winners announcement (ประกาศผลผู้ชนะ…ประจำไตรมาส): the purchases a school announces a
quarter at a time instead of one winner announcement each (ว 119, ข้อ 79 วรรคสอง, and specific-method
purchases the school chose not to announce one by one). Which methods belong here is data
(``MethodInfo.announcement_kinds``), not a list in this module."""

from __future__ import annotations

from typing import Any

import msgspec

from prakat.db import tables as t
from prakat.procurements import service as procurements
from prakat.procurements.schemas import Procurement
from prakat.rules import AnnouncementKind, Method
from prakat.thai import fiscal_quarter_bounds
from prakat.workflow import AnnouncementStatus, ProcurementStatus

QUARTERLY = AnnouncementKind.QUARTERLY_WINNERS


def _belongs(p: Procurement, announced_one_by_one: set[int]) -> bool:
    info = Method(p.method).info
    if QUARTERLY in info.announcement_kinds:
        return True
    return QUARTERLY in info.optional_announcement_kinds and p.id not in announced_one_by_one


async def procurements_of_quarter(school_id: int, year_be: int, quarter: int) -> list[Procurement]:
    """Awarded in the quarter (by the award date), not cancelled, and not announced on their own."""
    first, last = fiscal_quarter_bounds(year_be, quarter)
    # The award's date decides the quarter: a purchase requested in September and awarded in
    # October belongs to the new year's first quarter.
    live: set[str] = {s for s in ProcurementStatus if s is not ProcurementStatus.CANCELLED}
    found = [
        p
        for year in (year_be - 1, year_be)
        for p in await procurements.list_procurements(school_id, year_be=year, statuses=live)
    ]
    rows = await t.Announcement.select(t.Announcement.procurement).where(
        (t.Announcement.school == school_id)
        & (t.Announcement.kind == AnnouncementKind.WINNER.value)
        & (t.Announcement.status == AnnouncementStatus.PUBLISHED)
    )
    one_by_one = {int(r["procurement"]) for r in rows if r["procurement"] is not None}
    chosen = [
        p
        for p in found
        if p.award is not None and first <= p.award.awarded_on <= last and _belongs(p, one_by_one)
    ]
    return sorted(chosen, key=lambda p: (p.award.awarded_on if p.award else first, p.id))


def snapshot_items(found: list[Procurement]) -> list[dict[str, Any]]:
    """What the attachment lists, as plain data for the announcement's snapshot."""
    items = []
    for p in found:
        award = p.award
        assert award is not None
        items.append(
            {
                "procurement_id": p.id,
                "subject": p.subject,
                "kind": p.kind,
                "method": p.method,
                "vendor_name": award.vendor_name,
                "agreed_price": str(award.agreed_price),
                "reference_date": (award.contract_date or award.awarded_on).isoformat(),
                "reference_number": award.contract_number,
                "reason": award.reason or p.method_reason,
                # The whole record as published, for the public pages and open data.
                "procurement": msgspec.to_builtins(p),
            }
        )
    return items
