"""Load the demo school (prakat.demo.data) into the configured database through the domain services,
so the demo exercises the same validation as a teacher's input. Deterministic and idempotent."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import msgspec

from prakat import clock, events
from prakat.announcements import service as announcements
from prakat.announcements.schemas import AnnouncementDraft
from prakat.annual import texts as annual_texts
from prakat.audit import Actor
from prakat.db.tx import write_transaction
from prakat.demo import annual as demo_annual
from prakat.demo import terms
from prakat.demo.data import DemoProcurement, DemoSchool, DemoYear, build_demo
from prakat.plans import service as plans
from prakat.procurements import service as procurements
from prakat.results import MonthKey
from prakat.rules import AnnouncementKind, Method, MethodFamily
from prakat.schools import service as schools
from prakat.thai import fiscal_quarter_bounds, fiscal_year_bounds, fiscal_year_of
from prakat.users import service as users
from prakat.vendors import service as vendors

DEMO_SLUG = "demo"
# Sign-in for the demo school's people, printed by `prakat demo` and in the README. A demo only.
DEMO_PASSWORD = "prakat-demo"
DEMO_USERS = (("officer", "officer"), ("head", "head"), ("director", "director"), ("admin", "admin"))
# Demo announcements are published at 10:00 Bangkok time on their date.
PUBLISH_TIME = time(10, 0, tzinfo=clock.BANGKOK)


@dataclass(frozen=True)
class DemoYearResult:
    fiscal_year_be: int
    plan_items: int
    procurements: int
    announcements: int


@dataclass(frozen=True)
class DemoResult:
    created: bool
    slug: str
    years: tuple[DemoYearResult, ...]


def _at(day: date) -> datetime:
    return datetime.combine(day, PUBLISH_TIME)


def demo_years(today: date) -> tuple[DemoYear, ...]:
    """The two fiscal years before the current one complete, and the current one up to ``today``,
    oldest first: a school a few weeks into October still shows a full year of history, and the
    assessment year that ends in that year looks back on the year before it (ITA 2569's O12
    agency / O11 vocational ask for FY2568's months and annual report while O11 / O10 read FY2569)."""
    current = fiscal_year_of(today)
    return (build_demo(current - 2), build_demo(current - 1), build_demo(current, up_to=today))


async def load_demo(today: date, *, emblem_path: Path) -> DemoResult:
    """Create the demo school; a second call changes nothing and reports what is there.

    ``emblem_path`` is the Garuda emblem its documents carry: every publication renders its PDF,
    and an official document without the emblem is refused."""
    years = demo_years(today)
    slug = years[-1].school.slug
    existing = [s for s in await schools.list_schools() if s.slug == slug]
    if existing:
        return DemoResult(False, slug, await _summary(existing[0].id, years))
    async with write_transaction():
        school_id = await _create_school(years[-1], emblem_path)
        actor = Actor(school_id=school_id, label="demo")
        people = await _create_users(actor, years[-1])
        vendor_ids: dict[str, int] = {}
        for n, year in enumerate(years):
            # The year before (loaded just before) gets its annual report among this year's publications.
            await _load_year(actor, people, year, today, vendor_ids, report_previous=n > 0)
        result = DemoResult(True, slug, await _summary(school_id, years))
    # Committed: now whatever follows publications (the feeds) may read it.
    await events.published(school_id)
    return result


async def _summary(school_id: int, years: tuple[DemoYear, ...]) -> tuple[DemoYearResult, ...]:
    result = []
    for year in years:
        fy = year.fiscal_year_be
        plan = await plans.current_plan(school_id, fy, published_only=False)
        result.append(
            DemoYearResult(
                fiscal_year_be=fy,
                plan_items=len(plan.items) if plan else 0,
                procurements=len(await procurements.list_procurements(school_id, year_be=fy)),
                announcements=len(await announcements.list_announcements(school_id, year_be=fy)),
            )
        )
    return tuple(result)


async def _create_school(year: DemoYear, emblem_path: Path) -> int:
    s = year.school
    raw = {k: getattr(s, k) for k in s.__dataclass_fields__}
    raw["emblem_path"] = str(emblem_path)
    school = await schools.create_school(schools.parse_school(raw))
    return school.id


async def _create_users(system: Actor, year: DemoYear) -> dict[str, Actor]:
    """The school's four people, as actors the workflow records by name."""
    s = year.school
    names = {
        "officer": (s.officer_name, s.officer_position),
        "head": (s.head_name, s.head_position),
        "director": (s.director_name, s.director_position),
        "admin": ("ผู้ดูแลระบบโรงเรียน", "ครูผู้ดูแลระบบ"),
    }
    people = {}
    for username, role in DEMO_USERS:
        name, position = names[role]
        created = await users.create_user(
            system,
            users.parse_user(
                {
                    "username": username,
                    "display_name": name,
                    "position": position,
                    "role": role,
                    "password": DEMO_PASSWORD,
                }
            ),
        )
        people[role] = Actor(school_id=system.school_id, user_id=created.id, label=username, role=role)
    return people


async def _load_year(
    actor: Actor,
    people: dict[str, Actor],
    year: DemoYear,
    today: date,
    vendor_ids: dict[str, int],
    *,
    report_previous: bool = False,
) -> None:
    await schools.ensure_fiscal_year(actor, year.fiscal_year_be, budget_allocated_on=year.budget_allocated_on)
    for v in year.vendors:
        if v.key in vendor_ids:
            continue
        vendor = await vendors.create_vendor(
            actor,
            vendors.parse_vendor(
                {
                    "name": v.name,
                    "tax_id": v.tax_id,
                    "business_types": [kind.value for kind in v.business_types],
                    "address": v.address,
                    "phone": v.phone,
                }
            ),
        )
        vendor_ids[v.key] = vendor.id

    plan = await plans.create_plan(actor, year.fiscal_year_be)
    item_ids: dict[str, int] = {}
    for item in year.plan_items:
        data = plans.parse_plan_item(
            {
                "name": item.name,
                "kind": item.kind,
                "budget": item.budget,
                "budget_source": item.budget_source,
                "category": item.category,
                "planned_method": item.planned_method,
                "expected_month": item.expected_month,
                "egp_plan_code": item.egp_plan_code,
            },
            year.fiscal_year_be,
        )
        item_ids[item.key] = (await plans.add_plan_item(actor, plan.id, data)).id

    # Everything that becomes public, gathered first and then published in date order, so the
    # publication sequence follows time as it does in a real school.
    # Each event: its day, its place among that day's, the draft, and for a correction the kind of
    # announcement it corrects (found once that one is published).
    events: list[tuple[date, int, AnnouncementDraft, str | None]] = []
    plan_day = year.plan_announced_on or year.budget_allocated_on + timedelta(days=14)
    events.append((plan_day, 0, AnnouncementDraft(kind=AnnouncementKind.PLAN, plan_id=plan.id), None))
    # A procurement whose winner announcement is cancelled never signs its contract.
    cancelled = {c.procurement_key for c in year.corrections if c.kind == AnnouncementKind.WINNER_CANCEL}
    entered: dict[int, dict[str, Any]] = {}  # what each procurement was entered with, by its id
    for order, p in enumerate(sorted(year.procurements, key=lambda p: (p.requested_on, p.key)), start=1):
        raw = _procurement_raw(p, year.school, item_ids)
        created = await _enter_procurement(actor, p, raw, vendor_ids, signed=p.key not in cancelled)
        entered[created] = raw
        if Method(p.method).info.family is MethodFamily.GENERAL_INVITATION:
            invited_on = p.invited_on or p.requested_on + timedelta(days=1)
            for day, kind in (
                (p.requested_on, AnnouncementKind.REFERENCE_PRICE),
                (invited_on, AnnouncementKind.INVITATION),
            ):
                events.append((day, order, AnnouncementDraft(kind=kind, procurement_id=created), None))
        if p.awarded_on is not None and AnnouncementKind.WINNER in Method(p.method).info.announcement_kinds:
            winner = AnnouncementDraft(kind=AnnouncementKind.WINNER, procurement_id=created)
            events.append((p.awarded_on, order, winner, None))
        for c in (c for c in year.corrections if c.procurement_key == p.key):
            correction = AnnouncementDraft(kind=AnnouncementKind(c.kind), procurement_id=created, body=c.body)
            events.append((c.announced_on, order, correction, c.corrects))
    # ว 119 purchases are announced a quarter at a time, on the tenth day after the quarter.
    for quarter in range(1, 5):
        announced = fiscal_quarter_bounds(year.fiscal_year_be, quarter)[1] + timedelta(days=10)
        draft = AnnouncementDraft(
            kind=AnnouncementKind.QUARTERLY_WINNERS, year_be=year.fiscal_year_be, quarter=quarter
        )
        events.append((announced, 10_000 + quarter, draft, None))
    # Every month gets its summary (แบบ สขร.1), a month without purchases too, on the fifth day of
    # the next month: what ITA's monthly item (O11/O21) looks for.
    for n, key in enumerate(MonthKey.of_fiscal_year(year.fiscal_year_be), start=1):
        announced = MonthKey.after(key).first_day + timedelta(days=4)
        draft = AnnouncementDraft(
            kind=AnnouncementKind.MONTHLY_SUMMARY, year_be=year.fiscal_year_be, month=key.month
        )
        events.append((announced, 20_000 + n, draft, None))

    reported = demo_annual.published_on(year.fiscal_year_be - 1, today) if report_previous else None
    if reported is not None and clock.today_bangkok() > fiscal_year_bounds(year.fiscal_year_be - 1)[1]:
        # The school writes its four parts, then the officer drafts the report of the finished year.
        await annual_texts.save_texts(
            people["officer"], year.fiscal_year_be - 1, demo_annual.texts_for(year.fiscal_year_be - 1)
        )
        report = AnnouncementDraft(kind=AnnouncementKind.ANNUAL_REPORT, year_be=year.fiscal_year_be - 1)
        events.append((reported, 20_000, report, None))
    # Nothing is published ahead of the demo's today (a plan due next week stays a draft).
    due = sorted((e for e in events if e[0] <= today), key=lambda e: (e[0], e[1]))
    # In the year still running, the newest winner announcement waits for the director, so the
    # approval queue shows what a Monday morning looks like.
    running = today <= fiscal_year_bounds(year.fiscal_year_be)[1]
    winners = [e for e in due if e[2].kind == AnnouncementKind.WINNER.value]
    waiting = winners[-1] if running and winners else None
    published: dict[tuple[int | None, str], int] = {}  # (procurement, kind) -> announcement id
    for event in due:
        day, _, draft, corrects = event
        if corrects is not None:
            original = published.get((draft.procurement_id, corrects))
            if original is None:  # what it corrects still waits for the director
                continue
            draft = msgspec.structs.replace(draft, supersedes_id=original)
        prepared = await announcements.prepare(people["officer"], draft)
        if draft.kind == AnnouncementKind.INVITATION_CHANGE and draft.procurement_id in entered:
            # The change moves the bidding day, as its reason says; its draft reopens the terms.
            moved = terms.moved_bids(entered[draft.procurement_id])
            await procurements.update_procurement(
                people["officer"], draft.procurement_id, procurements.parse_procurement(moved)
            )
        await announcements.submit(people["officer"], prepared.id)
        if event is not waiting:
            await announcements.approve(people["director"], prepared.id, at=_at(day))
            published[(draft.procurement_id, draft.kind)] = prepared.id


def _procurement_raw(p: DemoProcurement, school: DemoSchool, item_ids: dict[str, int]) -> dict[str, Any]:
    """The procurement as its form would be filled in, the terms of its announcements too."""
    return {
        "subject": p.subject,
        "kind": p.kind,
        "method": p.method,
        "method_reason": p.method_reason,
        "budget": p.budget,
        "reference_price": p.reference_price,
        "budget_source": p.budget_source,
        "requested_on": p.requested_on,
        "egp_project_number": p.egp_project_number,
        "plan_item_id": item_ids[p.plan_item_key] if p.plan_item_key else None,
        **terms.for_procurement(p, school),
    }


async def _enter_procurement(
    actor: Actor,
    p: DemoProcurement,
    raw: dict[str, Any],
    vendor_ids: dict[str, int],
    *,
    signed: bool,
) -> int:
    """The procurement, its bids and its award; ``signed`` False leaves the contract out."""
    created = await procurements.create_procurement(actor, procurements.parse_procurement(raw))
    bid_ids: dict[str, int] = {}
    for bid in p.bids:
        after = await procurements.add_bid(
            actor,
            created.id,
            procurements.parse_bid({"vendor_id": vendor_ids[bid.vendor_key], "amount": bid.amount}),
        )
        bid_ids[bid.vendor_key] = next(b.id for b in after.bids if b.vendor_id == vendor_ids[bid.vendor_key])
    if p.winner_vendor_key is not None and p.awarded_on is not None:
        await procurements.award(
            actor,
            created.id,
            procurements.parse_award(
                {
                    "bid_id": bid_ids[p.winner_vendor_key],
                    "agreed_price": p.agreed_price,
                    "awarded_on": p.awarded_on,
                    "reason": p.reason,
                    "contract_number": p.contract_number if signed else "",
                    "contract_date": p.contract_date if signed else None,
                }
            ),
        )
    return created.id
