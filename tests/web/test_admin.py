"""The school's admin pages: users, their roles and sessions, API tokens, the school profile."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from lxml import html
from piccolo.engine.base import Engine

from prakat.announcements import service as announcements
from prakat.announcements.schemas import AnnouncementDraft
from prakat.app import create_app
from prakat.audit import Actor
from prakat.auth import tokens
from prakat.db import tables as t
from prakat.errors import Forbidden, InvalidInput
from prakat.rules import AnnouncementKind
from prakat.schools import service as schools
from prakat.settings import Settings
from prakat.users import service as users
from tests import factories
from tests.conftest import asgi_transport
from tests.web.helpers import PASSWORD, make_user, post_form, sign_in

NEW_PASSWORD = "ลมหนาวพัดผ่านทุ่งนา"
SVG = b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"></svg>\n'


def doc(response: httpx.Response) -> html.HtmlElement:
    return html.fromstring(response.text)


def form_of(page: html.HtmlElement, action: str) -> dict[str, Any]:
    """What the browser would send from the form as the page shows it (ticked boxes only)."""
    form = page.xpath("//form[@action=$action]", action=action)[0]
    return {k: v for k, v in form.form_values() if k != "_csrf_token"}


def selected(page: html.HtmlElement, select_id: str) -> list[str]:
    return [str(v) for v in page.get_element_by_id(select_id).xpath("option[@selected]/@value")]


async def sign_out(client: httpx.AsyncClient) -> None:
    await post_form(client, "/w/", "/logout", {})


@pytest.fixture
async def browser(db: Engine, settings: Settings) -> AsyncIterator[httpx.AsyncClient]:  # type: ignore[type-arg]
    """A second browser on the same app and database, with its own cookies."""
    app = create_app(settings, engine=db)
    async with httpx.AsyncClient(transport=asgi_transport(app), base_url="http://testserver") as other:
        yield other


async def school_with_admin() -> tuple[Actor, int]:
    _, system = await factories.school()
    admin_id = await make_user(system, "admin1", "admin", "ครูผู้ดูแล")
    return system, admin_id


async def test_admin_adds_a_user_who_can_then_sign_in(
    client: httpx.AsyncClient, browser: httpx.AsyncClient
) -> None:
    await school_with_admin()
    await sign_in(client, "admin1")
    typed = {"username": "สมศรี", "display_name": "ครูสมศรี", "role": "head", "password": "short"}
    bad = await post_form(client, "/w/admin/users/", "/w/admin/users/", typed)
    assert bad.status_code == 400
    page = doc(bad)
    assert page.get_element_by_id("f-username").get("value") == "สมศรี"
    assert page.get_element_by_id("f-display_name").get("value") == "ครูสมศรี"
    assert selected(page, "f-role") == ["head"]
    assert not page.get_element_by_id("f-password").get("value")  # a password is never sent back
    assert page.get_element_by_id("e-username").text_content().startswith("ชื่อผู้ใช้: ")
    assert page.get_element_by_id("e-password").text_content().startswith("รหัสผ่าน: ")
    assert await t.User.count() == 1

    good = await post_form(
        client,
        "/w/admin/users/",
        "/w/admin/users/",
        {**typed, "username": "somsri", "position": "ครูชำนาญการ", "password": NEW_PASSWORD},
    )
    assert good.status_code == 303
    listing = doc(await client.get(good.headers["location"]))
    assert listing.get_element_by_id("ok").text_content().startswith("เพิ่มผู้ใช้แล้ว")
    rows = [
        [td.text_content().strip() for td in tr.findall("td")]
        for tr in listing.get_element_by_id("users").findall(".//tbody/tr")
    ]
    assert ["ครูสมศรี", "somsri", "ครูชำนาญการ", "หัวหน้าเจ้าหน้าที่", "ใช้งานอยู่"] in rows

    signed_in = await sign_in(browser, "somsri", NEW_PASSWORD)
    assert signed_in.status_code == 303 and signed_in.headers["location"] == "/w/"
    whoami = doc(await browser.get("/w/")).get_element_by_id("whoami").text_content()
    assert whoami == "ครูสมศรี (หัวหน้าเจ้าหน้าที่)"


async def test_an_officer_reaches_no_admin_page_and_sees_no_admin_link(
    client: httpx.AsyncClient, browser: httpx.AsyncClient
) -> None:
    system, admin_id = await school_with_admin()
    await make_user(system, "somsri", "officer")
    admin = Actor(school_id=system.school_id, user_id=admin_id, label="admin1", role="admin")
    info, plaintext = await tokens.create_token(admin, "สคริปต์ของผู้ดูแล")

    await sign_in(browser, "admin1")
    admin_nav = doc(await browser.get("/w/")).xpath("//nav[@class='topnav']//a/@href")
    assert {"/w/admin/users/", "/w/admin/school/", "/w/account/"} <= set(admin_nav)

    await sign_in(client, "somsri")
    nav = doc(await client.get("/w/")).xpath("//nav[@class='topnav']//a/@href")
    assert "/w/account/" in nav
    assert not [href for href in nav if href.startswith("/w/admin/")]

    for url in ("/w/admin/users/", f"/w/admin/users/{admin_id}", "/w/admin/school/"):
        for method in ("GET", "HEAD"):
            response = await client.request(method, url)
            assert response.status_code == 403, (method, url)
    refused = await client.get("/w/admin/users/")
    assert "เจ้าหน้าที่พัสดุไม่มีสิทธิ์จัดการผู้ใช้" in doc(refused).text_content()
    posts: list[tuple[str, dict[str, str]]] = [
        (
            "/w/admin/users/",
            {"username": "intruder", "display_name": "x", "role": "admin", "password": NEW_PASSWORD},
        ),
        (f"/w/admin/users/{admin_id}", {"display_name": "x", "role": "officer", "active_shown": "1"}),
        (f"/w/admin/users/{admin_id}/password", {"password": NEW_PASSWORD}),
        (f"/w/admin/users/tokens/{info.id}/revoke", {}),
        ("/w/admin/school/", {"name": "โรงเรียนปลอม", "review_shown": "1"}),
    ]
    for action, data in posts:
        response = await post_form(client, "/w/", action, data)
        assert response.status_code == 403, action

    assert [u.username for u in await users.list_users(system.school_id)] == ["admin1", "somsri"]
    kept = await users.get_user(system.school_id, admin_id)
    assert (kept.display_name, kept.role, kept.active) == ("ครูผู้ดูแล", "admin", True)
    assert (await users.authenticate("admin1", PASSWORD, "198.51.100.1")).id == admin_id
    assert await tokens.resolve_token(plaintext) is not None
    assert (await schools.get_school(system.school_id)).name == "โรงเรียนทดสอบ test"


async def test_a_role_change_holds_from_the_users_next_request(
    client: httpx.AsyncClient, browser: httpx.AsyncClient
) -> None:
    system, _ = await school_with_admin()
    officer_id = await make_user(system, "somsri", "officer", "ครูสมศรี")
    await sign_in(browser, "somsri")
    assert doc(await browser.get("/w/vendors/")).xpath("//form[@action='/w/vendors/']")

    await sign_in(client, "admin1")
    url = f"/w/admin/users/{officer_id}"
    values = form_of(doc(await client.get(url)), url)
    assert values == {
        "display_name": "ครูสมศรี",
        "position": "",
        "role": "officer",
        "active_shown": "1",
        "active": "1",
    }
    changed = await post_form(client, url, url, {**values, "role": "director"})
    assert changed.status_code == 303
    assert (
        doc(await client.get(changed.headers["location"])).get_element_by_id("ok").text_content() == "บันทึกแล้ว"
    )

    # Same session, new permissions: no sign-out needed, no stale role.
    vendors_page = await browser.get("/w/vendors/")
    assert vendors_page.status_code == 200
    assert doc(vendors_page).get_element_by_id("whoami").text_content() == "ครูสมศรี (ผู้อำนวยการ)"
    assert not doc(vendors_page).xpath("//form[@action='/w/vendors/']")
    refused = await post_form(
        browser, "/w/", "/w/vendors/", {"name": "ร้านใหม่", "tax_id": factories.tax_id("010551234567")}
    )
    assert refused.status_code == 403
    assert await t.Vendor.count() == 0


async def test_a_deactivated_user_is_signed_out_and_cannot_sign_in(
    client: httpx.AsyncClient, browser: httpx.AsyncClient
) -> None:
    system, _ = await school_with_admin()
    officer_id = await make_user(system, "somsri", "officer", "ครูสมศรี")
    await sign_in(browser, "somsri")
    assert (await browser.get("/w/")).status_code == 200
    assert await t.UserSession.count().where(t.UserSession.user == officer_id) == 1

    await sign_in(client, "admin1")
    url = f"/w/admin/users/{officer_id}"
    values = form_of(doc(await client.get(url)), url)
    del values["active"]  # the box unticked: a browser sends nothing for it
    closed = await post_form(client, url, url, values)
    assert closed.status_code == 303
    page = doc(await client.get(closed.headers["location"]))
    assert page.get_element_by_id("ok").text_content().startswith("ปิดการใช้งานบัญชีแล้ว")
    assert page.get_element_by_id("f-active").get("checked") is None

    assert await t.UserSession.count().where(t.UserSession.user == officer_id) == 0
    after = await browser.get("/w/")
    assert after.status_code == 303 and after.headers["location"].startswith("/login")
    assert (await sign_in(browser, "somsri")).status_code == 401


async def test_the_last_admin_and_self_deactivation_are_refused_on_the_page(
    client: httpx.AsyncClient,
) -> None:
    system, admin_id = await school_with_admin()
    await sign_in(client, "admin1")
    url = f"/w/admin/users/{admin_id}"
    values = form_of(doc(await client.get(url)), url)

    demoted = await post_form(client, url, url, {**values, "role": "officer", "display_name": "ครูผู้ดูแลใหม่"})
    assert demoted.status_code == 409
    page = doc(demoted)
    assert page.get_element_by_id("refused").text_content() == users.LAST_ADMIN
    assert page.get_element_by_id("refused").get("role") == "alert"
    assert selected(page, "f-role") == ["officer"]  # what was chosen stays on the form
    assert page.get_element_by_id("f-display_name").get("value") == "ครูผู้ดูแลใหม่"

    await make_user(system, "admin2", "admin")  # now the last-admin rule is not what stops it
    unticked = {k: v for k, v in values.items() if k != "active"}
    closed = await post_form(client, url, url, unticked)
    assert closed.status_code == 409
    page = doc(closed)
    assert page.get_element_by_id("refused").text_content() == users.CANNOT_DEACTIVATE_SELF
    assert page.get_element_by_id("f-active").get("checked") is None

    me = await users.get_user(system.school_id, admin_id)
    assert (me.role, me.active, me.display_name) == ("admin", True, "ครูผู้ดูแล")
    assert (await client.get("/w/admin/users/")).status_code == 200  # still signed in, still admin


async def test_an_admin_resets_a_password_and_the_users_sessions_end(
    client: httpx.AsyncClient, browser: httpx.AsyncClient
) -> None:
    system, admin_id = await school_with_admin()
    officer_id = await make_user(system, "somsri", "officer")
    await sign_in(browser, "somsri")
    await sign_in(client, "admin1")
    url = f"/w/admin/users/{officer_id}"

    weak = await post_form(client, url, url + "/password", {"password": "somsri123"})
    assert weak.status_code == 400
    assert doc(weak).get_element_by_id("e-password").text_content().startswith("รหัสผ่าน: ")
    assert (await browser.get("/w/")).status_code == 200  # nothing changed yet

    reset = await post_form(client, url, url + "/password", {"password": NEW_PASSWORD})
    assert reset.status_code == 303
    assert "ok=password_reset" in reset.headers["location"]
    assert (await browser.get("/w/")).status_code == 303
    assert (await sign_in(browser, "somsri")).status_code == 401
    assert (await sign_in(browser, "somsri", NEW_PASSWORD)).status_code == 303

    own = f"/w/admin/users/{admin_id}"
    assert not doc(await client.get(own)).xpath("//form[@action=$a]", a=own + "/password")
    refused = await post_form(client, own, own + "/password", {"password": NEW_PASSWORD})
    assert refused.status_code == 409
    assert "บัญชีของฉัน" in doc(refused).get_element_by_id("refused").text_content()
    assert (await users.authenticate("admin1", PASSWORD, "198.51.100.1")).id == admin_id


async def test_an_admin_revokes_any_token_of_the_school(client: httpx.AsyncClient) -> None:
    system, _ = await school_with_admin()
    officer_id = await make_user(system, "somsri", "officer", "ครูสมศรี")
    officer = Actor(school_id=system.school_id, user_id=officer_id, label="somsri", role="officer")
    info, plaintext = await tokens.create_token(officer, "สคริปต์นำเข้าแผน")
    await sign_in(client, "admin1")
    page = doc(await client.get("/w/admin/users/"))
    row = [td.text_content().strip() for td in page.get_element_by_id(f"token-{info.id}").findall("td")]
    assert row[:3] == ["สคริปต์นำเข้าแผน", "ครูสมศรี", f"prk_{plaintext[4:12]}…"]
    action = f"/w/admin/users/tokens/{info.id}/revoke"
    assert page.xpath("//form[@action=$a]", a=action)
    revoked = await post_form(client, "/w/admin/users/", action, {})
    assert revoked.status_code == 303
    page = doc(await client.get(revoked.headers["location"]))
    assert page.get_element_by_id("ok").text_content() == "ยกเลิกโทเคนแล้ว"
    assert "ยกเลิกแล้ว" in page.get_element_by_id(f"token-{info.id}").text_content()
    assert await tokens.resolve_token(plaintext) is None


async def test_the_school_profile_saves_keeps_the_slug_and_refuses_bad_input(
    client: httpx.AsyncClient, tmp_path: Path
) -> None:
    system, _ = await school_with_admin()
    # A school that has not set its emblem yet (the factories give every school one).
    await t.School.update({t.School.emblem_path: None}).where(t.School.id == system.school_id)
    await sign_in(client, "admin1")
    url = "/w/admin/school/"
    page = doc(await client.get(url))
    assert page.get_element_by_id("slug").text_content() == "test"
    assert page.get_element_by_id("no-emblem").text_content().startswith("ยังไม่ได้กำหนดไฟล์ตราครุฑ")
    assert "ตราครุฑ" in page.get_element_by_id("h-emblem_path").text_content()
    assert "หัวหน้าเจ้าหน้าที่" in page.get_element_by_id("h-review_by_head").text_content()
    values = form_of(page, url)
    assert values["name"] == "โรงเรียนทดสอบ test" and values["province"] == "ขอนแก่น"
    assert "slug" not in values

    missing = tmp_path / "garuda.svg"
    typed = {
        **values,
        "name": "โรงเรียนบ้านหนองนา",
        "egp_dept_id": "12a4",
        "egp_deptsub_id": "123",
        "emblem_path": str(missing),
    }
    bad = await post_form(client, url, url, typed)
    assert bad.status_code == 400
    page = doc(bad)
    assert page.get_element_by_id("e-egp_dept_id").text_content() == "รหัสหน่วยงาน e-GP: ต้องเป็นตัวเลข 4 หลัก"
    assert page.get_element_by_id("e-egp_deptsub_id").text_content().startswith("รหัสหน่วยจัดซื้อ e-GP: ")
    assert "ไม่พบไฟล์" in page.get_element_by_id("e-emblem_path").text_content()
    assert page.get_element_by_id("f-emblem_path").get("aria-invalid") == "true"
    for name in ("name", "egp_dept_id", "egp_deptsub_id", "emblem_path"):
        assert page.get_element_by_id(f"f-{name}").get("value") == typed[name], name
    assert (await schools.get_school(system.school_id)).name == "โรงเรียนทดสอบ test"

    missing.write_bytes(SVG)
    saved = await post_form(
        client,
        url,
        url,
        {**typed, "egp_dept_id": "๑๒๓๔", "egp_deptsub_id": "01234-56789", "slug": "hijacked"},
    )
    assert saved.status_code == 303
    page = doc(await client.get(saved.headers["location"]))
    assert page.get_element_by_id("ok").text_content() == "บันทึกข้อมูลโรงเรียนแล้ว"
    assert page.get_element_by_id("slug").text_content() == "test"
    assert not page.xpath("//*[@id='no-emblem']")
    school = await schools.get_school(system.school_id)
    assert (school.slug, school.name, school.egp_dept_id, school.egp_deptsub_id, school.emblem_path) == (
        "test",
        "โรงเรียนบ้านหนองนา",
        "1234",
        "0123456789",
        str(missing.resolve()),
    )
    assert school.province == "ขอนแก่น"  # what was not touched stays
    assert (await client.get("/s/test/")).status_code == 200
    events = await t.AuditEvent.select().where(
        (t.AuditEvent.entity == "school") & (t.AuditEvent.action == "update")
    )
    assert len(events) == 1


async def test_update_school_checks_role_slug_and_emblem_file(
    db: Engine,  # type: ignore[type-arg]
    tmp_path: Path,
) -> None:
    _, system = await factories.school()
    officer = Actor(school_id=system.school_id, user_id=None, label="x", role="officer")
    with pytest.raises(Forbidden):
        await schools.update_school(officer, {"phone": "043 000 000"})
    with pytest.raises(InvalidInput) as caught:
        await schools.update_school(system, {"slug": "another"})
    assert caught.value.errors["slug"].startswith("ชื่อย่อในลิงก์ (slug): เปลี่ยนไม่ได้")
    text = tmp_path / "garuda.txt"
    text.write_text("ครุฑ")
    fake = tmp_path / "garuda.png"
    fake.write_bytes(SVG)
    for path, words in ((text, "นามสกุล"), (fake, "ไม่ใช่รูปภาพ .png")):
        with pytest.raises(InvalidInput) as caught:
            await schools.update_school(system, {"emblem_path": str(path)})
        assert words in caught.value.errors["emblem_path"], path
    real = tmp_path / "garuda.PNG"
    real.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(32))
    updated = await schools.update_school(system, {"emblem_path": str(real), "phone": "043 000 000"})
    assert (updated.emblem_path, updated.phone, updated.slug) == (str(real.resolve()), "043 000 000", "test")
    assert updated.director_name == "นางสาวทดสอบ ใจดี"  # only what was sent changes
    cleared = await schools.update_school(system, {"emblem_path": ""})
    assert cleared.emblem_path is None


async def test_an_unticked_review_box_turns_the_head_review_off(client: httpx.AsyncClient) -> None:
    system, _ = await school_with_admin()
    await sign_in(client, "admin1")
    url = "/w/admin/school/"
    values = form_of(doc(await client.get(url)), url)
    assert "review_by_head" not in values and values["review_shown"] == "1"
    assert (await post_form(client, url, url, {**values, "review_by_head": "1"})).status_code == 303
    assert (await schools.get_school(system.school_id)).review_by_head
    values = form_of(doc(await client.get(url)), url)
    assert values["review_by_head"] == "1"
    del values["review_by_head"]
    assert (await post_form(client, url, url, values)).status_code == 303
    assert not (await schools.get_school(system.school_id)).review_by_head


async def test_head_review_hides_the_directors_approve_button_until_the_head_reviews(
    client: httpx.AsyncClient,
) -> None:
    system, _ = await school_with_admin()
    await make_user(system, "boss", "director", "นายใหญ่ ใจดี")
    await make_user(system, "hua", "head", "ครูหัวหน้า")
    vendor = await factories.vendor(system)
    p = await factories.awarded(system, vendor.id)
    draft = await announcements.prepare(
        system, AnnouncementDraft(kind=AnnouncementKind("winner"), procurement_id=p.id)
    )
    await announcements.submit(system, draft.id)
    url = f"/w/announcements/{draft.id}"
    approve = url + "/approve"

    await sign_in(client, "boss")
    assert doc(await client.get(url)).xpath("//form[@action=$a]", a=approve)  # before the change
    await sign_out(client)

    await sign_in(client, "admin1")
    school_url = "/w/admin/school/"
    values = form_of(doc(await client.get(school_url)), school_url)
    turned_on = await post_form(client, school_url, school_url, {**values, "review_by_head": "1"})
    assert turned_on.status_code == 303
    await sign_out(client)

    await sign_in(client, "boss")
    page = doc(await client.get(url))
    assert not page.xpath("//form[@action=$a]", a=approve)
    assert page.get_element_by_id("status").text_content() == "รออนุมัติ"
    assert (await post_form(client, url, approve, {})).status_code == 409  # the server agrees
    await sign_out(client)

    await sign_in(client, "hua")
    assert not doc(await client.get(url)).xpath("//form[@action=$a]", a=approve)  # a head never approves
    reviewed = await post_form(client, url, url + "/review", {})
    assert reviewed.status_code == 303
    await sign_out(client)

    await sign_in(client, "boss")
    assert doc(await client.get(url)).xpath("//form[@action=$a]", a=approve)
    assert (await post_form(client, url, approve, {})).status_code == 303
    assert (await announcements.get_announcement(system.school_id, draft.id)).status == "published"
