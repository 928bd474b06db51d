"""Schools (the tenants) and their fiscal years."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import Any

from msgspec.structs import asdict

from prakat import audit, clock
from prakat.audit import Actor
from prakat.db import tables as t
from prakat.db.tx import write_transaction
from prakat.errors import InvalidInput, NotFound
from prakat.schools.schemas import FiscalYear, School, SchoolCreate
from prakat.thai import fiscal_year_bounds
from prakat.validation import Fields

SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{1,62}$")
DIGITS = re.compile(r"^\d*$")


def parse_school(raw: Mapping[str, Any]) -> SchoolCreate:
    f = Fields(raw)
    slug = f.text("slug", "ชื่อย่อในลิงก์ (slug)", max_length=64).lower()
    if slug and not SLUG.match(slug):
        f.fail("slug", "ชื่อย่อในลิงก์ (slug)", "ใช้ได้เฉพาะ a-z, 0-9 และ - อย่างน้อย 2 ตัวอักษร")
    values = {
        name: f.text(name, label, required=False, max_length=255)
        for name, label in (
            ("area_office", "สังกัด"),
            ("address", "ที่อยู่"),
            ("subdistrict", "ตำบล"),
            ("district", "อำเภอ"),
            ("province", "จังหวัด"),
            ("phone", "โทรศัพท์"),
            ("email", "อีเมล"),
            ("website", "เว็บไซต์"),
            ("director_name", "ชื่อผู้อำนวยการ"),
            ("officer_name", "ชื่อเจ้าหน้าที่พัสดุ"),
            ("head_name", "ชื่อหัวหน้าเจ้าหน้าที่"),
        )
    }
    for name, label, length in (
        ("egp_dept_id", "รหัสหน่วยงาน e-GP", 4),
        ("egp_deptsub_id", "รหัสหน่วยจัดซื้อ e-GP", 10),
    ):
        code = f.text(name, label, required=False, max_length=length)
        if code and (not DIGITS.match(code) or len(code) != length):
            f.fail(name, label, f"ต้องเป็นตัวเลข {length} หลัก")
        values[name] = code
    name = f.text("name", "ชื่อโรงเรียน", max_length=255)
    positions = {
        key: f.text(key, label, required=False, max_length=255) or default
        for key, label, default in (
            ("director_position", "ตำแหน่งผู้อำนวยการ", "ผู้อำนวยการโรงเรียน"),
            ("officer_position", "ตำแหน่งเจ้าหน้าที่", "เจ้าหน้าที่"),
            ("head_position", "ตำแหน่งหัวหน้าเจ้าหน้าที่", "หัวหน้าเจ้าหน้าที่"),
        )
    }
    emblem = f.text("emblem_path", "ไฟล์ตราครุฑ", required=False) or None
    f.check()
    return SchoolCreate(slug=slug, name=name, emblem_path=emblem, **values, **positions)


def _school(row: Mapping[str, Any]) -> School:
    return School(
        id=row["id"],
        **{k: row[k] for k in School.__struct_fields__ if k != "id"},
    )


async def create_school(data: SchoolCreate) -> School:
    async with write_transaction():
        if await t.School.exists().where(t.School.slug == data.slug):
            raise InvalidInput({"slug": "ชื่อย่อในลิงก์ (slug): มีโรงเรียนที่ใช้ชื่อนี้แล้ว"})
        row = t.School(**asdict(data), created_at=clock.now())
        await row.save()
        await audit.record(Actor(school_id=row.id), "create", "school", row.id, after=audit.snapshot(row))
    return await get_school(row.id)


async def get_school(school_id: int) -> School:
    row = await t.School.select().where(t.School.id == school_id).first()
    if row is None:
        raise NotFound("โรงเรียน")
    return _school(row)


async def get_school_by_slug(slug: str) -> School:
    row = await t.School.select().where(t.School.slug == slug).first()
    if row is None:
        raise NotFound("โรงเรียน")
    return _school(row)


async def list_schools() -> list[School]:
    return [_school(row) for row in await t.School.select().order_by(t.School.name)]


def _fiscal_year(row: Mapping[str, Any]) -> FiscalYear:
    return FiscalYear(
        id=row["id"],
        school_id=row["school"],
        year_be=row["year_be"],
        budget_allocated_on=row["budget_allocated_on"],
    )


async def ensure_fiscal_year(
    actor: Actor, year_be: int, *, budget_allocated_on: date | None = None
) -> FiscalYear:
    """The school's fiscal year, created on first use. Safe to call inside another write transaction."""
    start, end = fiscal_year_bounds(year_be)
    if budget_allocated_on is not None and not start <= budget_allocated_on <= end:
        raise InvalidInput(
            {"budget_allocated_on": "วันที่ได้รับจัดสรรงบประมาณ: ต้องอยู่ในปีงบประมาณ"},
        )
    async with write_transaction():
        query = t.FiscalYear.select().where(
            (t.FiscalYear.school == actor.school_id) & (t.FiscalYear.year_be == year_be)
        )
        row = await query.first()
        if row is None:
            new = t.FiscalYear(
                school=actor.school_id, year_be=year_be, budget_allocated_on=budget_allocated_on
            )
            await new.save()
            await audit.record(actor, "create", "fiscal_year", new.id, after=audit.snapshot(new))
            row = await query.first()
        elif budget_allocated_on is not None and row["budget_allocated_on"] != budget_allocated_on:
            before = dict(row)
            await t.FiscalYear.update({t.FiscalYear.budget_allocated_on: budget_allocated_on}).where(
                t.FiscalYear.id == row["id"]
            )
            row = {**before, "budget_allocated_on": budget_allocated_on}
            await audit.record(
                actor,
                "update",
                "fiscal_year",
                row["id"],
                before=audit.snapshot(before),
                after=audit.snapshot(row),
            )
    assert row is not None
    return _fiscal_year(row)


async def get_fiscal_year(school_id: int, year_be: int) -> FiscalYear:
    row = (
        await t.FiscalYear.select()
        .where((t.FiscalYear.school == school_id) & (t.FiscalYear.year_be == year_be))
        .first()
    )
    if row is None:
        raise NotFound("ปีงบประมาณ")
    return _fiscal_year(row)


async def fiscal_years(school_id: int) -> list[FiscalYear]:
    rows = await t.FiscalYear.select().where(t.FiscalYear.school == school_id).order_by(t.FiscalYear.year_be)
    return [_fiscal_year(r) for r in rows]
