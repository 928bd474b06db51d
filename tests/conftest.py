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
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import asyncpg
import httpx
import pytest
from piccolo.engine.base import Engine

from prakat.app import create_app
from prakat.db.connect import make_engine
from prakat.db.engine import bind, close_engine, open_engine
from prakat.db.migrate import migrate
from prakat.db.tables import ALL_TABLES
from prakat.documents import linebreak
from prakat.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
DB_FIXTURES = {"db", "client", "database", "fresh_database_url"}


def pytest_configure(config: pytest.Config) -> None:
    # As the render worker does before anything else: libthai reads its dictionary once per
    # process, so documents rendered in this process are the worker's, byte for byte.
    linebreak.use_field_dictionary()


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


async def _admin(url: str, sql: str) -> None:
    conn = await asyncpg.connect(url)
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


@contextmanager
def _new_database(tmp: Path) -> Iterator[str]:
    """A brand-new empty database on the engine under test, dropped afterwards."""
    choice = _choice()
    if choice == "sqlite":
        yield str(tmp / f"prakat-{uuid.uuid4().hex[:8]}.sqlite3")
        return
    name = f"prakat_test_{uuid.uuid4().hex[:12]}"
    asyncio.run(_admin(choice, f'CREATE DATABASE "{name}"'))
    try:
        yield _with_database(choice, name)
    finally:
        asyncio.run(_admin(choice, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with _new_database(tmp_path_factory.mktemp("db")) as url:
        yield url


@pytest.fixture
def fresh_database_url(tmp_path: Path) -> Iterator[str]:
    """For tests that run Prakat in another process (the CLI, the server)."""
    with _new_database(tmp_path) as url:
        yield url


@pytest.fixture(scope="session", autouse=True)
def shared_material() -> None:
    """The emblem the documents need comes from ../shared beside the checkout (never copied in)."""
    emblem = Settings().default_emblem_path
    if not emblem.is_file():
        pytest.exit(
            f"missing {emblem}: run the tests with ../shared beside the checkout, as CI does", returncode=2
        )


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
        # RESTRICT is checked row by row in SQLite, so a correction must let go of what it corrects.
        await engine.run_ddl('UPDATE "announcement" SET "supersedes" = NULL')
        for name in names:
            await engine.run_ddl(f'DELETE FROM "{name}"')


@pytest.fixture
async def db(database: Engine) -> AsyncIterator[Engine]:  # type: ignore[type-arg]
    """An empty, migrated database, bound to every table."""
    bind(database)
    await _empty_tables(database)
    yield database


@pytest.fixture
async def client(db: Engine, settings: Settings) -> AsyncIterator[httpx.AsyncClient]:  # type: ignore[type-arg]
    """The app in this test's own event loop. (Litestar's AsyncTestClient runs it on a portal thread
    with another loop, where a PostgreSQL pool opened here cannot be used.) The app does not own the
    engine, so its lifespan has nothing to do and is not run."""
    app = create_app(settings, engine=db)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as test_client:
        yield test_client
