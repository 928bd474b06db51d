"""Subjects (เรื่อง) of announcements, worded as e-GP and schools word them (domain.md §4)."""

from __future__ import annotations

from prakat.rules import AnnouncementKind, Method, ProcurementKind

# A subject that already starts with one of these has its verb ("จ้างซ่อมแซมหลังคา…" for a construction).
VERBS = ("ซื้อ", "จ้าง", "เช่า")


def work_title(kind: str, subject: str) -> str:
    """ "ซื้อกระดาษถ่ายเอกสาร": the kind's verb once, even when the teacher already typed a verb."""
    return subject if subject.startswith(VERBS) else f"{ProcurementKind(kind).label}{subject}"


def plan_subject(year_be: int, revision: int = 0) -> str:
    if revision:
        return f"เผยแพร่แผนการจัดซื้อจัดจ้าง ประจำปีงบประมาณ พ.ศ. {year_be} (ฉบับปรับปรุง ครั้งที่ {revision})"
    return f"เผยแพร่แผนการจัดซื้อจัดจ้าง ประจำปีงบประมาณ พ.ศ. {year_be}"


QUARTER_MONTHS = {1: "ตุลาคม - ธันวาคม", 2: "มกราคม - มีนาคม", 3: "เมษายน - มิถุนายน", 4: "กรกฎาคม - กันยายน"}


def quarterly_winners_subject(year_be: int, quarter: int) -> str:
    """The title e-GP and schools use for purchases announced a quarter at a time (domain.md §3)."""
    calendar_year = year_be - 1 if quarter == 1 else year_be
    return (
        "ประกาศผลผู้ชนะการจัดซื้อจัดจ้างหรือผู้ได้รับการคัดเลือก และสาระสำคัญของสัญญาหรือข้อตกลงเป็นหนังสือ "
        f"ประจำไตรมาสที่ {quarter} ปีงบประมาณ พ.ศ. {year_be} ({QUARTER_MONTHS[quarter]} {calendar_year})"
    )


def no_plan_subject(year_be: int) -> str:
    return f"ไม่มีการจัดทำแผนการจัดซื้อจัดจ้าง ประจำปีงบประมาณ พ.ศ. {year_be}"


def annual_report_subject(year_be: int) -> str:
    return f"รายงานผลการจัดซื้อจัดจ้างประจำปีงบประมาณ พ.ศ. {year_be}"


def reference_price_subject(kind: str, subject: str, method: str) -> str:
    return f"ประกาศราคากลาง{work_title(kind, subject)} {Method(method).info.subject_phrase}"


def invitation_subject(kind: str, subject: str, method: str) -> str:
    return f"ประกวดราคา{work_title(kind, subject)} {Method(method).info.subject_phrase}"


def winner_subject(kind: str, subject: str, method: str) -> str:
    return f"ประกาศผู้ชนะการเสนอราคา {work_title(kind, subject)} {Method(method).info.subject_phrase}"


def change_subject(kind: str, subject: str, method: str, what: str) -> str:
    return f"{what} {work_title(kind, subject)} {Method(method).info.subject_phrase}"


def for_procurement(announcement_kind: AnnouncementKind, kind: str, subject: str, method: str) -> str:
    """The subject of any procurement announcement, worded by its kind."""
    k = AnnouncementKind
    if announcement_kind is k.REFERENCE_PRICE:
        return reference_price_subject(kind, subject, method)
    if announcement_kind is k.INVITATION:
        return invitation_subject(kind, subject, method)
    if announcement_kind is k.WINNER:
        return winner_subject(kind, subject, method)
    prefixes = {
        k.TOR_HEARING: "ประกาศรับฟังคำวิจารณ์ร่างขอบเขตของงาน",
        k.INVITATION_CHANGE: "แก้ไขประกาศเชิญชวน",
        k.INVITATION_CANCEL: "ยกเลิกประกาศเชิญชวน",
        k.WINNER_CHANGE: "แก้ไขประกาศผู้ชนะการเสนอราคา",
        k.WINNER_CANCEL: "ยกเลิกประกาศผู้ชนะการเสนอราคา",
    }
    return change_subject(kind, subject, method, prefixes[announcement_kind])
