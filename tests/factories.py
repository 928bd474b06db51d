"""Small builders of valid records through the real services, for tests that need a few rows."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from prakat.announcements import service as announcements
from prakat.announcements.schemas import Announcement, AnnouncementDraft
from prakat.audit import Actor
from prakat.procurements import service as procurements
from prakat.procurements.schemas import Procurement
from prakat.rules import AnnouncementKind
from prakat.schools import service as schools
from prakat.schools.schemas import School
from prakat.settings import Settings
from prakat.thai import tax_id_check_digit
from prakat.vendors import service as vendors
from prakat.vendors.schemas import Vendor

# The Garuda emblem from ../shared (never copied into the project); tests/conftest.py says clearly
# when it is missing.
EMBLEM = Settings().default_emblem_path

# What the invitation, the draft hearing and the reference-price form print, dated around the
# procurement's request (Monday 3 November 2025): a hearing of exactly 3 working days.
TERMS: dict[str, Any] = {
    "bidder_qualifications": "มีความสามารถตามกฎหมาย\nไม่เป็นบุคคลล้มละลาย",
    "bid_on": "2025-11-12",
    "bid_from": "09.00",
    "bid_until": "12.00",
    "documents_from": "2025-11-04",
    "documents_until": "2025-11-11",
    "inquiry": "โทรศัพท์ 043-000-000 ในวันและเวลาราชการ",
    "hearing_from": "2025-11-03",
    "hearing_until": "2025-11-05",
    "draft_location": "เว็บไซต์ www.gprocurement.go.th",
    "comment_channel": "อีเมล พัสดุ@โรงเรียน.example",
    "price_set_on": "2025-11-03",
    "price_setters": "นางสาวทดสอบ ใจดี ประธานกรรมการ",
    "price_sources": "ราคาที่ได้มาจากการสืบราคาจากท้องตลาด",
    "work_outline": "ซ่อมแซมหลังคาอาคารเรียน",
}
PROCUREMENT: dict[str, Any] = {
    "subject": "กระดาษถ่ายเอกสาร A4",
    "kind": "buy",
    "method": "specific",
    "budget": Decimal("12500.25"),
    "budget_source": "per_head_subsidy",
    "requested_on": date(2025, 11, 3),
    **TERMS,
}
PLAN_ITEM: dict[str, Any] = {
    "name": "จัดซื้อวัสดุสำนักงาน",
    "kind": "buy",
    "budget": "50,000",
    "budget_source": "per_head_subsidy",
    "category": "operating",
    "planned_method": "specific",
    "expected_month": "11/2568",
}


def tax_id(prefix12: str) -> str:
    return prefix12 + str(tax_id_check_digit(prefix12))


async def school(slug: str = "test", **extra: Any) -> tuple[School, Actor]:
    created = await schools.create_school(
        schools.parse_school(
            {
                "slug": slug,
                "name": f"โรงเรียนทดสอบ {slug}",
                "director_name": "นางสาวทดสอบ ใจดี",
                "province": "ขอนแก่น",
                "emblem_path": str(EMBLEM),
                **extra,
            }
        )
    )
    return created, Actor(school_id=created.id, label="test")


async def vendor(actor: Actor, n: int = 1, name: str = "ร้านทดสอบพาณิชย์") -> Vendor:
    return await vendors.create_vendor(
        actor, vendors.parse_vendor({"name": f"{name} {n}", "tax_id": tax_id(f"0405{n:08d}")})
    )


async def procurement(actor: Actor, **overrides: Any) -> Procurement:
    raw: dict[str, Any] = {**PROCUREMENT, **overrides}
    return await procurements.create_procurement(actor, procurements.parse_procurement(raw))


async def publish(
    actor: Actor,
    kind: str,
    *,
    procurement_id: int | None = None,
    plan_id: int | None = None,
    at: datetime | None = None,
) -> Announcement:
    """Prepare, submit and approve, as the system actor would (no role checks)."""
    draft = await announcements.prepare(
        actor, AnnouncementDraft(kind=AnnouncementKind(kind), procurement_id=procurement_id, plan_id=plan_id)
    )
    await announcements.submit(actor, draft.id)
    return await announcements.approve(actor, draft.id, at=at)


async def awarded(
    actor: Actor,
    vendor_id: int,
    *,
    bid: str = "12,000",
    price: str = "11,990.50",
    on: date = date(2025, 11, 5),
    reason: str = "เสนอราคาต่ำสุด",
    contract_number: str = "",
    **overrides: Any,
) -> Procurement:
    """A procurement with one bid and its award, not yet announced; ``overrides`` go to the procurement."""
    created = await procurement(actor, **overrides)
    with_bid = await procurements.add_bid(
        actor, created.id, procurements.parse_bid({"vendor_id": vendor_id, "amount": bid})
    )
    return await procurements.award(
        actor,
        created.id,
        procurements.parse_award(
            {
                "bid_id": with_bid.bids[0].id,
                "agreed_price": price,
                "awarded_on": on,
                "reason": reason,
                "contract_number": contract_number,
            }
        ),
    )
