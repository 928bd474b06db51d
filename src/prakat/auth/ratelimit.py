"""Sign-in rate limiting, kept in the database (``login_attempt``) so every worker process sees the same
counts.

Each failed sign-in stores three rows, under three keys:
- (username, client address): five failures lock that username from that address for 15 minutes;
- the client address alone: twenty failures across usernames stop that address trying more usernames,
  but not a username that has not failed from there, so one person guessing behind a school's shared
  NAT does not lock out every colleague who types the right password;
- the username alone, from any address: past five failures each further attempt waits twice as long
  as the last (2 s, 4 s, … up to 5 minutes) after the latest failure, which slows guessing one account
  from many addresses; a browser its owner signed in on before skips this wait (prakat.auth.devices),
  so guesses from elsewhere cannot lock the owner out.
Only SHA-256 digests are stored, never a username or an address. A successful sign-in clears its
username's keys (the owner is present); never the address key: a person who knows one account must not
be able to reset the count of their guesses at the others.
"""

from __future__ import annotations

import hashlib
import ipaddress
import math
from datetime import datetime, timedelta

from prakat import clock
from prakat.db import tables as t
from prakat.db.tx import write_transaction

MAX_FAILURES = 5  # per username and client address, within WINDOW
MAX_FAILURES_PER_CLIENT = 20  # per client address across usernames (a school behind one NAT shares it)
WINDOW = timedelta(minutes=15)
KEEP = timedelta(days=1)  # rows older than this are purged whenever a failure is recorded
ACCOUNT_FREE_FAILURES = 5  # failures of one username from anywhere, within KEEP, before it slows down
ACCOUNT_FIRST_DELAY = timedelta(seconds=2)
ACCOUNT_MAX_DELAY = timedelta(minutes=5)
# Usernames never contain "*" (a-z, 0-9, "." "_" "-"), so no username key equals a client or an
# account key, and no address is "*" itself.
CLIENT_ONLY = "*"
ANY_CLIENT = "*"

LOCKED = f"ลองเข้าสู่ระบบผิดหลายครั้งเกินไป กรุณารอ {int(WINDOW.total_seconds()) // 60} นาทีแล้วลองใหม่"
SLOWED = "บัญชีนี้มีการใส่รหัสผ่านผิดหลายครั้ง กรุณารอ {seconds} วินาทีแล้วลองใหม่"


def normalise_client(client: str) -> str:
    """An IPv6 host usually owns a whole /64, so its addresses count as one client; an IPv4-mapped
    address is its IPv4 address. Anything that is not an IP address is used as given."""
    text = (client or "").strip()
    try:
        address = ipaddress.ip_address(text.split("%", 1)[0])
    except ValueError:
        return text
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped)
        return str(ipaddress.IPv6Network(f"{address}/64", strict=False))
    return str(address)


def attempt_key(username: str, client: str) -> str:
    """SHA-256 (hex) of the lower-cased, stripped username, "|", and the client address."""
    text = f"{username.strip().lower()}|{normalise_client(client)}"
    return hashlib.sha256(text.encode()).hexdigest()


def client_key(client: str) -> str:
    return attempt_key(CLIENT_ONLY, client)


def account_key(username: str) -> str:
    return attempt_key(username, ANY_CLIENT)


async def _count(key: str, window: timedelta = WINDOW) -> int:
    since = clock.now() - window
    count: int = await t.LoginAttempt.count().where((t.LoginAttempt.key == key) & (t.LoginAttempt.at > since))
    return count


def account_delay(failures: int) -> timedelta:
    """How long after its latest failure a username that failed ``failures`` times may try again."""
    if failures < ACCOUNT_FREE_FAILURES:
        return timedelta(0)
    doublings = failures - ACCOUNT_FREE_FAILURES
    if doublings >= math.log2(ACCOUNT_MAX_DELAY / ACCOUNT_FIRST_DELAY):
        return ACCOUNT_MAX_DELAY
    return ACCOUNT_FIRST_DELAY * (1 << doublings)


async def _account_wait(username: str) -> timedelta:
    key = account_key(username)
    failures = await _count(key, KEEP)
    delay = account_delay(failures)
    if not delay:
        return delay
    latest = (
        await t.LoginAttempt.select(t.LoginAttempt.at)
        .where(t.LoginAttempt.key == key)
        .order_by(t.LoginAttempt.at, ascending=False)
        .first()
    )
    if latest is None:
        return timedelta(0)
    latest_at: datetime = latest["at"]
    return max(timedelta(0), latest_at + delay - clock.now())


async def refusal(username: str, client: str, *, known_device: bool = False) -> str | None:
    """Why this username may not try to sign in from this client now (a Thai sentence), or None. A
    browser the user signed in on before (prakat.auth.devices) skips the account-wide wait."""
    failed_here = await _count(attempt_key(username, client))
    if failed_here >= MAX_FAILURES:
        return LOCKED
    if failed_here and await _count(client_key(client)) >= MAX_FAILURES_PER_CLIENT:
        return LOCKED
    wait = timedelta(0) if known_device else await _account_wait(username)
    if wait:
        return SLOWED.format(seconds=math.ceil(wait.total_seconds()))
    return None


async def too_many_failures(username: str, client: str) -> bool:
    """True when this username may not try from this client now (see :func:`refusal`)."""
    return await refusal(username, client) is not None


async def record_failure(username: str, client: str) -> None:
    now = clock.now()
    async with write_transaction():
        await t.LoginAttempt.insert(
            t.LoginAttempt(key=attempt_key(username, client), at=now),
            t.LoginAttempt(key=client_key(client), at=now),
            t.LoginAttempt(key=account_key(username), at=now),
        )
        await t.LoginAttempt.delete().where(t.LoginAttempt.at < now - KEEP)


async def clear_failures(username: str, client: str) -> None:
    """After a successful sign-in: forget this username's failures (from this client and from anywhere);
    the address's count stays."""
    async with write_transaction():
        await t.LoginAttempt.delete().where(
            t.LoginAttempt.key.is_in([attempt_key(username, client), account_key(username)])
        )
