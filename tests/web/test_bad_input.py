"""No request with bad input ever returns a 500: every workspace form gets junk, as a person might
paste it, and must answer with a page (400/404/409) instead."""

from __future__ import annotations

import httpx
import pytest

from prakat.announcements import service as announcements
from prakat.announcements.schemas import BODY_LIMIT, AnnouncementDraft
from prakat.db import tables as t
from prakat.plans import service as plans
from prakat.rules import AnnouncementKind
from tests import factories
from tests.web.helpers import csrf_of, make_user, sign_in

FIELDS = [
    "name",
    "tax_id",
    "business_type",
    "business_types",
    "phone",
    "address",
    "subject",
    "kind",
    "method",
    "method_reason",
    "budget",
    "reference_price",
    "budget_source",
    "requested_on",
    "egp_project_number",
    "plan_item_id",
    "vendor_id",
    "amount",
    "vendor_name",
    "vendor_tax_id",
    "bid_id",
    "agreed_price",
    "awarded_on",
    "reason",
    "contract_number",
    "contract_date",
    "vat_included",
    "vat_shown",
    "expected_month",
    "category",
    "planned_method",
    "egp_plan_code",
    "direction",
    "pasted",
    "supersedes_id",
    "procurement_id",
    "plan_id",
    "body",
    "comment",
    "username",
    "display_name",
    "position",
    "role",
    "password",
    "password_again",
    "active",
    "active_shown",
    "current_password",
    "new_password",
    "new_password_again",
    "review_by_head",
    "review_shown",
    "emblem_path",
    "slug",
    "egp_dept_id",
    "egp_deptsub_id",
    "delegation_text",
    "bidder_qualifications",
    "bid_on",
    "bid_from",
    "bid_until",
    "documents_from",
    "documents_until",
    "inquiry",
    "hearing_from",
    "hearing_until",
    "draft_location",
    "comment_channel",
    "price_set_on",
    "price_setters",
    "price_sources",
    "work_outline",
]
JUNK = {
    "empty": {},
    # Longer than any field takes (the longest is an announcement's own words), on every field at once.
    "long": {f: "ก" * (BODY_LIMIT + 1) for f in FIELDS},
    "nul": {f: "a\x00b" for f in FIELDS},
    "numbers": {f: "-1e309" for f in FIELDS},
    "markup": {f: '<script>alert("x")</script>&amp;' for f in FIELDS},
    "ids": {f: "99999999999999999999" for f in FIELDS},
}


async def _routes() -> dict[str, list[str]]:
    _, system = await factories.school()
    for username, role in (("somsri", "officer"), ("boss", "director"), ("root", "admin")):
        await make_user(system, username, role)
    vendor = await factories.vendor(system)
    p = await factories.awarded(system, vendor.id)
    bid_id = p.bids[0].id
    plan = await plans.create_plan(system, 2569)
    item = await plans.add_plan_item(system, plan.id, plans.parse_plan_item(factories.PLAN_ITEM, 2569))
    draft = await announcements.prepare(
        system, AnnouncementDraft(kind=AnnouncementKind("winner"), procurement_id=p.id)
    )
    other = await factories.awarded(system, vendor.id, subject="อื่น")
    pending = await announcements.prepare(
        system, AnnouncementDraft(kind=AnnouncementKind("winner"), procurement_id=other.id)
    )
    await announcements.submit(system, pending.id)
    admin = await t.User.select(t.User.id).where(t.User.username == "somsri").first()
    assert admin is not None
    return {
        "somsri": [
            "/w/vendors/",
            "/w/procurements/new",
            f"/w/procurements/{p.id}/edit",
            f"/w/procurements/{p.id}/bids",
            f"/w/procurements/{p.id}/award",
            f"/w/procurements/{p.id}/bids/{bid_id}/delete",
            f"/w/procurements/{p.id}/award/delete",
            "/w/procurements/999999/bids",
            "/w/plans/2569/new",
            f"/w/plans/{plan.id}/items",
            f"/w/plans/items/{item.id}",
            f"/w/plans/items/{item.id}/move",
            f"/w/plans/{plan.id}/import",
            f"/w/plans/{plan.id}/announce",
            "/w/announcements/new",
            f"/w/announcements/{draft.id}/body",
            f"/w/announcements/{draft.id}/submit",
            "/w/account/password",
            "/w/account/tokens",
            f"/w/plans/items/{item.id}/delete",
            f"/w/plans/{plan.id}/delete",
            f"/w/announcements/{draft.id}/discard",
            f"/w/procurements/{p.id}/delete",
        ],
        "boss": [f"/w/announcements/{pending.id}/return", f"/w/announcements/{pending.id}/approve"],
        "root": [
            "/w/admin/users/",
            f"/w/admin/users/{admin['id']}",
            f"/w/admin/users/{admin['id']}/password",
            "/w/admin/school/",
        ],
    }


@pytest.mark.parametrize("junk", sorted(JUNK))
async def test_junk_never_makes_a_500(client: httpx.AsyncClient, junk: str) -> None:
    routes = await _routes()
    login = await client.get("/login")
    response = await client.post("/login", data={**JUNK[junk], "_csrf_token": csrf_of(login)})
    assert response.status_code in (400, 401, 403, 413, 429), f"sign-in with {junk}: {response.status_code}"
    for username, paths in routes.items():
        client.cookies.clear()
        await sign_in(client, username)
        token = csrf_of(await client.get("/w/account/"))
        for path in paths:
            response = await client.post(path, data={**JUNK[junk], "_csrf_token": token})
            assert response.status_code < 500, f"{username} POST {path} with {junk}: {response.status_code}"
            if response.status_code == 400:
                assert "text/html" in response.headers["content-type"]
    for path in (
        "/w/procurements/abc",
        "/w/plans/99999999999999999999/",
        "/w/history/nothing/1",
        "/w/announcements/0",
    ):
        assert (await client.get(path)).status_code == 404


async def test_a_body_over_the_limit_is_refused_whole(client: httpx.AsyncClient) -> None:
    """A form far larger than any page sends (Litestar's 10 MB request limit) is refused before it
    is read into fields: 413, never a 500."""
    await _routes()
    await sign_in(client, "somsri")
    token = csrf_of(await client.get("/w/account/"))
    huge = {"subject": "ก" * 1_300_000, "_csrf_token": token}  # 11.7 MB once form-encoded
    response = await client.post("/w/procurements/new", data=huge)
    assert response.status_code == 413
    assert response.headers["content-type"].startswith("text/html")  # the Thai error page
