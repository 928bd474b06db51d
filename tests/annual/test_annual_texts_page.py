"""The workspace page where the school writes the report's four parts: what each should say, last
year's text offered as a start, wrong input shown again in Thai with what was typed."""

from __future__ import annotations

import httpx
from lxml import html

from prakat.annual import texts
from tests import factories
from tests.web.helpers import make_user, post_form, sign_in

PAGE = "/w/annual/2569/"


async def test_the_officer_writes_the_four_parts_from_last_years(client: httpx.AsyncClient) -> None:
    _, actor = await factories.school("writes")
    await texts.save_texts(actor, 2568, {texts.Part.RISK: "ความเสี่ยงของปีที่แล้ว"})
    await make_user(actor, "somsri", "officer", "ครูสมศรี")
    await sign_in(client, "somsri")

    page = html.fromstring((await client.get(PAGE)).text)
    risk = page.get_element_by_id("f-risk")
    assert risk.text == "ความเสี่ยงของปีที่แล้ว"  # last year's, offered as a start
    assert page.get_element_by_id("from-last-year") is not None
    hints = [page.get_element_by_id(f"h-{p.value}").text_content() for p in texts.Part]
    assert all(h.startswith(info.hint) for h, info in zip(hints, texts.PARTS, strict=True))

    typed = {
        "risk": "ความเสี่ยงปีนี้",
        "problems": "ก" * (texts.TEXT_LIMIT + 1),
        "savings": "",
        "improvements": "",
    }
    refused = await post_form(client, PAGE, PAGE, typed)
    assert refused.status_code == 400
    again = html.fromstring(refused.text)
    assert (
        again.get_element_by_id("e-problems")
        .text_content()
        .startswith("ปัญหา อุปสรรค และข้อจำกัด: ยาวเกิน 6,000 ตัวอักษร")
    )
    assert again.get_element_by_id("f-risk").text == "ความเสี่ยงปีนี้"  # kept as typed
    assert await texts.texts_of(actor.school_id, 2569) == dict.fromkeys(texts.Part, "")

    saved = await post_form(client, PAGE, PAGE, {**typed, "problems": "ผู้เสนอราคาน้อย"})
    assert saved.status_code == 303
    assert (await texts.texts_of(actor.school_id, 2569))[texts.Part.PROBLEMS] == "ผู้เสนอราคาน้อย"
