"""The JSON API under /api/v1: every workspace action for scripts and other systems, one module per
resource.

Authenticated by personal API tokens only (``Authorization: Bearer prk_…``; a browser's session cookie
does not count), behind the same guards as the pages, calling the same service functions, so a rule
holds the same way through both. A request body is a plain JSON object handed to the service's own
parse of the input Struct that declares it; the same Struct gives the body's schema at /schema
(:func:`prakat.web.api.common.body`), so what the schema describes is what the parse reads. A bad field
answers 400 with the same Thai message the form shows beside it. JSON numbers with a fraction are read
as Decimal, so 12500.25 reaches the service as exactly that; responses are the services' msgspec Structs
(amounts as strings, dates ISO).
"""

from __future__ import annotations

from litestar import Router
from litestar.di import Provide
from litestar.middleware import DefineMiddleware
from litestar.openapi.spec import Components, SecurityScheme, Tag
from litestar.types import ControllerRouterHandler

from prakat.auth.roles import Permission
from prakat.web.api.announcements import AnnouncementApi
from prakat.web.api.common import ApiRequest
from prakat.web.api.plans import PlanApi
from prakat.web.api.procurements import ProcurementApi
from prakat.web.api.vendors import VendorApi
from prakat.web.auth import TokenAuthentication, current_actor, requires

BEARER = "bearer"
COMPONENTS = Components(
    security_schemes={
        BEARER: SecurityScheme(
            type="http",
            scheme="bearer",
            bearer_format="prk_…",
            description="โทเค็น API ส่วนบุคคล ทำงานในนามผู้ใช้เจ้าของโทเค็นตามบทบาทของผู้ใช้ "
            "(a personal API token; it acts as its user, with the user's role)",
        )
    }
)
TAGS = [
    Tag(name="vendors", description="ทะเบียนผู้ประกอบการ (the school's vendor directory)"),
    Tag(name="plans", description="แผนการจัดซื้อจัดจ้างประจำปีและรายการในแผน (annual plan revisions and items)"),
    Tag(
        name="procurements",
        description="โครงการจัดซื้อจัดจ้าง ผู้เสนอราคา และผู้ชนะ (procurements, their bids and the award)",
    ),
    Tag(
        name="announcements",
        description="ประกาศ: ร่าง ส่งขออนุมัติ ตรวจสอบ อนุมัติและเผยแพร่ ส่งกลับ "
        "(announcements: draft, submit, review, approve and publish, return)",
    ),
]

HANDLERS: list[ControllerRouterHandler] = [VendorApi, PlanApi, ProcurementApi, AnnouncementApi]


def router() -> Router:
    return Router(
        path="/",  # each handler's full path (under urls.API) comes from the table in prakat.urls
        route_handlers=HANDLERS,
        middleware=[DefineMiddleware(TokenAuthentication)],
        guards=[requires(Permission.VIEW)],
        dependencies={"actor": Provide(current_actor, sync_to_thread=False)},
        request_class=ApiRequest,
        security=[{BEARER: []}],
        include_in_schema=True,
    )
