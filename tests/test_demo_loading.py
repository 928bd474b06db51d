"""Loading the demo school: twice gives the same content, and a failure half-way leaves nothing."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from piccolo.engine.base import Engine

from prakat import demo
from prakat.db import tables as t
from prakat.db.connect import make_engine
from prakat.db.engine import bind, close_engine, open_engine
from prakat.procurements import service as procurements
from tests import factories
from tests.conftest import demo_copy, drop_database
from tests.test_demo import TODAY, content


@pytest.fixture
def loaded_by_the_cli(tmp_path: Path) -> Iterator[str]:
    """A copy of what `prakat demo --today` left in the run's own database (tests/conftest.py loads it
    once per run, in another process, for the ITA tests too)."""
    url = demo_copy(tmp_path, TODAY.isoformat())
    yield url
    drop_database(url)


async def test_demo_is_deterministic(db: Engine, loaded_by_the_cli: str) -> None:  # type: ignore[type-arg]
    await demo.load_demo(TODAY, emblem_path=factories.EMBLEM)
    here = await content()
    other = make_engine(loaded_by_the_cli)
    bind(other)
    await open_engine(other, 1)
    try:
        there = await content()
    finally:
        await close_engine(other)
        bind(db)
    assert here == there


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
