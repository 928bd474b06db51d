"""The demo school's annual procurement report: the four parts it writes itself (as a small primary
school would word them) and when it publishes the report of its finished fiscal year."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Final

from prakat.annual.texts import Part
from prakat.thai import fiscal_year_bounds

# Days after the fiscal year ends: after the fourth quarter's winners announcement (the tenth day).
PUBLISHED_AFTER: Final = 20

TEXTS: Final[dict[Part, str]] = {
    Part.RISK: (
        "ความเสี่ยงที่พบในปีงบประมาณ พ.ศ. {year} ได้แก่ การกำหนดคุณลักษณะเฉพาะของครุภัณฑ์ที่อาจเอื้อต่อผู้ขายบางราย "
        "(ระดับปานกลาง) การจัดซื้อวัสดุรายการเดียวกันหลายครั้งในวงเงินเล็กน้อยซึ่งอาจเข้าข่ายการแบ่งซื้อ (ระดับปานกลาง) "
        "และการประกาศผลผู้ชนะล่าช้าในช่วงปิดภาคเรียน (ระดับต่ำ)\n"
        "มาตรการที่ใช้ คือ ให้คณะกรรมการกำหนดคุณลักษณะเฉพาะอ้างอิงราคาจากอย่างน้อยสามแหล่ง "
        "รวบรวมความต้องการวัสดุสำนักงานเป็นรายภาคเรียน และตรวจสอบรายการที่รอประกาศทุกสัปดาห์"
    ),
    Part.PROBLEMS: (
        "งบประมาณเงินอุดหนุนรายหัวงวดแรกได้รับจัดสรรล่าช้า ทำให้ต้องเลื่อนการจัดซื้อวัสดุการเรียนการสอนบางรายการ\n"
        "ผู้ประกอบการในพื้นที่มีน้อย บางรายการมีผู้เสนอราคาเพียงรายเดียว และเจ้าหน้าที่พัสดุเป็นครูที่มีภาระงานสอนเต็มเวลา"
    ),
    Part.SAVINGS: (
        "โรงเรียนสืบราคาจากท้องตลาดและจากร้านค้าอย่างน้อยสองแห่งก่อนจัดซื้อทุกครั้ง "
        "และรวมการจัดซื้อวัสดุที่ใช้ร่วมกันหลายกลุ่มสาระเป็นครั้งเดียว ทำให้ราคาที่ตกลงซื้อหรือจ้างต่ำกว่าวงเงินงบประมาณ "
        "ตามตัวเลขในส่วนที่ ๕ ของรายงานนี้ เงินที่เหลือนำไปใช้ตามแผนงานอื่นของโรงเรียน"
    ),
    Part.IMPROVEMENTS: (
        "จัดทำและประกาศแผนการจัดซื้อจัดจ้างภายในเดือนพฤศจิกายน เพื่อให้ดำเนินการได้ทันทีเมื่อได้รับจัดสรรงบประมาณ\n"
        "ส่งเจ้าหน้าที่พัสดุเข้ารับการอบรมระบบ e-GP และแต่งตั้งผู้ช่วยเจ้าหน้าที่พัสดุเพิ่มหนึ่งคน\n"
        "ประกาศผลผู้ชนะภายในสามวันหลังคัดเลือก และสรุปผลการจัดซื้อจัดจ้างรายเดือนภายในวันที่ ๑๐ ของเดือนถัดไป"
    ),
}


def texts_for(year_be: int) -> dict[Part, str]:
    return {part: text.format(year=year_be) for part, text in TEXTS.items()}


def published_on(year_be: int, today: date) -> date | None:
    """When the demo publishes the report of ``year_be``: ``PUBLISHED_AFTER`` days after the year ends,
    or today when that is still ahead; None while the year has not ended."""
    end = fiscal_year_bounds(year_be)[1]
    if today <= end:
        return None
    return min(end + timedelta(days=PUBLISHED_AFTER), today)
