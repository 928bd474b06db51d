from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.column_types import Text

from prakat.db.migrate_helpers import add_columns, column_params

ID = "2026-11-26T07:04:32:048519"
VERSION = "1.38.0"
DESCRIPTION = "embed origins"


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="prakat", description=DESCRIPTION)
    add_columns(manager, "School", "school", [("embed_origins", Text, column_params(default=""))])
    return manager
