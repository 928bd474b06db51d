"""Small builders of valid records through the real services, for tests that need a few rows."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from prakat.audit import Actor
from prakat.procurements import service as procurements
from prakat.procurements.schemas import Procurement
from prakat.schools import service as schools
from prakat.schools.schemas import School
from prakat.thai import tax_id_check_digit
from prakat.vendors import service as vendors
from prakat.vendors.schemas import Vendor


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
    raw: dict[str, Any] = {
        "subject": "กระดาษถ่ายเอกสาร A4",
        "kind": "buy",
        "method": "specific",
        "budget": Decimal("12500.25"),
        "budget_source": "per_head_subsidy",
        "requested_on": date(2025, 11, 3),
        **overrides,
    }
    return await procurements.create_procurement(actor, procurements.parse_procurement(raw))
