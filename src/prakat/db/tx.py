"""Write transactions that behave alike on both engines."""

from __future__ import annotations

from typing import Any

from piccolo.engine.sqlite import SQLiteEngine, TransactionType

from prakat.db.tables import School


def write_transaction() -> Any:
    """Every write goes through this. On SQLite the write lock is taken at BEGIN (IMMEDIATE): a
    deferred transaction that reads first and upgrades later fails with "database is locked" under
    concurrency instead of waiting for the busy timeout."""
    engine = School._meta.db
    if isinstance(engine, SQLiteEngine):
        return engine.transaction(transaction_type=TransactionType.immediate)
    return engine.transaction()


def in_transaction() -> bool:
    """True inside a transaction: after-commit work must wait for the outermost one."""
    return bool(School._meta.db.transaction_exists())
