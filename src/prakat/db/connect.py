"""Make a Piccolo engine from a database URL: a SQLite path (or sqlite:/// URL) or a PostgreSQL URL."""

from __future__ import annotations

from pathlib import Path

from piccolo.engine.base import Engine
from piccolo.engine.postgres import PostgresEngine
from piccolo.engine.sqlite import SQLiteEngine

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
