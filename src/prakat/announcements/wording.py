"""The words of an announcement, built from its snapshot: the preview the director approves and,
later, the official PDF say the same thing because they both come from here.

Digits stay Arabic; whoever renders for people (pages, PDF) decides on Thai digits.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from prakat.announcements.subjects import work_title
from prakat.annual.service import stats_of
from prakat.rules import AnnouncementKind, Method, format_limit
from prakat.thai import baht_text, format_baht, format_date_full

VAT_CLAUSE = "รวมภาษีมูลค่าเพิ่มและภาษีอื่น ค่าขนส่ง ค่าจดทะเบียน และค่าใช้จ่ายอื่น ๆ ทั้งปวง"


def money(amount: str | Decimal) -> str:
    value = Decimal(amount)
    return f"{format_baht(value)} บาท ({baht_text(value)})"


def _cited(a: dict[str, Any]) -> str:
    """ "ประกาศเชิญชวน เลขที่ 3/2569 ลงวันที่ 8 ตุลาคม พ.ศ. 2568": an earlier announcement, named."""
    day = format_date_full(date.fromisoformat(a["announced_on"]), thai_digits=False)
    return f"{AnnouncementKind(a['kind']).label} เลขที่ {a['number']} ลงวันที่ {day}"


def annual_paragraphs(school: str, report: dict[str, Any]) -> list[str]:
    """What the annual report says in one paragraph (the page's summary and the memo's)."""
    stats = stats_of(report)
    year, total = report["year_be"], stats.totals
    if not total.count:
        return [f"ในปีงบประมาณ พ.ศ. {year} {school} ไม่มีการจัดซื้อจัดจ้าง"]
    return [
        f"ในปีงบประมาณ พ.ศ. {year} {school} ดำเนินการจัดซื้อจัดจ้างแล้วเสร็จ จำนวน {total.count:,} รายการ "
        f"รวมเป็นเงินตามที่ตกลงซื้อหรือจ้างทั้งสิ้น {money(total.agreed_price)} จากวงเงินงบประมาณ "
        f"{format_baht(total.budget)} บาท ประหยัดงบประมาณได้ {format_baht(stats.savings.against_budget)} บาท "
        f"(ร้อยละ {stats.savings.against_budget_percent}) ตามรายละเอียดในรายงานนี้"
    ]


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
    quarter = snapshot.get("quarter")
    if quarter is not None:
        first, last = date.fromisoformat(quarter["first"]), date.fromisoformat(quarter["last"])
        span = (
            f"ตั้งแต่วันที่ {format_date_full(first, thai_digits=False)} "
            f"ถึงวันที่ {format_date_full(last, thai_digits=False)}"
        )
        if quarter["items"]:
            text = [
                f"{school} ขอประกาศผลผู้ชนะการจัดซื้อจัดจ้างหรือผู้ได้รับการคัดเลือก และสาระสำคัญของสัญญาหรือข้อตกลง"
                f"เป็นหนังสือ ประจำไตรมาสที่ {quarter['quarter']} ปีงบประมาณ พ.ศ. {quarter['year_be']} {span} "
                f"จำนวน {len(quarter['items'])} รายการ รวมเป็นเงินทั้งสิ้น {money(quarter['total'])} "
                "ตามรายละเอียดแนบท้ายประกาศนี้",
            ]
        else:
            text = [
                f"ในไตรมาสที่ {quarter['quarter']} ปีงบประมาณ พ.ศ. {quarter['year_be']} {span} {school} "
                "ไม่มีการจัดซื้อจัดจ้างที่ต้องประกาศผลในประกาศนี้",
            ]
        return text + ([body] if body else [])
    report = snapshot.get("annual")
    if report is not None:
        return annual_paragraphs(school, report) + ([body] if body else [])
    month = snapshot.get("month_summary")
    if month is not None:
        return month_paragraphs(school, month, snapshot.get("supersedes"), body)
    no_plan = snapshot.get("no_plan")
    if no_plan is not None:
        limit = format_limit(Decimal(no_plan["limit"]))
        text = [
            "ตามพระราชบัญญัติการจัดซื้อจัดจ้างและการบริหารพัสดุภาครัฐ พ.ศ. 2560 มาตรา 11 กำหนดให้หน่วยงานของรัฐ"
            "จัดทำแผนการจัดซื้อจัดจ้างประจำปีและประกาศเผยแพร่ เว้นแต่การจัดซื้อจัดจ้างที่มีวงเงินเล็กน้อย"
            f"ตามที่กำหนดในกฎกระทรวง ({no_plan['clause']}) นั้น",
            f"ในปีงบประมาณ พ.ศ. {no_plan['year_be']} {school} ไม่มีการจัดซื้อจัดจ้างที่มีวงเงินเกิน {limit} บาท "
            "จึงไม่มีการจัดทำแผนการจัดซื้อจัดจ้าง และขอประกาศให้ทราบโดยทั่วกัน",
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
        invitation = snapshot.get("invitation")
        text = [
            f"ตามที่ {school} ได้มี{_cited(invitation)} {work} {phrase} นั้น"
            if invitation
            else f"ตามที่ {school} ได้มีโครงการ {work} {phrase} นั้น",
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
    cited = snapshot.get("supersedes")
    if cited and k.info.is_correction:
        # A correction names what it corrects (number and date), gives the reason, then says what
        # it does; a change restates the corrected content after that.
        intro = f"ตามที่ {school} ได้{_cited(cited)} สำหรับโครงการ {work} {phrase} นั้น"
        reason = [body] if body else []
        if k.info.cancels:
            return [intro, *reason, "จึงขอยกเลิกประกาศดังกล่าว"]
        return [intro, *reason, "จึงขอแก้ไขประกาศดังกล่าว" + (" ดังนี้" if text[1:] else ""), *text[1:]]
    return text + ([body] if body else [])


def month_paragraphs(
    school: str, month: dict[str, Any], cited: dict[str, Any] | None, body: str
) -> list[str]:
    """What a monthly summary (แบบ สขร.1) says in words: how many purchases and how much, or that there
    was none; which date put them in the month; the summary it replaces."""
    first = date.fromisoformat(month["first"])
    span = f"เดือน{format_date_full(first, thai_digits=False).split(' ', 1)[1]}"
    totals = month["totals"]
    if totals["count"]:
        text = [
            f"{school} สรุปผลการดำเนินการจัดซื้อจัดจ้างในรอบ{span} จำนวน {totals['count']} รายการ "
            f"ราคาที่ตกลงซื้อหรือจ้างรวม {money(totals['agreed_price'])}"
        ]
    else:
        text = [f"ในรอบ{span} {school} ไม่มีการจัดซื้อจัดจ้าง"]
    text.append(f"หมายเหตุ: {month['rule']}")
    if cited:
        text.append(f"ฉบับนี้แทน{_cited(cited)}")
    return text + ([body] if body else [])
