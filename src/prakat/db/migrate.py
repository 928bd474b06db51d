"""Run Prakat's one migration stream against the bound engine."""

from __future__ import annotations

import contextlib
import io

from piccolo.apps.migrations.commands.forwards import run_forwards
from piccolo.apps.migrations.tables import Migration


class MigrationError(RuntimeError):
    pass


async def migrate() -> list[str]:
    """Apply every pending migration; returns the IDs applied by this call (empty when up to date)."""
    await Migration.create_table(if_not_exists=True)
    before = set(await Migration.get_migrations_which_ran(app_name="prakat"))
    # Piccolo prints progress with emoji; keep our own output plain and in our hands.
    with contextlib.redirect_stdout(io.StringIO()) as out:
        result = await run_forwards(app_name="prakat", migration_id="all")
    if not result.success:
        raise MigrationError(f"{result.message}\n{out.getvalue()}")
    after = await Migration.get_migrations_which_ran(app_name="prakat")
    return [m for m in after if m not in before]
