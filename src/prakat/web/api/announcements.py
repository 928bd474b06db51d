"""/api/v1/announcements: drafts and their way through approval to publication."""

from __future__ import annotations

from typing import Annotated, Any

from litestar import Controller, Request, delete, get, patch, post
from litestar.params import FromPath, FromQuery

from prakat import urls
from prakat.announcements import service as announcements
from prakat.announcements.schemas import Announcement, AnnouncementDraft, DraftText, ReturnComment
from prakat.validation import parse
from prakat.web.api.common import EDIT, JsonObject, body, errors, query_year, statuses
from prakat.web.auth import CurrentActor, requires
from prakat.workflow import Action, Publishable, permission_for


class AnnouncementApi(Controller):
    tags = ("announcements",)

    @get(
        urls.API_ANNOUNCEMENTS.path,
        summary="รายการประกาศ (list announcements)",
        description="``status`` (ระบุซ้ำได้ / repeatable): "
        + ", ".join(f"{k} ({v})" for k, v in announcements.STATUS_LABELS.items())
        + "; ไม่ระบุ = ทุกสถานะ (omitted: all). ``year``, ``procurement_id``, ``plan_id`` กรองเพิ่ม. "
        "ที่เผยแพร่ล่าสุดก่อน แล้วตามด้วยร่างใหม่สุด (newest first).",
        responses=errors(400),
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
            year_be=query_year(year),
            statuses=statuses(status, announcements.STATUS_LABELS),
            procurement_id=procurement_id,
            plan_id=plan_id,
        )

    @post(
        urls.API_ANNOUNCEMENTS.path,
        summary="จัดทำประกาศฉบับร่าง (draft an announcement)",
        guards=EDIT,
        responses=errors(400, 404, 409),
    )
    async def prepare(
        self,
        actor: CurrentActor,
        data: Annotated[JsonObject, body(AnnouncementDraft, {"kind": "winner", "procurement_id": 1})],
    ) -> Announcement:
        return await announcements.prepare(actor, announcements.parse_draft(data))

    @get(urls.API_ANNOUNCEMENT.path, summary="ประกาศหนึ่งฉบับ (one announcement)", responses=errors(404))
    async def show(self, actor: CurrentActor, announcement_id: FromPath[int]) -> Announcement:
        return await announcements.get_announcement(actor.school_id, announcement_id)

    @patch(
        urls.API_ANNOUNCEMENT.path,
        summary="แก้ไขรายละเอียดเพิ่มเติมของร่าง (edit a draft's free text)",
        description="ได้เฉพาะฉบับร่างหรือที่ถูกส่งกลับ (only a draft or a returned one).",
        guards=EDIT,
        responses=errors(400, 404, 409),
    )
    async def update_body(
        self,
        actor: CurrentActor,
        announcement_id: FromPath[int],
        data: Annotated[JsonObject, body(DraftText, {"body": "กำหนดส่งมอบภายใน 7 วัน"})],
    ) -> Announcement:
        return await announcements.update_body(actor, announcement_id, parse(DraftText, data).body)

    @delete(
        urls.API_ANNOUNCEMENT.path,
        summary="ลบประกาศฉบับร่าง (discard a draft)",
        description="ได้เฉพาะฉบับร่างหรือที่ถูกส่งกลับ (only a draft or a returned one).",
        guards=EDIT,
        responses=errors(404, 409),
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
        responses=errors(400, 404, 409),
    )
    async def submit(self, actor: CurrentActor, announcement_id: FromPath[int]) -> Announcement:
        return await announcements.submit(actor, announcement_id)

    @post(
        urls.API_ANNOUNCEMENT_REVIEW.path,
        summary="ตรวจสอบก่อนเสนอผู้อำนวยการ (head's review)",
        guards=[requires(permission_for(Publishable.ANNOUNCEMENT, Action.REVIEW))],
        status_code=200,
        responses=errors(404, 409),
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
        responses=errors(400, 404, 409),
    )
    async def approve(
        self, request: Request[Any, Any, Any], actor: CurrentActor, announcement_id: FromPath[int]
    ) -> Announcement:
        return await announcements.approve(
            actor, announcement_id, base_url=request.app.state.settings.base_url
        )

    @post(
        urls.API_ANNOUNCEMENT_RETURN.path,
        summary="ส่งกลับให้แก้ไข (return for changes)",
        guards=[requires(permission_for(Publishable.ANNOUNCEMENT, Action.RETURN))],
        status_code=200,
        responses=errors(400, 404, 409),
    )
    async def return_(
        self,
        actor: CurrentActor,
        announcement_id: FromPath[int],
        data: Annotated[JsonObject, body(ReturnComment, {"comment": "กรุณาแก้ชื่อผู้ชนะให้ตรงกับใบเสนอราคา"})],
    ) -> Announcement:
        comment = parse(ReturnComment, data).comment
        return await announcements.return_for_changes(actor, announcement_id, comment)
