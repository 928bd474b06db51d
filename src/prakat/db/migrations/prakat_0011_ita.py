"""ITA criteria as data: the variant and item tables, and the school's choice of variant and the days
after a month's end before its missing summary is flagged."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.base import OnDelete, OnUpdate
from piccolo.columns.column_types import (
    Date,
    ForeignKey,
    Integer,
    Serial,
    SmallInt,
    Text,
    Timestamptz,
    Varchar,
)
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.engine import engine_finder
from piccolo.table import Table

from prakat.db.migrate_helpers import add_columns, column_params

ID = "2026-12-04T09:30:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "ita criteria"

# Frozen here (a migration must not change when the tables module does).
UNIQUE_INDEXES = (
    ("ita_variant_school_year_code", "ita_variant", ("school", "year_be", "code")),
    ("ita_item_variant_code", "ita_item", ("variant", "code")),
)


class School(Table, tablename="school", schema=None):
    id = Serial(null=False, primary_key=True)


class ItaVariant(Table, tablename="ita_variant", schema=None):
    id = Serial(null=False, primary_key=True)


def _fk(references, null=False):
    return ForeignKey, column_params(
        references=references,
        on_delete=OnDelete.restrict,
        on_update=OnUpdate.cascade,
        target_column=None,
        null=null,
        default=None,
    )


COLUMNS = {
    ("ItaVariant", "ita_variant"): (
        ("school", *_fk(School)),
        ("year_be", Integer, column_params(default=0)),
        ("code", Varchar, column_params(length=30, default="")),
        ("title", Varchar, column_params(length=255, default="")),
        ("created_at", Timestamptz, column_params(default=TimestamptzNow())),
    ),
    ("ItaItem", "ita_item"): (
        ("school", *_fk(School)),
        ("variant", *_fk(ItaVariant)),
        ("position", Integer, column_params(default=0)),
        ("code", Varchar, column_params(length=20, default="")),
        ("title", Varchar, column_params(length=500, default="")),
        ("covers", Varchar, column_params(length=20, default="current")),
        ("evidence", Varchar, column_params(length=200, default="")),
        ("months_from", SmallInt, column_params(default=1)),
        ("months_to", SmallInt, column_params(default=12)),
        ("opens_on", Date, column_params(default=None, null=True)),
        ("note", Text, column_params(default="")),
    ),
}


class _WithIndexes(MigrationManager):
    """Piccolo runs raw SQL before it adds tables: the unique indexes follow the new columns instead,
    in the same transaction."""

    async def _run_add_columns(self, backwards=False):
        await super()._run_add_columns(backwards=backwards)
        engine = engine_finder()
        for name, table, columns in UNIQUE_INDEXES:
            if backwards:
                await engine.run_ddl(f'DROP INDEX IF EXISTS "{name}"')
            else:
                cols = ", ".join(f'"{c}"' for c in columns)
                await engine.run_ddl(f'CREATE UNIQUE INDEX IF NOT EXISTS "{name}" ON "{table}" ({cols})')


async def forwards():
    manager = _WithIndexes(migration_id=ID, app_name="prakat", description=DESCRIPTION)

    add_columns(
        manager,
        "School",
        "school",
        [
            ("ita_variant", Varchar, column_params(length=30, default="agency")),
            ("summary_grace_days", Integer, column_params(default=15)),
        ],
    )
    for (class_name, tablename), columns in COLUMNS.items():
        manager.add_table(class_name=class_name, tablename=tablename, schema=None, columns=None)
        add_columns(manager, class_name, tablename, columns)
    return manager
