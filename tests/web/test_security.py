"""What an outside probe found, each closed where it belongs: OPTIONS on guarded routes, whole numbers in
query strings, dates outside the dated rules, and the security headers every response carries."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import httpx
import pytest
from lxml import html

from prakat import urls
from prakat.announcements import service as announcements
from prakat.announcements.schemas import COMMENT_LIMIT, AnnouncementDraft
from prakat.app import create_app
from prakat.auth import ratelimit
from prakat.db import tables as t
from prakat.errors import InvalidInput
from prakat.paths import templates_dir
from prakat.rules import AnnouncementKind
from prakat.settings import Settings
from prakat.validation import BIDI_MESSAGE, Fields, checked_text
from prakat.web.security import CSP
from tests import factories
from tests.api.helpers import call, caller
from tests.conftest import asgi_transport
from tests.test_urls import sample
from tests.web.helpers import csrf_of, make_user, post_form, sign_in


def directives(csp: str) -> dict[str, list[str]]:
    parsed: dict[str, list[str]] = {}
    for part in csp.split(";"):
        name, *values = part.split()
        parsed[name] = values
    return parsed


@pytest.mark.parametrize("path", [urls.API + "/vendors", urls.API + "/announcements", "/w/vendors/", "/w/"])
async def test_options_answers_the_allowed_methods(client: httpx.AsyncClient, path: str) -> None:
    response = await client.options(path)
    assert response.status_code == 204, response.text
    assert "GET" in {m.strip() for m in response.headers["allow"].split(",")}


@pytest.mark.parametrize("entry", list(urls.ROUTES.values()), ids=list(urls.ROUTES))
async def test_options_answers_every_route(client: httpx.AsyncClient, entry: urls.Route) -> None:
    """Anonymous, with a CORS preflight's headers: never a server error, and the methods named."""
    await factories.school("demo-school")
    preflight = {"Origin": "https://www.school.ac.th", "Access-Control-Request-Method": "GET"}
    response = await client.options(entry.url(**sample(entry)), headers=preflight)
    assert response.status_code == 204, (entry.name, response.status_code, response.text[:300])
    allowed = response.headers.get("allow") or response.headers["access-control-allow-methods"]
    assert "OPTIONS" in allowed, entry.name


async def test_guarded_head_without_a_session_is_not_a_server_error(client: httpx.AsyncClient) -> None:
    response = await client.head(urls.API + "/vendors")
    assert response.status_code < 500


@pytest.mark.parametrize(
    "query",
    [
        "plan_id=-10748576477586149376",
        "procurement_id=99999999999999999999",
        "procurement_id=-1",
        f"plan_id={2**31}",
    ],
)
async def test_whole_numbers_in_queries_are_range_checked(client: httpx.AsyncClient, query: str) -> None:
    _, school = await factories.school()
    officer = await caller(school, "somsri", "officer")
    answer = await call(client, officer, "GET", f"/announcements?{query}", expect=400)
    name = query.split("=")[0]
    assert name in answer["fields"], answer
    assert "จำนวนเต็ม" in answer["fields"][name]


async def test_a_whole_number_in_range_still_filters(client: httpx.AsyncClient) -> None:
    _, school = await factories.school()
    officer = await caller(school, "somsri", "officer")
    assert await call(client, officer, "GET", f"/announcements?plan_id={2**31 - 1}") == []


async def test_a_request_date_before_every_rule_set_is_a_thai_400(client: httpx.AsyncClient) -> None:
    _, school = await factories.school()
    officer = await caller(school, "somsri", "officer")
    body = {**factories.PROCUREMENT, "budget": "100", "requested_on": "2000-01-01"}
    response = await client.post(urls.API + "/procurements", json=body, headers=officer.headers)
    assert response.status_code == 400, response.text
    text = response.text
    assert "ปีงบประมาณ" in text and "2561" in text, text


async def test_pages_carry_the_security_headers(client: httpx.AsyncClient) -> None:
    await factories.school()
    for path in ("/", "/login", "/s/test/", "/s/test/announcements/", "/s/test/follow/", "/w/"):
        response = await client.get(path)
        headers = response.headers
        csp = directives(headers["content-security-policy"])
        assert csp["script-src"] == ["'self'"], (path, csp)
        assert csp["frame-ancestors"] == ["'none'"], path
        assert headers["x-frame-options"] == "DENY", path
        assert headers["x-content-type-options"] == "nosniff", path
        assert headers["referrer-policy"] == "strict-origin-when-cross-origin", path
        assert "strict-transport-security" not in headers, path  # the base URL is http here


async def test_the_embed_keeps_its_own_frame_ancestors(client: httpx.AsyncClient) -> None:
    await factories.school(embed_origins="https://www.school.ac.th")
    response = await client.get("/s/test/embed/")
    assert response.status_code == 200
    csp = directives(response.headers["content-security-policy"])
    assert "https://www.school.ac.th" in csp["frame-ancestors"] and "'none'" not in csp["frame-ancestors"]
    assert "x-frame-options" not in response.headers
    assert response.headers["x-content-type-options"] == "nosniff"


async def test_https_installs_send_hsts(db: object, settings: Settings, tmp_path: Path) -> None:
    # Feeds of its own: an app's feed listener stays subscribed after the test, and must not write
    # https links into the folder the other tests' apps share.
    https = dataclasses.replace(settings, base_url="https://prakat.example.org", feeds_dir=tmp_path)
    app = create_app(https, engine=db)  # type: ignore[arg-type]
    transport = asgi_transport(app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        response = await client.get("/login")
    assert response.headers["strict-transport-security"] == "max-age=31536000"


async def test_pages_hold_no_inline_script(client: httpx.AsyncClient) -> None:
    """The CSP forbids inline script, so a page's scripts are files (or JSON data, which never runs)."""
    await factories.school()
    page = await client.get("/s/test/follow/")
    scripts = html.fromstring(page.text).findall(".//script")
    assert scripts, "the follow page has its copy-button script"
    for script in scripts:
        src = script.get("src")
        assert src or script.get("type") == "application/json", html.tostring(script)
        assert src is None or (await client.get(src)).status_code == 200
    assert "'unsafe-inline'" not in directives(CSP)["script-src"]


BIDI = ["\u202e", "\u202d", "\u202a", "\u2066", "\u2067", "\u2068", "\u2069", "\u200f", "\u200e", "\u061c"]


@pytest.mark.parametrize("control", BIDI)
def test_bidi_controls_are_refused_with_the_field_named(control: str) -> None:
    f = Fields({"subject": f"ซื้อ{control}rtl abc"})
    assert f.text("subject", "ชื่องาน") == ""
    message = f.errors["subject"]
    assert message.startswith("ชื่องาน: ") and f"U+{ord(control):04X}" in message


def test_invisible_formatting_is_removed_like_control_characters() -> None:
    f = Fields({"subject": "ซื้อ\u200bวัสดุ\u00ad\ufeffสำนักงาน\u2060"})
    assert f.text("subject", "ชื่องาน") == "ซื้อวัสดุสำนักงาน"
    assert not f.errors


async def test_the_api_refuses_an_override_in_a_vendor_name(client: httpx.AsyncClient) -> None:
    _, school = await factories.school()
    officer = await caller(school, "somsri", "officer")
    body = {"name": "ร้าน\u202eabc", "tax_id": factories.tax_id("010555000001")}
    answer = await call(client, officer, "POST", "/vendors", body, expect=400)
    assert "U+202E" in answer["fields"]["name"]


async def test_an_announcement_body_refuses_an_override(db: object) -> None:
    _, school = await factories.school()
    vendor = await factories.vendor(school)
    p = await factories.awarded(school, vendor.id)
    draft = await announcements.prepare(
        school, AnnouncementDraft(kind=AnnouncementKind("winner"), procurement_id=p.id)
    )
    with pytest.raises(InvalidInput) as raised:
        await announcements.update_body(school, draft.id, "เหตุผล\u202eRTL")
    assert raised.value.errors["body"].startswith("รายละเอียดเพิ่มเติม: ")
    assert "U+202E" in raised.value.errors["body"]


def test_free_text_read_alone_refuses_overrides_and_drops_invisible_marks() -> None:
    with pytest.raises(InvalidInput) as raised:
        checked_text("แก้\u2067ไข", "comment", "ความเห็น")
    assert raised.value.errors == {"comment": "ความเห็น: " + BIDI_MESSAGE.format(code=0x2067)}
    assert checked_text("แก้\u200bไข", "comment", "ความเห็น") == "แก้ไข"


async def test_an_anonymous_csrf_token_does_not_pass_with_a_session(client: httpx.AsyncClient) -> None:
    _, school = await factories.school()
    await make_user(school, "somsri", "officer")
    anonymous = csrf_of(await client.get("/login"))
    await sign_in(client, "somsri")
    response = await client.post("/logout", data={"_csrf_token": anonymous})
    assert response.status_code == 403
    assert await t.UserSession.count() == 1
    assert "แบบฟอร์ม" in html.fromstring(response.text).text_content()


async def test_another_sessions_cookie_and_token_pair_does_not_pass(
    client: httpx.AsyncClient, settings: Settings, db: object, tmp_path: Path
) -> None:
    _, school = await factories.school()
    await make_user(school, "somsri", "officer")
    await make_user(school, "mallory", "officer")
    await sign_in(client, "somsri")
    app = create_app(settings, engine=db)  # type: ignore[arg-type]
    async with httpx.AsyncClient(transport=asgi_transport(app), base_url="http://testserver") as other:
        await sign_in(other, "mallory")
        foreign_token = csrf_of(await other.get("/w/account/"))
        foreign_csrf_cookie = other.cookies.get("prakat_csrf")
    # The attacker plants their own CSRF cookie beside the victim's session cookie, with its token.
    client.cookies.set("prakat_csrf", foreign_csrf_cookie or "", domain="testserver.local")
    response = await client.post("/logout", data={"_csrf_token": foreign_token})
    assert response.status_code == 403
    assert await t.UserSession.count() == 2


@pytest.mark.parametrize("header", ["origin", "referer"])
async def test_a_foreign_origin_is_refused_with_a_good_token(client: httpx.AsyncClient, header: str) -> None:
    _, school = await factories.school()
    await make_user(school, "somsri", "officer")
    await sign_in(client, "somsri")
    token = csrf_of(await client.get("/w/account/"))
    foreign = {header: "https://evil.example" + ("/page" if header == "referer" else "")}
    refused = await client.post("/logout", data={"_csrf_token": token}, headers=foreign)
    assert refused.status_code == 403
    own = {header: "http://testserver" + ("/w/account/" if header == "referer" else "")}
    assert (await client.post("/logout", data={"_csrf_token": token}, headers=own)).status_code == 303


async def test_only_the_sign_in_page_sets_a_cookie_before_sign_in(client: httpx.AsyncClient) -> None:
    await factories.school()
    for path in (
        "/",
        "/s/test/",
        "/s/test/announcements/",
        "/s/test/embed/",
        "/s/test/feeds/announcements.rss",
    ):
        assert "set-cookie" not in (await client.get(path)).headers, path
    assert "prakat_csrf=" in (await client.get("/login")).headers["set-cookie"]


async def test_a_form_date_before_every_rule_set_keeps_what_was_typed(client: httpx.AsyncClient) -> None:
    _, school = await factories.school()
    await make_user(school, "somsri", "officer")
    await sign_in(client, "somsri")
    typed = {
        "subject": "วัสดุทำความสะอาด",
        "kind": "buy",
        "method": "specific",
        "budget": "8,500",
        "budget_source": "per_head_subsidy",
        "requested_on": "1/1/2543",
    }
    response = await post_form(client, "/w/procurements/new", "/w/procurements/new", typed)
    assert response.status_code == 400
    page = html.fromstring(response.text)
    field = page.get_element_by_id("f-requested_on")
    assert field.get("value") == "1/1/2543"
    message = page.get_element_by_id("e-requested_on").text_content()
    assert "2561" in message and "ปีงบประมาณ" in message
    assert page.get_element_by_id("f-subject").get("value") == "วัสดุทำความสะอาด"


async def test_a_plan_for_a_year_before_the_rules_is_refused(client: httpx.AsyncClient) -> None:
    _, school = await factories.school()
    officer = await caller(school, "somsri", "officer")
    answer = await call(client, officer, "POST", "/plans", {"year_be": 2543}, expect=400)
    assert "2561" in answer["fields"]["year_be"], answer
    await call(client, officer, "POST", "/plans", {"year_be": 2569}, expect=201)


async def test_a_return_comment_has_a_length_limit(client: httpx.AsyncClient) -> None:
    _, school = await factories.school()
    director = await caller(school, "boss", "director")
    vendor = await factories.vendor(school)
    p = await factories.awarded(school, vendor.id)
    draft = await announcements.prepare(
        school, AnnouncementDraft(kind=AnnouncementKind.WINNER, procurement_id=p.id)
    )
    await announcements.submit(school, draft.id)
    long = {"comment": "ก" * (COMMENT_LIMIT + 1)}
    answer = await call(client, director, "POST", f"/announcements/{draft.id}/return", long, expect=400)
    assert "2,000" in answer["fields"]["comment"]
    await call(client, director, "POST", f"/announcements/{draft.id}/return", {"comment": "แก้ราคา"})


@pytest.mark.parametrize("token", ["ไทย", "caf\u00e9", ""])
async def test_a_csrf_token_that_is_not_ascii_is_refused_not_a_500(
    client: httpx.AsyncClient, token: str
) -> None:
    _, school = await factories.school()
    await make_user(school, "somsri", "officer")
    await client.get("/login")
    anonymous = await client.post("/login", data={"username": "x", "password": "y", "_csrf_token": token})
    assert anonymous.status_code == 403
    await sign_in(client, "somsri")
    signed_in = await client.post("/w/vendors/", data={"name": "x", "_csrf_token": token})
    assert signed_in.status_code == 403
    header = await client.post("/w/vendors/", data={"name": "x"}, headers={b"x-csrftoken": token.encode()})
    assert header.status_code == 403


def test_no_template_has_an_inline_event_handler() -> None:
    """The CSP blocks inline handlers (onclick=, onfocus=…): a page's behaviour lives in /static/js."""
    inline = re.compile(r"<[^>]*\son[a-z]+\s*=", re.IGNORECASE)
    found = [str(path) for path in templates_dir().rglob("*.html") if inline.search(path.read_text())]
    assert found == []


async def test_guesses_from_elsewhere_do_not_keep_the_owner_out(
    client: httpx.AsyncClient, settings: Settings, db: object, tmp_path: Path
) -> None:
    """The account-wide slow-down stops guessing from many addresses, but a browser its owner signed in
    on before (its known-device cookie) is not made to wait."""
    _, school = await factories.school()
    await make_user(school, "boss", "director")
    assert (await sign_in(client, "boss")).status_code == 303  # the director's own browser, once
    await post_form(client, "/w/", "/logout", {})
    for n in range(ratelimit.ACCOUNT_FREE_FAILURES + 3):
        await ratelimit.record_failure("boss", f"198.51.100.{n + 1}")  # an attacker's guesses
    app = create_app(dataclasses.replace(settings, feeds_dir=tmp_path), engine=db)  # type: ignore[arg-type]
    async with httpx.AsyncClient(transport=asgi_transport(app), base_url="http://testserver") as stranger:
        slowed = await sign_in(stranger, "boss")  # the right password, from a browser without the cookie
        assert slowed.status_code == 429
        assert "วินาที" in html.fromstring(slowed.text).get_element_by_id("login-error").text_content()
    assert (await sign_in(client, "boss")).status_code == 303
