"""The vendor directory page: a form that keeps what was typed and names bad fields in Thai."""

from __future__ import annotations

import httpx
from lxml import html

from prakat.db import tables as t
from tests import factories
from tests.web.helpers import make_user, post_form, sign_in


async def test_officer_adds_a_vendor_and_bad_input_is_kept(client: httpx.AsyncClient) -> None:
    _, actor = await factories.school()
    await make_user(actor, "somsri", "officer")
    await sign_in(client, "somsri")
    bad = await post_form(
        client,
        "/w/vendors/",
        "/w/vendors/",
        {"name": 'ร้าน <ดี> & "ถูก"', "tax_id": "0105512345679", "phone": "081"},
    )
    assert bad.status_code == 400
    doc = html.fromstring(bad.text)
    assert doc.get_element_by_id("f-name").get("value") == 'ร้าน <ดี> & "ถูก"'
    assert doc.get_element_by_id("f-tax_id").get("aria-invalid") == "true"
    assert doc.get_element_by_id("e-tax_id").text_content().startswith("เลขประจำตัวผู้เสียภาษี")
    assert await t.Vendor.count() == 0
    good = await post_form(
        client,
        "/w/vendors/",
        "/w/vendors/",
        {"name": 'ร้าน <ดี> & "ถูก"', "tax_id": factories.tax_id("010551234567")},
    )
    assert good.status_code == 303
    listing = html.fromstring((await client.get(good.headers["location"])).text)
    assert listing.get_element_by_id("ok").text_content() == "บันทึกแล้ว"
    rows = listing.get_element_by_id("vendors").findall(".//tbody/tr")
    assert [r.findall("td")[0].text_content() for r in rows] == ['ร้าน <ดี> & "ถูก"']


async def test_director_cannot_add_vendors(client: httpx.AsyncClient) -> None:
    _, actor = await factories.school()
    await make_user(actor, "boss", "director")
    await sign_in(client, "boss")
    page = html.fromstring((await client.get("/w/vendors/")).text)
    assert page.find(".//form[@action='/w/vendors/']") is None  # no form to fill
    response = await post_form(
        client, "/w/", "/w/vendors/", {"name": "x", "tax_id": factories.tax_id("010551234567")}
    )
    assert response.status_code == 403
    assert "ผู้อำนวยการไม่มีสิทธิ์บันทึกและแก้ไขข้อมูล" in html.fromstring(response.text).text_content()
    assert await t.Vendor.count() == 0


def _form_fields(page: httpx.Response, ticked: set[str], typed: dict[str, str]) -> dict[str, list[str]]:
    """What a browser sends from the page's vendor form with the boxes in ``ticked`` ticked."""
    form = next(f for f in html.fromstring(page.text).forms if f.get("action") == "/w/vendors/")
    for box in form.xpath(".//input[@type='checkbox'][@name='business_types']"):
        box.checked = box.get("value") in ticked
    for name, value in typed.items():
        form.inputs[name].value = value
    sent: dict[str, list[str]] = {}
    for name, value in form.form_values():
        sent.setdefault(name, []).append(value)
    return sent


async def test_a_vendor_is_several_kinds_of_business(client: httpx.AsyncClient) -> None:
    _, actor = await factories.school()
    await make_user(actor, "somsri", "officer")
    await sign_in(client, "somsri")
    typed = {"name": "ห้างหุ้นส่วนจำกัด อุดรศึกษาภัณฑ์", "tax_id": factories.tax_id("041355200318")}
    # Nothing ticked: refused in Thai, what was typed kept.
    none = await client.post("/w/vendors/", data=_form_fields(await client.get("/w/vendors/"), set(), typed))
    assert none.status_code == 400
    doc = html.fromstring(none.text)
    assert doc.get_element_by_id("e-business_types").text_content() == "ประเภทกิจการ: กรุณาเลือกอย่างน้อยหนึ่งประเภท"
    assert doc.get_element_by_id("f-name").get("value") == typed["name"]
    assert await t.Vendor.count() == 0
    # Two ticked, and a bad tax ID: the ticks come back as they were.
    again = await client.post(
        "/w/vendors/", data=_form_fields(none, {"service", "wholesale"}, {**typed, "tax_id": "0413552003180"})
    )
    assert again.status_code == 400
    boxes = html.fromstring(again.text).xpath("//input[@name='business_types'][@checked]/@value")
    assert sorted(boxes) == ["service", "wholesale"]
    saved = await client.post("/w/vendors/", data=_form_fields(again, {"service", "wholesale"}, typed))
    assert saved.status_code == 303
    listing = html.fromstring((await client.get(saved.headers["location"])).text)
    row = listing.get_element_by_id("vendors").findall(".//tbody/tr")[0]
    assert row.findall("td")[2].text_content() == "ขายส่ง,ให้บริการ"
    stored = await t.Vendor.select(t.Vendor.business_types, t.Vendor.business_type).first()
    assert stored == {"business_types": "wholesale,service", "business_type": "wholesale"}
