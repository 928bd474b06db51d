"""Each person's own account page: changing their password and their personal API tokens."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
from lxml import html
from piccolo.engine.base import Engine

from prakat.app import create_app
from prakat.auth import tokens
from prakat.db import tables as t
from prakat.settings import Settings
from prakat.users import service as users
from tests import factories
from tests.conftest import asgi_transport
from tests.web.helpers import PASSWORD, make_user, post_form, sign_in

NEW_PASSWORD = "ลมหนาวพัดผ่านทุ่งนา"
CLIENT = "198.51.100.1"
PAGE = "/w/account/"
CHANGE = "/w/account/password"


def doc(response: httpx.Response) -> html.HtmlElement:
    return html.fromstring(response.text)


@pytest.fixture
async def browser(db: Engine, settings: Settings) -> AsyncIterator[httpx.AsyncClient]:  # type: ignore[type-arg]
    """A second browser on the same app and database, with its own cookies."""
    app = create_app(settings, engine=db)
    async with httpx.AsyncClient(transport=asgi_transport(app), base_url="http://testserver") as other:
        yield other


async def officer(client: httpx.AsyncClient) -> int:
    """A school with one officer, signed in on ``client``; their user id."""
    _, system = await factories.school()
    user_id = await make_user(system, "somsri", "officer", "ครูสมศรี")
    await sign_in(client, "somsri")
    return user_id


def change(current: str, new: str, again: str | None = None) -> dict[str, str]:
    return {
        "current_password": current,
        "new_password": new,
        "new_password_again": new if again is None else again,
    }


async def test_a_wrong_or_missing_current_password_is_refused(client: httpx.AsyncClient) -> None:
    await officer(client)
    wrong = await post_form(client, PAGE, CHANGE, change("not my password", NEW_PASSWORD))
    assert wrong.status_code == 400
    page = doc(wrong)
    assert page.get_element_by_id("e-current_password").text_content() == "รหัสผ่านปัจจุบัน: ไม่ถูกต้อง"
    assert page.get_element_by_id("f-current_password").get("aria-invalid") == "true"
    assert not page.xpath("//*[@id='e-new_password' or @id='e-new_password_again']")
    for name in ("current_password", "new_password", "new_password_again"):
        assert not page.get_element_by_id(f"f-{name}").get("value")  # passwords are never sent back
    missing = await post_form(client, PAGE, CHANGE, change("", NEW_PASSWORD))
    assert missing.status_code == 400
    assert doc(missing).get_element_by_id("e-current_password").text_content() == "รหัสผ่านปัจจุบัน: กรุณากรอกข้อมูล"

    assert (await client.get(PAGE)).status_code == 200  # still signed in
    assert (await users.authenticate("somsri", PASSWORD, CLIENT)).username == "somsri"
    with pytest.raises(users.SignInError):
        await users.authenticate("somsri", NEW_PASSWORD, CLIENT)


async def test_a_mismatched_or_weak_new_password_is_refused(client: httpx.AsyncClient) -> None:
    await officer(client)
    mismatch = await post_form(client, PAGE, CHANGE, change(PASSWORD, NEW_PASSWORD, NEW_PASSWORD + "า"))
    assert mismatch.status_code == 400
    page = doc(mismatch)
    assert (
        page.get_element_by_id("e-new_password_again")
        .text_content()
        .startswith("พิมพ์รหัสผ่านใหม่อีกครั้ง: ไม่ตรงกับรหัสผ่านใหม่")
    )
    assert not page.xpath("//*[@id='e-current_password' or @id='e-new_password']")
    assert [a.get("href") for a in page.get_element_by_id("form-errors").iter("a")] == [
        "#f-new_password_again"
    ]

    weak = await post_form(client, PAGE, CHANGE, change(PASSWORD, "somsri1234"))
    assert weak.status_code == 400
    assert doc(weak).get_element_by_id("e-new_password").text_content().startswith("รหัสผ่านใหม่: ")

    assert (await users.authenticate("somsri", PASSWORD, CLIENT)).username == "somsri"
    assert await t.UserSession.count() == 1


async def test_a_new_password_signs_out_other_browsers_but_not_this_one(
    client: httpx.AsyncClient, browser: httpx.AsyncClient
) -> None:
    user_id = await officer(client)
    await sign_in(browser, "somsri")
    assert (await browser.get("/w/")).status_code == 200
    assert await t.UserSession.count().where(t.UserSession.user == user_id) == 2

    changed = await post_form(client, PAGE, CHANGE, change(PASSWORD, NEW_PASSWORD))
    assert changed.status_code == 303
    assert changed.headers["location"] == "/w/account/?ok=password"
    assert any(c.startswith("prakat_session=") for c in changed.headers.get_list("set-cookie"))
    here = await client.get(changed.headers["location"])
    assert here.status_code == 200
    assert doc(here).get_element_by_id("ok").text_content() == "เปลี่ยนรหัสผ่านแล้ว"

    elsewhere = await browser.get("/w/")
    assert elsewhere.status_code == 303 and elsewhere.headers["location"].startswith("/login")
    assert await t.UserSession.count().where(t.UserSession.user == user_id) == 1
    assert (await sign_in(browser, "somsri")).status_code == 401
    assert (await sign_in(browser, "somsri", NEW_PASSWORD)).status_code == 303


async def test_a_token_is_shown_once_works_and_stops_when_revoked(client: httpx.AsyncClient) -> None:
    user_id = await officer(client)
    unnamed = await post_form(client, PAGE, "/w/account/tokens", {"name": "  "})
    assert unnamed.status_code == 400
    assert doc(unnamed).get_element_by_id("e-name").text_content().startswith("ชื่อโทเค็น: ")
    assert doc(unnamed).xpath("//label[@for='f-name']")[0].text.strip() == "ชื่อโทเค็น"  # the field's label
    assert await t.ApiToken.count() == 0

    created = await post_form(client, PAGE, "/w/account/tokens", {"name": "สคริปต์นำเข้าแผน"})
    assert created.status_code == 201
    assert "no-store" in created.headers["cache-control"]
    page = doc(created)
    box = page.get_element_by_id("new-token")
    assert "ระบบจะไม่แสดงโทเคนนี้อีก" in box.text_content()
    plaintext = str(page.get_element_by_id("token-value").get("value"))
    assert plaintext.startswith("prk_") and len(plaintext) > 40
    assert page.xpath("//label[@for='token-value']")

    actor = await tokens.resolve_token(plaintext)
    assert actor is not None and (actor.user_id, actor.role) == (user_id, "officer")

    # Shown once: the page never shows it again, only the name and the first characters.
    again = await client.get(PAGE)
    listing = doc(again)
    assert not listing.xpath("//*[@id='new-token' or @id='token-value']")
    assert plaintext not in again.text
    rows = listing.get_element_by_id("tokens").findall(".//tbody/tr")
    assert [[td.text_content().strip() for td in r.findall("td")][:2] for r in rows] == [
        ["สคริปต์นำเข้าแผน", f"prk_{plaintext[4:12]}…"]
    ]

    action = listing.xpath("//table[@id='tokens']//form/@action")[0]
    revoked = await post_form(client, PAGE, action, {})
    assert revoked.status_code == 303
    after = doc(await client.get(revoked.headers["location"]))
    assert after.get_element_by_id("ok").text_content() == "ยกเลิกโทเคนแล้ว"
    assert "ยกเลิกแล้ว" in after.get_element_by_id("tokens").text_content()
    assert await tokens.resolve_token(plaintext) is None


async def test_nobody_else_revokes_my_token_from_their_account_page(
    client: httpx.AsyncClient, browser: httpx.AsyncClient
) -> None:
    _, system = await factories.school()
    await make_user(system, "somsri", "officer")
    await make_user(system, "somchai", "head")
    await sign_in(client, "somsri")
    created = doc(await post_form(client, PAGE, "/w/account/tokens", {"name": "ของฉัน"}))
    plaintext = str(created.get_element_by_id("token-value").get("value"))
    action = created.xpath("//table[@id='tokens']//form/@action")[0]

    await sign_in(browser, "somchai")
    assert not doc(await browser.get(PAGE)).xpath("//table[@id='tokens']")  # only one's own tokens
    refused = await post_form(browser, PAGE, action, {})
    assert refused.status_code == 403
    assert await tokens.resolve_token(plaintext) is not None
