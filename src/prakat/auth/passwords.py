"""Passwords: argon2id hashes and a humane strength check.

The parameters are OWASP's first recommended argon2id configuration (Password Storage Cheat Sheet:
19 MiB of memory, 2 iterations, 1 lane), not argon2-cffi's default (RFC 9106's "low memory" profile,
64 MiB and 4 lanes): a school's server has a few hundred MB in all, every sign-in being checked
holds that memory at once, and OWASP counts the two as the same defence. Hashes made with other
parameters still verify, and are made anew at the next sign-in (:func:`needs_rehash`).

The hash and verify functions are CPU-bound (tens of milliseconds by design): async callers run
them in a thread (``asyncio.to_thread``) so one sign-in does not stall every other request.

Passwords are compared after Unicode NFKC normalisation, so the same Thai or Latin text typed on two
different keyboards (decomposed vowels, full-width digits) is the same password.
"""

from __future__ import annotations

import unicodedata

from argon2 import PasswordHasher
from argon2.exceptions import Argon2Error, InvalidHashError

MIN_LENGTH = 10
MAX_LENGTH = 256  # generous for pass-phrases; bounds the work of hashing what a stranger sends
# The few everybody tries first. Not a dictionary: length does most of the work.
COMMON_PASSWORDS: frozenset[str] = frozenset(
    {
        "password123",
        "password1234",
        "passw0rd123",
        "1234567890",
        "0123456789",
        "12345678910",
        "0987654321",
        "1234512345",
        "1q2w3e4r5t",
        "qwertyuiop",
        "qwerty1234",
        "asdfghjkl1",
        "abcdefghij",
        "abcd123456",
        "iloveyou12",
        "admin12345",
        "administrator",
        "prakat1234",
        "school1234",
    }
)

_hasher = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)


def _normalise(password: str) -> str:
    return unicodedata.normalize("NFKC", password)


def hash_password(password: str) -> str:
    return _hasher.hash(_normalise(password))


def verify_password(password_hash: str, password: str) -> bool:
    """True when ``password`` matches; False for a wrong password, an empty or malformed hash."""
    try:
        return bool(_hasher.verify(password_hash, _normalise(password)))
    except (Argon2Error, InvalidHashError, TypeError, ValueError):
        return False


def needs_rehash(password_hash: str) -> bool:
    """True when the hash was made with other parameters than today's (or cannot be read at all)."""
    try:
        return bool(_hasher.check_needs_rehash(password_hash))
    except (Argon2Error, InvalidHashError, TypeError, ValueError):
        return True


def check_password_strength(password: str, *, username: str = "") -> str | None:
    """A Thai message saying why ``password`` is too weak, or None. Length, not composition rules: a
    sentence a teacher can remember beats a short string of symbols they must write down."""
    text = _normalise(password)
    if len(text) < MIN_LENGTH:
        return f"ต้องยาวอย่างน้อย {MIN_LENGTH} ตัวอักษร ใช้เป็นวลีที่จำง่ายก็ได้"
    if len(text) > MAX_LENGTH:
        return f"ยาวเกิน {MAX_LENGTH} ตัวอักษร"
    folded = text.strip().casefold()
    name = username.strip().casefold()
    rest = folded[len(name) :]
    if name and folded.startswith(name) and (not rest or rest.isdigit()):
        return "ต้องไม่ใช่ชื่อผู้ใช้ หรือชื่อผู้ใช้ตามด้วยตัวเลข"
    if folded in COMMON_PASSWORDS or len(set(folded)) < 3:
        return "เดาง่ายเกินไป กรุณาเลือกรหัสผ่านอื่น"
    return None
