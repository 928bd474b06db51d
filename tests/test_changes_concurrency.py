"""The changes cursor under concurrent publication: several directors' approvals commit at once
(each in its own task and transaction, serialised only by the school's row lock) while a mirror
follows /changes.json?after= as fast as it can. It must see every entry exactly once, in sequence
order, with no gap at any moment: a publication takes its sequence number under the lock and
commits before the next one can take another, so a page can never show n+1 before n.

Runs on both engines: on PostgreSQL the approvals are real concurrent transactions on separate
connections (the PDF renders off the event loop while the lock is held, so the follower polls in
between); on SQLite the write lock serialises them the same way."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import httpx

from prakat import readmodel
from prakat.announcements import service as announcements
from prakat.announcements.schemas import AnnouncementDraft
from prakat.rules import AnnouncementKind
from tests import factories

APPROVALS = 6
PATIENCE_S = 120


async def test_a_follower_misses_and_repeats_nothing_while_approvals_commit_concurrently(
    client: httpx.AsyncClient,
) -> None:
    school, actor = await factories.school("con")
    vendor = await factories.vendor(actor)
    # Something already public, so the follower starts mid-stream.
    first = await factories.awarded(actor, vendor.id, subject="วัสดุก่อนเริ่ม")
    await factories.publish(actor, "winner", procurement_id=first.id)
    drafts = []
    for n in range(APPROVALS):
        p = await factories.awarded(actor, vendor.id, subject=f"วัสดุพร้อมกัน {n}")
        draft = await announcements.prepare(
            actor, AnnouncementDraft(kind=AnnouncementKind("winner"), procurement_id=p.id)
        )
        await announcements.submit(actor, draft.id)
        drafts.append(draft.id)

    approving = [asyncio.create_task(announcements.approve(actor, d)) for d in drafts]
    seen: list[dict[str, Any]] = []
    polls: list[tuple[int, bool]] = []  # (entries on the page, every approval done by then)
    cursor = 0
    deadline = time.monotonic() + PATIENCE_S
    while len(seen) < APPROVALS + 1:
        assert time.monotonic() < deadline, f"saw {len(seen)} of {APPROVALS + 1} entries"
        data = (await client.get(f"/s/con/changes.json?after={cursor}&limit=2")).json()
        page = data["entries"]
        polls.append((len(page), all(task.done() for task in approving)))
        # No gap, ever: each page continues exactly where the previous one stopped.
        assert [e["sequence"] for e in page] == list(range(cursor + 1, cursor + 1 + len(page)))
        seen.extend(page)
        cursor = data["next_after"]
        if not page:
            await asyncio.sleep(0.005)
    done = await asyncio.gather(*approving)

    assert [e["sequence"] for e in seen] == list(range(1, APPROVALS + 2))
    assert len({e["id"] for e in seen}) == len(seen)  # nothing twice
    assert {e["id"] for e in seen[1:]} == {a.id for a in done} == set(drafts)
    # The follower really polled while approvals were still committing.
    assert any(n > 0 and not finished for n, finished in polls)
    # And one more poll after the end repeats nothing and keeps the cursor.
    tail = (await client.get(f"/s/con/changes.json?after={cursor}&limit=2")).json()
    assert tail["entries"] == [] and tail["next_after"] == cursor == APPROVALS + 1
    every = await readmodel.changes(school.id, limit=readmodel.PAGE_LIMIT)
    assert [e.id for e in every.entries] == [e["id"] for e in seen]
