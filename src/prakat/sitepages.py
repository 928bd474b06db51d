"""What the public sees of a school: only what was published, read from the published announcements'
snapshots rather than the live records, so a correction being drafted is never public before the
director approves it.

One model per public page (the school's home, the year overview, the announcement list, one
announcement, the plan of a year, the monthly summaries of a year); the controllers in
prakat.web.site and prakat.web.monthly only parse and render."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any, Final

import msgspec

from prakat import readmodel
from prakat.announcements import monthly, monthly_files, onscreen, wording
from prakat.announcements import service as announcements
from prakat.announcements.document import filename as pdf_filename
from prakat.announcements.subjects import work_title
from prakat.annual import figures as annual_figures
from prakat.annual import service as annual_service
from prakat.annual import texts as annual_texts
from prakat.annual.stats import AnnualStats
from prakat.documents.model import Figure
from prakat.errors import NotFound
from prakat.ita import criteria as ita_criteria
from prakat.plans.schemas import Plan
from prakat.plans.service import current_plan, plans_for_year
from prakat.procurements.schemas import Procurement
from prakat.readmodel import GROUP_LABELS, GROUPS, Filters, PublicEntry
from prakat.results import ResultSet
from prakat.rules import WINNER_KINDS, AnnouncementKind, BudgetSource, Method
from prakat.schools.schemas import School
from prakat.schools.service import fiscal_years, get_school_by_slug
from prakat.thai import THAI_MONTHS, fiscal_year_of
from prakat.workflow import PlanStatus

LATEST: Final = 10  # announcements on the school's home
PAGE_SIZE: Final = 50  # announcements per page of the list


class SchoolOverview(msgspec.Struct, frozen=True, kw_only=True):
    school: School
    year_be: int
    plan: Plan | None
    procurements: tuple[Procurement, ...]
    # Fiscal years that have anything public, newest first, for the year links.
    years: tuple[int, ...] = ()

    @property
    def awarded_total(self) -> Decimal:
        return sum((p.award.agreed_price for p in self.procurements if p.award), Decimal("0.00"))

    @property
    def filters(self) -> Filters:
        """What this year's feeds carry: the year's announcements."""
        return Filters(year=self.year_be)


async def awarded_as_published(school_id: int, year_be: int) -> list[Procurement]:
    """Each awarded procurement as its newest published winner announcement states it, newest first.
    A procurement whose winner was cancelled afterwards is left out."""
    published = await announcements.list_announcements(school_id, year_be=year_be)
    cancelled = {a.procurement_id for a in published if a.kind == AnnouncementKind.WINNER_CANCEL.value}
    seen: set[int] = set()
    result = []
    for a in published:  # newest publication first
        if a.kind == AnnouncementKind.QUARTERLY_WINNERS.value and a.snapshot is not None:
            # Small purchases are published a quarter at a time, each with its whole record.
            for item in reversed(a.snapshot["quarter"]["items"]):
                if item["procurement_id"] not in seen:
                    seen.add(item["procurement_id"])
                    result.append(msgspec.convert(item["procurement"], Procurement))
            continue
        if a.kind not in WINNER_KINDS or a.procurement_id in seen or a.procurement_id in cancelled:
            continue
        assert a.procurement_id is not None and a.snapshot is not None
        seen.add(a.procurement_id)
        result.append(msgspec.convert(a.snapshot["procurement"], Procurement))
    return result


async def _known_years(school_id: int, today: date) -> set[int]:
    """The fiscal years a school's pages exist for: every year it has records for, and the current."""
    return {fy.year_be for fy in await fiscal_years(school_id)} | {fiscal_year_of(today)}


async def school_overview(slug: str, today: date, year_be: int | None = None) -> SchoolOverview:
    """The school's page for ``year_be``, by default the fiscal year of ``today``."""
    school = await get_school_by_slug(slug)
    current = fiscal_year_of(today)
    if year_be is None:
        year_be = current
    known = await _known_years(school.id, today)
    if year_be not in known:
        raise NotFound(f"ข้อมูลปีงบประมาณ พ.ศ. {year_be}")
    return SchoolOverview(
        school=school,
        year_be=year_be,
        plan=await current_plan(school.id, year_be),
        procurements=tuple(await awarded_as_published(school.id, year_be)),
        years=tuple(sorted(known, reverse=True)),
    )


# --- The school's home -----------------------------------------------------------------------


class FeedChoice(msgspec.Struct, frozen=True, kw_only=True):
    """One feed people can follow: what it carries, in Thai, and its filters."""

    label: str
    filters: Filters


def feed_choices(year_be: int) -> tuple[FeedChoice, ...]:
    """Every feed the home offers: all announcements, each group, and the current fiscal year."""
    return (
        FeedChoice(label="ประกาศทั้งหมด", filters=Filters()),
        *(FeedChoice(label=GROUP_LABELS[g], filters=Filters(kind=g)) for g in GROUPS),
        FeedChoice(label=f"ประกาศปีงบประมาณ พ.ศ. {year_be}", filters=Filters(year=year_be)),
    )


class SchoolHome(msgspec.Struct, frozen=True, kw_only=True):
    school: School
    year_be: int  # the current fiscal year
    latest: tuple[PublicEntry, ...]
    count: int  # everything published, all years
    plan: Plan | None  # the current fiscal year's newest published plan revision
    plan_entry: PublicEntry | None  # the announcement that published it
    years: tuple[int, ...]  # fiscal years with pages, newest first
    feeds: tuple[FeedChoice, ...]
    ita_years: frozenset[int] = frozenset()  # of those years, the ones with ITA criteria (a self-check page)
    corrected: frozenset[int] = frozenset()  # ids of announcements corrected or cancelled since
    filters: Filters = Filters()  # the home's own feeds: everything

    def year_query(self, year_be: int) -> str:
        return Filters(year=year_be).query()


async def school_home(slug: str, today: date) -> SchoolHome:
    school = await get_school_by_slug(slug)
    year_be = fiscal_year_of(today)
    everything = await readmodel.entries(school.id)
    plan = await current_plan(school.id, year_be)
    known = await _known_years(school.id, today)
    return SchoolHome(
        school=school,
        year_be=year_be,
        latest=tuple(everything[:LATEST]),
        count=len(everything),
        corrected=_corrected(everything),
        plan=plan,
        plan_entry=_plan_entry(everything, plan),
        years=tuple(sorted(known, reverse=True)),
        feeds=feed_choices(year_be),
        ita_years=frozenset(known) & frozenset(await ita_criteria.years(school.id)),
    )


def _corrected(entries: list[PublicEntry]) -> frozenset[int]:
    return frozenset(readmodel.corrections(entries))


def _plan_entry(entries: list[PublicEntry], plan: Plan | None) -> PublicEntry | None:
    if plan is None:
        return None
    plan_kinds = {k.value for k in GROUPS["plan"]}
    # Newest first: the newest announcement of this revision (there is one).
    return next((e for e in entries if e.plan_id == plan.id and e.kind in plan_kinds), None)


# --- The announcement list -------------------------------------------------------------------


class Choice(msgspec.Struct, frozen=True):
    value: str
    label: str


MONTH_CHOICES: Final = tuple(Choice(str(n), name) for n, name in enumerate(THAI_MONTHS, start=1))
METHOD_CHOICES: Final = tuple(Choice(m.value, m.label) for m in Method)
SOURCE_CHOICES: Final = tuple(Choice(s.value, s.full_label) for s in BudgetSource)


class AnnouncementList(msgspec.Struct, frozen=True, kw_only=True):
    school: School
    filters: Filters
    entries: tuple[PublicEntry, ...]  # this page, newest publication first
    count: int  # all that match the filters
    page: int
    pages: int
    kinds: tuple[Choice, ...]
    years: tuple[int, ...]  # fiscal years that have publications (and the chosen one), newest first
    corrected: frozenset[int] = frozenset()  # ids of announcements corrected or cancelled since
    months: tuple[Choice, ...] = MONTH_CHOICES
    methods: tuple[Choice, ...] = METHOD_CHOICES
    sources: tuple[Choice, ...] = SOURCE_CHOICES

    def page_query(self, page: int) -> str:
        """The query string of another page of the same list (page 1 has no page number)."""
        query = self.filters.query()
        if page <= 1:
            return query
        return f"{query}&page={page}" if query else f"page={page}"


def parse_page(value: str | None) -> int:
    """A page number from the query string; anything but a whole number from 1 is NotFound."""
    text = (value or "").strip()
    if not text:
        return 1
    if not text.isascii() or not text.isdigit() or len(text) > 6 or int(text) < 1:
        raise NotFound(f"หน้าที่ {text[:20]}")
    return int(text)


def _kind_choices(chosen: str | None) -> tuple[Choice, ...]:
    groups = tuple(Choice(g, GROUP_LABELS[g]) for g in GROUPS)
    if chosen is None or chosen in GROUPS:
        return groups
    # A link may name one kind (e.g. only winner changes): keep it choosable, as chosen.
    return (*groups, Choice(chosen, AnnouncementKind(chosen).label))


async def announcement_list(slug: str, today: date, filters: Filters, page: int = 1) -> AnnouncementList:
    school = await get_school_by_slug(slug)
    if filters.year is not None and filters.year not in await _known_years(school.id, today):
        raise NotFound(f"ข้อมูลปีงบประมาณ พ.ศ. {filters.year}")
    everything = await readmodel.entries(school.id)
    found = [e for e in everything if readmodel.matches(e, filters)]
    pages = max(1, -(-len(found) // PAGE_SIZE))
    if page > pages:
        raise NotFound(f"หน้าที่ {page}")
    years = {e.year_be for e in everything} | ({filters.year} if filters.year else set())
    start = (page - 1) * PAGE_SIZE
    return AnnouncementList(
        school=school,
        filters=filters,
        entries=tuple(found[start : start + PAGE_SIZE]),
        count=len(found),
        page=page,
        pages=pages,
        kinds=_kind_choices(filters.kind),
        years=tuple(sorted(years, reverse=True)),
        corrected=_corrected(everything),
    )


# --- One announcement ------------------------------------------------------------------------


class QuarterItem(msgspec.Struct, frozen=True, kw_only=True):
    """One purchase in a quarterly winners announcement, as its snapshot lists it."""

    subject: str
    kind: str
    method: str
    vendor_name: str
    agreed_price: Decimal
    reference_date: date
    reference_number: str = ""
    reason: str = ""


class AnnualPart(msgspec.Struct, frozen=True, kw_only=True):
    title: str
    paragraphs: tuple[str, ...]


class AnnualView(msgspec.Struct, frozen=True, kw_only=True):
    """An annual report's figures, charts (the PDF's own drawings) and written parts, as published."""

    stats: AnnualStats
    figures: tuple[Figure, ...]
    parts: tuple[AnnualPart, ...]


def annual_view(annual: Mapping[str, Any]) -> AnnualView:
    stats = annual_service.stats_of(dict(annual))
    written = annual.get("texts", {})
    return AnnualView(
        stats=stats,
        figures=annual_figures.figures(stats, thai_digits=False),
        parts=tuple(
            AnnualPart(
                title=info.title,
                paragraphs=tuple(
                    p.strip() for p in written.get(info.part.value, "").splitlines() if p.strip()
                ),
            )
            for info in annual_texts.PARTS
        ),
    )


class AnnouncementView(msgspec.Struct, frozen=True, kw_only=True):
    school: School
    entry: PublicEntry
    paragraphs: tuple[str, ...]  # the announcement's words, as the PDF says them
    signer_name: str
    signer_position: str
    corrects: PublicEntry | None  # the announcement this one changes or cancels
    corrected_by: tuple[PublicEntry, ...]  # the announcements that change or cancel this one
    procurement: Procurement | None  # as published (the snapshot), when the announcement is about one
    show_award: bool  # winner kinds state the winner; others do not, even if one is on record
    quarter: tuple[QuarterItem, ...] | None  # a quarterly winners announcement's list
    quarter_total: Decimal | None
    plan: Plan | None  # a plan announcement's plan, as published
    pdf_filename: str
    annual: AnnualView | None = None  # an annual report's figures, as published
    month: ResultSet | None = None  # a monthly summary's rows (แบบ สขร.1), as published
    # What the PDF shows of a kind with a form of its own (the monthly summary's form, the annual
    # report's memo), in web digits; empty for an announcement, whose words are ``paragraphs``.
    screen: onscreen.OnScreen = onscreen.OnScreen()
    # The publication ledger's hash of this entry. There is no ledger yet: it stays None, and the
    # page shows nothing for it until prakat.ledger fills it in.
    ledger_hash: str | None = None

    @property
    def pdf_size_text(self) -> str:
        return file_size(self.entry.pdf_size)

    @property
    def work(self) -> str:
        """ "ซื้อกระดาษถ่ายเอกสาร A4": what the procurement buys or hires, with its verb once."""
        return work_title(self.procurement.kind, self.procurement.subject) if self.procurement else ""


def file_size(size: int | None) -> str:
    """ "245 KB", "1.2 MB": how big a download is, for people on a phone plan."""
    if size is None:
        return "-"
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024)):,} KB"
    return f"{size / (1024 * 1024):.1f} MB"


async def announcement_view(slug: str, announcement_id: int) -> AnnouncementView:
    school = await get_school_by_slug(slug)
    # A draft, or another school's announcement, is NotFound here: exactly like a missing one.
    a = await announcements.get_published(school.id, announcement_id)
    everything = await readmodel.entries(school.id)
    by_id = {e.id: e for e in everything}
    entry = by_id.get(a.id)
    if entry is None:  # published after the first query, before the second: nothing to hide
        entry = await readmodel.entry(school.id, a.id)
    snapshot: Mapping[str, Any] = a.snapshot or {}
    kind = AnnouncementKind(a.kind)
    quarter = snapshot.get("quarter")
    return AnnouncementView(
        school=school,
        entry=entry,
        paragraphs=tuple(wording.paragraphs(a.kind, a.subject, a.body, a.snapshot)),
        signer_name=a.signer_name,
        signer_position=a.signer_position,
        corrects=by_id.get(a.supersedes_id) if a.supersedes_id is not None else None,
        corrected_by=tuple(readmodel.corrections(everything).get(a.id, ())),
        procurement=msgspec.convert(snapshot["procurement"], Procurement)
        if "procurement" in snapshot
        else None,
        show_award=kind in WINNER_KINDS,
        quarter=None if quarter is None else tuple(msgspec.convert(quarter["items"], list[QuarterItem])),
        quarter_total=None if quarter is None else Decimal(quarter["total"]),
        plan=msgspec.convert(snapshot["plan"], Plan) if "plan" in snapshot else None,
        pdf_filename=pdf_filename(a.kind, a.number),
        annual=annual_view(snapshot["annual"]) if "annual" in snapshot else None,
        month=monthly.result_set(snapshot) if "month_summary" in snapshot else None,
        screen=onscreen.on_screen(a, school),
    )


# --- The plan of a fiscal year ---------------------------------------------------------------


class PlanRevision(msgspec.Struct, frozen=True, kw_only=True):
    plan: Plan
    entry: PublicEntry | None  # the announcement that published it


class PlanView(msgspec.Struct, frozen=True, kw_only=True):
    school: School
    year_be: int
    current: PlanRevision | None  # the newest published revision
    earlier: tuple[PlanRevision, ...]  # older published revisions, newest first
    years: tuple[int, ...]  # fiscal years with pages, newest first

    @property
    def filters(self) -> Filters:
        """What this page's feeds carry: the year's plan announcements."""
        return Filters(kind="plan", year=self.year_be)


async def plan_view(slug: str, today: date, year_be: int) -> PlanView:
    school = await get_school_by_slug(slug)
    known = await _known_years(school.id, today)
    if year_be not in known:
        raise NotFound(f"แผนการจัดซื้อจัดจ้าง ปีงบประมาณ พ.ศ. {year_be}")
    # Only published revisions are public; a revision being drafted does not exist here.
    revisions = [p for p in await plans_for_year(school.id, year_be) if p.status == PlanStatus.PUBLISHED]
    plan_entries = await readmodel.entries(school.id, Filters(kind="plan", year=year_be))
    shown = [PlanRevision(plan=p, entry=_plan_entry(plan_entries, p)) for p in reversed(revisions)]
    return PlanView(
        school=school,
        year_be=year_be,
        current=shown[0] if shown else None,
        earlier=tuple(shown[1:]),
        years=tuple(sorted(known, reverse=True)),
    )


# --- The monthly summaries of a fiscal year --------------------------------------------------


class MonthlyView(msgspec.Struct, frozen=True, kw_only=True):
    school: School
    year_be: int
    months: tuple[monthly_files.Month, ...]  # October first; only what is published
    bundles: tuple[monthly_files.YearBundle, ...]  # a quarter, the first six months, the year
    years: tuple[int, ...]  # fiscal years with pages, newest first


async def monthly_view(slug: str, today: date, year_be: int) -> MonthlyView:
    """The page of a fiscal year's monthly summaries (แบบ สขร.1) and their bundles: for the years the
    school's other pages have (a year with records, or the current one), else NotFound."""
    school = await get_school_by_slug(slug)
    known = await _known_years(school.id, today)
    if year_be not in known:
        raise NotFound(f"สรุปผลการจัดซื้อจัดจ้างรายเดือน ปีงบประมาณ พ.ศ. {year_be}")
    months = await monthly_files.months_of_year(school.id, year_be, today, public=True)
    return MonthlyView(
        school=school,
        year_be=year_be,
        months=tuple(months),
        bundles=monthly_files.year_bundles(m.key.month for m in months if m.published is not None),
        years=tuple(sorted(known, reverse=True)),
    )
