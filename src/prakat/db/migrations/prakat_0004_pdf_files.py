from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.base import OnDelete
from piccolo.columns.base import OnUpdate
from piccolo.columns.column_types import Bytea
from piccolo.columns.column_types import ForeignKey
from piccolo.columns.column_types import Integer
from piccolo.columns.column_types import Serial
from piccolo.columns.column_types import Timestamptz
from piccolo.columns.column_types import Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table

from prakat.db.migrate_helpers import add_columns, column_params


class School(Table, tablename="school", schema=None):
    id = Serial(null=False, primary_key=True)


ID = "2026-11-26T04:38:48:630344"
VERSION = "1.38.0"
DESCRIPTION = "pdf files"


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="prakat", description=DESCRIPTION)

    manager.add_table(class_name="PdfFile", tablename="pdf_file", schema=None, columns=None)

    add_columns(
        manager,
        "PdfFile",
        "pdf_file",
        [
            (
                "school",
                ForeignKey,
                column_params(
                    references=School,
                    on_delete=OnDelete.restrict,
                    on_update=OnUpdate.cascade,
                    target_column=None,
                ),
            ),
            ("sha256", Varchar, column_params(length=64, default="", unique=True)),
            ("data", Bytea, column_params(default=b"")),
            ("size", Integer, column_params(default=0)),
            ("created_at", Timestamptz, column_params(default=TimestamptzNow())),
        ],
    )
    return manager
