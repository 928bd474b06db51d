"""The four parts of the annual report a school writes itself (the model the health ministry's MOIT
report follows, domain.md §1): risk analysis, problems and obstacles, budget savings, improvements
for next year. One text per school, fiscal year and part; every write audited; last year's text is
offered as a start. Submitting the report copies them into its snapshot."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from prakat import audit, clock
from prakat.audit import Actor
from prakat.auth.checks import require
from prakat.auth.roles import Permission
from prakat.db import tables as t
from prakat.db.tx import write_transaction
from prakat.errors import InvalidInput
from prakat.schools.service import ensure_fiscal_year
from prakat.validation import checked_text

TEXT_LIMIT = 6000  # letters per part: about two pages


class Part(StrEnum):
    RISK = "risk"
    PROBLEMS = "problems"
    SAVINGS = "savings"
    IMPROVEMENTS = "improvements"


@dataclass(frozen=True)
class PartInfo:
    part: Part
    title: str  # the heading in the report
    hint: str  # what the part should say, shown beside the field


PARTS: tuple[PartInfo, ...] = (
    PartInfo(
        Part.RISK,
        "การวิเคราะห์ความเสี่ยงในการจัดซื้อจัดจ้าง",
        "ระบุความเสี่ยงที่พบหรืออาจเกิดในการจัดซื้อจัดจ้างของปีนี้ เช่น การกำหนดคุณลักษณะเฉพาะ "
        "การจัดซื้อจัดจ้างล่าช้า การแบ่งซื้อแบ่งจ้าง หรือผลประโยชน์ทับซ้อน พร้อมระดับความเสี่ยงและมาตรการป้องกัน",
    ),
    PartInfo(
        Part.PROBLEMS,
        "ปัญหา อุปสรรค และข้อจำกัด",
        "สรุปปัญหาที่เกิดขึ้นจริงในปีนี้ เช่น งบประมาณได้รับจัดสรรล่าช้า ผู้เสนอราคาน้อย "
        "บุคลากรด้านพัสดุไม่เพียงพอ หรือระบบ e-GP ขัดข้อง และผลกระทบต่อการดำเนินงาน",
    ),
    PartInfo(
        Part.SAVINGS,
        "ความสามารถในการประหยัดงบประมาณ",
        "อธิบายผลการประหยัดงบประมาณจากตัวเลขในรายงาน (วงเงินงบประมาณ ราคากลาง และราคาที่ตกลงซื้อหรือจ้าง) "
        "และวิธีที่ทำให้ประหยัดได้ เช่น การสืบราคาจากหลายแหล่ง การรวมรายการจัดซื้อ",
    ),
    PartInfo(
        Part.IMPROVEMENTS,
        "แนวทางการปรับปรุงการจัดซื้อจัดจ้างในปีงบประมาณถัดไป",
        "เสนอแนวทางแก้ไขปัญหาและลดความเสี่ยงข้างต้นในปีถัดไป เช่น จัดทำแผนให้เสร็จเร็วขึ้น "
        "อบรมเจ้าหน้าที่ ประกาศผลผู้ชนะให้ตรงเวลา ระบุผู้รับผิดชอบและกำหนดเวลา",
    ),
)
PART_INFO: Mapping[Part, PartInfo] = {p.part: p for p in PARTS}


async def _year_id(school_id: int, year_be: int) -> int | None:
    row = (
        await t.FiscalYear.select(t.FiscalYear.id)
        .where((t.FiscalYear.school == school_id) & (t.FiscalYear.year_be == year_be))
        .first()
    )
    return None if row is None else int(row["id"])


async def texts_of(school_id: int, year_be: int) -> dict[Part, str]:
    """The school's texts for ``year_be``, every part ("" where nothing is written)."""
    found = dict.fromkeys(Part, "")
    year_id = await _year_id(school_id, year_be)
    if year_id is None:
        return found
    rows = await t.AnnualReportText.select(t.AnnualReportText.part, t.AnnualReportText.text).where(
        (t.AnnualReportText.school == school_id) & (t.AnnualReportText.fiscal_year == year_id)
    )
    for r in rows:
        if r["part"] in found:
            found[Part(r["part"])] = r["text"]
    return found


def parse_texts(raw: Mapping[str, str]) -> dict[Part, str]:
    """The four texts from a form or a JSON body: cleaned, each within :data:`TEXT_LIMIT`; InvalidInput
    names every part at fault and keeps what was typed."""
    values: dict[Part, str] = {}
    errors: dict[str, str] = {}
    typed = {p.value: str(raw.get(p.value, "")) for p in Part}
    for info in PARTS:
        text = typed[info.part.value]
        try:
            text = checked_text(text, info.part.value, info.title).strip()
        except InvalidInput as problem:
            errors |= problem.errors
            continue
        if len(text) > TEXT_LIMIT:
            errors[info.part.value] = f"{info.title}: ยาวเกิน {TEXT_LIMIT:,} ตัวอักษร ({len(text):,})"
        values[info.part] = text
    if errors:
        raise InvalidInput(errors, typed)
    return values


async def save_texts(actor: Actor, year_be: int, values: Mapping[Part, str]) -> dict[Part, str]:
    """Writes the parts that changed, each audited, in one transaction."""
    require(actor, Permission.EDIT)
    async with write_transaction():
        year = await ensure_fiscal_year(actor, year_be)
        rows = await t.AnnualReportText.select().where(
            (t.AnnualReportText.school == actor.school_id) & (t.AnnualReportText.fiscal_year == year.id)
        )
        existing = {r["part"]: dict(r) for r in rows}
        now = clock.now()
        for part, text in values.items():
            before = existing.get(part.value)
            if before is None:
                if not text:
                    continue
                row = t.AnnualReportText(
                    school=actor.school_id,
                    fiscal_year=year.id,
                    part=part.value,
                    text=text,
                    updated_at=now,
                    updated_by=actor.user_id,
                )
                await row.save()
                await audit.record(actor, "create", "annual_report_text", row.id, after=audit.snapshot(row))
            elif before["text"] != text:
                changes = {"text": text, "updated_at": now, "updated_by": actor.user_id}
                await t.AnnualReportText.update(
                    {getattr(t.AnnualReportText, k): v for k, v in changes.items()}
                ).where(t.AnnualReportText.id == before["id"])
                await audit.record(
                    actor,
                    "update",
                    "annual_report_text",
                    before["id"],
                    before=audit.snapshot(before),
                    after=audit.snapshot({**before, **changes}),
                )
    return await texts_of(actor.school_id, year_be)


async def check_written(school_id: int, year_be: int) -> None:
    """Before a report is sent for approval: each of the four parts is written (a report whose
    risks, problems and improvements are "-" does not satisfy an assessor). InvalidInput names the
    parts still empty."""
    written = await texts_of(school_id, year_be)
    missing = [f"“{info.title}”" for info in PARTS if not written[info.part].strip()]
    if missing:
        raise InvalidInput(
            {
                "texts": "ส่วนที่โรงเรียนเขียน: ยังไม่ได้เขียน "
                + " ".join(missing)
                + f" ของปีงบประมาณ พ.ศ. {year_be} เขียนได้ที่หน้ารายงานผลการจัดซื้อจัดจ้างประจำปี แล้วจึงส่งขออนุมัติ"
            }
        )
