"""A monthly summary as an official document (แบบ สขร.1, domain.md §3), from its frozen rows only; and
the bundles (a quarter, the first six months, the year): a cover listing every month of the bundle,
then each published month's form.

Thai digits and Buddhist-era dates wherever a person reads a figure; tax IDs and e-GP numbers do not
appear in the form's nine columns (the spreadsheets carry them, whole, in Arabic digits).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any, NamedTuple

from prakat.announcements.monthly import NOTHING, result_set
from prakat.announcements.schemas import Announcement
from prakat.announcements.subjects import work_title
from prakat.documents.digits import thai
from prakat.documents.model import Column, OfficialDocument, Signer, Table
from prakat.documents.tables import room
from prakat.results import MONTH_RULE_TEXT, MONTHS_RULE_TEXT, MonthKey, ResultRow, totals
from prakat.rules import AnnouncementKind
from prakat.thai import format_baht, format_date_full, format_date_short, thai_month_name

TEMPLATE = "monthly_summary"
GROUP_9 = "เลขที่และวันที่ของสัญญาหรือข้อตกลงในการซื้อหรือจ้าง"
# The nine columns of สขร.1; column 9 is two cells under one header. Shares of the 26.7 cm measure
# of A4 landscape (monthly_summary.css), for the table's 10 pt Sarabun (0.9375rem): columns 3 and 4
# hold the widest amount of the form, ๙๙,๙๙๙,๙๙๙.๙๙ (7.7 em, 2.8 cm with the cell's padding and
# room for shaping; in bold in the totals row, set a little smaller), whole on one line; columns 6
# and 7 hold it too, on its own line under a name; column 5 the longest word of a method,
# "อิเล็กทรอนิกส์" (5.6 em); the rest is shared by the purchase, the names and the reason, which wrap
# between words (tests/documents/test_monthly_form.py checks every cell's text against its borders).
COLUMNS = (
    Column(title="ลำดับที่", width="4%"),
    Column(title="งานที่จัดซื้อหรือจัดจ้าง", width="13%"),
    Column(title="วงเงินที่จะซื้อหรือจ้าง (บาท)", width="11.5%", numeric=True),
    Column(title="ราคากลาง (บาท)", width="11.5%", numeric=True),
    Column(title="วิธีซื้อหรือจ้าง", width="9%"),
    Column(title="รายชื่อผู้เสนอราคาและราคาที่เสนอ", width="13%"),
    Column(title="ผู้ได้รับการคัดเลือกและราคาที่ตกลงซื้อหรือจ้าง", width="12%"),
    Column(title="เหตุผลที่คัดเลือกโดยสรุป", width="11.5%"),
    Column(title="เลขที่", width="8.5%", group=GROUP_9),
    Column(title="วันที่", width="6%", group=GROUP_9),
)
# The table's measure and type (monthly_summary.css: A4 landscape less 1.5 cm margins; 0.9375rem
# of the one conversion, 16 pt × 0.67), for the room of the narrowest column that prints names.
MEASURE_CM = 29.7 - 2 * 1.5
TYPE_PT = 16 * 0.67 * 0.9375
NAME_ROOM = min(room(COLUMNS[i].width, MEASURE_CM, TYPE_PT) for i in (5, 6))
HEADERS = (
    "ลำดับที่",
    "งานที่จัดซื้อหรือจัดจ้าง",
    "วงเงินที่จะซื้อหรือจ้าง (บาท)",
    "ราคากลาง (บาท)",
    "วิธีซื้อหรือจ้าง",
    "รายชื่อผู้เสนอราคาและราคาที่เสนอ",
    "ผู้ได้รับการคัดเลือกและราคาที่ตกลงซื้อหรือจ้าง",
    "เหตุผลที่คัดเลือกโดยสรุป",
    "เลขที่สัญญาหรือข้อตกลง",
    "วันที่สัญญาหรือข้อตกลง",
)


def _baht(value: Any) -> str:
    return "-" if value is None else thai(format_baht(value))


def row_cells(n: int, r: ResultRow) -> tuple[str, ...]:
    """One purchase in the nine columns (ten cells), as a person reads them."""
    bidders = "\n".join(f"{thai(b.vendor_name)} {_baht(b.amount)} บาท" for b in r.bids) or "-"
    winner = f"{thai(r.winner_name or '-')}\n{_baht(r.agreed_price)} บาท"
    if r.contract_date is not None:
        number, day = thai(r.contract_number or "-"), thai(format_date_short(r.contract_date))
    else:
        # No written agreement: the award's date put it in this month (the rule under the table).
        number = thai(r.contract_number or "-")
        day = f"{thai(format_date_short(r.awarded_on))}\n(วันที่คัดเลือก)" if r.awarded_on else "-"
    return (
        thai(str(n)),
        thai(work_title(r.kind, r.subject)),
        _baht(r.budget),
        _baht(r.reference_price),
        thai(r.method_short_label),
        bidders,
        winner,
        thai(r.reason or "-"),
        number,
        day,
    )


def names(rows: Sequence[ResultRow], agency: str = "") -> tuple[str, ...]:
    """The names the form prints (the bidders', the winners' and the school's), as printed."""
    found = {r.winner_name or "" for r in rows} | {b.vendor_name for r in rows for b in r.bids} | {agency}
    return tuple(sorted(thai(name) for name in found if name))


def table(rows: Sequence[ResultRow], agency: str = "") -> Table:
    cells = [row_cells(n, r) for n, r in enumerate(rows, start=1)]
    if cells:
        sums = totals(rows)
        cells.append(
            (
                "",
                f"รวม {thai(str(sums.count))} รายการ",
                _baht(sums.budget),
                _baht(sums.reference_price),
                "",
                "",
                f"{_baht(sums.agreed_price)} บาท",
                "",
                "",
                "",
            )
        )
    return Table(
        title="",
        columns=COLUMNS,
        rows=tuple(cells),
        landscape=True,
        empty=NOTHING,
        names=names(rows, agency),
        name_room=NAME_ROOM,
    )


def date_words(day: date) -> str:
    """ "วันที่ 5 เดือน กุมภาพันธ์ พ.ศ. 2569", as the form writes it (Arabic digits: the spreadsheets)."""
    return f"วันที่ {day.day} เดือน {thai_month_name(day.month)} พ.ศ. {day.year + 543}"


def date_line(day: date) -> str:
    """ "วันที่ ๕ เดือน กุมภาพันธ์ พ.ศ. ๒๕๖๙" on the PDF."""
    return thai(date_words(day))


def filename(number: str, month_label: str) -> str:
    shown = number.replace("/", "-") if number else "ร่าง"
    return f"สขร.1 {month_label} เลขที่ {shown}.pdf"


def document(
    a: Announcement,
    *,
    agency: str,
    signer: Signer | None = None,
    created: datetime | None = None,
    public_url: str = "",
) -> OfficialDocument:
    """The form of one monthly summary, from its frozen snapshot; ``public_url`` as for announcements
    (prakat.announcements.pdf.public_url): printed at the foot of every page and as a QR code."""
    found = result_set(a.snapshot or {})
    key = found.month_key
    assert key is not None
    the_signer = signer or Signer(
        name=a.signer_name, position=a.signer_position, delegation=a.signer_delegation
    )
    notes = [f"หมายเหตุ: {MONTH_RULE_TEXT}"]
    cited = (a.snapshot or {}).get("supersedes")
    if cited:
        day = format_date_full(date.fromisoformat(cited["announced_on"]))
        notes.append(thai(f"ฉบับนี้แทนสรุปผลเดือนเดียวกัน เลขที่ {cited['number']} ลงวันที่ ") + day)
    return OfficialDocument(
        template=TEMPLATE,
        label=AnnouncementKind.MONTHLY_SUMMARY.label,
        agency=agency,
        subject=thai(a.subject),
        paragraphs=tuple(notes),
        date_line=date_line(a.announced_on),
        signer=the_signer,
        number=thai(a.number),
        attachment=table(found.rows, agency),
        title=f"แบบ สขร.1 {a.subject} {agency}",
        author=agency,
        created=created or a.published_at,
        filename=filename(a.number, key.label),
        public_url=public_url,
    )


COVER_COLUMNS = (
    Column(title="เดือน", width="22%"),
    Column(title="เลขที่และวันที่เผยแพร่", width="34%"),
    Column(title="จำนวนรายการ", width="16%", numeric=True),
    Column(title="ราคาที่ตกลงซื้อหรือจ้างรวม (บาท)", width="28%", numeric=True),
)
# What the cover says of a month without a published summary, as the year's public page does.
NOT_ENDED = "ยังไม่สิ้นเดือน"
NOT_PUBLISHED = "ยังไม่เผยแพร่"


class CoverMonth(NamedTuple):
    """A month of a bundle, as of the day the bundle is made."""

    key: MonthKey
    summary: Announcement | None  # its published summary
    ended: bool


def bundle(
    title: str,
    months: Sequence[CoverMonth],
    *,
    agency: str,
    created: datetime | None,
    as_of: date,
    public_url: str = "",
) -> OfficialDocument:
    """One PDF for what assessors open: a cover listing every month of the bundle, then each published
    month's form, in the order of the fiscal year. The cover gives each month its published summary's
    number and date, or says it has not ended or has no published summary yet, as of ``as_of`` (the
    day the bundle is made), which it prints while a month is missing; ``public_url`` is the year's
    public page of monthly summaries, at the foot of every page."""
    summaries = [m.summary for m in months if m.summary is not None]
    parts = [document(a, agency=agency) for a in summaries]
    cover_rows = []
    count, total = 0, Decimal(0)
    for month in months:
        a = month.summary
        if a is None:
            state = NOT_PUBLISHED if month.ended else NOT_ENDED
            cover_rows.append((thai(month.key.label), state, "-", "-"))
            continue
        sums = totals(result_set(a.snapshot or {}).rows)
        count += sums.count
        total += sums.agreed_price
        cover_rows.append(
            (
                thai(month.key.label),
                thai(f"{a.number} ลงวันที่ ") + format_date_full(a.announced_on),
                thai(str(sums.count)) if sums.count else NOTHING,
                _baht(sums.agreed_price) if sums.count else "-",
            )
        )
    complete = len(summaries) == len(months)
    if summaries:
        cover_rows.append(("", "รวม" if complete else "รวมเดือนที่เผยแพร่แล้ว", thai(str(count)), _baht(total)))
    return OfficialDocument(
        template=TEMPLATE,
        label=AnnouncementKind.MONTHLY_SUMMARY.label,
        agency=agency,
        subject=thai(title),
        paragraphs=(f"หมายเหตุ: {MONTHS_RULE_TEXT}",),
        date_line="" if complete else f"ข้อมูล ณ วันที่ {format_date_full(as_of)}",
        signer=Signer(name="", position=""),
        attachment=Table(title="", columns=COVER_COLUMNS, rows=tuple(cover_rows)),
        title=f"แบบ สขร.1 {title} {agency}",
        author=agency,
        created=created,
        filename=f"สขร.1 {title}.pdf",
        public_url=public_url,
        parts=tuple(parts),
    )
