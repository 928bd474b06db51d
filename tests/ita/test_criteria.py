"""ITA criteria as a school's own data: the shipped lists, the variant a school is assessed under, and
the admin's changes through the workspace forms (Thai messages, what was typed kept, audited)."""

from __future__ import annotations

from datetime import date

import httpx
import pytest
from lxml import html
from piccolo.engine.base import Engine

from prakat.audit import Actor
from prakat.db import tables as t
from prakat.errors import Forbidden, InvalidInput, NotFound
from prakat.ita import check, criteria
from prakat.ita.evidence import Covers, Evidence
from prakat.schools import service as schools
from tests import factories
from tests.web.helpers import make_user, post_form, sign_in

SHIPPED = {
    (2566, "all"): ["O19", "O20", "O21", "O22"],
    (2567, "all"): ["O19", "O20", "O21", "O22"],
    (2568, "all"): ["O19", "O20", "O21", "O22"],
    (2569, "agency"): ["O11", "O12"],
    (2569, "vocational"): ["O10", "O11"],
}


async def test_shipped_criteria_and_the_variant_a_school_uses(db: Engine) -> None:  # type: ignore[type-arg]
    school, _ = await factories.school()
    found = await criteria.variants(school.id)
    assert {(v.year_be, v.code): [i.code for i in v.items] for v in found} == SHIPPED
    await criteria.variants(school.id)  # seeded once
    assert await t.ItaVariant.count().where(t.ItaVariant.school == school.id) == len(SHIPPED)
    by_key = {(v.year_be, v.code): v for v in found}
    o21 = by_key[2568, "all"].items[2]
    assert (o21.covers, o21.evidence, o21.months_from, o21.months_to) == (
        Covers.CURRENT,
        (Evidence.MONTHLY_SUMMARIES,),
        1,
        6,
    )
    o12 = by_key[2569, "agency"].items[1]
    assert o12.covers is Covers.PREVIOUS and set(o12.evidence) == {
        Evidence.MONTHLY_SUMMARIES,
        Evidence.ANNUAL_REPORT,
    }
    # The school chooses agency by default; a year with one list applies to every school.
    assert (await criteria.variant_for(school.id, 2569)).code == "agency"
    assert (await criteria.variant_for(school.id, 2568)).code == "all"
    await schools.update_school(Actor(school.id, role="admin"), {"ita_variant": "vocational"})
    assert [i.code for i in (await criteria.variant_for(school.id, 2569)).items] == ["O10", "O11"]
    with pytest.raises(InvalidInput) as refused:
        await schools.update_school(Actor(school.id, role="admin"), {"ita_variant": "nonsense"})
    assert refused.value.errors["ita_variant"].startswith("ชุดเกณฑ์การประเมิน ITA:")
    # A self-check for a year with no criteria is refused in Thai, naming the year.
    with pytest.raises(NotFound) as missing:
        await check.assess_own(school.id, 2571, date(2026, 11, 26))
    assert str(missing.value).startswith("ไม่พบเกณฑ์การประเมิน ITA ของปี พ.ศ. 2571")
    # Another school's criteria are its own.
    other, _ = await factories.school("other")
    assert {v.id for v in await criteria.variants(other.id)}.isdisjoint({v.id for v in found})


async def test_only_an_admin_edits_criteria(db: Engine) -> None:  # type: ignore[type-arg]
    school, _ = await factories.school()
    with pytest.raises(Forbidden):
        await criteria.add_variant(Actor(school.id, user_id=None, role="officer"), {"year_be": "2570"})


async def test_admin_adds_a_year_and_edits_its_items(client: httpx.AsyncClient) -> None:
    school, system = await factories.school()
    await make_user(system, "admin1", "admin", "ครูผู้ดูแล")
    await sign_in(client, "admin1")
    listing = html.fromstring((await client.get("/w/admin/ita/")).text)
    agency = next(v for v in await criteria.variants(school.id) if (v.year_be, v.code) == (2569, "agency"))
    assert len(listing.get_element_by_id("variants").findall(".//tbody/tr")) == len(SHIPPED)

    # Bad input: a Thai message beside each field, what was typed kept, nothing saved.
    typed = {"year_be": "๒๕๗๐x", "code": "Agency!", "title": "", "copy_from": str(agency.id)}
    refused = await post_form(client, "/w/admin/ita/", "/w/admin/ita/", typed)
    page = html.fromstring(refused.text)
    assert refused.status_code == 400
    assert page.get_element_by_id("e-year_be").text_content().startswith("ปีที่ประเมิน (พ.ศ.):")
    assert page.get_element_by_id("e-code").text_content().startswith("รหัสชุดเกณฑ์:")
    assert page.get_element_by_id("e-title").text_content() == "ชื่อชุดเกณฑ์: กรุณากรอกข้อมูล"
    assert page.get_element_by_id("f-code").get("value") == "Agency!"

    # 2570 copied from 2569 agency: the same items, the window moved a year on.
    made = await post_form(
        client,
        "/w/admin/ita/",
        "/w/admin/ita/",
        {"year_be": "2570", "code": "agency", "title": "หน่วยงานภาครัฐ 2570", "copy_from": str(agency.id)},
    )
    assert made.status_code == 303
    new = await criteria.variant_for(school.id, 2570)
    assert [i.code for i in new.items] == ["O11", "O12"]
    assert new.items[0].opens_on == date(2027, 4, 1) and agency.items[0].opens_on == date(2026, 4, 1)
    again = await post_form(
        client, "/w/admin/ita/", "/w/admin/ita/", {"year_be": "2570", "code": "agency", "title": "x"}
    )
    assert (
        again.status_code == 400
        and "มีชุด “agency” แล้ว" in html.fromstring(again.text).get_element_by_id("e-code").text_content()
    )

    # An item changed: O11 covers only the first six months now; a bad window is refused.
    o11 = new.items[0]
    item_url = f"/w/admin/ita/items/{o11.id}"
    form = {
        "item_code": "O11",
        "item_title": o11.title,
        "covers": "current",
        "evidence_monthly_summaries": "1",
        "months_from": "1",
        "months_to": "6",
        "opens_on": "1/4/2570",
        "note": "",
    }
    bad = await post_form(
        client, item_url, item_url, {**form, "months_from": "7", "evidence_monthly_summaries": ""}
    )
    bad_page = html.fromstring(bad.text)
    assert bad.status_code == 400
    assert bad_page.get_element_by_id("e-months_to").text_content() == "ถึงเดือนที่: ต้องไม่น้อยกว่าเดือนแรก"
    assert bad_page.get_element_by_id("e-evidence").text_content() == "หลักฐานที่ใช้: เลือกอย่างน้อยหนึ่งอย่าง"
    saved = await post_form(client, item_url, item_url, form)
    assert saved.status_code == 303
    changed = await criteria.get_item(school.id, o11.id)
    assert (changed.months_from, changed.months_to, changed.opens_on) == (1, 6, date(2027, 4, 1))
    # An item added, then removed; every change is in the audit trail.
    items_url = f"/w/admin/ita/{new.id}/items"
    added = await post_form(
        client,
        f"/w/admin/ita/{new.id}",
        items_url,
        {
            **form,
            "item_code": "o13",
            "item_title": "แผนการจัดซื้อจัดจ้าง",
            "evidence_plan": "1",
            "evidence_monthly_summaries": "",
        },
    )
    assert added.status_code == 303
    o13 = (await criteria.variant_for(school.id, 2570)).items[-1]
    assert (o13.code, o13.evidence) == ("O13", (Evidence.PLAN,))
    dup = await post_form(client, f"/w/admin/ita/{new.id}", items_url, {**form, "item_code": "O11"})
    assert dup.status_code == 400
    assert (await post_form(client, item_url, f"/w/admin/ita/items/{o13.id}/delete", {})).status_code == 303
    assert [i.code for i in (await criteria.variant_for(school.id, 2570)).items] == ["O11", "O12"]
    actions = {
        (r["entity"], r["action"])
        for r in await t.AuditEvent.select(t.AuditEvent.entity, t.AuditEvent.action).where(
            t.AuditEvent.entity.is_in(["ita_variant", "ita_item"]) & t.AuditEvent.user.is_not_null()
        )
    }
    assert actions == {
        ("ita_variant", "create"),
        ("ita_item", "update"),
        ("ita_item", "create"),
        ("ita_item", "delete"),
    }
    # The public page of the new year exists; an officer cannot open the criteria pages.
    assert (await client.get(f"/s/{school.slug}/ita/2570/")).status_code == 200

    # A list renamed (its year and code stay), audited; an empty title is refused beside the field.
    variant_url = f"/w/admin/ita/{new.id}"
    blank = await post_form(client, variant_url, variant_url, {"title": " "})
    assert blank.status_code == 400
    assert html.fromstring(blank.text).get_element_by_id("e-title").text_content() == "ชื่อชุดเกณฑ์: กรุณากรอกข้อมูล"
    renamed = await post_form(client, variant_url, variant_url, {"title": "หน่วยงานภาครัฐ ปี 2570"})
    assert renamed.status_code == 303 and renamed.headers["location"].endswith("ok=ita_renamed")
    shown = html.fromstring((await client.get(renamed.headers["location"])).text)
    assert "เปลี่ยนชื่อชุดเกณฑ์แล้ว" in shown.text_content()
    now_2570 = await criteria.variant_for(school.id, 2570)
    assert (now_2570.id, now_2570.code, now_2570.title) == (new.id, "agency", "หน่วยงานภาครัฐ ปี 2570")

    # A list the profile uses is never deleted: the chosen code's list, and a year's only list.
    only_2568 = next(v for v in await criteria.variants(school.id) if v.year_be == 2568)
    for used, why in ((new.id, "ข้อมูลโรงเรียนเลือกชุดเกณฑ์ “agency”"), (only_2568.id, "ชุดเกณฑ์เดียวของปี พ.ศ. 2568")):
        refused_delete = await post_form(
            client, "/w/admin/ita/", f"/w/admin/ita/{used}/delete", {"confirm": "1"}
        )
        assert refused_delete.status_code == 409 and why in refused_delete.text
    # Another list of 2570 is deleted with its items once confirmed; without, a Thai message.
    await criteria.add_variant(
        Actor(school.id, role="admin"),
        {"year_be": "2570", "code": "vocational", "title": "อาชีวะ", "copy_from": str(agency.id)},
    )
    spare = next(v for v in await criteria.variants(school.id) if (v.year_be, v.code) == (2570, "vocational"))
    spare_url = f"/w/admin/ita/{spare.id}"
    unconfirmed = await post_form(client, spare_url, f"{spare_url}/delete", {})
    assert unconfirmed.status_code == 400
    assert html.fromstring(unconfirmed.text).get_element_by_id("e-confirm").text_content() == (
        "ยืนยันการลบ: กรุณาทำเครื่องหมายเพื่อยืนยันการลบ"
    )
    deleted = await post_form(client, spare_url, f"{spare_url}/delete", {"confirm": "1"})
    assert deleted.status_code == 303 and deleted.headers["location"].endswith("ok=ita_deleted")
    assert spare.id not in {v.id for v in await criteria.variants(school.id)}
    assert not await t.ItaItem.exists().where(t.ItaItem.variant == spare.id)
    gone = await t.AuditEvent.select(t.AuditEvent.before).where(
        (t.AuditEvent.entity == "ita_variant") & (t.AuditEvent.action == "delete")
    )
    assert len(gone) == 1


async def test_a_year_whose_list_has_no_items_says_so(client: httpx.AsyncClient) -> None:
    school, system = await factories.school()
    await make_user(system, "admin2", "admin")
    await sign_in(client, "admin2")
    made = await post_form(
        client, "/w/admin/ita/", "/w/admin/ita/", {"year_be": "2570", "code": "agency", "title": "ยังว่าง"}
    )
    assert made.status_code == 303
    empty = await criteria.variant_for(school.id, 2570)
    assert empty.items == ()

    # The public page explains in Thai instead of showing an empty table.
    public = html.fromstring((await client.get(f"/s/{school.slug}/ita/2570/")).text)
    assert public.get_element_by_id("ita-items", None) is None
    explained = " ".join(public.get_element_by_id("no-items").text_content().split())
    assert explained.startswith("ชุดเกณฑ์นี้ของปี พ.ศ. 2570 ยังไม่มีข้อที่ต้องเปิดเผย")
    # The admin's pages point to where items are added.
    variant_page = html.fromstring((await client.get(f"/w/admin/ita/{empty.id}")).text)
    hint = variant_page.get_element_by_id("no-items")
    assert "#add" in [a.get("href") for a in hint.iter("a")]
    assert variant_page.get_element_by_id("add").text_content() == "เพิ่มข้อ"
    listing = html.fromstring((await client.get("/w/admin/ita/")).text)
    row = listing.get_element_by_id(f"variant-{empty.id}")
    links = [a.get("href") for a in row.find_class("no-items")[0].iter("a")]
    assert links == [f"/w/admin/ita/{empty.id}#add"]
    # With an item added, the table is back.
    added = await post_form(
        client,
        f"/w/admin/ita/{empty.id}",
        f"/w/admin/ita/{empty.id}/items",
        {
            "item_code": "O11",
            "item_title": "สรุปผลรายเดือน",
            "covers": "current",
            "evidence_monthly_summaries": "1",
            "months_from": "1",
            "months_to": "12",
            "opens_on": "",
            "note": "",
        },
    )
    assert added.status_code == 303
    public = html.fromstring((await client.get(f"/s/{school.slug}/ita/2570/")).text)
    assert public.get_element_by_id("no-items", None) is None
    assert [r.get("id") for r in public.get_element_by_id("ita-items").findall(".//tbody/tr")] == ["item-O11"]
