from __future__ import annotations

from datetime import datetime
from typing import Any

import msgspec


class UserCreate(msgspec.Struct, frozen=True, kw_only=True):
    """A new account as parsed from a form or the command line. Carries the plaintext password on its
    way to the hasher, so its repr hides it (a logged struct must not leak it)."""

    username: str
    display_name: str
    position: str = ""
    role: str
    password: str

    def __repr__(self) -> str:
        return (
            f"UserCreate(username={self.username!r}, display_name={self.display_name!r}, "
            f"position={self.position!r}, role={self.role!r}, password='***')"
        )

    def __rich_repr__(self) -> list[tuple[str, Any]]:
        return [
            ("username", self.username),
            ("display_name", self.display_name),
            ("position", self.position),
            ("role", self.role),
            ("password", "***"),
        ]


class User(msgspec.Struct, frozen=True, kw_only=True):
    """An account as everyone else sees it: no password, no hash."""

    id: int
    school_id: int
    username: str
    display_name: str
    position: str
    role: str
    active: bool
    created_at: datetime
