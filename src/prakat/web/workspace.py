"""The budget group's workspace under /w: signed-in only, every route behind the VIEW guard, and each
controller adds the guards of its own actions."""

from __future__ import annotations

from litestar import Router
from litestar.di import Provide
from litestar.middleware import DefineMiddleware
from litestar.types import ControllerRouterHandler

from prakat.auth.roles import Permission
from prakat.web.admin import AccountController, SchoolAdminController, UserAdminController
from prakat.web.announcements import AnnouncementController
from prakat.web.annual import AnnualTextsController
from prakat.web.auth import SessionAuthentication, current_actor, requires
from prakat.web.dashboard import DashboardController
from prakat.web.documents import PreviewController
from prakat.web.history import HistoryController
from prakat.web.ita import ItaAdminController
from prakat.web.monthly import MonthlyWorkspaceController
from prakat.web.plans import PlanController
from prakat.web.procurements import ProcurementController
from prakat.web.vendors import VendorController

HANDLERS: list[ControllerRouterHandler] = [
    DashboardController,
    VendorController,
    PlanController,
    ProcurementController,
    AnnouncementController,
    AnnualTextsController,
    MonthlyWorkspaceController,
    HistoryController,
    UserAdminController,
    SchoolAdminController,
    ItaAdminController,
    AccountController,
    PreviewController,
]


def router() -> Router:
    return Router(
        path="/",  # each handler's full path (under urls.WORKSPACE) comes from the table in prakat.urls
        route_handlers=HANDLERS,
        middleware=[DefineMiddleware(SessionAuthentication)],
        guards=[requires(Permission.VIEW)],
        dependencies={"actor": Provide(current_actor, sync_to_thread=False)},
        include_in_schema=False,
    )
