"""A school's ITA criteria: the shipped lists (prakat.ita.seed), copied in on first use, and the admin's
changes: a new assessment year or variant (copied from an existing list, or empty), a list renamed or
removed (never the one the school's profile uses), an item added, changed or removed. Every write
takes an Actor, is checked (validation.Fields, Thai messages beside the fields) and audited in its own
transaction."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import Any, Final

from prakat import audit, clock
from prakat.audit import Actor
from prakat.auth.checks import require
from prakat.auth.roles import Permission
from prakat.db import tables as t
from prakat.db.tx import write_transaction
from prakat.errors import Conflict, InvalidInput, NotFound
from prakat.ita.evidence import Covers, parse_evidence, store_evidence
from prakat.ita.schemas import Item, Variant
from prakat.ita.seed import SEED, VariantSeed
from prakat.validation import Fields

YEARS: Final = (2500, 2700)
CODE = re.compile(r"^[a-z0-9][a-z0-9-]{1,29}$")
ITEM_CODE = re.compile(r"^[A-Za-z]{1,3}[0-9]{1,3}(\.[0-9]{1,2})?$")
LABELS: Final = {
    "year_be": "ปีที่ประเมิน (พ.ศ.)",
    "code": "รหัสชุดเกณฑ์",
    "title": "ชื่อชุดเกณฑ์",
    "copy_from": "คัดลอกรายการจาก",
    "item_code": "รหัสข้อ",
    "item_title": "ชื่อข้อ",
    "covers": "ปีงบประมาณที่ข้อนี้ครอบคลุม",
    "evidence": "หลักฐานที่ใช้",
    "months_from": "ตั้งแต่เดือนที่",
    "months_to": "ถึงเดือนที่",
    "opens_on": "วันที่เริ่มช่วงการประเมิน",
    "note": "หมายเหตุ",
    "confirm": "ยืนยันการลบ",
}


def no_criteria(year_be: int) -> NotFound:
    """The refusal for a year without criteria: a Thai 404 that says what to do."""
    return NotFound(f"เกณฑ์การประเมิน ITA ของปี พ.ศ. {year_be} (ผู้ดูแลระบบของโรงเรียนเพิ่มเกณฑ์ของปีนี้ได้)")


def _item(row: Mapping[str, Any]) -> Item:
    return Item(
        id=row["id"],
        variant_id=row["variant"],
        position=row["position"],
        code=row["code"],
        title=row["title"],
        covers=Covers(row["covers"]),
        evidence=parse_evidence(row["evidence"]),
        months_from=row["months_from"],
        months_to=row["months_to"],
        opens_on=row["opens_on"],
        note=row["note"],
    )


async def _insert_seed(school_id: int, seed: VariantSeed) -> None:
    variant = t.ItaVariant(
        school=school_id, year_be=seed.year_be, code=seed.code, title=seed.title, created_at=clock.now()
    )
    await variant.save()
    for position, item in enumerate(seed.items, start=1):
        await t.ItaItem(
            school=school_id,
            variant=variant.id,
            position=position,
            code=item.code,
            title=item.title,
            covers=item.covers.value,
            evidence=store_evidence(item.evidence),
            months_from=item.months[0],
            months_to=item.months[1],
            opens_on=seed.opens_on,
            note=item.note,
        ).save()
    await audit.record(
        Actor(school_id=school_id),
        "create",
        "ita_variant",
        variant.id,
        after={"year_be": seed.year_be, "code": seed.code, "items": [i.code for i in seed.items]},
        note="เกณฑ์ ITA ที่มากับระบบ",
    )


async def ensure_seeded(school_id: int) -> None:
    """Copy the shipped criteria into a school that has none yet (once: the school row is locked)."""
    if await t.ItaVariant.exists().where(t.ItaVariant.school == school_id):
        return
    async with write_transaction():
        if t.School._meta.db.engine_type == "postgres":  # SQLite's IMMEDIATE transaction already serialises
            await t.School.select(t.School.id).where(t.School.id == school_id).lock_rows()
        if await t.ItaVariant.exists().where(t.ItaVariant.school == school_id):
            return
        for seed in SEED:
            await _insert_seed(school_id, seed)


async def variants(school_id: int) -> list[Variant]:
    """Every criteria list of the school, newest assessment year first, with its items in order."""
    await ensure_seeded(school_id)
    rows = await t.ItaVariant.select().where(t.ItaVariant.school == school_id)
    items = await t.ItaItem.select().where(t.ItaItem.school == school_id).order_by(t.ItaItem.position)
    by_variant: dict[int, list[Item]] = {}
    for r in items:
        by_variant.setdefault(r["variant"], []).append(_item(r))
    found = [
        Variant(
            id=r["id"],
            year_be=r["year_be"],
            code=r["code"],
            title=r["title"],
            items=tuple(by_variant.get(r["id"], ())),
        )
        for r in rows
    ]
    return sorted(found, key=lambda v: (-v.year_be, v.code))


async def years(school_id: int) -> list[int]:
    """Assessment years with criteria, newest first."""
    return sorted({v.year_be for v in await variants(school_id)}, reverse=True)


def choose(found: list[Variant], year_be: int, code: str) -> Variant:
    """The list a school is assessed under in ``year_be``: the variant it chose; where the year has one
    list only, that one. NotFound (Thai) when the year has none, or several but not the chosen one."""
    of_year = [v for v in found if v.year_be == year_be]
    chosen = next((v for v in of_year if v.code == code), None)
    if chosen is not None:
        return chosen
    if len(of_year) == 1:
        return of_year[0]
    if not of_year:
        raise no_criteria(year_be)
    raise NotFound(f"เกณฑ์การประเมิน ITA ปี พ.ศ. {year_be} ชุด “{code}” (เลือกชุดเกณฑ์ได้ที่ข้อมูลโรงเรียน)")


async def variant_for(school_id: int, year_be: int, code: str | None = None) -> Variant:
    if code is None:
        row = await t.School.select(t.School.ita_variant).where(t.School.id == school_id).first()
        if row is None:
            raise NotFound("โรงเรียน")
        code = str(row["ita_variant"])
    return choose(await variants(school_id), year_be, code)


async def variant_codes(school_id: int) -> list[tuple[str, str]]:
    """(code, title) of every variant the school has, for the school profile's choice."""
    seen: dict[str, str] = {}
    for v in await variants(school_id):
        seen.setdefault(v.code, v.title)
    return sorted(seen.items())


# --- the admin's changes ---------------------------------------------------------------------------


def _year(value: Any) -> int:
    text = str(value).strip()
    if not text.isascii() or not text.isdigit() or not YEARS[0] <= int(text) <= YEARS[1]:
        raise ValueError(f"ต้องเป็นปี พ.ศ. ระหว่าง {YEARS[0]} ถึง {YEARS[1]}")
    return int(text)


def _code(value: Any) -> str:
    text = str(value).strip().lower()
    if not CODE.match(text):
        raise ValueError("ใช้ได้เฉพาะ a-z, 0-9 และ - อย่างน้อย 2 ตัวอักษร เช่น agency")
    return text


async def _variant_row(school_id: int, variant_id: int) -> dict[str, Any]:
    row = (
        await t.ItaVariant.select()
        .where((t.ItaVariant.school == school_id) & (t.ItaVariant.id == variant_id))
        .first()
    )
    if row is None:
        raise NotFound("ชุดเกณฑ์ ITA")
    return dict(row)


async def add_variant(actor: Actor, raw: Mapping[str, Any]) -> Variant:
    """A new assessment year or variant; with ``copy_from`` (a variant id of the school) its items are
    copied, their window moved by the difference in years."""
    require(actor, Permission.MANAGE_SCHOOL)
    await ensure_seeded(actor.school_id)
    f = Fields(raw)
    year_be = f.read("year_be", LABELS["year_be"], True, _year)
    code = f.read("code", LABELS["code"], True, _code)
    title = f.text("title", LABELS["title"], max_length=255)
    copy_from = f.integer("copy_from", LABELS["copy_from"], required=False, low=1)
    f.check()
    assert year_be is not None and code is not None
    async with write_transaction():
        if await t.ItaVariant.exists().where(
            (t.ItaVariant.school == actor.school_id)
            & (t.ItaVariant.year_be == year_be)
            & (t.ItaVariant.code == code)
        ):
            raise InvalidInput({"code": f"{LABELS['code']}: ปี พ.ศ. {year_be} มีชุด “{code}” แล้ว"}, raw)
        source = await _variant_row(actor.school_id, copy_from) if copy_from else None
        row = t.ItaVariant(
            school=actor.school_id, year_be=year_be, code=code, title=title, created_at=clock.now()
        )
        await row.save()
        copied = []
        if source is not None:
            shift = year_be - int(source["year_be"])
            for item in await t.ItaItem.select().where(t.ItaItem.variant == source["id"]):
                opens = item["opens_on"]
                await t.ItaItem(
                    **{k: v for k, v in item.items() if k not in ("id", "variant", "opens_on")},
                    variant=row.id,
                    opens_on=_shifted(opens, shift) if opens else None,
                ).save()
                copied.append(item["code"])
        after = {**audit.snapshot(row), "copied_from": copy_from, "items": copied}
        await audit.record(actor, "create", "ita_variant", row.id, after=after)
    return next(v for v in await variants(actor.school_id) if v.id == row.id)


async def rename_variant(actor: Actor, variant_id: int, raw: Mapping[str, Any]) -> Variant:
    """A new title for a criteria list (its year and code stay: schools and URLs name them)."""
    require(actor, Permission.MANAGE_SCHOOL)
    f = Fields(raw)
    title = f.text("title", LABELS["title"], max_length=255)
    f.check()
    async with write_transaction():
        before = await _variant_row(actor.school_id, variant_id)
        await t.ItaVariant.update({t.ItaVariant.title: title}).where(t.ItaVariant.id == variant_id)
        await audit.record(
            actor,
            "update",
            "ita_variant",
            variant_id,
            before=audit.snapshot(before),
            after=audit.snapshot({**before, "title": title}),
        )
    return next(v for v in await variants(actor.school_id) if v.id == variant_id)


async def in_use(school_id: int, variant: Mapping[str, Any]) -> str:
    """Why the school's profile uses this list (what its deletion is refused with), or "" if it does
    not: the list the profile's chosen variant selects for its year (:func:`choose`), the chosen code
    itself or the only list of that year."""
    row = await t.School.select(t.School.ita_variant).where(t.School.id == school_id).first()
    assert row is not None
    chosen = str(row["ita_variant"])
    try:
        used = choose(await variants(school_id), int(variant["year_be"]), chosen)
    except NotFound:
        return ""
    if used.id != variant["id"]:
        return ""
    year = variant["year_be"]
    if variant["code"] == chosen:
        return (
            f"ข้อมูลโรงเรียนเลือกชุดเกณฑ์ “{chosen}” ซึ่งเป็นชุดที่ใช้ประเมิน ITA ปี พ.ศ. {year} "
            "เลือกชุดเกณฑ์อื่นที่ข้อมูลโรงเรียนก่อน จึงจะลบได้"
        )
    return f"เป็นชุดเกณฑ์เดียวของปี พ.ศ. {year} ซึ่งโรงเรียนใช้ประเมิน ITA ปีนั้นอยู่ เพิ่มชุดเกณฑ์ “{chosen}” ของปีนี้ก่อน จึงจะลบได้"


async def delete_variant(actor: Actor, variant_id: int, *, confirmed: bool) -> None:
    """Remove a criteria list with its items, once the admin has confirmed; never the list the
    school's profile uses (a Thai refusal that says what to do first)."""
    require(actor, Permission.MANAGE_SCHOOL)
    async with write_transaction():
        before = await _variant_row(actor.school_id, variant_id)
        why = await in_use(actor.school_id, before)
        if why:
            raise Conflict(f"ลบชุดเกณฑ์ “{before['title']}” ไม่ได้: {why}")
        if not confirmed:
            raise InvalidInput({"confirm": f"{LABELS['confirm']}: กรุณาทำเครื่องหมายเพื่อยืนยันการลบ"})
        items = await t.ItaItem.select().where(t.ItaItem.variant == variant_id).order_by(t.ItaItem.position)
        await t.ItaItem.delete().where(t.ItaItem.variant == variant_id)
        await t.ItaVariant.delete().where(t.ItaVariant.id == variant_id)
        gone = {**audit.snapshot(before), "items": [audit.snapshot(i) for i in items]}
        await audit.record(actor, "delete", "ita_variant", variant_id, before=gone)


def _shifted(day: date, years_: int) -> date:
    try:
        return day.replace(year=day.year + years_)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years_, day=28)


def _item_values(f: Fields) -> dict[str, Any]:
    values: dict[str, Any] = {
        "code": f.read("item_code", LABELS["item_code"], True, _item_code),
        "title": f.text("item_title", LABELS["item_title"], max_length=500),
        "covers": f.choice("covers", LABELS["covers"], Covers),
        "evidence": f.read("evidence", LABELS["evidence"], True, _evidence, blank="เลือกอย่างน้อยหนึ่งอย่าง"),
        "months_from": f.integer("months_from", LABELS["months_from"], required=False, low=1, high=12) or 1,
        "months_to": f.integer("months_to", LABELS["months_to"], required=False, low=1, high=12) or 12,
        "opens_on": f.day("opens_on", LABELS["opens_on"], required=False),
        "note": f.text("note", LABELS["note"], required=False, max_length=1000),
    }
    if values["months_from"] > values["months_to"]:
        f.fail("months_to", LABELS["months_to"], "ต้องไม่น้อยกว่าเดือนแรก")
    return values


def _item_code(value: Any) -> str:
    text = str(value).strip().upper()
    if not ITEM_CODE.match(text):
        raise ValueError("ต้องเป็นรหัสข้อ เช่น O11 หรือ O21")
    return text


def _evidence(value: Any) -> str:
    words = " ".join(value) if isinstance(value, list | tuple) else str(value)
    kinds = parse_evidence(words)
    if not kinds:
        raise ValueError("เลือกอย่างน้อยหนึ่งอย่าง")
    return store_evidence(kinds)


async def save_item(
    actor: Actor, variant_id: int, raw: Mapping[str, Any], item_id: int | None = None
) -> Item:
    """Add an item to a criteria list, or change one (``item_id``)."""
    require(actor, Permission.MANAGE_SCHOOL)
    f = Fields(raw)
    values = _item_values(f)
    f.check()
    if isinstance(values["covers"], Covers):
        values["covers"] = values["covers"].value
    async with write_transaction():
        variant = await _variant_row(actor.school_id, variant_id)
        clash = t.ItaItem.exists().where(
            (t.ItaItem.variant == variant["id"]) & (t.ItaItem.code == values["code"])
        )
        if item_id is not None:
            clash = clash.where(t.ItaItem.id != item_id)
        if await clash:
            raise InvalidInput({"item_code": f"{LABELS['item_code']}: ชุดเกณฑ์นี้มีข้อ {values['code']} แล้ว"}, raw)
        if item_id is None:
            last = await t.ItaItem.select(t.ItaItem.position).where(t.ItaItem.variant == variant["id"])
            row = t.ItaItem(
                school=actor.school_id,
                variant=variant["id"],
                position=max((r["position"] for r in last), default=0) + 1,
                **values,
            )
            await row.save()
            await audit.record(actor, "create", "ita_item", row.id, after=audit.snapshot(row))
            item_id = row.id
        else:
            before = await _item_row(actor.school_id, item_id, variant["id"])
            await t.ItaItem.update({getattr(t.ItaItem, k): v for k, v in values.items()}).where(
                t.ItaItem.id == item_id
            )
            after = {**before, **values}
            await audit.record(
                actor,
                "update",
                "ita_item",
                item_id,
                before=audit.snapshot(before),
                after=audit.snapshot(after),
            )
    return _item(await _item_row(actor.school_id, item_id))


async def _item_row(school_id: int, item_id: int, variant_id: int | None = None) -> dict[str, Any]:
    query = t.ItaItem.select().where((t.ItaItem.school == school_id) & (t.ItaItem.id == item_id))
    if variant_id is not None:
        query = query.where(t.ItaItem.variant == variant_id)
    row = await query.first()
    if row is None:
        raise NotFound("ข้อของเกณฑ์ ITA")
    return dict(row)


async def delete_item(actor: Actor, item_id: int) -> None:
    require(actor, Permission.MANAGE_SCHOOL)
    async with write_transaction():
        before = await _item_row(actor.school_id, item_id)
        await t.ItaItem.delete().where(t.ItaItem.id == item_id)
        await audit.record(actor, "delete", "ita_item", item_id, before=audit.snapshot(before))


async def get_item(school_id: int, item_id: int) -> Item:
    return _item(await _item_row(school_id, item_id))
