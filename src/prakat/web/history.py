"""Each record's history: who changed what, when, before and after."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request
from litestar.params import FromPath
from litestar.response import Template

from prakat import urls
from prakat.web.auth import CurrentActor
from prakat.web.pages import page
from prakat.web.routing import readable
from prakat.workspace import history


class HistoryController(Controller):
    @readable(urls.WS_HISTORY.path, name="history")
    async def show(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        entity: FromPath[str],
        entity_id: FromPath[int],
    ) -> Template:
        events = await history.record_history(actor, entity, entity_id)
        return await page(
            request,
            actor,
            "history.html",
            entity_label=history.ENTITIES[entity],
            entity=entity,
            entity_id=entity_id,
            events=[(e.entry, e.who, e.changes) for e in events],
            actions=history.ACTIONS,
            entities=history.ENTITIES,
        )
