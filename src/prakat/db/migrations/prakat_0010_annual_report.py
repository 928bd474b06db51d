"""The parts of the annual procurement report a school writes itself: one row per school, fiscal year
and part (unique index ``annual_report_text_year_part``; its own, not in 0002's frozen list).

Piccolo runs a migration's raw steps before its add_table/add_column steps, so the table is created
here by a raw step too, from a frozen copy of its definition (Piccolo writes the DDL of each engine),
and the index after it."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns import ForeignKey, OnDelete, Serial, Text, Timestamptz, Varchar
from piccolo.engine import engine_finder
from piccolo.table import Table


class School(Table, tablename="school"):
    id = Serial(primary_key=True)


class FiscalYear(Table, tablename="fiscal_year"):
    id = Serial(primary_key=True)


class User(Table, tablename="app_user"):
    id = Serial(primary_key=True)


class AnnualReportText(Table, tablename="annual_report_text"):
    id = Serial(primary_key=True)
    school = ForeignKey(references=School, on_delete=OnDelete.restrict)
    fiscal_year = ForeignKey(references=FiscalYear, on_delete=OnDelete.restrict)
    part = Varchar(length=30)
    text = Text(default="")
    updated_at = Timestamptz()
    updated_by = ForeignKey(references=User, on_delete=OnDelete.restrict, null=True, default=None)


ID = "2026-12-04T08:00:00:000010"
VERSION = "1.38.0"
DESCRIPTION = "annual report texts"
INDEX = "annual_report_text_year_part"


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="prakat", description=DESCRIPTION)

    async def create():
        await AnnualReportText.create_table(if_not_exists=True)
        await engine_finder().run_ddl(
            f'CREATE UNIQUE INDEX IF NOT EXISTS "{INDEX}" ON "annual_report_text" ("school", "fiscal_year", "part")'
        )

    async def drop():
        await engine_finder().run_ddl(f'DROP INDEX IF EXISTS "{INDEX}"')
        await AnnualReportText.alter().drop_table(if_exists=True)

    manager.add_raw(create)
    manager.add_raw_backwards(drop)
    return manager
