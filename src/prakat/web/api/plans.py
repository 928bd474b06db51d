"""/api/v1/plans: annual plan revisions and their items."""

from __future__ import annotations

from typing import Annotated

from litestar import Controller, delete, get, post, put
from litestar.params import FromPath, FromQuery

from prakat import clock, urls
from prakat.errors import NotFound
from prakat.plans import service as plans
from prakat.plans.schemas import ItemMove, Plan, PlanCreate, PlanItem, PlanItemCreate
from prakat.thai import fiscal_year_of
from prakat.validation import parse
from prakat.web.api.common import EDIT, JsonObject, body, errors, query_year
from prakat.web.auth import CurrentActor

ITEM_EXAMPLE = {
    "name": "จัดซื้อวัสดุสำนักงาน",
    "kind": "buy",
    "budget": "50000.00",
    "budget_source": "per_head_subsidy",
    "category": "operating",
    "planned_method": "specific",
    "expected_month": "11/2568",
}


class PlanApi(Controller):
    tags = ("plans",)

    async def _item(self, actor: CurrentActor, plan_id: int, item_id: int) -> PlanItem:
        """The item, if it belongs to this plan (of the actor's school)."""
        item = await plans.get_plan_item(actor.school_id, item_id)
        if item.plan_id != plan_id:
            raise NotFound("รายการในแผน")
        return item

    @get(
        urls.API_PLANS.path,
        summary="แผนทุกฉบับของปีงบประมาณ (all plan revisions of a fiscal year)",
        description="``year``: ปีงบประมาณ พ.ศ. (B.E.); ไม่ระบุ = ปีงบประมาณปัจจุบัน (default: the current one). "
        "ฉบับแรกก่อน (oldest revision first).",
        responses=errors(400),
    )
    async def index(self, actor: CurrentActor, year: FromQuery[int | None] = None) -> list[Plan]:
        year_be = query_year(year) or fiscal_year_of(clock.today_bangkok())
        return await plans.plans_for_year(actor.school_id, year_be)

    @post(
        urls.API_PLANS.path,
        summary="สร้างแผนฉบับร่างใหม่ (start a new draft plan revision)",
        description="ฉบับแรกของปี หรือฉบับปรับปรุงที่คัดลอกรายการจากฉบับล่าสุด; 409 ถ้ามีฉบับร่างค้างอยู่ "
        "(409 when an unpublished revision exists).",
        guards=EDIT,
        responses=errors(400, 409),
    )
    async def create(
        self, actor: CurrentActor, data: Annotated[JsonObject, body(PlanCreate, {"year_be": 2569})]
    ) -> Plan:
        return await plans.create_plan(actor, parse(PlanCreate, data).year_be)

    @get(
        urls.API_PLAN.path,
        summary="แผนหนึ่งฉบับพร้อมรายการ (one plan revision with its items)",
        responses=errors(404),
    )
    async def show(self, actor: CurrentActor, plan_id: FromPath[int]) -> Plan:
        return await plans.get_plan(actor.school_id, plan_id)

    @post(
        urls.API_PLAN_ITEMS.path,
        summary="เพิ่มรายการในแผน (add a plan item)",
        description="ต่อท้ายแผน; แผนที่ส่งขออนุมัติหรือเผยแพร่แล้วแก้ไม่ได้ (409 once submitted or published).",
        guards=EDIT,
        responses=errors(400, 404, 409),
    )
    async def add_item(
        self,
        actor: CurrentActor,
        plan_id: FromPath[int],
        data: Annotated[JsonObject, body(PlanItemCreate, ITEM_EXAMPLE)],
    ) -> PlanItem:
        plan = await plans.get_plan(actor.school_id, plan_id)
        return await plans.add_plan_item(actor, plan_id, plans.parse_plan_item(data, plan.year_be))

    @put(
        urls.API_PLAN_ITEM.path,
        summary="แก้ไขรายการในแผน (replace a plan item)",
        guards=EDIT,
        responses=errors(400, 404, 409),
    )
    async def update_item(
        self,
        actor: CurrentActor,
        plan_id: FromPath[int],
        item_id: FromPath[int],
        data: Annotated[JsonObject, body(PlanItemCreate, ITEM_EXAMPLE)],
    ) -> PlanItem:
        await self._item(actor, plan_id, item_id)
        plan = await plans.get_plan(actor.school_id, plan_id)
        return await plans.update_plan_item(actor, item_id, plans.parse_plan_item(data, plan.year_be))

    @delete(
        urls.API_PLAN.path,
        summary="ลบแผนฉบับร่าง (discard a draft plan revision)",
        description="409 ถ้าแผนเผยแพร่แล้ว มีประกาศ หรือมีโครงการอ้างถึง (409: published, announced or in use).",
        guards=EDIT,
        responses=errors(404, 409),
    )
    async def discard(self, actor: CurrentActor, plan_id: FromPath[int]) -> None:
        await plans.discard_plan(actor, plan_id)

    @delete(
        urls.API_PLAN_ITEM.path,
        summary="ลบรายการในแผน (delete a plan item)",
        description="409 ถ้ามีโครงการอ้างถึงรายการนี้ (409 when a procurement refers to it).",
        guards=EDIT,
        responses=errors(404, 409),
    )
    async def delete_item(self, actor: CurrentActor, plan_id: FromPath[int], item_id: FromPath[int]) -> None:
        await self._item(actor, plan_id, item_id)
        await plans.delete_plan_item(actor, item_id)

    @post(
        urls.API_PLAN_ITEM_MOVE.path,
        summary="เลื่อนลำดับรายการในแผน (move a plan item up or down)",
        description="ตอบกลับเป็นแผนทั้งฉบับตามลำดับใหม่ (answers with the whole plan in its new order).",
        guards=EDIT,
        status_code=200,
        responses=errors(400, 404, 409),
    )
    async def move_item(
        self,
        actor: CurrentActor,
        plan_id: FromPath[int],
        item_id: FromPath[int],
        data: Annotated[JsonObject, body(ItemMove, {"offset": -1})],
    ) -> Plan:
        offset = parse(ItemMove, data).offset
        await self._item(actor, plan_id, item_id)
        return await plans.move_plan_item(actor, item_id, offset)
