"""The one check every service calls before it writes."""

from __future__ import annotations

from prakat.audit import Actor
from prakat.auth.roles import Permission, Role, can
from prakat.errors import Forbidden


def require(actor: Actor, permission: Permission) -> None:
    if not can(actor.role, permission):
        role = Role(actor.role).label if actor.role in set(Role) else "ผู้ใช้นี้"
        raise Forbidden(f"{role}ไม่มีสิทธิ์{permission.label}")
