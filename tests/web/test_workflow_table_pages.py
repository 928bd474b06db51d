"""The announcement page offers exactly the actions the workflow table allows this person in this state
at this school: read from the rendered page, for every role, every state, with and without the head's
review."""

from __future__ import annotations

import httpx
from lxml import html

from prakat.announcements import service as announcements
from prakat.announcements.schemas import AnnouncementDraft
from prakat.audit import Actor
from prakat.auth.roles import Role
from prakat.db import tables as t
from prakat.rules import AnnouncementKind
from prakat.workflow import AnnouncementStatus, Publishable, actions_for
from tests import factories
from tests.web.helpers import make_user, post_form, sign_in

S = AnnouncementStatus


async def _review_by_head(actor: Actor, on: bool) -> None:
    await t.School.update({t.School.review_by_head: on}).where(t.School.id == actor.school_id)


async def _one_in_each_state(actor: Actor) -> dict[AnnouncementStatus, int]:
    vendor = await factories.vendor(actor)
    ids: dict[AnnouncementStatus, int] = {}
    for n, state in enumerate(S):
        p = await factories.awarded(actor, vendor.id, subject=f"งานที่ {n}")
        draft = await announcements.prepare(
            actor, AnnouncementDraft(kind=AnnouncementKind("winner"), procurement_id=p.id)
        )
        ids[state] = draft.id
        if state is S.DRAFT:
            continue
        await announcements.submit(actor, draft.id)
        if state is S.RETURNED:
            await announcements.return_for_changes(actor, draft.id, "แก้ชื่อผู้ชนะ")
        elif state is S.REVIEWED:
            await _review_by_head(actor, True)
            await announcements.review(actor, draft.id)
            await _review_by_head(actor, False)
        elif state is S.PUBLISHED:
            await announcements.approve(actor, draft.id)
    return ids


def _offered(page: httpx.Response) -> set[str]:
    return {str(v) for v in html.fromstring(page.text).xpath("//*[@data-action]/@data-action")}


async def test_the_page_offers_exactly_what_the_table_allows(client: httpx.AsyncClient) -> None:
    _, system = await factories.school()
    people = {role: f"user-{role.value}" for role in Role}
    for role, username in people.items():
        await make_user(system, username, role.value)
    ids = await _one_in_each_state(system)
    for review_by_head in (False, True):
        await _review_by_head(system, review_by_head)
        for role, username in people.items():
            await sign_in(client, username)
            for state, announcement_id in ids.items():
                page = await client.get(f"/w/announcements/{announcement_id}")
                assert page.status_code == 200
                status = html.fromstring(page.text).get_element_by_id("status").text_content()
                assert status == state.label
                allowed = actions_for(Publishable.ANNOUNCEMENT, state, role, review_by_head=review_by_head)
                assert _offered(page) == {a.value for a in allowed}, (role, state, review_by_head)
            await post_form(client, "/w/", "/logout", {})
