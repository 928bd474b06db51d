"""Browsers a person has signed in from before ("known devices"), so that the per-account slow-down
against guessing from many addresses does not keep the owner out.

After a successful sign-in the browser gets a long-lived cookie: an HMAC, under the app's secret, of
the username. A sign-in that carries it for the same username skips the account-wide wait (never the
per-address lock): someone guessing from elsewhere has no such cookie, and one wrong guess every few
minutes therefore cannot keep a director away from approvals.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from datetime import timedelta
from typing import Final

COOKIE: Final = "prakat_device"
LIFETIME: Final = timedelta(days=365)


def _mac(secret: str, username: str) -> bytes:
    key = hashlib.sha256(b"prakat known device\0" + secret.encode()).digest()
    return hmac.new(key, username.strip().lower().encode(), hashlib.sha256).digest()


def device_token(secret: str, username: str) -> str:
    return base64.urlsafe_b64encode(_mac(secret, username)).decode().rstrip("=")


def is_known(secret: str, username: str, cookie: str | None) -> bool:
    """Whether ``cookie`` was given to this browser when ``username`` signed in on it."""
    if not cookie or not username:
        return False
    return hmac.compare_digest(cookie.encode(), device_token(secret, username).encode())
