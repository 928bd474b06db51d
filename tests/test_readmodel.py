"""The public read model: entries from published snapshots, filters as pages and feeds use them, and
the changes cursor over the publication sequence."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from piccolo.engine.base import Engine

from prakat import clock, events, readmodel
from prakat.announcements import service as announcements
from prakat.announcements.schemas import AnnouncementDraft
from prakat.errors import NotFound
from prakat.readmodel import Filters, parse_filters
from prakat.rules import AnnouncementKind
from tests import factories


async def test_entries_are_what_was_published(db: Engine, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[type-arg]
    # Published on 20 November 2025 (FY2569), whatever today is: the month filter below asks for it.
    monkeypatch.setattr(clock, "now", lambda: datetime(2025, 11, 20, 3, 30, tzinfo=UTC))
    school, actor = await factories.school("pub")
    vendor = await factories.vendor(actor, name="ร้านรุ่งเรือง")
    p = await factories.awarded(actor, vendor.id, subject="กระดาษถ่ายเอกสาร A4")
    heard: list[int] = []

    async def listener(school_id: int) -> None:
        heard.append(school_id)

    events.on_published(listener)
    try:
        winner = await factories.publish(actor, "winner", procurement_id=p.id)
    finally:
        events.forget(listener)
    assert heard == [school.id]  # told once, after the commit

    [e] = await readmodel.entries(school.id)
    assert (e.id, e.sequence, e.kind, e.group, e.egp_code) == (winner.id, 1, "winner", "winner", "W0")
    assert e.winner == "ร้านรุ่งเรือง 1" and e.agreed_price == Decimal("11990.50")
    assert e.summary == (
        "ซื้อกระดาษถ่ายเอกสาร A4 โดยวิธีเฉพาะเจาะจง วงเงิน 12,500.25 บาท ผู้ได้รับการคัดเลือก ร้านรุ่งเรือง 1 11,990.50 บาท"
    )
    assert e.pdf_size is not None and e.pdf_size > 1000 and e.published_at.tzinfo is not None
    # The live record changes afterwards; the entry does not.
    assert await readmodel.entry(school.id, winner.id) == e
    assert await readmodel.entries(school.id, Filters(kind="invitation")) == []
    assert await readmodel.entries(school.id, Filters(q="กระดาษ  a4")) == [e]
    assert await readmodel.entries(school.id, Filters(q="ปากกา")) == []
    assert await readmodel.entries(school.id, Filters(year=2569, month=11, method="specific")) == [e]


@pytest.mark.parametrize(
    "params",
    [
        {"kind": "nonsense"},
        {"year": "25x9"},
        {"year": "1999"},
        {"month": "13"},
        {"method": "x"},
        {"q": "ก" * 201},
    ],
)
def test_unknown_filters_are_not_found(params: dict[str, str]) -> None:
    with pytest.raises(NotFound):
        parse_filters(params)


def test_filters_carry_into_one_canonical_query() -> None:
    f = parse_filters({"q": " ครุภัณฑ์ ", "kind": "winner", "year": "2569", "month": "", "source": None})  # type: ignore[dict-item]
    assert f == Filters(kind="winner", year=2569, q="ครุภัณฑ์")
    assert (
        f.query()
        == "kind=winner&year=2569&q=%E0%B8%84%E0%B8%A3%E0%B8%B8%E0%B8%A0%E0%B8%B1%E0%B8%93%E0%B8%91%E0%B9%8C"
    )
    assert parse_filters({}) == Filters() and Filters().query() == ""


async def test_changes_pages_by_sequence_in_both_directions(db: Engine) -> None:  # type: ignore[type-arg]
    school, actor = await factories.school("chg")
    vendor = await factories.vendor(actor)
    ids = []
    for n in range(5):
        p = await factories.awarded(actor, vendor.id, subject=f"วัสดุ {n}")
        ids.append((await factories.publish(actor, "winner", procurement_id=p.id)).id)
    first = await readmodel.changes(school.id, limit=2)
    assert [e.id for e in first.entries] == ids[:2] and first.next_after == 2
    second = await readmodel.changes(school.id, after=first.next_after, limit=2)
    third = await readmodel.changes(school.id, after=second.next_after, limit=2)
    assert [e.id for e in second.entries + third.entries] == ids[2:]
    done = await readmodel.changes(school.id, after=third.next_after, limit=2)
    assert done.entries == () and done.next_after == third.next_after == 5
    newest = await readmodel.changes(school.id, newest_first=True, limit=3)
    assert [e.id for e in newest.entries] == ids[::-1][:3] and newest.next_before == 3
    rest = await readmodel.changes(school.id, newest_first=True, before=newest.next_before, limit=3)
    assert [e.id for e in rest.entries] == ids[1::-1] and rest.next_before is None


async def test_search_finds_whom_a_quarter_names(db: Engine) -> None:  # type: ignore[type-arg]
    school, actor = await factories.school("qsearch")
    vendor = await factories.vendor(actor, name="ร้านเครื่องเขียนบ้านนา")
    await factories.awarded(
        actor, vendor.id, bid="900", price="900", method="specific_w119", budget="900", subject="ปากกาไวท์บอร์ด"
    )
    draft = await announcements.prepare(
        actor, AnnouncementDraft(kind=AnnouncementKind("quarterly_winners"), year_be=2569, quarter=1)
    )
    await announcements.submit(actor, draft.id)
    await announcements.approve(actor, draft.id)
    found = await readmodel.entries(school.id, Filters(q="เครื่องเขียนบ้านนา"))
    assert [e.kind for e in found] == ["quarterly_winners"]
    assert [e.kind for e in await readmodel.entries(school.id, Filters(q="ไวท์บอร์ด"))] == ["quarterly_winners"]
