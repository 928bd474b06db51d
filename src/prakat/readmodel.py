"""What a school has published, as the public reads it: one typed entry per published announcement,
the filters people use on lists and feeds, and the changes cursor that mirrors follow.

Everything here is read from published announcements (their frozen snapshots and stored PDFs),
never from the live records, so an entry never changes once published. Pages, feeds, the embed
and the public JSON all take these entries; none of them queries the database itself.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any, Final

import msgspec

from prakat.announcements import service as announcements
from prakat.announcements.schemas import Announcement
from prakat.announcements.subjects import work_title
from prakat.db import tables as t
from prakat.errors import NotFound

# The entry, its groups and the filters are plain data (prakat.publicentry, which the feeds take
# without the database); the read model's importers still find them here.
from prakat.publicentry import GROUP_LABELS as GROUP_LABELS
from prakat.publicentry import GROUP_OF
from prakat.publicentry import GROUPS as GROUPS
from prakat.publicentry import Filters as Filters
from prakat.publicentry import PublicEntry as PublicEntry
from prakat.publicentry import matches as matches
from prakat.rules import WINNER_KINDS, AnnouncementKind, BudgetSource, Method
from prakat.thai import format_baht
from prakat.workflow import AnnouncementStatus

K = AnnouncementKind

QUERY_LIMIT: Final = 200  # characters of a text search; longer is refused
PAGE_LIMIT: Final = 500  # entries per page of the changes cursor


# The query-string names of the filters, as the list page, its feeds, the embed and the JSON list read them.
FILTER_NAMES: Final = frozenset(Filters.__struct_fields__)


def parse_filters(params: Mapping[str, str]) -> Filters:
    """Filters from a query string; an unknown kind, year, month, method or source is NotFound (a
    Thai 404, as for any page that does not exist), a text search too long is NotFound too."""

    def text(name: str) -> str | None:
        value = str(params.get(name) or "").strip()
        return value or None

    kind, method, source, q = text("kind"), text("method"), text("source"), text("q")
    if kind is not None and kind not in GROUPS and kind not in AnnouncementKind.__members__.values():
        raise NotFound(f"ประเภทประกาศ {kind}")
    if method is not None and method not in Method.__members__.values():
        raise NotFound(f"วิธีจัดซื้อจัดจ้าง {method}")
    if source is not None and source not in BudgetSource.__members__.values():
        raise NotFound(f"แหล่งเงิน {source}")
    if q is not None and len(q) > QUERY_LIMIT:
        raise NotFound("คำค้นที่ยาวเกินไป")
    year = _number(text("year"), 2400, 2800, "ปีงบประมาณ")
    month = _number(text("month"), 1, 12, "เดือน")
    return Filters(kind=kind, year=year, month=month, method=method, source=source, q=q)


def _number(value: str | None, low: int, high: int, what: str) -> int | None:
    if value is None:
        return None
    if not value.isascii() or not value.isdigit() or not low <= int(value) <= high:
        raise NotFound(f"{what} {value[:20]}")
    return int(value)


def _summary(a: Announcement, p: Mapping[str, Any] | None) -> str:
    """ "ซื้อกระดาษ A4 โดยวิธีเฉพาะเจาะจง วงเงิน 12,500.25 บาท ผู้ได้รับการคัดเลือก ร้าน… 11,990.50 บาท"."""
    snap = a.snapshot or {}
    if p is not None:
        parts = [work_title(p["kind"], p["subject"]), Method(p["method"]).info.subject_phrase]
        parts.append(f"วงเงิน {format_baht(Decimal(p['budget']))} บาท")
        award = p.get("award")
        if award and AnnouncementKind(a.kind) in WINNER_KINDS:
            parts.append(
                f"ผู้ได้รับการคัดเลือก {award['vendor_name']} {format_baht(Decimal(award['agreed_price']))} บาท"
            )
        if a.body and AnnouncementKind(a.kind).info.is_correction:
            parts.append(f"เหตุผล: {a.body}")
        return " ".join(parts)
    if "plan" in snap:
        plan = snap["plan"]
        total = sum((Decimal(i["budget"]) for i in plan["items"]), Decimal("0"))
        return f"แผนการจัดซื้อจัดจ้าง {len(plan['items'])} รายการ รวม {format_baht(total)} บาท"
    if "quarter" in snap:
        q = snap["quarter"]
        return f"{len(q['items'])} รายการ รวม {format_baht(Decimal(q['total']))} บาท"
    if "month_summary" in snap:
        sums = snap["month_summary"]["totals"]
        if not sums["count"]:
            return "ไม่มีการจัดซื้อจัดจ้าง"
        return f"{sums['count']} รายการ รวม {format_baht(Decimal(sums['agreed_price']))} บาท"
    return a.subject


def entry_of(a: Announcement, *, slug: str, school_name: str, pdf_size: int | None) -> PublicEntry:
    """The public entry of a published announcement, from its snapshot alone."""
    assert a.published_at is not None and a.sequence is not None
    kind = AnnouncementKind(a.kind)
    p = (a.snapshot or {}).get("procurement")
    award = (p or {}).get("award") if kind in WINNER_KINDS else None
    return PublicEntry(
        school_slug=slug,
        school_name=school_name,
        id=a.id,
        sequence=a.sequence,
        number=a.number,
        kind=kind.value,
        kind_label=kind.label,
        group=GROUP_OF[kind],
        egp_code=kind.info.egp_code,
        subject=a.subject,
        summary=_summary(a, p),
        year_be=a.year_be,
        announced_on=a.announced_on,
        published_at=a.published_at,
        method=p["method"] if p else None,
        budget_source=p["budget_source"] if p else None,
        budget=Decimal(p["budget"]) if p else None,
        winner=award["vendor_name"] if award else None,
        agreed_price=Decimal(award["agreed_price"]) if award else None,
        procurement_id=a.procurement_id,
        plan_id=a.plan_id,
        quarter=a.quarter,
        supersedes_id=a.supersedes_id,
        pdf_sha256=a.pdf_sha256,
        pdf_size=pdf_size,
        listed=tuple(
            f"{i['vendor_name']} {i['subject']}"
            for i in (a.snapshot or {}).get("quarter", {}).get("items", [])
        ),
    )


async def _pdf_sizes(digests: Iterable[str]) -> dict[str, int]:
    wanted = sorted(set(digests))
    if not wanted:
        return {}
    rows = await t.PdfFile.select(t.PdfFile.sha256, t.PdfFile.size).where(t.PdfFile.sha256.is_in(wanted))
    return {r["sha256"]: int(r["size"]) for r in rows}


async def _entries_of(school_id: int, found: list[Announcement]) -> list[PublicEntry]:
    school = (
        await t.School.select(t.School.slug, t.School.name).where(t.School.id == school_id).first()
    ) or {}
    sizes = await _pdf_sizes(a.pdf_sha256 for a in found if a.pdf_sha256)
    return [
        entry_of(a, slug=school["slug"], school_name=school["name"], pdf_size=sizes.get(a.pdf_sha256 or ""))
        for a in found
    ]


async def entries(school_id: int, filters: Filters | None = None) -> list[PublicEntry]:
    """The school's published entries, newest publication first, filtered."""
    found = await announcements.list_announcements(school_id, year_be=filters.year if filters else None)
    result = await _entries_of(school_id, found)
    return [e for e in result if filters is None or matches(e, filters)]


async def entry(school_id: int, announcement_id: int) -> PublicEntry:
    """One published entry; a draft or another school's announcement is NotFound, as a missing one."""
    found = await announcements.get_published(school_id, announcement_id)
    return (await _entries_of(school_id, [found]))[0]


def corrections(all_entries: Iterable[PublicEntry]) -> dict[int, list[PublicEntry]]:
    """For each announcement id, the published entries that change or cancel it, oldest first."""
    by_target: dict[int, list[PublicEntry]] = {}
    for e in sorted(all_entries, key=lambda e: e.sequence):
        if e.supersedes_id is not None:
            by_target.setdefault(e.supersedes_id, []).append(e)
    return by_target


class ChangesPage(msgspec.Struct, frozen=True, kw_only=True):
    """One page of the changes cursor. ``next_after`` (oldest-first) or ``next_before``
    (newest-first) is the cursor of the next page, None when this page reached the end."""

    entries: tuple[PublicEntry, ...]
    next_after: int | None = None
    next_before: int | None = None


async def changes(
    school_id: int,
    *,
    after: int | None = None,
    before: int | None = None,
    limit: int = 100,
    newest_first: bool = False,
) -> ChangesPage:
    """Keyset pages over the publication sequence. A publication takes the next sequence number
    inside its transaction, under the school's lock: sequence numbers are gap-free and commit in
    order, so a client that follows ``next_after`` never misses or repeats an entry, even while
    others publish (a timestamp cursor can lose an item that commits late)."""
    limit = max(1, min(limit, PAGE_LIMIT))
    query = t.Announcement.select(t.Announcement.id).where(
        (t.Announcement.school == school_id) & (t.Announcement.status == AnnouncementStatus.PUBLISHED)
    )
    if after is not None:
        query = query.where(t.Announcement.sequence > after)
    if before is not None:
        query = query.where(t.Announcement.sequence < before)
    rows = await query.order_by(t.Announcement.sequence, ascending=not newest_first).limit(limit + 1)
    ids = [r["id"] for r in rows]
    more = len(ids) > limit
    ids = ids[:limit]
    # Only this page's rows, not the whole history.
    page = await _entries_of(school_id, await announcements.list_announcements(school_id, ids=ids))
    page.sort(key=lambda e: e.sequence, reverse=newest_first)
    if not page:
        # Nothing new: oldest-first clients keep polling from where they are.
        return ChangesPage(entries=(), next_after=None if newest_first else after)
    last = page[-1].sequence
    if newest_first:
        return ChangesPage(entries=tuple(page), next_before=last if more else None)
    # Oldest first: even at the end, the next poll continues after the newest seen.
    return ChangesPage(entries=tuple(page), next_after=last)
