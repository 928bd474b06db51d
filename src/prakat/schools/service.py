"""Schools (the tenants) and their fiscal years."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

from msgspec.structs import asdict

from prakat import audit, clock
from prakat.audit import Actor
from prakat.auth.checks import require
from prakat.auth.roles import Permission
from prakat.db import tables as t
from prakat.db.tx import write_transaction
from prakat.errors import InvalidInput, NotFound
from prakat.rules import rules_for
from prakat.schools.schemas import FiscalYear, School, SchoolCreate
from prakat.thai import fiscal_year_bounds, to_arabic_digits
from prakat.validation import Fields

SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{1,62}$")
SLUG_LABEL = "ชื่อย่อในลิงก์ (slug)"
DIGITS = re.compile(r"^\d*$")
CODE_SEPARATORS = re.compile(r"[\s\-]+")
# (field, Thai label, longest text the column holds)
TEXTS = (
    ("area_office", "สังกัด", 255),
    ("address", "ที่อยู่", 500),
    ("subdistrict", "ตำบล", 100),
    ("district", "อำเภอ", 100),
    ("province", "จังหวัด", 100),
    ("phone", "โทรศัพท์", 100),
    ("email", "อีเมล", 255),
    ("website", "เว็บไซต์", 255),
    ("director_name", "ชื่อผู้อำนวยการ", 255),
    ("officer_name", "ชื่อเจ้าหน้าที่พัสดุ", 255),
    ("head_name", "ชื่อหัวหน้าเจ้าหน้าที่", 255),
)
# (field, Thai label, number of digits)
EGP_CODES = (
    ("egp_dept_id", "รหัสหน่วยงาน e-GP", 4),
    ("egp_deptsub_id", "รหัสหน่วยจัดซื้อ e-GP", 10),
)
# (field, Thai label, what a blank means)
POSITIONS = (
    ("director_position", "ตำแหน่งผู้อำนวยการ", "ผู้อำนวยการโรงเรียน"),
    ("officer_position", "ตำแหน่งเจ้าหน้าที่", "เจ้าหน้าที่"),
    ("head_position", "ตำแหน่งหัวหน้าเจ้าหน้าที่", "หัวหน้าเจ้าหน้าที่"),
)
EMBLEM_LABEL = "ไฟล์ตราครุฑ"
EMBLEM_MAX_LENGTH = 500
# What the first bytes of an emblem file must look like, by extension: a renamed file of another kind
# would only fail later, when a document is printed.
EMBLEM_TYPES: Mapping[str, tuple[bytes, ...]] = {
    ".svg": (b"<svg",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
}
DELEGATION_LABEL = "ข้อความปฏิบัติราชการแทน"
EMBED_ORIGINS_LABEL = "เว็บไซต์ที่นำรายการประกาศไปแสดงได้"
EMBED_ORIGINS_MAX = 20
# A host name as a browser matches it in CSP: letters, digits and hyphens between dots (Thai domain
# names are turned into their xn-- form first), optionally "*." in front for every subdomain.
HOST = re.compile(r"^(\*\.)?[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$")
ORIGIN_EXAMPLE = "เช่น https://www.school.ac.th"
# Fields an admin may change after the school exists; the slug is not one of them.
EDITABLE = (
    "name",
    *(name for name, _, _ in TEXTS),
    *(name for name, _, _ in EGP_CODES),
    *(name for name, _, _ in POSITIONS),
    "delegation_text",
    "review_by_head",
    "emblem_path",
    "embed_origins",
    "ita_variant",
    "summary_grace_days",
)
ITA_VARIANT_LABEL = "ชุดเกณฑ์การประเมิน ITA"
GRACE_LABEL = "จำนวนวันหลังสิ้นเดือนที่ต้องเผยแพร่สรุปผลรายเดือน"
ITA_VARIANT = re.compile(r"^[a-z0-9][a-z0-9-]{1,29}$")


def _egp_code(f: Fields, name: str, label: str, length: int) -> str:
    """Digits only, Thai digits welcome; spaces and dashes typed between them are dropped."""
    typed = f.text(name, label, required=False, max_length=4 * length)
    code = CODE_SEPARATORS.sub("", to_arabic_digits(typed))
    if code and (not DIGITS.match(code) or len(code) != length):
        f.fail(name, label, f"ต้องเป็นตัวเลข {length} หลัก")
    return code


def _profile(f: Fields) -> dict[str, Any]:
    """Names, address, e-GP codes and signers: what creating and editing a school share."""
    values: dict[str, Any] = {"name": f.text("name", "ชื่อโรงเรียน", max_length=255)}
    for name, label, length in TEXTS:
        values[name] = f.text(name, label, required=False, max_length=length)
    for name, label, length in EGP_CODES:
        values[name] = _egp_code(f, name, label, length)
    for name, label, default in POSITIONS:
        values[name] = f.text(name, label, required=False, max_length=255) or default
    return values


def parse_school(raw: Mapping[str, Any]) -> SchoolCreate:
    f = Fields(raw)
    slug = f.text("slug", SLUG_LABEL, max_length=64).lower()
    if slug and not SLUG.match(slug):
        f.fail("slug", SLUG_LABEL, "ใช้ได้เฉพาะ a-z, 0-9 และ - อย่างน้อย 2 ตัวอักษร")
    values = _profile(f)
    emblem = f.text("emblem_path", EMBLEM_LABEL, required=False) or None
    origins = f.read("embed_origins", EMBED_ORIGINS_LABEL, False, embed_origins) or ""
    f.check()
    return SchoolCreate(slug=slug, emblem_path=emblem, embed_origins=origins, **values)


def emblem_file(value: Any) -> str:
    """The absolute path of an existing SVG, PNG or JPEG on the server, or ValueError in Thai. A relative
    path is taken from the folder Prakat runs in and stored absolute."""
    text = str(value).strip()
    kinds = " ".join(EMBLEM_TYPES)
    try:
        path = Path(text).expanduser().resolve()
    except (OSError, RuntimeError, ValueError):
        raise ValueError("อ่านที่อยู่ไฟล์นี้ไม่ได้ ตรวจสอบการพิมพ์อีกครั้ง") from None
    signatures = EMBLEM_TYPES.get(path.suffix.lower())
    if signatures is None:
        raise ValueError(f"ต้องเป็นไฟล์รูปภาพนามสกุล {kinds}")
    if not path.is_file():
        raise ValueError(f"ไม่พบไฟล์ {text} บนเครื่องแม่ข่าย ตรวจสอบที่อยู่ไฟล์อีกครั้ง")
    if len(str(path)) > EMBLEM_MAX_LENGTH:
        raise ValueError(f"ที่อยู่ไฟล์ยาวเกิน {EMBLEM_MAX_LENGTH} ตัวอักษร")
    try:
        with path.open("rb") as image:
            head = image.read(4096)
    except OSError:
        raise ValueError("เปิดอ่านไฟล์นี้ไม่ได้ (ตรวจสอบสิทธิ์การอ่านไฟล์)") from None
    if path.suffix.lower() == ".svg":
        matches = any(sig in head.lower() for sig in signatures)
    else:
        matches = head.startswith(signatures)
    if not matches:
        raise ValueError(f"ไฟล์นี้ไม่ใช่รูปภาพ {path.suffix.lower()} ที่ถูกต้อง")
    return str(path)


def _origin(typed: str) -> str:
    """One website origin, normalised (lower case, no trailing slash, Thai domains as xn--), or
    ValueError in Thai."""
    shown = f"“{typed[:80]}”"
    scheme, sep, rest = typed.partition("://")
    if not sep or scheme.lower() not in ("http", "https"):
        raise ValueError(f"{shown} ต้องขึ้นต้นด้วย https:// หรือ http:// {ORIGIN_EXAMPLE}")
    rest = rest.removesuffix("/")
    if any(c in rest for c in "/?#@\\"):
        raise ValueError(f"{shown} ใส่เฉพาะชื่อเว็บไซต์ ไม่มีหน้าเว็บหรือ ? ต่อท้าย {ORIGIN_EXAMPLE}")
    host, colon, port = rest.partition(":")
    if colon and (not port.isascii() or not port.isdigit() or not 0 < int(port) < 65536):
        raise ValueError(f"{shown} มีหมายเลขพอร์ตไม่ถูกต้อง")
    wildcard = "*." if host.startswith("*.") else ""
    try:
        name = host.removeprefix(wildcard).encode("idna").decode("ascii").lower()
    except UnicodeError:
        name = ""
    if not name or not HOST.match(wildcard + name) or len(name) > 253:
        raise ValueError(f"{shown} ไม่ใช่ชื่อเว็บไซต์ที่ถูกต้อง {ORIGIN_EXAMPLE}")
    return f"{scheme.lower()}://{wildcard}{name}{colon}{port}"


def embed_origins(value: Any) -> str:
    """The websites that may show the school's embed in a frame: origins such as
    https://www.school.ac.th, separated by lines, spaces or commas, stored one per line. Blank means
    any website. ValueError in Thai for the first one that is not an http(s) origin."""
    typed = [word for word in re.split(r"[\s,]+", str(value)) if word]
    if typed == ["*"]:
        return ""  # "every website", said the way CSP says it
    origins: list[str] = []
    for word in typed:
        origin = _origin(word)
        if origin not in origins:
            origins.append(origin)
    if len(origins) > EMBED_ORIGINS_MAX:
        raise ValueError(f"ใส่ได้ไม่เกิน {EMBED_ORIGINS_MAX} เว็บไซต์")
    return "\n".join(origins)


async def _ita_variant(f: Fields, school_id: int) -> str:
    """A variant code the school's criteria have (any year), or the shipped default's codes."""
    code = f.text("ita_variant", ITA_VARIANT_LABEL, max_length=30).lower()
    if not code:
        return code
    known = {
        r["code"]
        for r in await t.ItaVariant.select(t.ItaVariant.code).where(t.ItaVariant.school == school_id)
    }
    if not ITA_VARIANT.match(code) or (known and code not in known):
        f.fail("ita_variant", ITA_VARIANT_LABEL, "ไม่อยู่ในรายการชุดเกณฑ์ของโรงเรียน")
    return code


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


async def update_school(actor: Actor, raw: Mapping[str, Any]) -> School:
    """Change the school's profile: names, address, e-GP codes, signers, delegation line, whether the
    head reviews before the director, the emblem file, and which websites may frame the embed. Only
    the keys present in ``raw`` change (an HTML form must send ``review_by_head`` explicitly); each
    is checked as when the school was created.
    The slug never changes: it is in every public URL the school has handed out."""
    require(actor, Permission.MANAGE_SCHOOL)
    async with write_transaction():
        row = await t.School.select().where(t.School.id == actor.school_id).first()
        if row is None:
            raise NotFound("โรงเรียน")
        f = Fields({**{k: row[k] for k in EDITABLE}, **raw})
        if "slug" in raw and str(raw["slug"]).strip().lower() != row["slug"]:
            f.fail("slug", SLUG_LABEL, "เปลี่ยนไม่ได้ เพราะอยู่ในลิงก์สาธารณะทุกหน้าของโรงเรียน")
        changes = _profile(f)
        changes["delegation_text"] = f.text(
            "delegation_text", DELEGATION_LABEL, required=False, max_length=1000
        )
        changes["review_by_head"] = f.boolean("review_by_head")
        changes["emblem_path"] = f.read("emblem_path", EMBLEM_LABEL, False, emblem_file)
        changes["embed_origins"] = f.read("embed_origins", EMBED_ORIGINS_LABEL, False, embed_origins) or ""
        changes["ita_variant"] = await _ita_variant(f, actor.school_id)
        changes["summary_grace_days"] = f.integer("summary_grace_days", GRACE_LABEL, low=0, high=90)
        f.check()
        after = {**row, **changes}
        if after == row:
            return _school(row)
        await t.School.update({getattr(t.School, k): v for k, v in changes.items()}).where(
            t.School.id == actor.school_id
        )
        await audit.record(
            actor, "update", "school", row["id"], before=audit.snapshot(row), after=audit.snapshot(after)
        )
    return _school(after)


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
    """The school's fiscal year, created on first use. Safe to call inside another write transaction.
    A year the dated rules do not cover is refused (NoRuleSetError, a Thai 400 naming the first year)."""
    rules_for(year_be)
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
