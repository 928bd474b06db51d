"""The secret that signs CSRF tokens. It must be the same for every worker and survive restarts, so
when PRAKAT_SECRET_KEY is not set it is kept in a file (created once, readable by the owner only)."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

KEY_FILE = Path(".prakat-secret")


def secret_key(configured: str, key_file: Path = KEY_FILE) -> str:
    if configured:
        return configured
    if key_file.exists():
        return key_file.read_text().strip()
    key = secrets.token_urlsafe(32)
    fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(key + "\n")
    return key
