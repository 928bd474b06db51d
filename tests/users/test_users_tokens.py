"""Personal API tokens: shown once, stored as a digest, revocable, scoped to a school."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta
from typing import Any

import msgspec
import pytest
from piccolo.engine.base import Engine

from prakat import clock
from prakat.audit import Actor
from prakat.auth import tokens
from prakat.db import tables as t
from prakat.db.tx import write_transaction
from prakat.errors import Conflict, Forbidden, NotFound
from prakat.users import service as users
from prakat.users.schemas import User
from tests import factories

PASSWORD = "ลมหนาวพัดผ่านทุ่งนา"


async def make_user(actor: Actor, username: str, role: str = "officer") -> Actor:
    raw = {"username": username, "display_name": f"ครู {username}", "role": role, "password": PASSWORD}
    created: User = await users.create_user(actor, users.parse_user(raw))
    return Actor(school_id=created.school_id, user_id=created.id, label=created.username, role=created.role)


async def test_the_plaintext_is_shown_once_and_only_its_digest_is_kept(db: Engine) -> None:  # type: ignore[type-arg]
    _, system = await factories.school()
    officer = await make_user(system, "somchai")
    info, plaintext = await tokens.create_token(officer, "  สคริปต์ สำรองข้อมูล ")
    assert plaintext.startswith("prk_")
    assert len(plaintext) == 4 + 43
    assert info.prefix == plaintext[4:12]
    assert (info.name, info.user_id, info.school_id, info.revoked) == (
        "สคริปต์ สำรองข้อมูล",
        officer.user_id,
        officer.school_id,
        False,
    )
    rows = await t.ApiToken.select()
    assert [r["token_hash"] for r in rows] == [hashlib.sha256(plaintext.encode()).hexdigest()]
    assert plaintext not in msgspec.json.encode(rows).decode()
    assert plaintext[4:] not in msgspec.json.encode(await tokens.list_tokens(officer)).decode()
    other_info, other = await tokens.create_token(officer, "อีกอัน")
    assert other != plaintext and other_info.prefix != info.prefix


async def test_a_token_acts_as_its_user_with_their_role(db: Engine) -> None:  # type: ignore[type-arg]
    _, system = await factories.school()
    director = await make_user(system, "director.k", "director")
    _, plaintext = await tokens.create_token(director, "รายงาน")
    actor = await tokens.resolve_token(plaintext)
    assert actor == Actor(
        school_id=system.school_id, user_id=director.user_id, label="director.k", role="director"
    )


@pytest.mark.parametrize("presented", ["", "prk_", "prk_unknown", "not-a-token", "prk_" + "x" * 500])
async def test_an_unknown_token_resolves_to_nobody(db: Engine, presented: str) -> None:  # type: ignore[type-arg]
    _, system = await factories.school()
    officer = await make_user(system, "somchai")
    await tokens.create_token(officer, "จริง")
    assert await tokens.resolve_token(presented) is None


async def test_revoked_or_deactivated_resolves_to_nobody(db: Engine) -> None:  # type: ignore[type-arg]
    _, system = await factories.school()
    officer = await make_user(system, "somchai")
    first, first_plain = await tokens.create_token(officer, "หนึ่ง")
    _, second_plain = await tokens.create_token(officer, "สอง")
    revoked = await tokens.revoke_token(officer, first.id)
    assert revoked.revoked
    assert await tokens.resolve_token(first_plain) is None
    assert await tokens.resolve_token(second_plain) == officer
    await users.update_user(system, officer.user_id or 0, {"active": "false"})
    assert await tokens.resolve_token(second_plain) is None


async def test_last_used_is_written_at_most_once_a_minute(
    db: Engine,  # type: ignore[type-arg]
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    now = [datetime(2026, 3, 15, 3, 0, tzinfo=UTC)]
    monkeypatch.setattr(clock, "now", lambda: now[0])
    _, system = await factories.school()
    officer = await make_user(system, "somchai")
    info, plaintext = await tokens.create_token(officer, "หนึ่ง")
    assert info.last_used_at is None

    writes: list[datetime] = []
    real_write_transaction = write_transaction  # the one tokens uses

    def counted() -> Any:
        writes.append(now[0])
        return real_write_transaction()

    monkeypatch.setattr(tokens, "write_transaction", counted)

    async def last_used() -> datetime | None:
        return (await tokens.list_tokens(officer))[0].last_used_at

    started = now[0]
    for _ in range(3):
        assert await tokens.resolve_token(plaintext) == officer
    assert await last_used() == started
    now[0] += timedelta(seconds=59)
    await tokens.resolve_token(plaintext)
    assert await last_used() == started
    now[0] += timedelta(seconds=1)
    await tokens.resolve_token(plaintext)
    assert await last_used() == started + timedelta(minutes=1)
    assert writes == [started, started + timedelta(minutes=1)]  # not one write per request


async def test_lists_show_own_tokens_and_admins_see_the_school(db: Engine) -> None:  # type: ignore[type-arg]
    _, system = await factories.school()
    admin = await make_user(system, "admin.k", "admin")
    officer = await make_user(system, "somchai")
    head = await make_user(system, "somsri", "head")
    mine, _ = await tokens.create_token(officer, "ของสมชาย")
    theirs, _ = await tokens.create_token(head, "ของสมศรี")
    assert [i.id for i in await tokens.list_tokens(officer)] == [mine.id]
    assert [i.id for i in await tokens.list_school_tokens(admin)] == [theirs.id, mine.id]
    with pytest.raises(Forbidden):
        await tokens.list_school_tokens(officer)


async def test_who_may_revoke(db: Engine) -> None:  # type: ignore[type-arg]
    _, system = await factories.school()
    _, elsewhere = await factories.school("elsewhere")
    admin = await make_user(system, "admin.k", "admin")
    officer = await make_user(system, "somchai")
    head = await make_user(system, "somsri", "head")
    foreign_admin = await make_user(elsewhere, "admin.other", "admin")
    info, plaintext = await tokens.create_token(officer, "ของสมชาย")

    with pytest.raises(NotFound):  # another school's admin: not even told the token exists
        await tokens.revoke_token(foreign_admin, info.id)
    with pytest.raises(Forbidden):  # a colleague without the right to manage users
        await tokens.revoke_token(head, info.id)
    assert await tokens.resolve_token(plaintext) == officer

    revoked = await tokens.revoke_token(admin, info.id)
    assert revoked.revoked_at is not None
    assert await tokens.resolve_token(plaintext) is None
    assert await tokens.revoke_token(officer, info.id) == revoked  # again: nothing changes


async def test_the_system_has_no_tokens(db: Engine) -> None:  # type: ignore[type-arg]
    _, system = await factories.school()
    with pytest.raises(Conflict):
        await tokens.create_token(system, "ระบบ")
    assert await t.ApiToken.count() == 0


async def test_tokens_are_audited_without_their_digest(db: Engine) -> None:  # type: ignore[type-arg]
    _, system = await factories.school()
    officer = await make_user(system, "somchai")
    info, plaintext = await tokens.create_token(officer, "หนึ่ง")
    await tokens.revoke_token(officer, info.id)
    events = await t.AuditEvent.select().where(t.AuditEvent.entity == "api_token")
    assert [(e["action"], e["entity_id"], e["user"]) for e in events] == [
        ("create", info.id, officer.user_id),
        ("revoke", info.id, officer.user_id),
    ]
    dumped = msgspec.json.encode(events).decode()
    assert "token_hash" not in dumped
    assert hashlib.sha256(plaintext.encode()).hexdigest() not in dumped
    assert plaintext[4:] not in dumped
