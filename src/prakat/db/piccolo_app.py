"""Registers Prakat's tables and its single migration stream with Piccolo."""

from pathlib import Path

from piccolo.conf.apps import AppConfig

from prakat.db.tables import ALL_TABLES

APP_CONFIG = AppConfig(
    app_name="prakat",
    migrations_folder_path=str(Path(__file__).parent / "migrations"),
    table_classes=list(ALL_TABLES),
    migration_dependencies=[],
    commands=[],
)
