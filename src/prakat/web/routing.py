"""Route decorators shared by the controllers."""

from __future__ import annotations

from types import NoneType
from typing import Any

from litestar import HttpMethod, route
from litestar.connection import ASGIConnection
from litestar.datastructures import MutableScopeHeaders
from litestar.exceptions import NotFoundException
from litestar.handlers import HTTPRouteHandler
from litestar.handlers.base import BaseRouteHandler
from litestar.params import ParameterKwarg
from litestar.types import Message, Scope
from litestar.typing import FieldDefinition

from prakat.errors import InvalidInput


def readable(path: str, **kwargs: Any) -> HTTPRouteHandler:
    """GET and HEAD: Litestar's @get answers HEAD with 405, and link checkers, monitors and feed
    readers ask with HEAD."""
    return route(path, http_method=[HttpMethod.GET, HttpMethod.HEAD], **kwargs)


# Row ids are PostgreSQL `serial` (32-bit); a larger number can name no record, and would make the
# database driver fail (OverflowError on SQLite, DataError on asyncpg) instead of answering "not found".
MAX_ID = 2**31 - 1


def id_in_range(value: object) -> bool:
    return not isinstance(value, int) or 0 <= value <= MAX_ID


def _is_whole_number(field: FieldDefinition) -> bool:
    if field.is_optional:
        return any(_is_whole_number(inner) for inner in field.inner_types if inner.annotation is not NoneType)
    return field.is_subclass_of(int) and not field.is_subclass_of(bool)


def _query_name(name: str, field: FieldDefinition) -> str:
    kwarg = field.kwarg_definition
    return kwarg.query if isinstance(kwarg, ParameterKwarg) and kwarg.query else name


_WHOLE_NUMBER_QUERY: dict[int, frozenset[str]] = {}


def _whole_number_query_names(handler: BaseRouteHandler) -> frozenset[str]:
    """The query parameters a handler reads as whole numbers (worked out once per handler)."""
    names = _WHOLE_NUMBER_QUERY.get(id(handler))
    if names is None:
        parameters = handler.parsed_fn_signature.parameters
        names = frozenset(_query_name(n, f) for n, f in parameters.items() if _is_whole_number(f))
        _WHOLE_NUMBER_QUERY[id(handler)] = names
    return names


async def ids_in_range(connection: ASGIConnection[Any, Any, Any, Any], handler: BaseRouteHandler) -> None:
    """App-wide guard on every whole number a request names. A path parameter outside any id's range is a
    page that cannot exist (404); a query parameter read as a whole number (``?plan_id=``, ``?page=``)
    outside that range is bad input (400, in Thai), never a driver's overflow.
    Async although it never waits: Litestar runs a sync guard in a worker thread, on every request."""
    if not all(id_in_range(v) for v in connection.path_params.values()):
        raise NotFoundException()
    query = connection.query_params
    for name in _whole_number_query_names(handler):
        for raw in query.getall(name, ()):
            try:
                value = int(raw)
            except ValueError:
                continue  # not a number at all: Litestar's own parsing answers that
            if not id_in_range(value):
                raise InvalidInput({name: f"{name}: ต้องเป็นจำนวนเต็มตั้งแต่ 0 ถึง {MAX_ID}"})


_ALLOWED: dict[tuple[int, str], str] = {}


async def whole_allow_header(message: Message, scope: Scope) -> None:
    """``before_send`` hook: the ``Allow`` header of Litestar's automatic OPTIONS answer names every
    method of the route. (Litestar 2.25 makes that answer before all of a path's handlers are merged
    into one route, so ``OPTIONS /api/v1/vendors`` said "OPTIONS, POST" without GET.)"""
    if message["type"] != "http.response.start" or scope.get("method") != "OPTIONS":
        return
    headers = MutableScopeHeaders.from_message(message)
    if "allow" not in headers:
        return
    app, path = scope["litestar_app"], scope.get("path_template", "")
    allow = _ALLOWED.get((id(app), path))
    if allow is None:
        methods = {m for route in app.routes if route.path == path for m in getattr(route, "methods", ())}
        allow = _ALLOWED[(id(app), path)] = ", ".join(sorted(methods))
    if allow:
        headers["allow"] = allow
