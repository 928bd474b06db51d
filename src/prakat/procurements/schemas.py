"""Procurements: the inputs (a procurement, a bid, the award), declared once for the forms and the API
(see :mod:`prakat.validation`), and the procurement as the service gives it back."""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any

import msgspec
from msgspec import Meta

from prakat.rules import BudgetSource, Method, ProcurementKind
from prakat.thai import to_arabic_digits, validate_egp_project_number
from prakat.validation import NO_BIDI, POSITIVE, Read, clean

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

LINES_LIMIT = 3000  # characters of a list typed one item a line
# "1.", "1)", "(1)", "๑.", "-", "•" before an item: the documents number the items themselves.
_ITEM_MARK = re.compile(r"^\s*(?:\(?[0-9๐-๙]{1,2}[.)]|[-•*–])\s*")
_TIME = re.compile(r"^([0-9]{1,2})(?:\s*[.:]\s*([0-9]{2}))?$")


def read_lines(value: Any) -> str:
    """A list typed one item a line (pasted from Word too): each line's own numbering or bullet and
    its extra spaces dropped, blank lines left out; the items joined by newlines."""
    items = []
    for line in clean(str(value)).splitlines():
        item = " ".join(_ITEM_MARK.sub("", line, count=1).split())
        if item:
            items.append(item)
    return "\n".join(items)


def read_time(value: Any) -> str:
    """A time of day as people type it ("9", "09.00", "9:30", "๐๙.๐๐ น.") as "09:00"."""
    text = to_arabic_digits(str(value)).replace("น.", "").replace("นาฬิกา", "").strip()
    found = _TIME.match(text)
    if found is None:
        raise ValueError("พิมพ์เวลาเป็น ชั่วโมง.นาที เช่น 09.00 หรือ 13.30")
    hour, minute = int(found.group(1)), int(found.group(2) or 0)
    if hour > 23 or minute > 59:
        raise ValueError("ไม่มีเวลานี้ (ชั่วโมง 0-23 นาที 0-59)")
    return f"{hour:02d}:{minute:02d}"


_READ_LINES = Read(
    read_lines, keep_blank=True, schema={"type": "string", "maxLength": LINES_LIMIT, "pattern": NO_BIDI}
)
_READ_TIME = Read(
    read_time,
    keep_blank=True,
    schema={"type": "string", "pattern": "^(([01]?[0-9]|2[0-3])([.:][0-5][0-9])?)?$"},
)
_TIME_NOTE = "ชั่วโมง.นาที เช่น 09.00 (HH:MM or HH.MM, Thai digits too)"
TEXT_LIMIT = 1000

Qualifications = Annotated[
    str,
    Meta(
        title="คุณสมบัติของผู้ยื่นข้อเสนอ",
        description="บรรทัดละหนึ่งข้อ ประกาศเชิญชวนใส่ลำดับให้ (one qualification a line; numbered when printed)",
    ),
    _READ_LINES,
]
BidOn = Annotated[date, Meta(title="วันยื่นข้อเสนอและเสนอราคา")]
BidFrom = Annotated[str, Meta(title="เวลาเริ่มยื่นข้อเสนอ", description=_TIME_NOTE), _READ_TIME]
BidUntil = Annotated[str, Meta(title="เวลาสิ้นสุดการยื่นข้อเสนอ", description=_TIME_NOTE), _READ_TIME]
DocumentsFrom = Annotated[date, Meta(title="วันแรกที่ดาวน์โหลดเอกสารประกวดราคาได้")]
DocumentsUntil = Annotated[date, Meta(title="วันสุดท้ายที่ดาวน์โหลดเอกสารประกวดราคาได้")]
Inquiry = Annotated[
    str,
    Meta(
        title="ช่องทางสอบถามรายละเอียด",
        description="เช่น โทรศัพท์ 0 4200 0137 ในวันและเวลาราชการ (how to ask questions)",
        max_length=TEXT_LIMIT,
    ),
]
HearingFrom = Annotated[date, Meta(title="วันเริ่มรับฟังความคิดเห็นร่างเอกสาร")]
HearingUntil = Annotated[date, Meta(title="วันสุดท้ายที่รับฟังความคิดเห็นร่างเอกสาร")]
DraftLocation = Annotated[
    str,
    Meta(
        title="สถานที่เผยแพร่ร่างเอกสาร",
        description="เช่น เว็บไซต์ www.gprocurement.go.th และเว็บไซต์ของโรงเรียน (where the draft is)",
        max_length=TEXT_LIMIT,
    ),
]
CommentChannel = Annotated[
    str,
    Meta(
        title="ช่องทางเสนอความคิดเห็น",
        description="เช่น อีเมล หรือหนังสือถึงโรงเรียน (how to comment)",
        max_length=TEXT_LIMIT,
    ),
]
PriceSetOn = Annotated[date, Meta(title="วันที่กำหนดราคากลาง")]
PriceSetters = Annotated[
    str,
    Meta(
        title="ผู้กำหนดราคากลาง (คณะกรรมการ)",
        description="บรรทัดละหนึ่งคน ชื่อและตำแหน่ง (one person a line: name and position)",
    ),
    _READ_LINES,
]
PriceSources = Annotated[
    str,
    Meta(
        title="แหล่งที่มาของราคากลาง",
        description="บรรทัดละหนึ่งแหล่ง; งานก่อสร้างคือบัญชีประมาณการราคากลาง (one source a line)",
    ),
    _READ_LINES,
]
WorkOutline = Annotated[
    str,
    Meta(
        title="ลักษณะงานโดยสังเขป",
        description="งานก่อสร้าง (construction: the work in brief)",
        max_length=TEXT_LIMIT,
    ),
]

# The fields of a procurement that its announcements print, beyond the basics: the invitation's, the
# draft hearing's, the reference-price forms'. Which announcement needs which is in
# prakat.procurements.requirements.
INVITATION_FIELDS = (
    "bidder_qualifications",
    "bid_on",
    "bid_from",
    "bid_until",
    "documents_from",
    "documents_until",
    "inquiry",
)
HEARING_FIELDS = ("hearing_from", "hearing_until", "draft_location", "comment_channel")
DOCUMENT_FIELDS = (
    *INVITATION_FIELDS,
    *HEARING_FIELDS,
    "price_set_on",
    "price_setters",
    "price_sources",
    "work_outline",
)


class ProcurementCreate(msgspec.Struct, frozen=True, kw_only=True):
    """โครงการจัดซื้อจัดจ้าง (a procurement). วิธีจัดซื้อจัดจ้างต้องเข้ากับวงเงินและกฎหมายของปีงบประมาณของ
    ``requested_on`` และเลขที่โครงการ e-GP ต้องขึ้นต้นด้วยปีนั้นหรือปีก่อน (the method is checked against the
    budget and the law of the fiscal year of ``requested_on``, the e-GP number's year against that year);
    the legal clause follows from the method. ข้อมูลที่ประกาศพิมพ์ต้องเรียงกัน: วันสุดท้ายที่ดาวน์โหลดเอกสารต้องไม่ก่อนวันแรก
    และวันยื่นข้อเสนอต้องไม่ก่อนวันสุดท้ายนั้น เวลาสิ้นสุดต้องหลังเวลาเริ่ม และการรับฟังความคิดเห็นต้องไม่สั้นกว่าจำนวน
    วันทำการที่กฎหมายของปีนั้นกำหนด (the download period, the bidding day and its hours in order; the
    draft hearing at least the year's working days)."""

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
    # What its announcements print (DOCUMENT_FIELDS): optional here, required by the announcement that
    # prints them when it is submitted (prakat.procurements.requirements).
    bidder_qualifications: Qualifications = ""
    bid_on: BidOn | None = None
    bid_from: BidFrom = ""
    bid_until: BidUntil = ""
    documents_from: DocumentsFrom | None = None
    documents_until: DocumentsUntil | None = None
    inquiry: Inquiry = ""
    hearing_from: HearingFrom | None = None
    hearing_until: HearingUntil | None = None
    draft_location: DraftLocation = ""
    comment_channel: CommentChannel = ""
    price_set_on: PriceSetOn | None = None
    price_setters: PriceSetters = ""
    price_sources: PriceSources = ""
    work_outline: WorkOutline = ""


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
    bidder_qualifications: str = ""
    bid_on: date | None = None
    bid_from: str = ""
    bid_until: str = ""
    documents_from: date | None = None
    documents_until: date | None = None
    inquiry: str = ""
    hearing_from: date | None = None
    hearing_until: date | None = None
    draft_location: str = ""
    comment_channel: str = ""
    price_set_on: date | None = None
    price_setters: str = ""
    price_sources: str = ""
    work_outline: str = ""
