"""Test harness: a real database per test session, SQLite or PostgreSQL.

PRAKAT_TEST_DATABASE chooses the engine: unset or "sqlite" gives a SQLite file in a temporary
folder; a PostgreSQL URL (e.g. postgresql://postgres@127.0.0.1:5432/test) names a server on which
the run's databases are created and dropped afterwards. scripts/test runs the suite once per engine;
tests that touch the database are marked ``db`` automatically.

Under pytest-xdist (scripts/test runs ``-n 2``) every worker is a session of its own: the schema is
migrated once per run into a template, and each worker works in its own copy of it (a database
named with the worker's id on PostgreSQL, a file of its own on SQLite), emptied before each test.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import uuid
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import asyncpg
import httpx
import hypothesis
import pytest
from litestar import Litestar
from piccolo.engine.base import Engine

from prakat.app import create_app
from prakat.db.connect import make_engine
from prakat.db.engine import bind, close_engine, open_engine
from prakat.db.migrate import migrate
from prakat.db.tables import ALL_TABLES
from prakat.documents import linebreak
from prakat.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
DB_FIXTURES = {"db", "client", "database", "fresh_database_url", "demo_database", "demo_database_url"}
PRAKAT = shutil.which("prakat", path=str(Path(sys.executable).parent)) or "prakat"
# Under pytest-xdist each worker is its own session with its own databases ("gw0", "gw1", ...).
WORKER = os.environ.get("PYTEST_XDIST_WORKER", "main")
# What one run shares between its workers (templates made once): a folder and a name, both made by
# the process that starts the run and passed to the workers it starts through the environment.
RUN_DIR_VAR, RUN_ID_VAR = "PRAKAT_TEST_RUN_DIR", "PRAKAT_TEST_RUN_ID"
_OWNS_RUN = pytest.StashKey[bool]()


def pytest_configure(config: pytest.Config) -> None:
    # As the render worker does before anything else: libthai reads its dictionary once per
    # process, so documents rendered in this process are the worker's, byte for byte.
    linebreak.use_field_dictionary()
    # Hypothesis's deadline and its too-slow check are clocks: on a shared 2-core machine running two
    # workers they fail tests that are right. Tests check what is computed, never how fast.
    hypothesis.settings.register_profile(
        "prakat", deadline=None, suppress_health_check=[hypothesis.HealthCheck.too_slow]
    )
    hypothesis.settings.load_profile("prakat")
    if not hasattr(config, "workerinput") and RUN_DIR_VAR not in os.environ:
        os.environ[RUN_DIR_VAR] = tempfile.mkdtemp(prefix="prakat-test-run-")
        os.environ[RUN_ID_VAR] = uuid.uuid4().hex[:10]
        config.stash[_OWNS_RUN] = True


def pytest_unconfigure(config: pytest.Config) -> None:
    """The process that made the run's folder drops the run's template databases with it."""
    if not config.stash.get(_OWNS_RUN, False):
        return
    choice = _choice()
    if choice != "sqlite":
        for name in _made_templates():
            with contextlib.suppress(OSError, asyncpg.PostgresError):
                asyncio.run(_admin(choice, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    shutil.rmtree(_run_dir(), ignore_errors=True)
    del os.environ[RUN_DIR_VAR], os.environ[RUN_ID_VAR]


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


def _run_dir() -> Path:
    return Path(os.environ[RUN_DIR_VAR])


def _made_templates() -> list[str]:
    return [p.stem for p in _run_dir().glob("*.ready")]


@contextmanager
def _new_database(tmp: Path) -> Iterator[str]:
    """A brand-new empty database on the engine under test, dropped afterwards."""
    choice = _choice()
    if choice == "sqlite":
        yield str(tmp / f"prakat-{uuid.uuid4().hex[:8]}.sqlite3")
        return
    # Every helper and CI job shares the server: the worker and a random part keep names apart.
    name = f"prakat_test_{WORKER}_{uuid.uuid4().hex[:12]}"
    asyncio.run(_admin(choice, f'CREATE DATABASE "{name}"'))
    try:
        yield _with_database(choice, name)
    finally:
        asyncio.run(_admin(choice, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


def run_template(kind: str, build: Callable[[str, Path], None]) -> tuple[str, Path]:
    """A database (and a folder beside it) built once per run by ``build(url, folder)`` and shared by
    every xdist worker, which copy it (copy_database); the first worker to ask builds it, the others
    wait for it. The run's starting process drops it at the end. Returns (url, folder)."""
    folder = _run_dir() / kind
    name = f"prakat_tmpl_{os.environ[RUN_ID_VAR]}_{kind}".replace("-", "_")
    choice = _choice()
    url = str(folder / "template.sqlite3") if choice == "sqlite" else _with_database(choice, name)
    with (_run_dir() / f"{kind}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        ready = _run_dir() / f"{name}.ready"
        if not ready.exists():
            folder.mkdir(exist_ok=True)
            if choice != "sqlite":
                asyncio.run(_admin(choice, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
                asyncio.run(_admin(choice, f'CREATE DATABASE "{name}"'))
            try:
                build(url, folder)
            except BaseException:
                if choice != "sqlite":  # nobody would drop it: no .ready file names it
                    asyncio.run(_admin(choice, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
                raise
            ready.touch()
    return url, folder


def copy_database(template: str, tmp: Path, label: str) -> str:
    """A copy of a run's template for this worker, as a new database (PostgreSQL, ``CREATE DATABASE
    ... TEMPLATE``) or file (SQLite, through SQLite's backup, which copies a consistent state)."""
    choice = _choice()
    if choice == "sqlite":
        path = tmp / f"prakat-{label}-{WORKER}-{uuid.uuid4().hex[:6]}.sqlite3"
        with closing(sqlite3.connect(template)) as source, closing(sqlite3.connect(path)) as target:
            source.backup(target)
        return str(path)
    name = f"prakat_test_{label}_{WORKER}_{uuid.uuid4().hex[:8]}".replace("-", "_")
    template_name = urlsplit(template).path.lstrip("/")
    asyncio.run(_admin(choice, f'CREATE DATABASE "{name}" TEMPLATE "{template_name}"'))
    return _with_database(choice, name)


def drop_database(url: str) -> None:
    """Drop a copy made by copy_database (a SQLite file goes with its temporary folder)."""
    choice = _choice()
    if choice != "sqlite":
        name = urlsplit(url).path.lstrip("/")
        asyncio.run(_admin(choice, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


def _migrate_into(url: str, _folder: Path) -> None:
    async def run() -> None:
        engine = make_engine(url)
        bind(engine)
        await open_engine(engine, 1)
        try:
            await migrate()
        finally:
            await close_engine(engine)

    asyncio.run(run())


def _load_demo(today: str | None) -> Callable[[str, Path], None]:
    def load(url: str, folder: Path) -> None:
        """`prakat demo` as a school runs it, in folder (where it writes its feeds)."""
        env = {**os.environ, "PRAKAT_DATABASE_URL": url}
        done = subprocess.run(
            [PRAKAT, "demo", *(["--today", today] if today else [])],
            env=env,
            cwd=folder,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        (folder / "demo.out").write_text(done.stdout, encoding="utf-8")

    return load


def demo_copy(tmp: Path, today: str | None = None) -> str:
    """A database of its own with the demo school loaded by `prakat demo [--today today]`, and the
    feeds the demo wrote in tmp/feeds, as if `prakat demo` had been run in tmp. The demo takes
    seconds, so it is loaded once per run and day (run_template) and copied; drop it with
    drop_database."""
    _, folder = template = run_template(f"demo-{today or 'today'}", _load_demo(today))
    if (folder / "feeds").is_dir() and not (tmp / "feeds").exists():
        shutil.copytree(folder / "feeds", tmp / "feeds", symlinks=True)
    return copy_database(template[0], tmp, "demo")


def demo_output(today: str | None = None) -> str:
    """What `prakat demo [--today today]` printed when it loaded the run's demo (demo_copy)."""
    _, folder = run_template(f"demo-{today or 'today'}", _load_demo(today))
    return (folder / "demo.out").read_text(encoding="utf-8")


DemoDatabase = Callable[[str | None], str]


@pytest.fixture
def demo_database(tmp_path: Path) -> Iterator[DemoDatabase]:
    """For tests that run Prakat in another process after `prakat demo`: ``demo_database(today)``
    (an ISO date, or None for the real today) gives such a database of the test's own, with the
    demo's feeds in tmp_path/feeds (demo_copy)."""
    made: list[str] = []

    def make(today: str | None) -> str:
        made.append(demo_copy(tmp_path, today))
        return made[-1]

    yield make
    for url in made:
        drop_database(url)


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """This worker's database: a copy of the run's schema template, migrated once per run."""
    template, _ = run_template("schema", _migrate_into)
    url = copy_database(template, tmp_path_factory.mktemp("db"), "db")
    yield url
    drop_database(url)


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
    await migrate()  # the template is migrated: this only checks that nothing is left to apply
    yield engine
    await close_engine(engine)


async def empty_tables(engine: Engine) -> None:  # type: ignore[type-arg]
    names = [table._meta.tablename for table in reversed(ALL_TABLES)]
    if engine.engine_type == "postgres":
        await engine.run_ddl("TRUNCATE " + ", ".join(f'"{n}"' for n in names) + " RESTART IDENTITY CASCADE")
    else:
        # One transaction, one commit (about half the time of a commit per table).
        async with engine.transaction():
            # RESTRICT is checked row by row in SQLite, so a correction must let go of what it corrects.
            await engine.run_ddl('UPDATE "announcement" SET "supersedes" = NULL')
            for name in names:
                await engine.run_ddl(f'DELETE FROM "{name}"')


@pytest.fixture
async def db(database: Engine) -> AsyncIterator[Engine]:  # type: ignore[type-arg]
    """An empty, migrated database, bound to every table."""
    bind(database)
    await empty_tables(database)
    yield database


def asgi_transport(app: Litestar) -> httpx.ASGITransport:
    """httpx's transport to the app in this process. httpx types an ASGI app's scope and messages
    as plain mappings, Litestar as its TypedDicts: the same protocol, which mypy cannot see."""
    return httpx.ASGITransport(app=app)  # type: ignore[arg-type]


@pytest.fixture
async def client(db: Engine, settings: Settings) -> AsyncIterator[httpx.AsyncClient]:  # type: ignore[type-arg]
    """The app in this test's own event loop. (Litestar's AsyncTestClient runs it on a portal thread
    with another loop, where a PostgreSQL pool opened here cannot be used.) The app does not own the
    engine, so its lifespan has nothing to do and is not run."""
    app = create_app(settings, engine=db)
    async with httpx.AsyncClient(transport=asgi_transport(app), base_url="http://testserver") as test_client:
        yield test_client
