"""The words of the announcements that print what the officer typed for them (the invitation, the
draft hearing, the reference price), after the model e-GP documents (domain.md §4): part of
:mod:`prakat.announcements.wording`, kept apart because these kinds are built from the terms of
prakat.procurements.requirements rather than from the records alone.

Arabic digits, as in wording; a field still blank shows as "(ยังไม่ได้กรอก …)" in a preview
(submitting refuses it). Snapshots from before these fields existed have none of their keys: they
keep the words they were published with.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from prakat.announcements.snapshot import price_form
from prakat.procurements.requirements import HEARING_FIELDS, INVITATION_FIELDS, LABELS
from prakat.rules import BK06, ProcurementKind
from prakat.thai import baht_text, format_baht, format_date_full

EGP = "ระบบการจัดซื้อจัดจ้างภาครัฐด้วยอิเล็กทรอนิกส์ (e-GP)"
# The form of a reference price published before snapshots held theirs (all were บก.06 then).
OLD_FORM = price_form(BK06)


def money(amount: str | Decimal) -> str:
    value = Decimal(amount)
    return f"{format_baht(value)} บาท ({baht_text(value)})"


def _blank(p: dict[str, Any], names: tuple[str, ...]) -> str | None:
    """ "(ยังไม่ได้กรอก …)" naming the fields of ``names`` left blank, or None."""
    empty = [LABELS[n] for n in names if p.get(n) in (None, "")]
    return f"(ยังไม่ได้กรอก {', '.join(empty)})" if empty else None


def day(value: str, *, era: bool = False) -> str:
    """ "8 ตุลาคม 2569", as e-GP writes a day in the body."""
    return format_date_full(date.fromisoformat(value), thai_digits=False, with_era=era)


def hour(value: str) -> str:
    """ "09.00 น." from the stored "09:00"."""
    return value.replace(":", ".") + " น."


def items(text: str) -> list[str]:
    """The numbered items of a list typed one a line: "1. …", "2. …"."""
    return [f"{n}. {line}" for n, line in enumerate(text.splitlines(), start=1)]


def _egp_number(p: dict[str, Any]) -> str:
    return f" เลขที่โครงการ {p['egp_project_number']}" if p.get("egp_project_number") else ""


def invitation(school: str, work: str, phrase: str, p: dict[str, Any]) -> list[str]:
    reference = p["reference_price"] or p["budget"]
    of_work = "ของงานก่อสร้าง" if p["kind"] == ProcurementKind.CONSTRUCTION else "ของงาน"
    opening = (
        f"{school} มีความประสงค์จะประกวดราคา{work} {phrase} ราคากลาง{of_work}ในการประกวดราคาครั้งนี้ "
        f"เป็นเงินทั้งสิ้น {money(reference)}"
    )
    if not all(name in p for name in INVITATION_FIELDS):  # published before the terms existed
        return [opening, f"ผู้สนใจสามารถดูรายละเอียดและยื่นข้อเสนอได้ทาง{EGP}{_egp_number(p)}"]
    qualifications = _blank(p, ("bidder_qualifications",))
    window = _blank(p, ("bid_on", "bid_from", "bid_until"))
    period = _blank(p, ("documents_from", "documents_until"))
    return [
        opening,
        "ผู้ยื่นข้อเสนอจะต้องมีคุณสมบัติ ดังต่อไปนี้",
        *([qualifications] if qualifications else items(p["bidder_qualifications"])),
        window
        or (
            f"ผู้ยื่นข้อเสนอต้องยื่นข้อเสนอและเสนอราคาทาง{EGP} ในวันที่ {day(p['bid_on'])} "
            f"ระหว่างเวลา {hour(p['bid_from'])} ถึง {hour(p['bid_until'])}"
        ),
        period
        or (
            f"ผู้สนใจสามารถขอรับเอกสารประกวดราคาอิเล็กทรอนิกส์ โดยดาวน์โหลดเอกสารผ่านทาง{EGP}{_egp_number(p)} "
            f"ได้ตั้งแต่วันที่ {day(p['documents_from'])} ถึงวันที่ {day(p['documents_until'])}"
        ),
        _blank(p, ("inquiry",))
        or (
            "ผู้สนใจสามารถดูรายละเอียดได้ที่เว็บไซต์ www.gprocurement.go.th "
            f"หรือสอบถามรายละเอียดเพิ่มเติมได้ที่ {p['inquiry']}"
        ),
    ]


def tor_hearing(school: str, work: str, phrase: str, p: dict[str, Any]) -> list[str]:
    reference = p["reference_price"] or p["budget"]
    opening = (
        f"{school} มีความประสงค์จะประกวดราคา{work} {phrase} ราคากลาง {money(reference)} "
        "และได้จัดทำร่างขอบเขตของงาน (TOR) และร่างเอกสารประกวดราคาแล้ว จึงขอเผยแพร่เพื่อให้ผู้ประกอบการ"
        "และผู้สนใจเสนอแนะ วิจารณ์ หรือแสดงความคิดเห็น"
    )
    if not all(name in p for name in HEARING_FIELDS):
        return [opening]
    where = _blank(p, ("draft_location", "hearing_from", "hearing_until"))
    how = _blank(p, ("comment_channel", "hearing_until"))
    return [
        opening,
        where
        or (
            f"ผู้สนใจสามารถดูร่างเอกสารได้ที่ {p['draft_location']}{_egp_number(p)} "
            f"ตั้งแต่วันที่ {day(p['hearing_from'])} ถึงวันที่ {day(p['hearing_until'])}"
        ),
        how
        or (
            "ผู้ที่ประสงค์จะเสนอแนะ วิจารณ์ หรือมีความเห็นเกี่ยวกับร่างเอกสารดังกล่าว โปรดแจ้งเป็นลายลักษณ์อักษร"
            f"โดยเปิดเผยตัว ทาง{p['comment_channel']} ภายในวันที่ {day(p['hearing_until'])}"
        ),
    ]


def reference_price(
    school: str, work: str, phrase: str, p: dict[str, Any], form: dict[str, Any]
) -> list[str]:
    reference = p["reference_price"] or p["budget"]
    return [
        f"{school} มีความประสงค์จะ{work} {phrase} วงเงินงบประมาณ {money(p['budget'])}",
        f"{form['price_name']} {money(reference)} ตาม{form['title']} ({form['code']}) แนบท้ายประกาศนี้",
    ]
