from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.column_types import Date, Text, Varchar
from piccolo.columns.indexes import IndexMethod

ID = "2026-12-04T00:07:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "document fields"

# (column, class, extra params): what the invitation, the draft hearing and the reference-price form
# print, added to procurement. Additive only: SQLite cannot alter columns.
COLUMNS = (
    ("bidder_qualifications", Text, {"default": "", "null": False}),
    ("bid_on", Date, {"default": None, "null": True}),
    ("bid_from", Varchar, {"default": "", "null": False, "length": 5}),
    ("bid_until", Varchar, {"default": "", "null": False, "length": 5}),
    ("documents_from", Date, {"default": None, "null": True}),
    ("documents_until", Date, {"default": None, "null": True}),
    ("inquiry", Text, {"default": "", "null": False}),
    ("hearing_from", Date, {"default": None, "null": True}),
    ("hearing_until", Date, {"default": None, "null": True}),
    ("draft_location", Text, {"default": "", "null": False}),
    ("comment_channel", Text, {"default": "", "null": False}),
    ("price_set_on", Date, {"default": None, "null": True}),
    ("price_setters", Text, {"default": "", "null": False}),
    ("price_sources", Text, {"default": "", "null": False}),
    ("work_outline", Text, {"default": "", "null": False}),
)


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="prakat", description=DESCRIPTION)
    for name, column_class, extra in COLUMNS:
        manager.add_column(
            table_class_name="Procurement",
            tablename="procurement",
            column_name=name,
            db_column_name=name,
            column_class_name=column_class.__name__,
            column_class=column_class,
            params={
                **extra,
                "primary_key": False,
                "unique": False,
                "index": False,
                "index_method": IndexMethod.btree,
                "choices": None,
                "db_column_name": None,
                "secret": False,
            },
            schema=None,
        )
    return manager
