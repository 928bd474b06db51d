"""The reference-price forms (ราคากลาง) of the NACC, as dated data: which form fits which work, and
the rows each form has.

The NACC Act s.103/7 has agencies publish the budget and the reference price of a procurement on
the NACC's forms [U: the basis]: บก.01 for construction ("ตารางแสดงวงเงินงบประมาณที่ได้รับจัดสรรและ
ราคากลางในงานจ้างก่อสร้าง") and บก.06 for everything else ("…ในการจัดซื้อจัดจ้างที่มิใช่งานก่อสร้าง")
[V: the titles and the kind-to-form mapping from a school procurement app, domain.md §2]. The rows
are worded as the forms schools fill in word them [U: the row texts; no official copy was found], so
they are data here, changed by a new dated form, never by an ``if`` in code.

Each row names the procurement field (``key``) that fills it; a row's key is also what submitting a
reference-price announcement requires (prakat.procurements.requirements).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from prakat.rules.methods import ProcurementKind

# What fills a row: the procurement's own fields, and two the document knows (the agency's name and
# the reference price with its date).
SUBJECT = "subject"
AGENCY = "agency"
BUDGET = "budget"
PRICE = "price"  # the reference price and the date it was set (price_set_on)
OUTLINE = "work_outline"
SOURCES = "price_sources"
SETTERS = "price_setters"


@dataclass(frozen=True)
class PriceRow:
    """One numbered row of a form: its label and what fills it. ``listed`` rows print the lines of
    their field as sub-items (๕.๑, ๕.๒ …)."""

    label: str
    key: str
    listed: bool = False


@dataclass(frozen=True)
class PriceForm:
    code: str  # "บก.06", Arabic digits (documents convert)
    title: str
    price_name: str  # what the form calls the price: "ราคากลาง", "ราคากลาง (ราคาอ้างอิง)"
    kinds: frozenset[ProcurementKind]
    rows: tuple[PriceRow, ...]
    valid_from_fy: int
    unconfirmed: tuple[str, ...] = ("rows",)

    @property
    def fields(self) -> tuple[str, ...]:
        """The procurement fields its rows print (besides the subject, budget and reference price)."""
        own = {SUBJECT, AGENCY, BUDGET, PRICE}
        return (*(r.key for r in self.rows if r.key not in own), "price_set_on")


BK01 = PriceForm(
    code="บก.01",
    title="ตารางแสดงวงเงินงบประมาณที่ได้รับจัดสรรและราคากลางในงานจ้างก่อสร้าง",
    price_name="ราคากลาง",
    kinds=frozenset({ProcurementKind.CONSTRUCTION}),
    rows=(
        PriceRow("ชื่อโครงการ", SUBJECT),
        PriceRow("หน่วยงานเจ้าของโครงการ", AGENCY),
        PriceRow("วงเงินงบประมาณที่ได้รับจัดสรร", BUDGET),
        PriceRow("ลักษณะงานโดยสังเขป", OUTLINE),
        PriceRow("ราคากลางคำนวณ ณ วันที่", PRICE),
        PriceRow("บัญชีประมาณการราคากลาง", SOURCES, listed=True),
        PriceRow("รายชื่อคณะกรรมการกำหนดราคากลาง", SETTERS, listed=True),
    ),
    valid_from_fy=2561,
)
BK06 = PriceForm(
    code="บก.06",
    title="ตารางแสดงวงเงินงบประมาณที่ได้รับจัดสรรและราคากลาง (ราคาอ้างอิง) ในการจัดซื้อจัดจ้างที่มิใช่งานก่อสร้าง",
    price_name="ราคากลาง (ราคาอ้างอิง)",
    kinds=frozenset({ProcurementKind.BUY, ProcurementKind.HIRE, ProcurementKind.RENT}),
    rows=(
        PriceRow("ชื่อโครงการ", SUBJECT),
        PriceRow("หน่วยงานเจ้าของโครงการ", AGENCY),
        PriceRow("วงเงินงบประมาณที่ได้รับจัดสรร", BUDGET),
        PriceRow("วันที่กำหนดราคากลาง (ราคาอ้างอิง)", PRICE),
        PriceRow("แหล่งที่มาของราคากลาง (ราคาอ้างอิง)", SOURCES, listed=True),
        PriceRow("รายชื่อผู้รับผิดชอบกำหนดราคากลาง (ราคาอ้างอิง) ทุกคน", SETTERS, listed=True),
    ),
    valid_from_fy=2561,
)
PRICE_FORMS: tuple[PriceForm, ...] = (BK01, BK06)


def price_form_for(kind: str, fiscal_year_be: int, *, forms: Sequence[PriceForm] = PRICE_FORMS) -> PriceForm:
    """The form for work of ``kind`` in ``fiscal_year_be``: the newest in force that covers the kind."""
    wanted = ProcurementKind(kind)
    found = [f for f in forms if wanted in f.kinds and f.valid_from_fy <= fiscal_year_be]
    if not found:
        raise LookupError(f"ไม่มีแบบราคากลางสำหรับงาน{wanted.label} ปีงบประมาณ พ.ศ. {fiscal_year_be}")
    return max(found, key=lambda f: f.valid_from_fy)


def working_days(first: date, last: date) -> int:
    """Monday to Friday from ``first`` to ``last``, both counted. Public holidays are not subtracted:
    no dated holiday list exists here yet, so a period over a holiday passes [U]."""
    days = 0
    day = first
    while day <= last:
        days += day.weekday() < 5
        day += timedelta(days=1)
    return days
