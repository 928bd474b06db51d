"""Bind every Prakat table (and Piccolo's migration table) to an engine, and open or close it.

The engine itself is made from a database URL in ``prakat.db.connect``, which ``piccolo_conf`` uses too:
the arrows go engine → piccolo_conf → connect, never back."""

from __future__ import annotations

from piccolo.apps.migrations.tables import Migration
from piccolo.engine.base import Engine
from piccolo.engine.postgres import PostgresEngine
from piccolo.engine.sqlite import SQLiteEngine
from piccolo.table import Table

from prakat.db import piccolo_conf
from prakat.db.connect import make_engine
from prakat.db.tables import ALL_TABLES
from prakat.settings import Settings


def bind(engine: Engine) -> None:  # type: ignore[type-arg]
    """Point every Prakat table, and Piccolo's own migration table, at ``engine``."""
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
