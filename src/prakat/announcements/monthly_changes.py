"""Whether a monthly summary still shows what the records say.

A summary freezes its month's rows when it is submitted, and a published one never changes. The
records can move on: a purchase entered late (awarded in a month whose summary is out), a contract
number added, a winner cancelled or changed. Then the summary the school has published, or the one
the director is about to sign, no longer matches them, and the assessor who compares the month with
the announcements finds a hole. So the officer and the director are told which purchases differ,
naming them, and the officer prepares a correction (a new revision of the month, which cites the one
it replaces).

Compared as the form and its spreadsheets show a purchase (the nine columns of
:func:`prakat.announcements.monthly_form.row_cells`), purchase by purchase: what a reader of the
summary would see differ, nothing else (a status that moves on, an announcement published later).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import NamedTuple, Protocol, TypeVar

from prakat.announcements import monthly
from prakat.announcements.monthly_form import row_cells
from prakat.announcements.schemas import Announcement
from prakat.announcements.subjects import work_title
from prakat.db import tables as t
from prakat.procurements.results import results_of_year
from prakat.results import MonthKey, ResultRow
from prakat.workflow import IN_FLOW, PENDING, AnnouncementStatus

ADDED = "บันทึกเพิ่มหลังจัดทำสรุปผล"
CHANGED = "ข้อมูลเปลี่ยนหลังจัดทำสรุปผล"
GONE = "ไม่อยู่ในเดือนนี้แล้ว (ยกเลิกหรือเปลี่ยนวันที่)"


@dataclass(frozen=True)
class Change:
    what: str  # ADDED, CHANGED or GONE
    title: str  # "ซื้อกระดาษถ่ายเอกสาร …", as the form names the purchase

    @property
    def text(self) -> str:
        return f"{self.title}: {self.what}"


def changes(summary_rows: Sequence[ResultRow], current_rows: Iterable[ResultRow]) -> tuple[Change, ...]:
    """What differs between a summary's frozen rows and the month's rows now, in the form's order
    (the summary's purchases first, then those added)."""
    shown = {r.procurement_id: r for r in summary_rows}
    now = {r.procurement_id: r for r in current_rows}
    found = []
    for pid, r in shown.items():
        if pid not in now:
            found.append(Change(GONE, work_title(r.kind, r.subject)))
        elif row_cells(0, r)[1:] != row_cells(0, now[pid])[1:]:
            found.append(Change(CHANGED, work_title(r.kind, r.subject)))
    found += [Change(ADDED, work_title(r.kind, r.subject)) for pid, r in now.items() if pid not in shown]
    return tuple(found)


async def rows_by_month(school_id: int, year_be: int) -> Mapping[MonthKey, tuple[ResultRow, ...]]:
    """The fiscal year's result rows now, by the month the month rule puts them in."""
    out: dict[MonthKey, list[ResultRow]] = {}
    for r in (await results_of_year(school_id, year_be)).rows:
        if r.month_key is not None:
            out.setdefault(r.month_key, []).append(r)
    return {key: tuple(rows) for key, rows in out.items()}


def summary_changes(
    summary: Announcement, current: Mapping[MonthKey, tuple[ResultRow, ...]]
) -> tuple[Change, ...]:
    """How ``summary`` (a monthly summary with its snapshot) differs from ``current`` (from
    :func:`rows_by_month` of its fiscal year); nothing for anything else."""
    if summary.kind != monthly.MONTHLY.value or summary.snapshot is None or summary.month is None:
        return ()
    frozen = monthly.result_set(summary.snapshot)
    key = frozen.month_key
    assert key is not None
    return changes(frozen.rows, current.get(key, ()))


def note(published: bool) -> str:
    """What the officer and the director are told of a summary that differs from the records: a
    published one is corrected by a new revision; one awaiting approval is sent back and made again."""
    if published:
        return "สรุปผลที่เผยแพร่แล้วไม่ตรงกับข้อมูลปัจจุบัน ควรจัดทำฉบับแก้ไข"
    return "สรุปผลที่รออนุมัติไม่ตรงกับข้อมูลปัจจุบัน ควรส่งกลับเพื่อจัดทำใหม่"


class _Summary(Protocol):
    @property
    def status(self) -> str: ...


A = TypeVar("A", bound=_Summary)


def compared(published: A | None, in_flow: A | None) -> A | None:
    """Of a month's newest published summary and its summary in the flow (one at most), the one whose
    frozen rows the records should still match: the one awaiting approval; none while a draft (or a
    returned one) is being made, as it shows the records as they are; else the published one."""
    if in_flow is not None:
        return in_flow if in_flow.status in PENDING else None
    return published


class _Ref(NamedTuple):
    id: int
    status: str


async def changes_of(school_id: int, summary: Announcement) -> tuple[Change, ...]:
    """How a monthly summary differs from the records now, if it is the one of its month that they
    are compared with (:func:`compared`); nothing for any other (a draft, a published summary a later
    one has replaced or a correction in the flow is about to replace)."""
    if summary.kind != monthly.MONTHLY.value or summary.snapshot is None or summary.month is None:
        return ()
    found = [
        _Ref(r["id"], r["status"])
        for r in await t.Announcement.select(t.Announcement.id, t.Announcement.status)
        .where(
            (t.Announcement.school == school_id)
            & (t.Announcement.kind == summary.kind)
            & (t.Announcement.month == summary.month)
            & (t.Announcement.fiscal_year.year_be == summary.year_be)
            & t.Announcement.status.is_in([AnnouncementStatus.PUBLISHED, *IN_FLOW])
        )
        .order_by(t.Announcement.sequence, ascending=False)
    ]
    newest = next((r for r in found if r.status == AnnouncementStatus.PUBLISHED), None)
    chosen = compared(newest, next((r for r in found if r.status != AnnouncementStatus.PUBLISHED), None))
    if chosen is None or chosen.id != summary.id:
        return ()
    return summary_changes(summary, await rows_by_month(school_id, summary.year_be))
