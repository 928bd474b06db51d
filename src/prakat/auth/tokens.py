"""Personal API tokens for scripts and other systems. A token acts as its user, with the user's role.

The plaintext (``prk_`` + 43 URL-safe characters) is shown once, when the token is made; the database
keeps only its SHA-256, plus the first characters after ``prk_`` so a person can tell tokens apart.
A revoked token, or one whose user has been deactivated, no longer resolves.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

import msgspec

from prakat import audit, clock
from prakat.audit import Actor
from prakat.auth.checks import require
from prakat.auth.roles import Permission
from prakat.db import tables as t
from prakat.db.tx import write_transaction
from prakat.errors import Conflict, NotFound
from prakat.validation import Fields

TOKEN_PREFIX = "prk_"
TOKEN_BYTES = 32  # secrets.token_urlsafe(32): 43 characters, 256 bits
PREFIX_LENGTH = 8  # characters after "prk_" kept in clear
# last_used_at is written at most this often per token, not on every request.
LAST_USED_PRECISION = timedelta(minutes=1)


class ApiTokenInfo(msgspec.Struct, frozen=True, kw_only=True):
    """A token as lists show it: never the plaintext, never the hash."""

    id: int
    school_id: int
    user_id: int
    name: str
    prefix: str
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None

    @property
    def revoked(self) -> bool:
        return self.revoked_at is not None


def token_hash(plaintext: str) -> str:
    return hashlib.sha256(plaintext.encode()).hexdigest()


def _info(row: Mapping[str, Any]) -> ApiTokenInfo:
    return ApiTokenInfo(
        id=row["id"],
        school_id=row["school"],
        user_id=row["user"],
        name=row["name"],
        prefix=row["prefix"],
        created_at=row["created_at"],
        last_used_at=row["last_used_at"],
        revoked_at=row["revoked_at"],
    )


def _snapshot(row: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in audit.snapshot(dict(row)).items() if k != "token_hash"}


async def create_token(actor: Actor, name: str) -> tuple[ApiTokenInfo, str]:
    """A new token for the actor's own account; the plaintext is returned here and never again."""
    require(actor, Permission.VIEW)
    if actor.user_id is None:
        raise Conflict("โทเค็นต้องเป็นของผู้ใช้ที่เข้าสู่ระบบ ระบบเองสร้างโทเค็นไม่ได้")
    f = Fields({"name": name})
    label = f.text("name", "ชื่อโทเค็น", max_length=100)
    f.check()
    secret = secrets.token_urlsafe(TOKEN_BYTES)
    plaintext = TOKEN_PREFIX + secret
    async with write_transaction():
        owner = await t.User.exists().where(
            (t.User.id == actor.user_id) & (t.User.school == actor.school_id) & (t.User.active == True)  # noqa: E712
        )
        if not owner:
            raise NotFound("ผู้ใช้")
        row = t.ApiToken(
            school=actor.school_id,
            user=actor.user_id,
            name=label,
            token_hash=token_hash(plaintext),
            prefix=secret[:PREFIX_LENGTH],
            created_at=clock.now(),
        )
        await row.save()
        await audit.record(actor, "create", "api_token", row.id, after=_snapshot(row.to_dict()))
    return await _get(actor.school_id, row.id), plaintext


async def _get(school_id: int, token_id: int) -> ApiTokenInfo:
    row = (
        await t.ApiToken.select()
        .where((t.ApiToken.school == school_id) & (t.ApiToken.id == token_id))
        .first()
    )
    if row is None:
        raise NotFound("โทเค็น")
    return _info(row)


async def resolve_token(plaintext: str) -> Actor | None:
    """The actor a presented token stands for, or None (unknown, revoked, or its user deactivated)."""
    if not plaintext.startswith(TOKEN_PREFIX) or len(plaintext) > 200:
        return None
    row = (
        await t.ApiToken.select(
            t.ApiToken.id,
            t.ApiToken.school,
            t.ApiToken.user,
            t.ApiToken.last_used_at,
            t.ApiToken.revoked_at,
            t.ApiToken.user.school.as_alias("user_school"),
            t.ApiToken.user.username.as_alias("username"),
            t.ApiToken.user.role.as_alias("role"),
            t.ApiToken.user.active.as_alias("active"),
        )
        .where(t.ApiToken.token_hash == token_hash(plaintext))
        .first()
    )
    if row is None or row["revoked_at"] is not None or not row["active"]:
        return None
    if row["user_school"] != row["school"]:
        return None
    now = clock.now()
    last = row["last_used_at"]
    if last is None or now - last >= LAST_USED_PRECISION:
        # Conditional, so several workers seeing the same token in the same minute write once.
        async with write_transaction():
            await t.ApiToken.update({t.ApiToken.last_used_at: now}).where(
                (t.ApiToken.id == row["id"])
                & (t.ApiToken.last_used_at.is_null() | (t.ApiToken.last_used_at <= now - LAST_USED_PRECISION))
            )
    return Actor(school_id=row["school"], user_id=row["user"], label=row["username"], role=row["role"])


async def list_tokens(actor: Actor) -> list[ApiTokenInfo]:
    """The actor's own tokens, newest first, revoked ones included (marked by ``revoked_at``)."""
    if actor.user_id is None:
        return []
    rows = (
        await t.ApiToken.select()
        .where((t.ApiToken.school == actor.school_id) & (t.ApiToken.user == actor.user_id))
        .order_by(t.ApiToken.id, ascending=False)
    )
    return [_info(row) for row in rows]


async def list_school_tokens(actor: Actor) -> list[ApiTokenInfo]:
    """Every token at the actor's school, for whoever manages users."""
    require(actor, Permission.MANAGE_USERS)
    rows = (
        await t.ApiToken.select()
        .where(t.ApiToken.school == actor.school_id)
        .order_by(t.ApiToken.id, ascending=False)
    )
    return [_info(row) for row in rows]


async def revoke_token(actor: Actor, token_id: int) -> ApiTokenInfo:
    """Revoke one's own token, or any token at the school with the right to manage users. Revoking a
    revoked token changes nothing. Another school's token is not found, whoever asks."""
    async with write_transaction():
        row = (
            await t.ApiToken.select()
            .where((t.ApiToken.school == actor.school_id) & (t.ApiToken.id == token_id))
            .first()
        )
        if row is None:
            raise NotFound("โทเค็น")
        if row["user"] != actor.user_id:
            require(actor, Permission.MANAGE_USERS)
        if row["revoked_at"] is not None:
            return _info(row)
        after = {**row, "revoked_at": clock.now()}
        await t.ApiToken.update({t.ApiToken.revoked_at: after["revoked_at"]}).where(t.ApiToken.id == token_id)
        await audit.record(
            actor, "revoke", "api_token", token_id, before=_snapshot(row), after=_snapshot(after)
        )
    return _info(after)
