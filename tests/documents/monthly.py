"""Monthly summaries (แบบ สขร.1) made by hand for the form's layout tests: published announcements
whose frozen rows are :class:`prakat.results.ResultRow` (no database), with the demo school's long
vendor names and amounts in the tens of millions."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import msgspec

from prakat.announcements import monthly
from prakat.announcements.schemas import Announcement
from prakat.results import BidRow, ResultRow, rows_to_builtins
from tests.annual.rows import SCHOOL, row

PUBLISHED = datetime(2026, 4, 5, 3, 0, tzinfo=UTC)
DIRECTOR = "นายวีระพงษ์ ศรีสุวรรณ"
# The demo's vendors whose transliterated words libthai's dictionary does not know (ดิสทริบิวชั่น,
# เอ็ดดูเคชั่น) and the longest ones.
VENDORS = (
    "บริษัท อีสานไอที ดิสทริบิวชั่น จำกัด",
    "บริษัท ไอทีโซลูชั่น เอ็ดดูเคชั่น จำกัด",
    "ห้างหุ้นส่วนจำกัด ยูดีคอมพิวเตอร์ แอนด์ เน็ตเวิร์ค",
    "บริษัท ก๊อปปี้เซ็นเตอร์ อุดร จำกัด",
    "บริษัท สยามคอมพิวเตอร์ ซัพพลาย จำกัด",
)
TAX_ID = "0105555000001"
REASON = "เป็นผู้มีคุณสมบัติถูกต้องครบถ้วนและเสนอราคาเหมาะสมภายในวงเงินงบประมาณ"


def purchase(
    pid: int,
    day: date,
    amount: str,
    *,
    method: str = "specific",
    vendors: tuple[str, ...] = VENDORS[:1],
    subject: str = "",
    reason: str = REASON,
) -> ResultRow:
    """A purchase awarded on ``day`` at ``amount`` (also its budget and reference price), each of
    ``vendors`` bidding it, the first winning."""
    bids = tuple(BidRow(vendor_name=v, vendor_tax_id=TAX_ID, amount=Decimal(amount)) for v in vendors)
    made = row(pid, day, budget=amount, reference=amount, agreed=amount, method=method)
    return msgspec.structs.replace(
        made,
        subject=subject or f"ซื้อครุภัณฑ์คอมพิวเตอร์สำหรับห้องปฏิบัติการ รายการที่ {pid}",
        bids=bids,
        winner_name=vendors[0],
        reason=reason,
        contract_number=f"บส.{pid}/2569",
        contract_date=day,
    )


def summary(
    rows: list[ResultRow],
    *,
    year: int = 2026,
    month: int = 3,
    number: str = "30/2569",
    published: datetime = PUBLISHED,
    director: str = DIRECTOR,
) -> Announcement:
    """The published summary of ``month`` (C.E. ``year``) listing ``rows``, signed by ``director``."""
    year_be = year + 543 + (1 if month >= 10 else 0)
    label = monthly.subject(year_be, month)
    content = {
        "year_be": year_be,
        "month_year": year,
        "month": month,
        "school": {f: getattr(SCHOOL, f) for f in SCHOOL.__struct_fields__},
        "rows": rows_to_builtins(rows),
    }
    return Announcement(
        id=30,
        school_id=1,
        year_be=year_be,
        kind="monthly_summary",
        subject=label,
        body="",
        number=number,
        announced_on=published.date(),
        status="published",
        procurement_id=None,
        plan_id=None,
        supersedes_id=None,
        quarter=None,
        month=month,
        signer_name=director,
        signer_position=f"ผู้อำนวยการ{SCHOOL.name}",
        signer_delegation="",
        snapshot={"month_summary": content},
        pdf_sha256=None,
        sequence=1,
        published_at=published,
        created_at=published,
        prepared_by=None,
        submitted_at=None,
        reviewed_by=None,
        reviewed_at=None,
        approved_by=None,
        return_comment="",
    )
