"""The drafting rules of announcements: what a draft must name for its kind (parse_draft), that it
fits what it is about (a plan, a procurement, a fiscal year with its quarter or month), and which
published announcement a correction may cite. :mod:`prakat.announcements.service` applies them."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import msgspec

from prakat import clock
from prakat.announcements import monthly, no_plan
from prakat.announcements.schemas import AnnouncementDraft
from prakat.annual import service as annual
from prakat.audit import Actor
from prakat.db import tables as t
from prakat.errors import Conflict, InvalidInput, NotFound
from prakat.plans import service as plans
from prakat.procurements.results import has_records
from prakat.rules import PLAN_KINDS, PROCUREMENT_KINDS, YEAR_KINDS, AnnouncementKind
from prakat.schools.service import ensure_fiscal_year
from prakat.thai import fiscal_quarter_bounds, format_date_full
from prakat.validation import Fields, label
from prakat.workflow import AnnouncementStatus

S = AnnouncementStatus
K = AnnouncementKind


def parse_draft(raw: Mapping[str, Any]) -> AnnouncementDraft:
    f = Fields(raw)
    values = f.struct(AnnouncementDraft)
    kind, body = values["kind"], values["body"]
    year_label, quarter_label = label(AnnouncementDraft, "year_be"), label(AnnouncementDraft, "quarter")
    if kind in YEAR_KINDS and values["year_be"] is None and "year_be" not in f.errors:
        f.fail("year_be", year_label, "กรุณาเลือกปีงบประมาณ")
    if kind is K.QUARTERLY_WINNERS and values["quarter"] is None and "quarter" not in f.errors:
        f.fail("quarter", quarter_label, "กรุณาเลือกไตรมาส")
    if kind is K.MONTHLY_SUMMARY and values["month"] is None and "month" not in f.errors:
        f.fail("month", label(AnnouncementDraft, "month"), "กรุณาเลือกเดือน")
    # A plan revision finds the announcement it replaces by itself; other corrections name theirs
    # and say why.
    if kind is not None and kind.info.is_correction and kind is not K.PLAN_REVISION:
        if values["supersedes_id"] is None:
            supersedes = label(AnnouncementDraft, "supersedes_id")
            f.fail("supersedes_id", supersedes, "กรุณาเลือกประกาศที่ต้องการแก้ไขหรือยกเลิก")
        if not body:
            f.fail("body", label(AnnouncementDraft, "body"), "กรุณาระบุเหตุผลของการแก้ไขหรือยกเลิก")
    f.check()
    if kind not in YEAR_KINDS:
        values["year_be"] = None
    if kind is not K.QUARTERLY_WINNERS:
        values["quarter"] = None
    if kind is not K.MONTHLY_SUMMARY:
        values["month"] = None
    return AnnouncementDraft(**values)


async def target(actor: Actor, data: AnnouncementDraft) -> tuple[int, AnnouncementKind]:
    """Check the kind fits what it is about; returns the fiscal year id."""
    kind = AnnouncementKind(data.kind)
    if kind in PLAN_KINDS:
        if data.plan_id is None or data.procurement_id is not None:
            raise InvalidInput({"plan_id": "แผน: ประกาศประเภทนี้ต้องเลือกแผนการจัดซื้อจัดจ้าง"})
        plan = await plans.get_plan(actor.school_id, data.plan_id)
        expected = K.PLAN if plan.revision == 0 else K.PLAN_REVISION
        if kind is not expected:
            raise InvalidInput({"kind": f"ประเภทประกาศ: แผนฉบับนี้ต้องใช้ประกาศ{expected.label}"})
        return plan.fiscal_year_id, kind
    if kind in PROCUREMENT_KINDS:
        if data.procurement_id is None or data.plan_id is not None:
            raise InvalidInput({"procurement_id": "โครงการ: ประกาศประเภทนี้ต้องเลือกโครงการจัดซื้อจัดจ้าง"})
        row = (
            await t.Procurement.select(t.Procurement.fiscal_year)
            .where((t.Procurement.id == data.procurement_id) & (t.Procurement.school == actor.school_id))
            .first()
        )
        if row is None:
            raise NotFound("โครงการจัดซื้อจัดจ้าง")
        return int(row["fiscal_year"]), kind
    if kind in YEAR_KINDS:
        if data.year_be is None or data.procurement_id is not None or data.plan_id is not None:
            raise InvalidInput({"year_be": "ปีงบประมาณ: ประกาศประเภทนี้ต้องเลือกปีงบประมาณ"})
        if kind is K.MONTHLY_SUMMARY:
            if data.month is None:
                raise InvalidInput({"month": "เดือน: สรุปผลรายเดือนต้องเลือกเดือน"})
            monthly.check_ended(data.year_be, data.month, clock.today_bangkok())
        year = await ensure_fiscal_year(actor, data.year_be)
        if kind is K.QUARTERLY_WINNERS:
            assert data.quarter is not None
            await check_quarter_open(actor, year.id, data.quarter)
        elif kind is K.ANNUAL_REPORT:
            annual.check_year_ended(data.year_be)
        elif kind is K.MONTHLY_SUMMARY:
            pass
        else:
            await no_plan.check_allowed(actor.school_id, year.id, data.year_be)
        if kind in (K.MONTHLY_SUMMARY, K.ANNUAL_REPORT):
            await check_has_records(actor.school_id, data.year_be, kind)
        return year.id, kind
    raise InvalidInput({"kind": f"ประเภทประกาศ: ยังไม่รองรับการจัดทำ{kind.label}ในระบบ"})


async def check_has_records(school_id: int, year_be: int, kind: AnnouncementKind) -> None:
    """A summary or a report of a year the school has kept no record of here would certify that
    nothing was bought: refused, saying what to enter first."""
    if not await has_records(school_id, year_be):
        raise InvalidInput(
            {
                "year_be": f"ปีงบประมาณ: ยังไม่มีข้อมูลการจัดซื้อจัดจ้างของปีงบประมาณ พ.ศ. {year_be} ในระบบ "
                f"(ไม่มีแผนและไม่มีโครงการ) จึงยังจัดทำ{kind.label} ไม่ได้ เพราะเอกสารจะระบุว่า"
                "ไม่มีการจัดซื้อจัดจ้าง บันทึกแผนหรือโครงการจัดซื้อจัดจ้างของปีนั้นก่อน"
            }
        )


async def check_quarter_open(actor: Actor, fiscal_year_id: int, quarter: int) -> None:
    """One quarterly announcement per quarter: a second would list the same purchases twice."""
    if await t.Announcement.exists().where(
        (t.Announcement.school == actor.school_id)
        & (t.Announcement.fiscal_year == fiscal_year_id)
        & (t.Announcement.kind == K.QUARTERLY_WINNERS.value)
        & (t.Announcement.quarter == quarter)
        & (t.Announcement.status == S.PUBLISHED)
    ):
        raise Conflict(f"ประกาศผลผู้ชนะของไตรมาสที่ {quarter} ปีงบประมาณนี้เผยแพร่แล้ว")


def check_quarter_ended(year_be: int, quarter: int) -> None:
    """Submitting freezes the list; before the quarter ends it would miss the rest of its purchases."""
    last = fiscal_quarter_bounds(year_be, quarter)[1]
    if clock.today_bangkok() <= last:
        raise InvalidInput(
            {
                "quarter": f"ไตรมาส: ไตรมาสที่ {quarter} สิ้นสุดวันที่ {format_date_full(last, thai_digits=False)} "
                "ส่งขออนุมัติได้หลังวันนั้น"
            }
        )


async def check_supersedes(actor: Actor, kind: AnnouncementKind, data: AnnouncementDraft) -> None:
    if data.supersedes_id is None:
        if kind.info.is_correction:
            raise InvalidInput({"supersedes_id": "ประกาศที่แก้ไขหรือยกเลิก: กรุณาเลือกประกาศ"})
        return
    old = (
        await t.Announcement.select()
        .where((t.Announcement.id == data.supersedes_id) & (t.Announcement.school == actor.school_id))
        .first()
    )
    message = None
    if old is None or old["status"] != S.PUBLISHED:
        message = "ต้องเป็นประกาศที่เผยแพร่แล้ว"
    elif AnnouncementKind(old["kind"]) not in kind.info.supersedes:
        message = f"{kind.label} ใช้แก้ไขหรือยกเลิก{AnnouncementKind(old['kind']).label} ไม่ได้"
    elif kind is K.PLAN_REVISION:
        if old["fiscal_year"] != await _plan_fiscal_year(data.plan_id):
            message = "ต้องเป็นประกาศแผนของปีงบประมาณเดียวกัน"
    elif old["procurement"] != data.procurement_id or old["plan"] != data.plan_id:
        message = "ต้องเป็นประกาศของโครงการหรือแผนเดียวกัน"
    if message:
        raise InvalidInput({"supersedes_id": f"ประกาศที่แก้ไขหรือยกเลิก: {message}"})


async def _plan_fiscal_year(plan_id: int | None) -> int | None:
    row = await t.Plan.select(t.Plan.fiscal_year).where(t.Plan.id == plan_id).first()
    return None if row is None else int(row["fiscal_year"])


async def latest_plan_announcement(actor: Actor, fiscal_year_id: int) -> int:
    row = (
        await t.Announcement.select(t.Announcement.id)
        .where(
            (t.Announcement.school == actor.school_id)
            & (t.Announcement.fiscal_year == fiscal_year_id)
            & (t.Announcement.status == S.PUBLISHED)
            & t.Announcement.kind.is_in(sorted(PLAN_KINDS))
        )
        .order_by(t.Announcement.sequence, ascending=False)
        .first()
    )
    if row is None:
        raise InvalidInput({"kind": "ประเภทประกาศ: ต้องเผยแพร่แผนฉบับก่อนหน้าก่อน จึงจะประกาศแผนฉบับปรับปรุงได้"})
    return int(row["id"])


async def newest_published(
    school_id: int, fiscal_year_id: int, kind: AnnouncementKind, month: int | None
) -> int | None:
    """The id of the announcement of this revising kind and period (the fiscal year, and the month
    of a monthly summary) published last: the one a new revision replaces, if any."""
    row = (
        await t.Announcement.select(t.Announcement.id)
        .where(
            (t.Announcement.school == school_id)
            & (t.Announcement.fiscal_year == fiscal_year_id)
            & (t.Announcement.kind == kind.value)
            & (t.Announcement.month == month)
            & (t.Announcement.status == S.PUBLISHED)
        )
        .order_by(t.Announcement.sequence, ascending=False)
        .first()
    )
    return None if row is None else int(row["id"])


async def revision_of(
    school_id: int, fiscal_year_id: int, kind: AnnouncementKind, data: AnnouncementDraft
) -> AnnouncementDraft:
    """A revising kind (``AnnouncementKindInfo.revises``: the monthly summary, the annual report) cites
    the one of its period published last, found here; one it names must be that one."""
    newest = await newest_published(school_id, fiscal_year_id, kind, data.month)
    if data.supersedes_id is None:
        return data if newest is None else msgspec.structs.replace(data, supersedes_id=newest)
    if newest != data.supersedes_id:
        period = "เดือนเดียวกัน" if kind is K.MONTHLY_SUMMARY else "ปีงบประมาณเดียวกัน"
        raise InvalidInput(
            {"supersedes_id": f"ประกาศที่แก้ไขหรือยกเลิก: ต้องเป็น{kind.label} ของ{period}ที่เผยแพร่ล่าสุด"}
        )
    return data
