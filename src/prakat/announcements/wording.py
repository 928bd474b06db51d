"""The words of an announcement, built from its snapshot: the preview the director approves and,
later, the official PDF say the same thing because they both come from here.

Digits stay Arabic; whoever renders for people (pages, PDF) decides on Thai digits.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from prakat.announcements import terms
from prakat.announcements.subjects import work_title
from prakat.announcements.terms import money
from prakat.annual.service import stats_of
from prakat.rules import AnnouncementKind, BudgetSource, Method, business_types_label, format_limit
from prakat.thai import format_baht, format_date_full, format_month_year

VAT_CLAUSE = "รวมภาษีมูลค่าเพิ่มและภาษีอื่น ค่าขนส่ง ค่าจดทะเบียน และค่าใช้จ่ายอื่น ๆ ทั้งปวง"


def cited(a: dict[str, Any], school: str) -> str:
    """ "ประกาศโรงเรียน… ที่ 3/2569 เรื่อง ประกวดราคา… ลงวันที่ 8 ตุลาคม พ.ศ. 2568": an earlier announcement
    as its reader finds it, by the number printed under its heading, its subject and its date."""
    day = format_date_full(date.fromisoformat(a["announced_on"]), thai_digits=False)
    number = f" ที่ {a['number']}" if a.get("number") else ""
    return f"ประกาศ{school}{number} เรื่อง {a['subject']} ลงวันที่ {day}"


def winner_name(award: dict[str, Any]) -> str:
    """The winner as e-GP prints it: its name, then its business types in parentheses."""
    types = business_types_label(award.get("vendor_business_types") or ())
    return f"{award['vendor_name']} ({types})" if types else str(award["vendor_name"])


_CHANGED_FIELD = {
    "name": "ชื่อโครงการ",
    "budget": "งบประมาณ",
    "budget_source": "แหล่งเงิน",
    "planned_method": "วิธีจัดซื้อจัดจ้าง",
    "expected_month": "เดือนที่คาดว่าจะประกาศ",
}


def _plan_value(field: str, value: str) -> str:
    if field == "budget":
        return f"{format_baht(Decimal(value))} บาท"
    if field == "expected_month":
        month = date.fromisoformat(value)
        return format_month_year(month.year, month.month, thai_digits=False)
    enum: Any = {"budget_source": BudgetSource, "planned_method": Method}.get(field)
    if enum is None:
        return value
    try:
        member = enum(value)
    except ValueError:
        return value
    return str(member.info.thai_short_name if enum is Method else member.label)


def _items(items: list[dict[str, Any]]) -> str:
    return " ".join(
        f"({n}) {i['name']} {format_baht(Decimal(i['budget']))} บาท" for n, i in enumerate(items, 1)
    )


def plan_changes(changes: dict[str, list[dict[str, Any]]]) -> list[str]:
    """What a revision changed, one paragraph per kind of change, numbered as a list in a ประกาศ is."""
    said = []
    if changes["added"]:
        said.append(f"เพิ่ม {len(changes['added'])} รายการ ได้แก่ {_items(changes['added'])}")
    if changes["removed"]:
        said.append(f"ยกเลิก {len(changes['removed'])} รายการ ได้แก่ {_items(changes['removed'])}")
    if changes["changed"]:
        edits = " ".join(
            f"({n}) {c['name']} "
            + " และ".join(
                f"{_CHANGED_FIELD[f['field']]}จาก {_plan_value(f['field'], f['before'])} "
                f"เป็น {_plan_value(f['field'], f['after'])}"
                for f in c["fields"]
            )
            for n, c in enumerate(changes["changed"], 1)
        )
        said.append(f"แก้ไข {len(changes['changed'])} รายการ ได้แก่ {edits}")
    if not said:
        return ["โดยไม่มีการเพิ่ม ยกเลิก หรือแก้ไขรายการใดจากแผนฉบับดังกล่าว"]
    return ["โดยมีการเปลี่ยนแปลงจากแผนฉบับดังกล่าว ดังนี้", *(f"{n}. {text}" for n, text in enumerate(said, 1))]


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
    cited_plan = snapshot.get("supersedes")
    if plan is not None and cited_plan and "plan_changes" in snapshot:
        # A revision cites the plan announcement it revises and says what changed against it.
        what, *listed = plan_changes(snapshot["plan_changes"])
        text = [
            f"ตาม{cited(cited_plan, school)} นั้น",
            f"บัดนี้ {school} ได้ปรับปรุงแผนการจัดซื้อจัดจ้าง ประจำปีงบประมาณ พ.ศ. {plan['year_be']} {what}",
            *listed,
            f"จึงขอประกาศเผยแพร่แผนการจัดซื้อจัดจ้าง ประจำปีงบประมาณ พ.ศ. {plan['year_be']}"
            f" (ฉบับปรับปรุง ครั้งที่ {plan['revision']}) จำนวน {len(plan['items'])} รายการ"
            " ดังรายละเอียดแนบท้ายประกาศนี้",
        ]
        return text + ([body] if body else [])
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
        basis = (
            [
                f"ตาม{quarter['clause']} การจัดซื้อจัดจ้างตามหลักเกณฑ์ดังกล่าวให้ประกาศผลผู้ชนะการจัดซื้อจัดจ้าง"
                "หรือผู้ได้รับการคัดเลือก และสาระสำคัญของสัญญาหรือข้อตกลงเป็นหนังสือ เป็นรายไตรมาส นั้น"
            ]
            if quarter.get("clause")
            else []
        )
        if quarter["items"]:
            text = [
                *basis,
                f"{school} จึงขอประกาศผลผู้ชนะการจัดซื้อจัดจ้างหรือผู้ได้รับการคัดเลือก และสาระสำคัญของสัญญาหรือข้อตกลง"
                f"เป็นหนังสือ ประจำไตรมาสที่ {quarter['quarter']} ปีงบประมาณ พ.ศ. {quarter['year_be']} {span} "
                f"จำนวน {len(quarter['items'])} รายการ รวมเป็นเงินทั้งสิ้น {money(quarter['total'])} "
                "ตามรายละเอียดแนบท้ายประกาศนี้",
            ]
        else:
            text = [
                *basis,
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
        clause = no_plan["clause"]
        rule = f" ตาม{no_plan['rule']}" if no_plan.get("rule") else ""
        text = [
            "ตามพระราชบัญญัติการจัดซื้อจัดจ้างและการบริหารพัสดุภาครัฐ พ.ศ. 2560 มาตรา 11 กำหนดให้หน่วยงานของรัฐ"
            "จัดทำแผนการจัดซื้อจัดจ้างประจำปีและประกาศเผยแพร่ในระบบเครือข่ายสารสนเทศของกรมบัญชีกลาง"
            f"และของหน่วยงานของรัฐ เว้นแต่การจัดซื้อจัดจ้างตาม{clause} ซึ่งมีวงเงินครั้งหนึ่งไม่เกิน {limit} บาท{rule} นั้น",
            f"ในปีงบประมาณ พ.ศ. {no_plan['year_be']} {school} ไม่มีการจัดซื้อจัดจ้างที่มีวงเงินเกิน {limit} บาท "
            f"การจัดซื้อจัดจ้างทั้งหมดเป็นไปตาม{clause} จึงไม่มีการจัดทำแผนการจัดซื้อจัดจ้าง "
            "และขอประกาศให้ทราบโดยทั่วกัน",
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
            f"ตาม{cited(invitation, school)} นั้น"
            if invitation
            else f"ตามที่ {school} ได้มีโครงการ {work} {phrase} นั้น",
            f"{work} ผู้ได้รับการคัดเลือก ได้แก่ {winner_name(award)} โดยเสนอราคา เป็นเงินทั้งสิ้น "
            f"{money(award['agreed_price'])} {VAT_CLAUSE if award['vat_included'] else 'ไม่รวมภาษีมูลค่าเพิ่ม'}",
        ]
    elif k is AnnouncementKind.REFERENCE_PRICE:
        text = terms.reference_price(school, work, phrase, p, snapshot.get("price_form") or terms.OLD_FORM)
    elif k in (AnnouncementKind.INVITATION, AnnouncementKind.INVITATION_CHANGE):
        text = terms.invitation(school, work, phrase, p)
    elif k is AnnouncementKind.TOR_HEARING:
        text = terms.tor_hearing(school, work, phrase, p)
    else:
        text = [f"ตามที่ {school} ได้มีโครงการ {work} {phrase} นั้น"]
    earlier = snapshot.get("supersedes")
    if earlier and k.info.is_correction:
        # A correction cites what it corrects (number, subject, date), gives the reason, then says
        # under which clause it acts and what it does; a change restates the corrected content.
        intro = f"ตาม{cited(earlier, school)} นั้น"
        reason = [body] if body else []
        authority = f"อาศัยอำนาจตาม{snapshot['legal_basis']} " if snapshot.get("legal_basis") else ""
        if k.info.cancels:
            return [intro, *reason, f"{authority}จึงขอยกเลิกประกาศดังกล่าว"]
        then = f"{authority}จึงขอแก้ไขประกาศดังกล่าว" + (" ดังนี้" if text[1:] else "")
        return [intro, *reason, then, *text[1:]]
    return text + ([body] if body else [])


def month_paragraphs(
    school: str, month: dict[str, Any], replaces: dict[str, Any] | None, body: str
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
    if replaces:
        text.append(f"ฉบับนี้แทน{cited(replaces, school)}")
    return text + ([body] if body else [])
