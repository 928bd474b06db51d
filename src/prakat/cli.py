"""The `prakat` command."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Awaitable, Callable
from datetime import date, datetime
from typing import TypeVar

import click
import uvicorn

from prakat import clock
from prakat.app import create_app
from prakat.db.engine import close_engine, configure, open_engine
from prakat.db.migrate import migrate as run_migrations
from prakat.demo import DemoResult, load_demo
from prakat.settings import Settings

T = TypeVar("T")


def _with_database(settings: Settings, work: Callable[[], Awaitable[T]]) -> T:
    async def run() -> T:
        engine = configure(settings)
        await open_engine(engine, settings.pool_size)
        try:
            return await work()
        finally:
            await close_engine(engine)

    return asyncio.run(run())


def _describe(settings: Settings) -> str:
    if settings.is_postgres:
        return "PostgreSQL"
    return f"SQLite ({settings.database_url})"


@click.group(help="Prakat (ประกาศ): procurement disclosure for Thai public schools.")
def main() -> None:
    pass


@main.command(help="Create or upgrade the database schema (safe to run again).")
def migrate() -> None:
    settings = Settings.from_env()
    applied = _with_database(settings, run_migrations)
    click.echo(
        f"{_describe(settings)}: {len(applied)} migration(s) applied"
        + (f": {', '.join(applied)}" if applied else ", up to date")
    )


@main.command(
    help="Load the demo school: last fiscal year complete, this one up to today (migrates first; idempotent)."
)
@click.option(
    "--today",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Pretend today is this date (C.E., YYYY-MM-DD).",
)
def demo(today: object) -> None:
    settings = Settings.from_env()
    day: date = today.date() if isinstance(today, datetime) else clock.today_bangkok()

    async def work() -> DemoResult:
        await run_migrations()
        emblem = settings.default_emblem_path
        return await load_demo(day, emblem_path=emblem if emblem.exists() else None)

    result = _with_database(settings, work)
    verb = "created" if result.created else "already present, unchanged"
    click.echo(f"demo school '{result.slug}' {verb}:")
    for year in result.years:
        click.echo(
            f"  fiscal year {year.fiscal_year_be}: {year.plan_items} plan items, "
            f"{year.procurements} procurements, {year.announcements} announcements"
        )


@main.command(help="Serve Prakat over HTTP.")
@click.option("--host", default=None, help="Address to listen on (default 127.0.0.1 or PRAKAT_HOST).")
@click.option("--port", default=None, type=int, help="Port (default 8000 or PRAKAT_PORT).")
def serve(host: str | None, port: int | None) -> None:
    settings = Settings.from_env()
    uvicorn.run(
        create_app(settings),
        host=host or settings.host,
        port=port or settings.port,
        proxy_headers=True,
        log_level="info",
    )


if __name__ == "__main__":
    sys.exit(main())
