"""Commands on the database: migrate, the demo school, the feed files."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import click

from prakat import clock, feedsync
from prakat.cli.common import DOMAIN_ERRORS, describe, fail, with_database
from prakat.db.migrate import migrate as run_migrations
from prakat.demo import DEMO_PASSWORD, DEMO_USERS, DemoResult, load_demo
from prakat.feeds.files import ARCHIVE_CACHE
from prakat.feeds.store import SchoolFeeds
from prakat.settings import Settings


@click.command(help="Create or upgrade the database schema (safe to run again).")
def migrate() -> None:
    settings = Settings.from_env()
    applied = with_database(settings, run_migrations)
    click.echo(
        f"{describe(settings)}: {len(applied)} migration(s) applied"
        + (f": {', '.join(applied)}" if applied else ", up to date")
    )


@click.command(
    help="Load the demo school: the two fiscal years before this one complete, this one up to today "
    "(migrates first; idempotent)."
)
@click.option(
    "--today",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Pretend today is this date (C.E., YYYY-MM-DD).",
)
def demo(today: object) -> None:
    settings = Settings.from_env()
    # Every publication the demo makes rewrites the school's feed files, as the server's would.
    feedsync.listen(settings)
    day: date = today.date() if isinstance(today, datetime) else clock.today_bangkok()

    emblem = settings.default_emblem_path
    if not emblem.is_file():
        raise click.ClickException(
            f"the demo's documents need the Garuda emblem at {emblem}; "
            "put ../shared beside the checkout or set PRAKAT_SHARED_DIR"
        )

    async def work() -> DemoResult:
        await run_migrations()
        return await load_demo(day, emblem_path=emblem)

    result = with_database(settings, work)
    verb = "created" if result.created else "already present, unchanged"
    click.echo(f"demo school '{result.slug}' {verb}:")
    for year in result.years:
        click.echo(
            f"  fiscal year {year.fiscal_year_be}: {year.plan_items} plan items, "
            f"{year.procurements} procurements, {year.announcements} announcements"
        )
    users = ", ".join(username for username, _ in DEMO_USERS)
    click.echo(f"  sign in at /login as {users} with the password {DEMO_PASSWORD}")


@click.command(
    name="publish-feeds",
    help="Write every feed of every school (or of --school) into PRAKAT_FEEDS_DIR (default ./feeds), "
    "atomically, for nginx, a CDN or the school's own host to serve.",
)
@click.option("--school", "slug", default=None, help="Only this school (slug).")
def publish_feeds(slug: str | None) -> None:
    settings = Settings.from_env()
    service = feedsync.FeedSync(settings)

    async def work() -> list[SchoolFeeds]:
        return await service.publish_all([slug.strip().lower()] if slug else None)

    try:
        written = with_database(settings, work)
    except DOMAIN_ERRORS as exc:
        fail(exc, {"school": "--school"})
    if not written:
        click.echo("no schools: nothing written")
    for school_feeds in written:
        files = school_feeds.files
        size = sum(len(f.body) + len(f.gzip) for f in files.values())
        folder = Path(settings.feeds_dir) / school_feeds.school.slug
        click.echo(
            f"{school_feeds.school.slug}: {len(files)} feeds (+ .gz), {size:,} bytes, "
            f"in {folder} -> {school_feeds.target}"
        )
        stems: dict[str, list[str]] = {}
        for path in sorted(files):
            stem, fmt = path.rsplit(".", 1)
            stems.setdefault(stem, []).append(fmt)
        for stem, fmts in stems.items():
            done = files[f"{stem}.{fmts[0]}"].cache_control == ARCHIVE_CACHE
            click.echo(f"  {stem}.{{{','.join(fmts)}}}" + (" (complete: never changes)" if done else ""))
