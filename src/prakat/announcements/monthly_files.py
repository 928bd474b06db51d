"""The monthly summaries of a fiscal year, month by month, and the files made from them: each published
summary's XLSX and CSV, and the bundles assessors open (a quarter, the first six months, the year)
as one PDF (a cover, then the months) and one XLSX (a sheet per month). Every file is made from
published snapshots only: a draft or a returned summary never reaches a file."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime
from enum import StrEnum
from types import MappingProxyType

from prakat import clock, urls
from prakat.announcements import monthly, monthly_changes, monthly_form, pdf
from prakat.announcements import service as announcements
from prakat.announcements.schemas import Announcement
from prakat.errors import NotFound
from prakat.results import MonthKey
from prakat.results.sheets import SheetOf, summary_csv, summary_xlsx
from prakat.schools.schemas import School
from prakat.thai import THAI_MONTHS_ABBR
from prakat.workflow import IN_FLOW, AnnouncementStatus

S = AnnouncementStatus


@dataclass(frozen=True)
class Bundle:
    name: str  # in the URL: q1 … q4, h1, year
    title: str  # "ไตรมาสที่ 1" (then "ปีงบประมาณ พ.ศ. 2569")
    months: tuple[int, ...]  # positions in the fiscal year, October = 1

    @property
    def calendar_months(self) -> frozenset[int]:
        """Its months as a summary's ``month`` holds them (1 = January)."""
        return frozenset((n + 8) % 12 + 1 for n in self.months)

    @property
    def quarter(self) -> bool:
        return len(self.months) == 3


BUNDLES: Mapping[str, Bundle] = MappingProxyType(
    {
        b.name: b
        for b in (
            Bundle("q1", "ไตรมาสที่ 1 (ตุลาคม - ธันวาคม)", (1, 2, 3)),
            Bundle("q2", "ไตรมาสที่ 2 (มกราคม - มีนาคม)", (4, 5, 6)),
            Bundle("q3", "ไตรมาสที่ 3 (เมษายน - มิถุนายน)", (7, 8, 9)),
            Bundle("q4", "ไตรมาสที่ 4 (กรกฎาคม - กันยายน)", (10, 11, 12)),
            Bundle("h1", "รอบ 6 เดือนแรก (ตุลาคม - มีนาคม)", (1, 2, 3, 4, 5, 6)),
            Bundle("year", "ทั้งปี (ตุลาคม - กันยายน)", tuple(range(1, 13))),
        )
    }
)


@dataclass(frozen=True)
class YearBundle:
    """A bundle of one fiscal year as the public pages offer it: its files exist once one of its months
    has a published summary (until then they answer 404, so the pages link none)."""

    bundle: Bundle
    published: int  # its months that have a published summary

    @property
    def available(self) -> bool:
        return self.published > 0


def year_bundles(published_months: Iterable[int], names: Iterable[str] = BUNDLES) -> tuple[YearBundle, ...]:
    """The bundles ``names`` (all, in order, by default) of a year whose published summaries are of
    the calendar months ``published_months``."""
    have = frozenset(published_months)
    return tuple(YearBundle(b, len(b.calendar_months & have)) for b in map(bundle_of, names))


class MonthState(StrEnum):
    NOT_ENDED = "not_ended"
    TO_PREPARE = "to_prepare"
    DRAFT = "draft"
    SUBMITTED = "submitted"
    PUBLISHED = "published"
    CORRECTION = "correction"  # published, and a new revision of it is in the flow

    @property
    def label(self) -> str:
        return MONTH_STATE_LABELS[self]


MONTH_STATE_LABELS: Mapping[str, str] = MappingProxyType(
    {
        MonthState.NOT_ENDED: "ยังไม่สิ้นเดือน",
        MonthState.TO_PREPARE: "รอจัดทำ",
        MonthState.DRAFT: "ฉบับร่าง",
        MonthState.SUBMITTED: "รออนุมัติ",
        MonthState.PUBLISHED: "เผยแพร่แล้ว",
        MonthState.CORRECTION: "เผยแพร่แล้ว มีฉบับแก้ไขที่ยังไม่เผยแพร่",
    }
)


@dataclass(frozen=True)
class Month:
    key: MonthKey
    state: MonthState
    published: Announcement | None  # the newest published summary of the month
    in_flow: Announcement | None  # a draft, returned or submitted summary of the month
    # Where the records no longer match the summary that froze the month's rows: the published one
    # (no correction under way) or the one awaiting approval (prakat.announcements.monthly_changes).
    changes: tuple[monthly_changes.Change, ...] = ()

    @property
    def changes_note(self) -> str:
        return monthly_changes.note(self.state == MonthState.PUBLISHED)


def sheet_name(key: MonthKey) -> str:
    return f"{THAI_MONTHS_ABBR[key.month - 1]} {(key.year + 543) % 100:02d}"


async def months_of_year(school_id: int, year_be: int, today: date, *, public: bool = False) -> list[Month]:
    """The twelve months of the fiscal year, October first, with their summaries; ``public`` leaves
    out everything unpublished (the public pages and files), and the comparison with the records
    (which only the workspace shows)."""
    statuses = (S.PUBLISHED,) if public else (S.PUBLISHED, *IN_FLOW)
    found = [
        a
        for a in await announcements.list_announcements(school_id, year_be=year_be, statuses=statuses)
        if a.kind == monthly.MONTHLY.value and a.month is not None
    ]  # newest first
    out = []
    for key in MonthKey.of_fiscal_year(year_be):
        mine = [a for a in found if a.month == key.month]
        published = next((a for a in mine if a.status == S.PUBLISHED), None)
        flowing = next((a for a in mine if a.status in IN_FLOW), None)
        if flowing is not None and published is not None:
            state = MonthState.CORRECTION
        elif flowing is not None:
            state = MonthState.DRAFT if flowing.status in (S.DRAFT, S.RETURNED) else MonthState.SUBMITTED
        elif published is not None:
            state = MonthState.PUBLISHED
        else:
            state = MonthState.TO_PREPARE if key.has_ended(today) else MonthState.NOT_ENDED
        out.append(Month(key=key, state=state, published=published, in_flow=flowing))
    if public:
        return out
    current = await monthly_changes.rows_by_month(school_id, year_be)
    return [
        replace(m, changes=monthly_changes.summary_changes(frozen, current))
        if (frozen := monthly_changes.compared(m.published, m.in_flow))
        else m
        for m in out
    ]


def published_summary(a: Announcement) -> Announcement:
    """Only a published monthly summary has files."""
    if a.kind != monthly.MONTHLY.value or a.status != S.PUBLISHED or a.snapshot is None:
        raise NotFound("ไฟล์สรุปผลการจัดซื้อจัดจ้างรายเดือน")
    return a


def sheet_of(a: Announcement) -> SheetOf:
    found = monthly.result_set(a.snapshot or {})
    key = found.month_key
    assert key is not None
    return SheetOf(
        name=sheet_name(key),
        title=a.subject,
        results=found,
        date_line=monthly_form.date_words(a.announced_on),
        number=a.number,
    )


def xlsx_of(a: Announcement) -> bytes:
    a = published_summary(a)
    return summary_xlsx([sheet_of(a)], created=a.published_at or clock.now())


def csv_of(a: Announcement) -> bytes:
    return summary_csv(monthly.result_set(published_summary(a).snapshot or {}))


def xlsx_filename(a: Announcement, ext: str) -> str:
    key = monthly.result_set(a.snapshot or {}).month_key
    assert key is not None
    return f"สขร.1 {key.label} เลขที่ {a.number.replace('/', '-')}.{ext}"


def bundle_of(name: str) -> Bundle:
    found = BUNDLES.get(name)
    if found is None:
        raise NotFound("ชุดสรุปผลการจัดซื้อจัดจ้างรายเดือน")
    return found


async def bundle_months(school_id: int, year_be: int, name: str, today: date) -> list[Month]:
    """The bundle's months, in the order of the fiscal year, as the public sees them ``today``; not
    found while none of them has a published summary."""
    bundle = bundle_of(name)
    months = await months_of_year(school_id, year_be, today, public=True)
    chosen = [months[i - 1] for i in bundle.months]
    if not any(m.published for m in chosen):
        raise NotFound(f"สรุปผลการจัดซื้อจัดจ้างรายเดือนที่เผยแพร่แล้วของ{bundle.title} ปีงบประมาณ พ.ศ. {year_be}")
    return chosen


async def bundle_summaries(school_id: int, year_be: int, name: str, today: date) -> list[Announcement]:
    """The published summaries of the bundle's months, in the order of the fiscal year."""
    return [m.published for m in await bundle_months(school_id, year_be, name, today) if m.published]


def bundle_title(name: str, year_be: int) -> str:
    return f"สรุปผลการดำเนินการจัดซื้อจัดจ้างรายเดือน {bundle_of(name).title} ปีงบประมาณ พ.ศ. {year_be}"


class _Cache:
    """Bundles by (school, year, bundle, kind of file, the ids of its summaries and, while a month is
    missing, the day): the same published summaries always make the same bytes, so a server keeps
    the last few it made."""

    def __init__(self, limit: int = 16) -> None:
        self.limit = limit
        self._items: OrderedDict[tuple[object, ...], bytes] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple[object, ...]) -> bytes | None:
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
            return found

    def put(self, key: tuple[object, ...], data: bytes) -> None:
        with self._lock:
            self._items[key] = data
            while len(self._items) > self.limit:
                self._items.popitem(last=False)


_cache = _Cache()


def _created(summaries: list[Announcement]) -> datetime:
    return max(a.published_at or clock.now() for a in summaries)


async def bundle_pdf(school: School, year_be: int, name: str, today: date, *, base_url: str) -> bytes:
    """The bundle's PDF, its pages footed with the year's public page under ``base_url`` (the
    serving app's, as an approval passes its own to the announcement it publishes)."""
    months = await bundle_months(school.id, year_be, name, today)
    cover = [monthly_form.CoverMonth(m.key, m.published, m.key.has_ended(today)) for m in months]
    summaries = [m.summary for m in cover if m.summary is not None]
    # A bundle with a month missing says how things stood the day it was made.
    as_of = today if len(summaries) < len(cover) else None
    key = (school.id, year_be, name, "pdf", tuple(a.id for a in summaries), as_of, base_url)
    data = _cache.get(key)
    if data is None:
        doc = monthly_form.bundle(
            bundle_title(name, year_be),
            cover,
            agency=school.name,
            created=_created(summaries),
            as_of=today,
            public_url=urls.MONTHLY.absolute(base_url, slug=school.slug, year=year_be),
        )
        data = await pdf.render_document(school, doc)
        _cache.put(key, data)
    return data


async def bundle_xlsx(school_id: int, year_be: int, name: str, today: date) -> bytes:
    summaries = await bundle_summaries(school_id, year_be, name, today)
    key = (school_id, year_be, name, "xlsx", tuple(a.id for a in summaries))
    data = _cache.get(key)
    if data is None:
        data = summary_xlsx([sheet_of(a) for a in summaries], created=_created(summaries))
        _cache.put(key, data)
    return data
