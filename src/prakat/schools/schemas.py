from __future__ import annotations

from datetime import date

import msgspec


class SchoolCreate(msgspec.Struct, frozen=True, kw_only=True):
    slug: str
    name: str
    area_office: str = ""
    address: str = ""
    subdistrict: str = ""
    district: str = ""
    province: str = ""
    phone: str = ""
    email: str = ""
    website: str = ""
    egp_dept_id: str = ""
    egp_deptsub_id: str = ""
    director_name: str = ""
    director_position: str = "ผู้อำนวยการโรงเรียน"
    officer_name: str = ""
    officer_position: str = "เจ้าหน้าที่"
    head_name: str = ""
    head_position: str = "หัวหน้าเจ้าหน้าที่"
    emblem_path: str | None = None
    embed_origins: str = ""


class School(msgspec.Struct, frozen=True, kw_only=True):
    id: int
    slug: str
    name: str
    agency_type: str
    ministry: str
    area_office: str
    address: str
    subdistrict: str
    district: str
    province: str
    phone: str
    email: str
    website: str
    egp_dept_id: str
    egp_deptsub_id: str
    director_name: str
    director_position: str
    delegation_text: str
    officer_name: str
    officer_position: str
    head_name: str
    head_position: str
    emblem_path: str | None
    review_by_head: bool
    # Websites allowed to show the embed in a frame, one origin per line; "" = any website.
    embed_origins: str = ""
    # The ITA criteria the school is assessed under (a variant code of prakat.ita), and the days after a
    # month's end before a missing monthly summary is flagged.
    ita_variant: str = "agency"
    summary_grace_days: int = 15


class FiscalYear(msgspec.Struct, frozen=True, kw_only=True):
    id: int
    school_id: int
    year_be: int
    budget_allocated_on: date | None
