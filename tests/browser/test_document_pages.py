"""A monthly summary's form (แบบ สขร.1) on its pages, in real Chromium against the demo school: the
nine-column table scrolls sideways inside the form's card, never past it, on a laptop and on a
phone; the page itself never scrolls sideways. The director's preview and the public page alike."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.async_api import Browser

from tests.browser.conftest import new_context
from tests.browser.helpers import sign_in
from tests.serving import Server

pytestmark = pytest.mark.browser

SCREENS: dict[str, dict[str, Any]] = {
    "laptop": {"viewport": {"width": 1280, "height": 800}},
    "phone": {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 3, "is_mobile": True},
}
# The form's card, the box that holds its table, the table, and the page's own width.
BOXES_JS = """() => {
  const edges = el => { const r = el.getBoundingClientRect(); return [r.left, r.right]; };
  const card = document.getElementById('document');
  const table = document.getElementById('month-items') || card.querySelector('table');
  const wrap = table && table.closest('.table-wrap');
  return {
    card: edges(card),
    wrap: wrap && card.contains(wrap) ? edges(wrap) : null,
    scrolls: wrap ? getComputedStyle(wrap).overflowX : null,
    table: edges(table),
    page: document.scrollingElement.scrollWidth,
    inner: window.innerWidth,
  };
}"""


def purchases(entry: dict[str, Any]) -> int:
    """How many purchases a monthly summary's entry counts ("4 รายการ รวม …"; none: 0)."""
    found = re.match(r"(\d+) รายการ", entry["summary"])
    return int(found.group(1)) if found else 0


def fits(boxes: dict[str, Any]) -> bool:
    """The table's box inside the card, scrolling what does not fit; the page no wider than the window."""
    wrap, card = boxes["wrap"], boxes["card"]
    return (
        wrap is not None
        and card[0] - 0.5 <= wrap[0]
        and wrap[1] <= card[1] + 0.5
        and (boxes["table"][1] <= wrap[1] + 0.5 or boxes["scrolls"] in ("auto", "scroll"))
        and boxes["page"] <= boxes["inner"]
    )


async def test_the_forms_table_stays_inside_its_card(browser: Browser, server: Server) -> None:
    measured: dict[str, dict[str, Any]] = {}
    for screen, options in SCREENS.items():
        context = await new_context(browser, **options)
        try:
            page = await context.new_page()
            listed = await page.request.get(f"{server.url}/s/demo/announcements.json?kind=monthly_summary")
            entries = (await listed.json())["entries"]
            # The month with the most purchases ("4 รายการ รวม …"): the widest table.
            widest = max(entries, key=purchases)["id"]
            await page.goto(f"{server.url}/s/demo/announcements/{widest}/")
            measured[f"public, {screen}"] = await page.evaluate(BOXES_JS)
            await sign_in(page, server, "director")
            await page.goto(f"{server.url}/w/announcements/{widest}")
            measured[f"director's preview, {screen}"] = await page.evaluate(BOXES_JS)
        finally:
            await context.close()
    assert len(measured) == 4
    assert {name: boxes for name, boxes in measured.items() if not fits(boxes)} == {}
