"""The whole flow through the pages: an officer enters and submits, the director approves, the public
sees it; roles hold on the server whatever the buttons show."""

from __future__ import annotations

import re
import subprocess

import httpx
from lxml import html

from prakat.db import tables as t
from prakat.procurements import service as procurements
from tests import factories
from tests.web.helpers import make_user, post_form, sign_in


def doc(response: httpx.Response) -> html.HtmlElement:
    return html.fromstring(response.text)


async def test_officer_submits_director_approves_public_sees(client: httpx.AsyncClient) -> None:
    _, actor = await factories.school("banna", director_name="นายใหญ่ ใจดี")
    await make_user(actor, "somsri", "officer", "ครูสมศรี")
    await make_user(actor, "boss", "director", "นายใหญ่ ใจดี", "ผู้อำนวยการโรงเรียนบ้านนา")
    known = await factories.vendor(actor, 1, name="ร้านรุ่งเรือง")
    await sign_in(client, "somsri")

    created = await post_form(
        client,
        "/w/procurements/new",
        "/w/procurements/new",
        {
            "subject": "วัสดุทำความสะอาด",
            "kind": "buy",
            "method": "specific",
            "budget": "8,500",
            "budget_source": "per_head_subsidy",
            "requested_on": "3/11/2568",
        },
    )
    assert created.status_code == 303
    page_url = created.headers["location"].split("?")[0]
    detail = doc(await client.get(page_url))
    assert "มาตรา 56" in detail.get_element_by_id("legal-clause").text_content()  # filled from the method

    await post_form(client, page_url, page_url + "/bids", {"vendor_id": str(known.id), "amount": "8,400"})
    new_vendor = {
        "vendor_id": "",
        "vendor_name": "หจก. สะอาดดี",
        "vendor_tax_id": factories.tax_id("010553000001"),
    }
    await post_form(client, page_url, page_url + "/bids", {**new_vendor, "amount": "8,250.50"})
    detail = doc(await client.get(page_url))
    rows = [
        [td.text_content().strip() for td in tr.findall("td")]
        for tr in detail.get_element_by_id("bids").iter("tr")
    ][1:]
    assert [r[:2] for r in rows] == [["หจก. สะอาดดี", "8,250.50"], ["ร้านรุ่งเรือง 1", "8,400.00"]]

    winner_bid = detail.get_element_by_id("f-bid_id").xpath("option[contains(., 'สะอาดดี')]/@value")[0]
    awarded = await post_form(
        client,
        page_url,
        page_url + "/award",
        {
            "bid_id": winner_bid,
            "agreed_price": "8,250.50",
            "awarded_on": "5/11/2568",
            "reason": "เสนอราคาต่ำสุด",
            "vat_shown": "1",
            "vat_included": "1",
        },
    )
    assert awarded.status_code == 303
    prepared = await post_form(
        client,
        page_url,
        "/w/announcements/new",
        {"kind": "winner", "procurement_id": page_url.rsplit("/", 1)[1]},
    )
    announcement_url = prepared.headers["location"].split("?")[0]
    preview = doc(await client.get(announcement_url))
    body = " ".join(p.text_content() for p in preview.find_class("doc-body"))
    assert "หจก. สะอาดดี" in body and "แปดพันสองร้อยห้าสิบบาทห้าสิบสตางค์" in body
    # The officer sees no approve button, and the server refuses the request anyway.
    assert not preview.xpath("//form[contains(@action, '/approve')]")
    assert (await post_form(client, announcement_url, announcement_url + "/approve", {})).status_code == 403
    submitted = await post_form(client, announcement_url, announcement_url + "/submit", {})
    assert submitted.status_code == 303
    assert doc(await client.get(announcement_url)).get_element_by_id("status").text_content() == "รออนุมัติ"

    # The director signs in, finds it waiting, approves.
    await post_form(client, "/w/", "/logout", {})
    await sign_in(client, "boss")
    queue = doc(await client.get("/w/"))
    assert [a.text_content() for a in queue.get_element_by_id("my-queue").iter("a")] == [
        "ประกาศผู้ชนะการเสนอราคา ซื้อวัสดุทำความสะอาด โดยวิธีเฉพาะเจาะจง"
    ]
    approved = await post_form(client, announcement_url, announcement_url + "/approve", {})
    assert approved.status_code == 303
    final = doc(await client.get(announcement_url))
    assert final.get_element_by_id("status").text_content() == "เผยแพร่แล้ว"
    assert "(นายใหญ่ ใจดี)" in final.find_class("doc-sign")[0].text_content()
    # The PDF leads to the published copy at this server's own address (its base URL).
    announcement_id = int(announcement_url.rsplit("/", 1)[1])
    published = (await client.get(f"/s/banna/pdf/{announcement_id}.pdf")).content
    printed = subprocess.run(["pdftotext", "-", "-"], input=published, capture_output=True, check=True)
    assert f"http://testserver/s/banna/announcements/{announcement_id}/" in printed.stdout.decode()

    public = doc(await client.get("/s/banna/2569/"))
    cells = [
        td.text_content() for td in public.get_element_by_id("procurement-table").findall(".//tbody/tr/td")
    ]
    assert cells[0] == "วัสดุทำความสะอาด" and cells[3] == "หจก. สะอาดดี" and cells[4] == "8,250.50"

    # Published: no edit path is left in the pages, and posting anyway is refused.
    detail = doc(await client.get(page_url))
    assert not detail.xpath("//a[contains(@href, '/edit')]") and not detail.xpath(
        "//form[contains(@action, '/bids')]"
    )
    await post_form(client, "/w/", "/logout", {})
    await sign_in(client, "somsri")
    refused = await post_form(
        client, page_url, page_url + "/bids", {"vendor_id": str(known.id), "amount": "1"}
    )
    assert refused.status_code == 409
    assert await t.Bid.count() == 2


async def test_bad_bid_input_is_shown_beside_the_field(client: httpx.AsyncClient) -> None:
    _, actor = await factories.school()
    await make_user(actor, "somsri", "officer")
    p = await factories.procurement(actor)
    await sign_in(client, "somsri")
    url = f"/w/procurements/{p.id}"
    response = await post_form(
        client, url, url + "/bids", {"vendor_name": "ร้านใหม่", "vendor_tax_id": "123", "amount": "abc"}
    )
    assert response.status_code == 400
    page = doc(response)
    assert page.get_element_by_id("f-vendor_name").get("value") == "ร้านใหม่"
    assert re.search("13", page.get_element_by_id("e-vendor_tax_id").text_content())
    assert await t.Vendor.count() == 0 and await t.Bid.count() == 0


async def test_an_award_error_names_the_field_the_form_shows(client: httpx.AsyncClient) -> None:
    """The message under a field names that field's label, not another name for it."""
    _, actor = await factories.school()
    await make_user(actor, "somsri", "officer")
    p = await factories.procurement(actor, requested_on="3/11/2568")
    seller = await factories.vendor(actor)
    await procurements.add_bid(actor, p.id, procurements.parse_bid({"vendor_id": seller.id, "amount": "100"}))
    await sign_in(client, "somsri")
    url = f"/w/procurements/{p.id}"
    bid_id = doc(await client.get(url)).get_element_by_id("f-bid_id").xpath("option/@value")[-1]
    award = {"bid_id": bid_id, "agreed_price": "100", "reason": "เสนอราคาต่ำสุด"}
    for name, other, sent in (
        ("awarded_on", None, {"awarded_on": "1/11/2568"}),  # before the request was approved
        ("contract_date", "awarded_on", {"awarded_on": "5/11/2568", "contract_date": "4/11/2568"}),
    ):
        response = await post_form(client, url, url + "/award", {**award, **sent})
        assert response.status_code == 400
        page = doc(response)
        label = page.xpath(f"//label[@for='f-{name}']")[0].text.strip()
        message = page.get_element_by_id(f"e-{name}").text_content()
        assert message.startswith(label + ":"), (label, message)
        if other:  # a message that speaks of another field names that field's label too
            assert page.xpath(f"//label[@for='f-{other}']")[0].text.strip() in message
        if name == "awarded_on":
            assert label == "วันที่คัดเลือก" and "ประกาศผู้ชนะ" not in message


async def test_a_correction_is_started_from_the_published_announcement(client: httpx.AsyncClient) -> None:
    _, actor = await factories.school()
    await make_user(actor, "somsri", "officer")
    vendor = await factories.vendor(actor)
    p = await factories.awarded(actor, vendor.id)
    first = await factories.publish(actor, "winner", procurement_id=p.id)
    await sign_in(client, "somsri")
    url = f"/w/announcements/{first.id}"
    page = doc(await client.get(url))
    kinds = page.get_element_by_id("f-kind").xpath("option/@value")
    assert set(kinds) >= {"winner_cancel", "winner_change"}
    missing_reason = await post_form(
        client,
        url,
        "/w/announcements/new",
        {"kind": "winner_cancel", "supersedes_id": str(first.id), "procurement_id": str(p.id)},
    )
    assert missing_reason.status_code == 400
    assert doc(missing_reason).get_element_by_id("e-body").text_content().startswith("รายละเอียดเพิ่มเติม")
    drafted = await post_form(
        client,
        url,
        "/w/announcements/new",
        {
            "kind": "winner_cancel",
            "supersedes_id": str(first.id),
            "procurement_id": str(p.id),
            "body": "ผู้ชนะไม่มาทำสัญญา",
        },
    )
    assert drafted.status_code == 303
    row = (
        await t.Announcement.select(t.Announcement.supersedes, t.Announcement.status)
        .where(t.Announcement.kind == "winner_cancel")
        .first()
    )
    assert row == {"supersedes": first.id, "status": "draft"}


async def test_a_new_vendor_is_not_kept_when_its_bid_fails(client: httpx.AsyncClient) -> None:
    _, actor = await factories.school()
    await make_user(actor, "somsri", "officer")
    p = await factories.procurement(actor)
    await sign_in(client, "somsri")
    url = f"/w/procurements/{p.id}"
    new_vendor = {"vendor_name": "ร้านใหม่", "vendor_tax_id": factories.tax_id("010553000002"), "amount": "-1"}
    response = await post_form(client, url, url + "/bids", new_vendor)
    assert response.status_code == 400
    assert doc(response).get_element_by_id("e-amount").text_content().startswith("ราคาที่เสนอ")
    assert await t.Vendor.count() == 0


async def test_a_procurement_history_holds_its_bids_and_award(client: httpx.AsyncClient) -> None:
    _, actor = await factories.school()
    await make_user(actor, "somsri", "officer", "ครูสมศรี")
    await sign_in(client, "somsri")
    created = await post_form(
        client,
        "/w/procurements/new",
        "/w/procurements/new",
        {**factories.PROCUREMENT, "requested_on": "3/11/2568"},
    )
    url = created.headers["location"].split("?")[0]
    vendor = await factories.vendor(actor)
    await post_form(client, url, url + "/bids", {"vendor_id": str(vendor.id), "amount": "12,000"})
    pid = url.rsplit("/", 1)[1]
    history = doc(await client.get(f"/w/history/procurement/{pid}"))
    steps = [li.xpath("string(strong)") for li in history.get_element_by_id("history").findall("li")]
    assert steps == ["สร้าง", "สร้างผู้เสนอราคา"]
    assert "ครูสมศรี" in history.get_element_by_id("history").text_content()
