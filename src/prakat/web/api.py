"""The JSON API under /api/v1: every workspace action for scripts and other systems.

Authenticated by personal API tokens only (``Authorization: Bearer prk_…``; a browser's session cookie
does not count), behind the same guards as the pages, calling the same service functions, so a rule
holds the same way through both. Request bodies are plain JSON objects handed to the services' own
``parse_*`` functions: a bad field answers 400 with the same Thai message the form shows beside it.
JSON numbers with a fraction are read as Decimal, so 12500.25 reaches the service as exactly that;
responses are the services' msgspec Structs (amounts as strings, dates ISO).

The request-body Structs below are never decoded into: they only describe the bodies in the OpenAPI
schema at /schema.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Annotated, Any

import msgspec
from litestar import Controller, Request, Router, delete, get, patch, post, put
from litestar.di import Provide
from litestar.exceptions import SerializationException
from litestar.middleware import DefineMiddleware
from litestar.openapi import ResponseSpec
from litestar.openapi.spec import Components, Example, SecurityScheme, Tag
from litestar.params import Body, FromPath, FromQuery
from litestar.types import ControllerRouterHandler
from msgspec import Meta

from prakat import clock, urls
from prakat.announcements import service as announcements
from prakat.announcements.schemas import Announcement
from prakat.auth.roles import Permission
from prakat.errors import InvalidInput, NotFound
from prakat.plans import service as plans
from prakat.plans.schemas import Plan, PlanItem
from prakat.procurements import service as procurements
from prakat.procurements.schemas import Procurement
from prakat.rules import AnnouncementKind, BudgetCategory, BudgetSource, BusinessType, Method, ProcurementKind
from prakat.thai import check_fiscal_year, fiscal_year_of
from prakat.validation import Fields
from prakat.vendors import service as vendors
from prakat.vendors.schemas import Vendor
from prakat.web.auth import CurrentActor, TokenAuthentication, current_actor, requires
from prakat.workflow import Action, Publishable, permission_for

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

EDIT = [requires(Permission.EDIT)]

# --- request bodies, for the schema only -------------------------------------------------------------

# ``float`` only tells the schema a JSON number is welcome; ApiRequest reads every number as Decimal.
Money = Annotated[
    Decimal | float,
    Meta(
        description='จำนวนเงินบาท เป็นสตริง เช่น "12500.25" หรือ "12,500.25" หรือเป็นตัวเลข JSON; '
        "ทศนิยมไม่เกิน 2 ตำแหน่ง (baht, as a string or a JSON number, at most 2 decimals)"
    ),
]
Day = Annotated[
    date,
    Meta(description="วันที่แบบ ISO เช่น 2025-11-03 หรือแบบไทย 3/11/2568 (ISO or Thai day/month/B.E. year)"),
]


class VendorBody(msgspec.Struct, kw_only=True):
    """ผู้ประกอบการรายใหม่ (a new vendor)."""

    name: Annotated[str, Meta(description="ชื่อผู้ประกอบการ")]
    tax_id: Annotated[str, Meta(description="เลขประจำตัวผู้เสียภาษี 13 หลัก (13-digit tax ID)")]
    business_type: BusinessType = BusinessType.RETAIL
    address: str = ""
    phone: str = ""


class PlanBody(msgspec.Struct, kw_only=True):
    """แผนฉบับร่างใหม่ของปีงบประมาณ: ฉบับแรก หรือฉบับปรับปรุงที่คัดลอกรายการจากฉบับล่าสุด
    (a new draft revision of the fiscal year's plan)."""

    year_be: Annotated[int, Meta(description="ปีงบประมาณ พ.ศ. เช่น 2569 (fiscal year, B.E.)")]


class PlanItemBody(msgspec.Struct, kw_only=True):
    """รายการในแผน (a plan item)."""

    name: Annotated[str, Meta(description="ชื่อโครงการ/รายการ")]
    kind: ProcurementKind
    budget: Money
    budget_source: BudgetSource
    category: BudgetCategory
    planned_method: Method
    expected_month: Annotated[
        str,
        Meta(description="เดือนที่คาดว่าจะประกาศ เช่น 11/2568, 2025-11 หรือ พ.ย. 2568 (expected month)"),
    ]
    egp_plan_code: str = ""


class MoveBody(msgspec.Struct, kw_only=True):
    """เลื่อนรายการขึ้นหรือลงหนึ่งลำดับ (move an item up or down one place)."""

    offset: Annotated[int, Meta(ge=-1, le=1, description="-1 = ขึ้น (up), 1 = ลง (down)")]


class ProcurementBody(msgspec.Struct, kw_only=True):
    """โครงการจัดซื้อจัดจ้าง (a procurement). The method is checked against the budget and the law of
    the fiscal year of ``requested_on``; the legal clause follows from the method."""

    subject: Annotated[str, Meta(description="ชื่องานที่จัดซื้อจัดจ้าง")]
    kind: ProcurementKind
    method: Method
    budget: Money
    budget_source: BudgetSource
    requested_on: Day
    method_reason: str = ""
    reference_price: Money | None = None
    egp_project_number: Annotated[str | None, Meta(description="เลขที่โครงการ e-GP")] = None
    plan_item_id: Annotated[int | None, Meta(description="รายการในแผนของปีงบประมาณเดียวกัน")] = None


class BidBody(msgspec.Struct, kw_only=True):
    """ราคาที่ผู้ประกอบการในทะเบียนเสนอ (a bid by a vendor of the directory)."""

    vendor_id: int
    amount: Money
    submitted_on: Day | None = None


class AwardBody(msgspec.Struct, kw_only=True):
    """ผู้ได้รับการคัดเลือก: หนึ่งในผู้เสนอราคาของโครงการ (the winner: one of the procurement's bids)."""

    bid_id: int
    agreed_price: Money
    awarded_on: Day
    reason: Annotated[str, Meta(description="เหตุผลที่คัดเลือกโดยสรุป")]
    vat_included: bool = True
    contract_number: str = ""
    contract_date: Day | None = None


class DraftBody(msgspec.Struct, kw_only=True):
    """ประกาศฉบับร่าง: ประเภท และโครงการหรือแผนที่ประกาศถึง; เรื่อง เลขที่ วันที่ และผู้ลงนามมาจากข้อมูลและ
    การอนุมัติ (a draft: its kind and what it is about)."""

    kind: AnnouncementKind
    procurement_id: int | None = None
    plan_id: int | None = None
    supersedes_id: Annotated[
        int | None, Meta(description="ประกาศที่แก้ไขหรือยกเลิก (for a change or cancellation)")
    ] = None
    body: Annotated[str, Meta(description="รายละเอียดเพิ่มเติม")] = ""


class BodyTextBody(msgspec.Struct, kw_only=True):
    """รายละเอียดเพิ่มเติมของประกาศฉบับร่าง (the free text of a draft)."""

    body: str


class ReturnBody(msgspec.Struct, kw_only=True):
    """ส่งกลับให้แก้ไข พร้อมความเห็น (send back, with what to change)."""

    comment: Annotated[str, Meta(description="ความเห็น: สิ่งที่ต้องแก้ไข")]


# --- errors, for the schema only ---------------------------------------------------------------------


class ErrorBody(msgspec.Struct):
    """An error: a short Thai title and a Thai sentence saying what happened."""

    error: str
    detail: str


class InvalidInputBody(msgspec.Struct):
    """Bad input: a Thai message per field, the same one the form shows beside the field."""

    error: str
    fields: dict[str, str]


_ERRORS: Mapping[int, ResponseSpec] = {
    400: ResponseSpec(
        data_container=InvalidInputBody,
        description="ข้อมูลไม่ถูกต้อง (invalid input: a Thai message per field)",
        examples=[
            Example(value={"error": "ข้อมูลไม่ถูกต้อง", "fields": {"budget": "งบประมาณ (บาท): กรุณากรอกข้อมูล"}})
        ],
    ),
    401: ResponseSpec(data_container=ErrorBody, description="ไม่มีโทเค็น โทเค็นผิด หรือถูกเพิกถอน (no valid token)"),
    403: ResponseSpec(data_container=ErrorBody, description="บทบาทของผู้ใช้ไม่มีสิทธิ์ (the role may not)"),
    404: ResponseSpec(
        data_container=ErrorBody, description="ไม่พบ หรือเป็นของโรงเรียนอื่น (not found, or another school's)"
    ),
    409: ResponseSpec(
        data_container=ErrorBody,
        description="ขัดกับสถานะ เช่น เผยแพร่แล้วจึงแก้ไขไม่ได้ (conflicts with the state, e.g. published)",
    ),
}


def _errors(*codes: int) -> dict[int, ResponseSpec]:
    """The error responses a route documents: always 401 and 403, plus ``codes``."""
    return {code: _ERRORS[code] for code in sorted({401, 403, *codes})}


def _inline(schema: Any, defs: Mapping[str, Any]) -> Any:
    if isinstance(schema, dict):
        if set(schema) == {"$ref"}:
            return _inline(defs[schema["$ref"].rsplit("/", 1)[1]], defs)
        return {k: _inline(v, defs) for k, v in schema.items() if k != "title"}
    if isinstance(schema, list):
        return [_inline(v, defs) for v in schema]
    return schema


def _body(struct: type[msgspec.Struct], example: dict[str, Any]) -> Any:
    """``Body(...)`` documenting a JSON object shaped like ``struct``, with an example."""
    generated = msgspec.json.schema(struct)
    described = _inline({"$ref": generated["$ref"]}, generated["$defs"])
    return Body(
        title=struct.__name__,
        description=described.get("description"),
        schema_extra={"properties": described["properties"], "required": described.get("required", [])},
        examples=[Example(summary="ตัวอย่าง (example)", value=example)],
    )


JsonObject = dict[str, Any]

VENDOR_EXAMPLE = {"name": "ร้านรุ่งเรืองพาณิชย์", "tax_id": "0405551000016", "business_type": "retail"}
PLAN_ITEM_EXAMPLE = {
    "name": "จัดซื้อวัสดุสำนักงาน",
    "kind": "buy",
    "budget": "50000.00",
    "budget_source": "per_head_subsidy",
    "category": "operating",
    "planned_method": "specific",
    "expected_month": "11/2568",
}
PROCUREMENT_EXAMPLE = {
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

# --- JSON in ----------------------------------------------------------------------------------------

_DECODER = msgspec.json.Decoder(float_hook=Decimal)


class ApiRequest(Request[Any, Any, Any]):
    """Reads JSON numbers with a fraction as Decimal: 12500.25 arrives as Decimal("12500.25"), never as
    the float nearest to it."""

    async def json(self) -> Any:
        try:
            return _DECODER.decode(await self.body() or b"null")
        except msgspec.DecodeError as exc:
            raise SerializationException(str(exc)) from exc


def _text(data: Mapping[str, Any], name: str, label: str) -> str:
    """A free-text field the service takes as a plain string (a JSON null or a missing key is "")."""
    value = data.get(name)
    if isinstance(value, dict | list):
        raise InvalidInput({name: f"{label}: ต้องเป็นข้อความ"}, data)
    return "" if value is None else str(value)


def _fiscal_year(value: Any) -> int:
    try:
        year = int(str(value).strip())
    except ValueError:
        raise ValueError("ต้องเป็นจำนวนเต็ม") from None
    return check_fiscal_year(year)


def _parse_year(raw: Mapping[str, Any], name: str) -> int:
    f = Fields(raw)
    year = f.read(name, "ปีงบประมาณ (พ.ศ.)", True, _fiscal_year)
    f.check()
    assert year is not None
    return year


def _query_year(year: int | None) -> int | None:
    return None if year is None else _parse_year({"year": year}, "year")


def _parse_offset(raw: Mapping[str, Any]) -> int:
    def parse(value: Any) -> int:
        if isinstance(value, bool) or str(value).strip() not in {"-1", "1"}:
            raise ValueError("ต้องเป็น -1 (เลื่อนขึ้น) หรือ 1 (เลื่อนลง)")
        return int(str(value).strip())

    f = Fields(raw)
    offset = f.read("offset", "การเลื่อนลำดับ", True, parse)
    f.check()
    assert offset is not None
    return offset


def _statuses(given: list[str] | None, labels: Mapping[str, str]) -> tuple[str, ...]:
    """Statuses from the query (all of them when none is given); an unknown one is a 400."""
    if not given:
        return tuple(labels)
    unknown = [s for s in given if s not in labels]
    if unknown:
        choices = ", ".join(labels)
        raise InvalidInput({"status": f"สถานะ: ไม่อยู่ในรายการที่เลือกได้ ({choices})"}, {"status": given})
    return tuple(dict.fromkeys(given))


# --- controllers ------------------------------------------------------------------------------------


class VendorApi(Controller):
    tags = ("vendors",)

    @get(urls.API_VENDORS.path, summary="รายชื่อผู้ประกอบการ (list vendors)", responses=_errors())
    async def index(self, actor: CurrentActor) -> list[Vendor]:
        return await vendors.list_vendors(actor.school_id)

    @post(
        urls.API_VENDORS.path,
        summary="เพิ่มผู้ประกอบการ (create a vendor)",
        guards=EDIT,
        responses=_errors(400),
    )
    async def create(
        self, actor: CurrentActor, data: Annotated[JsonObject, _body(VendorBody, VENDOR_EXAMPLE)]
    ) -> Vendor:
        return await vendors.create_vendor(actor, vendors.parse_vendor(data))

    @get(urls.API_VENDOR.path, summary="ผู้ประกอบการหนึ่งราย (one vendor)", responses=_errors(404))
    async def show(self, actor: CurrentActor, vendor_id: FromPath[int]) -> Vendor:
        return await vendors.get_vendor(actor.school_id, vendor_id)


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
        responses=_errors(400),
    )
    async def index(self, actor: CurrentActor, year: FromQuery[int | None] = None) -> list[Plan]:
        year_be = _query_year(year) or fiscal_year_of(clock.today_bangkok())
        return await plans.plans_for_year(actor.school_id, year_be)

    @post(
        urls.API_PLANS.path,
        summary="สร้างแผนฉบับร่างใหม่ (start a new draft plan revision)",
        description="ฉบับแรกของปี หรือฉบับปรับปรุงที่คัดลอกรายการจากฉบับล่าสุด; 409 ถ้ามีฉบับร่างค้างอยู่ "
        "(409 when an unpublished revision exists).",
        guards=EDIT,
        responses=_errors(400, 409),
    )
    async def create(
        self, actor: CurrentActor, data: Annotated[JsonObject, _body(PlanBody, {"year_be": 2569})]
    ) -> Plan:
        return await plans.create_plan(actor, _parse_year(data, "year_be"))

    @get(
        urls.API_PLAN.path,
        summary="แผนหนึ่งฉบับพร้อมรายการ (one plan revision with its items)",
        responses=_errors(404),
    )
    async def show(self, actor: CurrentActor, plan_id: FromPath[int]) -> Plan:
        return await plans.get_plan(actor.school_id, plan_id)

    @post(
        urls.API_PLAN_ITEMS.path,
        summary="เพิ่มรายการในแผน (add a plan item)",
        description="ต่อท้ายแผน; แผนที่ส่งขออนุมัติหรือเผยแพร่แล้วแก้ไม่ได้ (409 once submitted or published).",
        guards=EDIT,
        responses=_errors(400, 404, 409),
    )
    async def add_item(
        self,
        actor: CurrentActor,
        plan_id: FromPath[int],
        data: Annotated[JsonObject, _body(PlanItemBody, PLAN_ITEM_EXAMPLE)],
    ) -> PlanItem:
        plan = await plans.get_plan(actor.school_id, plan_id)
        return await plans.add_plan_item(actor, plan_id, plans.parse_plan_item(data, plan.year_be))

    @put(
        urls.API_PLAN_ITEM.path,
        summary="แก้ไขรายการในแผน (replace a plan item)",
        guards=EDIT,
        responses=_errors(400, 404, 409),
    )
    async def update_item(
        self,
        actor: CurrentActor,
        plan_id: FromPath[int],
        item_id: FromPath[int],
        data: Annotated[JsonObject, _body(PlanItemBody, PLAN_ITEM_EXAMPLE)],
    ) -> PlanItem:
        await self._item(actor, plan_id, item_id)
        plan = await plans.get_plan(actor.school_id, plan_id)
        return await plans.update_plan_item(actor, item_id, plans.parse_plan_item(data, plan.year_be))

    @delete(
        urls.API_PLAN.path,
        summary="ลบแผนฉบับร่าง (discard a draft plan revision)",
        description="409 ถ้าแผนเผยแพร่แล้ว มีประกาศ หรือมีโครงการอ้างถึง (409: published, announced or in use).",
        guards=EDIT,
        responses=_errors(404, 409),
    )
    async def discard(self, actor: CurrentActor, plan_id: FromPath[int]) -> None:
        await plans.discard_plan(actor, plan_id)

    @delete(
        urls.API_PLAN_ITEM.path,
        summary="ลบรายการในแผน (delete a plan item)",
        description="409 ถ้ามีโครงการอ้างถึงรายการนี้ (409 when a procurement refers to it).",
        guards=EDIT,
        responses=_errors(404, 409),
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
        responses=_errors(400, 404, 409),
    )
    async def move_item(
        self,
        actor: CurrentActor,
        plan_id: FromPath[int],
        item_id: FromPath[int],
        data: Annotated[JsonObject, _body(MoveBody, {"offset": -1})],
    ) -> Plan:
        offset = _parse_offset(data)
        await self._item(actor, plan_id, item_id)
        return await plans.move_plan_item(actor, item_id, offset)


class ProcurementApi(Controller):
    tags = ("procurements",)

    @get(
        urls.API_PROCUREMENTS.path,
        summary="รายการโครงการจัดซื้อจัดจ้าง (list procurements)",
        description="``year``: ปีงบประมาณ พ.ศ.; ``status``: "
        + ", ".join(f"{k} ({v})" for k, v in procurements.STATUS_LABELS.items())
        + "; ไม่ระบุ = ทั้งหมด (omitted: all). วันที่ขออนุมัติเก่าก่อน (oldest request first).",
        responses=_errors(400),
    )
    async def index(
        self,
        actor: CurrentActor,
        year: FromQuery[int | None] = None,
        status: FromQuery[list[str] | None] = None,
    ) -> list[Procurement]:
        statuses = set(_statuses(status, procurements.STATUS_LABELS))
        return await procurements.list_procurements(
            actor.school_id, year_be=_query_year(year), statuses=statuses
        )

    @post(
        urls.API_PROCUREMENTS.path,
        summary="สร้างโครงการจัดซื้อจัดจ้าง (create a procurement)",
        guards=EDIT,
        responses=_errors(400),
    )
    async def create(
        self, actor: CurrentActor, data: Annotated[JsonObject, _body(ProcurementBody, PROCUREMENT_EXAMPLE)]
    ) -> Procurement:
        return await procurements.create_procurement(actor, procurements.parse_procurement(data))

    @get(
        urls.API_PROCUREMENT.path,
        summary="โครงการหนึ่งโครงการพร้อมผู้เสนอราคาและผู้ชนะ (one procurement with bids and award)",
        responses=_errors(404),
    )
    async def show(self, actor: CurrentActor, procurement_id: FromPath[int]) -> Procurement:
        return await procurements.get_procurement(actor.school_id, procurement_id)

    @put(
        urls.API_PROCUREMENT.path,
        summary="แก้ไขโครงการ (replace a procurement's details)",
        description="409 เมื่อมีประกาศของโครงการที่ส่งขออนุมัติหรือเผยแพร่แล้ว (409 once an announcement of it "
        "is submitted or published).",
        guards=EDIT,
        responses=_errors(400, 404, 409),
    )
    async def update(
        self,
        actor: CurrentActor,
        procurement_id: FromPath[int],
        data: Annotated[JsonObject, _body(ProcurementBody, PROCUREMENT_EXAMPLE)],
    ) -> Procurement:
        return await procurements.update_procurement(
            actor, procurement_id, procurements.parse_procurement(data)
        )

    @delete(
        urls.API_PROCUREMENT.path,
        summary="ลบโครงการ (delete a procurement)",
        description="ได้เฉพาะโครงการที่ยังไม่มีประกาศ (only before any announcement of it).",
        guards=EDIT,
        responses=_errors(404, 409),
    )
    async def remove(self, actor: CurrentActor, procurement_id: FromPath[int]) -> None:
        await procurements.delete_procurement(actor, procurement_id)

    @post(
        urls.API_BIDS.path,
        summary="บันทึกผู้เสนอราคา (add a bid)",
        description="ผู้เสนอราคาต้องอยู่ในทะเบียนผู้ประกอบการ (POST /vendors ก่อน); ตอบกลับเป็นโครงการ "
        "(the vendor must be in the directory; answers with the procurement).",
        guards=EDIT,
        responses=_errors(400, 404, 409),
    )
    async def add_bid(
        self,
        actor: CurrentActor,
        procurement_id: FromPath[int],
        data: Annotated[JsonObject, _body(BidBody, {"vendor_id": 1, "amount": "8400.00"})],
    ) -> Procurement:
        return await procurements.add_bid(actor, procurement_id, procurements.parse_bid(data))

    @delete(
        urls.API_BID.path,
        summary="ลบผู้เสนอราคา (remove a bid)",
        guards=EDIT,
        responses=_errors(404, 409),
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
        responses=_errors(400, 404, 409),
    )
    async def award(
        self,
        actor: CurrentActor,
        procurement_id: FromPath[int],
        data: Annotated[JsonObject, _body(AwardBody, AWARD_EXAMPLE)],
    ) -> Procurement:
        return await procurements.award(actor, procurement_id, procurements.parse_award(data))

    @delete(
        urls.API_AWARD.path,
        summary="ลบผลการคัดเลือก (remove the winner)",
        guards=EDIT,
        responses=_errors(404, 409),
    )
    async def remove_award(self, actor: CurrentActor, procurement_id: FromPath[int]) -> None:
        await procurements.remove_award(actor, procurement_id)


class AnnouncementApi(Controller):
    tags = ("announcements",)

    @get(
        urls.API_ANNOUNCEMENTS.path,
        summary="รายการประกาศ (list announcements)",
        description="``status`` (ระบุซ้ำได้ / repeatable): "
        + ", ".join(f"{k} ({v})" for k, v in announcements.STATUS_LABELS.items())
        + "; ไม่ระบุ = ทุกสถานะ (omitted: all). ``year``, ``procurement_id``, ``plan_id`` กรองเพิ่ม. "
        "ที่เผยแพร่ล่าสุดก่อน แล้วตามด้วยร่างใหม่สุด (newest first).",
        responses=_errors(400),
    )
    async def index(
        self,
        actor: CurrentActor,
        status: FromQuery[list[str] | None] = None,
        year: FromQuery[int | None] = None,
        procurement_id: FromQuery[int | None] = None,
        plan_id: FromQuery[int | None] = None,
    ) -> list[Announcement]:
        return await announcements.list_announcements(
            actor.school_id,
            year_be=_query_year(year),
            statuses=_statuses(status, announcements.STATUS_LABELS),
            procurement_id=procurement_id,
            plan_id=plan_id,
        )

    @post(
        urls.API_ANNOUNCEMENTS.path,
        summary="จัดทำประกาศฉบับร่าง (draft an announcement)",
        guards=EDIT,
        responses=_errors(400, 404, 409),
    )
    async def prepare(
        self,
        actor: CurrentActor,
        data: Annotated[JsonObject, _body(DraftBody, {"kind": "winner", "procurement_id": 1})],
    ) -> Announcement:
        return await announcements.prepare(actor, announcements.parse_draft(data))

    @get(urls.API_ANNOUNCEMENT.path, summary="ประกาศหนึ่งฉบับ (one announcement)", responses=_errors(404))
    async def show(self, actor: CurrentActor, announcement_id: FromPath[int]) -> Announcement:
        return await announcements.get_announcement(actor.school_id, announcement_id)

    @patch(
        urls.API_ANNOUNCEMENT.path,
        summary="แก้ไขรายละเอียดเพิ่มเติมของร่าง (edit a draft's free text)",
        description="ได้เฉพาะฉบับร่างหรือที่ถูกส่งกลับ (only a draft or a returned one).",
        guards=EDIT,
        responses=_errors(400, 404, 409),
    )
    async def update_body(
        self,
        actor: CurrentActor,
        announcement_id: FromPath[int],
        data: Annotated[JsonObject, _body(BodyTextBody, {"body": "กำหนดส่งมอบภายใน 7 วัน"})],
    ) -> Announcement:
        if "body" not in data:
            raise InvalidInput({"body": "รายละเอียดเพิ่มเติม: กรุณากรอกข้อมูล"}, data)
        body = _text(data, "body", "รายละเอียดเพิ่มเติม")
        return await announcements.update_body(actor, announcement_id, body)

    @delete(
        urls.API_ANNOUNCEMENT.path,
        summary="ลบประกาศฉบับร่าง (discard a draft)",
        description="ได้เฉพาะฉบับร่างหรือที่ถูกส่งกลับ (only a draft or a returned one).",
        guards=EDIT,
        responses=_errors(404, 409),
    )
    async def discard(self, actor: CurrentActor, announcement_id: FromPath[int]) -> None:
        await announcements.discard(actor, announcement_id)

    @post(
        urls.API_ANNOUNCEMENT_SUBMIT.path,
        summary="ส่งขออนุมัติ (submit for approval)",
        description="คัดลอกเนื้อหาไว้ ณ ตอนนี้ และล็อกสิ่งที่ประกาศถึง (freezes the content and holds "
        "what it speaks about).",
        guards=[requires(permission_for(Publishable.ANNOUNCEMENT, Action.SUBMIT))],
        status_code=200,
        responses=_errors(400, 404, 409),
    )
    async def submit(self, actor: CurrentActor, announcement_id: FromPath[int]) -> Announcement:
        return await announcements.submit(actor, announcement_id)

    @post(
        urls.API_ANNOUNCEMENT_REVIEW.path,
        summary="ตรวจสอบก่อนเสนอผู้อำนวยการ (head's review)",
        guards=[requires(permission_for(Publishable.ANNOUNCEMENT, Action.REVIEW))],
        status_code=200,
        responses=_errors(404, 409),
    )
    async def review(self, actor: CurrentActor, announcement_id: FromPath[int]) -> Announcement:
        return await announcements.review(actor, announcement_id)

    @post(
        urls.API_ANNOUNCEMENT_APPROVE.path,
        summary="อนุมัติและเผยแพร่ (approve: sign and publish)",
        description="ให้เลขที่ประกาศ ลำดับการเผยแพร่ และผู้ลงนาม; เผยแพร่แล้วแก้ไขไม่ได้ "
        "(numbers, sequences and signs it; a published announcement never changes).",
        guards=[requires(permission_for(Publishable.ANNOUNCEMENT, Action.APPROVE))],
        status_code=200,
        responses=_errors(400, 404, 409),
    )
    async def approve(self, actor: CurrentActor, announcement_id: FromPath[int]) -> Announcement:
        return await announcements.approve(actor, announcement_id)

    @post(
        urls.API_ANNOUNCEMENT_RETURN.path,
        summary="ส่งกลับให้แก้ไข (return for changes)",
        guards=[requires(permission_for(Publishable.ANNOUNCEMENT, Action.RETURN))],
        status_code=200,
        responses=_errors(400, 404, 409),
    )
    async def return_(
        self,
        actor: CurrentActor,
        announcement_id: FromPath[int],
        data: Annotated[JsonObject, _body(ReturnBody, {"comment": "กรุณาแก้ชื่อผู้ชนะให้ตรงกับใบเสนอราคา"})],
    ) -> Announcement:
        comment = _text(data, "comment", "ความเห็น")
        return await announcements.return_for_changes(actor, announcement_id, comment)


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
