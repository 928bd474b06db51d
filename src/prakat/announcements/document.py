"""An announcement as an official document (prakat.documents.model), from its frozen snapshot: the
same words the director approved (prakat.announcements.wording), in the official form: Thai
digits, Buddhist-era dates, each kind's attachment table, and the template named after its kind
(templates/documents/<kind>.html and .css). prakat.documents renders it without knowing it is an
announcement."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from prakat.announcements import monthly_form, wording
from prakat.announcements.schemas import Announcement
from prakat.announcements.subjects import work_title
from prakat.annual import document as annual_document
from prakat.documents.digits import thai
from prakat.documents.model import Column, OfficialDocument, Signer, Table
from prakat.rules import AnnouncementKind, BudgetSource, Method
from prakat.thai import format_baht, format_date_full, format_date_short, format_month_year


def _label(enum: Any, value: str) -> str:
    try:
        return str(enum(value).label)
    except ValueError:
        return value


def _method_short(value: str) -> str:
    try:
        return Method(value).info.thai_short_name
    except ValueError:
        return value


def plan_table(plan: dict[str, Any]) -> Table:
    """The plan attachment, in e-GP's columns plus what schools add (source, method).

    The widths fit an e-GP plan code (P and 11 digits), an amount in the millions, the common
    sources ("เงินอุดหนุนรายหัว"), the method ("เฉพาะเจาะจง": the short name, as the heading says
    วิธี…) and the longest month ("กุมภาพันธ์ ๒๕๖๙") on one line at 13 pt; the project name takes
    what is left. A 300-item plan is 26 landscape pages, against 38 when the source, the method
    and the month wrapped to two or three lines."""
    rows = []
    for item in plan["items"]:
        month = date.fromisoformat(item["expected_month"])
        rows.append(
            (
                thai(str(item["position"])),
                thai(item["egp_plan_code"] or "-"),
                thai(item["name"]),
                thai(format_baht(Decimal(item["budget"]))),
                _label(BudgetSource, item["budget_source"]),
                _method_short(item["planned_method"]),
                format_month_year(month.year, month.month),
            )
        )
    total = sum((Decimal(i["budget"]) for i in plan["items"]), Decimal("0"))
    rows.append(("", "", "รวม", thai(format_baht(total)), "", "", ""))
    return Table(
        title="รายละเอียดแนบท้ายประกาศ แผนการจัดซื้อจัดจ้าง",
        columns=(
            Column(title="ลำดับ", width="5%"),
            Column(title="รหัสแผน", width="14%"),
            Column(title="ชื่อโครงการ", width="28%"),
            Column(title="งบประมาณ (บาท)", width="11%", numeric=True),
            Column(title="แหล่งเงิน", width="15%"),
            Column(title="วิธีจัดซื้อจัดจ้าง", width="12%"),
            Column(title="คาดว่าจะประกาศ (เดือน/ปี)", width="15%"),
        ),
        rows=tuple(rows),
        landscape=True,
    )


def reference_price_table(p: dict[str, Any], agency: str) -> Table:
    """บก.06: the budget and the reference price for work that is not construction."""
    reference = Decimal(p["reference_price"] or p["budget"])
    rows = (
        ("๑", "ชื่อโครงการ", thai(p["subject"])),
        ("๒", "หน่วยงานเจ้าของโครงการ", agency),
        ("๓", "วงเงินงบประมาณที่ได้รับจัดสรร", f"{thai(format_baht(Decimal(p['budget'])))} บาท"),
        ("๔", "ราคากลาง (ราคาอ้างอิง)", f"{thai(format_baht(reference))} บาท"),
        ("๕", "แหล่งที่มาของราคากลาง", "การสืบราคาจากท้องตลาด"),
    )
    return Table(
        title="ตารางแสดงวงเงินงบประมาณที่ได้รับจัดสรรและราคากลาง (ราคาอ้างอิง) ในการจัดซื้อจัดจ้างที่มิใช่งานก่อสร้าง (บก.๐๖)",
        columns=(
            Column(title="ลำดับ", width="10%"),
            Column(title="รายการ", width="40%"),
            Column(title="", width="50%"),
        ),
        rows=rows,
    )


def quarterly_table(quarter: dict[str, Any]) -> Table:
    """The quarter's purchases, in the columns of e-GP's quarterly form (domain.md §3)."""
    rows = []
    for n, item in enumerate(quarter["items"], start=1):
        rows.append(
            (
                thai(str(n)),
                thai(item["vendor_name"]),
                thai(work_title(item["kind"], item["subject"])),
                thai(format_baht(Decimal(item["agreed_price"]))),
                thai(format_date_short(date.fromisoformat(item["reference_date"]))),
                thai(item["reference_number"] or "-"),
                thai(item["reason"] or _label(Method, item["method"])),
            )
        )
    if not rows:
        rows.append(("", "ไม่มีรายการ", "", "", "", "", ""))
    rows.append(("", "", "รวม", thai(format_baht(Decimal(quarter["total"]))), "", "", ""))
    return Table(
        title=f"รายละเอียดแนบท้ายประกาศ ผลผู้ชนะการจัดซื้อจัดจ้าง ประจำไตรมาสที่ {thai(str(quarter['quarter']))}",
        columns=(
            Column(title="ลำดับที่", width="6%"),
            Column(title="ชื่อผู้ประกอบการ", width="17%"),
            Column(title="รายการพัสดุ", width="24%"),
            Column(title="จำนวนเงินรวม (บาท)", width="11%", numeric=True),
            Column(title="เอกสารอ้างอิง (วันที่)", width="12%"),
            Column(title="เอกสารอ้างอิง (เลขที่)", width="13%"),
            Column(title="เหตุผลสนับสนุน", width="17%"),
        ),
        rows=tuple(rows),
        landscape=True,
    )


def document(
    a: Announcement, *, agency: str, signer: Signer | None = None, created: datetime | None = None
) -> OfficialDocument:
    """The official document of ``a``. A draft has no signer or date yet: the preview passes the
    director who would sign, and the day it would be."""
    snapshot = a.snapshot or {}
    kind = AnnouncementKind(a.kind)
    if kind is AnnouncementKind.MONTHLY_SUMMARY:
        # A form of its own (แบบ สขร.1), not an announcement's frame: the kind's module builds it.
        return monthly_form.document(a, agency=agency, signer=signer, created=created)
    the_signer = signer or Signer(
        name=a.signer_name, position=a.signer_position, delegation=a.signer_delegation
    )
    if "annual" in snapshot:
        return annual_document.document(
            snapshot=snapshot,
            subject=a.subject,
            number=a.number,
            day=a.announced_on,
            signer=the_signer,
            agency=agency,
            created=created or a.published_at,
            filename=filename(a.kind, a.number),
        )
    attachment = None
    if "plan" in snapshot:
        attachment = plan_table(snapshot["plan"])
    elif "quarter" in snapshot:
        attachment = quarterly_table(snapshot["quarter"])
    elif kind is AnnouncementKind.REFERENCE_PRICE and "procurement" in snapshot:
        attachment = reference_price_table(snapshot["procurement"], agency)
    return OfficialDocument(
        template=kind.value,
        label=kind.label,
        agency=agency,
        subject=thai(a.subject),
        paragraphs=tuple(thai(p) for p in wording.paragraphs(a.kind, a.subject, a.body, a.snapshot)),
        date_line=date_line(a.announced_on),
        signer=the_signer,
        number=thai(a.number),
        attachment=attachment,
        title=f"ประกาศ{agency} เรื่อง {a.subject}",
        author=agency,
        created=created or a.published_at,
        filename=filename(a.kind, a.number),
    )


def filename(kind: str, number: str) -> str:
    """The name people see when they save it: "ประกาศผู้ชนะการเสนอราคา เลขที่ 12-2569.pdf"."""
    shown = number.replace("/", "-") if number else "ร่าง"
    return f"{AnnouncementKind(kind).label} เลขที่ {shown}.pdf"


def date_line(day: date) -> str:
    return f"ประกาศ ณ วันที่ {format_date_full(day)}"
