"""Creating and changing accounts: validation, permissions, the last admin, the audit trail."""

from __future__ import annotations

import msgspec
import pytest
from piccolo.engine.base import Engine

from prakat import audit
from prakat.audit import Actor
from prakat.auth import sessions
from prakat.db import tables as t
from prakat.errors import Conflict, Forbidden, InvalidInput, NotFound
from prakat.users import service as users
from prakat.users.schemas import User
from tests import factories

PASSWORD = "ลมหนาวพัดผ่านทุ่งนา"
CLIENT = "203.0.113.7"


def raw_user(username: str = "somchai", role: str = "officer", **extra: str) -> dict[str, str]:
    return {
        "username": username,
        "display_name": f"ครู {username}",
        "role": role,
        "password": PASSWORD,
        **extra,
    }


async def make_user(actor: Actor, username: str = "somchai", role: str = "officer") -> User:
    return await users.create_user(actor, users.parse_user(raw_user(username, role)))


def as_actor(user: User) -> Actor:
    return Actor(school_id=user.school_id, user_id=user.id, label=user.username, role=user.role)


async def school_with_admin(slug: str = "test") -> tuple[Actor, Actor]:
    """(the system actor, a signed-in admin) of a new school."""
    _, system = await factories.school(slug)
    admin = await make_user(system, f"admin.{slug}", "admin")
    return system, as_actor(admin)


def test_parse_user_normalises_the_username() -> None:
    data = users.parse_user(raw_user(" Somchai.K_2 ", "director", position="  ครู  ชำนาญการ "))
    assert (data.username, data.role, data.position) == ("somchai.k_2", "director", "ครู ชำนาญการ")
    assert data.password == PASSWORD
    assert PASSWORD not in repr(data)


@pytest.mark.parametrize(
    ("field", "raw"),
    [
        ("username", raw_user("ab")),
        ("username", raw_user("สมชาย")),
        ("username", raw_user("som chai")),
        ("username", raw_user("som/chai")),
        ("username", raw_user("x" * 101)),
        ("display_name", {**raw_user(), "display_name": "  "}),
        ("role", raw_user(role="boss")),
        ("password", {**raw_user(), "password": "short"}),
        ("password", {**raw_user("somchai2568"), "password": "somchai2568"}),
    ],
)
def test_parse_user_refuses_with_a_thai_message_naming_the_field(field: str, raw: dict[str, str]) -> None:
    with pytest.raises(InvalidInput) as caught:
        users.parse_user(raw)
    assert list(caught.value.errors) == [field]
    label = users.LABELS[field]
    assert caught.value.errors[field].startswith(f"{label}: ")
    assert "password" not in caught.value.values  # a form shown again never carries the password
    assert caught.value.values["display_name"] == raw["display_name"]


async def test_the_system_creates_the_first_admin(db: Engine) -> None:  # type: ignore[type-arg]
    school, system = await factories.school()
    admin = await make_user(system, "Admin", "admin")
    assert (admin.school_id, admin.username, admin.role, admin.active) == (school.id, "admin", "admin", True)
    assert await users.list_users(school.id) == [admin]
    assert await users.get_user(school.id, admin.id) == admin


async def test_an_admin_creates_users_at_their_own_school(db: Engine) -> None:  # type: ignore[type-arg]
    _, admin = await school_with_admin()
    officer = await make_user(admin, "somchai")
    assert officer.school_id == admin.school_id
    events = await audit.history(admin.school_id, "user", officer.id)
    assert [(e.action, e.user_id) for e in events] == [("create", admin.user_id)]


@pytest.mark.parametrize("role", ["officer", "head", "director"])
async def test_only_who_manages_users_creates_them(db: Engine, role: str) -> None:  # type: ignore[type-arg]
    _, admin = await school_with_admin()
    someone = as_actor(await make_user(admin, "someone", role))
    with pytest.raises(Forbidden):
        await make_user(someone, "newcomer")
    assert [u.username for u in await users.list_users(admin.school_id)] == ["admin.test", "someone"]


async def test_a_username_is_taken_across_schools(db: Engine) -> None:  # type: ignore[type-arg]
    _, first = await school_with_admin("first")
    _, second = await school_with_admin("second")
    await make_user(first, "somchai")
    with pytest.raises(InvalidInput) as caught:
        await make_user(second, "SomChai")
    assert caught.value.errors == {"username": "ชื่อผู้ใช้: มีผู้ใช้ชื่อนี้แล้ว กรุณาเลือกชื่ออื่น"}
    assert "password" not in caught.value.values


async def test_another_schools_user_is_not_found(db: Engine) -> None:  # type: ignore[type-arg]
    _, first = await school_with_admin("first")
    _, second = await school_with_admin("second")
    theirs = await make_user(first, "somchai")
    with pytest.raises(NotFound):
        await users.get_user(second.school_id, theirs.id)
    with pytest.raises(NotFound):
        await users.update_user(second, theirs.id, {"role": "admin"})
    with pytest.raises(NotFound):
        await users.set_password(second, theirs.id, "รหัสใหม่ที่ยาวพอแล้ว")
    assert (await users.get_user(first.school_id, theirs.id)).role == "officer"


async def test_an_admin_changes_role_name_position_and_active(db: Engine) -> None:  # type: ignore[type-arg]
    _, admin = await school_with_admin()
    officer = await make_user(admin, "somchai")
    changed = await users.update_user(
        admin,
        officer.id,
        {"role": "head", "display_name": "นายสมชาย ใจดี", "position": "ครูชำนาญการ", "active": "0"},
    )
    assert (changed.role, changed.display_name, changed.position, changed.active) == (
        "head",
        "นายสมชาย ใจดี",
        "ครูชำนาญการ",
        False,
    )
    assert await users.get_user(admin.school_id, officer.id) == changed
    events = await audit.history(admin.school_id, "user", officer.id)
    assert events[-1].action == "update"
    assert events[-1].before is not None and events[-1].after is not None
    assert (events[-1].before["role"], events[-1].after["role"]) == ("officer", "head")
    assert (events[-1].before["active"], events[-1].after["active"]) == (True, False)


async def test_update_changes_only_what_is_sent(db: Engine) -> None:  # type: ignore[type-arg]
    _, admin = await school_with_admin()
    officer = await make_user(admin, "somchai")
    changed = await users.update_user(admin, officer.id, {"position": "ครูผู้ช่วย"})
    assert changed == msgspec.structs.replace(officer, position="ครูผู้ช่วย")
    with pytest.raises(InvalidInput) as caught:
        await users.update_user(admin, officer.id, {"role": "boss", "display_name": ""})
    assert set(caught.value.errors) == {"role", "display_name"}


async def test_an_officer_cannot_change_users(db: Engine) -> None:  # type: ignore[type-arg]
    _, admin = await school_with_admin()
    officer = as_actor(await make_user(admin, "somchai"))
    with pytest.raises(Forbidden) as caught:
        await users.update_user(officer, officer.user_id or 0, {"role": "admin"})
    assert caught.value.message == "เจ้าหน้าที่พัสดุไม่มีสิทธิ์จัดการผู้ใช้"
    assert (await users.get_user(admin.school_id, officer.user_id or 0)).role == "officer"


async def test_an_admin_cannot_deactivate_themselves(db: Engine) -> None:  # type: ignore[type-arg]
    _, admin = await school_with_admin()
    await make_user(admin, "second.admin", "admin")  # so the last-admin rule is not what stops it
    with pytest.raises(Conflict) as caught:
        await users.update_user(admin, admin.user_id or 0, {"active": "false"})
    assert caught.value.message == users.CANNOT_DEACTIVATE_SELF
    assert (await users.get_user(admin.school_id, admin.user_id or 0)).active


async def test_the_last_active_admin_stays(db: Engine) -> None:  # type: ignore[type-arg]
    system, admin = await school_with_admin()
    with pytest.raises(Conflict) as caught:
        await users.update_user(admin, admin.user_id or 0, {"role": "director"})
    assert caught.value.message == users.LAST_ADMIN
    with pytest.raises(Conflict):
        await users.update_user(system, admin.user_id or 0, {"active": "false"})
    other = await make_user(admin, "second.admin", "admin")
    await users.update_user(admin, other.id, {"active": "false"})  # an inactive admin does not count
    with pytest.raises(Conflict):
        await users.update_user(admin, admin.user_id or 0, {"role": "director"})
    await users.update_user(admin, other.id, {"active": "true"})
    demoted = await users.update_user(admin, admin.user_id or 0, {"role": "director"})
    assert demoted.role == "director"
    # Another school's admin does not count for this one.
    _, elsewhere = await school_with_admin("elsewhere")
    with pytest.raises(Conflict):
        await users.update_user(system, other.id, {"role": "officer"})
    assert elsewhere.school_id != system.school_id


async def test_a_user_sets_their_own_password(db: Engine) -> None:  # type: ignore[type-arg]
    _, admin = await school_with_admin()
    officer = await make_user(admin, "somchai")
    await users.set_password(as_actor(officer), officer.id, "รหัสใหม่ของสมชายยาวพอ")
    assert (await users.authenticate("somchai", "รหัสใหม่ของสมชายยาวพอ", CLIENT)).id == officer.id
    with pytest.raises(users.SignInError):
        await users.authenticate("somchai", PASSWORD, CLIENT)


async def test_only_who_manages_users_sets_someone_elses_password(db: Engine) -> None:  # type: ignore[type-arg]
    _, admin = await school_with_admin()
    officer = await make_user(admin, "somchai")
    head = as_actor(await make_user(admin, "somsri", "head"))
    with pytest.raises(Forbidden):
        await users.set_password(head, officer.id, "หัวหน้าตั้งให้เองไม่ได้")
    await users.set_password(admin, officer.id, "ผู้ดูแลตั้งให้ใหม่แล้ว")
    assert (await users.authenticate("somchai", "ผู้ดูแลตั้งให้ใหม่แล้ว", CLIENT)).id == officer.id


async def test_a_weak_new_password_is_refused(db: Engine) -> None:  # type: ignore[type-arg]
    _, admin = await school_with_admin()
    officer = await make_user(admin, "somchai")
    for weak in ("short", "somchai", "somchai1234", "1234567890"):
        with pytest.raises(InvalidInput) as caught:
            await users.set_password(as_actor(officer), officer.id, weak)
        assert list(caught.value.errors) == ["password"]
        assert caught.value.errors["password"].startswith("รหัสผ่าน: ")
    assert (await users.authenticate("somchai", PASSWORD, CLIENT)).id == officer.id


async def test_the_audit_trail_never_holds_a_password_or_its_hash(db: Engine) -> None:  # type: ignore[type-arg]
    _, admin = await school_with_admin()
    officer = await make_user(admin, "somchai")
    await users.update_user(admin, officer.id, {"role": "head"})
    await users.set_password(admin, officer.id, "รหัสผ่านใหม่ที่ไม่ควรรั่ว")
    events = await t.AuditEvent.select().where(t.AuditEvent.entity == "user")
    assert {e["action"] for e in events} == {"create", "update", "set_password"}
    hashes = [r["password_hash"] for r in await t.User.select(t.User.password_hash)]
    dumped = msgspec.json.encode(events).decode()
    assert "password_hash" not in dumped
    assert "$argon2" not in dumped
    for secret in (PASSWORD, "รหัสผ่านใหม่ที่ไม่ควรรั่ว", *hashes):
        assert secret not in dumped
    created = next(e for e in events if e["action"] == "create" and e["entity_id"] == officer.id)
    after = created["after"] if isinstance(created["after"], dict) else msgspec.json.decode(created["after"])
    assert after["username"] == "somchai"  # the event does record the account itself


async def test_deactivating_or_setting_a_password_ends_that_users_sessions(db: Engine) -> None:  # type: ignore[type-arg]
    _, admin = await school_with_admin()
    officer = await make_user(admin, "somchai")
    head = await make_user(admin, "somsri", "head")
    mine = [await sessions.start(admin.school_id, officer.id) for _ in range(2)]
    theirs = await sessions.start(admin.school_id, head.id)

    await users.update_user(admin, officer.id, {"position": "ครูผู้ช่วย", "role": "head"})
    assert all([await sessions.resolve(token) for token in mine])  # other changes keep them signed in
    await users.update_user(admin, officer.id, {"active": "false"})
    assert await t.UserSession.count().where(t.UserSession.user == officer.id) == 0
    assert await sessions.resolve(theirs) is not None  # nobody else is signed out

    await users.set_password(as_actor(head), head.id, "รหัสใหม่ของหัวหน้ายาวพอ")
    assert await sessions.resolve(theirs) is None
    assert await t.UserSession.count() == 0
