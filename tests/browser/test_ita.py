"""The ITA self-check in a real browser: the admin adds this year's criteria (copied from the 2569
agency list), the officer prepares a month's summary of the last fiscal year, the director approves
it, and a stranger finds it, with its PDF, on the ITA page of the item that asks for it."""

from __future__ import annotations

import pytest
from playwright.async_api import Browser, Page, expect

from tests.browser.conftest import new_context
from tests.browser.helpers import heading, sign_in, sign_out
from tests.serving import Server

pytestmark = pytest.mark.browser

# Approval renders the official PDF; on a busy two-core machine that takes longer than the page
# waits, so the approval click waits longer (a wait, not a limit).
APPROVAL_MS = 60_000
OCTOBER = 10


async def test_officer_prepares_a_month_director_approves_stranger_finds_it_on_the_ita_page(
    page: Page, browser: Browser, server: Server
) -> None:
    year = server.year_be  # this fiscal year: the demo's last one is complete
    assert year > 2569, "the shipped lists end at 2569: this year's is added by the admin below"

    # The admin adds this year's list, copied from 2569's agency list: O12 covers the last fiscal year.
    await sign_in(page, server, "admin")
    await page.goto(server.url + "/w/admin/ita/")
    await page.get_by_label("ปีที่ประเมิน (พ.ศ.)").fill(str(year))
    await page.get_by_label("รหัสชุดเกณฑ์").fill("agency")
    await page.get_by_label("ชื่อชุดเกณฑ์").fill(f"หน่วยงานภาครัฐ ปี {year}")
    await page.get_by_label("คัดลอกข้อจากชุดเกณฑ์").select_option(
        label="พ.ศ. 2569 หน่วยงานภาครัฐ (แบบ สำนักงาน ป.ป.ช.)"
    )
    await page.get_by_role("button", name="เพิ่มชุดเกณฑ์").click()
    assert await heading(page) == f"เกณฑ์ ITA ปี พ.ศ. {year}: หน่วยงานภาครัฐ ปี {year}"
    await expect(page.locator("#items tbody tr")).to_have_count(2)
    await sign_out(page, server)

    # The officer prepares October's summary of the last fiscal year (a new revision if the demo
    # published one) and sends it for approval.
    await sign_in(page, server, "officer")
    await page.goto(f"{server.url}/w/monthly/{year - 1}/")
    await page.locator(f"#month-{OCTOBER} button").click()
    await expect(page.locator("#status")).to_have_text("ฉบับร่าง")
    await page.get_by_role("button", name="ส่งขออนุมัติ").click()
    await expect(page.locator("#status")).to_have_text("รออนุมัติ")
    summary_url = page.url.split("?")[0]
    summary_id = int(summary_url.rstrip("/").rsplit("/", 1)[1])
    await sign_out(page, server)

    # The director approves it: signed, numbered, published.
    await sign_in(page, server, "director")
    await page.goto(summary_url)
    await page.get_by_role("button", name="อนุมัติและเผยแพร่").click(timeout=APPROVAL_MS)
    await expect(page.locator("#status")).to_have_text("เผยแพร่แล้ว", timeout=APPROVAL_MS)

    # A stranger, from the school's home: the ITA page of this year, item O12, the summary and its PDF.
    stranger = await new_context(browser)
    try:
        public = await stranger.new_page()
        await public.goto(f"{server.url}/s/demo/")
        await public.locator(f"a.ita-link[href='/s/demo/ita/{year}/']").click()
        assert await heading(public) == f"การเปิดเผยข้อมูลการจัดซื้อจัดจ้างตามเกณฑ์ ITA ปี พ.ศ. {year}"
        await public.locator("#item-O12 a.item-link").click()
        assert (await heading(public)).startswith("O12 ")
        found = public.locator(f"#evidence-{summary_id}")
        await expect(found).to_have_count(1)
        pdf = await found.locator("a[data-format='PDF']").get_attribute("href")
        assert pdf == f"/s/demo/pdf/{summary_id}.pdf"
        got = await public.request.get(server.url + pdf)
        assert got.status == 200 and got.headers["content-type"] == "application/pdf"
    finally:
        await stranger.close()
