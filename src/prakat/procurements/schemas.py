from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import msgspec


class ProcurementCreate(msgspec.Struct, frozen=True, kw_only=True):
    subject: str
    kind: str
    method: str
    budget: Decimal
    budget_source: str
    requested_on: date
    method_reason: str = ""
    plan_item_id: int | None = None
    reference_price: Decimal | None = None
    egp_project_number: str | None = None


class BidCreate(msgspec.Struct, frozen=True, kw_only=True):
    vendor_id: int
    amount: Decimal
    submitted_on: date | None = None


class AwardCreate(msgspec.Struct, frozen=True, kw_only=True):
    bid_id: int
    agreed_price: Decimal
    awarded_on: date
    reason: str
    vat_included: bool = True
    contract_number: str = ""
    contract_date: date | None = None


class Bid(msgspec.Struct, frozen=True, kw_only=True):
    id: int
    vendor_id: int
    vendor_name: str
    vendor_tax_id: str
    amount: Decimal
    submitted_on: date | None


class Award(msgspec.Struct, frozen=True, kw_only=True):
    id: int
    bid_id: int
    vendor_id: int
    vendor_name: str
    agreed_price: Decimal
    vat_included: bool
    reason: str
    contract_number: str
    contract_date: date | None
    awarded_on: date


class Procurement(msgspec.Struct, frozen=True, kw_only=True):
    id: int
    school_id: int
    year_be: int
    plan_item_id: int | None
    kind: str
    subject: str
    method: str
    method_reason: str
    legal_clause: str
    budget: Decimal
    reference_price: Decimal | None
    budget_source: str
    egp_project_number: str | None
    requested_on: date
    status: str
    created_at: datetime
    updated_at: datetime
    bids: tuple[Bid, ...] = ()
    award: Award | None = None
