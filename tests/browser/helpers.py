"""What a person does in the browser, said once: sign in by the labelled fields, read a page."""

from __future__ import annotations

from datetime import date

from playwright.async_api import Locator, Page

from tests.serving import Server

PASSWORD = "prakat-demo"  # the demo school's password, printed by `prakat demo`


def tax_id(prefix12: str) -> str:
    """A valid Thai 13-digit tax ID: the 13th digit checks the first twelve (weights 13 down to 2)."""
    assert len(prefix12) == 12 and prefix12.isdigit()
    total = sum(int(digit) * weight for digit, weight in zip(prefix12, range(13, 1, -1), strict=True))
    return prefix12 + str((11 - total % 11) % 10)


def thai_form_date(day: date) -> str:
    """How the forms show and take a date: d/m/B.E."""
    return f"{day.day}/{day.month}/{day.year + 543}"


async def heading(page: Page) -> str:
    """The page's h1, once the page (after any redirect) has loaded."""
    await page.wait_for_load_state()
    return (await page.locator("h1").first.inner_text()).strip()


async def sign_in(page: Page, server: Server, username: str, password: str = PASSWORD) -> None:
    await page.goto(server.url + "/login")
    await page.get_by_label("ชื่อผู้ใช้").fill(username)
    await page.get_by_label("รหัสผ่าน").fill(password)
    await page.get_by_role("button", name="เข้าสู่ระบบ").click()
    await page.wait_for_url(server.url + "/w/")


async def sign_out(page: Page, server: Server) -> None:
    await page.get_by_role("button", name="ออกจากระบบ").click()
    await page.wait_for_url(server.url + "/")


def menu(page: Page) -> Locator:
    return page.get_by_role("navigation", name="เมนูหลัก")


async def rows(table: Locator) -> list[list[str]]:
    """The body rows of a table, as the cells' visible text."""
    found = []
    for row in await table.locator("tbody tr").all():
        found.append([text.strip() for text in await row.locator("td").all_inner_texts()])
    return found
