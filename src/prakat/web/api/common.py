"""What every resource of the JSON API shares: reading JSON, the documented request bodies and errors,
the query readers (fiscal year, statuses) and the guard for editing."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

import msgspec
from litestar import Request
from litestar.exceptions import SerializationException
from litestar.openapi import ResponseSpec
from litestar.openapi.spec import Example
from litestar.params import Body

from prakat.auth.roles import Permission
from prakat.errors import InvalidInput
from prakat.plans.schemas import FISCAL_YEAR_LABEL, read_fiscal_year
from prakat.validation import Fields, input_schema
from prakat.web.auth import requires

EDIT = [requires(Permission.EDIT)]
JsonObject = dict[str, Any]

# --- JSON in ----------------------------------------------------------------------------------------

_DECODER = msgspec.json.Decoder(float_hook=Decimal)


def decode(raw: bytes) -> Any:
    """JSON as the API reads it: a number with a fraction is the Decimal written, never a float."""
    return _DECODER.decode(raw or b"null")


class ApiRequest(Request[Any, Any, Any]):
    """Reads JSON numbers with a fraction as Decimal: 12500.25 arrives as Decimal("12500.25"), never as
    the float nearest to it."""

    async def json(self) -> Any:
        try:
            return decode(await self.body())
        except msgspec.DecodeError as exc:
            raise SerializationException(str(exc)) from exc


def body(struct: type[msgspec.Struct], example: dict[str, Any]) -> Any:
    """``Body(...)`` documenting a JSON object as ``struct`` declares it: the schema of what the
    service's parse of that struct reads (:func:`prakat.validation.input_schema`), with an example."""
    schema = input_schema(struct)
    return Body(
        title=struct.__name__,
        description=schema.get("description"),
        schema_extra={"properties": schema["properties"], "required": schema.get("required", [])},
        examples=[Example(summary="ตัวอย่าง (example)", value=example)],
    )


# --- query strings ----------------------------------------------------------------------------------


def query_year(year: int | None) -> int | None:
    """``?year=``, read as the body field ``year_be`` is (the same Thai messages)."""
    if year is None:
        return None
    f = Fields({"year": year})
    checked = f.read("year", FISCAL_YEAR_LABEL, True, read_fiscal_year)
    f.check()
    return checked


def statuses(given: list[str] | None, labels: Mapping[str, str]) -> tuple[str, ...]:
    """Statuses from the query (all of them when none is given); an unknown one is a 400."""
    if not given:
        return tuple(labels)
    unknown = [s for s in given if s not in labels]
    if unknown:
        choices = ", ".join(labels)
        raise InvalidInput({"status": f"สถานะ: ไม่อยู่ในรายการที่เลือกได้ ({choices})"}, {"status": given})
    return tuple(dict.fromkeys(given))


# --- errors, for the schema only ---------------------------------------------------------------------


class ErrorBody(msgspec.Struct):
    """An error: a short Thai title and a Thai sentence saying what happened."""

    error: str
    detail: str


class InvalidInputBody(msgspec.Struct):
    """Bad input: a Thai message per field, the same one the form shows beside the field."""

    error: str
    fields: dict[str, str]


_ERRORS: Mapping[int, ResponseSpec] = {
    400: ResponseSpec(
        data_container=InvalidInputBody,
        description="ข้อมูลไม่ถูกต้อง (invalid input: a Thai message per field)",
        examples=[
            Example(value={"error": "ข้อมูลไม่ถูกต้อง", "fields": {"budget": "งบประมาณ (บาท): กรุณากรอกข้อมูล"}})
        ],
    ),
    401: ResponseSpec(data_container=ErrorBody, description="ไม่มีโทเค็น โทเค็นผิด หรือถูกเพิกถอน (no valid token)"),
    403: ResponseSpec(data_container=ErrorBody, description="บทบาทของผู้ใช้ไม่มีสิทธิ์ (the role may not)"),
    404: ResponseSpec(
        data_container=ErrorBody, description="ไม่พบ หรือเป็นของโรงเรียนอื่น (not found, or another school's)"
    ),
    409: ResponseSpec(
        data_container=ErrorBody,
        description="ขัดกับสถานะ เช่น เผยแพร่แล้วจึงแก้ไขไม่ได้ (conflicts with the state, e.g. published)",
    ),
}


def errors(*codes: int) -> dict[int, ResponseSpec]:
    """The error responses a route documents: always 401 and 403, plus ``codes``."""
    return {code: _ERRORS[code] for code in sorted({401, 403, *codes})}
