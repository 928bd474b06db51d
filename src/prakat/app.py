"""create_app(settings) -> Litestar: the one place that wires routes, templates and the database."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from granian.utils.proxies import wrap_asgi_with_proxy_headers
from litestar import Litestar, MediaType, Request, Response
from litestar.datastructures import CacheControlHeader, State
from litestar.exceptions import HTTPException
from litestar.openapi import OpenAPIConfig
from litestar.plugins.jinja import JinjaTemplateEngine
from litestar.response import Redirect, Template
from litestar.static_files import create_static_files_router
from litestar.template import TemplateConfig
from piccolo.engine.base import Engine

from prakat import feedsync, urls
from prakat.db.engine import bind, close_engine, configure, open_engine
from prakat.errors import Conflict, Forbidden, InvalidInput, NotFound, Refused
from prakat.fonts import SARABUN_DIR
from prakat.keys import secret_key
from prakat.rules import NoRuleSetError
from prakat.settings import Settings
from prakat.web import api, embed, query, workspace
from prakat.web.annual import AnnualReportController
from prakat.web.csrf import Csrf
from prakat.web.documents import PublicDocumentController
from prakat.web.embed import EmbedController
from prakat.web.feeds import FeedController
from prakat.web.ita import ItaController
from prakat.web.monthly import MonthlyPublicController
from prakat.web.routing import ids_in_range, whole_allow_header
from prakat.web.security import SCRIPTS_DIR, security_headers
from prakat.web.signin import SignInController
from prakat.web.site import SiteController, error_school, school_of_error
from prakat.web.templating import environment

log = logging.getLogger("prakat")


def _wants_json(request: Request) -> bool:  # type: ignore[type-arg]
    if request.url.path == urls.API or request.url.path.startswith(urls.API + "/"):
        return True  # the API answers JSON whatever the client accepts, errors included
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept


def _error(request: Request, status: int, title: str, message: str) -> Response:  # type: ignore[type-arg]
    """The Thai answer in the route's format (prakat.web.query.ROUTES): the embed's small page, the
    public JSON routes' body, or the error page (JSON to a client that asks for it)."""
    answer = query.answer_of(request)
    if answer is query.Answer.EMBED:
        return embed.error_page(request, status, title, message)
    if answer is query.Answer.JSON:
        return embed.json_error(status, title, message)
    if _wants_json(request):
        return Response({"error": title, "detail": message}, status_code=status, media_type=MediaType.JSON)
    return Template(
        "pages/error.html",
        context={"status": status, "title": title, "message": message, "school": error_school(request)},
        status_code=status,
    )


def not_found(request: Request, exc: Exception) -> Response:  # type: ignore[type-arg]
    what = exc.what if isinstance(exc, NotFound) else "หน้าที่ต้องการ"
    return _error(request, 404, "ไม่พบหน้านี้", f"ไม่พบ{what} ลิงก์อาจพิมพ์ผิดหรือถูกย้าย")


def invalid_input(request: Request, exc: InvalidInput) -> Response:  # type: ignore[type-arg]
    if _wants_json(request):
        return Response({"error": "ข้อมูลไม่ถูกต้อง", "fields": exc.errors}, status_code=400)
    return _error(request, 400, "ข้อมูลไม่ถูกต้อง", " ".join(exc.errors.values()))


def refused(request: Request, exc: Refused) -> Response:  # type: ignore[type-arg]
    return _error(request, exc.status, "ลิงก์ไม่ถูกต้อง", exc.message)


def conflict(request: Request, exc: Conflict) -> Response:  # type: ignore[type-arg]
    return _error(request, 409, "ทำรายการนี้ไม่ได้", exc.message)


def no_rules(request: Request, exc: NoRuleSetError) -> Response:  # type: ignore[type-arg]
    """A date or year outside the dated rules: the user's input, never a server error. The services name
    the field when they can; this is the net under every other path."""
    return _error(request, 400, "ข้อมูลไม่ถูกต้อง", str(exc))


def forbidden(request: Request, exc: Exception) -> Response:  # type: ignore[type-arg]
    message = getattr(exc, "message", None) or getattr(exc, "detail", "") or "ไม่มีสิทธิ์ทำรายการนี้"
    return _error(request, 403, "ไม่มีสิทธิ์", str(message))


def not_signed_in(request: Request, exc: Exception) -> Response:  # type: ignore[type-arg]
    if request.url.path.startswith(urls.API) or _wants_json(request):
        return Response({"error": "ต้องยืนยันตัวตน", "detail": str(getattr(exc, "detail", ""))}, status_code=401)
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return Redirect(urls.LOGIN.url({"next": target}), status_code=303)


def http_error(request: Request, exc: HTTPException) -> Response:  # type: ignore[type-arg]
    if exc.status_code == 401:
        return not_signed_in(request, exc)
    if exc.status_code == 403:
        return forbidden(request, exc)
    if exc.status_code == 404:
        return not_found(request, exc)
    if exc.status_code == 405:
        return _error(request, 405, "ไม่รองรับวิธีเรียกนี้", "หน้านี้ไม่รองรับคำขอแบบนี้")
    if exc.status_code < 500:
        return _error(request, exc.status_code, "คำขอไม่ถูกต้อง", "กรุณาตรวจสอบลิงก์หรือข้อมูลที่ส่งมา")
    return server_error(request, exc)


def server_error(request: Request, exc: Exception) -> Response:  # type: ignore[type-arg]
    log.exception("unhandled error on %s", request.url.path, exc_info=exc)
    return _error(request, 500, "ระบบขัดข้อง", "เกิดข้อผิดพลาดภายในระบบ ขออภัยในความไม่สะดวก กรุณาลองใหม่อีกครั้ง")


def create_app(settings: Settings | None = None, *, engine: Engine | None = None) -> Litestar:  # type: ignore[type-arg]
    """Build the app. With ``engine`` (tests, embedding) the caller owns the database connection;
    otherwise the app opens one from ``settings`` at startup and closes it at shutdown."""
    settings = settings or Settings.from_env()
    owns_engine = engine is None
    if engine is None:
        engine = configure(settings)
    else:
        bind(engine)
    # Feeds are rebuilt after every publication and checked against the database at startup.
    feeds = feedsync.listen(settings)
    csrf = Csrf(secret_key(settings.secret_key), settings.base_url, settings.https)

    @asynccontextmanager
    async def database(_: Litestar) -> AsyncIterator[None]:
        if owns_engine:
            await open_engine(engine, settings.pool_size)
        try:
            yield
        finally:
            if owns_engine:
                await close_engine(engine)

    return Litestar(
        route_handlers=[
            SiteController,
            ItaController,
            PublicDocumentController,
            AnnualReportController,
            MonthlyPublicController,
            FeedController,
            EmbedController,
            SignInController,
            workspace.router(),
            api.router(),
            create_static_files_router(
                path=urls.SCRIPTS,
                directories=[SCRIPTS_DIR],
                name="scripts",
                cache_control=CacheControlHeader(max_age=3600, public=True),
            ),
            create_static_files_router(
                path=urls.FONTS,
                directories=[SARABUN_DIR],
                name="fonts",
                cache_control=CacheControlHeader(max_age=7 * 24 * 3600, public=True),
            ),
        ],
        lifespan=[database],
        after_exception=[school_of_error],
        on_startup=[feeds.warm],
        guards=[ids_in_range, csrf.guard],
        before_send=[security_headers(settings.https), whole_allow_header, csrf.before_send],
        template_config=TemplateConfig(engine=JinjaTemplateEngine.from_environment(environment())),
        exception_handlers={
            NotFound: not_found,
            Forbidden: forbidden,
            InvalidInput: invalid_input,
            Refused: refused,
            Conflict: conflict,
            NoRuleSetError: no_rules,
            HTTPException: http_error,
            Exception: server_error,
        },
        openapi_config=OpenAPIConfig(
            title="Prakat API",
            version="1",
            path=urls.SCHEMA,
            components=api.COMPONENTS,
            tags=api.TAGS,
        ),
        debug=settings.debug,
        state=State({"settings": settings, "feeds": feeds}),
    )


def app_from_env() -> Litestar:
    """What `prakat serve --server uvicorn` runs: the app from the environment (uvicorn reads the
    proxy headers itself)."""
    return create_app(Settings.from_env())


def served_app() -> Any:
    """What `prakat serve` runs in each granian worker: the app from the environment, behind the
    proxy-header handling uvicorn would give it (only FORWARDED_ALLOW_IPS are believed)."""
    settings = Settings.from_env()
    return wrap_asgi_with_proxy_headers(create_app(settings), trusted_hosts=settings.forwarded_allow_ips)
