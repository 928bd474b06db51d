"""/api/v1/procurements: procurements, their bids and the award."""

from __future__ import annotations

from typing import Annotated

from litestar import Controller, delete, get, post, put
from litestar.params import FromPath, FromQuery

from prakat import urls
from prakat.procurements import service as procurements
from prakat.procurements.schemas import AwardCreate, BidCreate, Procurement, ProcurementCreate
from prakat.web.api.common import EDIT, JsonObject, body, errors, query_year, statuses
from prakat.web.auth import CurrentActor

EXAMPLE = {
    "subject": "กระดาษถ่ายเอกสาร A4",
    "kind": "buy",
    "method": "specific",
    "budget": "12500.25",
    "budget_source": "per_head_subsidy",
    "requested_on": "2025-11-03",
}
AWARD_EXAMPLE = {
    "bid_id": 1,
    "agreed_price": "8250.50",
    "awarded_on": "2025-11-05",
    "reason": "เสนอราคาต่ำสุด และมีคุณสมบัติถูกต้องครบถ้วน",
}


class ProcurementApi(Controller):
    tags = ("procurements",)

    @get(
        urls.API_PROCUREMENTS.path,
        summary="รายการโครงการจัดซื้อจัดจ้าง (list procurements)",
        description="``year``: ปีงบประมาณ พ.ศ.; ``status``: "
        + ", ".join(f"{k} ({v})" for k, v in procurements.STATUS_LABELS.items())
        + "; ไม่ระบุ = ทั้งหมด (omitted: all). วันที่ขออนุมัติเก่าก่อน (oldest request first).",
        responses=errors(400),
    )
    async def index(
        self,
        actor: CurrentActor,
        year: FromQuery[int | None] = None,
        status: FromQuery[list[str] | None] = None,
    ) -> list[Procurement]:
        wanted = set(statuses(status, procurements.STATUS_LABELS))
        return await procurements.list_procurements(
            actor.school_id, year_be=query_year(year), statuses=wanted
        )

    @post(
        urls.API_PROCUREMENTS.path,
        summary="สร้างโครงการจัดซื้อจัดจ้าง (create a procurement)",
        guards=EDIT,
        responses=errors(400),
    )
    async def create(
        self, actor: CurrentActor, data: Annotated[JsonObject, body(ProcurementCreate, EXAMPLE)]
    ) -> Procurement:
        return await procurements.create_procurement(actor, procurements.parse_procurement(data))

    @get(
        urls.API_PROCUREMENT.path,
        summary="โครงการหนึ่งโครงการพร้อมผู้เสนอราคาและผู้ชนะ (one procurement with bids and award)",
        responses=errors(404),
    )
    async def show(self, actor: CurrentActor, procurement_id: FromPath[int]) -> Procurement:
        return await procurements.get_procurement(actor.school_id, procurement_id)

    @put(
        urls.API_PROCUREMENT.path,
        summary="แก้ไขโครงการ (replace a procurement's details)",
        description="409 เมื่อมีประกาศของโครงการที่ส่งขออนุมัติหรือเผยแพร่แล้ว (409 once an announcement of it "
        "is submitted or published).",
        guards=EDIT,
        responses=errors(400, 404, 409),
    )
    async def update(
        self,
        actor: CurrentActor,
        procurement_id: FromPath[int],
        data: Annotated[JsonObject, body(ProcurementCreate, EXAMPLE)],
    ) -> Procurement:
        return await procurements.update_procurement(
            actor, procurement_id, procurements.parse_procurement(data)
        )

    @delete(
        urls.API_PROCUREMENT.path,
        summary="ลบโครงการ (delete a procurement)",
        description="ได้เฉพาะโครงการที่ยังไม่มีประกาศ (only before any announcement of it).",
        guards=EDIT,
        responses=errors(404, 409),
    )
    async def remove(self, actor: CurrentActor, procurement_id: FromPath[int]) -> None:
        await procurements.delete_procurement(actor, procurement_id)

    @post(
        urls.API_BIDS.path,
        summary="บันทึกผู้เสนอราคา (add a bid)",
        description="ผู้เสนอราคาต้องอยู่ในทะเบียนผู้ประกอบการ (POST /vendors ก่อน); ตอบกลับเป็นโครงการ "
        "(the vendor must be in the directory; answers with the procurement).",
        guards=EDIT,
        responses=errors(400, 404, 409),
    )
    async def add_bid(
        self,
        actor: CurrentActor,
        procurement_id: FromPath[int],
        data: Annotated[JsonObject, body(BidCreate, {"vendor_id": 1, "amount": "8400.00"})],
    ) -> Procurement:
        return await procurements.add_bid(actor, procurement_id, procurements.parse_bid(data))

    @delete(
        urls.API_BID.path,
        summary="ลบผู้เสนอราคา (remove a bid)",
        guards=EDIT,
        responses=errors(404, 409),
    )
    async def remove_bid(
        self, actor: CurrentActor, procurement_id: FromPath[int], bid_id: FromPath[int]
    ) -> None:
        await procurements.remove_bid(actor, procurement_id, bid_id)

    @put(
        urls.API_AWARD.path,
        summary="บันทึกผู้ได้รับการคัดเลือก (record the winner)",
        description="409 ถ้ามีผู้ชนะแล้ว: ลบก่อนด้วย DELETE (409 when a winner is recorded: delete it first).",
        guards=EDIT,
        responses=errors(400, 404, 409),
    )
    async def award(
        self,
        actor: CurrentActor,
        procurement_id: FromPath[int],
        data: Annotated[JsonObject, body(AwardCreate, AWARD_EXAMPLE)],
    ) -> Procurement:
        return await procurements.award(actor, procurement_id, procurements.parse_award(data))

    @delete(
        urls.API_AWARD.path,
        summary="ลบผลการคัดเลือก (remove the winner)",
        guards=EDIT,
        responses=errors(404, 409),
    )
    async def remove_award(self, actor: CurrentActor, procurement_id: FromPath[int]) -> None:
        await procurements.remove_award(actor, procurement_id)
