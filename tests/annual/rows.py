"""Hand-made result rows for the annual report's tests (no database)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from prakat.annual.texts import Part
from prakat.documents.model import OfficialDocument, Signer
from prakat.results import ResultRow, SchoolInfo
from prakat.results.rows import rows_to_builtins
from prakat.thai import fiscal_year_of

SCHOOL = SchoolInfo(
    id=1,
    slug="t",
    name="โรงเรียนทดสอบ",
    agency_type="สถานศึกษา",
    ministry="กระทรวงศึกษาธิการ",
    area_office="สพป.ทดสอบ เขต 1",
    district="เมือง",
    province="ขอนแก่น",
)

METHOD_LABELS = {
    "specific": ("วิธีเฉพาะเจาะจง", "เฉพาะเจาะจง"),
    "e_bidding": ("วิธีประกวดราคาอิเล็กทรอนิกส์ (e-bidding)", "ประกวดราคาอิเล็กทรอนิกส์ (e-bidding)"),
    "specific_w119": ("วิธีเฉพาะเจาะจง ตาม ว 119", "เฉพาะเจาะจง (ว 119)"),
}
KIND_LABELS = {"buy": "ซื้อ", "hire": "จ้าง", "rent": "เช่า"}
SOURCE_LABELS = {"per_head_subsidy": "เงินอุดหนุนรายหัว", "school_income": "เงินรายได้สถานศึกษา"}


def row(
    pid: int,
    day: date | None,
    *,
    budget: str = "10000",
    reference: str | None = "9500",
    agreed: str | None = "9000",
    method: str = "specific",
    kind: str = "buy",
    source: str = "per_head_subsidy",
    plan_item_id: int | None = None,
    announced_on: date | None = None,
    announcement_kind: str = "winner",
    **extra: Any,
) -> ResultRow:
    label, short = METHOD_LABELS[method]
    return ResultRow(
        procurement_id=pid,
        year_be=fiscal_year_of(day) if day else 2569,
        month_year=day.year if day else None,
        month=day.month if day else None,
        month_date=day,
        month_source="award" if day else "",
        procurement_year_be=fiscal_year_of(day) if day else 2569,
        subject=f"ซื้อวัสดุ {pid}",
        kind=kind,
        kind_label=KIND_LABELS[kind],
        budget=Decimal(budget),
        reference_price=Decimal(reference) if reference is not None else None,
        method=method,
        method_label=label,
        method_short_label=short,
        method_family_label="เฉพาะเจาะจง",
        legal_clause="",
        budget_source=source,
        budget_source_label=SOURCE_LABELS[source],
        category="",
        category_label="",
        plan_item_id=plan_item_id,
        plan_code="",
        plan_item_name=f"รายการแผน {plan_item_id}" if plan_item_id else "",
        egp_project_number=None,
        requested_on=day or date(2025, 10, 1),
        status="awarded",
        status_label="ได้ผู้ชนะแล้ว",
        winner_name=f"ร้านที่ {pid}" if agreed is not None else None,
        agreed_price=Decimal(agreed) if agreed is not None else None,
        awarded_on=day,
        winner_announced=announced_on is not None,
        winner_announced_on=announced_on,
        winner_announcement_kind=announcement_kind if announced_on else "",
        **extra,
    )


def content(
    rows: list[ResultRow], year_be: int = 2569, plan: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    """A report's frozen content, as prakat.annual.service.content makes it."""
    return {
        "year_be": year_be,
        "rows": rows_to_builtins(rows),
        "plan": plan or [],
        "texts": {p.value: f"ข้อความส่วน {p.value}\nย่อหน้าที่สอง" for p in Part},
        "on_time_days": 3,
        "on_time_rule": "ประกาศผู้ชนะภายใน 3 วัน",
        "officer": {"name": "นายพัสดุ ทดสอบ", "position": "เจ้าหน้าที่พัสดุ"},
    }


def report_document(
    rows: list[ResultRow], *, signer: Signer, published: datetime, public_url: str = ""
) -> OfficialDocument:
    """The annual report of ``rows`` as an official document (prakat.annual.document), number 9/2570,
    signed by ``signer`` on ``published``'s day."""
    from prakat.annual import document as annual_document

    return annual_document.document(
        snapshot={
            "annual": content(rows),
            "school": {"name": SCHOOL.name, "area_office": SCHOOL.area_office},
        },
        subject="รายงานผลการจัดซื้อจัดจ้างประจำปีงบประมาณ พ.ศ. 2569",
        number="9/2570",
        day=published.date(),
        signer=signer,
        agency=SCHOOL.name,
        created=published,
        filename="annual.pdf",
        public_url=public_url,
    )
