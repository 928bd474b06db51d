"""Roles and what each may do, as data. Services check permissions (so pages and the API obey the same
rules); route guards check them again so a forbidden request never reaches a handler."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from types import MappingProxyType


class Role(StrEnum):
    OFFICER = "officer"  # เจ้าหน้าที่พัสดุ: drafts
    HEAD = "head"  # หัวหน้าเจ้าหน้าที่: reviews
    DIRECTOR = "director"  # ผู้อำนวยการ: approves, which signs and publishes
    ADMIN = "admin"  # ผู้ดูแลระบบของโรงเรียน: users and the school profile

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS: Mapping[Role, str] = MappingProxyType(
    {
        Role.OFFICER: "เจ้าหน้าที่พัสดุ",
        Role.HEAD: "หัวหน้าเจ้าหน้าที่",
        Role.DIRECTOR: "ผู้อำนวยการ",
        Role.ADMIN: "ผู้ดูแลระบบ",
    }
)


class Permission(StrEnum):
    VIEW = "view"  # the workspace: drafts, queues, history
    EDIT = "edit"  # plans, procurements, bids, awards, vendors, announcement drafts
    SUBMIT = "submit"  # send a draft for approval
    REVIEW = "review"  # the head's check, when the school asks for it
    APPROVE = "approve"  # sign and publish
    RETURN = "return"  # send back with a comment
    MANAGE_USERS = "manage_users"
    MANAGE_SCHOOL = "manage_school"  # names, address, e-GP codes, signer, emblem

    @property
    def label(self) -> str:
        return _PERMISSION_LABELS[self]


_PERMISSION_LABELS: Mapping[Permission, str] = MappingProxyType(
    {
        Permission.VIEW: "ดูข้อมูลในระบบ",
        Permission.EDIT: "บันทึกและแก้ไขข้อมูล",
        Permission.SUBMIT: "ส่งขออนุมัติ",
        Permission.REVIEW: "ตรวจสอบก่อนเสนอผู้อำนวยการ",
        Permission.APPROVE: "อนุมัติและเผยแพร่",
        Permission.RETURN: "ส่งกลับให้แก้ไข",
        Permission.MANAGE_USERS: "จัดการผู้ใช้",
        Permission.MANAGE_SCHOOL: "แก้ไขข้อมูลโรงเรียน",
    }
)

P = Permission
ROLE_PERMISSIONS: Mapping[Role, frozenset[Permission]] = MappingProxyType(
    {
        Role.OFFICER: frozenset({P.VIEW, P.EDIT, P.SUBMIT}),
        Role.HEAD: frozenset({P.VIEW, P.EDIT, P.SUBMIT, P.REVIEW, P.RETURN}),
        Role.DIRECTOR: frozenset({P.VIEW, P.APPROVE, P.RETURN}),
        Role.ADMIN: frozenset({P.VIEW, P.MANAGE_USERS, P.MANAGE_SCHOOL}),
    }
)


def can(role: Role | str | None, permission: Permission) -> bool:
    """``None`` is the system itself (command line, demo loader, migrations): it may do anything."""
    if role is None:
        return True
    try:
        return permission in ROLE_PERMISSIONS[Role(role)]
    except ValueError:
        return False
