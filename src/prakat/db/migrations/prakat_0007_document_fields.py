from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.column_types import Date, Text, Varchar

from prakat.db.migrate_helpers import add_columns, column_params

ID = "2026-12-04T00:07:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "document fields"

# (column, class, extra params): what the invitation, the draft hearing and the reference-price form
# print, added to procurement. Additive only: SQLite cannot alter columns.
COLUMNS = (
    ("bidder_qualifications", Text, column_params(default="")),
    ("bid_on", Date, column_params(default=None, null=True)),
    ("bid_from", Varchar, column_params(default="", length=5)),
    ("bid_until", Varchar, column_params(default="", length=5)),
    ("documents_from", Date, column_params(default=None, null=True)),
    ("documents_until", Date, column_params(default=None, null=True)),
    ("inquiry", Text, column_params(default="")),
    ("hearing_from", Date, column_params(default=None, null=True)),
    ("hearing_until", Date, column_params(default=None, null=True)),
    ("draft_location", Text, column_params(default="")),
    ("comment_channel", Text, column_params(default="")),
    ("price_set_on", Date, column_params(default=None, null=True)),
    ("price_setters", Text, column_params(default="")),
    ("price_sources", Text, column_params(default="")),
    ("work_outline", Text, column_params(default="")),
)


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="prakat", description=DESCRIPTION)
    add_columns(manager, "Procurement", "procurement", COLUMNS)
    return manager
