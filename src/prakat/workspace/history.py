"""Each record's history as a person reads it: who changed what, when, before and after."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

import msgspec

from prakat import audit
from prakat.audit import Actor, AuditEntry
from prakat.auth.checks import require
from prakat.auth.roles import Permission
from prakat.errors import NotFound
from prakat.users import service as users

ENTITIES: Mapping[str, str] = MappingProxyType(
    {
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
        "ita_variant": "ชุดเกณฑ์ ITA",
        "ita_item": "ข้อของเกณฑ์ ITA",
    }
)
ACTIONS: Mapping[str, str] = MappingProxyType(
    {
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
)
# Internal or bulky fields that say nothing to a person reading the history.
HIDDEN = frozenset({"snapshot", "school", "id", "created_at", "updated_at"})
SYSTEM = "ระบบ"  # who acted when no user did (command line, demo loader)


class HistoryEvent(msgspec.Struct, frozen=True):
    entry: AuditEntry
    who: str  # the user's display name, or SYSTEM
    changes: tuple[tuple[str, Any, Any], ...]  # (field, before, after) for each field that changed


def changes(before: dict[str, Any] | None, after: dict[str, Any] | None) -> list[tuple[str, Any, Any]]:
    keys = sorted(set(before or {}) | set(after or {}))
    rows = []
    for key in keys:
        old, new = (before or {}).get(key), (after or {}).get(key)
        if key not in HIDDEN and old != new:
            rows.append((key, old, new))
    return rows


async def record_history(actor: Actor, entity: str, entity_id: int) -> list[HistoryEvent]:
    """A record's events, oldest first, each with who acted and what changed. NotFound for an entity
    that keeps no history, or a record with none at the actor's school."""
    require(actor, Permission.VIEW)
    if entity not in ENTITIES:
        raise NotFound("ประวัติ")
    events = await audit.history(actor.school_id, entity, entity_id)
    if not events:
        raise NotFound("ประวัติ")
    names = {u.id: u.display_name for u in await users.list_users(actor.school_id)}
    return [
        HistoryEvent(
            entry=e,
            who=names.get(e.user_id, SYSTEM) if e.user_id else SYSTEM,
            changes=tuple(changes(e.before, e.after)),
        )
        for e in events
    ]
