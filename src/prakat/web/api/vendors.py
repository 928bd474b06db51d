"""/api/v1/vendors: the school's vendor directory."""

from __future__ import annotations

from typing import Annotated

from litestar import Controller, get, post
from litestar.params import FromPath

from prakat import urls
from prakat.vendors import service as vendors
from prakat.vendors.schemas import Vendor, VendorCreate
from prakat.web.api.common import EDIT, JsonObject, body, errors
from prakat.web.auth import CurrentActor

EXAMPLE = {
    "name": "ร้านรุ่งเรืองพาณิชย์",
    "tax_id": "0405551000016",
    "business_types": ["wholesale", "retail", "service"],
}


class VendorApi(Controller):
    tags = ("vendors",)

    @get(urls.API_VENDORS.path, summary="รายชื่อผู้ประกอบการ (list vendors)", responses=errors())
    async def index(self, actor: CurrentActor) -> list[Vendor]:
        return await vendors.list_vendors(actor.school_id)

    @post(
        urls.API_VENDORS.path, summary="เพิ่มผู้ประกอบการ (create a vendor)", guards=EDIT, responses=errors(400)
    )
    async def create(
        self, actor: CurrentActor, data: Annotated[JsonObject, body(VendorCreate, EXAMPLE)]
    ) -> Vendor:
        return await vendors.create_vendor(actor, vendors.parse_vendor(data))

    @get(urls.API_VENDOR.path, summary="ผู้ประกอบการหนึ่งราย (one vendor)", responses=errors(404))
    async def show(self, actor: CurrentActor, vendor_id: FromPath[int]) -> Vendor:
        return await vendors.get_vendor(actor.school_id, vendor_id)
