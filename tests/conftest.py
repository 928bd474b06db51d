"""Test harness: a real database per test session, SQLite or PostgreSQL.

PRAKAT_TEST_DATABASE chooses the engine: unset or "sqlite" gives a SQLite file in a temporary
folder; a PostgreSQL URL (e.g. postgresql://postgres@127.0.0.1:5432/test) names a server on which a
fresh database is created for the session and dropped afterwards. scripts/test runs the suite once
per engine; tests that touch the database are marked ``db`` automatically.
"""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import asyncpg
import pytest
from litestar.testing import AsyncTestClient
from piccolo.engine.base import Engine

from prakat.app import create_app
from prakat.db.engine import bind, close_engine, make_engine, open_engine
from prakat.db.migrate import migrate
from prakat.db.tables import ALL_TABLES
from prakat.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
DB_FIXTURES = {"db", "client", "database"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if DB_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.db)


def _choice() -> str:
    return os.environ.get("PRAKAT_TEST_DATABASE", "sqlite").strip() or "sqlite"


def engine_name() -> str:
    return "sqlite" if _choice() == "sqlite" else "postgres"


def _with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    choice = _choice()
    if choice == "sqlite":
        yield str(tmp_path_factory.mktemp("db") / "prakat-test.sqlite3")
        return
    name = f"prakat_test_{uuid.uuid4().hex[:12]}"
    admin = choice

    async def create() -> None:
        conn = await asyncpg.connect(admin)
        try:
            await conn.execute(f'CREATE DATABASE "{name}"')
        finally:
            await conn.close()

    async def drop() -> None:
        conn = await asyncpg.connect(admin)
        try:
            await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        finally:
            await conn.close()

    asyncio.run(create())
    yield _with_database(admin, name)
    asyncio.run(drop())


@pytest.fixture(scope="session")
def settings(database_url: str, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    shared = Path(os.environ.get("PRAKAT_SHARED_DIR", str(ROOT.parent / "shared")))
    return Settings(
        database_url=database_url,
        shared_dir=shared,
        feeds_dir=tmp_path_factory.mktemp("feeds"),
        secret_key="test-secret",
        base_url="http://testserver",
        pool_size=4,
    )


@pytest.fixture(scope="session")
async def database(settings: Settings) -> AsyncIterator[Engine]:  # type: ignore[type-arg]
    engine = make_engine(settings.database_url)
    bind(engine)
    await open_engine(engine, settings.pool_size)
    await migrate()
    yield engine
    await close_engine(engine)


async def _empty_tables(engine: Engine) -> None:  # type: ignore[type-arg]
    names = [table._meta.tablename for table in reversed(ALL_TABLES)]
    if engine.engine_type == "postgres":
        await engine.run_ddl("TRUNCATE " + ", ".join(f'"{n}"' for n in names) + " RESTART IDENTITY CASCADE")
    else:
        for name in names:
            await engine.run_ddl(f'DELETE FROM "{name}"')


@pytest.fixture
async def db(database: Engine) -> AsyncIterator[Engine]:  # type: ignore[type-arg]
    """An empty, migrated database, bound to every table."""
    bind(database)
    await _empty_tables(database)
    yield database


@pytest.fixture
async def client(db: Engine, settings: Settings) -> AsyncIterator[AsyncTestClient[Any]]:  # type: ignore[type-arg]
    app = create_app(settings, engine=db)
    async with AsyncTestClient(app=app) as test_client:
        yield test_client
