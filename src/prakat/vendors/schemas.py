from __future__ import annotations

import msgspec


class VendorCreate(msgspec.Struct, frozen=True, kw_only=True):
    name: str
    tax_id: str
    business_type: str = "retail"
    address: str = ""
    phone: str = ""


class Vendor(msgspec.Struct, frozen=True, kw_only=True):
    id: int
    school_id: int
    name: str
    tax_id: str
    business_type: str
    address: str
    phone: str
