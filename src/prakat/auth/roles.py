"""Roles and what each may do, as data. Services check permissions (so pages and the API obey the same
rules); route guards check them again so a forbidden request never reaches a handler."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from prakat.rules.labelled import LabelledEnum


class Role(LabelledEnum):
    OFFICER = "officer", "เจ้าหน้าที่พัสดุ"  # drafts
    HEAD = "head", "หัวหน้าเจ้าหน้าที่"  # reviews
    DIRECTOR = "director", "ผู้อำนวยการ"  # approves, which signs and publishes
    ADMIN = "admin", "ผู้ดูแลระบบ"  # of the school: users and the school profile


class Permission(LabelledEnum):
    VIEW = "view", "ดูข้อมูลในระบบ"  # the workspace: drafts, queues, history
    EDIT = "edit", "บันทึกและแก้ไขข้อมูล"  # plans, procurements, bids, awards, vendors, announcement drafts
    SUBMIT = "submit", "ส่งขออนุมัติ"  # send a draft for approval
    REVIEW = "review", "ตรวจสอบก่อนเสนอผู้อำนวยการ"  # the head's check, when the school asks for it
    APPROVE = "approve", "อนุมัติและเผยแพร่"  # sign and publish
    RETURN = "return", "ส่งกลับให้แก้ไข"  # send back with a comment
    MANAGE_USERS = "manage_users", "จัดการผู้ใช้"
    MANAGE_SCHOOL = "manage_school", "แก้ไขข้อมูลโรงเรียน"  # names, address, e-GP codes, signer, emblem


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
