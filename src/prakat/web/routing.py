"""Route decorators shared by the controllers."""

from __future__ import annotations

from typing import Any

from litestar import HttpMethod, route
from litestar.handlers import HTTPRouteHandler


def readable(path: str, **kwargs: Any) -> HTTPRouteHandler:
    """GET and HEAD: Litestar's @get answers HEAD with 405, and link checkers, monitors and feed
    readers ask with HEAD."""
    return route(path, http_method=[HttpMethod.GET, HttpMethod.HEAD], **kwargs)
