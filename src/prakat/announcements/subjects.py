"""Subjects (เรื่อง) of announcements, worded as e-GP and schools word them (domain.md §4)."""

from __future__ import annotations

from prakat.rules import Method, ProcurementKind

# A subject that already starts with one of these has its verb ("จ้างซ่อมแซมหลังคา…" for a construction).
VERBS = ("ซื้อ", "จ้าง", "เช่า")


def work_title(kind: str, subject: str) -> str:
    """ "ซื้อกระดาษถ่ายเอกสาร": the kind's verb once, even when the teacher already typed a verb."""
    return subject if subject.startswith(VERBS) else f"{ProcurementKind(kind).label}{subject}"


def plan_subject(year_be: int, revision: int = 0) -> str:
    if revision:
        return f"เผยแพร่แผนการจัดซื้อจัดจ้าง ประจำปีงบประมาณ พ.ศ. {year_be} (ฉบับปรับปรุง ครั้งที่ {revision})"
    return f"เผยแพร่แผนการจัดซื้อจัดจ้าง ประจำปีงบประมาณ พ.ศ. {year_be}"


def reference_price_subject(kind: str, subject: str, method: str) -> str:
    return f"ประกาศราคากลาง{work_title(kind, subject)} {Method(method).info.subject_phrase}"


def invitation_subject(kind: str, subject: str, method: str) -> str:
    return f"ประกวดราคา{work_title(kind, subject)} {Method(method).info.subject_phrase}"


def winner_subject(kind: str, subject: str, method: str) -> str:
    return f"ประกาศผู้ชนะการเสนอราคา {work_title(kind, subject)} {Method(method).info.subject_phrase}"
