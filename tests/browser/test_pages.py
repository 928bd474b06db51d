"""The workspace as people use it: on a phone, with the keyboard alone, with a screen reader's labels,
in Thai type that renders; and every menu link leads to a page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.async_api import Browser, Page, expect

from tests.browser.conftest import new_context
from tests.browser.helpers import PASSWORD, heading, menu, sign_in
from tests.serving import Server

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}

# How wide the page body is against the phone's width, and what sticks out past it (outside any
# scrolling box, such as the tables' own wrappers). A phone browser zooms out to fit a page that is
# too wide, and window.innerWidth grows with it: so innerWidth must also stay the phone's width.
OVERFLOW_JS = """width => {
  const clipped = el => {
    for (let p = el.parentElement; p; p = p.parentElement) {
      if (p === document.body || p === document.documentElement) return false;
      if (['auto', 'scroll', 'hidden'].includes(getComputedStyle(p).overflowX)) return true;
    }
    return false;
  };
  const wide = [...document.body.querySelectorAll('*')]
    .filter(el => el.getBoundingClientRect().right > width + 0.5 && !clipped(el))
    .slice(0, 5)
    .map(el => [el.tagName.toLowerCase(), el.id, el.className].filter(Boolean).join(' '));
  return {inner: window.innerWidth, scroll: document.documentElement.scrollWidth, wide};
}"""

# Every visible form control, with what names it for a screen reader: its <label> (for= or
# wrapping), aria-label, aria-labelledby, or a button's own text. Closed <details> are opened first,
# so the controls a teacher reveals are checked too.
UNLABELLED_JS = """() => {
  for (const d of document.querySelectorAll('details')) d.open = true;
  const text = el => (el.textContent || '').replace(/\\s+/g, ' ').trim();
  const visible = el => {
    const box = el.getBoundingClientRect(), style = getComputedStyle(el);
    return box.width > 0 && box.height > 0 && style.visibility !== 'hidden';
  };
  const named = el => {
    if ((el.getAttribute('aria-label') || '').trim()) return true;
    const ids = (el.getAttribute('aria-labelledby') || '').split(/\\s+/).filter(Boolean);
    if (ids.some(id => document.getElementById(id) && text(document.getElementById(id)))) return true;
    if (el.labels && [...el.labels].some(label => text(label))) return true;
    if (el.tagName === 'BUTTON' && text(el)) return true;
    return el.tagName === 'INPUT' && ['submit', 'reset', 'button'].includes(el.type) && !!el.value.trim();
  };
  const controls = [...document.querySelectorAll('input:not([type=hidden]), select, textarea, button')]
    .filter(visible);
  const unlabelled = controls.filter(el => !named(el)).map(el => el.outerHTML.slice(0, 200));
  return {checked: controls.length, unlabelled};
}"""

FOCUSED_JS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  return {
    tag: el.tagName.toLowerCase(), id: el.id, text: (el.textContent || '').trim(),
    href: el.getAttribute('href'), focusVisible: el.matches(':focus-visible'),
    outlineStyle: style.outlineStyle, outlineWidth: style.outlineWidth,
  };
}"""


async def open_draft_plan(page: Page, server: Server, year_be: int) -> None:
    """The plan editor of a year with a draft plan (next year's, started here if it is not yet)."""
    await page.goto(f"{server.url}/w/plans/{year_be}/")
    start = page.get_by_role("button", name="เริ่มจัดทำแผน")
    if await start.count():
        await start.click()
        await expect(page.locator("#ok")).to_have_text("บันทึกแล้ว")
    await expect(page.locator("#plan-status")).to_have_text("ฉบับร่าง")


async def tab_to(page: Page, what: str, *, limit: int = 60) -> dict[str, Any]:
    """Press Tab until the focused element's text (or id) is ``what``; fail after ``limit`` presses."""
    for _ in range(limit):
        await page.keyboard.press("Tab")
        focused = await page.evaluate(FOCUSED_JS)
        if focused and what in (focused["text"], focused["id"]):
            return dict(focused)
    pytest.fail(f"{limit} presses of Tab never reached {what!r} on {page.url}")


async def test_phone_width_has_no_sideways_scrolling(browser: Browser, server: Server) -> None:
    phone = await new_context(browser, viewport=PHONE, device_scale_factor=3, is_mobile=True, has_touch=True)
    try:
        page = await phone.new_page()
        # The login form works at this width.
        await page.goto(server.url + "/login")
        assert await page.evaluate("window.innerWidth") == PHONE["width"]  # the viewport meta works
        await page.get_by_label("ชื่อผู้ใช้").fill("officer")
        await page.get_by_label("รหัสผ่าน").fill(PASSWORD)
        await page.get_by_role("button", name="เข้าสู่ระบบ").click()
        await page.wait_for_url(server.url + "/w/")
        await expect(page.locator("#whoami")).to_contain_text("(เจ้าหน้าที่พัสดุ)")

        visited: dict[str, dict[str, Any]] = {}

        async def measure(name: str) -> None:
            await page.wait_for_load_state()
            visited[name] = await page.evaluate(OVERFLOW_JS, PHONE["width"])

        await measure("dashboard")
        await page.goto(server.url + "/login")
        await measure("login")
        await page.goto(f"{server.url}/w/plans/{server.year_be}/")
        await measure("plan editor (this year)")
        await open_draft_plan(page, server, server.year_be + 1)
        await measure("plan editor (draft, with its forms)")
        await page.goto(server.url + "/w/procurements/")
        await measure("procurements")
        await page.locator("#procurements tbody a").first.click()
        await measure("procurement")
        await page.goto(server.url + "/w/procurements/new")
        await measure("new procurement")
        await page.goto(server.url + "/w/")
        await page.locator("#pending a").first.click()
        await measure("announcement preview")

        assert len(visited) == 8
        too_wide = {
            name: m
            for name, m in visited.items()
            if not m["scroll"] <= m["inner"] == PHONE["width"]  # the brief's rule, at the phone's width
        }
        assert too_wide == {}
    finally:
        await phone.close()


async def test_keyboard_alone_signs_in_and_adds_a_procurement(page: Page, server: Server) -> None:
    await page.goto(server.url + "/login")
    focused = await page.evaluate(FOCUSED_JS)
    if not focused or focused["id"] != "username":  # autofocus, or the first Tabs reach it
        await tab_to(page, "username")
    await page.keyboard.type("officer")
    await page.keyboard.press("Tab")
    assert (await page.evaluate(FOCUSED_JS))["id"] == "password"
    await page.keyboard.type(PASSWORD)
    await page.keyboard.press("Enter")
    await page.wait_for_url(server.url + "/w/")

    # The first Tab on a page offers the skip link, on screen.
    await page.keyboard.press("Tab")
    skip = await page.evaluate(FOCUSED_JS)
    assert skip["text"] == "ข้ามไปยังเนื้อหา"
    box = await page.locator("a.skip").bounding_box()
    assert box is not None and box["x"] >= 0 and box["y"] >= 0

    # The menu, then the page's own "add" link, by Tab and Enter.
    link = await tab_to(page, "โครงการ")
    assert link["href"] == "/w/procurements/"
    await page.keyboard.press("Enter")
    await page.wait_for_url(server.url + "/w/procurements/")
    add = await tab_to(page, "+ เพิ่มโครงการ")
    assert add["tag"] == "a" and add["focusVisible"]
    assert add["outlineStyle"] != "none" and add["outlineWidth"] != "0px", add
    await page.keyboard.press("Enter")
    await page.wait_for_url(server.url + "/w/procurements/new")
    assert await heading(page) == "เพิ่มโครงการจัดซื้อจัดจ้าง"


async def test_every_form_control_has_a_label(browser: Browser, page: Page, server: Server) -> None:
    problems: dict[str, list[str]] = {}
    controls = 0

    async def check(page: Page, where: str) -> None:
        nonlocal controls
        await page.wait_for_load_state()
        assert await page.locator("h1").first.inner_text() != "ไม่พบหน้านี้", f"{where}: {page.url} is missing"
        found = await page.evaluate(UNLABELLED_JS)
        assert found["checked"] > 0, f"{where}: no form control at all on {page.url}"
        controls += found["checked"]
        if found["unlabelled"]:
            problems[f"{where} ({page.url})"] = found["unlabelled"]

    await page.goto(server.url + "/login")
    await check(page, "login")

    # The officer: every page that edits something.
    await sign_in(page, server, "officer")
    await check(page, "dashboard")
    await page.goto(f"{server.url}/w/plans/{server.year_be}/")
    await check(page, "plan editor, this year")
    await open_draft_plan(page, server, server.year_be + 2)
    await check(page, "plan editor, a draft")
    await page.get_by_label("ชื่อโครงการ/รายการ").fill("จ้างทำป้ายชื่อโรงเรียน")
    await page.get_by_label("งบประมาณ (บาท)").fill("9,500")
    await page.get_by_label("วิธีที่คาดว่าจะใช้").select_option(label="วิธีเฉพาะเจาะจง")
    await page.get_by_label("เดือนที่คาดว่าจะประกาศ").fill(f"10/{server.year_be + 1}")
    await page.get_by_role("button", name="เพิ่มรายการ", exact=True).click()
    await expect(page.locator("#plan-items tbody tr[id^='item-']")).to_have_count(1)
    await check(page, "plan editor, a draft with an item")
    await page.get_by_role("link", name="แก้ไข จ้างทำป้ายชื่อโรงเรียน").click()
    await check(page, "plan item")

    await page.goto(server.url + "/w/procurements/")
    await check(page, "procurements")
    await page.goto(server.url + "/w/procurements/new")
    await check(page, "new procurement")
    await page.get_by_label("ชื่องานที่จัดซื้อจัดจ้าง").fill("ซื้อลูกฟุตบอล")
    await page.get_by_label("วิธีจัดซื้อจัดจ้าง").select_option(label="วิธีเฉพาะเจาะจง")
    await page.get_by_label("วงเงินงบประมาณ (บาท)").fill("3,000")
    await page.get_by_role("button", name="บันทึกโครงการ").click()
    await check(page, "procurement without bids")
    vendor = page.get_by_label("ผู้ประกอบการในทะเบียน")
    await vendor.select_option(index=1)
    await page.get_by_label("ราคาที่เสนอ (บาท)").fill("2,900")
    await page.get_by_role("button", name="เพิ่มผู้เสนอราคา").click()
    await expect(page.locator("#award-form")).to_have_count(1)
    await check(page, "procurement with a bid, winner form")
    procurement_url = page.url.split("?")[0]
    await page.goto(procurement_url + "/edit")
    await check(page, "procurement edit")
    await page.goto(procurement_url)
    await page.get_by_role("link", name="ประวัติการแก้ไข").click()
    await check(page, "history")
    await page.goto(procurement_url)
    await page.get_by_role("button", name="จัดทำประกาศราคากลาง").click()
    await expect(page.locator("#status")).to_have_text("ฉบับร่าง")
    await check(page, "announcement draft")
    await page.goto(server.url + "/w/vendors/")
    await check(page, "vendors")
    for queue in ("pending", "drafts", "published"):
        await page.goto(f"{server.url}/w/announcements/?queue={queue}")
        await check(page, f"announcements, {queue}")
    await menu(page).get_by_role("link", name="บัญชีของฉัน").click()
    await check(page, "my account")

    # The director: the announcement waiting for approval, with its return form.
    director = await new_context(browser)
    try:
        approver = await director.new_page()
        await sign_in(approver, server, "director")
        await approver.locator("#my-queue a").first.click()
        await expect(approver.get_by_role("button", name="อนุมัติและเผยแพร่")).to_have_count(1)
        await check(approver, "announcement awaiting approval")
    finally:
        await director.close()

    # The school's administrator: users and the school's details.
    admin = await new_context(browser)
    try:
        manager = await admin.new_page()
        await sign_in(manager, server, "admin")
        await menu(manager).get_by_role("link", name="ผู้ใช้", exact=True).click()
        await check(manager, "users")
        await manager.locator("#users tbody a").first.click()
        await check(manager, "one user")
        await menu(manager).get_by_role("link", name="ข้อมูลโรงเรียน").click()
        await check(manager, "school")
    finally:
        await admin.close()

    assert controls > 100  # the pages above were really read
    assert problems == {}


async def test_menu_links_all_open(browser: Browser, server: Server) -> None:
    """Whatever the role, each link in the workspace menu opens a page rather than ไม่พบหน้านี้."""
    broken: list[str] = []
    opened = 0
    for username in ("officer", "head", "director", "admin"):
        ctx = await new_context(browser)
        try:
            page = await ctx.new_page()
            await sign_in(page, server, username)
            links = (
                await menu(page)
                .get_by_role("link")
                .evaluate_all("links => links.map(a => [a.textContent.trim(), a.href])")
            )
            assert len(links) >= 6
            for text, href in links:
                # What following the link gets, redirects and all, without drawing each page.
                response = await page.request.get(href)
                opened += 1
                if response.status != 200:
                    broken.append(f"{username}: {text} -> {href} ({response.status})")
        finally:
            await ctx.close()
    assert opened >= 24
    assert broken == []


async def test_thai_renders_in_sarabun(page: Page, server: Server, tmp_path: Path) -> None:
    await page.goto(f"{server.url}/s/demo/{server.year_be}/")
    assert await heading(page) == "โรงเรียนบ้านหนองบัววิทยา"
    assert await page.evaluate("document.fonts.ready.then(() => document.fonts.check('16px Sarabun'))")
    loaded = await page.evaluate(
        """() => [...document.fonts]
            .filter(f => f.family.replace(/["']/g, '') === 'Sarabun' && f.status === 'loaded')
            .map(f => f.weight)"""
    )
    assert "400" in loaded  # the body text's face was fetched, not only declared

    # What Chromium really drew the Thai with: every glyph from Sarabun, none from a fallback (this
    # machine has no Thai system font, so a fallback would be tofu).
    cdp = await page.context.new_cdp_session(page)
    await cdp.send("DOM.enable")
    await cdp.send("CSS.enable")
    root = (await cdp.send("DOM.getDocument"))["root"]["nodeId"]
    for selector in ("h1", "#plan-table tbody td:nth-child(2)", "#procurement-table tbody td"):
        node = (await cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector}))["nodeId"]
        assert node, f"{selector} is not on the page"
        fonts = (await cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node}))["fonts"]
        assert {f["familyName"] for f in fonts} == {"Sarabun"}, (selector, fonts)
        assert all(f["isCustomFont"] for f in fonts) and sum(f["glyphCount"] for f in fonts) > 5

    shot = tmp_path / "school.png"
    await page.screenshot(path=shot, full_page=True)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000


FRAME_JS = """async src => {
  const frame = document.createElement('iframe');
  frame.src = src;
  const loaded = new Promise(done => frame.addEventListener('load', done));
  document.body.appendChild(frame);
  await loaded;
  let text = null;  // what the frame shows; null when the browser refused to show it
  try {
    const body = frame.contentDocument && frame.contentDocument.body;
    text = body ? body.innerText : null;
  } catch (e) { text = null; }
  return text;
}"""


async def test_the_workspace_refuses_to_be_framed(page: Page, server: Server) -> None:
    """With the director signed in, a page (even of the same site) cannot wrap the workspace and its
    one-click approval button in a frame; the embed, made to be framed, still shows."""
    await sign_in(page, server, "director")
    await page.goto(server.url + "/healthz")
    workspace = await page.evaluate(FRAME_JS, server.url + "/w/")
    assert not workspace or "ประกาศ" not in workspace, workspace
    embed = await page.evaluate(FRAME_JS, server.url + "/s/demo/embed/")
    assert embed and "ประกาศ" in embed
