"""Short confirmations shown after a redirect (?ok=code): stateless, so no flash storage is needed."""

from __future__ import annotations

OK = {
    "signed_in": "เข้าสู่ระบบแล้ว",
    "saved": "บันทึกแล้ว",
    "deleted": "ลบแล้ว",
    "imported": "นำเข้ารายการแล้ว",
    "submitted": "ส่งขออนุมัติแล้ว",
    "reviewed": "ตรวจสอบแล้ว ส่งต่อผู้อำนวยการ",
    "approved": "อนุมัติและเผยแพร่แล้ว",
    "returned": "ส่งกลับให้แก้ไขแล้ว",
    "drafted": "จัดทำร่างประกาศแล้ว ตรวจดูแล้วกดส่งขออนุมัติ",
    "token": "สร้างโทเคนแล้ว",
    "revoked": "ยกเลิกโทเคนแล้ว",
    "password": "เปลี่ยนรหัสผ่านแล้ว",
}


def ok_message(code: str | None) -> str | None:
    return OK.get(code or "")
