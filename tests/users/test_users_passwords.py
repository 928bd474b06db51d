"""Password hashing and the strength check: pure functions, no database."""

from __future__ import annotations

import pytest
from argon2 import PasswordHasher, extract_parameters

from prakat.auth.passwords import (
    MIN_LENGTH,
    check_password_strength,
    hash_password,
    needs_rehash,
    verify_password,
)

GOOD = "ครูสมศรีชอบกินส้มตำไก่ย่าง"


def test_hash_is_argon2id_and_verifies() -> None:
    hashed = hash_password(GOOD)
    assert hashed.startswith("$argon2id$")
    assert GOOD not in hashed
    assert verify_password(hashed, GOOD)
    assert hash_password(GOOD) != hashed  # salted


def test_hashes_use_owasps_argon2id_parameters() -> None:
    # 19 MiB, 2 iterations, 1 lane: what a sign-in holds in memory while it is checked.
    params = extract_parameters(hash_password(GOOD))
    assert (params.memory_cost, params.time_cost, params.parallelism) == (19 * 1024, 2, 1)
    # Hashes made with argon2-cffi's defaults (64 MiB, before this choice) verify and are upgraded.
    default = PasswordHasher().hash("an older hash of this")
    assert extract_parameters(default).memory_cost == 64 * 1024
    assert verify_password(default, "an older hash of this") and needs_rehash(default)


def test_wrong_password_is_false() -> None:
    hashed = hash_password(GOOD)
    assert not verify_password(hashed, GOOD + " ")
    assert not verify_password(hashed, "")


@pytest.mark.parametrize(
    "malformed",
    ["", "not a hash", "$argon2id$v=19$m=65536,t=3,p=4$garbage", "$2b$12$abcdefghijklmnopqrstuv"],
)
def test_malformed_hash_is_false_not_an_error(malformed: str) -> None:
    assert verify_password(malformed, GOOD) is False
    assert needs_rehash(malformed) is True


def test_needs_rehash_only_for_other_parameters() -> None:
    assert not needs_rehash(hash_password(GOOD))
    weak = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1).hash("an older hash of this")
    assert verify_password(weak, "an older hash of this")
    assert needs_rehash(weak)


def test_the_same_text_from_another_keyboard_is_the_same_password() -> None:
    hashed = hash_password("รหัสของครู 2568 ABC")
    assert verify_password(hashed, "รหัสของครู ２５６８ ＡＢＣ")  # full-width digits and letters
    # SARA AM typed as one key, or as NIKHAHIT + SARA AA: they look the same, so they are the same.
    assert verify_password(hash_password("ส้มตำไก่ย่าง"), "ส้มต\u0e4d\u0e32ไก่ย่าง")
    assert not verify_password(hashed, "รหัสของครู 2569 ABC")


@pytest.mark.parametrize(
    ("password", "username"),
    [
        ("short", ""),
        ("x" * (MIN_LENGTH - 1), ""),
        ("password123", ""),
        ("PassWord123", ""),
        ("1234567890", ""),
        ("qwertyuiop", ""),
        ("aaaaaaaaaaaa", ""),
        ("ababababababab", ""),
        ("somchai.k2568", "somchai.k2568"),
        ("SomChai.K2568", "somchai.k2568"),
        ("somchai.k2568", "somchai.k"),
        ("x" * 300, ""),
    ],
)
def test_weak_passwords_are_refused_in_thai(password: str, username: str) -> None:
    message = check_password_strength(password, username=username)
    assert message is not None
    assert any("\u0e00" <= ch <= "\u0e7f" for ch in message)


def test_short_message_says_how_long() -> None:
    assert f"อย่างน้อย {MIN_LENGTH} ตัวอักษร" in (check_password_strength("abc") or "")


@pytest.mark.parametrize(
    "password",
    [GOOD, "correct horse battery staple", "9384756102", "somchai likes mangoes", "ก" * 5 + "ข" * 5 + "ค"],
)
def test_humane_passwords_are_accepted(password: str) -> None:
    # No composition rules: lower-case words, only digits, only Thai are all fine when long enough.
    assert check_password_strength(password, username="somchai") is None
