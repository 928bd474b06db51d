"""A vendor's business types as a set (e-GP prints "(ขายส่ง,ขายปลีก,ให้บริการ)" after a winner's name):
a new column of comma-separated BusinessType values, filled from the old one-value ``business_type``,
which stays (SQLite cannot drop or alter a column; the code keeps it equal to the first type)."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.column_types import Varchar
from piccolo.table import Table

from prakat.db.migrate_helpers import add_columns, column_params

ID = "2026-12-04T07:45:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "vendor business types"


class _Vendor(Table, tablename="vendor"):
    pass


async def carry_over() -> None:
    """Every vendor's one type becomes its set of one (vendors that have a set already keep it)."""
    await _Vendor.raw("UPDATE vendor SET business_types = business_type WHERE business_types = ''")


class _ThenCarryOver(MigrationManager):
    """Piccolo runs a migration's raw functions before its new columns exist; the old value is copied
    in the same transaction, right after the column is added."""

    async def _run_add_columns(self, backwards: bool = False) -> None:
        await super()._run_add_columns(backwards=backwards)
        if not backwards and not self.preview:
            await carry_over()


async def forwards():
    manager = _ThenCarryOver(migration_id=ID, app_name="prakat", description=DESCRIPTION)

    add_columns(
        manager, "Vendor", "vendor", [("business_types", Varchar, column_params(length=100, default=""))]
    )
    return manager
