"""The parts of the annual procurement report a school writes itself: one row per school, fiscal year
and part (unique index ``annual_report_text_year_part``; its own, not in 0002's frozen list)."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.base import OnDelete, OnUpdate
from piccolo.columns.column_types import ForeignKey, Serial, Text, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.columns.indexes import IndexMethod
from piccolo.engine import engine_finder
from piccolo.table import Table


class School(Table, tablename="school", schema=None):
    id = Serial(null=False, primary_key=True, unique=False, index=False, index_method=IndexMethod.btree)


class FiscalYear(Table, tablename="fiscal_year", schema=None):
    id = Serial(null=False, primary_key=True, unique=False, index=False, index_method=IndexMethod.btree)


class User(Table, tablename="app_user", schema=None):
    id = Serial(null=False, primary_key=True, unique=False, index=False, index_method=IndexMethod.btree)


ID = "2026-12-04T08:00:00:000010"
VERSION = "1.38.0"
DESCRIPTION = "annual report texts"

_PLAIN = {
    "primary_key": False,
    "unique": False,
    "index": False,
    "index_method": IndexMethod.btree,
    "choices": None,
    "db_column_name": None,
    "secret": False,
}


def _fk(references: type[Table], *, null: bool) -> dict[str, object]:
    return {
        "references": references,
        "on_delete": OnDelete.restrict,
        "on_update": OnUpdate.cascade,
        "target_column": None,
        "null": null,
        **({"default": None} if null else {}),
        **_PLAIN,
    }


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="prakat", description=DESCRIPTION)
    table = {"table_class_name": "AnnualReportText", "tablename": "annual_report_text", "schema": None}
    manager.add_table(
        class_name="AnnualReportText", tablename="annual_report_text", schema=None, columns=None
    )
    columns = (
        ("school", ForeignKey, _fk(School, null=False)),
        ("fiscal_year", ForeignKey, _fk(FiscalYear, null=False)),
        ("part", Varchar, {"length": 30, "default": "", "null": False, **_PLAIN}),
        ("text", Text, {"default": "", "null": False, **_PLAIN}),
        ("updated_at", Timestamptz, {"default": TimestamptzNow(), "null": False, **_PLAIN}),
        ("updated_by", ForeignKey, _fk(User, null=True)),
    )
    for name, column_class, params in columns:
        manager.add_column(
            **table,
            column_name=name,
            db_column_name=name,
            column_class_name=column_class.__name__,
            column_class=column_class,
            params=params,
        )

    async def create_index():
        await engine_finder().run_ddl(
            'CREATE UNIQUE INDEX IF NOT EXISTS "annual_report_text_year_part" '
            'ON "annual_report_text" ("school", "fiscal_year", "part")'
        )

    async def drop_index():
        await engine_finder().run_ddl('DROP INDEX IF EXISTS "annual_report_text_year_part"')

    manager.add_raw(create_index)
    manager.add_raw_backwards(drop_index)
    return manager
