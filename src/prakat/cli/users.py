"""`prakat user`: the accounts of a school, from the command line (the first admin is made here)."""

from __future__ import annotations

import sys
from collections.abc import Mapping
from typing import Any

import click

from prakat.audit import Actor
from prakat.auth.roles import Role
from prakat.cli.common import DOMAIN_ERRORS, fail, find_school, with_database
from prakat.db.migrate import migrate as run_migrations
from prakat.errors import InvalidInput
from prakat.schools import service as schools
from prakat.schools.schemas import School
from prakat.settings import Settings
from prakat.users import service as users
from prakat.users.schemas import User

# Where each field of a user comes from on the command line, to point at it in an error.
USER_OPTIONS: Mapping[str, str] = {
    "school": "--school",
    "username": "--username",
    "display_name": "--name",
    "position": "--position",
    "role": "--role",
    "password": "--password",
}


def _role_label(role: str) -> str:
    return Role(role).label if role in set(Role) else role


def _read_password(password: str | None, from_stdin: bool) -> str:
    if from_stdin:
        if password is not None:
            raise click.UsageError("use either --password or --password-stdin, not both")
        return sys.stdin.readline().rstrip("\r\n")
    if password is not None:
        return password
    entered: str = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    return entered


@click.group(help="Accounts: who may sign in to a school, with which role.")
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
            fail(InvalidInput(others), USER_OPTIONS)
    raw["password"] = _read_password(password, password_stdin)

    async def work() -> tuple[User, School]:
        await run_migrations()
        school = await find_school(slug)
        created = await users.create_user(Actor(school_id=school.id), users.parse_user(raw))
        return created, school

    try:
        created, school = with_database(settings, work)
    except DOMAIN_ERRORS as exc:
        fail(exc, USER_OPTIONS)
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
        listing = with_database(settings, work)
    except DOMAIN_ERRORS as exc:
        fail(exc, USER_OPTIONS)
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
