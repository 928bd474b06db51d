"""What the workspace dashboard warns about before an ITA deadline:
- a month whose summary is not published ``summary_grace_days`` days (a school setting, 15 by default)
  after it ends, for the current fiscal year and the one before (where the school has records);
- the annual report an item of the school's current criteria asks for, not yet published once that
  item's assessment window has opened (``opens_on``, item data);
- an assessment year (the current fiscal year's) without criteria yet: the admin adds it;
- a month whose published summary (or the one awaiting approval) no longer matches the records, in
  the same two fiscal years (prakat.announcements.monthly_changes): the assessor compares it with the
  announcements."""

from __future__ import annotations

from datetime import date, timedelta

from prakat.announcements import monthly_files
from prakat.errors import NotFound
from prakat.ita import check, criteria
from prakat.ita.evidence import Evidence
from prakat.schools.schemas import School
from prakat.schools.service import fiscal_years
from prakat.thai import fiscal_year_months, fiscal_year_of


def _month_end(year_ce: int, month: int) -> date:
    return date(year_ce + month // 12, month % 12 + 1, 1) - timedelta(days=1)


async def warnings(school: School, today: date) -> list[str]:
    current = fiscal_year_of(today)
    known = {fy.year_be for fy in await fiscal_years(school.id)} & {current - 1, current}
    late: list[str] = []
    try:
        variant = await criteria.variant_for(school.id, current, school.ita_variant)
    except NotFound:
        variant = None
        if current not in await criteria.years(school.id):
            # A new assessment year's criteria come out during the fiscal year: until the admin adds
            # them, this year's summaries count on no ITA page.
            late.append(
                f"ยังไม่มีเกณฑ์การประเมิน ITA ปี พ.ศ. {current} ในระบบ จึงยังตรวจความพร้อมของปีนี้ไม่ได้ "
                "ผู้ดูแลระบบเพิ่มได้ที่ “เกณฑ์ ITA” (คัดลอกจากปีก่อน แล้วแก้ให้ตรงกับคู่มือการประเมินของปีนั้น)"
            )
    reports = {
        (item, item.covers.fiscal_year(current))
        for item in (variant.items if variant else ())
        if Evidence.ANNUAL_REPORT in item.evidence and item.opens_on is not None and today >= item.opens_on
    }
    found = await check.published(school.id, known | {fy for _, fy in reports})
    grace = timedelta(days=school.summary_grace_days)
    for year_be in sorted(known):
        summarised = {a.month for a in found if a.kind == check.MONTHLY_KIND and a.year_be == year_be}
        for year_ce, month in fiscal_year_months(year_be):
            if month not in summarised and today > _month_end(year_ce, month) + grace:
                late.append(
                    f"ยังไม่ได้เผยแพร่สรุปผลการจัดซื้อจัดจ้างเดือน{check.month_label(year_ce, month)} "
                    f"(เกิน {school.summary_grace_days} วันหลังสิ้นเดือนแล้ว)"
                )
    for year_be in sorted(known):
        for m in await monthly_files.months_of_year(school.id, year_be, today):
            if m.changes:
                more = " และอื่น ๆ" if len(m.changes) > 1 else ""
                late.append(
                    f"เดือน{m.key.label}: {m.changes_note} "
                    f"({len(m.changes)} รายการ: {m.changes[0].text}{more})"
                )
    for item, year_be in sorted(reports, key=lambda pair: pair[0].position):
        if not any(a.kind == check.ANNUAL_KIND and a.year_be == year_be for a in found):
            assert item.opens_on is not None
            late.append(
                f"ยังไม่ได้เผยแพร่รายงานผลการจัดซื้อจัดจ้างประจำปีงบประมาณ พ.ศ. {year_be} "
                f"ซึ่งข้อ {item.code} ของเกณฑ์ ITA ปี พ.ศ. {current} ใช้ "
                f"(ช่วงการประเมินเริ่ม {item.opens_on.day}/{item.opens_on.month}/{item.opens_on.year + 543})"
            )
    return late
