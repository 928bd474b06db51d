"""Route decorators shared by the controllers."""

from __future__ import annotations

from typing import Any

from litestar import HttpMethod, route
from litestar.connection import ASGIConnection
from litestar.exceptions import NotFoundException
from litestar.handlers import HTTPRouteHandler
from litestar.handlers.base import BaseRouteHandler


def readable(path: str, **kwargs: Any) -> HTTPRouteHandler:
    """GET and HEAD: Litestar's @get answers HEAD with 405, and link checkers, monitors and feed
    readers ask with HEAD."""
    return route(path, http_method=[HttpMethod.GET, HttpMethod.HEAD], **kwargs)


# Row ids are PostgreSQL `serial` (32-bit); a larger number can name no record, and would make the
# database driver fail (OverflowError on SQLite, DataError on asyncpg) instead of answering "not found".
MAX_ID = 2**31 - 1


def id_in_range(value: object) -> bool:
    return not isinstance(value, int) or 0 <= value <= MAX_ID


async def ids_in_range(connection: ASGIConnection[Any, Any, Any, Any], _: BaseRouteHandler) -> None:
    """App-wide guard: a whole-number path parameter outside any id's range is a page that cannot exist.
    Async although it never waits: Litestar runs a sync guard in a worker thread, on every request."""
    if not all(id_in_range(v) for v in connection.path_params.values()):
        raise NotFoundException()
