"""The embed as a school website shows it: real Chromium loads a page served from another origin
(and another site: 127.0.0.2 instead of 127.0.0.1) that frames the demo school's latest
announcements. The frame shows them, asks nothing of any third party and leaves no cookie; the
school's frame-ancestors setting decides which sites may frame it."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest
from playwright.async_api import Browser, BrowserContext, Frame, Page, expect

from tests.browser.conftest import new_context
from tests.browser.helpers import sign_in
from tests.serving import Server

pytestmark = pytest.mark.browser

HOST_PAGE = """<!doctype html>
<html lang="th">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>เว็บไซต์โรงเรียน</title></head>
<body style="margin:0">
<h1>ข่าวประชาสัมพันธ์</h1>
<div style="width:{width}">
<iframe id="prakat" src="{src}" title="ประกาศจัดซื้อจัดจ้าง" width="100%" height="700" style="border:0"></iframe>
</div>
</body>
</html>
"""
ORIGINS_LABEL = "เว็บไซต์ที่นำรายการประกาศไปแสดงได้"


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@dataclass(frozen=True)
class SchoolSite:
    """A school's own website: static files on another loopback address."""

    origin: str
    root: Path

    def page(self, name: str, src: str, width: str = "100%") -> str:
        (self.root / name).write_text(HOST_PAGE.format(src=src, width=width), encoding="utf-8")
        return f"{self.origin}/{name}"


@pytest.fixture(scope="module")
def school_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SchoolSite]:
    root = tmp_path_factory.mktemp("school-site")
    httpd = ThreadingHTTPServer(("127.0.0.2", 0), partial(QuietHandler, directory=str(root)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield SchoolSite(f"http://127.0.0.2:{httpd.server_address[1]}", root)
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


async def prakat_frame(page: Page, server: Server) -> Frame:
    await page.wait_for_load_state("load")
    frames = [f for f in page.frames if f.url.startswith(server.url)]
    assert len(frames) == 1, [f.url for f in page.frames]
    return frames[0]


async def test_a_school_site_on_another_origin_shows_the_latest_and_gets_no_cookie(
    browser: Browser, server: Server, school_site: SchoolSite
) -> None:
    latest = httpx.get(f"{server.url}/s/demo/announcements.json?kind=winner&n=3", timeout=10).json()[
        "entries"
    ]
    assert len(latest) == 3
    embed_url = f"{server.url}/s/demo/embed/?kind=winner&n=3"
    host = school_site.page("news.html", embed_url)
    assert origin_of(host) != server.url

    context = await new_context(browser)
    try:
        page = await context.new_page()
        requested: list[str] = []
        page.on("request", lambda request: requested.append(request.url))
        await page.goto(host)
        frame = page.frame_locator("#prakat")
        links = frame.locator("main ul li a")
        await expect(links).to_have_count(3)
        await expect(frame.get_by_role("heading", level=1)).to_contain_text("ประกาศผู้ชนะ")
        for link, entry in zip(await links.all(), latest, strict=True):
            await expect(link).to_contain_text(entry["subject"])
            assert (
                urlsplit(await link.get_attribute("href") or "").path
                == f"/s/demo/announcements/{entry['id']}/"
            )
            assert (await link.get_attribute("target"), await link.get_attribute("rel")) == (
                "_blank",
                "noopener",
            )
        all_link = frame.get_by_role("link", name="ดูประกาศทั้งหมด")
        assert urlsplit(await all_link.get_attribute("href") or "").path == "/s/demo/announcements/"

        inside = await prakat_frame(page, server)
        fonts = await inside.evaluate(
            "document.fonts.ready.then(() => [...document.fonts].map(f => [f.family, f.status]))"
        )
        assert fonts == [["Sarabun", "loaded"]]
        # Only the school's own page and Prakat were asked for anything: no third party.
        assert {origin_of(url) for url in requested} == {school_site.origin, server.url}
        assert {urlsplit(url).path for url in requested if url.startswith(server.url)} == {
            "/s/demo/embed/",
            "/static/embed/sarabun-thai.woff2",
        }
        assert await context.cookies() == []

        # Opened directly (first party, where a browser would keep any cookie it is given): still none.
        await page.goto(embed_url)
        await expect(page.locator("main ul li")).to_have_count(3)
        assert await context.cookies(server.url) == []
    finally:
        await context.close()


async def test_the_embed_fits_a_narrow_column_on_the_school_site(
    browser: Browser, server: Server, school_site: SchoolSite
) -> None:
    host = school_site.page("narrow.html", f"{server.url}/s/demo/embed/?n=10", width="280px")
    context = await new_context(browser)
    try:
        page = await context.new_page()
        await page.goto(host)
        await expect(page.frame_locator("#prakat").locator("main ul li")).to_have_count(10)
        inside = await prakat_frame(page, server)
        width = await inside.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert width == [280, 280]
        # The keyboard reaches the links, with a visible focus ring.
        outline = await inside.evaluate(
            """() => { const a = document.querySelector('main ul a'); a.focus({focusVisible: true});
                       return getComputedStyle(a).outlineStyle; }"""
        )
        assert outline == "solid"
    finally:
        await context.close()


async def set_embed_origins(browser: Browser, server: Server, origins: str) -> None:
    """The school admin changes who may frame the embed, through the school profile form."""
    context: BrowserContext = await new_context(browser)
    try:
        page = await context.new_page()
        await sign_in(page, server, "admin")
        await page.goto(server.url + "/w/admin/school/")
        await page.get_by_label(ORIGINS_LABEL).fill(origins)
        await page.get_by_role("button", name="บันทึกข้อมูลโรงเรียน").click()
        await expect(page.locator("#ok")).to_have_text("บันทึกข้อมูลโรงเรียนแล้ว")
    finally:
        await context.close()


async def shows_in_frame(browser: Browser, server: Server, host: str) -> bool:
    context = await new_context(browser)
    try:
        page = await context.new_page()
        await page.goto(host)
        await page.wait_for_load_state("load")
        frames = [f for f in page.frames if f.parent_frame is not None]
        assert len(frames) == 1
        # A refused frame holds Chromium's error page, not Prakat's list.
        return bool(await frames[0].locator("main ul li").count())
    finally:
        await context.close()


async def test_the_school_decides_which_sites_may_frame_it(
    browser: Browser, server: Server, school_site: SchoolSite
) -> None:
    host = school_site.page("framed.html", f"{server.url}/s/demo/embed/?n=2")
    assert await shows_in_frame(browser, server, host)
    try:
        await set_embed_origins(browser, server, "https://www.school.ac.th")
        assert not await shows_in_frame(browser, server, host)
        await set_embed_origins(browser, server, f"https://www.school.ac.th\n{school_site.origin}")
        assert await shows_in_frame(browser, server, host)
    finally:
        await set_embed_origins(browser, server, "")
    assert await shows_in_frame(browser, server, host)
