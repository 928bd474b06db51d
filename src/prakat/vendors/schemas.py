"""Vendors: a new vendor as the forms and the API give it (see :mod:`prakat.validation`), and a vendor."""

from __future__ import annotations

from typing import Annotated, Any

import msgspec
from msgspec import Meta

from prakat.rules import BusinessType, business_types
from prakat.thai import validate_tax_id
from prakat.validation import Read

PICK_A_TYPE = "กรุณาเลือกอย่างน้อยหนึ่งประเภท"


def read_tax_id(value: Any) -> str:
    return validate_tax_id(str(value))


def read_business_types(value: Any) -> tuple[BusinessType, ...]:
    """Ticked boxes (a list), a JSON array, or text such as "ขายส่ง,ขายปลีก" or "wholesale, retail"."""
    if isinstance(value, str):
        value = value.split(",")
    elif not isinstance(value, list | tuple):
        raise ValueError("ต้องเป็นรายการประเภทกิจการ")
    found = business_types(value)
    if not found:
        raise ValueError(PICK_A_TYPE)
    return found


_TYPES_SCHEMA = {
    "type": "array",
    "items": {"type": "string", "enum": [kind.value for kind in BusinessType]},
    "minItems": 1,
    "uniqueItems": True,
}


class VendorCreate(msgspec.Struct, frozen=True, kw_only=True):
    """ผู้ประกอบการรายใหม่ (a new vendor). เลขประจำตัวผู้เสียภาษีต้องมีเลขตรวจสอบ (หลักที่ 13) ถูกต้อง
    และยังไม่มีในทะเบียน (the tax ID's 13th digit is its check digit; one vendor per tax ID)."""

    name: Annotated[str, Meta(title="ชื่อผู้ประกอบการ", max_length=255)]
    tax_id: Annotated[
        str,
        Meta(title="เลขประจำตัวผู้เสียภาษี", description="เลขประจำตัวผู้เสียภาษี 13 หลัก (13-digit tax ID)"),
        Read(read_tax_id, schema={"type": "string", "pattern": "^[0-9]{13}$"}),
    ]
    business_types: Annotated[
        tuple[BusinessType, ...],
        Meta(
            title="ประเภทกิจการ",
            description="ประเภทกิจการอย่างน้อยหนึ่งประเภท: wholesale (ขายส่ง), retail (ขายปลีก), service (ให้บริการ), "
            "manufacturing (ผลิต); ไม่ส่งมาเลยคือขายปลีก (one or more business types; omitted: retail)",
        ),
        Read(read_business_types, schema=_TYPES_SCHEMA, blank=PICK_A_TYPE),
    ] = (BusinessType.RETAIL,)
    address: Annotated[str, Meta(title="ที่อยู่", max_length=500)] = ""
    phone: Annotated[str, Meta(title="โทรศัพท์", max_length=100)] = ""


class Vendor(msgspec.Struct, frozen=True, kw_only=True):
    id: int
    school_id: int
    name: str
    tax_id: str
    business_types: tuple[str, ...]  # BusinessType values, in BusinessType's order
    address: str
    phone: str
