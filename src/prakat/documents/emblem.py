"""What a document needs before it can be rendered, checked without WeasyPrint (the server checks
it before it asks the render worker): the school's emblem."""

from __future__ import annotations

from pathlib import Path

EMBLEM_TYPES = {".svg", ".png", ".jpg", ".jpeg"}


class DocumentError(Exception):
    """A document cannot be made; the message is Thai and says what is missing."""

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


def check_emblem(emblem: Path | None) -> None:
    if emblem is None:
        raise DocumentError("ยังไม่ได้กำหนดตราครุฑของโรงเรียน กรุณาให้ผู้ดูแลระบบกำหนดในข้อมูลโรงเรียน")
    if emblem.suffix.lower() not in EMBLEM_TYPES or not emblem.is_file():
        raise DocumentError(f"ไม่พบไฟล์ตราครุฑที่กำหนดไว้ ({emblem.name}) กรุณาให้ผู้ดูแลระบบตรวจสอบข้อมูลโรงเรียน")
