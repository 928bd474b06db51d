"""Signing in: one message for every wrong answer, rate limits kept in the database."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import msgspec
import pytest
from argon2 import PasswordHasher
from piccolo.engine.base import Engine

from prakat import clock
from prakat.audit import Actor
from prakat.auth import ratelimit
from prakat.auth.passwords import needs_rehash, verify_password
from prakat.db import tables as t
from prakat.users import service as users
from prakat.users.schemas import User
from tests import factories

PASSWORD = "ลมหนาวพัดผ่านทุ่งนา"
CLIENT = "203.0.113.7"
OTHER_CLIENT = "198.51.100.20"
WRONG = "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง"
LIMITED = "ลองเข้าสู่ระบบผิดหลายครั้งเกินไป กรุณารอ 15 นาทีแล้วลองใหม่"


class FrozenClock:
    def __init__(self) -> None:
        self.at = datetime(2026, 3, 15, 3, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.at

    def advance(self, **delta: float) -> None:
        self.at += timedelta(**delta)


@pytest.fixture
def frozen(monkeypatch: pytest.MonkeyPatch) -> FrozenClock:
    now = FrozenClock()
    monkeypatch.setattr(clock, "now", now)
    return now


async def make_user(actor: Actor, username: str = "somchai", role: str = "officer") -> User:
    raw = {"username": username, "display_name": f"ครู {username}", "role": role, "password": PASSWORD}
    return await users.create_user(actor, users.parse_user(raw))


async def refused(username: str, password: str, client: str = CLIENT) -> users.SignInError:
    with pytest.raises(users.SignInError) as caught:
        await users.authenticate(username, password, client)
    return caught.value


async def test_right_password_signs_in(db: Engine) -> None:  # type: ignore[type-arg]
    _, actor = await factories.school()
    created = await make_user(actor, "somchai")
    signed_in = await users.authenticate("  SomChai ", PASSWORD, CLIENT)
    assert signed_in == created
    assert "password_hash" not in User.__struct_fields__
    assert "argon2" not in msgspec.json.encode(signed_in).decode()


async def test_unknown_wrong_and_inactive_look_the_same(db: Engine) -> None:  # type: ignore[type-arg]
    _, actor = await factories.school()
    await make_user(actor, "somchai")
    closed = await make_user(actor, "somsri")
    await users.update_user(actor, closed.id, {"active": "false"})
    errors = [
        await refused("nobody", PASSWORD),
        await refused("somchai", PASSWORD + "x"),
        await refused("somsri", PASSWORD),  # right password, closed account
        await refused("", ""),
    ]
    assert {e.message for e in errors} == {WRONG}
    assert not any(e.rate_limited for e in errors)


async def test_unknown_username_still_checks_a_password(
    db: Engine,  # type: ignore[type-arg]
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    checked: list[str] = []

    def spy(password_hash: str, password: str) -> bool:
        checked.append(password_hash)
        return verify_password(password_hash, password)

    monkeypatch.setattr(users, "verify_password", spy)
    await refused("nobody", PASSWORD)
    assert len(checked) == 1
    assert checked[0].startswith("$argon2id$")  # a real hash, so it takes a real hash's time


async def test_five_failures_lock_the_username_for_fifteen_minutes(
    db: Engine,  # type: ignore[type-arg]
    frozen: FrozenClock,
) -> None:
    _, actor = await factories.school()
    await make_user(actor, "somchai")
    for _ in range(ratelimit.MAX_FAILURES):
        assert (await refused("somchai", "not the password")).message == WRONG
        frozen.advance(seconds=10)
    locked = await refused("somchai", PASSWORD)  # even the right password waits
    assert locked.message == LIMITED
    assert locked.rate_limited
    assert (await users.authenticate("somchai", PASSWORD, OTHER_CLIENT)).username == "somchai"
    frozen.advance(minutes=14)  # 14:50 after the first failure
    assert (await refused("somchai", PASSWORD)).message == LIMITED
    frozen.advance(seconds=11)  # the first failure is now more than fifteen minutes old
    assert (await users.authenticate("somchai", PASSWORD, CLIENT)).username == "somchai"


async def test_success_clears_the_failures(db: Engine, frozen: FrozenClock) -> None:  # type: ignore[type-arg]
    _, actor = await factories.school()
    await make_user(actor, "somchai")
    for _ in range(ratelimit.MAX_FAILURES - 1):
        await refused("somchai", "not the password")
    await users.authenticate("somchai", PASSWORD, CLIENT)
    for _ in range(ratelimit.MAX_FAILURES - 1):
        await refused("somchai", "not the password")
    # Eight failures in the window, but only four since the last success.
    assert (await users.authenticate("somchai", PASSWORD, CLIENT)).username == "somchai"


async def test_many_usernames_from_one_client_are_limited(
    db: Engine,  # type: ignore[type-arg]
    frozen: FrozenClock,
) -> None:
    _, actor = await factories.school()
    await make_user(actor, "somchai")
    for n in range(ratelimit.MAX_FAILURES_PER_CLIENT):
        assert (await refused(f"guess{n}", PASSWORD)).message == WRONG
    # A username that has failed from this address is stopped once the address is over its limit …
    assert (await refused("guess0", PASSWORD)).message == LIMITED
    # … and one that has not may try, once: a wrong guess is its last from here.
    assert (await refused("somchai", "not the password")).message == WRONG
    assert (await refused("somchai", PASSWORD)).message == LIMITED
    assert (await users.authenticate("somchai", PASSWORD, OTHER_CLIENT)).username == "somchai"


async def test_a_colleague_behind_the_same_nat_is_not_locked_out(
    db: Engine,  # type: ignore[type-arg]
    frozen: FrozenClock,
) -> None:
    """21 failures from one address (a school's shared NAT) leave a colleague who has not failed free to
    sign in with the right password."""
    _, actor = await factories.school()
    await make_user(actor, "somchai")
    await make_user(actor, "somsri")
    for n in range(ratelimit.MAX_FAILURES_PER_CLIENT + 1):
        await ratelimit.record_failure(f"guess{n % 3}", CLIENT)
    assert (await users.authenticate("somsri", PASSWORD, CLIENT)).username == "somsri"


async def test_guessing_one_account_from_many_addresses_slows_down(
    db: Engine,  # type: ignore[type-arg]
    frozen: FrozenClock,
) -> None:
    _, actor = await factories.school()
    await make_user(actor, "somchai")
    for n in range(ratelimit.ACCOUNT_FREE_FAILURES):
        assert (await refused("somchai", "guess", f"198.51.100.{n + 1}")).message == WRONG
    # From a new address, at once: the account waits 2 s after its fifth failure, even with the password.
    slowed = await refused("somchai", PASSWORD, "198.51.100.99")
    assert slowed.rate_limited and slowed.message == ratelimit.SLOWED.format(seconds=2)
    frozen.advance(seconds=2)
    assert (await refused("somchai", "guess", "198.51.100.50")).message == WRONG
    assert (await refused("somchai", "guess", "198.51.100.51")).message == ratelimit.SLOWED.format(seconds=4)
    # The waits double up to five minutes; they never lock the owner out for longer.
    assert [ratelimit.account_delay(n).total_seconds() for n in (4, 5, 6, 7, 12, 13, 40)] == [
        0,
        2,
        4,
        8,
        256,
        300,
        300,
    ]
    frozen.advance(seconds=4)
    assert (await users.authenticate("somchai", PASSWORD, "198.51.100.99")).username == "somchai"


async def test_one_ipv6_network_counts_as_one_client(db: Engine, frozen: FrozenClock) -> None:  # type: ignore[type-arg]
    for n in range(ratelimit.MAX_FAILURES):
        await ratelimit.record_failure("somchai", f"2001:db8:1:2::{n + 1:x}")
    frozen.advance(seconds=ratelimit.account_delay(ratelimit.MAX_FAILURES).total_seconds())  # its slow-down
    assert await ratelimit.too_many_failures("somchai", "2001:db8:1:2:ffff::9")
    assert not await ratelimit.too_many_failures("somchai", "2001:db8:1:3::1")
    assert ratelimit.normalise_client("::ffff:203.0.113.7") == "203.0.113.7"


async def test_only_digests_are_stored_and_old_rows_are_purged(
    db: Engine,  # type: ignore[type-arg]
    frozen: FrozenClock,
) -> None:
    await ratelimit.record_failure("SomChai ", CLIENT)
    keys = {row["key"] for row in await t.LoginAttempt.select(t.LoginAttempt.key)}
    assert keys == {
        ratelimit.attempt_key("somchai", CLIENT),
        ratelimit.client_key(CLIENT),
        ratelimit.account_key("somchai"),
    }
    assert all(len(key) == 64 and "somchai" not in key for key in keys)
    frozen.advance(days=1, seconds=1)
    await ratelimit.record_failure("somsri", CLIENT)
    assert await t.LoginAttempt.count() == 3  # its three keys
    assert await t.LoginAttempt.count().where(t.LoginAttempt.at == frozen.at) == 3


async def test_an_old_hash_is_upgraded_at_sign_in(db: Engine) -> None:  # type: ignore[type-arg]
    _, actor = await factories.school()
    created = await make_user(actor, "somchai")
    old = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1).hash(PASSWORD)
    await t.User.update({t.User.password_hash: old}).where(t.User.id == created.id)
    await users.authenticate("somchai", PASSWORD, CLIENT)
    row: dict[str, Any] | None = (
        await t.User.select(t.User.password_hash).where(t.User.id == created.id).first()
    )
    assert row is not None
    assert row["password_hash"] != old
    assert not needs_rehash(row["password_hash"])
    assert verify_password(row["password_hash"], PASSWORD)
    events = await t.AuditEvent.select().where(t.AuditEvent.action == "rehash_password")
    assert [(e["entity"], e["entity_id"], e["user"]) for e in events] == [("user", created.id, created.id)]
