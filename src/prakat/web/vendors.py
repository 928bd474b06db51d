"""The vendor directory."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, post
from litestar.response import Redirect, Template

from prakat import urls
from prakat.auth.roles import Permission
from prakat.errors import InvalidInput
from prakat.rules import BusinessType, business_types_label
from prakat.thai import format_tax_id
from prakat.vendors import service as vendors
from prakat.web.auth import CurrentActor, requires
from prakat.web.forms import FormData, options
from prakat.web.pages import done, form_values, page
from prakat.web.routing import readable


def _ticked(sent: Any) -> set[str]:
    """The boxes to show ticked again after an error: what was sent (one value, or several)."""
    if sent is None:
        return set()
    return {str(v) for v in (sent if isinstance(sent, list | tuple) else [sent])}


class VendorController(Controller):
    async def _page(self, request: Request[Any, Any, Any], actor: CurrentActor, **context: Any) -> Template:
        return await page(
            request,
            actor,
            "vendors.html",
            vendors=await vendors.list_vendors(actor.school_id),
            business_types=options(BusinessType),
            ticked_types=_ticked((context.get("values") or {}).get("business_types")),
            types_label=business_types_label,
            tax_id=format_tax_id,
            **context,
        )

    @readable(urls.WS_VENDORS.path, name="vendors")
    async def index(self, request: Request[Any, Any, Any], actor: CurrentActor) -> Template:
        return await self._page(request, actor)

    @post(urls.WS_VENDORS.path, name="vendor_create", guards=[requires(Permission.EDIT)])
    async def create(
        self, request: Request[Any, Any, Any], actor: CurrentActor, data: FormData
    ) -> Template | Redirect:
        try:
            await vendors.create_vendor(actor, vendors.parse_vendor(data))
        except InvalidInput as invalid:
            return await self._page(
                request, actor, errors=invalid.errors, values=form_values(data), status_code=400
            )
        return done(urls.WS_VENDORS.url(), "saved")
