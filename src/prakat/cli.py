"""The `prakat` command."""

from __future__ import annotations

import asyncio
import shutil
import subprocess
import sys
from collections.abc import Awaitable, Callable, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import click
import uvicorn
from granian import Granian
from granian.constants import Interfaces

from prakat import clock, feedstore
from prakat.announcements import pdf, samples
from prakat.announcements import service as announcements
from prakat.announcements.schemas import Announcement
from prakat.app import create_app
from prakat.audit import Actor
from prakat.auth.roles import Role
from prakat.db.engine import close_engine, configure, open_engine
from prakat.db.migrate import migrate as run_migrations
from prakat.demo import DEMO_PASSWORD, DEMO_USERS, DemoResult, load_demo
from prakat.errors import Conflict, Forbidden, InvalidInput, NotFound
from prakat.rules import AnnouncementKind
from prakat.schools import service as schools
from prakat.schools.schemas import School
from prakat.schools.service import get_school_by_slug
from prakat.settings import Settings
from prakat.users import service as users
from prakat.users.schemas import User

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
    # Every publication made by a command (`prakat demo` too) rewrites that school's feed files.
    feedstore.listen(Settings.from_env())


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

    emblem = settings.default_emblem_path
    if not emblem.is_file():
        raise click.ClickException(
            f"the demo's documents need the Garuda emblem at {emblem}; "
            "put ../shared beside the checkout or set PRAKAT_SHARED_DIR"
        )

    async def work() -> DemoResult:
        await run_migrations()
        return await load_demo(day, emblem_path=emblem)

    result = _with_database(settings, work)
    verb = "created" if result.created else "already present, unchanged"
    click.echo(f"demo school '{result.slug}' {verb}:")
    for year in result.years:
        click.echo(
            f"  fiscal year {year.fiscal_year_be}: {year.plan_items} plan items, "
            f"{year.procurements} procurements, {year.announcements} announcements"
        )
    users = ", ".join(username for username, _ in DEMO_USERS)
    click.echo(f"  sign in at /login as {users} with the password {DEMO_PASSWORD}")


@main.group(help="Official PDF documents.")
def documents() -> None:
    pass


@documents.command(
    name="render",
    help="Write a PDF of every announcement kind, and a PNG of each first page: the school's newest "
    "announcement of each kind, or, for a kind it has not published, a sample built from its records.",
)
@click.option("--school", "slug", default="demo", show_default=True, help="The school's slug.")
@click.option(
    "--out",
    "out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("out/documents"),
    show_default=True,
)
def documents_render(slug: str, out: Path) -> None:
    settings = Settings.from_env()

    async def work() -> list[tuple[str, str, bytes]]:
        school = await get_school_by_slug(slug)
        found = await announcements.list_announcements(school.id, statuses=tuple(announcements.STATUS_LABELS))
        latest: dict[str, Announcement] = {}
        for a in found:  # newest first: keep each kind's newest
            latest.setdefault(a.kind, a)
        rendered = []
        for kind in AnnouncementKind:
            have = latest.get(kind.value)
            if have is not None and have.pdf_sha256:
                rendered.append((kind.value, "published", await pdf.stored(school.id, have.pdf_sha256)))
            elif have is not None:
                preview = await announcements.with_preview_snapshot(school.id, have)
                rendered.append(
                    (
                        kind.value,
                        have.status,
                        await pdf.render(school, preview, signer=pdf.school_signer(school)),
                    )
                )
            else:
                made = await samples.sample(school, kind)
                if made is None:
                    rendered.append((kind.value, "nothing to base a sample on", b""))
                else:
                    rendered.append((kind.value, "sample", await pdf.render(school, made)))
        return rendered

    out.mkdir(parents=True, exist_ok=True)
    can_draw = shutil.which("pdftoppm") is not None
    for kind, source, data in _with_database(settings, work):
        if not data:
            click.echo(f"{kind}: skipped ({source})")
            continue
        target = out / f"{kind}.pdf"
        target.write_bytes(data)
        if can_draw:
            subprocess.run(
                [
                    "pdftoppm",
                    "-png",
                    "-r",
                    "60",
                    "-f",
                    "1",
                    "-l",
                    "1",
                    "-singlefile",
                    str(target),
                    str(out / kind),
                ],
                check=True,
            )
        click.echo(
            f"{target} ({source}, {len(data):,} bytes)"
            + ("" if can_draw else "; no PNG: install poppler-utils")
        )


@main.command(
    name="publish-feeds",
    help="Write every feed of every school (or of --school) into PRAKAT_FEEDS_DIR (default ./feeds), "
    "atomically, for nginx, a CDN or the school's own host to serve.",
)
@click.option("--school", "slug", default=None, help="Only this school (slug).")
def publish_feeds(slug: str | None) -> None:
    settings = Settings.from_env()
    store = feedstore.FeedStore(settings)

    async def work() -> list[feedstore.SchoolFeeds]:
        return await store.publish_all([slug.strip().lower()] if slug else None)

    try:
        written = _with_database(settings, work)
    except DOMAIN_ERRORS as exc:
        _fail(exc)
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
            done = files[f"{stem}.{fmts[0]}"].cache_control == feedstore.ARCHIVE_CACHE
            click.echo(f"  {stem}.{{{','.join(fmts)}}}" + (" (complete: never changes)" if done else ""))


@main.command(help="Serve Prakat over HTTP (granian by default: measured faster; see benchmarks/).")
@click.option("--host", default=None, help="Address to listen on (default 127.0.0.1 or PRAKAT_HOST).")
@click.option("--port", default=None, type=int, help="Port (default 8000 or PRAKAT_PORT).")
@click.option(
    "--server",
    type=click.Choice(["granian", "uvicorn"]),
    default="granian",
    show_default=True,
    help="The ASGI server.",
)
@click.option("--workers", default=None, type=int, help="Worker processes (default 1 or PRAKAT_WORKERS).")
def serve(host: str | None, port: int | None, server: str, workers: int | None) -> None:
    settings = Settings.from_env()
    if server == "uvicorn":
        uvicorn.run(
            create_app(settings),
            host=host or settings.host,
            port=port or settings.port,
            proxy_headers=True,
            log_level="info",
        )
        return
    Granian(
        "prakat.app:served_app",
        factory=True,
        interface=Interfaces.ASGI,
        address=host or settings.host,
        port=port or settings.port,
        workers=workers or settings.workers,
    ).serve()


# Where each field of a user comes from on the command line, to point at it in an error.
USER_OPTIONS: Mapping[str, str] = {
    "school": "--school",
    "username": "--username",
    "display_name": "--name",
    "position": "--position",
    "role": "--role",
    "password": "--password",
}
DOMAIN_ERRORS = (InvalidInput, NotFound, Conflict, Forbidden)


def _fail(exc: Exception) -> NoReturn:
    """Print the Thai message(s) of a domain error, without a traceback, and exit 1."""
    if isinstance(exc, InvalidInput):
        for field, message in exc.errors.items():
            option = USER_OPTIONS.get(field)
            click.echo(f"{message} ({option})" if option else message, err=True)
    else:
        click.echo(str(exc), err=True)
    sys.exit(1)


def _role_label(role: str) -> str:
    return Role(role).label if role in set(Role) else role


async def _find_school(slug: str | None) -> School:
    """The school named by --school, or the only school when there is exactly one."""
    if slug:
        return await schools.get_school_by_slug(slug.strip().lower())
    found = await schools.list_schools()
    if len(found) == 1:
        return found[0]
    if not found:
        raise InvalidInput({"school": "โรงเรียน: ยังไม่มีโรงเรียนในฐานข้อมูล"})
    slugs = ", ".join(school.slug for school in found)
    raise InvalidInput({"school": f"โรงเรียน: มีหลายโรงเรียน กรุณาระบุว่าเป็นโรงเรียนใด ({slugs})"})


def _read_password(password: str | None, from_stdin: bool) -> str:
    if from_stdin:
        if password is not None:
            raise click.UsageError("use either --password or --password-stdin, not both")
        return sys.stdin.readline().rstrip("\r\n")
    if password is not None:
        return password
    entered: str = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    return entered


@main.group(help="Accounts: who may sign in to a school, with which role.")
def user() -> None:
    pass


@user.command("add", help="Create an account (migrates first). The first admin of a school is made here.")
@click.option("--school", "slug", default=None, help="School slug (default: the only school, if just one).")
@click.option("--username", default="", help="Sign-in name: 3-100 of a-z 0-9 . _ - (stored lower-case).")
@click.option("--name", "display_name", default="", help="Full name as shown in Prakat (ชื่อ-นามสกุล).")
@click.option("--position", default="", help="Position (ตำแหน่ง), optional.")
@click.option(
    "--role",
    default=Role.ADMIN.value,
    show_default=True,
    help="officer, head, director or admin (admin is for the school's first account).",
)
@click.option(
    "--password",
    default=None,
    help="The password. Visible to others in the process list: prefer the prompt or --password-stdin.",
)
@click.option(
    "--password-stdin", is_flag=True, help="Read the password from the first line of stdin (scripts)."
)
def user_add(
    slug: str | None,
    username: str,
    display_name: str,
    position: str,
    role: str,
    password: str | None,
    password_stdin: bool,
) -> None:
    settings = Settings.from_env()
    raw: dict[str, Any] = {
        "username": username,
        "display_name": display_name,
        "position": position,
        "role": role,
    }
    # Point out a bad username or role before anyone types a password twice.
    try:
        users.parse_user({**raw, "password": None})
    except InvalidInput as exc:
        others = {k: v for k, v in exc.errors.items() if k != "password"}
        if others:
            _fail(InvalidInput(others))
    raw["password"] = _read_password(password, password_stdin)

    async def work() -> tuple[User, School]:
        await run_migrations()
        school = await _find_school(slug)
        created = await users.create_user(Actor(school_id=school.id), users.parse_user(raw))
        return created, school

    try:
        created, school = _with_database(settings, work)
    except DOMAIN_ERRORS as exc:
        _fail(exc)
    click.echo(f"created user {created.username} ({_role_label(created.role)}) at {school.name}")


@user.command("list", help="List the accounts of one school, or of every school.")
@click.option("--school", "slug", default=None, help="School slug (default: every school).")
def user_list(slug: str | None) -> None:
    settings = Settings.from_env()

    async def work() -> list[tuple[School, list[User]]]:
        await run_migrations()
        chosen = (
            [await schools.get_school_by_slug(slug.strip().lower())] if slug else await schools.list_schools()
        )
        return [(school, await users.list_users(school.id)) for school in chosen]

    try:
        listing = _with_database(settings, work)
    except DOMAIN_ERRORS as exc:
        _fail(exc)
    for school, people in listing:
        click.echo(f"{school.name} ({school.slug})")
        if not people:
            click.echo("  (no users)")
        for person in people:
            status = "" if person.active else "\tinactive"
            position = f", {person.position}" if person.position else ""
            click.echo(
                f"  {person.username}\t{person.role} ({_role_label(person.role)})"
                f"\t{person.display_name}{position}{status}"
            )


if __name__ == "__main__":
    sys.exit(main())
