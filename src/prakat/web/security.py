"""Security headers for every response, set in one place (the app's ``before_send`` hook).

- ``Content-Security-Policy``: scripts only from Prakat itself (no inline script: the pages' few
  scripts are files under /static/js/), styles from itself and the pages' own ``<style>`` block,
  fonts and images from itself, forms posted only to itself, and no framing (``frame-ancestors
  'none'``), so that no other page can wrap a workspace page and its one-click approval button.
- ``X-Frame-Options: DENY`` for browsers that predate ``frame-ancestors``.
- ``X-Content-Type-Options: nosniff`` and ``Referrer-Policy: strict-origin-when-cross-origin``.
- ``Strict-Transport-Security`` when the public base URL is https.

A response that already carries its own ``Content-Security-Policy`` keeps it and is not given
``X-Frame-Options``: that is how the embed, which schools frame on their own websites, keeps its
per-school ``frame-ancestors``. Headers a route set itself are never replaced.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Final

from litestar.datastructures import MutableScopeHeaders
from litestar.types import Message, Scope

CSP: Final = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)
HSTS: Final = "max-age=31536000"
# The pages' scripts, served at urls.SCRIPTS.
SCRIPTS_DIR: Final = Path(__file__).parent / "static" / "js"


def security_headers(https: bool) -> Callable[[Message, Scope], Awaitable[None]]:
    """The ``before_send`` hook for an app whose public address is https (or not)."""
    fixed = {
        "x-content-type-options": "nosniff",
        "referrer-policy": "strict-origin-when-cross-origin",
        **({"strict-transport-security": HSTS} if https else {}),
    }

    async def before_send(message: Message, scope: Scope) -> None:
        if message["type"] != "http.response.start":
            return
        headers = MutableScopeHeaders.from_message(message)
        if "content-security-policy" not in headers:
            headers["content-security-policy"] = CSP
            headers.setdefault("x-frame-options", "DENY")
        for name, value in fixed.items():
            headers.setdefault(name, value)

    return before_send
