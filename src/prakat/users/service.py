"""Accounts of a school: create them, sign in, change a role, deactivate, set a password.

Passwords never leave this module except as argon2id hashes in ``app_user.password_hash``; the hash
itself never leaves the database (``User`` has no field for it and audit snapshots drop it). Hashing
runs in a worker thread: it takes about a tenth of a second on purpose.
"""

from __future__ import annotations

import asyncio
import re
import secrets
from collections.abc import Callable, Mapping
from functools import cache
from typing import Any

from asyncpg.exceptions import UniqueViolationError

from prakat import audit, clock
from prakat.audit import Actor
from prakat.auth import sessions
from prakat.auth.checks import require
from prakat.auth.passwords import check_password_strength, hash_password, needs_rehash, verify_password
from prakat.auth.ratelimit import LOCKED, clear_failures, record_failure, refusal
from prakat.auth.roles import Permission, Role
from prakat.db import tables as t
from prakat.db.tx import write_transaction
from prakat.errors import Conflict, InvalidInput, NotFound
from prakat.users.schemas import User, UserCreate
from prakat.validation import Fields, clean

USERNAME = re.compile(r"[a-z0-9._-]+")
USERNAME_LENGTH = (3, 100)

LABELS: Mapping[str, str] = {
    "username": "ชื่อผู้ใช้",
    "display_name": "ชื่อ-นามสกุล",
    "position": "ตำแหน่ง",
    "role": "บทบาท",
    "password": "รหัสผ่าน",
    "active": "สถานะการใช้งาน",
}

# The same words whether the username is unknown, the password wrong or the account closed: a stranger
# must not learn which usernames exist.
WRONG_CREDENTIALS = "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง"
TOO_MANY_ATTEMPTS = LOCKED
USERNAME_TAKEN = "ชื่อผู้ใช้: มีผู้ใช้ชื่อนี้แล้ว กรุณาเลือกชื่ออื่น"
CANNOT_DEACTIVATE_SELF = "ไม่สามารถปิดการใช้งานบัญชีของตนเองได้"
LAST_ADMIN = "โรงเรียนต้องมีผู้ดูแลระบบที่ใช้งานได้อย่างน้อยหนึ่งคน จึงเปลี่ยนบทบาทหรือปิดการใช้งานบัญชีนี้ไม่ได้"


class SignInError(Exception):
    """Sign-in refused. ``message`` is Thai and safe to show; ``rate_limited`` lets the web layer
    answer 429 instead of 401."""

    def __init__(self, message: str, *, rate_limited: bool = False) -> None:
        self.message = message
        self.rate_limited = rate_limited
        super().__init__(message)


def _parse_username(value: Any) -> str:
    text = str(value).strip().lower()
    low, high = USERNAME_LENGTH
    if not low <= len(text) <= high:
        raise ValueError(f"ต้องยาว {low}–{high} ตัวอักษร")
    if not USERNAME.fullmatch(text):
        raise ValueError("ใช้ได้เฉพาะอักษรอังกฤษตัวเล็ก a-z ตัวเลข 0-9 และเครื่องหมาย . _ -")
    return text


def _parse_role(value: Any) -> Role:
    try:
        return Role(str(value).strip().lower())
    except ValueError:
        choices = ", ".join(f"{role.value} ({role.label})" for role in Role)
        raise ValueError(f"ต้องเป็นหนึ่งใน {choices}") from None


def _password_parser(username: str) -> Callable[[Any], str]:
    def parse(value: Any) -> str:
        if not isinstance(value, str):
            raise ValueError("ต้องเป็นข้อความ")
        problem = check_password_strength(value, username=username)
        if problem is not None:
            raise ValueError(problem)
        return value

    return parse


def _without_password(raw: Mapping[str, Any]) -> dict[str, Any]:
    """What may be shown again in a form after an error: never the password."""
    return {k: v for k, v in raw.items() if k != "password"}


def _check(f: Fields) -> None:
    if f.errors:
        raise InvalidInput(f.errors, _without_password(f.raw))


def parse_user(raw: Mapping[str, Any]) -> UserCreate:
    f = Fields(raw)
    username = f.read("username", LABELS["username"], True, _parse_username) or ""
    display_name = f.text("display_name", LABELS["display_name"], max_length=255)
    position = f.text("position", LABELS["position"], required=False, max_length=255)
    role = f.read("role", LABELS["role"], True, _parse_role)
    password = f.read("password", LABELS["password"], True, _password_parser(username))
    _check(f)
    assert role is not None and password is not None
    return UserCreate(
        username=username, display_name=display_name, position=position, role=role.value, password=password
    )


def _user(row: Mapping[str, Any]) -> User:
    return User(
        id=row["id"],
        school_id=row["school"],
        username=row["username"],
        display_name=row["display_name"],
        position=row["position"],
        role=row["role"],
        active=row["active"],
        created_at=row["created_at"],
    )


async def create_user(actor: Actor, data: UserCreate) -> User:
    """A new account at the actor's school. The command line (the system actor) makes the first admin."""
    require(actor, Permission.MANAGE_USERS)
    password_hash = await asyncio.to_thread(hash_password, data.password)
    values = {"username": data.username, "display_name": data.display_name, "position": data.position}
    async with write_transaction():
        if await t.User.exists().where(t.User.username == data.username):
            raise InvalidInput({"username": USERNAME_TAKEN}, values)
        row = t.User(
            school=actor.school_id,
            username=data.username,
            display_name=data.display_name,
            position=data.position,
            role=data.role,
            password_hash=password_hash,
            active=True,
            created_at=clock.now(),
        )
        try:
            await row.save()
        except UniqueViolationError:  # PostgreSQL: another request took the name since the check
            raise InvalidInput({"username": USERNAME_TAKEN}, values) from None
        await audit.record(actor, "create", "user", row.id, after=audit.snapshot(row))
    return await get_user(actor.school_id, row.id)


async def get_user(school_id: int, user_id: int) -> User:
    row = await t.User.select().where((t.User.school == school_id) & (t.User.id == user_id)).first()
    if row is None:
        raise NotFound("ผู้ใช้")
    return _user(row)


async def list_users(school_id: int) -> list[User]:
    rows = await t.User.select().where(t.User.school == school_id).order_by(t.User.username)
    return [_user(row) for row in rows]


@cache
def _dummy_hash() -> str:
    """A hash nobody knows the password of, checked when the username is unknown so that a wrong
    username takes as long as a wrong password."""
    return hash_password(secrets.token_urlsafe(32))


async def authenticate(username: str, password: str, client: str, *, known_device: bool = False) -> User:
    """The user with this username and password, or SignInError. ``client`` is the address the request
    came from, and ``known_device`` whether the browser signed in as this user before, for rate
    limiting (prakat.auth.ratelimit)."""
    name = clean(username).strip().lower()
    refused = await refusal(name, client, known_device=known_device)
    if refused is not None:
        raise SignInError(refused, rate_limited=True)
    row = await t.User.select().where(t.User.username == name).first() if name else None
    stored: str = row["password_hash"] if row is not None else ""
    if not stored:
        stored = await asyncio.to_thread(_dummy_hash)
    matches = await asyncio.to_thread(verify_password, stored, password)
    if row is None or not matches or not row["active"]:
        await record_failure(name, client)
        raise SignInError(WRONG_CREDENTIALS)
    await clear_failures(name, client)
    if needs_rehash(stored):
        await _rehash(row, password)
    return _user(row)


async def _rehash(row: Mapping[str, Any], password: str) -> None:
    """Re-hash with today's parameters, which we can only do now that we hold the password."""
    new_hash = await asyncio.to_thread(hash_password, password)
    actor = Actor(school_id=row["school"], user_id=row["id"], label=row["username"], role=row["role"])
    async with write_transaction():
        await t.User.update({t.User.password_hash: new_hash}).where(t.User.id == row["id"])
        await audit.record(actor, "rehash_password", "user", row["id"], note="ปรับรูปแบบการเก็บรหัสผ่าน")


def _parse_update(raw: Mapping[str, Any]) -> dict[str, Any]:
    """Only the fields present in ``raw`` change; an HTML form must send ``active`` explicitly."""
    f = Fields(raw)
    changes: dict[str, Any] = {}
    if "display_name" in raw:
        changes["display_name"] = f.text("display_name", LABELS["display_name"], max_length=255)
    if "position" in raw:
        changes["position"] = f.text("position", LABELS["position"], required=False, max_length=255)
    if "role" in raw:
        role = f.read("role", LABELS["role"], True, _parse_role)
        if role is not None:
            changes["role"] = role.value
    if "active" in raw:
        changes["active"] = f.boolean("active", default=False)
    _check(f)
    return changes


def _is_active_admin(row: Mapping[str, Any]) -> bool:
    return bool(row["active"]) and row["role"] == Role.ADMIN.value


async def update_user(actor: Actor, user_id: int, raw: Mapping[str, Any]) -> User:
    """Change role, name, position or whether the account may sign in. An admin cannot lock
    themselves out, and the school always keeps one active admin. Deactivating ends every session."""
    require(actor, Permission.MANAGE_USERS)
    changes = _parse_update(raw)
    async with write_transaction():
        if t.School._meta.db.engine_type == "postgres":
            # Two admins demoting each other at once must not both succeed: serialise per school.
            # (SQLite's IMMEDIATE transaction already holds the only write lock.)
            await t.School.select(t.School.id).where(t.School.id == actor.school_id).lock_rows()
        row = await t.User.select().where((t.User.school == actor.school_id) & (t.User.id == user_id)).first()
        if row is None:
            raise NotFound("ผู้ใช้")
        after = {**row, **changes}
        if after == row:
            return _user(row)
        if actor.user_id == user_id and row["active"] and not after["active"]:
            raise Conflict(CANNOT_DEACTIVATE_SELF)
        if _is_active_admin(row) and not _is_active_admin(after):
            others = await t.User.count().where(
                (t.User.school == actor.school_id)
                & (t.User.id != user_id)
                & (t.User.role == Role.ADMIN.value)
                & (t.User.active == True)  # noqa: E712 - a Piccolo expression, not a comparison
            )
            if others == 0:
                raise Conflict(LAST_ADMIN)
        await t.User.update({getattr(t.User, k): v for k, v in changes.items()}).where(t.User.id == user_id)
        await audit.record(
            actor, "update", "user", user_id, before=audit.snapshot(row), after=audit.snapshot(after)
        )
        if row["active"] and not after["active"]:
            await sessions.end_all(user_id)  # a closed account is signed out everywhere at once
    return _user(after)


async def set_password(actor: Actor, user_id: int, new_password: str) -> None:
    """A user sets their own password, or someone who manages users sets anyone's at the school; every
    session of that user ends. (Changing one's own password should ask for the current one first, with
    ``verify_own_password``: that is the page's job.)"""
    if actor.user_id != user_id:
        require(actor, Permission.MANAGE_USERS)
    row = (
        await t.User.select(t.User.id, t.User.username)
        .where((t.User.school == actor.school_id) & (t.User.id == user_id))
        .first()
    )
    if row is None:
        raise NotFound("ผู้ใช้")
    problem = check_password_strength(new_password, username=row["username"])
    if problem is not None:
        raise InvalidInput({"password": f"{LABELS['password']}: {problem}"})
    new_hash = await asyncio.to_thread(hash_password, new_password)
    async with write_transaction():
        await t.User.update({t.User.password_hash: new_hash}).where(
            (t.User.school == actor.school_id) & (t.User.id == user_id)
        )
        note = "เปลี่ยนรหัสผ่านของตนเอง" if actor.user_id == user_id else "ตั้งรหัสผ่านใหม่ให้ผู้ใช้"
        await audit.record(actor, "set_password", "user", user_id, note=note)
        # Whoever knew the old password is signed out; a page that keeps its user signed in starts a
        # new session after this.
        await sessions.end_all(user_id)


async def verify_own_password(actor: Actor, password: str, client: str) -> bool:
    """Whether ``password`` is the signed-in actor's current password, asked before they change it.
    Wrong guesses count towards the sign-in limit, so a session left open on a shared computer cannot
    be used to guess the password; past the limit this raises SignInError like signing in does."""
    if actor.user_id is None:
        return False
    row = (
        await t.User.select(t.User.username, t.User.password_hash)
        .where((t.User.school == actor.school_id) & (t.User.id == actor.user_id))
        .first()
    )
    if row is None:
        raise NotFound("ผู้ใช้")
    refused = await refusal(row["username"], client)
    if refused is not None:
        raise SignInError(refused, rate_limited=True)
    matches = await asyncio.to_thread(verify_password, row["password_hash"], password)
    if not matches:
        await record_failure(row["username"], client)
    return matches
