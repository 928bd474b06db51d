"""The annual report as an official document (prakat.documents.model), from its frozen snapshot: the
director's memo (บันทึกข้อความ) that acknowledges it and permits its publication, then the report:
the year in figures, each breakdown with its chart and table, the largest purchases, the plan carried
out, winners announced on time, and the four parts the school wrote. Thai digits throughout."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from prakat.annual import figures
from prakat.annual.service import stats_of
from prakat.annual.stats import AnnualStats, Group, percent
from prakat.annual.texts import PARTS
from prakat.documents.digits import thai
from prakat.documents.model import Column, Memo, OfficialDocument, Section, Signer, Table
from prakat.documents.tables import room
from prakat.thai import format_baht, format_date_full

TITLE = "รายงานผลการจัดซื้อจัดจ้างประจำปี"


def _baht(value: Decimal) -> str:
    return thai(format_baht(value))


def _count(n: int) -> str:
    return thai(f"{n:,}")


def _percent(part: Decimal, whole: Decimal) -> str:
    return thai(str(percent(part, whole)))


def group_table(title: str, heading: str, groups: Sequence[Group], total: Group | None) -> Table:
    """A breakdown: what, how many, the budget, the agreed amount and its share of the year's."""
    whole = total.agreed_price if total is not None else sum((g.agreed_price for g in groups), Decimal(0))
    rows = [
        (
            thai(g.label),
            _count(g.count),
            _baht(g.budget),
            _baht(g.agreed_price),
            _percent(g.agreed_price, whole),
        )
        for g in groups
    ]
    if total is not None:
        # The shares add up to a hundred, unless there was nothing to share.
        share = "๑๐๐.๐๐" if whole else "-"
        rows.append(("รวม", _count(total.count), _baht(total.budget), _baht(total.agreed_price), share))
    return Table(
        title=title,
        columns=(
            Column(title=heading, width="34%"),
            Column(title="จำนวน (รายการ)", width="12%", numeric=True),
            Column(title="วงเงินงบประมาณ (บาท)", width="20%", numeric=True),
            Column(title="ราคาที่ตกลงซื้อหรือจ้าง (บาท)", width="20%", numeric=True),
            Column(title="ร้อยละ", width="14%", numeric=True),
        ),
        rows=tuple(rows),
    )


def _total(stats: AnnualStats) -> Group:
    t = stats.totals
    return Group(
        key="total",
        label="รวม",
        count=t.count,
        budget=t.budget,
        reference_price=t.reference_price,
        agreed_price=t.agreed_price,
    )


def overview(stats: AnnualStats, school: str) -> Section:
    t, s = stats.totals, stats.savings
    rows = (
        ("จำนวนรายการที่จัดซื้อจัดจ้างแล้วเสร็จ", f"{_count(t.count)} รายการ"),
        ("วงเงินงบประมาณรวม", f"{_baht(t.budget)} บาท"),
        ("ราคากลางรวม (รายการที่มีราคากลาง)", f"{_baht(t.reference_price)} บาท"),
        ("ราคาที่ตกลงซื้อหรือจ้างรวม", f"{_baht(t.agreed_price)} บาท"),
        ("ประหยัดงบประมาณได้", f"{_baht(s.against_budget)} บาท (ร้อยละ {thai(str(s.against_budget_percent))})"),
    )
    year = thai(str(stats.year_be))
    text = (
        f"{school} ได้สรุปผลการจัดซื้อจัดจ้างประจำปีงบประมาณ พ.ศ. {year} "
        "(๑ ตุลาคม ถึง ๓๐ กันยายน) จากข้อมูลผลการจัดซื้อจัดจ้างรายเดือน (แบบ สขร.๑) ของทั้งปี "
        "เพื่อใช้วิเคราะห์และปรับปรุงการจัดซื้อจัดจ้างในปีถัดไป และเผยแพร่ต่อสาธารณะ"
    )
    return Section(
        heading="๑. สรุปผลการจัดซื้อจัดจ้างในภาพรวม",
        paragraphs=(text,),
        tables=(
            Table(
                title="",
                columns=(Column(title="รายการ", width="48%"), Column(title="ผล", width="52%", numeric=True)),
                rows=rows,
            ),
        ),
    )


def by_method(stats: AnnualStats) -> Section:
    return Section(
        heading="๒. ผลการจัดซื้อจัดจ้าง จำแนกตามวิธีการจัดซื้อจัดจ้าง",
        figures=(figures.by_method(stats),),
        tables=(group_table("", "วิธีการจัดซื้อจัดจ้าง", stats.by_method, _total(stats)),),
    )


def by_source_and_kind(stats: AnnualStats) -> Section:
    return Section(
        heading="๓. ผลการจัดซื้อจัดจ้าง จำแนกตามแหล่งที่มาของงบประมาณและประเภทการจัดซื้อจัดจ้าง",
        tables=(
            group_table("จำแนกตามแหล่งที่มาของงบประมาณ", "แหล่งที่มาของงบประมาณ", stats.by_source, _total(stats)),
            group_table("จำแนกตามประเภท (ซื้อ จ้าง เช่า)", "ประเภท", stats.by_kind, _total(stats)),
        ),
    )


def by_month(stats: AnnualStats) -> Section:
    return Section(
        heading="๔. ผลการจัดซื้อจัดจ้าง รายเดือนและรายไตรมาส",
        figures=(figures.by_month(stats),),
        tables=(
            group_table("รายเดือน", "เดือน", stats.by_month, _total(stats)),
            group_table("รายไตรมาส", "ไตรมาส", stats.by_quarter, _total(stats)),
        ),
        notes=(
            "เดือนของแต่ละรายการนับตามวันที่ของสัญญาหรือข้อตกลง (ใบสั่งซื้อ/ใบสั่งจ้าง) "
            "หากไม่มีสัญญาหรือข้อตกลงเป็นหนังสือ นับตามวันที่คัดเลือกผู้ชนะ เช่นเดียวกับแบบ สขร.๑",
        ),
    )


def savings(stats: AnnualStats) -> Section:
    s = stats.savings
    rows = (
        ("วงเงินงบประมาณ", _baht(s.budget)),
        ("ราคาที่ตกลงซื้อหรือจ้าง", _baht(s.agreed_price)),
        (
            "ประหยัดได้เมื่อเทียบกับวงเงินงบประมาณ",
            f"{_baht(s.against_budget)} (ร้อยละ {thai(str(s.against_budget_percent))})",
        ),
        (f"ราคากลาง ({_count(s.with_reference_count)} รายการที่มีราคากลาง)", _baht(s.reference_price)),
        ("ราคาที่ตกลงซื้อหรือจ้างของรายการที่มีราคากลาง", _baht(s.agreed_with_reference)),
        (
            "ประหยัดได้เมื่อเทียบกับราคากลาง",
            f"{_baht(s.against_reference)} (ร้อยละ {thai(str(s.against_reference_percent))})",
        ),
    )
    return Section(
        heading="๕. วงเงินงบประมาณ ราคากลาง และราคาที่ตกลงซื้อหรือจ้าง",
        figures=(figures.savings(stats),),
        tables=(
            Table(
                title="",
                columns=(
                    Column(title="รายการ", width="52%"),
                    Column(title="จำนวนเงิน (บาท)", width="48%", numeric=True),
                ),
                rows=rows,
            ),
        ),
    )


# The report's measure and its tables' type (_official.css: A4 portrait less margins of 3 and 2 cm;
# annual_report.css: 0.8125rem of the one conversion, 16 pt × 0.67), for the room of a name's cell.
MEASURE_CM = 21.0 - 3.0 - 2.0
TABLE_PT = 16 * 0.67 * 0.8125
LARGEST_COLUMNS = (
    Column(title="ลำดับ", width="7%"),
    Column(title="งานที่จัดซื้อหรือจัดจ้าง", width="34%"),
    Column(title="วิธี", width="17%"),
    Column(title="ผู้ได้รับการคัดเลือก", width="21%"),
    Column(title="ราคาที่ตกลง (บาท)", width="21%", numeric=True),
)


def largest(stats: AnnualStats) -> Section:
    rows = [
        (
            _count(n),
            thai(r.subject),
            thai(r.method_short_label),
            thai(r.winner_name or "-"),
            _baht(r.agreed_price or Decimal(0)),
        )
        for n, r in enumerate(stats.largest, start=1)
    ]
    if not rows:
        rows.append(("", "ไม่มีการจัดซื้อจัดจ้าง", "", "", ""))
    return Section(
        heading=f"๖. รายการที่มีมูลค่าสูงสุด {_count(len(stats.largest))} รายการ",
        tables=(
            Table(
                title="",
                columns=LARGEST_COLUMNS,
                rows=tuple(rows),
                names=tuple(sorted({thai(r.winner_name) for r in stats.largest if r.winner_name})),
                name_room=room(LARGEST_COLUMNS[3].width, MEASURE_CM, TABLE_PT),
            ),
        ),
    )


def plan_and_timeliness(stats: AnnualStats) -> Section:
    p, o = stats.plan, stats.on_time
    rows = (
        ("รายการในแผนการจัดซื้อจัดจ้าง (ฉบับล่าสุดที่เผยแพร่)", f"{_count(p.items)} รายการ"),
        (
            "รายการในแผนที่ดำเนินการแล้ว",
            f"{_count(p.items_carried_out)} รายการ (ร้อยละ {thai(str(p.items_percent))})",
        ),
        ("วงเงินตามแผนทั้งหมด", f"{_baht(p.planned_budget)} บาท"),
        (
            "วงเงินตามแผนของรายการที่ดำเนินการแล้ว",
            f"{_baht(p.carried_out_budget)} บาท (ร้อยละ {thai(str(p.budget_percent))})",
        ),
        ("ราคาที่ตกลงซื้อหรือจ้างของรายการตามแผน", f"{_baht(p.agreed_price)} บาท"),
        ("รายการที่ไม่ได้อยู่ในแผน (วงเงินเล็กน้อย)", f"{_count(p.outside_plan)} รายการ"),
        ("ผู้ชนะที่ประกาศภายในกำหนด", f"{_count(o.on_time)} จาก {_count(o.awarded)} รายการ"),
        ("ผู้ชนะที่ประกาศเกินกำหนด", f"{_count(o.late)} รายการ"),
        ("ผู้ชนะที่ยังไม่ได้ประกาศ", f"{_count(o.not_announced)} รายการ"),
    )
    return Section(
        heading="๗. การดำเนินการตามแผนและการประกาศผลผู้ชนะ",
        tables=(
            Table(
                title="",
                columns=(Column(title="รายการ", width="48%"), Column(title="ผล", width="52%", numeric=True)),
                rows=rows,
            ),
        ),
        notes=(f"กำหนดเวลาการประกาศผลผู้ชนะที่ใช้นับ: {thai(o.rule)}",) if o.rule else (),
    )


def written(texts: dict[str, str]) -> tuple[Section, ...]:
    sections = []
    for n, info in enumerate(PARTS, start=8):
        text = texts.get(info.part.value, "").strip()
        paragraphs = tuple(thai(p.strip()) for p in text.splitlines() if p.strip()) or ("-",)
        sections.append(Section(heading=f"{thai(str(n))}. {info.title}", paragraphs=paragraphs))
    return tuple(sections)


def sections(annual: dict[str, Any], school: str) -> tuple[Section, ...]:
    stats = stats_of(annual)
    return (
        overview(stats, school),
        by_method(stats),
        by_source_and_kind(stats),
        by_month(stats),
        savings(stats),
        largest(stats),
        plan_and_timeliness(stats),
        *written(annual.get("texts", {})),
    )


def _in_short(stats: AnnualStats) -> str:
    t, s = stats.totals, stats.savings
    if not t.count:
        return "ในปีงบประมาณนี้ไม่มีการจัดซื้อจัดจ้าง"
    return (
        f"โดยในปีงบประมาณนี้มีการจัดซื้อจัดจ้าง {_count(t.count)} รายการ รวมราคาที่ตกลงซื้อหรือจ้าง "
        f"{_baht(t.agreed_price)} บาท ประหยัดงบประมาณได้ {_baht(s.against_budget)} บาท "
        f"(ร้อยละ {thai(str(s.against_budget_percent))})"
    )


def replaces(cited: dict[str, Any] | None, year_be: int) -> str:
    """The citation of the report of the same year this one replaces (its number and date, as the
    published one shows them), or "" for the year's first report."""
    if not cited:
        return ""
    day = format_date_full(date.fromisoformat(cited["announced_on"]))
    return thai(
        f"รายงานฉบับนี้แทนรายงานผลการจัดซื้อจัดจ้างประจำปีงบประมาณ พ.ศ. {year_be} "
        f"เลขที่ {cited['number']} ลงวันที่ {day} ที่เผยแพร่ไว้ก่อนหน้า"
    )


def memo(
    annual: dict[str, Any],
    school: dict[str, Any],
    *,
    number: str,
    day: date,
    signer: Signer,
    cited: dict[str, Any] | None = None,
) -> Memo:
    year = thai(str(annual["year_be"]))
    replaced = replaces(cited, annual["year_be"])
    officer = annual.get("officer") or {}
    office = school["name"] + (f" {school['area_office']}" if school.get("area_office") else "")
    return Memo(
        office=thai(office),
        reference=thai(number) if number else "",
        date=thai(format_date_full(day)),
        subject=f"รายงานผลการจัดซื้อจัดจ้างประจำปีงบประมาณ พ.ศ. {year} และขออนุญาตเผยแพร่บนเว็บไซต์ของโรงเรียน",
        addressee=f"ผู้อำนวยการ{school['name']}",
        paragraphs=(
            f"ด้วยเจ้าหน้าที่พัสดุได้จัดทำรายงานผลการจัดซื้อจัดจ้างประจำปีงบประมาณ พ.ศ. {year} "
            "พร้อมการวิเคราะห์ความเสี่ยง ปัญหาอุปสรรค และแนวทางการปรับปรุง รายละเอียดตามรายงานที่แนบ "
            + _in_short(stats_of(annual)),
            *((replaced,) if replaced else ()),
            "จึงเรียนมาเพื่อโปรดทราบ และพิจารณาอนุญาตให้เผยแพร่รายงานดังกล่าวบนเว็บไซต์ของโรงเรียน",
        ),
        writer=Signer(name=officer.get("name", ""), position=officer.get("position", "") or "เจ้าหน้าที่พัสดุ"),
        decision=("ทราบ", "อนุญาตให้เผยแพร่บนเว็บไซต์ของโรงเรียน"),
        signer=signer,
        signed_on=thai(format_date_full(day)),
    )


def document(
    *,
    snapshot: dict[str, Any],
    subject: str,
    number: str,
    day: date,
    signer: Signer,
    agency: str,
    created: datetime | None,
    filename: str,
    public_url: str = "",
) -> OfficialDocument:
    annual, school = snapshot["annual"], snapshot["school"]
    year = thai(str(annual["year_be"]))
    return OfficialDocument(
        template="annual_report",
        label=TITLE,
        agency=agency,
        subject=thai(subject),
        paragraphs=(),
        date_line="",
        signer=signer,
        number=thai(number),
        memo=memo(annual, school, number=number, day=day, signer=signer, cited=snapshot.get("supersedes")),
        cover=(
            "รายงานผลการจัดซื้อจัดจ้าง",
            f"ประจำปีงบประมาณ พ.ศ. {year}",
            thai(agency),
            thai(school.get("area_office") or ""),
            *(("ฉบับปรับปรุง",) if snapshot.get("supersedes") else ()),
        ),
        sections=sections(annual, agency),
        title=subject,
        author=agency,
        created=created,
        filename=filename,
        public_url=public_url,
    )
