"""Who is asking: a browser session (workspace pages) or a personal API token (the JSON API), and the
guards that stop a role from reaching what it may not do. The services check permissions again, so a
rule holds even for code that never passes a guard."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from litestar.connection import ASGIConnection
from litestar.di import NamedDependency
from litestar.exceptions import NotAuthorizedException, PermissionDeniedException
from litestar.handlers.base import BaseRouteHandler
from litestar.middleware import AbstractAuthenticationMiddleware, AuthenticationResult

from prakat.audit import Actor
from prakat.auth import sessions, tokens
from prakat.auth.roles import Permission, Role, can

# The signed-in actor, injected into handlers as ``actor: CurrentActor``.
CurrentActor = NamedDependency[Actor]

Guard = Callable[[ASGIConnection[Any, Any, Any, Any], BaseRouteHandler], None]


class SessionAuthentication(AbstractAuthenticationMiddleware):
    async def authenticate_request(
        self, connection: ASGIConnection[Any, Any, Any, Any]
    ) -> AuthenticationResult:
        actor = await sessions.resolve(connection.cookies.get(sessions.COOKIE))
        if actor is None:
            raise NotAuthorizedException("กรุณาเข้าสู่ระบบ")
        return AuthenticationResult(user=actor, auth="session")


class TokenAuthentication(AbstractAuthenticationMiddleware):
    async def authenticate_request(
        self, connection: ASGIConnection[Any, Any, Any, Any]
    ) -> AuthenticationResult:
        header = connection.headers.get("authorization", "")
        scheme, _, value = header.partition(" ")
        actor = await tokens.resolve_token(value.strip()) if scheme.lower() == "bearer" else None
        if actor is None:
            raise NotAuthorizedException("ต้องใช้โทเคน API ที่ถูกต้อง (Authorization: Bearer prk_…)")
        return AuthenticationResult(user=actor, auth="token")


def requires(*permissions: Permission) -> Guard:
    def guard(connection: ASGIConnection[Any, Any, Any, Any], _: BaseRouteHandler) -> None:
        if connection.scope.get("method") == "OPTIONS":
            return  # Litestar's automatic OPTIONS answer lists the allowed methods and reveals no data
        actor = connection.scope.get("user")
        if actor is None:  # a method the authentication middleware lets through unauthenticated
            raise NotAuthorizedException("กรุณาเข้าสู่ระบบ")
        role = getattr(actor, "role", None)
        for permission in permissions:
            if role is None or not can(role, permission):
                who = Role(role).label if role in set(Role) else "ผู้ใช้นี้"
                raise PermissionDeniedException(f"{who}ไม่มีสิทธิ์{permission.label}")

    return guard


def current_actor(request: ASGIConnection[Any, Any, Any, Any]) -> Actor:
    """Dependency: the signed-in actor (set by the authentication middleware)."""
    actor = request.user
    assert isinstance(actor, Actor)
    return actor
