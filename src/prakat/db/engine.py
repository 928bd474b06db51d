"""Build the Piccolo engine from a database URL and bind every Prakat table to it."""

from __future__ import annotations

from pathlib import Path

from piccolo.engine.base import Engine
from piccolo.engine.postgres import PostgresEngine
from piccolo.engine.sqlite import SQLiteEngine
from piccolo.table import Table

from prakat.settings import Settings

# Seconds a SQLite writer waits for the lock instead of failing with "database is locked".
SQLITE_BUSY_TIMEOUT = 30


def sqlite_path(url: str) -> str:
    """Accept a plain path or a sqlite:/// URL."""
    for prefix in ("sqlite:///", "sqlite://"):
        if url.startswith(prefix):
            return url[len(prefix) :]
    return url


def make_engine(database_url: str) -> Engine:  # type: ignore[type-arg]
    if database_url.startswith(("postgres://", "postgresql://")):
        return PostgresEngine(config={"dsn": database_url})
    path = sqlite_path(database_url)
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    return SQLiteEngine(path=path, timeout=SQLITE_BUSY_TIMEOUT)


def bind(engine: Engine) -> None:  # type: ignore[type-arg]
    """Point every Prakat table, and Piccolo's own migration table, at ``engine``."""
    # Imported here to avoid a cycle: piccolo_conf imports this module at import time.
    from piccolo.apps.migrations.tables import Migration

    from prakat.db import piccolo_conf
    from prakat.db.tables import ALL_TABLES

    piccolo_conf.DB = engine
    tables: tuple[type[Table], ...] = (*ALL_TABLES, Migration)
    for table in tables:
        table._meta.db = engine


def configure(settings: Settings) -> Engine:  # type: ignore[type-arg]
    engine = make_engine(settings.database_url)
    bind(engine)
    return engine


async def open_engine(engine: Engine, pool_size: int = 10) -> None:  # type: ignore[type-arg]
    if isinstance(engine, PostgresEngine):
        await engine.start_connection_pool(min_size=1, max_size=pool_size)
    elif isinstance(engine, SQLiteEngine):
        # WAL lets readers (public pages) run while a teacher's write commits.
        await engine.run_ddl("PRAGMA journal_mode=WAL")


async def close_engine(engine: Engine) -> None:  # type: ignore[type-arg]
    if isinstance(engine, PostgresEngine):
        await engine.close_connection_pool()
