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
    "user_created": "เพิ่มผู้ใช้แล้ว แจ้งชื่อผู้ใช้และรหัสผ่านเริ่มต้นให้เจ้าของบัญชี แล้วให้เปลี่ยนรหัสผ่านเองที่หน้าบัญชีของฉัน",
    "password_reset": "ตั้งรหัสผ่านใหม่แล้ว ผู้ใช้ถูกออกจากระบบทุกเครื่อง ต้องเข้าสู่ระบบใหม่ด้วยรหัสผ่านนี้",
    "user_deactivated": "ปิดการใช้งานบัญชีแล้ว ผู้ใช้ถูกออกจากระบบทุกเครื่อง",
    "school_saved": "บันทึกข้อมูลโรงเรียนแล้ว",
    "ita_renamed": "เปลี่ยนชื่อชุดเกณฑ์แล้ว",
    "ita_deleted": "ลบชุดเกณฑ์และข้อทั้งหมดของชุดนี้แล้ว",
}


def ok_message(code: str | None) -> str | None:
    return OK.get(code or "")
