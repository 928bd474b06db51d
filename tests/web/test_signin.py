"""Signing in and out of the workspace, through the real login form."""

from __future__ import annotations

from datetime import timedelta

import httpx
import pytest
from lxml import html

from prakat import clock
from prakat.db import tables as t
from tests import factories
from tests.web.helpers import PASSWORD, csrf_of, make_user, post_form, sign_in


async def test_the_workspace_asks_to_sign_in_first(client: httpx.AsyncClient) -> None:
    response = await client.get("/w/")
    assert response.status_code == 303
    assert response.headers["location"] == "/login?next=%2Fw"
    api = await client.get("/api/v1/vendors", headers={"accept": "application/json"})
    assert api.status_code in (401, 404)


async def test_sign_in_sets_a_safe_cookie_and_shows_the_dashboard(client: httpx.AsyncClient) -> None:
    _, actor = await factories.school()
    await make_user(actor, "somsri", "officer", "ครูสมศรี")
    response = await sign_in(client, "somsri")
    assert response.status_code == 303 and response.headers["location"] == "/w/"
    cookie = next(c for c in response.headers.get_list("set-cookie") if c.startswith("prakat_session="))
    flags = {part.strip().lower() for part in cookie.split(";")}
    assert "httponly" in flags and "samesite=lax" in flags and "secure" not in flags  # plain http here
    dashboard = await client.get("/w/")
    assert dashboard.status_code == 200
    doc = html.fromstring(dashboard.text)
    assert doc.get_element_by_id("whoami").text_content() == "ครูสมศรี (เจ้าหน้าที่พัสดุ)"
    assert await t.UserSession.count() == 1
    token_row = await t.UserSession.select(t.UserSession.token_hash).first()
    assert token_row is not None and token_row["token_hash"] not in cookie  # only the hash is stored


async def test_wrong_password_keeps_the_username_and_says_why_in_thai(client: httpx.AsyncClient) -> None:
    _, actor = await factories.school()
    await make_user(actor, "somsri", "officer")
    response = await sign_in(client, "somsri", "wrong password")
    assert response.status_code == 401
    doc = html.fromstring(response.text)
    assert doc.get_element_by_id("login-error").text_content() == "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง"
    assert doc.get_element_by_id("username").get("value") == "somsri"
    assert doc.get_element_by_id("password").get("value") is None
    assert await t.UserSession.count() == 0


async def test_sign_in_is_rate_limited(client: httpx.AsyncClient) -> None:
    _, actor = await factories.school()
    await make_user(actor, "somsri", "officer")
    for _ in range(5):
        assert (await sign_in(client, "somsri", "nope nope nope")).status_code == 401
    blocked = await sign_in(client, "somsri")  # even the right password waits now
    assert blocked.status_code == 429
    assert "15 นาที" in html.fromstring(blocked.text).get_element_by_id("login-error").text_content()


async def test_forms_without_the_csrf_token_are_refused(client: httpx.AsyncClient) -> None:
    _, actor = await factories.school()
    await make_user(actor, "somsri", "officer")
    await client.get("/login")
    response = await client.post("/login", data={"username": "somsri", "password": PASSWORD})
    assert response.status_code == 403
    assert await t.UserSession.count() == 0


async def test_only_workspace_targets_are_followed_after_sign_in(client: httpx.AsyncClient) -> None:
    _, actor = await factories.school()
    await make_user(actor, "somsri", "officer")
    page = await client.get("/login?next=https://evil.example/")
    response = await client.post(
        "/login",
        data={
            "username": "somsri",
            "password": PASSWORD,
            "next": "//evil.example/w",
            "_csrf_token": csrf_of(page),
        },
    )
    assert response.headers["location"] == "/w/"


async def test_sign_out_ends_the_session(client: httpx.AsyncClient) -> None:
    _, actor = await factories.school()
    await make_user(actor, "somsri", "officer")
    await sign_in(client, "somsri")
    response = await post_form(client, "/w/", "/logout", {})
    assert response.status_code == 303
    assert await t.UserSession.count() == 0
    assert (await client.get("/w/")).status_code == 303


async def test_idle_sessions_lapse(client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch) -> None:
    _, actor = await factories.school()
    await make_user(actor, "somsri", "officer")
    await sign_in(client, "somsri")
    later = clock.now() + timedelta(hours=9)
    monkeypatch.setattr(clock, "now", lambda: later)
    assert (await client.get("/w/")).status_code == 303


async def test_a_deactivated_user_is_signed_out(client: httpx.AsyncClient) -> None:
    _, actor = await factories.school()
    user_id = await make_user(actor, "somsri", "officer")
    await sign_in(client, "somsri")
    await t.User.update({t.User.active: False}).where(t.User.id == user_id)
    assert (await client.get("/w/")).status_code == 303


async def test_signing_in_sweeps_out_lapsed_sessions(
    client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, actor = await factories.school()
    await make_user(actor, "somsri", "officer")
    await sign_in(client, "somsri")
    later = clock.now() + timedelta(hours=9)
    monkeypatch.setattr(clock, "now", lambda: later)
    client.cookies.clear()
    await sign_in(client, "somsri")
    assert await t.UserSession.count() == 1  # the idle one is gone, the new one stays
