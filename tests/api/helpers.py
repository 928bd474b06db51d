"""Calling the JSON API as a script would: a personal token in the Authorization header, JSON in and out."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx

from prakat import urls
from prakat.audit import Actor
from prakat.auth import tokens
from tests.web.helpers import make_user


@dataclass(frozen=True)
class Caller:
    """A user of the school with one API token."""

    actor: Actor
    token: str
    token_id: int

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


async def caller(school: Actor, username: str, role: str, name: str = "", position: str = "") -> Caller:
    """A new user (password tests.web.helpers.PASSWORD) and a token made for a script."""
    user_id = await make_user(school, username, role, name, position)
    actor = Actor(school_id=school.school_id, user_id=user_id, label=username, role=role)
    info, plaintext = await tokens.create_token(actor, "script")
    return Caller(actor, plaintext, info.id)


async def call(
    client: httpx.AsyncClient,
    who: Caller | None,
    method: str,
    path: str,
    body: Any = None,
    *,
    raw: bytes | None = None,
    expect: int = 200,
) -> Any:
    """One request to /api/v1 + ``path``; asserts the status and that the answer is JSON (or empty for
    204), and returns the parsed JSON."""
    headers = dict(who.headers) if who else {}
    if raw is not None:
        headers["Content-Type"] = "application/json"
    response = await client.request(
        method,
        urls.API + path,
        json=body if raw is None else None,
        content=raw,
        headers=headers,
    )
    assert response.status_code == expect, (method, path, response.status_code, response.text)
    if expect == 204:
        assert response.content == b""
        return None
    assert response.headers["content-type"].startswith("application/json"), response.headers
    return response.json()
