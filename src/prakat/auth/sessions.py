"""Browser sessions, stored in the database so every worker process sees them.

The cookie carries a random token; the database keeps only its SHA-256, so a leaked backup cannot
be replayed. A session lapses after IDLE without use and after LIFETIME in any case.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from prakat import clock
from prakat.audit import Actor
from prakat.db import tables as t

COOKIE = "prakat_session"
IDLE = timedelta(hours=8)  # a school day
LIFETIME = timedelta(days=7)
# Refresh last_seen at most this often: a write per page view would serialise SQLite for nothing.
TOUCH_EVERY = timedelta(minutes=5)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


async def start(school_id: int, user_id: int) -> str:
    # Each sign-in sweeps out lapsed sessions, so the table holds only live ones without a cron job.
    await purge_expired()
    token = secrets.token_urlsafe(32)
    now = clock.now()
    await t.UserSession.insert(
        t.UserSession(
            school=school_id,
            user=user_id,
            token_hash=_digest(token),
            created_at=now,
            expires_at=now + LIFETIME,
            last_seen_at=now,
        )
    )
    return token


async def resolve(token: str | None) -> Actor | None:
    """The signed-in actor for a cookie value, or None when unknown, expired, idle or deactivated."""
    if not token or len(token) > 200:
        return None
    row = (
        await t.UserSession.select(
            t.UserSession.id,
            t.UserSession.school,
            t.UserSession.user,
            t.UserSession.expires_at,
            t.UserSession.last_seen_at,
            t.UserSession.user.username,
            t.UserSession.user.role,
            t.UserSession.user.active,
        )
        .where(t.UserSession.token_hash == _digest(token))
        .first()
    )
    now = clock.now()
    if row is None or not row["user.active"] or row["expires_at"] <= now or row["last_seen_at"] + IDLE <= now:
        return None
    if row["last_seen_at"] + TOUCH_EVERY <= now:
        await t.UserSession.update({t.UserSession.last_seen_at: now}).where(t.UserSession.id == row["id"])
    return Actor(
        school_id=row["school"], user_id=row["user"], label=row["user.username"], role=row["user.role"]
    )


async def end(token: str | None) -> None:
    if token:
        await t.UserSession.delete().where(t.UserSession.token_hash == _digest(token))


async def end_all(user_id: int) -> None:
    """Sign a user out everywhere (password change, deactivation)."""
    await t.UserSession.delete().where(t.UserSession.user == user_id)


async def purge_expired() -> int:
    now = clock.now()
    expired = await t.UserSession.select(t.UserSession.id).where(
        (t.UserSession.expires_at <= now) | (t.UserSession.last_seen_at <= now - IDLE)
    )
    if expired:
        await t.UserSession.delete().where(t.UserSession.id.is_in([r["id"] for r in expired]))
    return len(expired)
