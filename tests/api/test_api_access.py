"""Who may call the API: a valid personal token only (never the browser's session cookie), each write
behind the permission the page asks for, and nothing of another school visible or writable."""

from __future__ import annotations

import httpx
import pytest

from prakat import urls
from prakat.audit import Actor
from prakat.auth import tokens
from prakat.auth.roles import Permission, Role, can
from prakat.db import tables as t
from prakat.users import service as users
from tests import factories
from tests.api.helpers import Caller, call, caller
from tests.web.helpers import sign_in

E, S, R, A, B = Permission.EDIT, Permission.SUBMIT, Permission.REVIEW, Permission.APPROVE, Permission.RETURN
# Every write route and the permission its page asks for (ids need not exist: the guard comes first).
WRITES = [
    ("POST", "/vendors", E),
    ("POST", "/plans", E),
    ("POST", "/plans/1/items", E),
    ("PUT", "/plans/1/items/2", E),
    ("DELETE", "/plans/1/items/2", E),
    ("POST", "/plans/1/items/2/move", E),
    ("POST", "/procurements", E),
    ("PUT", "/procurements/1", E),
    ("DELETE", "/procurements/1", E),
    ("POST", "/procurements/1/bids", E),
    ("DELETE", "/procurements/1/bids/2", E),
    ("PUT", "/procurements/1/award", E),
    ("DELETE", "/procurements/1/award", E),
    ("POST", "/announcements", E),
    ("PATCH", "/announcements/1", E),
    ("DELETE", "/announcements/1", E),
    ("POST", "/announcements/1/submit", S),
    ("POST", "/announcements/1/review", R),
    ("POST", "/announcements/1/approve", A),
    ("POST", "/announcements/1/return", B),
]
READS = ["/vendors", "/plans", "/procurements", "/announcements"]
UNAUTHORISED = "ต้องยืนยันตัวตน"


async def test_each_write_needs_exactly_its_pages_permission(client: httpx.AsyncClient) -> None:
    _, school = await factories.school()
    callers = {role: await caller(school, role.value, role.value) for role in Role}
    for method, path, permission in WRITES:
        for role, who in callers.items():
            response = await client.request(method, urls.API + path, json={}, headers=who.headers)
            where = (method, path, role.value)
            if can(role, permission):
                assert response.status_code in {400, 404}, (*where, response.text)
            else:
                assert response.status_code == 403, (*where, response.text)
                assert response.json() == {
                    "error": "ไม่มีสิทธิ์",
                    "detail": f"{role.label}ไม่มีสิทธิ์{permission.label}",
                }
    for path in READS:
        for who in callers.values():
            assert (await client.get(urls.API + path, headers=who.headers)).status_code == 200
    assert await t.Plan.count() == 0 and await t.Vendor.count() == 0


@pytest.mark.parametrize(
    "authorization",
    [
        None,
        "",
        "Bearer",
        "Bearer prk_not-a-real-token",
        "Bearer not-even-the-prefix",
        "Basic c29tc3JpOnNlY3JldA==",
    ],
)
async def test_no_or_a_bad_token_is_401_json(client: httpx.AsyncClient, authorization: str | None) -> None:
    _, school = await factories.school()
    await caller(school, "somsri", "officer")  # a real token exists; none of these is it
    headers = {} if authorization is None else {"Authorization": authorization}
    for method, path in (("GET", "/vendors"), ("POST", "/vendors"), ("POST", "/announcements/1/approve")):
        response = await client.request(method, urls.API + path, json={}, headers=headers)
        assert response.status_code == 401, (method, path)
        body = response.json()
        assert body["error"] == UNAUTHORISED and "Bearer" in body["detail"]
    assert await t.Vendor.count() == 0


async def test_the_scheme_must_be_bearer_in_any_case(client: httpx.AsyncClient) -> None:
    _, school = await factories.school()
    officer = await caller(school, "somsri", "officer")
    assert (await client.get(urls.API + "/vendors", headers=officer.headers)).status_code == 200
    lower = {"Authorization": f"bearer {officer.token}"}
    assert (await client.get(urls.API + "/vendors", headers=lower)).status_code == 200
    other = {"Authorization": f"Token {officer.token}"}
    assert (await client.get(urls.API + "/vendors", headers=other)).status_code == 401


async def test_a_revoked_token_or_a_deactivated_user_is_401(client: httpx.AsyncClient) -> None:
    _, school = await factories.school()
    officer = await caller(school, "somsri", "officer")
    spare = await caller(school, "somchai", "officer")
    kept = await tokens.create_token(officer.actor, "another script")
    await call(client, officer, "GET", "/vendors")
    await tokens.revoke_token(officer.actor, officer.token_id)
    revoked = await call(client, officer, "GET", "/vendors", expect=401)
    assert revoked["error"] == UNAUTHORISED
    still = Caller(officer.actor, kept[1], kept[0].id)
    await call(client, still, "GET", "/vendors")  # revoking one token leaves the user's others alone

    await call(client, spare, "GET", "/vendors")
    assert spare.actor.user_id is not None
    await users.update_user(Actor(school_id=school.school_id), spare.actor.user_id, {"active": False})
    await call(client, spare, "POST", "/vendors", {"name": "ร้านใหม่"}, expect=401)
    assert await t.Vendor.count() == 0


async def test_the_workspace_session_cookie_does_not_open_the_api(client: httpx.AsyncClient) -> None:
    _, school = await factories.school()
    await caller(school, "somsri", "officer")
    await sign_in(client, "somsri")
    assert (await client.get("/w/vendors/")).status_code == 200  # the cookie is good for the pages
    assert client.cookies  # and the client sends it with every request below
    for method, path in (("GET", "/vendors"), ("POST", "/vendors")):
        response = await client.request(
            method,
            urls.API + path,
            json={"name": "ร้านใหม่", "tax_id": factories.tax_id("040500000001")},
            headers={"Accept": "text/html"},
        )
        assert response.status_code == 401, (method, path)
        assert response.json()["error"] == UNAUTHORISED  # JSON even to a browser
    assert await t.Vendor.count() == 0


async def test_another_schools_records_are_not_found(client: httpx.AsyncClient) -> None:
    _, mine = await factories.school("mine")
    _, theirs = await factories.school("theirs")
    officer = await caller(mine, "somsri", "officer")
    director = await caller(mine, "boss", "director")
    my_vendor = await factories.vendor(mine, 1)

    vendor = await factories.vendor(theirs, 2)
    p = await factories.awarded(theirs, vendor.id)
    published = await factories.publish(theirs, "reference_price", procurement_id=p.id)
    deletable = await factories.procurement(theirs, subject="งานที่ยังไม่มีประกาศ")

    body = {**factories.PROCUREMENT, "budget": "100", "requested_on": "2025-11-03"}
    for who, method, path, data in (
        (officer, "GET", f"/vendors/{vendor.id}", None),
        (officer, "GET", f"/procurements/{p.id}", None),
        (officer, "PUT", f"/procurements/{p.id}", body),
        (officer, "DELETE", f"/procurements/{deletable.id}", None),
        (officer, "POST", f"/procurements/{p.id}/bids", {"vendor_id": my_vendor.id, "amount": "1"}),
        (officer, "DELETE", f"/procurements/{p.id}/bids/{p.bids[0].id}", None),
        (officer, "DELETE", f"/procurements/{p.id}/award", None),
        (officer, "GET", f"/announcements/{published.id}", None),
        (officer, "PATCH", f"/announcements/{published.id}", {"body": "x"}),
        (officer, "DELETE", f"/announcements/{published.id}", None),
        (officer, "POST", f"/announcements/{published.id}/submit", None),
        (director, "POST", f"/announcements/{published.id}/approve", None),
        (director, "POST", f"/announcements/{published.id}/return", {"comment": "แก้"}),
        (officer, "POST", "/announcements", {"kind": "winner", "procurement_id": p.id}),
    ):
        answer = await call(client, who, method, path, data, expect=404)
        assert answer["error"] == "ไม่พบหน้านี้" and answer["detail"].startswith("ไม่พบ"), (method, path)

    # Their vendor cannot bid in my procurement either, and none of their rows shows in my lists.
    mine_p = await factories.procurement(mine)
    refused = await call(
        client,
        officer,
        "POST",
        f"/procurements/{mine_p.id}/bids",
        {"vendor_id": vendor.id, "amount": "100"},
        expect=400,
    )
    assert refused["fields"] == {"vendor_id": "ผู้เสนอราคา: ไม่พบในทะเบียนผู้ประกอบการของโรงเรียน"}
    assert [v["id"] for v in await call(client, officer, "GET", "/vendors")] == [my_vendor.id]
    assert [x["id"] for x in await call(client, officer, "GET", "/procurements")] == [mine_p.id]
    assert await call(client, officer, "GET", "/announcements") == []
    assert await t.Procurement.count().where(t.Procurement.school == theirs.school_id) == 2
    assert await t.Bid.count().where(t.Bid.school == theirs.school_id) == 1


async def test_another_schools_plan_and_another_plans_item_are_not_found(client: httpx.AsyncClient) -> None:
    _, mine = await factories.school("mine")
    _, theirs = await factories.school("theirs")
    officer = await caller(mine, "somsri", "officer")
    their_plan = await call(
        client, await caller(theirs, "other", "officer"), "POST", "/plans", {"year_be": 2569}, expect=201
    )
    my_plan = await call(client, officer, "POST", "/plans", {"year_be": 2569}, expect=201)
    my_item = await call(
        client, officer, "POST", f"/plans/{my_plan['id']}/items", factories.PLAN_ITEM, expect=201
    )
    other_year = await call(client, officer, "POST", "/plans", {"year_be": 2570}, expect=201)

    for method, path, data in (
        ("GET", f"/plans/{their_plan['id']}", None),
        ("POST", f"/plans/{their_plan['id']}/items", factories.PLAN_ITEM),
        # My item, addressed through a plan it is not in.
        ("PUT", f"/plans/{other_year['id']}/items/{my_item['id']}", factories.PLAN_ITEM),
        ("DELETE", f"/plans/{other_year['id']}/items/{my_item['id']}", None),
        ("POST", f"/plans/{other_year['id']}/items/{my_item['id']}/move", {"offset": 1}),
    ):
        answer = await call(client, officer, method, path, data, expect=404)
        assert answer["detail"].startswith("ไม่พบ"), (method, path)
    assert (await call(client, officer, "GET", f"/plans/{my_plan['id']}"))["items"] == [my_item]
    assert await t.PlanItem.count() == 1
