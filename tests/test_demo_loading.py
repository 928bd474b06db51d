"""Loading the demo school: twice gives the same content, and a failure half-way leaves nothing."""

from __future__ import annotations

from typing import Any

import pytest
from piccolo.engine.base import Engine

from prakat import demo
from prakat.db import tables as t
from prakat.procurements import service as procurements
from tests import factories
from tests.test_demo import TODAY, content


async def test_demo_is_deterministic(db: Engine) -> None:  # type: ignore[type-arg]
    await demo.load_demo(TODAY, emblem_path=factories.EMBLEM)
    once = await content()
    # Corrections first: an announcement cannot go while one that corrects it remains.
    await t.Announcement.delete().where(t.Announcement.supersedes.is_not_null())
    for table in reversed(t.ALL_TABLES):
        await table.delete(force=True)
    await demo.load_demo(TODAY, emblem_path=factories.EMBLEM)
    assert await content() == once


async def test_a_failure_half_way_leaves_nothing(db: Engine, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[type-arg]
    calls = 0
    real_award = procurements.award

    async def failing_award(*args: Any, **kwargs: Any) -> Any:
        nonlocal calls
        calls += 1
        if calls == 10:
            raise RuntimeError("disk full")
        return await real_award(*args, **kwargs)

    monkeypatch.setattr(procurements, "award", failing_award)
    with pytest.raises(RuntimeError):
        await demo.load_demo(TODAY, emblem_path=factories.EMBLEM)
    for table in t.ALL_TABLES:
        assert await table.count() == 0, table._meta.tablename
