"""Signing in and out."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, get, post
from litestar.params import FromQuery
from litestar.response import Redirect, Template

from prakat import urls
from prakat.auth import devices, sessions
from prakat.keys import secret_key
from prakat.settings import Settings
from prakat.users import service as users
from prakat.web.forms import FormData


def safe_next(value: str | None) -> str:
    """Only back into the workspace: never an open redirect to another site."""
    if value and value.startswith(urls.WORKSPACE) and "//" not in value and "\\" not in value:
        return value
    return urls.WS_DASHBOARD.url()


def client_address(request: Request[Any, Any, Any]) -> str:
    # uvicorn's proxy_headers has already replaced this with X-Forwarded-For from trusted proxies.
    return request.client.host if request.client else "unknown"


class SignInController(Controller):
    include_in_schema = False  # pages, not the API

    @get(urls.LOGIN.path, name="login")
    async def form(self, next: FromQuery[str | None] = None) -> Template:
        return Template("pages/login.html", context={"next": safe_next(next), "error": None, "username": ""})

    @post(urls.LOGIN.path, name="login_post")
    async def sign_in(self, request: Request[Any, Any, Any], data: FormData) -> Template | Redirect:
        username = str(data.get("username", "")).strip()
        target = safe_next(str(data.get("next", "")))
        settings: Settings = request.app.state.settings
        secret = secret_key(settings.secret_key)
        known = devices.is_known(secret, username, request.cookies.get(devices.COOKIE))
        try:
            user = await users.authenticate(
                username, str(data.get("password", "")), client_address(request), known_device=known
            )
        except users.SignInError as refused:
            return Template(
                "pages/login.html",
                context={"next": target, "error": refused.message, "username": username},
                status_code=429 if refused.rate_limited else 401,
            )
        token = await sessions.start(user.school_id, user.id)
        response = Redirect(target, status_code=303)
        secure = settings.https or request.url.scheme == "https"
        for name, value, lifetime in (
            (sessions.COOKIE, token, sessions.LIFETIME),
            (devices.COOKIE, devices.device_token(secret, user.username), devices.LIFETIME),
        ):
            response.set_cookie(
                name,
                value,
                max_age=int(lifetime.total_seconds()),
                httponly=True,
                samesite="lax",
                secure=secure,
                path="/",
            )
        return response

    @post(urls.LOGOUT.path, name="logout")
    async def sign_out(self, request: Request[Any, Any, Any]) -> Redirect:
        await sessions.end(request.cookies.get(sessions.COOKIE))
        response = Redirect(urls.HOME.url(), status_code=303)
        response.delete_cookie(sessions.COOKIE, path="/")
        return response
