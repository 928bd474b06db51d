"""The public pages on a phone, in real Chromium against the demo school: from the home to one
announcement's PDF, with nothing wider than the screen."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.async_api import Browser, expect

from prakat.readmodel import GROUPS
from tests.browser.conftest import new_context
from tests.browser.helpers import heading
from tests.serving import Server

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 800}
# How wide the page is against the window, and the first few elements that stick out past it.
WIDTH_JS = """() => ({
  inner: window.innerWidth,
  scroll: document.scrollingElement.scrollWidth,
  wide: [...document.body.querySelectorAll('*')]
    .filter(el => el.getBoundingClientRect().right > window.innerWidth + 0.5)
    .slice(0, 5)
    .map(el => [el.tagName.toLowerCase(), el.id, el.className].filter(Boolean).join(' ')),
})"""


async def test_a_parent_on_a_phone_finds_a_winner_and_its_pdf(browser: Browser, server: Server) -> None:
    phone = await new_context(browser, viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    try:
        page = await phone.new_page()
        await page.goto(server.url + "/")
        assert await heading(page) == "โรงเรียนบ้านหนองบัววิทยา"
        assert await page.locator("#latest > li").count() == 10
        widths = {"home": await page.evaluate(WIDTH_JS)}

        await page.locator("#all-announcements").click()
        await page.wait_for_url(server.url + "/s/demo/announcements/")
        assert await heading(page) == "ประกาศจัดซื้อจัดจ้าง"
        widths["list"] = await page.evaluate(WIDTH_JS)

        await page.get_by_label("ประเภทประกาศ").select_option(label="ประกาศผู้ชนะ")
        await page.get_by_role("button", name="ค้นหา").click()
        await page.wait_for_url("**/announcements/?**")
        assert parse_qs(urlsplit(page.url).query) == {"kind": ["winner"]}
        await expect(page.get_by_label("ประเภทประกาศ")).to_have_value("winner")
        await expect(page.locator("#count")).to_contain_text("พบ ")
        kinds = await page.locator("#results .meta .badge").all_inner_texts()
        assert kinds and set(kinds) <= {k.label for k in GROUPS["winner"]}, kinds
        widths["list, filtered"] = await page.evaluate(WIDTH_JS)

        first = page.locator("#results h3 a").first
        subject = (await first.inner_text()).strip()
        await first.click()
        await page.wait_for_url("**/s/demo/announcements/*/")
        assert await heading(page) == subject
        widths["announcement"] = await page.evaluate(WIDTH_JS)

        href = await page.locator("#pdf-open").get_attribute("href")
        assert href is not None
        pdf = await page.request.get(server.url + href)
        assert pdf.status == 200
        assert pdf.headers["content-type"] == "application/pdf"
        assert (await pdf.body()).startswith(b"%PDF-")
        assert await page.locator("#pdf-download").get_attribute("download") is not None

        await page.goto(f"{server.url}/s/demo/plan/{server.year_be}/")
        widths["plan"] = await page.evaluate(WIDTH_JS)

        too_wide = {name: w for name, w in widths.items() if not w["scroll"] <= w["inner"] == PHONE["width"]}
        assert too_wide == {}
    finally:
        await phone.close()
