"""The plan editor through its pages: items, order, paste from Excel, publication and revision."""

from __future__ import annotations

import io

import httpx
from lxml import html
from openpyxl import Workbook

from prakat.announcements import service as announcements
from prakat.audit import Actor
from prakat.db import tables as t
from tests import factories
from tests.web.helpers import csrf_of, make_user, post_form, sign_in

ITEM = {
    "name": "ซื้อวัสดุสำนักงาน",
    "kind": "buy",
    "budget": "50,000",
    "budget_source": "per_head_subsidy",
    "category": "operating",
    "planned_method": "specific",
    "expected_month": "11/2568",
}
PASTE = (
    "ชื่อโครงการ\tประเภท\tงบประมาณ\tแหล่งเงิน\tหมวดงบ\tวิธี\tเดือน\r\n"
    "ซื้อหมึกพิมพ์\tซื้อ\t12,500.25\tเงินอุดหนุนรายหัว\tงบดำเนินงาน\tเฉพาะเจาะจง\tธ.ค. 68\r\n"
    "จ้างซ่อมหลังคา\tจ้าง\tไม่ทราบ\tเงินอุดหนุนรายหัว\tงบลงทุน\tเฉพาะเจาะจง\tม.ค. 69\r\n"
    "ซื้อโต๊ะนักเรียน\tซื้อ\t45,000\tเงินอุดหนุนรายหัว\tงบลงทุน\tเฉพาะเจาะจง\tก.พ. 69\r\n"
)


def items_of(page: httpx.Response) -> list[list[str]]:
    table = html.fromstring(page.text).get_element_by_id("plan-items")
    return [[td.text_content().strip() for td in tr.findall("td")] for tr in table.findall(".//tbody/tr")][
        :-1
    ]


async def start(client: httpx.AsyncClient) -> tuple[Actor, str]:
    _, actor = await factories.school()
    await make_user(actor, "somsri", "officer")
    await sign_in(client, "somsri")
    created = await post_form(client, "/w/plans/2569/", "/w/plans/2569/new", {})
    assert created.status_code == 303
    plan = await t.Plan.select(t.Plan.id).first()
    assert plan is not None
    return actor, f"/w/plans/{plan['id']}"


async def test_add_items_fix_mistakes_and_reorder(client: httpx.AsyncClient) -> None:
    _, base = await start(client)
    bad = await post_form(
        client, "/w/plans/2569/", base + "/items", {**ITEM, "budget": "-5", "expected_month": "10/2569"}
    )
    assert bad.status_code == 400
    doc = html.fromstring(bad.text)
    assert doc.get_element_by_id("f-name").get("value") == "ซื้อวัสดุสำนักงาน"
    assert doc.get_element_by_id("e-budget").text_content().startswith("งบประมาณ")
    assert doc.get_element_by_id("e-expected_month").text_content().startswith("เดือนที่คาดว่าจะประกาศ")
    for name in ("ซื้อวัสดุสำนักงาน", "ซื้อหนังสือเรียน", "จ้างทำป้าย"):
        assert (
            await post_form(client, "/w/plans/2569/", base + "/items", {**ITEM, "name": name})
        ).status_code == 303
    page = await client.get("/w/plans/2569/")
    assert [r[1] for r in items_of(page)] == ["ซื้อวัสดุสำนักงาน", "ซื้อหนังสือเรียน", "จ้างทำป้าย"]
    last = await t.PlanItem.select(t.PlanItem.id).where(t.PlanItem.name == "จ้างทำป้าย").first()
    assert last is not None
    await post_form(client, "/w/plans/2569/", f"/w/plans/items/{last['id']}/move", {"direction": "up"})
    page = await client.get("/w/plans/2569/")
    assert [r[:2] for r in items_of(page)] == [["1", "ซื้อวัสดุสำนักงาน"], ["2", "จ้างทำป้าย"], ["3", "ซื้อหนังสือเรียน"]]
    assert html.fromstring(page.text).get_element_by_id("plan-total").text_content() == "150,000.00"


async def test_paste_from_excel_keeps_the_bad_rows_for_fixing(client: httpx.AsyncClient) -> None:
    _, base = await start(client)
    page = await client.get("/w/plans/2569/")
    preview = await client.post(
        base + "/import", data={"_csrf_token": csrf_of(page), "pasted": PASTE}, files={"file": ("", b"")}
    )
    assert preview.status_code == 400
    doc = html.fromstring(preview.text)
    rows = doc.get_element_by_id("import-errors").findall(".//tbody/tr")
    assert [r.findall("td")[0].text_content() for r in rows] == ["3"]
    assert await t.PlanItem.count() == 0  # a preview writes nothing
    done = await client.post(
        base + "/import",
        data={"_csrf_token": csrf_of(page), "pasted": PASTE, "confirm": "1"},
        files={"file": ("", b"")},
    )
    doc = html.fromstring(done.text)
    assert doc.get_element_by_id("imported").text_content().startswith("นำเข้าแล้ว 2 รายการ")
    left = doc.get_element_by_id("f-pasted").text_content()
    assert "จ้างซ่อมหลังคา" in left and "ซื้อหมึกพิมพ์" not in left
    assert [r[1] for r in items_of(await client.get("/w/plans/2569/"))] == ["ซื้อหมึกพิมพ์", "ซื้อโต๊ะนักเรียน"]


async def test_xlsx_upload(client: httpx.AsyncClient) -> None:
    _, base = await start(client)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["ลำดับ", "ชื่อโครงการ", "ประเภท", "งบประมาณ", "แหล่งเงิน", "หมวดงบ", "วิธี", "เดือน"])
    sheet.append([1, "ซื้อกระดาษ A4", "ซื้อ", 30000.5, "รายหัว", "ดำเนินงาน", "เฉพาะเจาะจง", "ต.ค. 68"])
    buffer = io.BytesIO()
    book.save(buffer)
    page = await client.get("/w/plans/2569/")
    response = await client.post(
        base + "/import",
        data={"_csrf_token": csrf_of(page), "confirm": "1"},
        files={
            "file": (
                "แผน.xlsx",
                buffer.getvalue(),
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
        },
    )
    assert response.status_code == 303
    assert items_of(await client.get("/w/plans/2569/"))[0][1:3] == ["ซื้อกระดาษ A4", "30,000.50"]


async def test_publishing_freezes_the_plan_and_a_revision_keeps_it(client: httpx.AsyncClient) -> None:
    actor, base = await start(client)
    await post_form(client, "/w/plans/2569/", base + "/items", ITEM)
    drafted = await post_form(client, "/w/plans/2569/", base + "/announce", {})
    announcement_url = drafted.headers["location"].split("?")[0]
    await post_form(client, announcement_url, announcement_url + "/submit", {})
    aid = int(announcement_url.rsplit("/", 1)[1])
    await announcements.approve(Actor(school_id=actor.school_id), aid)
    page = html.fromstring((await client.get("/w/plans/2569/")).text)
    assert page.get_element_by_id("plan-status").text_content() == "เผยแพร่แล้ว"
    assert page.find(".//form[@id='item-form']") is None
    assert not page.xpath("//a[contains(@href, '/plans/items/')]")  # no edit links left
    refused = await post_form(client, "/w/plans/2569/", base + "/items", {**ITEM, "name": "แอบเพิ่ม"})
    assert refused.status_code == 409
    revised = await post_form(client, "/w/plans/2569/", "/w/plans/2569/new", {})
    assert revised.headers["location"] == "/w/plans/2569/?revision=1&ok=saved"
    assert (await client.get(revised.headers["location"])).status_code == 200
    page = html.fromstring((await client.get("/w/plans/2569/?revision=1")).text)
    assert page.get_element_by_id("plan-title").text_content().startswith("แผนฉบับปรับปรุง ครั้งที่ 1")
    first = html.fromstring((await client.get("/w/plans/2569/?revision=0")).text)
    assert first.get_element_by_id("plan-status").text_content() == "เผยแพร่แล้ว"
