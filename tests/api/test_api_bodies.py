"""The request bodies documented at /schema are what the parsers read.

Each body's schema is read back from /schema/openapi.json; hypothesis-jsonschema writes bodies that the
schema calls valid, they go through the API's own JSON decoding into the parser the route calls, and
the parser must accept them, or refuse only with a rule across fields that the body's description
documents (a method over its budget limit, a contract dated before the award, …). Enum values and
required fields are checked against the parser both ways: a listed choice is taken, an unlisted one is
refused; a required field missing is refused, an optional one missing is not.
"""

from __future__ import annotations

import typing
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import httpx
import msgspec
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis_jsonschema import from_schema

from prakat import urls
from prakat.announcements import service as announcements
from prakat.announcements.schemas import DraftText, ReturnComment
from prakat.errors import InvalidInput
from prakat.plans import service as plans
from prakat.plans.schemas import ItemMove, PlanCreate, PlanItemCreate
from prakat.procurements import service as procurements
from prakat.validation import parse
from prakat.vendors import service as vendors
from prakat.web.api.common import decode

V = urls.API
PLAN_YEAR = 2569  # the plan an item is added to


@dataclass(frozen=True)
class Case:
    """The parser a route hands its body to, and the refusals its description documents: field →
    a piece of the Thai message (a rule across fields, or a check digit no schema can state)."""

    parser: Callable[[Mapping[str, Any]], Any]
    documented: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


def _parse_item(raw: Mapping[str, Any]) -> PlanItemCreate:
    return plans.parse_plan_item(raw, PLAN_YEAR)


def _struct_parser(cls: type[msgspec.Struct]) -> Callable[[Mapping[str, Any]], Any]:
    def parser(raw: Mapping[str, Any]) -> Any:
        return parse(cls, raw)

    parser.__annotations__["return"] = cls
    return parser


PROCUREMENT = Case(
    procurements.parse_procurement,
    {
        "method": ("",),  # check_method's verdict on the method, the budget and the fiscal year's law
        "egp_project_number": ("ไม่ตรงกับปีงบประมาณ",),
        "requested_on": ("ไม่มีกฎเกณฑ์การจัดซื้อจัดจ้างสำหรับปีงบประมาณ",),
        # The terms its announcements print, in order (ProcurementCreate's description).
        "documents_until": ("ต้องไม่ก่อน",),
        "bid_on": ("ต้องไม่ก่อน",),
        "bid_until": ("ต้องหลัง",),
        "hearing_until": ("ต้องไม่ก่อน", "วันทำการ"),
    },
)
ITEM = Case(_parse_item, {"expected_month": (f"ต้องอยู่ในปีงบประมาณ {PLAN_YEAR}",)})
CASES: dict[tuple[str, str], Case] = {
    (f"{V}/vendors", "post"): Case(vendors.parse_vendor, {"tax_id": ("เลขตรวจสอบ (หลักที่ 13) ไม่ถูกต้อง",)}),
    (f"{V}/plans", "post"): Case(_struct_parser(PlanCreate)),
    (f"{V}/plans/{{plan_id}}/items", "post"): ITEM,
    (f"{V}/plans/{{plan_id}}/items/{{item_id}}", "put"): ITEM,
    (f"{V}/plans/{{plan_id}}/items/{{item_id}}/move", "post"): Case(_struct_parser(ItemMove)),
    (f"{V}/procurements", "post"): PROCUREMENT,
    (f"{V}/procurements/{{procurement_id}}", "put"): PROCUREMENT,
    (f"{V}/procurements/{{procurement_id}}/bids", "post"): Case(procurements.parse_bid),
    (f"{V}/procurements/{{procurement_id}}/award", "put"): Case(
        procurements.parse_award, {"contract_date": ("ต้องไม่ก่อนวันที่คัดเลือก",)}
    ),
    (f"{V}/announcements", "post"): Case(
        announcements.parse_draft,
        {
            "year_be": ("กรุณาเลือกปีงบประมาณ",),
            "quarter": ("กรุณาเลือกไตรมาส",),
            "month": ("กรุณาเลือกเดือน",),
            "supersedes_id": ("กรุณาเลือกประกาศที่ต้องการแก้ไขหรือยกเลิก",),
            "body": ("กรุณาระบุเหตุผลของการแก้ไขหรือยกเลิก",),
        },
    ),
    (f"{V}/announcements/{{announcement_id}}", "patch"): Case(_struct_parser(DraftText)),
    (f"{V}/announcements/{{announcement_id}}/return", "post"): Case(_struct_parser(ReturnComment)),
}


@dataclass(frozen=True)
class Body:
    where: tuple[str, str]
    schema: dict[str, Any]
    example: dict[str, Any]
    case: Case


@pytest.fixture
async def bodies(client: httpx.AsyncClient) -> list[Body]:
    document = (await client.get("/schema/openapi.json")).json()
    found = []
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            if not isinstance(operation, dict) or "requestBody" not in operation:
                continue
            schema = operation["requestBody"]["content"]["application/json"]["schema"]
            example = schema["examples"][0]
            found.append(Body((path, method), schema, example, CASES[(path, method)]))
    assert {body.where for body in found} == set(CASES)  # a new body joins this test
    return found


def _errors(case: Case, raw: Mapping[str, Any]) -> dict[str, str]:
    """What the parser says of ``raw`` after the API's own JSON decoding: {} when it is accepted."""
    try:
        case.parser(decode(msgspec.json.encode(raw)))
    except InvalidInput as refused:
        return refused.errors
    return {}


# What reading one field says; never a rule across fields.
FIELD_LEVEL = ("กรุณากรอกข้อมูล", "ไม่อยู่ในรายการที่เลือกได้")


def _undocumented(case: Case, errors: Mapping[str, str]) -> dict[str, str]:
    return {
        name: message
        for name, message in errors.items()
        if any(piece in message for piece in FIELD_LEVEL)
        or not any(piece in message for piece in case.documented.get(name, ()))
    }


def _generated(schema: Mapping[str, Any]) -> st.SearchStrategy[dict[str, Any]]:
    """Objects valid under the body's schema, with no names beside the documented ones. Each value comes
    from hypothesis-jsonschema; the object is put together here (its object strategy does not run on
    this Hypothesis)."""
    required = set(schema.get("required", []))
    values = {name: from_schema(prop) for name, prop in schema["properties"].items()}
    return st.fixed_dictionaries(
        {name: values[name] for name in required},
        optional={name: strategy for name, strategy in values.items() if name not in required},
    )


def _is_written_decimal(value: Any) -> bool:
    """A JSON number with at most two decimals as written. hypothesis-jsonschema makes multiples of
    0.01 by multiplying floats, which now and then gives 0.35000000000000003: JSON Schema's float
    arithmetic calls it a multiple of 0.01, but it is not a number a client writes for an amount."""
    if isinstance(value, float):
        text = msgspec.json.encode(value).decode()
        return "e" not in text.lower() and len(text.partition(".")[2]) <= 2
    if isinstance(value, dict):
        return all(_is_written_decimal(v) for v in value.values())
    return True


async def test_each_documented_body_is_its_parsers_struct(bodies: list[Body]) -> None:
    for body in bodies:
        struct = typing.get_type_hints(body.case.parser)["return"]
        assert body.schema["title"] == struct.__name__, body.where


async def test_the_documented_example_is_accepted(bodies: list[Body]) -> None:
    for body in bodies:
        assert _errors(body.case, body.example) == {}, body.where


def _check_generated(body: Body) -> None:
    @settings(
        max_examples=60,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    )
    @given(_generated(body.schema).filter(_is_written_decimal))
    def accepted(raw: dict[str, Any]) -> None:
        assert _undocumented(body.case, _errors(body.case, raw)) == {}, (body.where, raw)

    accepted()


async def test_every_schema_valid_body_is_accepted_or_refused_as_documented(bodies: list[Body]) -> None:
    for body in bodies:
        _check_generated(body)


def _choices(schema: Mapping[str, Any]) -> list[Any] | None:
    if "enum" in schema:
        return list(schema["enum"])
    for choice in schema.get("anyOf", []):
        if "enum" in choice:
            return list(choice["enum"])
    return None


async def test_a_listed_choice_is_taken_and_an_unlisted_one_refused(bodies: list[Body]) -> None:
    checked = 0
    for body in bodies:
        for name, prop in body.schema["properties"].items():
            choices = _choices(prop)
            if choices is None:
                continue
            for value in choices:
                errors = _errors(body.case, {**body.example, name: value})
                assert "ไม่อยู่ในรายการที่เลือกได้" not in errors.get(name, ""), (body.where, name, value)
                assert "ต้องเป็น" not in errors.get(name, ""), (body.where, name, value)
                assert _undocumented(body.case, errors) == {}, (body.where, name, value)
            unlisted = 0 if all(isinstance(c, int) for c in choices) else "not-a-choice"
            assert name in _errors(body.case, {**body.example, name: unlisted}), (body.where, name)
            checked += 1
    assert checked >= 8  # kinds, methods, sources, categories, business types, the move's offset


async def test_required_fields_are_the_parsers(bodies: list[Body]) -> None:
    for body in bodies:
        required = set(body.schema.get("required", []))
        assert required, body.where
        for name in body.schema["properties"]:
            without = {k: v for k, v in body.example.items() if k != name}
            errors = _errors(body.case, without)
            if name in required:
                assert name in errors, (body.where, name)
            else:
                assert errors == {}, (body.where, name)
