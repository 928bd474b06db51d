"""Composite uniqueness as unique indexes: the one form SQLite and PostgreSQL both accept after CREATE TABLE."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-11-26T03:30:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "unique indexes"

# Frozen copy, not an import of prakat.db.tables.UNIQUE_INDEXES: a migration must not change when the
# tables module does. tests/db check that the two agree.
UNIQUE_INDEXES = (
    ("fiscal_year_school_year", "fiscal_year", ("school", "year_be")),
    ("plan_year_revision", "plan", ("fiscal_year", "revision")),
    ("plan_item_plan_position", "plan_item", ("plan", "position")),
    ("vendor_school_tax_id", "vendor", ("school", "tax_id")),
    ("bid_procurement_vendor", "bid", ("procurement", "vendor")),
    ("announcement_school_sequence", "announcement", ("school", "sequence")),
)


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="prakat", description=DESCRIPTION)

    async def create_indexes():
        engine = engine_finder()
        for name, table, columns in UNIQUE_INDEXES:
            cols = ", ".join(f'"{c}"' for c in columns)
            await engine.run_ddl(f'CREATE UNIQUE INDEX IF NOT EXISTS "{name}" ON "{table}" ({cols})')

    async def drop_indexes():
        engine = engine_finder()
        for name, _table, _columns in UNIQUE_INDEXES:
            await engine.run_ddl(f'DROP INDEX IF EXISTS "{name}"')

    manager.add_raw(create_indexes)
    manager.add_raw_backwards(drop_indexes)
    return manager
