"""The same behaviour on SQLite and PostgreSQL: exact money, aware times, foreign keys, transactions."""

from __future__ import annotations

import ast
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from piccolo.engine.base import Engine

from prakat import clock
from prakat.db import tables as t
from prakat.db.migrate import migrate
from prakat.db.tx import write_transaction
from prakat.procurements import service as procurements
from tests import factories

MIGRATIONS = Path(__file__).resolve().parents[2] / "src" / "prakat" / "db" / "migrations"


@pytest.mark.parametrize(
    "amount",
    ["12500.25", "9999999999.99", "0.10", "0.01", "500000.00", "1234567890123.45"],
)
async def test_amounts_round_trip_exactly(db: Engine, amount: str) -> None:  # type: ignore[type-arg]
    _, actor = await factories.school()
    created = await factories.procurement(
        actor, budget=amount, method="e_bidding" if Decimal(amount) > 500000 else "specific"
    )
    again = await procurements.get_procurement(actor.school_id, created.id)
    assert again.budget == Decimal(amount)
    # Scale survives too: 0.10 comes back as 0.10, not 0.1.
    assert str(again.budget) == amount


async def test_sums_are_exact(db: Engine) -> None:  # type: ignore[type-arg]
    _, actor = await factories.school()
    for _ in range(3):
        await factories.procurement(actor, budget="0.10")
    found = await procurements.list_procurements(actor.school_id)
    assert sum(p.budget for p in found) == Decimal("0.30")
    raw = await t.Procurement.raw("SELECT SUM(budget_satang) AS s FROM procurement")
    assert raw[0]["s"] == 30


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.decimals(min_value=Decimal("0.01"), max_value=Decimal("9999999999.99"), places=2))
async def test_any_two_place_amount_round_trips(db: Engine, amount: Decimal) -> None:  # type: ignore[type-arg]
    school = await t.School.select(t.School.id).first()
    if school is None:
        _, actor = await factories.school()
        school_id = actor.school_id
    else:
        school_id = school["id"]
    fy = await t.FiscalYear.select(t.FiscalYear.id).where(t.FiscalYear.school == school_id).first()
    if fy is None:
        year = t.FiscalYear(school=school_id, year_be=2569)
        await year.save()
        fy_id = year.id
    else:
        fy_id = fy["id"]
    row = t.Procurement(
        school=school_id,
        fiscal_year=fy_id,
        subject="x",
        method="specific",
        budget_satang=int(amount * 100),
        requested_on=date(2025, 10, 1),
        created_at=clock.now(),
        updated_at=clock.now(),
    )
    await row.save()
    got = await procurements.get_procurement(school_id, row.id)
    assert got.budget == amount


async def test_timestamps_are_timezone_aware(db: Engine) -> None:  # type: ignore[type-arg]
    _, actor = await factories.school()
    vendor = await factories.vendor(actor)
    p = await factories.awarded(actor, vendor.id)
    bangkok_ten = datetime(2025, 11, 5, 10, 0, tzinfo=clock.BANGKOK)
    published = await factories.publish(actor, "winner", procurement_id=p.id, at=bangkok_ten)
    assert published.published_at is not None
    assert published.published_at.utcoffset() is not None
    assert published.published_at == bangkok_ten
    assert published.published_at.astimezone(UTC).hour == 3


async def test_naive_datetimes_are_refused(db: Engine) -> None:  # type: ignore[type-arg]
    _, actor = await factories.school()
    vendor = await factories.vendor(actor)
    p = await factories.awarded(actor, vendor.id)
    with pytest.raises(ValueError, match="เขตเวลา"):
        await factories.publish(actor, "winner", procurement_id=p.id, at=datetime(2025, 11, 5, 10, 0))
    assert await t.Announcement.count().where(t.Announcement.status == "published") == 0


async def test_foreign_keys_are_enforced(db: Engine) -> None:  # type: ignore[type-arg]
    _, actor = await factories.school()
    created = await factories.procurement(actor)
    with pytest.raises(Exception) as caught:
        await t.Bid.insert(
            t.Bid(school=actor.school_id, procurement=created.id, vendor=999_999, amount_satang=100)
        )
    assert "foreign" in str(caught.value).lower()
    assert await t.Bid.count() == 0


async def test_deletes_are_restricted_not_cascaded(db: Engine) -> None:  # type: ignore[type-arg]
    _, actor = await factories.school()
    await factories.procurement(actor)
    with pytest.raises(Exception):  # noqa: B017 - the driver's IntegrityError differs per engine
        await t.School.delete().where(t.School.id == actor.school_id)
    assert await t.School.count() == 1
    assert await t.Procurement.count() == 1


async def test_failed_transaction_leaves_nothing(db: Engine) -> None:  # type: ignore[type-arg]
    _, actor = await factories.school()
    with pytest.raises(RuntimeError):
        async with write_transaction():
            await factories.vendor(actor, 1)
            await factories.procurement(actor)
            raise RuntimeError("stop half-way")
    assert await t.Vendor.count() == 0
    assert await t.Procurement.count() == 0
    assert await t.AuditEvent.count().where(t.AuditEvent.entity != "school") == 0


async def test_unique_indexes_hold(db: Engine) -> None:  # type: ignore[type-arg]
    _, actor = await factories.school()
    await t.FiscalYear.insert(t.FiscalYear(school=actor.school_id, year_be=2570))
    with pytest.raises(Exception):  # noqa: B017
        await t.FiscalYear.insert(t.FiscalYear(school=actor.school_id, year_be=2570))
    assert await t.FiscalYear.count().where(t.FiscalYear.year_be == 2570) == 1


def test_migration_keeps_its_own_copy_of_the_unique_indexes() -> None:
    source = (MIGRATIONS / "prakat_0002_unique_indexes.py").read_text()
    frozen = next(
        ast.literal_eval(node.value)
        for node in ast.parse(source).body
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "UNIQUE_INDEXES"
    )
    assert tuple(frozen) == t.UNIQUE_INDEXES


async def test_migrate_again_applies_nothing(db: Engine) -> None:  # type: ignore[type-arg]
    assert await migrate() == []


async def test_clock_can_be_frozen(db: Engine, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[type-arg]
    frozen = datetime(2026, 3, 15, 1, 0, tzinfo=UTC)
    monkeypatch.setattr(clock, "now", lambda: frozen)
    _, actor = await factories.school()
    created = await factories.procurement(actor, requested_on=date(2026, 3, 15))
    assert created.created_at == frozen
    assert clock.today_bangkok() == date(2026, 3, 15)
    assert frozen + timedelta(hours=7) == clock.to_bangkok(frozen).replace(tzinfo=None).replace(tzinfo=UTC)


async def test_every_foreign_key_points_at_an_existing_table(db: Engine) -> None:  # type: ignore[type-arg]
    """SQLite accepts REFERENCES to a table that does not exist and fails only at insert time; PostgreSQL
    refuses the DDL. Read the constraints back from the database on both."""
    names = {table._meta.tablename for table in t.ALL_TABLES}
    if db.engine_type == "sqlite":
        referenced = set()
        for name in names:
            for row in await db.run_ddl(f"PRAGMA foreign_key_list('{name}')"):
                referenced.add(row["table"])
    else:
        rows = await t.School.raw(
            "SELECT DISTINCT ccu.table_name AS name FROM information_schema.constraint_column_usage ccu "
            "JOIN information_schema.table_constraints tc ON tc.constraint_name = ccu.constraint_name "
            "WHERE tc.constraint_type = 'FOREIGN KEY'"
        )
        referenced = {row["name"] for row in rows}
    assert referenced
    assert referenced <= names
