"""The ITA self-check: each item of the criteria a school is assessed under, checked against what the
school has published (never drafts), with the reasons in Thai and the evidence (the published
announcements and their files).

The rules of each evidence kind (prakat.ita.evidence), for the fiscal year the item covers:
- plan: a published plan announcement (or revision) or a published statement that no plan is required;
- announcements: at least one published procurement announcement (incl. quarterly winners);
- monthly summaries: each month of the item's window that has ended, once the school's grace days
  after its end are over, has a published summary (the newest revision is the evidence); a month
  still running, or within its grace days, is noted as not due;
- annual report: once the fiscal year has ended, its report is published.
An item fails with one reason per missing piece; it passes when nothing is missing and something is
there; with nothing due yet it is "not due".

An item on monthly summaries also lists the bundles that apply to it (:func:`bundles_for`), each
with its PDF and XLSX once one of its months is published.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from typing import Final

import msgspec

from prakat import urls
from prakat.announcements import monthly_files
from prakat.db import tables as t
from prakat.errors import NotFound
from prakat.ita import criteria
from prakat.ita.evidence import Covers, Evidence
from prakat.ita.schemas import BundleLink, EvidenceLink, FileLink, Item, ItemResult, Status, Variant
from prakat.rules import PLAN_KINDS, PROCUREMENT_KINDS, AnnouncementKind
from prakat.schools.schemas import School
from prakat.schools.service import fiscal_years, get_school, get_school_by_slug
from prakat.thai import fiscal_year_bounds, fiscal_year_months, thai_month_name
from prakat.workflow import AnnouncementStatus

K = AnnouncementKind
MONTHLY_KIND: Final = K.MONTHLY_SUMMARY.value
ANNUAL_KIND: Final = K.ANNUAL_REPORT.value
KINDS: Final[Mapping[Evidence, frozenset[str]]] = {
    Evidence.PLAN: frozenset(k.value for k in (*PLAN_KINDS, K.NO_PLAN_STATEMENT)),
    Evidence.ANNOUNCEMENTS: frozenset(k.value for k in (*PROCUREMENT_KINDS, K.QUARTERLY_WINNERS)),
    Evidence.MONTHLY_SUMMARIES: frozenset({MONTHLY_KIND}),
    Evidence.ANNUAL_REPORT: frozenset({ANNUAL_KIND}),
}


class Published(msgspec.Struct, frozen=True, kw_only=True):
    """What the check reads of a published announcement."""

    id: int
    kind: str
    year_be: int
    number: str
    subject: str
    announced_on: date
    sequence: int
    month: int | None  # a monthly summary's calendar month


class Assessment(msgspec.Struct, frozen=True, kw_only=True):
    school: School
    year_be: int  # the assessment year
    variant: Variant
    results: tuple[ItemResult, ...]
    years: tuple[int, ...]  # assessment years with criteria, newest first
    today: date
    data_years: tuple[int, ...] = ()  # fiscal years the items cover that have open data, newest first

    @property
    def passed(self) -> bool:
        return all(r.status is not Status.FAILED for r in self.results)

    def result(self, code: str) -> ItemResult:
        found = next((r for r in self.results if r.item.code == code.upper()), None)
        if found is None:
            raise NotFound(f"ข้อ {code[:20]} ในเกณฑ์การประเมิน ITA ปี พ.ศ. {self.year_be}")
        return found


def month_label(year_ce: int, month: int) -> str:
    """ "มกราคม พ.ศ. 2569" """
    return f"{thai_month_name(month)} พ.ศ. {year_ce + 543}"


async def published(school_id: int, years: Iterable[int]) -> list[Published]:
    """The school's published announcements of these fiscal years, oldest publication first."""
    wanted = sorted(set(years))
    if not wanted:
        return []
    rows = (
        await t.Announcement.select(*t.Announcement.all_columns(), t.Announcement.fiscal_year.year_be)
        .where(
            (t.Announcement.school == school_id)
            & (t.Announcement.status == AnnouncementStatus.PUBLISHED.value)
            & t.Announcement.fiscal_year.year_be.is_in(wanted)
        )
        .order_by(t.Announcement.sequence)
    )
    return [
        Published(
            id=r["id"],
            kind=r["kind"],
            year_be=r["fiscal_year.year_be"],
            number=r["number"],
            subject=r["subject"],
            announced_on=r["announced_on"],
            sequence=r["sequence"] or 0,
            month=r.get("month"),
        )
        for r in rows
    ]


def files(slug: str, a: Published) -> tuple[FileLink, ...]:
    """The files of a published announcement: its PDF, and the spreadsheets of the kinds that have them."""
    pdf = FileLink("PDF", urls.announcement_pdf(slug, a.id))
    if a.kind == ANNUAL_KIND:
        return (pdf, FileLink("XLSX", urls.annual_report_xlsx(slug, a.year_be)))
    if a.kind == MONTHLY_KIND:
        return (pdf, *(FileLink(ext.upper(), urls.summary_file(slug, a.id, ext)) for ext in ("xlsx", "csv")))
    return (pdf,)


def _link(slug: str, a: Published) -> EvidenceLink:
    try:
        kind_label = AnnouncementKind(a.kind).label
    except ValueError:
        kind_label = a.kind
    return EvidenceLink(
        announcement_id=a.id,
        kind_label=kind_label,
        number=a.number,
        subject=a.subject,
        announced_on=a.announced_on,
        page_url=urls.announcement(slug, a.id),
        files=files(slug, a),
    )


def bundles_for(item: Item) -> tuple[str, ...]:
    """The bundles (prakat.announcements.monthly_files.BUNDLES) an assessor opens for an item's monthly
    summaries (domain.md §1): the one whose months are the item's window (h1 for the first six months
    of 2568's O21, year for a whole year); an item on the whole of the assessment year itself is also
    posted quarter by quarter as that year runs (2569's agency O11), so its quarters come first; a
    window that no bundle matches gets the quarters inside it."""
    window = tuple(range(item.months_from, item.months_to + 1))
    exact = tuple(b.name for b in monthly_files.BUNDLES.values() if b.months == window)
    quarters = tuple(
        b.name for b in monthly_files.BUNDLES.values() if b.quarter and set(b.months) <= set(window)
    )
    if not exact:
        return quarters
    if len(window) == 12 and item.covers is Covers.CURRENT:
        return (*quarters, *exact)
    return exact


def bundle_links(slug: str, fiscal_year_be: int, item: Item, months: Iterable[int]) -> tuple[BundleLink, ...]:
    """The item's bundles of ``fiscal_year_be``, where the calendar ``months`` have a published summary."""
    return tuple(
        BundleLink(
            name=b.bundle.name,
            title=b.bundle.title,
            published=b.published,
            months=len(b.bundle.months),
            files=tuple(
                FileLink(ext.upper(), urls.monthly_bundle(slug, fiscal_year_be, b.bundle.name, ext))
                for ext in ("pdf", "xlsx")
            )
            if b.available
            else (),
        )
        for b in monthly_files.year_bundles(months, bundles_for(item))
    )


def _of(found: list[Published], evidence: Evidence, year_be: int) -> list[Published]:
    return [a for a in found if a.kind in KINDS[evidence] and a.year_be == year_be]


def check_item(
    school: School, item: Item, fiscal_year_be: int, found: list[Published], today: date
) -> ItemResult:
    """One item against the published announcements ``found`` (of the covered year at least)."""
    reasons: list[str] = []
    notes: list[str] = []
    shown: list[Published] = []
    bundles: tuple[BundleLink, ...] = ()
    fy = fiscal_year_be
    for evidence in item.evidence:
        mine = _of(found, evidence, fy)
        if evidence is Evidence.PLAN:
            if mine:
                shown += mine
            else:
                reasons.append(f"ยังไม่ได้เผยแพร่แผนการจัดซื้อจัดจ้างประจำปีงบประมาณ พ.ศ. {fy} หรือประกาศไม่มีการจัดทำแผน")
        elif evidence is Evidence.ANNOUNCEMENTS:
            if mine:
                shown += mine
            else:
                reasons.append(f"ยังไม่มีประกาศเกี่ยวกับการจัดซื้อจัดจ้างของปีงบประมาณ พ.ศ. {fy} ที่เผยแพร่แล้ว")
        elif evidence is Evidence.MONTHLY_SUMMARIES:
            newest = {a.month: a for a in mine}  # oldest first: a correction replaces what it corrects
            bundles = bundle_links(school.slug, fy, item, (m for m in newest if m is not None))
            months = fiscal_year_months(fy)[item.months_from - 1 : item.months_to]
            for year_ce, month in months:
                end = date(year_ce + month // 12, month % 12 + 1, 1) - timedelta(days=1)
                label = month_label(year_ce, month)
                if month in newest:
                    shown.append(newest[month])
                elif today <= end:
                    notes.append(f"เดือน{label} ยังไม่สิ้นเดือน")
                elif today <= end + timedelta(days=_grace(school)):
                    due = end + timedelta(days=_grace(school))
                    by = f"{due.day} {thai_month_name(due.month)} พ.ศ. {due.year + 543}"
                    notes.append(f"เดือน{label} ยังไม่เผยแพร่ (ครบกำหนด {by})")
                else:
                    reasons.append(f"เดือน{label} ยังไม่เผยแพร่")
        elif evidence is Evidence.ANNUAL_REPORT:
            if mine:
                shown.append(mine[-1])
            elif today <= fiscal_year_bounds(fy)[1]:
                notes.append(f"ปีงบประมาณ พ.ศ. {fy} ยังไม่สิ้นสุด จึงยังไม่มีรายงานประจำปี")
            else:
                reasons.append(f"ยังไม่มีรายงานผลการจัดซื้อจัดจ้างประจำปีงบประมาณ พ.ศ. {fy}")
    if reasons:
        status = Status.FAILED
    elif shown:
        status = Status.PASSED
    else:
        status = Status.NOT_DUE
    return ItemResult(
        item=item,
        fiscal_year_be=fy,
        status=status,
        reasons=tuple(reasons),
        notes=tuple(notes),
        evidence=tuple(_link(school.slug, a) for a in dict.fromkeys(shown)),  # in the order asked for
        bundles=bundles,
    )


def _grace(school: School) -> int:
    return school.summary_grace_days


async def assess(school: School, year_be: int, today: date, variant_code: str | None = None) -> Assessment:
    """The self-check of one assessment year, under the school's variant (or ``variant_code``).
    A year without criteria is NotFound with a Thai message (never an empty page)."""
    found_variants = await criteria.variants(school.id)
    variant = criteria.choose(found_variants, year_be, variant_code or school.ita_variant)
    covered = {item.covers.fiscal_year(year_be) for item in variant.items}
    found = await published(school.id, covered)
    results = tuple(
        check_item(school, item, item.covers.fiscal_year(year_be), found, today) for item in variant.items
    )
    return Assessment(
        school=school,
        year_be=year_be,
        variant=variant,
        results=results,
        years=tuple(sorted({v.year_be for v in found_variants}, reverse=True)),
        today=today,
        data_years=tuple(
            sorted(covered & {fy.year_be for fy in await fiscal_years(school.id)}, reverse=True)
        ),
    )


async def assess_public(slug: str, year_be: int, today: date) -> Assessment:
    return await assess(await get_school_by_slug(slug), year_be, today)


async def assess_own(school_id: int, year_be: int, today: date) -> Assessment:
    return await assess(await get_school(school_id), year_be, today)
