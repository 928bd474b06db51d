"""Cross-site request forgery protection for the pages' forms, bound to who is asking.

A form's token is an HMAC, under the app's secret, of the browser's session cookie once signed in
(before that, of a random anonymous cookie that only the sign-in page sets: it is the one form before
sign-in). A token fetched anonymously, or another session's cookie and token pair, therefore fails with
the victim's session. A state-changing request must also come from Prakat's own pages: its ``Origin``
(or, without one, its ``Referer``) must be the public base URL's origin or the address the request was
sent to.

The JSON API is exempt: it authenticates with a bearer token, which a browser never sends by itself.
Safe methods (GET, HEAD, OPTIONS) change nothing and are never checked; they get the token that the
pages' forms carry (``csrf_input`` in templates, through Litestar's scope state).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from typing import Any, Final
from urllib.parse import urlsplit

from litestar.connection import ASGIConnection, Request
from litestar.datastructures import Cookie, MutableScopeHeaders
from litestar.exceptions import PermissionDeniedException
from litestar.handlers.base import BaseRouteHandler
from litestar.types import Message, Scope
from litestar.utils.scope.state import ScopeState

from prakat import urls
from prakat.auth import sessions

COOKIE: Final = "prakat_csrf"  # the anonymous binding, before sign-in
FIELD: Final = "_csrf_token"
HEADER: Final = "x-csrftoken"
SAFE_METHODS: Final = frozenset({"GET", "HEAD", "OPTIONS"})
_NEW_COOKIE: Final = "prakat.csrf.new"  # scope state key: an anonymous binding made for this response

REFUSED_TOKEN: Final = "แบบฟอร์มหมดอายุหรือไม่ได้มาจากหน้าของระบบ กรุณาเปิดหน้านั้นใหม่แล้วส่งอีกครั้ง"
REFUSED_ORIGIN: Final = "คำขอนี้มาจากเว็บไซต์อื่น ระบบจึงไม่ดำเนินการให้"


def _origin(url: str) -> str | None:
    parts = urlsplit(url)
    if not parts.scheme or not parts.netloc:
        return None
    return f"{parts.scheme}://{parts.netloc}".lower()


class Csrf:
    def __init__(self, secret: str, base_url: str, https: bool) -> None:
        self._key = hashlib.sha256(b"prakat csrf\0" + secret.encode()).digest()
        self._base_origin = _origin(base_url)
        self._secure = https

    def token(self, binding: str) -> str:
        mac = hmac.new(self._key, binding.encode(), hashlib.sha256).digest()
        return base64.urlsafe_b64encode(mac).decode().rstrip("=")

    @staticmethod
    def _binding(connection: ASGIConnection[Any, Any, Any, Any]) -> str | None:
        cookies = connection.cookies
        session = cookies.get(sessions.COOKIE)
        if session:
            return "session:" + session
        anonymous = cookies.get(COOKIE)
        return "anonymous:" + anonymous if anonymous else None

    def _own_origins(self, connection: ASGIConnection[Any, Any, Any, Any]) -> set[str]:
        own = {_origin(str(connection.base_url))}
        if self._base_origin:
            own.add(self._base_origin)
        return {o for o in own if o}

    def _same_origin(self, connection: ASGIConnection[Any, Any, Any, Any]) -> bool:
        origin = connection.headers.get("origin")
        if origin is None:
            referer = connection.headers.get("referer")
            if referer is None:
                return True  # neither sent (not a browser form post): the token decides
            origin = referer
        return _origin(origin) in self._own_origins(connection)

    async def guard(self, connection: ASGIConnection[Any, Any, Any, Any], _: BaseRouteHandler) -> None:
        """App-wide guard: hand safe requests their token, check unsafe ones."""
        path = connection.scope["path"]
        if path == urls.API or path.startswith(urls.API + "/"):
            return
        binding = self._binding(connection)
        method = connection.scope.get("method", "GET")
        if method in SAFE_METHODS:
            if binding is None and path != urls.LOGIN.path:
                return  # the sign-in form is the only form before sign-in: no cookie anywhere else
            if binding is None:
                anonymous = secrets.token_urlsafe(24)
                connection.scope["state"][_NEW_COOKIE] = anonymous
                binding = "anonymous:" + anonymous
            ScopeState.from_scope(connection.scope).csrf_token = self.token(binding)
            return
        if not self._same_origin(connection):
            raise PermissionDeniedException(REFUSED_ORIGIN)
        sent = connection.headers.get(HEADER)
        if sent is None and isinstance(connection, Request):
            form = await connection.form()
            value = form.get(FIELD)
            sent = value if isinstance(value, str) else None
        expected = self.token(binding).encode() if binding is not None else b""
        if binding is None or sent is None or not hmac.compare_digest(sent.encode(), expected):
            raise PermissionDeniedException(REFUSED_TOKEN)
        ScopeState.from_scope(connection.scope).csrf_token = sent

    async def before_send(self, message: Message, scope: Scope) -> None:
        """Sets the anonymous cookie that a new visitor's form token was bound to."""
        if message["type"] != "http.response.start":
            return
        anonymous = scope.get("state", {}).get(_NEW_COOKIE)
        if anonymous is None:
            return
        cookie = Cookie(
            key=COOKIE, value=anonymous, path="/", httponly=True, samesite="lax", secure=self._secure
        )
        MutableScopeHeaders.from_message(message).add("set-cookie", cookie.to_header(header=""))
