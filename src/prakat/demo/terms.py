"""What the demo school types for the announcements of a general invitation (the invitation's
qualifications and windows, the draft hearing, the reference-price form), so that its documents are
complete. Plain data from the procurement's own dates; the names are fictional like the school's.

The qualifications follow the usual e-GP invitation list (domain.md §4); the sources of a reference
price are those the Procurement Act s.4 lists, as schools cite them.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import ROUND_DOWN, Decimal
from typing import Any

from prakat.demo.data import DemoProcurement, DemoSchool
from prakat.rules import ProcurementKind
from prakat.thai import format_baht

QUALIFICATIONS = (
    "มีความสามารถตามกฎหมาย",
    "ไม่เป็นบุคคลล้มละลาย",
    "ไม่อยู่ระหว่างเลิกกิจการ",
    "ไม่เป็นบุคคลซึ่งอยู่ระหว่างถูกระงับการยื่นข้อเสนอหรือทำสัญญากับหน่วยงานของรัฐไว้ชั่วคราว",
    "ไม่เป็นบุคคลซึ่งถูกระบุชื่อไว้ในบัญชีรายชื่อผู้ทิ้งงานของหน่วยงานของรัฐในระบบเครือข่ายสารสนเทศของกรมบัญชีกลาง",
    "ไม่เป็นผู้มีผลประโยชน์ร่วมกันกับผู้ยื่นข้อเสนอรายอื่นที่เข้ายื่นข้อเสนอให้แก่โรงเรียน ณ วันประกาศประกวดราคา",
    "ผู้ยื่นข้อเสนอต้องลงทะเบียนในระบบจัดซื้อจัดจ้างภาครัฐด้วยอิเล็กทรอนิกส์ (e-GP) ของกรมบัญชีกลาง",
)
SETTERS = (
    "นางสุภาพร ทองมา ตำแหน่ง ครู วิทยฐานะครูชำนาญการพิเศษ ประธานกรรมการ",
    "นายธนากร บุญมา ตำแหน่ง ครู วิทยฐานะครูชำนาญการ กรรมการ",
    "นางสาวกมลชนก พรหมมา ตำแหน่ง ครู กรรมการ",
)
GOODS_SOURCES = (
    "ราคามาตรฐานครุภัณฑ์ของสำนักงบประมาณ",
    "ราคาที่ได้มาจากการสืบราคาจากท้องตลาด (ใบเสนอราคา 3 ราย)",
)
CONSTRUCTION_SOURCES = (
    "แบบสรุปราคากลางงานก่อสร้าง (แบบ ปร.5)",
    "แบบแสดงรายการ ปริมาณงาน และราคา (แบบ ปร.4) จำนวน 3 แผ่น",
)
OUTLINES = {
    "roof": "รื้อและเปลี่ยนกระเบื้องมุงหลังคา เชิงชาย และรางน้ำฝน อาคารเรียนแบบ สปช.105/29 จำนวน 1 หลัง "
    "ตามแบบรูปและรายการละเอียดของโรงเรียน",
    "bathroom": "ปรับปรุงห้องน้ำนักเรียน ปูกระเบื้องพื้นและผนัง เปลี่ยนสุขภัณฑ์และระบบประปา จำนวน 1 หลัง "
    "ตามแบบรูปและรายการละเอียดของโรงเรียน",
}


# The demo's invitation change (prakat.demo.calendar.CORRECTIONS) says the bidding moves 7 days.
CHANGE_MOVES_BIDS = timedelta(days=7)


def moved_bids(raw: dict[str, Any]) -> dict[str, Any]:
    """``raw`` with the bidding day and the end of the download period moved by the invitation change."""
    return {
        **raw,
        "bid_on": raw["bid_on"] + CHANGE_MOVES_BIDS,
        "documents_until": raw["documents_until"] + CHANGE_MOVES_BIDS,
    }


def _next_workday(d: date, days: int) -> date:
    """``days`` working days (Monday to Friday) after ``d``."""
    while days:
        d += timedelta(days=1)
        days -= d.weekday() < 5
    return d


def for_procurement(p: DemoProcurement, school: DemoSchool) -> dict[str, Any]:
    """The terms of a general invitation: priced and heard on the day it is requested, documents
    downloadable from the invitation to the day before the bids, bids from 09.00 to 12.00 น.; none
    for a procurement without an invitation."""
    if p.invited_on is None or not p.bids or p.bids[0].submitted_on is None:
        return {}
    key, kind, budget, requested_on, invited_on = p.key, p.kind, p.budget, p.requested_on, p.invited_on
    bids_on = p.bids[0].submitted_on
    phone, email, website = school.phone, school.email, school.website
    construction = kind == ProcurementKind.CONSTRUCTION
    qualifications = list(QUALIFICATIONS)
    if construction:
        half = (budget / 2).quantize(Decimal(1000), rounding=ROUND_DOWN)
        qualifications.append(
            f"มีผลงานก่อสร้างประเภทเดียวกันกับงานที่ประกวดราคาในวงเงินไม่น้อยกว่า {format_baht(half)} บาท "
            "และเป็นผลงานที่เป็นคู่สัญญาโดยตรงกับหน่วยงานของรัฐ"
        )
    return {
        "bidder_qualifications": "\n".join(qualifications),
        "bid_on": bids_on,
        "bid_from": "09.00",
        "bid_until": "12.00",
        "documents_from": invited_on,
        "documents_until": max(invited_on, bids_on - timedelta(days=1)),
        "inquiry": f"งานพัสดุ โทรศัพท์หมายเลข {phone} หรืออีเมล {email} ในวันและเวลาราชการ",
        "hearing_from": requested_on,
        "hearing_until": _next_workday(requested_on, 2),
        "draft_location": f"เว็บไซต์ www.gprocurement.go.th และเว็บไซต์ของโรงเรียน {website}",
        "comment_channel": f"อีเมล {email} หรือหนังสือถึงผู้อำนวยการโรงเรียน",
        "price_set_on": requested_on,
        "price_setters": "\n".join(SETTERS),
        "price_sources": "\n".join(CONSTRUCTION_SOURCES if construction else GOODS_SOURCES),
        "work_outline": OUTLINES.get(key, "") if construction else "",
    }
