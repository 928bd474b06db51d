"""The audit trail: who did what, when, with the record before and after."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

import msgspec

from prakat import clock
from prakat.db.tables import AuditEvent


class Actor(msgspec.Struct, frozen=True):
    """Who is acting: a signed-in user with a role, or the system (command line, demo loader) with
    user_id and role None."""

    school_id: int
    user_id: int | None = None
    label: str = "system"
    role: str | None = None


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime):
        return clock.require_aware(value).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def snapshot(row: Any) -> dict[str, Any]:
    """A JSON-safe copy of a table row (Piccolo object or dict), for before/after."""
    data = row if isinstance(row, dict) else row.to_dict()
    return {k: _plain(v) for k, v in data.items() if k != "password_hash"}


async def record(
    actor: Actor,
    action: str,
    entity: str,
    entity_id: int,
    *,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    note: str = "",
) -> None:
    """Append an event; call it inside the write's own transaction so both commit or neither does."""
    await AuditEvent.insert(
        AuditEvent(
            school=actor.school_id,
            user=actor.user_id,
            at=clock.now(),
            action=action,
            entity=entity,
            entity_id=entity_id,
            before=msgspec.json.encode(before).decode() if before is not None else None,
            after=msgspec.json.encode(after).decode() if after is not None else None,
            note=note,
        )
    )


class AuditEntry(msgspec.Struct, frozen=True):
    at: datetime
    entity: str
    user_id: int | None
    action: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    note: str


# What else belongs in a record's history: the bids and award of a procurement, the items of a plan
# revision; found by the parent's id in their before/after.
PARTS = {"procurement": ("bid", "award"), "plan": ("plan_item",)}


async def history(school_id: int, entity: str, entity_id: int) -> list[AuditEntry]:
    """A record's events, oldest first, with those of its parts (see PARTS)."""
    own = await _events(school_id, (AuditEvent.entity == entity) & (AuditEvent.entity_id == entity_id))
    parts = PARTS.get(entity, ())
    if not parts:
        return [entry for entry, _ in own]
    related = [
        (entry, key)
        for entry, key in await _events(school_id, AuditEvent.entity.is_in(list(parts)))
        if (entry.after or entry.before or {}).get(entity) == entity_id
    ]
    return [entry for entry, _ in sorted(own + related, key=lambda pair: pair[1])]


async def _events(school_id: int, condition: Any) -> list[tuple[AuditEntry, int]]:
    rows = (
        await AuditEvent.select().where((AuditEvent.school == school_id) & condition).order_by(AuditEvent.id)
    )
    return [
        (
            AuditEntry(
                at=row["at"],
                user_id=row["user"],
                action=row["action"],
                before=_decode(row["before"]),
                after=_decode(row["after"]),
                entity=row["entity"],
                note=row["note"],
            ),
            row["id"],
        )
        for row in rows
    ]


def _decode(value: Any) -> dict[str, Any] | None:
    if value is None:
        return None
    if isinstance(value, dict):
        return value
    decoded: dict[str, Any] = msgspec.json.decode(value)
    return decoded
