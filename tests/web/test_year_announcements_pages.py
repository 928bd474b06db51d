"""The year-level form on the announcements page: a quarterly winners announcement and a no-plan
statement drafted from the page, wrong input shown again in Thai with what was typed."""

from __future__ import annotations

import httpx
from lxml import html

from tests import factories
from tests.web.helpers import make_user, post_form, sign_in

PAGE = "/w/announcements/"


def doc(response: httpx.Response) -> html.HtmlElement:
    return html.fromstring(response.text)


def selected(page: html.HtmlElement, name: str) -> str:
    options = page.get_element_by_id(f"f-{name}").xpath("option[@selected]/@value")
    return str(options[0]) if options else ""


async def test_officer_drafts_a_quarter_and_a_no_plan_statement(client: httpx.AsyncClient) -> None:
    _, actor = await factories.school("yearly")
    await make_user(actor, "somsri", "officer", "ครูสมศรี")
    await sign_in(client, "somsri")

    page = doc(await client.get(PAGE))
    # Today is 26 November 2026 (FY2570, first quarter): the last quarter that ended is FY2569 Q4.
    assert (selected(page, "year_be"), selected(page, "quarter"), selected(page, "kind")) == (
        "2569",
        "4",
        "quarterly_winners",
    )

    made = await post_form(
        client, PAGE, PAGE + "new", {"kind": "quarterly_winners", "year_be": "2569", "quarter": "4"}
    )
    assert made.status_code == 303
    draft = doc(await client.get(made.headers["location"].split("?")[0]))
    subject_element = draft.find(".//p[@class='doc-subject']")
    assert subject_element is not None
    subject = subject_element.text_content()
    assert "ประจำไตรมาสที่ 4 ปีงบประมาณ พ.ศ. 2569 (กรกฎาคม - กันยายน 2569)" in subject
    assert draft.get_element_by_id("doc-items") is not None  # the (empty) list of the quarter

    # Missing quarter: the list page again, 400, the message in Thai and the choices kept.
    again = await post_form(
        client,
        PAGE,
        PAGE + "new",
        {"kind": "quarterly_winners", "year_be": "2570", "body": "หมายเหตุ <b>&</b>"},
    )
    assert again.status_code == 400
    page = doc(again)
    assert "ไตรมาส" in page.get_element_by_id("e-quarter").text_content()
    assert selected(page, "year_be") == "2570"
    assert page.get_element_by_id("f-body").text_content() == "หมายเหตุ <b>&</b>"

    # The same quarter twice: refused with the reason, not a 500.
    twice = await post_form(
        client, PAGE, PAGE + "new", {"kind": "quarterly_winners", "year_be": "2569", "quarter": "4"}
    )
    assert twice.status_code == 409
    assert "ยังไม่เผยแพร่อยู่แล้ว" in doc(twice).get_element_by_id("e-kind").text_content()

    statement = await post_form(client, PAGE, PAGE + "new", {"kind": "no_plan_statement", "year_be": "2570"})
    assert statement.status_code == 303
    shown = doc(await client.get(statement.headers["location"].split("?")[0]))
    body = " ".join(p.text_content() for p in shown.find_class("doc-body"))
    assert "ไม่มีการจัดซื้อจัดจ้างที่มีวงเงินเกิน 500,000 บาท" in body


async def test_the_year_form_is_not_offered_to_the_director(client: httpx.AsyncClient) -> None:
    _, actor = await factories.school("yearly2")
    await make_user(actor, "boss", "director", "นายใหญ่ ใจดี")
    await sign_in(client, "boss")
    page = doc(await client.get(PAGE))
    assert not page.xpath("//form[@id='year-form']")
