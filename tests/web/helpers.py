"""Signing in through the real login form, CSRF token and all."""

from __future__ import annotations

from typing import Any

import httpx
from lxml import html

from prakat import clock
from prakat.audit import Actor
from prakat.users import service as users

PASSWORD = "correct horse battery"


async def make_user(actor: Actor, username: str, role: str, name: str = "", position: str = "") -> int:
    created = await users.create_user(
        Actor(school_id=actor.school_id),
        users.parse_user(
            {
                "username": username,
                "display_name": name or username,
                "position": position,
                "role": role,
                "password": PASSWORD,
            }
        ),
    )
    return created.id


def csrf_of(page: httpx.Response) -> str:
    token = html.fromstring(page.text).find(".//input[@name='_csrf_token']")
    assert token is not None, "form without a CSRF token"
    return str(token.get("value"))


async def post_form(
    client: httpx.AsyncClient, page_url: str, action: str, data: dict[str, Any]
) -> httpx.Response:
    """Open the page that holds the form, then post it with the page's CSRF token, as a browser does."""
    page = await client.get(page_url)
    return await client.post(action, data={**data, "_csrf_token": csrf_of(page)})


async def sign_in(client: httpx.AsyncClient, username: str, password: str = PASSWORD) -> httpx.Response:
    return await post_form(
        client, "/login", "/login", {"username": username, "password": password, "next": "/w/"}
    )


def now() -> Any:
    return clock.now()
