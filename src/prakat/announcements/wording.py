"""The words of an announcement, built from its snapshot: the preview the director approves and,
later, the official PDF say the same thing because they both come from here.

Digits stay Arabic; whoever renders for people (pages, PDF) decides on Thai digits.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from prakat.announcements.subjects import work_title
from prakat.rules import AnnouncementKind, Method
from prakat.thai import baht_text, format_baht

VAT_CLAUSE = "รวมภาษีมูลค่าเพิ่มและภาษีอื่น ค่าขนส่ง ค่าจดทะเบียน และค่าใช้จ่ายอื่น ๆ ทั้งปวง"


def money(amount: str | Decimal) -> str:
    value = Decimal(amount)
    return f"{format_baht(value)} บาท ({baht_text(value)})"


def paragraphs(kind: str, subject: str, body: str, snapshot: dict[str, Any] | None) -> list[str]:
    """Body paragraphs of the announcement, in order."""
    if not snapshot:
        return []
    school = snapshot["school"]["name"]
    k = AnnouncementKind(kind)
    plan = snapshot.get("plan")
    if plan is not None:
        text = [
            "ตามพระราชบัญญัติการจัดซื้อจัดจ้างและการบริหารพัสดุภาครัฐ พ.ศ. 2560 มาตรา 11 กำหนดให้หน่วยงานของรัฐ"
            "จัดทำแผนการจัดซื้อจัดจ้างประจำปีและประกาศเผยแพร่ในระบบเครือข่ายสารสนเทศของกรมบัญชีกลาง"
            "และของหน่วยงานของรัฐ ตลอดจนปิดประกาศโดยเปิดเผย ณ สถานที่ปิดประกาศของหน่วยงานของรัฐ นั้น",
            f"{school} จึงขอประกาศเผยแพร่แผนการจัดซื้อจัดจ้าง ประจำปีงบประมาณ พ.ศ. {plan['year_be']}"
            + (f" (ฉบับปรับปรุง ครั้งที่ {plan['revision']})" if plan["revision"] else "")
            + f" จำนวน {len(plan['items'])} รายการ ตามรายละเอียดแนบท้ายประกาศนี้",
        ]
        return text + ([body] if body else [])
    p = snapshot["procurement"]
    work = work_title(p["kind"], p["subject"])
    phrase = Method(p["method"]).info.subject_phrase
    if k is AnnouncementKind.WINNER or k is AnnouncementKind.WINNER_CHANGE:
        award = p.get("award")
        if award is None:
            # A draft whose winner was removed again: say so rather than fail the preview.
            return [f"ตามที่ {school} ได้มีโครงการ {work} {phrase} นั้น", "(ยังไม่ได้บันทึกผู้ได้รับการคัดเลือก)"]
        text = [
            f"ตามที่ {school} ได้มีโครงการ {work} {phrase} นั้น",
            f"{work} ผู้ได้รับการคัดเลือก ได้แก่ {award['vendor_name']} โดยเสนอราคา เป็นเงินทั้งสิ้น "
            f"{money(award['agreed_price'])} {VAT_CLAUSE if award['vat_included'] else 'ไม่รวมภาษีมูลค่าเพิ่ม'}",
        ]
    elif k is AnnouncementKind.REFERENCE_PRICE:
        reference = p["reference_price"] or p["budget"]
        text = [
            f"{school} มีความประสงค์จะ{work} {phrase} วงเงินงบประมาณ {money(p['budget'])}",
            f"ราคากลาง (ราคาอ้างอิง) {money(reference)} ตามตารางแสดงวงเงินงบประมาณที่ได้รับจัดสรรและราคากลาง (บก.06)",
        ]
    elif k is AnnouncementKind.INVITATION:
        reference = p["reference_price"] or p["budget"]
        text = [
            f"{school} มีความประสงค์จะประกวดราคา{work} {phrase} ราคากลางของงานในการประกวดราคาครั้งนี้ "
            f"เป็นเงินทั้งสิ้น {money(reference)}",
            "ผู้สนใจสามารถดูรายละเอียดและยื่นข้อเสนอได้ทางระบบการจัดซื้อจัดจ้างภาครัฐด้วยอิเล็กทรอนิกส์ (e-GP)"
            + (f" เลขที่โครงการ {p['egp_project_number']}" if p.get("egp_project_number") else ""),
        ]
    else:
        text = [f"ตามที่ {school} ได้มีโครงการ {work} {phrase} นั้น"]
    return text + ([body] if body else [])
