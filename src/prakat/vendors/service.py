"""The school's vendor directory (ผู้ประกอบการ), keyed by 13-digit tax ID."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from msgspec.structs import asdict

from prakat import audit, clock
from prakat.audit import Actor
from prakat.auth.checks import require
from prakat.auth.roles import Permission
from prakat.db import tables as t
from prakat.db.tx import write_transaction
from prakat.errors import InvalidInput, NotFound
from prakat.rules import business_types
from prakat.validation import Fields, label
from prakat.vendors.schemas import PICK_A_TYPE, Vendor, VendorCreate

TYPES = "business_types"


def parse_vendor(raw: Mapping[str, Any]) -> VendorCreate:
    """A new vendor. ``business_types`` left out takes the default (ขายปลีก), but sent empty (the form's
    boxes all unticked) it is refused; the one-value ``business_type`` of older clients still reads."""
    values = dict(raw)
    if TYPES not in values and values.get("business_type"):
        values[TYPES] = values["business_type"]
    f = Fields(values)
    read = f.struct(VendorCreate)
    sent = values.get(TYPES)  # absent or null: the default
    if sent is not None and not [v for v in _listed(sent) if str(v).strip()] and TYPES not in f.errors:
        f.fail(TYPES, label(VendorCreate, TYPES), PICK_A_TYPE)
    f.check()
    return VendorCreate(**read)


def _listed(sent: Any) -> list[Any]:
    return list(sent) if isinstance(sent, list | tuple) else str(sent).split(",")


def stored_types(row: Mapping[str, Any]) -> tuple[str, ...]:
    """A vendor row's types; a row the 0008 migration did not fill has its one old type."""
    stored = str(row.get(TYPES) or "") or str(row.get("business_type") or "")
    return tuple(kind.value for kind in business_types(stored.split(",")))


def _vendor(row: Mapping[str, Any]) -> Vendor:
    return Vendor(
        id=row["id"],
        school_id=row["school"],
        name=row["name"],
        tax_id=row["tax_id"],
        business_types=stored_types(row),
        address=row["address"],
        phone=row["phone"],
    )


async def create_vendor(actor: Actor, data: VendorCreate) -> Vendor:
    require(actor, Permission.EDIT)
    async with write_transaction():
        taken = await t.Vendor.exists().where(
            (t.Vendor.school == actor.school_id) & (t.Vendor.tax_id == data.tax_id)
        )
        if taken:
            raise InvalidInput(
                {"tax_id": "เลขประจำตัวผู้เสียภาษี: มีผู้ประกอบการเลขนี้ในทะเบียนแล้ว"},
                asdict(data),
            )
        fields = asdict(data)
        kinds = fields.pop(TYPES)
        row = t.Vendor(
            school=actor.school_id,
            created_at=clock.now(),
            business_types=",".join(kinds),
            business_type=kinds[0],
            **fields,
        )
        await row.save()
        await audit.record(actor, "create", "vendor", row.id, after=audit.snapshot(row))
    return await get_vendor(actor.school_id, row.id)


async def get_vendor(school_id: int, vendor_id: int) -> Vendor:
    row = await t.Vendor.select().where((t.Vendor.school == school_id) & (t.Vendor.id == vendor_id)).first()
    if row is None:
        raise NotFound("ผู้ประกอบการ")
    return _vendor(row)


async def find_vendor_by_tax_id(school_id: int, tax_id: str) -> Vendor | None:
    row = await t.Vendor.select().where((t.Vendor.school == school_id) & (t.Vendor.tax_id == tax_id)).first()
    return None if row is None else _vendor(row)


async def list_vendors(school_id: int) -> list[Vendor]:
    rows = await t.Vendor.select().where(t.Vendor.school == school_id).order_by(t.Vendor.name)
    return [_vendor(r) for r in rows]
