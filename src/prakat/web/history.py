"""Each record's history: who changed what, when, before and after."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request
from litestar.params import FromPath
from litestar.response import Template

from prakat import audit, urls
from prakat.db import tables as t
from prakat.errors import NotFound
from prakat.web.auth import CurrentActor
from prakat.web.pages import page
from prakat.web.routing import readable

ENTITIES = {
    "procurement": "โครงการ",
    "announcement": "ประกาศ",
    "plan": "แผน",
    "plan_item": "รายการในแผน",
    "vendor": "ผู้ประกอบการ",
    "award": "ผลการคัดเลือก",
    "bid": "ผู้เสนอราคา",
    "school": "ข้อมูลโรงเรียน",
    "user": "ผู้ใช้",
    "fiscal_year": "ปีงบประมาณ",
    "api_token": "โทเคน API",
}
ACTIONS = {
    "create": "สร้าง",
    "update": "แก้ไข",
    "delete": "ลบ",
    "move": "ย้ายลำดับ",
    "submit": "ส่งขออนุมัติ",
    "review": "ตรวจสอบ",
    "approve": "อนุมัติและเผยแพร่",
    "return": "ส่งกลับให้แก้ไข",
    "publish": "เผยแพร่",
    "status": "เปลี่ยนสถานะ",
}
# Internal or bulky fields that say nothing to a person reading the history.
HIDDEN = {"snapshot", "school", "id", "created_at", "updated_at"}


def changes(before: dict[str, Any] | None, after: dict[str, Any] | None) -> list[tuple[str, Any, Any]]:
    keys = sorted(set(before or {}) | set(after or {}))
    rows = []
    for key in keys:
        old, new = (before or {}).get(key), (after or {}).get(key)
        if key not in HIDDEN and old != new:
            rows.append((key, old, new))
    return rows


class HistoryController(Controller):
    @readable(urls.WS_HISTORY.path, name="history")
    async def show(
        self,
        request: Request[Any, Any, Any],
        actor: CurrentActor,
        entity: FromPath[str],
        entity_id: FromPath[int],
    ) -> Template:
        if entity not in ENTITIES:
            raise NotFound("ประวัติ")
        events = await audit.history(actor.school_id, entity, entity_id)
        if not events:
            raise NotFound("ประวัติ")
        names = {
            r["id"]: r["display_name"]
            for r in await t.User.select(t.User.id, t.User.display_name).where(
                t.User.school == actor.school_id
            )
        }
        return await page(
            request,
            actor,
            "history.html",
            entity_label=ENTITIES[entity],
            entity=entity,
            entity_id=entity_id,
            events=[
                (e, names.get(e.user_id, "ระบบ") if e.user_id else "ระบบ", changes(e.before, e.after))
                for e in events
            ],
            actions=ACTIONS,
            entities=ENTITIES,
        )
