"""Procurements: the inputs (a procurement, a bid, the award), declared once for the forms and the API
(see :mod:`prakat.validation`), and the procurement as the service gives it back."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any

import msgspec
from msgspec import Meta

from prakat.rules import BudgetSource, Method, ProcurementKind
from prakat.thai import validate_egp_project_number
from prakat.validation import POSITIVE, Read

Id = Annotated[int, Meta(ge=1, le=10**9)]


def read_egp_project_number(value: Any) -> str:
    """The number's form; that its year fits the procurement's fiscal year is a rule across fields."""
    return validate_egp_project_number(str(value))


EgpProjectNumber = Annotated[
    str,
    Meta(title="เลขที่โครงการ e-GP", description="ตัวเลข 11 หลัก: ปี เดือน และลำดับ (11 digits)"),
    Read(read_egp_project_number, schema={"type": "string", "pattern": "^[0-9]{2}(0[1-9]|1[0-2])[0-9]{7}$"}),
]
PlanItemId = Annotated[Id, Meta(title="รายการในแผน", description="รายการในแผนของปีงบประมาณเดียวกัน")]


class ProcurementCreate(msgspec.Struct, frozen=True, kw_only=True):
    """โครงการจัดซื้อจัดจ้าง (a procurement). วิธีจัดซื้อจัดจ้างต้องเข้ากับวงเงินและกฎหมายของปีงบประมาณของ
    ``requested_on`` และเลขที่โครงการ e-GP ต้องขึ้นต้นด้วยปีนั้นหรือปีก่อน (the method is checked against the
    budget and the law of the fiscal year of ``requested_on``, the e-GP number's year against that year);
    the legal clause follows from the method."""

    subject: Annotated[str, Meta(title="ชื่องานที่จัดซื้อจัดจ้าง", max_length=500)]
    kind: Annotated[ProcurementKind, Meta(title="ประเภท (ซื้อ/จ้าง/เช่า)")]
    method: Annotated[Method, Meta(title="วิธีจัดซื้อจัดจ้าง")]
    method_reason: Annotated[str, Meta(title="เหตุผลการใช้วิธีนี้", max_length=2000)] = ""
    budget: Annotated[Decimal, Meta(title="วงเงินงบประมาณ (บาท)"), POSITIVE]
    reference_price: Annotated[Decimal, Meta(title="ราคากลาง (บาท)")] | None = None
    budget_source: Annotated[BudgetSource, Meta(title="แหล่งเงิน")]
    requested_on: Annotated[date, Meta(title="วันที่ขออนุมัติ")]
    egp_project_number: EgpProjectNumber | None = None
    plan_item_id: PlanItemId | None = None


class BidCreate(msgspec.Struct, frozen=True, kw_only=True):
    """ราคาที่ผู้ประกอบการในทะเบียนเสนอ (a bid by a vendor of the directory)."""

    vendor_id: Annotated[Id, Meta(title="ผู้เสนอราคา")]
    amount: Annotated[Decimal, Meta(title="ราคาที่เสนอ (บาท)")]
    submitted_on: Annotated[date, Meta(title="วันที่เสนอราคา")] | None = None


class AwardCreate(msgspec.Struct, frozen=True, kw_only=True):
    """ผู้ได้รับการคัดเลือก: หนึ่งในผู้เสนอราคาของโครงการ; วันที่สัญญาต้องไม่ก่อนวันที่คัดเลือก
    (the winner: one of the procurement's bids; the contract date is not before the award date)."""

    bid_id: Annotated[Id, Meta(title="ผู้ได้รับการคัดเลือก")]
    agreed_price: Annotated[Decimal, Meta(title="ราคาที่ตกลงซื้อหรือจ้าง (บาท)")]
    awarded_on: Annotated[date, Meta(title="วันที่คัดเลือก")]
    reason: Annotated[str, Meta(title="เหตุผลที่คัดเลือกโดยสรุป", max_length=2000)]
    vat_included: Annotated[bool, Meta(title="ราคารวมภาษีมูลค่าเพิ่มแล้ว")] = True
    contract_number: Annotated[str, Meta(title="เลขที่สัญญา/ใบสั่งซื้อ", max_length=100)] = ""
    contract_date: Annotated[date, Meta(title="วันที่สัญญา/ใบสั่งซื้อ")] | None = None


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
    # The winner's business types as its record has them (BusinessType values), printed after its
    # name in the winner announcement; () in snapshots frozen before vendors had a set.
    vendor_business_types: tuple[str, ...] = ()
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
