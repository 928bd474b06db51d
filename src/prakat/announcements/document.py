"""An announcement as an official document (prakat.documents.model), from its frozen snapshot: the
same words the director approved (prakat.announcements.wording), in the official form: Thai
digits, Buddhist-era dates, each kind's attachment table, and the template named after its kind
(templates/documents/<kind>.html and .css). prakat.documents renders it without knowing it is an
announcement."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from prakat.announcements import monthly_form, terms, wording
from prakat.announcements.schemas import Announcement
from prakat.announcements.subjects import work_title
from prakat.annual import document as annual_document
from prakat.documents.digits import Identifier, thai
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


def plan_table(plan: dict[str, Any], agency: str) -> Table:
    """The plan attachment, in e-GP's columns plus what schools add (source, method), headed by the
    school and the fiscal year (and the revision, for a revised plan).

    The sequence, the plan code, the amount and the month are as wide as their longest cell, on
    one line; the source and the method take their share, never less than their longest word
    ("เฉพาะเจาะจง" whole); the project name takes what is left (prakat.documents.tables)."""
    rows = []
    for item in plan["items"]:
        month = date.fromisoformat(item["expected_month"])
        rows.append(
            (
                thai(str(item["position"])),
                Identifier(item["egp_plan_code"]) if item["egp_plan_code"] else "-",
                thai(item["name"]),
                thai(format_baht(Decimal(item["budget"]))),
                thai(_label(BudgetSource, item["budget_source"])),
                thai(_method_short(item["planned_method"])),
                format_month_year(month.year, month.month),
            )
        )
    total = sum((Decimal(i["budget"]) for i in plan["items"]), Decimal("0"))
    rows.append(("", "", "รวม", thai(format_baht(total)), "", "", ""))
    revised = f" (ฉบับปรับปรุง ครั้งที่ {plan['revision']})" if plan["revision"] else ""
    return Table(
        title=thai(f"รายละเอียดแนบท้ายประกาศ แผนการจัดซื้อจัดจ้าง ประจำปีงบประมาณ พ.ศ. {plan['year_be']}{revised}"),
        subtitle=agency,
        columns=(
            Column(title="ลำดับ", fit="line"),
            Column(title="รหัสแผน", fit="line"),
            Column(title="ชื่อโครงการ"),
            Column(title="งบประมาณ (บาท)", fit="line", numeric=True),
            Column(title="แหล่งเงิน", fit="word", width="13%"),
            Column(title="วิธีจัดซื้อจัดจ้าง", fit="word", width="11%"),
            Column(title="คาดว่าจะประกาศ (เดือน/ปี)", fit="line"),
        ),
        rows=tuple(rows),
        landscape=True,
        total_row=True,
    )


def reference_price_table(p: dict[str, Any], agency: str, form: dict[str, Any]) -> Table:
    """The reference-price form the snapshot froze (บก.06, or บก.01 for construction), its rows
    numbered as the form numbers them; a list row holds its items one a line (๕.๑, ๕.๒ …)."""
    reference = Decimal(p["reference_price"] or p["budget"])
    price_day = p.get("price_set_on")
    values = {
        "subject": work_title(p["kind"], p["subject"]),
        "agency": agency,
        "budget": f"{format_baht(Decimal(p['budget']))} บาท",
        "price": (f"{format_date_full(date.fromisoformat(price_day))} " if price_day else "")
        + f"เป็นเงิน {format_baht(reference)} บาท",
    }
    rows = []
    for n, row in enumerate(form["rows"], start=1):
        value = values.get(row["key"], p.get(row["key"]) or "-")
        if row["listed"] and value != "-":
            value = "\n".join(f"{n}.{i} {line}" for i, line in enumerate(value.splitlines(), start=1))
        rows.append((thai(str(n)), row["label"], thai(value)))
    return Table(
        title=f"{form['title']} ({thai(form['code'])})",
        columns=(
            Column(title="ลำดับ", width="9%"),
            Column(title="รายการ", width="38%"),
            Column(title="รายละเอียด", width="53%"),
        ),
        rows=tuple(rows),
    )


def quarterly_table(quarter: dict[str, Any], agency: str) -> Table:
    """The quarter's purchases, in the columns of e-GP's quarterly form (domain.md §2): the
    reference document one heading over its date and number. Sequence, amount and date on one
    line; a vendor's name on one line unless it is longer than about a fifth of the page (then
    broken between its words); the reason ("เป็นผู้มีคุณสมบัติถูกต้องครบถ้วน…", as the award gives
    it) in two lines at the official type size (four at the former 13 pt attachment type)."""
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
        title=thai(
            "รายละเอียดแนบท้ายประกาศ ผลผู้ชนะการจัดซื้อจัดจ้าง "
            f"ประจำไตรมาสที่ {quarter['quarter']} ปีงบประมาณ พ.ศ. {quarter['year_be']}"
        ),
        subtitle=agency,
        columns=(
            Column(title="ลำดับที่", fit="line"),
            Column(title="ชื่อผู้ประกอบการ", fit="line", width="22%"),
            Column(title="รายการพัสดุ"),
            Column(title="จำนวนเงินรวม (บาท)", fit="line", numeric=True),
            Column(title="วันที่", fit="line", group="เอกสารอ้างอิง"),
            Column(title="เลขที่", fit="word", width="11%", group="เอกสารอ้างอิง"),
            Column(title="เหตุผลสนับสนุน", fit="word", width="24%"),
        ),
        rows=tuple(rows),
        landscape=True,
        total_row=True,
    )


def identifiers(snapshot: dict[str, Any]) -> tuple[Identifier, ...]:
    """The codes people paste into e-GP that the announcement may quote (prakat.documents.digits):
    printed as written wherever they appear. The one list of which snapshot fields they are."""
    found: list[str] = []
    school = snapshot.get("school") or {}
    found += [school.get("egp_dept_id") or "", school.get("egp_deptsub_id") or ""]
    procurements = [snapshot.get("procurement") or {}]
    procurements += [i.get("procurement") or {} for i in (snapshot.get("quarter") or {}).get("items", ())]
    for p in procurements:
        found.append(p.get("egp_project_number") or "")
        found.append((p.get("award") or {}).get("vendor_tax_id") or "")
    found += [i.get("egp_plan_code") or "" for i in (snapshot.get("plan") or {}).get("items", ())]
    return tuple(Identifier(code) for code in dict.fromkeys(found) if code)


def document(
    a: Announcement,
    *,
    agency: str,
    signer: Signer | None = None,
    created: datetime | None = None,
    public_url: str = "",
) -> OfficialDocument:
    """The official document of ``a``. A draft has no signer or date yet: the preview passes the
    director who would sign, and the day it would be. ``public_url`` is where the published copy is
    (prakat.announcements.pdf.public_url), for a published announcement only: without it every page
    says that this is a draft, not yet published."""
    snapshot = a.snapshot or {}
    kind = AnnouncementKind(a.kind)
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
            public_url=public_url,
        )
    if kind is AnnouncementKind.MONTHLY_SUMMARY:
        # A form of its own (แบบ สขร.1), not an announcement's frame: the kind's module builds it.
        return monthly_form.document(a, agency=agency, signer=signer, created=created, public_url=public_url)
    keep = identifiers(snapshot)
    attachment = None
    if "plan" in snapshot:
        attachment = plan_table(snapshot["plan"], agency)
    elif "quarter" in snapshot:
        attachment = quarterly_table(snapshot["quarter"], agency)
    elif kind is AnnouncementKind.REFERENCE_PRICE and "procurement" in snapshot:
        form = snapshot.get("price_form") or terms.OLD_FORM
        attachment = reference_price_table(snapshot["procurement"], agency, form)
    return OfficialDocument(
        template=kind.value,
        label=kind.label,
        agency=agency,
        subject=thai(a.subject, keep),
        paragraphs=tuple(thai(p, keep) for p in wording.paragraphs(a.kind, a.subject, a.body, a.snapshot)),
        date_line=date_line(a.announced_on),
        signer=the_signer,
        number=thai(number_line(a.number, a.year_be)),
        attachment=attachment,
        names=(agency, *_names(snapshot)),
        # The PDF's title follows the page's digits (prakat.documents.digits), as its subject does.
        title=thai(f"ประกาศ{agency} เรื่อง {a.subject}", keep),
        author=agency,
        created=created or a.published_at,
        filename=filename(a.kind, a.number),
        public_url=public_url,
    )


def _names(snapshot: dict[str, Any]) -> tuple[str, ...]:
    """The vendors' names in the snapshot, as printed (Thai digits): like the school's, never
    broken across lines."""
    award = (snapshot.get("procurement") or {}).get("award") or {}
    items = (snapshot.get("quarter") or {}).get("items", ())
    found = [award.get("vendor_name", ""), *(item.get("vendor_name", "") for item in items)]
    return tuple(sorted({thai(name) for name in found if name}))


def filename(kind: str, number: str) -> str:
    """The name people see when they save it: "ประกาศผู้ชนะการเสนอราคา เลขที่ 12-2569.pdf"."""
    shown = number.replace("/", "-") if number else "ร่าง"
    return f"{AnnouncementKind(kind).label} เลขที่ {shown}.pdf"


def number_line(number: str, year_be: int) -> str:
    """ "ที่ 12/2569" under the heading of every announcement, the way a numbered Thai official document
    (a คำสั่ง, a letter) shows its number, so that a later announcement can cite it as "ประกาศ… ที่
    12/2569 เรื่อง … ลงวันที่ …" and a reader finds it. A draft or a sample has no number yet: the
    line is left to be filled in, as a draft on paper is ("ที่ ....../2569")."""
    return f"ที่ {number}" if number else f"ที่ ....../{year_be}"


def date_line(day: date) -> str:
    return f"ประกาศ ณ วันที่ {format_date_full(day)}"
