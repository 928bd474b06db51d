"""The workspace's first page."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request
from litestar.response import Template

from prakat import clock, urls
from prakat.web.auth import CurrentActor
from prakat.web.pages import page
from prakat.web.routing import readable
from prakat.workflow import ANNOUNCEMENT_STATUS_LABELS, PROCUREMENT_STATUS_LABELS
from prakat.workspace import dashboard


class DashboardController(Controller):
    @readable(urls.WS_DASHBOARD.path, name="dashboard")
    async def show(self, request: Request[Any, Any, Any], actor: CurrentActor) -> Template:
        return await page(
            request,
            actor,
            "dashboard.html",
            d=await dashboard.build(actor, clock.today_bangkok()),
            status_labels=PROCUREMENT_STATUS_LABELS,
            announcement_status=ANNOUNCEMENT_STATUS_LABELS,
        )
