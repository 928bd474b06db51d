"""What the commands share: a database for the length of a command, and Thai errors without a
traceback."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Awaitable, Callable, Mapping
from typing import NoReturn, TypeVar

import click

from prakat.db.engine import close_engine, configure, open_engine
from prakat.errors import Conflict, Forbidden, InvalidInput, NotFound
from prakat.schools import service as schools
from prakat.schools.schemas import School
from prakat.settings import Settings

T = TypeVar("T")
DOMAIN_ERRORS = (InvalidInput, NotFound, Conflict, Forbidden)


def with_database(settings: Settings, work: Callable[[], Awaitable[T]]) -> T:
    async def run() -> T:
        engine = configure(settings)
        await open_engine(engine, settings.pool_size)
        try:
            return await work()
        finally:
            await close_engine(engine)

    return asyncio.run(run())


def describe(settings: Settings) -> str:
    if settings.is_postgres:
        return "PostgreSQL"
    return f"SQLite ({settings.database_url})"


def fail(exc: Exception, options: Mapping[str, str] | None = None) -> NoReturn:
    """Print the Thai message(s) of a domain error, without a traceback, and exit 1; ``options``
    names the command-line option of each field, to point at it."""
    options = options or {}
    if isinstance(exc, InvalidInput):
        for field, message in exc.errors.items():
            option = options.get(field)
            click.echo(f"{message} ({option})" if option else message, err=True)
    else:
        click.echo(str(exc), err=True)
    sys.exit(1)


async def find_school(slug: str | None) -> School:
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
