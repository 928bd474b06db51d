"""Announcements in the workspace: drafts, the approval queue, the preview the director signs."""

from __future__ import annotations

from collections.abc import Awaitable
from typing import Any

import msgspec
from litestar import Controller, Request, post
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect, Template

from prakat import clock, sitepages, urls
from prakat.announcements import monthly_changes, onscreen, subjects, wording
from prakat.announcements import service as announcements
from prakat.errors import Conflict, InvalidInput
from prakat.rules import YEAR_KINDS, AnnouncementKind
from prakat.schools.service import fiscal_years, get_school
from prakat.thai import fiscal_quarter_of, fiscal_year_of, thai_month_name
from prakat.web.auth import CurrentActor, requires
from prakat.web.forms import FormData
from prakat.web.pages import done, form_values, page
from prakat.web.routing import id_in_range, readable
from prakat.workflow import (
    EDITABLE,
    PENDING,
    Action,
    AnnouncementStatus,
    Publishable,
    actions_for,
    permission_for,
)

QUEUES = {
    "pending": ("รออนุมัติ", PENDING),
    "drafts": ("ฉบับร่างและที่ถูกส่งกลับ", EDITABLE),
    "published": ("เผยแพร่แล้ว", (AnnouncementStatus.PUBLISHED,)),
}
ANNOUNCEMENT = Publishable.ANNOUNCEMENT


def guard(action: Action) -> list[Any]:
    """The route guard of a workflow action: the permission its rows in the workflow table ask for."""
    return [requires(permission_for(ANNOUNCEMENT, action))]


# Announcements about a fiscal year (and a quarter) rather than a plan or a procurement.
YEAR_KIND_ORDER = tuple(k for k in AnnouncementKind if k in YEAR_KINDS)
YEAR_KIND_VALUES = {k.value for k in YEAR_KIND_ORDER}


def correction_kinds(kind: str) -> list[AnnouncementKind]:
    """What may change or cancel an announcement of this kind (a plan is revised from the plan editor)."""
    return [
        k
        for k in AnnouncementKind
        if AnnouncementKind(kind) in k.info.supersedes and k is not AnnouncementKind.PLAN_REVISION
    ]


def _here(announcement_id: int) -> str:
    return urls.WS_ANNOUNCEMENT.url(announcement_id=announcement_id)


class AnnouncementController(Controller):
    @readable(urls.WS_ANNOUNCEMENTS.path, name="announcements")
    async def index(
        self, request: Request[Any, Any, Any], actor: CurrentActor, queue: FromQuery[str] = "pending"
    ) -> Template:
        return await self._index(request, actor, queue)

    async def _index(
        self, request: Request[Any, Any, Any], actor: CurrentActor, queue: str, **ctx: Any
    ) -> Template:
        queue = queue if queue in QUEUES else "pending"
        title, statuses = QUEUES[queue]
        found = await announcements.list_announcements(actor.school_id, statuses=statuses)
        today = clock.today_bangkok()
        this_year = fiscal_year_of(today)
        known = {y.year_be for y in await fiscal_years(actor.school_id)} | {this_year - 1, this_year}
        # The quarter most likely wanted: the last one that has ended.
        last_ended = (fiscal_quarter_of(today) - 2) % 4 + 1
        ctx.setdefault(
            "values",
            {
                "year_be": this_year if last_ended != 4 else this_year - 1,
                "quarter": last_ended,
                "kind": AnnouncementKind.QUARTERLY_WINNERS.value,
            },
        )
        return await page(
            request,
            actor,
            "announcements.html",
            announcements=found,
            queue=queue,
            queues=QUEUES,
            title=title,
            status_labels=announcements.STATUS_LABELS,
            year_kinds=[(k.value, k.label) for k in YEAR_KIND_ORDER],
            years=[(y, f"พ.ศ. {y}") for y in sorted(known, reverse=True)],
            quarters=[(q, f"ไตรมาสที่ {q} ({subjects.QUARTER_MONTHS[q]})") for q in range(1, 5)],
            months=[(m, thai_month_name(m)) for m in (10, 11, 12, *range(1, 10))],
            **ctx,
        )

    @post(urls.WS_ANNOUNCEMENT_NEW.path, name="announcement_prepare", guards=guard(Action.PREPARE))
    async def prepare(
        self, request: Request[Any, Any, Any], actor: CurrentActor, data: FormData
    ) -> Template | Redirect:
        values = form_values(data)
        try:
            drafted = await announcements.prepare(actor, announcements.parse_draft(values))
        except (InvalidInput, Conflict) as refused:
            errors = refused.errors if isinstance(refused, InvalidInput) else {"kind": refused.message}
            if values.get("kind") in YEAR_KIND_VALUES:
                # The year-level form lives on the list page: show it there again, as typed.
                status = 400 if isinstance(refused, InvalidInput) else 409
                return await self._index(
                    request, actor, "drafts", errors=errors, values=values, status_code=status
                )
            if isinstance(refused, Conflict):
                raise
            invalid = refused
            corrected = str(values.get("supersedes_id") or "")
            if not corrected.isdigit() or not id_in_range(int(corrected)):
                raise
            # A correction started from the page of what it corrects: show the form there again.
            return await self._detail(
                request, actor, int(corrected), errors=invalid.errors, values=values, status_code=400
            )
        return done(_here(drafted.id), "drafted")

    async def _detail(
        self, request: Request[Any, Any, Any], actor: CurrentActor, announcement_id: int, **ctx: Any
    ) -> Template:
        a = await announcements.get_announcement(actor.school_id, announcement_id)
        school = await get_school(actor.school_id)
        published = a.status == AnnouncementStatus.PUBLISHED
        snapshot = a.snapshot
        if snapshot is None:
            # A draft has no snapshot yet: preview what submitting would freeze now.
            snapshot = await announcements.preview_snapshot(actor.school_id, a)
        approver = await onscreen.approver(actor)
        return await page(
            request,
            actor,
            "announcement.html",
            a=a,
            paragraphs=wording.paragraphs(a.kind, a.subject, a.body, snapshot),
            snapshot=snapshot,
            screen=onscreen.on_screen(msgspec.structs.replace(a, snapshot=snapshot), school, approver),
            signer=onscreen.signer_of(a, school, approver),
            annual=sitepages.annual_view(snapshot["annual"]) if "annual" in snapshot else None,
            review_needed=school.review_by_head,
            actions=actions_for(ANNOUNCEMENT, a.status, actor.role, review_by_head=school.review_by_head),
            status_labels=announcements.STATUS_LABELS,
            corrections=await announcements.corrections_of(actor.school_id, a.id) if published else [],
            month_changes=await monthly_changes.changes_of(actor.school_id, a),
            correction_kinds=[(k.value, k.label) for k in correction_kinds(a.kind)] if published else [],
            **ctx,
        )

    @readable(urls.WS_ANNOUNCEMENT.path, name="announcement")
    async def show(
        self, request: Request[Any, Any, Any], actor: CurrentActor, announcement_id: FromPath[int]
    ) -> Template:
        return await self._detail(request, actor, announcement_id)

    @post(urls.WS_ANNOUNCEMENT_BODY.path, name="announcement_body", guards=guard(Action.EDIT))
    async def body(self, actor: CurrentActor, announcement_id: FromPath[int], data: FormData) -> Redirect:
        await announcements.update_body(actor, announcement_id, str(data.get("body", "")))
        return done(_here(announcement_id), "saved")

    @post(urls.WS_ANNOUNCEMENT_DISCARD.path, name="announcement_discard", guards=guard(Action.DISCARD))
    async def discard(self, actor: CurrentActor, announcement_id: FromPath[int]) -> Redirect:
        await announcements.discard(actor, announcement_id)
        return done(urls.WS_ANNOUNCEMENTS.url({"queue": "drafts"}), "deleted")

    async def _step(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        announcement_id: int,
        step: Awaitable[object],
        code: str,
    ) -> Template | Redirect:
        """A step of the workflow taken (the page again, saying ``code``), or refused: the page again with
        the Thai messages of what is missing (400) or of why not now (409)."""
        try:
            await step
        except InvalidInput as invalid:
            return await self._detail(request, actor, announcement_id, errors=invalid.errors, status_code=400)
        except Conflict as refused:
            return await self._detail(
                request, actor, announcement_id, refused=refused.message, status_code=409
            )
        return done(_here(announcement_id), code)

    @post(urls.WS_ANNOUNCEMENT_SUBMIT.path, name="announcement_submit", guards=guard(Action.SUBMIT))
    async def submit(
        self, request: Request[Any, Any, Any], actor: CurrentActor, announcement_id: FromPath[int]
    ) -> Template | Redirect:
        submitting = announcements.submit(actor, announcement_id)
        return await self._step(request, actor, announcement_id, submitting, "submitted")

    @post(urls.WS_ANNOUNCEMENT_REVIEW.path, name="announcement_review", guards=guard(Action.REVIEW))
    async def review(self, actor: CurrentActor, announcement_id: FromPath[int]) -> Redirect:
        await announcements.review(actor, announcement_id)
        return done(_here(announcement_id), "reviewed")

    @post(urls.WS_ANNOUNCEMENT_APPROVE.path, name="announcement_approve", guards=guard(Action.APPROVE))
    async def approve(
        self, request: Request[Any, Any, Any], actor: CurrentActor, announcement_id: FromPath[int]
    ) -> Template | Redirect:
        base_url = request.app.state.settings.base_url
        approving = announcements.approve(actor, announcement_id, base_url=base_url)
        return await self._step(request, actor, announcement_id, approving, "approved")

    @post(urls.WS_ANNOUNCEMENT_RETURN.path, name="announcement_return", guards=guard(Action.RETURN))
    async def return_(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        announcement_id: FromPath[int],
        data: FormData,
    ) -> Template | Redirect:
        try:
            await announcements.return_for_changes(actor, announcement_id, str(data.get("comment", "")))
        except InvalidInput as invalid:
            return await self._detail(
                request,
                actor,
                announcement_id,
                errors=invalid.errors,
                values=form_values(data),
                status_code=400,
            )
        return done(_here(announcement_id), "returned")
