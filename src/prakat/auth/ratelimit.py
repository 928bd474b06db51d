"""Sign-in rate limiting, kept in the database (``login_attempt``) so every worker process sees the same
counts.

Each failed sign-in stores two rows: one under the key of (username, client address), which stops
guessing one account's password, and one under the key of the client address alone, which stops
trying a few passwords on many usernames. Only SHA-256 digests are stored, never a username or an
address. A successful sign-in clears the first key only: a person who knows one account must not be
able to reset the count of their guesses at the others.
"""

from __future__ import annotations

import hashlib
import ipaddress
from datetime import timedelta

from prakat import clock
from prakat.db import tables as t
from prakat.db.tx import write_transaction

MAX_FAILURES = 5  # per username and client address, within WINDOW
MAX_FAILURES_PER_CLIENT = 20  # per client address across usernames (a school behind one NAT shares it)
WINDOW = timedelta(minutes=15)
KEEP = timedelta(days=1)  # rows older than this are purged whenever a failure is recorded
# Usernames never contain "*" (a-z, 0-9, "." "_" "-"), so no username key equals a client key.
CLIENT_ONLY = "*"


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


async def _count(key: str) -> int:
    since = clock.now() - WINDOW
    count: int = await t.LoginAttempt.count().where((t.LoginAttempt.key == key) & (t.LoginAttempt.at > since))
    return count


async def too_many_failures(username: str, client: str) -> bool:
    """True when this username from this client, or this client at all, failed too often lately."""
    if await _count(attempt_key(username, client)) >= MAX_FAILURES:
        return True
    return await _count(client_key(client)) >= MAX_FAILURES_PER_CLIENT


async def record_failure(username: str, client: str) -> None:
    now = clock.now()
    async with write_transaction():
        await t.LoginAttempt.insert(
            t.LoginAttempt(key=attempt_key(username, client), at=now),
            t.LoginAttempt(key=client_key(client), at=now),
        )
        await t.LoginAttempt.delete().where(t.LoginAttempt.at < now - KEEP)


async def clear_failures(username: str, client: str) -> None:
    """After a successful sign-in: forget this username's failures from this client."""
    async with write_transaction():
        await t.LoginAttempt.delete().where(t.LoginAttempt.key == attempt_key(username, client))
