from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.column_types import SmallInt

from prakat.db.migrate_helpers import add_columns, column_params

ID = "2026-12-04T07:50:00:000009"
VERSION = "1.38.0"
DESCRIPTION = "announcement month (monthly summary)"


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="prakat", description=DESCRIPTION)
    add_columns(
        manager, "Announcement", "announcement", [("month", SmallInt, column_params(default=None, null=True))]
    )
    return manager
