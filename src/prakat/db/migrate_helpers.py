"""The add_column calls Piccolo writes for a new column, said once for the migrations (0005 on).

A migration must not change once it has run: keep what these return exactly as it is. A new kind of
column gets its own argument, never a changed default.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns import Column
from piccolo.columns.indexes import IndexMethod

# (column name, column class, params): one added column.
Added = tuple[str, type[Column], dict[str, Any]]


def column_params(**given: Any) -> dict[str, Any]:
    """The params Piccolo writes for every column (not null, no index, not unique), then ``given``."""
    return {
        "null": False,
        "primary_key": False,
        "unique": False,
        "index": False,
        "index_method": IndexMethod.btree,
        "choices": None,
        "db_column_name": None,
        "secret": False,
        **given,
    }


def add_columns(
    manager: MigrationManager, table_class_name: str, tablename: str, columns: Iterable[Added]
) -> None:
    """Add ``columns`` to the table, each under its own name in the database."""
    for name, column_class, params in columns:
        manager.add_column(
            table_class_name=table_class_name,
            tablename=tablename,
            column_name=name,
            db_column_name=name,
            column_class_name=column_class.__name__,
            column_class=column_class,
            params=params,
            schema=None,
        )
