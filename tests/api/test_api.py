"""The whole flow of tests/web/test_workflow_pages.py, through the JSON API with two tokens: an officer
enters and submits, the director approves; roles and publication hold exactly as through the pages."""

from __future__ import annotations

import httpx

from prakat.auth.roles import Permission, Role
from prakat.schools import service as schools
from tests import factories
from tests.api.helpers import call, caller

ITEM = {**factories.PLAN_ITEM}


async def test_officer_enters_and_submits_director_approves(client: httpx.AsyncClient) -> None:
    _, school = await factories.school("banna", director_name="นายใหญ่ ใจดี")
    officer = await caller(school, "somsri", "officer", "ครูสมศรี")
    director = await caller(school, "boss", "director", "นายใหญ่ ใจดี", "ผู้อำนวยการโรงเรียนบ้านนา")

    # Vendors.
    known = await call(
        client,
        officer,
        "POST",
        "/vendors",
        {"name": "ร้านรุ่งเรือง", "tax_id": factories.tax_id("040500000001")},
        expect=201,
    )
    clean = await call(
        client,
        officer,
        "POST",
        "/vendors",
        {
            "name": "หจก. สะอาดดี",
            "tax_id": factories.tax_id("010553000001"),
            "business_types": ["service", "wholesale", "service"],
        },
        expect=201,
    )
    # A set, in e-GP's order; an older client's one business_type still reads; none means retail.
    assert (clean["name"], clean["business_types"]) == ("หจก. สะอาดดี", ["wholesale", "service"])
    assert known["business_types"] == ["retail"]
    legacy = await call(
        client,
        officer,
        "POST",
        "/vendors",
        {"name": "ร้านรุ่งเรือง สาขา 2", "tax_id": factories.tax_id("040500000002"), "business_type": "service"},
        expect=201,
    )
    assert legacy["business_types"] == ["service"]
    refused = await call(
        client,
        officer,
        "POST",
        "/vendors",
        {"name": "ร้านว่าง", "tax_id": factories.tax_id("040500000003"), "business_types": []},
        expect=400,
    )
    assert "ประเภทกิจการ" in str(refused)
    assert await call(client, officer, "GET", f"/vendors/{known['id']}") == known
    listed = await call(client, officer, "GET", "/vendors")
    assert [v["name"] for v in listed] == ["ร้านรุ่งเรือง", "ร้านรุ่งเรือง สาขา 2", "หจก. สะอาดดี"]

    # The plan: three items, the last moved up, one changed, one deleted.
    plan = await call(client, officer, "POST", "/plans", {"year_be": 2569}, expect=201)
    assert (plan["year_be"], plan["revision"], plan["status"], plan["items"]) == (2569, 0, "draft", [])
    items = [
        await call(client, officer, "POST", f"/plans/{plan['id']}/items", {**ITEM, "name": name}, expect=201)
        for name in ("วัสดุสำนักงาน", "วัสดุทำความสะอาด", "ซ่อมหลังคา")
    ]
    assert [i["position"] for i in items] == [1, 2, 3]
    assert items[0]["budget"] == "50000.00" and items[0]["expected_month"] == "2025-11-01"
    moved = await call(
        client, officer, "POST", f"/plans/{plan['id']}/items/{items[2]['id']}/move", {"offset": -1}
    )
    assert [i["name"] for i in moved["items"]] == ["วัสดุสำนักงาน", "ซ่อมหลังคา", "วัสดุทำความสะอาด"]
    changed = await call(
        client,
        officer,
        "PUT",
        f"/plans/{plan['id']}/items/{items[1]['id']}",
        {**ITEM, "name": "วัสดุทำความสะอาด", "budget": "8,500", "kind": "buy"},
    )
    assert (changed["budget"], changed["position"]) == ("8500.00", 3)
    await call(client, officer, "DELETE", f"/plans/{plan['id']}/items/{items[0]['id']}", expect=204)
    plan = await call(client, officer, "GET", f"/plans/{plan['id']}")
    assert [(i["position"], i["name"]) for i in plan["items"]] == [(1, "ซ่อมหลังคา"), (2, "วัสดุทำความสะอาด")]
    assert [p["id"] for p in await call(client, officer, "GET", "/plans?year=2569")] == [plan["id"]]

    # The procurement from the plan item, two bids, the winner.
    p = await call(
        client,
        officer,
        "POST",
        "/procurements",
        {
            "subject": "วัสดุทำความสะอาด",
            "kind": "buy",
            "method": "specific",
            "budget": "8,500",
            "budget_source": "per_head_subsidy",
            "requested_on": "3/11/2568",
            "plan_item_id": items[1]["id"],
        },
        expect=201,
    )
    assert "มาตรา 56" in p["legal_clause"]  # filled from the method, as on the page
    assert (p["year_be"], p["status"], p["budget"], p["requested_on"]) == (
        2569,
        "draft",
        "8500.00",
        "2025-11-03",
    )
    url = f"/procurements/{p['id']}"
    await call(
        client, officer, "POST", url + "/bids", {"vendor_id": known["id"], "amount": "8,400"}, expect=201
    )
    with_bids = await call(
        client, officer, "POST", url + "/bids", {"vendor_id": clean["id"], "amount": 8250.50}, expect=201
    )
    assert [(b["vendor_name"], b["amount"]) for b in with_bids["bids"]] == [
        ("หจก. สะอาดดี", "8250.50"),
        ("ร้านรุ่งเรือง", "8400.00"),
    ]
    winner_bid = with_bids["bids"][0]["id"]
    awarded = await call(
        client,
        officer,
        "PUT",
        url + "/award",
        {
            "bid_id": winner_bid,
            "agreed_price": "8250.50",
            "awarded_on": "2025-11-05",
            "reason": "เสนอราคาต่ำสุด",
        },
    )
    assert awarded["award"]["vendor_name"] == "หจก. สะอาดดี"
    assert awarded["award"]["agreed_price"] == "8250.50" and awarded["award"]["vat_included"] is True
    # A plan item that a procurement refers to cannot go.
    refused = await call(client, officer, "DELETE", f"/plans/{plan['id']}/items/{items[1]['id']}", expect=409)
    assert refused["detail"] == "มีโครงการจัดซื้อจัดจ้างที่อ้างถึงรายการนี้ ลบไม่ได้"

    # The winner announcement: drafted, refused to the officer's approval, submitted.
    draft = await call(
        client, officer, "POST", "/announcements", {"kind": "winner", "procurement_id": p["id"]}, expect=201
    )
    assert draft["status"] == "draft" and draft["number"] == "" and draft["sequence"] is None
    assert draft["subject"] == "ประกาศผู้ชนะการเสนอราคา ซื้อวัสดุทำความสะอาด โดยวิธีเฉพาะเจาะจง"
    a_url = f"/announcements/{draft['id']}"
    denied = await call(client, officer, "POST", a_url + "/approve", expect=403)
    assert denied["detail"] == f"{Role.OFFICER.label}ไม่มีสิทธิ์{Permission.APPROVE.label}"
    submitted = await call(client, officer, "POST", a_url + "/submit")
    assert submitted["status"] == "submitted"
    assert submitted["snapshot"]["procurement"]["award"]["vendor_name"] == "หจก. สะอาดดี"

    # The director finds it waiting and approves: numbered, sequenced, signed, published.
    waiting = await call(client, director, "GET", "/announcements?status=submitted&status=reviewed")
    assert [a["id"] for a in waiting] == [draft["id"]]
    # s.11: the plan comes first. The winner waits until the plan holding its item is public.
    early = await call(client, director, "POST", a_url + "/approve", expect=409)
    assert early["detail"].startswith("รายการในแผนที่โครงการนี้อ้างถึงอยู่ในแผนฉบับแรกซึ่งยังไม่เผยแพร่")
    plan_draft = await call(
        client, officer, "POST", "/announcements", {"kind": "plan", "plan_id": plan["id"]}, expect=201
    )
    await call(client, officer, "POST", f"/announcements/{plan_draft['id']}/submit")
    plan_published = await call(client, director, "POST", f"/announcements/{plan_draft['id']}/approve")
    assert (plan_published["number"], plan_published["sequence"]) == ("1/2569", 1)
    published = await call(client, director, "POST", a_url + "/approve")
    assert (published["status"], published["number"], published["sequence"]) == ("published", "2/2569", 2)
    assert (published["signer_name"], published["signer_position"]) == (
        "นายใหญ่ ใจดี",
        "ผู้อำนวยการโรงเรียนบ้านนา",
    )
    assert published["approved_by"] == director.actor.user_id
    assert await call(client, officer, "GET", a_url) == published
    everything = await call(client, officer, "GET", "/announcements")
    assert [a["id"] for a in everything] == [draft["id"], plan_draft["id"]]  # newest publication first
    p = await call(client, officer, "GET", url)
    assert p["status"] == "awarded"
    assert [row["id"] for row in await call(client, officer, "GET", "/procurements?status=awarded")] == [
        p["id"]
    ]
    assert await call(client, officer, "GET", "/procurements?status=draft") == []

    # Published is frozen: the procurement, its bids, its winner and the announcement stay as they are.
    edit = {
        "subject": "แก้ภายหลัง",
        "kind": "buy",
        "method": "specific",
        "budget": "8,500",
        "budget_source": "per_head_subsidy",
        "requested_on": "3/11/2568",
    }
    frozen = await call(client, officer, "PUT", url, edit, expect=409)
    assert frozen["error"] == "ทำรายการนี้ไม่ได้" and "ประกาศ" in frozen["detail"]
    late_bid = await call(
        client, officer, "POST", url + "/bids", {"vendor_id": known["id"], "amount": "1"}, expect=409
    )
    assert late_bid["detail"] == ("ประกาศผู้ชนะของโครงการนี้ส่งขออนุมัติหรือเผยแพร่แล้ว จึงแก้ไขผู้เสนอราคาและผู้ชนะไม่ได้")
    await call(client, officer, "DELETE", url + "/award", expect=409)
    await call(client, officer, "DELETE", url + f"/bids/{winner_bid}", expect=409)
    await call(client, officer, "DELETE", url, expect=409)
    await call(client, officer, "DELETE", a_url, expect=409)
    await call(client, officer, "PATCH", a_url, {"body": "แก้ภายหลัง"}, expect=409)
    await call(client, director, "POST", a_url + "/approve", expect=409)
    assert await call(client, officer, "GET", url) == p
    assert await call(client, officer, "GET", a_url) == published


async def test_returned_with_a_comment_edited_and_approved_after_the_heads_review(
    client: httpx.AsyncClient,
) -> None:
    _, school = await factories.school("huana")
    officer = await caller(school, "somsri", "officer")
    head = await caller(school, "head", "head")
    director = await caller(school, "boss", "director", "นายใหญ่ ใจดี")
    await schools.update_school(school, {"review_by_head": "1"})
    p = await factories.procurement(school)
    draft = await call(
        client,
        officer,
        "POST",
        "/announcements",
        {"kind": "reference_price", "procurement_id": p.id},
        expect=201,
    )
    url = f"/announcements/{draft['id']}"
    await call(client, officer, "POST", url + "/submit")
    early = await call(client, director, "POST", url + "/approve", expect=409)
    assert early["detail"] == "ประกาศนี้ต้องผ่านการตรวจสอบของหัวหน้าเจ้าหน้าที่ก่อน"

    # A return needs a comment, with the service's own message; then it goes back to the officer.
    empty = await call(client, director, "POST", url + "/return", {"comment": "  "}, expect=400)
    assert empty["fields"] == {"comment": "ความเห็น: กรุณาระบุสิ่งที่ต้องแก้ไข"}
    returned = await call(client, director, "POST", url + "/return", {"comment": "เพิ่มกำหนดส่งมอบ"})
    assert (returned["status"], returned["return_comment"]) == ("returned", "เพิ่มกำหนดส่งมอบ")
    edited = await call(client, officer, "PATCH", url, {"body": "กำหนดส่งมอบภายใน 7 วัน"})
    assert edited["body"] == "กำหนดส่งมอบภายใน 7 วัน"
    await call(client, officer, "POST", url + "/submit")
    reviewed = await call(client, head, "POST", url + "/review")
    assert (reviewed["status"], reviewed["reviewed_by"]) == ("reviewed", head.actor.user_id)
    published = await call(client, director, "POST", url + "/approve")
    assert (published["status"], published["body"]) == ("published", "กำหนดส่งมอบภายใน 7 วัน")
    assert (await call(client, officer, "GET", f"/procurements/{p.id}"))["status"] == "in_progress"


async def test_a_draft_can_be_discarded_and_a_procurement_without_announcements_deleted(
    client: httpx.AsyncClient,
) -> None:
    _, school = await factories.school()
    officer = await caller(school, "somsri", "officer")
    vendor = await factories.vendor(school)
    p = await factories.awarded(school, vendor.id)
    draft = await call(
        client, officer, "POST", "/announcements", {"kind": "winner", "procurement_id": p.id}, expect=201
    )
    again = await call(
        client, officer, "POST", "/announcements", {"kind": "winner", "procurement_id": p.id}, expect=409
    )
    assert again["detail"] == "มีประกาศประเภทนี้ของรายการนี้ที่ยังไม่เผยแพร่อยู่แล้ว"
    await call(client, officer, "DELETE", f"/announcements/{draft['id']}", expect=204)
    await call(client, officer, "GET", f"/announcements/{draft['id']}", expect=404)

    url = f"/procurements/{p.id}"
    await call(client, officer, "DELETE", url + "/award", expect=204)
    assert (await call(client, officer, "GET", url))["award"] is None
    await call(client, officer, "DELETE", url + f"/bids/{p.bids[0].id}", expect=204)
    assert (await call(client, officer, "GET", url))["bids"] == []
    await call(client, officer, "DELETE", url, expect=204)
    missing = await call(client, officer, "GET", url, expect=404)
    assert missing == {"error": "ไม่พบหน้านี้", "detail": "ไม่พบโครงการจัดซื้อจัดจ้าง ลิงก์อาจพิมพ์ผิดหรือถูกย้าย"}
    assert await call(client, officer, "GET", "/procurements") == []


async def test_a_published_plan_is_frozen_and_a_revision_starts_from_it(client: httpx.AsyncClient) -> None:
    _, school = await factories.school()
    officer = await caller(school, "somsri", "officer")
    director = await caller(school, "boss", "director", "นายใหญ่ ใจดี")
    plan = await call(client, officer, "POST", "/plans", {"year_be": 2569}, expect=201)
    item = await call(client, officer, "POST", f"/plans/{plan['id']}/items", ITEM, expect=201)
    twice = await call(client, officer, "POST", "/plans", {"year_be": 2569}, expect=409)
    assert twice["detail"] == "มีแผนฉบับร่างที่ยังไม่เผยแพร่อยู่แล้ว แก้ไขฉบับนั้นก่อน"

    draft = await call(
        client, officer, "POST", "/announcements", {"kind": "plan", "plan_id": plan["id"]}, expect=201
    )
    await call(client, officer, "POST", f"/announcements/{draft['id']}/submit")
    held = await call(client, officer, "POST", f"/plans/{plan['id']}/items", ITEM, expect=409)
    assert held["detail"] == "แผนฉบับนี้ส่งขออนุมัติแล้ว แก้ไขไม่ได้จนกว่าจะถูกส่งกลับ"
    await call(client, director, "POST", f"/announcements/{draft['id']}/approve")
    published = await call(client, officer, "GET", f"/plans/{plan['id']}")
    assert published["status"] == "published" and published["published_at"] is not None

    url = f"/plans/{plan['id']}/items/{item['id']}"
    for method, path, body in (
        ("POST", f"/plans/{plan['id']}/items", ITEM),
        ("PUT", url, ITEM),
        ("DELETE", url, None),
        ("POST", url + "/move", {"offset": 1}),
    ):
        frozen = await call(client, officer, method, path, body, expect=409)
        assert frozen["detail"] == "แผนฉบับนี้เผยแพร่แล้ว แก้ไขไม่ได้ ให้จัดทำแผนฉบับปรับปรุง"

    revision = await call(client, officer, "POST", "/plans", {"year_be": "2569"}, expect=201)
    assert (revision["revision"], revision["status"]) == (1, "draft")
    assert [i["name"] for i in revision["items"]] == [item["name"]]
    assert [p["revision"] for p in await call(client, officer, "GET", "/plans?year=2569")] == [0, 1]
    assert await call(client, officer, "GET", "/plans?year=2570") == []
