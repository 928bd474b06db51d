"""Browser tests: Debian's Chromium driven by Playwright's async API (on the session's event loop),
against ``prakat serve`` in its own process on a database of its own with the demo school loaded.

The demo is loaded once per run and copied for each module (loading it takes seconds), and each
module has one server; every test gets a browser context of its own, so no sign-in leaks from one
test into the next. Nothing is downloaded: the system Chromium is launched, never one of
Playwright's.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from playwright.async_api import Browser, BrowserContext, Page, async_playwright

from tests.conftest import demo_copy, drop_database
from tests.serving import Server, serving

CHROMIUM = Path("/usr/bin/chromium")
# Without the networking flags Chromium keeps calling home, and the closed network refuses
# connections many at a time.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
BANGKOK = ZoneInfo("Asia/Bangkok")
# Playwright waits this long (ms) for an element or a page before a test fails.
TIMEOUT_MS = 10_000


def require_chromium() -> None:
    """Skip on a developer's machine without Chromium; in CI (``CI`` set) a missing browser fails."""
    if CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK):
        return
    reason = f"{CHROMIUM} is missing (apt-get install chromium; scripts/test installs it)"
    if os.environ.get("CI"):
        pytest.fail(f"{reason}: CI must run the browser tests", pytrace=False)
    pytest.skip(reason)


def today_bangkok() -> date:
    return datetime.now(BANGKOK).date()


@pytest.fixture(scope="module")
def demo_database_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """A database of its own for the module, with the demo school loaded for the real today, on the
    engine under test, and a folder with the demo's feeds, where the server runs. The demo is loaded
    once per run (it takes seconds) and copied for each module (demo_copy in tests/conftest.py). The
    name is one of tests/conftest.py's DB_FIXTURES, so these tests run in the SQLite pass and in the
    PostgreSQL pass."""
    require_chromium()  # before spending seconds on the demo
    work = tmp_path_factory.mktemp("serve")
    url = demo_copy(work)
    try:
        yield url, work
    finally:
        drop_database(url)


@pytest.fixture(scope="module")
def server(demo_database_url: tuple[str, Path]) -> Iterator[Server]:
    """`prakat serve` on a free port over a copy of the demo school, as a school runs it after
    `prakat demo` (in the folder with the demo's feeds)."""
    url, work = demo_database_url
    with serving(url, work) as running:
        yield running


@pytest.fixture(scope="session")
async def browser() -> AsyncIterator[Browser]:
    require_chromium()
    async with async_playwright() as playwright:
        launched = await playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        await launched.close()


async def new_context(browser: Browser, **options: Any) -> BrowserContext:
    """A fresh browser profile (no cookies: another person, or another computer) in Thai, on Bangkok
    time, that gives up on a missing element after TIMEOUT_MS rather than Playwright's 30 s."""
    ctx = await browser.new_context(locale="th-TH", timezone_id="Asia/Bangkok", **options)
    ctx.set_default_timeout(TIMEOUT_MS)
    return ctx


@pytest.fixture
async def context(browser: Browser) -> AsyncIterator[BrowserContext]:
    ctx = await new_context(browser)
    yield ctx
    await ctx.close()


@pytest.fixture
async def page(context: BrowserContext) -> Page:
    return await context.new_page()
