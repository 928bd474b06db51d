"""The issue's scenario in a real browser: the officer plans, buys, records the winner and asks for
approval; the director finds it waiting and approves; the public sees the winner. The officer
cannot approve, neither by a button nor by posting the form anyway."""

from __future__ import annotations

import re

import pytest
from playwright.async_api import Browser, Page, expect

from tests.browser.conftest import new_context, today_bangkok
from tests.browser.helpers import heading, menu, rows, sign_in, sign_out, tax_id, thai_form_date
from tests.serving import Server

pytestmark = pytest.mark.browser

ITEM = "ซื้อเครื่องดนตรีไทยสำหรับชุมนุมดนตรีไทย"
NEW_VENDOR = "ร้านศิลป์ดนตรีไทย"
NEW_VENDOR_TAX_ID = tax_id("010555012345")
PRICE = "12,345.75"
PRICE_IN_WORDS = "หนึ่งหมื่นสองพันสามร้อยสี่สิบห้าบาทเจ็ดสิบห้าสตางค์"
REFUSED = "เจ้าหน้าที่พัสดุไม่มีสิทธิ์อนุมัติและเผยแพร่"
# Approval renders the official PDF (the plan's runs to pages); on a busy two-core machine that takes
# longer than the page waits of TIMEOUT_MS, so the approval clicks wait longer (a wait, not a limit).
APPROVAL_MS = 60_000


async def open_editable_plan(page: Page, server: Server) -> None:
    """What a teacher does when the item is not in the plan: a published plan is frozen, so start a
    revision (the button on the plan page); a year without a plan yet gets one; a draft is edited
    as it is."""
    revise = page.get_by_role("button", name="จัดทำแผนฉบับปรับปรุง")
    start = page.get_by_role("button", name="เริ่มจัดทำแผน")
    if await revise.count():
        await revise.click()
    elif await start.count():
        await start.click()
    else:
        return
    assert await heading(page) == f"แผนการจัดซื้อจัดจ้าง ปีงบประมาณ พ.ศ. {server.year_be}", (
        f"creating the plan revision led to {page.url}"
    )
    await expect(page.locator("#ok")).to_have_text("บันทึกแล้ว")


async def test_officer_buys_director_approves_public_sees(
    page: Page, browser: Browser, server: Server
) -> None:
    today = today_bangkok()
    year = server.year_be

    # The officer signs in by the labelled fields.
    await sign_in(page, server, "officer")
    assert await heading(page) == f"ภาพรวม ปีงบประมาณ พ.ศ. {year}"
    await expect(page.locator("#whoami")).to_contain_text("(เจ้าหน้าที่พัสดุ)")

    # The plan for this fiscal year; a new item goes into an editable revision.
    await menu(page).get_by_role("link", name="แผน", exact=True).click()
    await page.wait_for_url(f"{server.url}/w/plans/{year}/")
    await open_editable_plan(page, server)
    await expect(page.locator("#plan-status")).to_have_text("ฉบับร่าง")
    items = page.locator("#plan-items tbody tr[id^='item-']")
    before = await items.count()
    await page.get_by_label("ชื่อโครงการ/รายการ").fill(ITEM)
    await page.get_by_label("งบประมาณ (บาท)").fill("15,000")
    await page.get_by_label("วิธีที่คาดว่าจะใช้").select_option(label="วิธีเฉพาะเจาะจง")
    await page.get_by_label("เดือนที่คาดว่าจะประกาศ").fill(f"{today.month}/{today.year + 543}")
    await page.get_by_role("button", name="เพิ่มรายการ", exact=True).click()
    assert await heading(page) == f"แผนการจัดซื้อจัดจ้าง ปีงบประมาณ พ.ศ. {year}", (
        f"adding a plan item led to {page.url}"
    )
    await expect(page.locator("#ok")).to_have_text("บันทึกแล้ว")
    await expect(items).to_have_count(before + 1)
    added = items.filter(has_text=ITEM)
    assert (await added.locator("td").all_inner_texts())[1:5] == [
        ITEM,
        "15,000.00",
        "เงินอุดหนุนรายหัว",
        "วิธีเฉพาะเจาะจง",
    ]

    # The purchase, started from the plan item: the form comes filled in from it.
    await added.get_by_role("link", name=f"จัดซื้อ/จ้าง {ITEM}").click()
    assert await heading(page) == "เพิ่มโครงการจัดซื้อจัดจ้าง"
    await expect(page.get_by_label("ชื่องานที่จัดซื้อจัดจ้าง")).to_have_value(ITEM)
    await expect(page.get_by_label("รายการในแผน").locator("option:checked")).to_contain_text(ITEM)
    await expect(page.get_by_label("วงเงินงบประมาณ (บาท)")).to_have_value("15,000.00")
    await expect(page.get_by_label("วันที่ขออนุมัติ")).to_have_value(thai_form_date(today))
    await page.get_by_role("button", name="บันทึกโครงการ").click()
    assert await heading(page) == ITEM
    await page.wait_for_url(re.compile(r"/w/procurements/\d+\?ok=saved$"))
    procurement_url = page.url.split("?")[0]
    await expect(page.locator("#status")).to_have_text("อยู่ระหว่างจัดทำ")

    # Two bids: a vendor from the registry, and a new one typed in with its tax ID.
    vendor_select = page.get_by_label("ผู้ประกอบการในทะเบียน")
    registered = [t for t in await vendor_select.locator("option").all_inner_texts() if t.strip() != "-"]
    assert registered, "the demo registry offers no vendor"
    known_vendor = registered[0].rsplit(" (", 1)[0]
    await vendor_select.select_option(label=registered[0])
    await page.get_by_label("ราคาที่เสนอ (บาท)").fill("14,900")
    await page.get_by_role("button", name="เพิ่มผู้เสนอราคา").click()
    await expect(page.locator("#ok")).to_have_text("บันทึกแล้ว")
    assert [r[:2] for r in await rows(page.locator("#bids"))] == [[known_vendor, "14,900.00"]]

    await page.get_by_text("หรือเพิ่มผู้ประกอบการรายใหม่").click()
    await page.get_by_label("ชื่อผู้ประกอบการรายใหม่").fill(NEW_VENDOR)
    await page.get_by_label("เลขประจำตัวผู้เสียภาษี (13 หลัก)").fill(NEW_VENDOR_TAX_ID)
    await page.get_by_label("ราคาที่เสนอ (บาท)").fill(PRICE)
    await page.get_by_role("button", name="เพิ่มผู้เสนอราคา").click()
    await expect(page.locator("#ok")).to_have_text("บันทึกแล้ว")
    assert [r[:2] for r in await rows(page.locator("#bids"))] == [
        [NEW_VENDOR, PRICE],
        [known_vendor, "14,900.00"],
    ]

    # The winner: the new vendor, at its price.
    winner_select = page.get_by_role("combobox", name="ผู้ได้รับการคัดเลือก")
    offered = await winner_select.locator("option").all_inner_texts()
    assert offered == [f"{NEW_VENDOR} ({PRICE} บาท)", f"{known_vendor} (14,900.00 บาท)"]
    await winner_select.select_option(label=offered[0])
    await page.get_by_label("ราคาที่ตกลงซื้อหรือจ้าง (บาท)").fill(PRICE)
    await expect(page.get_by_label("วันที่คัดเลือก")).to_have_value(thai_form_date(today))
    await page.get_by_label("เหตุผลที่คัดเลือกโดยสรุป").fill("เสนอราคาต่ำสุด และมีคุณสมบัติถูกต้องครบถ้วน")
    await page.get_by_role("button", name="บันทึกผู้ได้รับการคัดเลือก").click()
    await expect(page.locator("#ok")).to_have_text("บันทึกแล้ว")
    award = await page.locator("#award dd").all_inner_texts()
    assert award[0] == NEW_VENDOR
    assert award[1] == f"{PRICE} บาท (รวมภาษีมูลค่าเพิ่ม)"

    # The winner announcement: prepared, previewed, submitted.
    await page.get_by_role("button", name="จัดทำประกาศผู้ชนะการเสนอราคา").click()
    assert await heading(page) == "ประกาศผู้ชนะการเสนอราคา"
    await page.wait_for_url(re.compile(r"/w/announcements/\d+\?ok=drafted$"))
    announcement_url = page.url.split("?")[0]
    await expect(page.locator("#status")).to_have_text("ฉบับร่าง")
    body = " ".join(await page.locator("#document .doc-body").all_inner_texts())
    assert NEW_VENDOR in body and PRICE_IN_WORDS in body
    await page.get_by_role("button", name="ส่งขออนุมัติ").click()
    await expect(page.locator("#ok")).to_have_text("ส่งขออนุมัติแล้ว")
    await expect(page.locator("#status")).to_have_text("รออนุมัติ")

    # The officer cannot approve: no button, and posting the form anyway (with a good CSRF token
    # from the page, so only the role can be what refuses it) is refused.
    await expect(page.get_by_role("button", name="อนุมัติและเผยแพร่")).to_have_count(0)
    token = await page.locator("input[name='_csrf_token']").first.get_attribute("value")
    assert token
    refused = await page.request.post(announcement_url + "/approve", form={"_csrf_token": token})
    assert refused.status == 403
    assert REFUSED in await refused.text()
    await page.reload()
    await expect(page.locator("#status")).to_have_text("รออนุมัติ")

    # The item lives in a plan revision nobody has published yet, so that goes to the director too.
    await menu(page).get_by_role("link", name="แผน", exact=True).click()
    await page.get_by_role("button", name="จัดทำประกาศเผยแพร่แผน").click()
    await expect(page.locator("#ok")).to_have_text(re.compile("^จัดทำร่างประกาศแล้ว"))
    plan_announcement_url = page.url.split("?")[0]
    await page.get_by_role("button", name="ส่งขออนุมัติ").click()
    await expect(page.locator("#status")).to_have_text("รออนุมัติ")

    await sign_out(page, server)
    await page.goto(server.url + "/w/")
    assert await heading(page) == "เข้าสู่ระบบ"  # signed out: the workspace asks for a sign-in again

    # The director, on the same computer, finds it waiting and approves it.
    await sign_in(page, server, "director")
    mine = page.locator("#my-queue a").filter(has_text=ITEM)
    await expect(mine).to_have_count(1)
    assert await mine.inner_text() == f"ประกาศผู้ชนะการเสนอราคา {ITEM} โดยวิธีเฉพาะเจาะจง"
    await mine.click()
    await page.wait_for_url(announcement_url)
    await expect(page.locator("#status")).to_have_text("รออนุมัติ")
    body = " ".join(await page.locator("#document .doc-body").all_inner_texts())
    assert NEW_VENDOR in body and PRICE_IN_WORDS in body
    # s.11: the plan comes first; the page says so, in Thai, beside the document.
    await page.get_by_role("button", name="อนุมัติและเผยแพร่").click(timeout=APPROVAL_MS)
    await expect(page.locator("#refused")).to_contain_text("ซึ่งยังไม่เผยแพร่ กรุณาเผยแพร่แผนฉบับนั้นก่อน")
    await expect(page.locator("#status")).to_have_text("รออนุมัติ")
    await page.goto(plan_announcement_url)
    await page.get_by_role("button", name="อนุมัติและเผยแพร่").click(timeout=APPROVAL_MS)
    await expect(page.locator("#status")).to_have_text("เผยแพร่แล้ว", timeout=APPROVAL_MS)
    await page.goto(announcement_url)
    await page.get_by_role("button", name="อนุมัติและเผยแพร่").click(timeout=APPROVAL_MS)
    await expect(page.locator("#ok")).to_have_text("อนุมัติและเผยแพร่แล้ว")
    await expect(page.locator("#status")).to_have_text("เผยแพร่แล้ว")
    await page.get_by_role("link", name="ไปที่โครงการ").click()
    await page.wait_for_url(procurement_url)
    await expect(page.locator("#status")).to_have_text("ประกาศผู้ชนะแล้ว")
    await menu(page).get_by_role("link", name="ภาพรวม").click()
    await expect(page.locator("#my-queue a").filter(has_text=ITEM)).to_have_count(0)

    # Anyone, signed in or not: the school's public page for the year shows the winner.
    stranger = await new_context(browser)
    try:
        public = await stranger.new_page()
        await public.goto(f"{server.url}/s/demo/{year}/")
        row = public.locator("#procurement-table tbody tr").filter(has_text=ITEM)
        await expect(row).to_have_count(1)
        cells = await row.locator("td").all_inner_texts()
        assert cells[0] == ITEM
        assert cells[3] == NEW_VENDOR
        assert cells[4] == PRICE
    finally:
        await stranger.close()
