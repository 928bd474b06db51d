"""Turn what a person typed (form fields, pasted Excel cells, JSON) into typed values, collecting one
Thai message per bad field. Used by every service, so a rule holds the same way in pages and the API.

An input is declared once, as a msgspec Struct whose field types say what each field is (enums for
choices, ``Decimal`` money, dates, ``Meta`` for the Thai label as ``title`` and the limits). From that
one declaration come both the reading (:meth:`Fields.struct`, the same Thai messages for the forms, the
Excel import and the API) and the JSON schema of what the reading accepts (:func:`input_schema`, the
request bodies of the OpenAPI document). A field whose type says too little (a month typed as text, a
fiscal year) names its reader with :class:`Read`.
"""

from __future__ import annotations

import dataclasses
import functools
import types
import typing
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import Enum, StrEnum
from typing import Annotated, Any, TypeVar

import msgspec

from prakat.errors import InvalidInput
from prakat.money import MAX_BAHT, validate_amount
from prakat.thai import parse_baht, parse_thai_date, validate_egp_project_number, validate_tax_id
from prakat.thai.errors import ThaiValueError

E = TypeVar("E", bound=StrEnum)
T = TypeVar("T")
S = TypeVar("S", bound=msgspec.Struct)

REQUIRED = "กรุณากรอกข้อมูล"
TEXT_LIMIT = 500  # characters of a text field that does not say otherwise


# C0 control characters other than tab and newlines, and DEL: pasted from odd sources, invisible on
# screen, and NUL is refused by PostgreSQL outright (SQLite would keep it).
_CONTROL = dict.fromkeys([*range(0, 9), 11, 12, *range(14, 32), 127])


# Invisible formatting characters with no place in Thai procurement text (soft hyphen, zero-width
# space and joiners, word joiner, invisible operators, BOM): pasted from Word or the web, they change
# nothing a reader sees but split searches and line breaks. Removed like the control characters.
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u180e\u200b\u200c\u200d\u2060\u2061\u2062\u2063\u2064\ufeff"))
_STRIPPED = {**_CONTROL, **_INVISIBLE}

# Bidirectional controls (embeddings, overrides, isolates, marks): in a published document an override
# reorders the template's own words around the field ("ซื้อSrtl abc"), so text holding one is refused,
# with the character named, rather than silently changed.
BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
BIDI_MESSAGE = (
    "มีอักขระควบคุมทิศทางข้อความที่มองไม่เห็น (U+{code:04X}) ซึ่งทำให้ข้อความในเอกสารสลับตำแหน่ง กรุณาลบข้อความนี้แล้วพิมพ์ใหม่"
)


def clean(text: str) -> str:
    """Text as a person meant it: without invisible control and formatting characters."""
    return text.translate(_STRIPPED)


def bidi_problem(text: str) -> str | None:
    """The Thai message for text that holds a bidirectional control, or None."""
    found = next((c for c in text if c in BIDI_CONTROLS), None)
    return None if found is None else BIDI_MESSAGE.format(code=ord(found))


def checked_text(text: str, name: str, label: str) -> str:
    """Free text (an announcement's body, a comment) read alone: cleaned, or InvalidInput naming the field
    when it holds a bidirectional control."""
    problem = bidi_problem(text)
    if problem is not None:
        raise InvalidInput({name: f"{label}: {problem}"}, {name: text})
    return clean(text)


def _is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


class Fields:
    """Reads fields from ``raw`` one by one; ``check()`` raises InvalidInput with every problem found."""

    def __init__(self, raw: Mapping[str, Any]) -> None:
        self.raw = raw
        self.errors: dict[str, str] = {}

    def fail(self, name: str, label: str, message: str) -> None:
        # The first problem of a field is the one worth showing.
        self.errors.setdefault(name, f"{label}: {message}")

    def read(
        self, name: str, label: str, required: bool, parse: Callable[[Any], T], *, blank: str = REQUIRED
    ) -> T | None:
        """Read one field with ``parse``; its ValueError becomes the field's Thai message. A required
        field left blank gets ``blank``."""
        value = self.raw.get(name)
        if isinstance(value, str):
            problem = bidi_problem(value)
            if problem is not None:
                self.fail(name, label, problem)
                return None
            value = clean(value)
        if _is_blank(value):
            if required:
                self.fail(name, label, blank)
            return None
        try:
            return parse(value)
        except (ThaiValueError, ValueError, TypeError) as exc:
            self.fail(name, label, str(exc))
            return None

    def text(self, name: str, label: str, *, required: bool = True, max_length: int = TEXT_LIMIT) -> str:
        def parse(value: Any) -> str:
            text = " ".join(str(value).split())
            if len(text) > max_length:
                raise ValueError(f"ยาวเกิน {max_length} ตัวอักษร")
            return text

        return self.read(name, label, required, parse) or ""

    def money(self, name: str, label: str, *, required: bool = True) -> Decimal | None:
        def parse(value: Any) -> Decimal:
            # JSON numbers arrive as int/float: str() keeps the digits the client wrote.
            amount = value if isinstance(value, Decimal) else parse_baht(str(value))
            return validate_amount(amount)

        return self.read(name, label, required, parse)

    def day(self, name: str, label: str, *, required: bool = True) -> date | None:
        def parse(value: Any) -> date:
            return value if isinstance(value, date) else parse_thai_date(str(value))

        return self.read(name, label, required, parse)

    def integer(
        self, name: str, label: str, *, required: bool = True, low: int = 0, high: int = 10**9
    ) -> int | None:
        def parse(value: Any) -> int:
            try:
                number = int(str(value).strip())
            except ValueError:
                raise ValueError("ต้องเป็นจำนวนเต็ม") from None
            if not low <= number <= high:
                raise ValueError(f"ต้องอยู่ระหว่าง {low} ถึง {high}")
            return number

        return self.read(name, label, required, parse)

    def choice(self, name: str, label: str, enum: type[E], *, required: bool = True) -> E | None:
        def parse(value: Any) -> E:
            try:
                return enum(str(value).strip())
            except ValueError:
                raise ValueError("ไม่อยู่ในรายการที่เลือกได้") from None

        return self.read(name, label, required, parse)

    def tax_id(self, name: str, label: str) -> str:
        return self.read(name, label, True, lambda value: validate_tax_id(str(value))) or ""

    def egp_project_number(self, name: str, label: str, fiscal_year_be: int | None) -> str | None:
        return self.read(
            name,
            label,
            False,
            lambda value: validate_egp_project_number(str(value), fiscal_year_be=fiscal_year_be),
        )

    def boolean(self, name: str, *, default: bool = False) -> bool:
        value = self.raw.get(name)
        if _is_blank(value):
            return default
        if isinstance(value, bool):
            return value
        return str(value).strip().lower() in {"1", "true", "on", "yes", "y", "ใช่"}

    def check(self) -> None:
        if self.errors:
            raise InvalidInput(self.errors, self.raw)

    def struct(self, cls: type[msgspec.Struct]) -> dict[str, Any]:
        """Every field ``cls`` declares, read as its type says, in declaration order: the values for
        ``cls(**values)`` once ``check()`` passes (a field with a problem is None, its message kept)."""
        values: dict[str, Any] = {}
        for field in fields_of(cls):
            value = _read_field(self, field)
            values[field.name] = field.default if value is None and not field.required else value
        return values


def parse(cls: type[S], raw: Mapping[str, Any]) -> S:
    """``cls`` read from ``raw`` by its declaration alone (an input with no rule across its fields)."""
    f = Fields(raw)
    values = f.struct(cls)
    f.check()
    return cls(**values)


# --- inputs declared as Structs ----------------------------------------------------------------------


@dataclass(frozen=True)
class Read:
    """Annotated beside a field's type when the type says too little: ``parse`` reads what was typed
    (its ValueError is the Thai message), ``schema`` is the JSON schema of what it accepts when that
    differs from the type's, ``blank`` the message for a required field left blank. With
    ``keep_blank`` a blank value is the text "" and only a missing key is refused."""

    parse: Callable[[Any], Any]
    schema: Mapping[str, Any] | None = dataclasses.field(default=None, hash=False, compare=False)
    blank: str = REQUIRED
    keep_blank: bool = False


@dataclass(frozen=True)
class Positive:
    """Annotated beside a ``Decimal``: the amount must be more than 0."""


POSITIVE = Positive()


@dataclass(frozen=True)
class Field:
    """One field of an input as :func:`fields_of` reads its declaration."""

    name: str
    label: str
    type: Any  # without Annotated and None
    required: bool
    default: Any
    meta: msgspec.Meta
    read: Read | None
    positive: bool


def _peel(annotation: Any) -> tuple[Any, list[Any]]:
    """The type under Annotated and ``| None``, and the Annotated metadata."""
    metadata: list[Any] = []
    while True:
        if typing.get_origin(annotation) is Annotated:
            annotation, *extra = typing.get_args(annotation)
            metadata.extend(extra)
        elif typing.get_origin(annotation) in (typing.Union, types.UnionType):
            choices = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(choices) != 1:
                raise TypeError(f"an input field is one type or None, not {annotation!r}")
            annotation = choices[0]
        else:
            return annotation, metadata


_META = ("ge", "le", "max_length", "title", "description")


def _merged(metas: list[msgspec.Meta]) -> msgspec.Meta:
    """One Meta of several (an alias with bounds, then the field's label): the last word wins."""
    given: dict[str, Any] = {}
    for meta in metas:
        given.update({name: getattr(meta, name) for name in _META if getattr(meta, name) is not None})
    return msgspec.Meta(**given)


@functools.cache
def fields_of(cls: type[msgspec.Struct]) -> tuple[Field, ...]:
    found = []
    for info in msgspec.structs.fields(cls):
        base, metadata = _peel(info.type)
        meta = _merged([m for m in metadata if isinstance(m, msgspec.Meta)])
        reads = [m for m in metadata if isinstance(m, Read)]
        if not meta.title:
            raise TypeError(f"{cls.__name__}.{info.name}: give the field its Thai label, Meta(title=...)")
        found.append(
            Field(
                name=info.name,
                label=meta.title,
                type=base,
                required=info.required,
                default=None if info.default is msgspec.NODEFAULT else info.default,
                meta=meta,
                read=reads[0] if reads else None,
                positive=POSITIVE in metadata,
            )
        )
    return tuple(found)


def label(cls: type[msgspec.Struct], name: str) -> str:
    """The Thai label ``cls`` declares for its field ``name``: for a message of a rule across fields."""
    return next(field.label for field in fields_of(cls) if field.name == name)


def _read_field(f: Fields, field: Field) -> Any:
    name, title, kind, meta = field.name, field.label, field.type, field.meta
    if field.read is not None:
        read = field.read
        if read.keep_blank:
            if field.required and name not in f.raw:
                f.fail(name, title, read.blank)
            return f.read(name, title, False, read.parse) or ""
        return f.read(name, title, field.required, read.parse, blank=read.blank)
    if kind is bool:
        return f.boolean(name, default=bool(field.default))
    if isinstance(kind, type) and issubclass(kind, StrEnum):
        return f.choice(name, title, kind, required=field.required)
    if kind is Decimal:
        amount = f.money(name, title, required=field.required)
        if field.positive and amount is not None and amount <= 0:
            f.fail(name, title, "ต้องมากกว่า 0")
        return amount
    if kind is date:
        return f.day(name, title, required=field.required)
    if kind is int:
        if meta.ge is None or meta.le is None:
            raise TypeError(f"{name}: an input integer declares its bounds, Meta(ge=..., le=...)")
        return f.integer(name, title, required=field.required, low=int(meta.ge), high=int(meta.le))
    if kind is str:
        return f.text(name, title, required=field.required, max_length=meta.max_length or TEXT_LIMIT)
    raise TypeError(f"{name}: no reader for {kind!r}; annotate it with Read(...)")


# --- the JSON schema of what the reading accepts -------------------------------------------------------

# Text with something in it once invisible control and formatting characters are dropped and spaces
# collapsed, and no bidirectional control anywhere (what Fields refuses).
_HIDDEN = "".join(f"\\u{c:04x}" for c in sorted(_INVISIBLE))
_BIDI = "".join(f"\\u{ord(c):04x}" for c in sorted(BIDI_CONTROLS))
NO_BIDI = f"^[^{_BIDI}]*$"
NOT_BLANK = f"^[^{_BIDI}]*[^\\s\\x00-\\x1f\\x7f{_HIDDEN}{_BIDI}][^{_BIDI}]*$"
# Baht as a JSON string: digits, at most two decimals, at most MAX_BAHT (the reader also takes
# "12,500.25", Thai digits and "12,500.-", as a form does); or as a JSON number, read as written.
_BAHT = "(0|[1-9][0-9]{0,12})(\\.[0-9]{1,2})?"
_BAHT_POSITIVE = "([1-9][0-9]{0,12}(\\.[0-9]{1,2})?|0\\.([1-9][0-9]?|0[1-9]))"
# ISO days of the years 2000-2399 (a four-digit year from 2400 up is read as a Buddhist-era year).
_ISO_DAY = "^2[0-3][0-9]{2}-[0-9]{2}-[0-9]{2}$"


_NOTES = {
    Decimal: 'จำนวนเงินบาท เป็นสตริง เช่น "12500.25" (รับ "12,500.25" ด้วย) หรือเป็นตัวเลข JSON ซึ่งอ่านตามที่เขียน; '
    "ทศนิยมไม่เกิน 2 ตำแหน่ง (baht, as a string or a JSON number read as written, at most 2 decimals)",
    date: "วันที่แบบ ISO เช่น 2025-11-03 (รับแบบไทย 3/11/2568 ด้วย) (an ISO day; a Thai day/month/B.E. year too)",
}


def _money_schema(positive: bool) -> list[dict[str, Any]]:
    number: dict[str, Any] = {"type": "number", "maximum": float(MAX_BAHT), "multipleOf": 0.01}
    number["exclusiveMinimum" if positive else "minimum"] = 0
    pattern = f"^{_BAHT_POSITIVE if positive else _BAHT}$"
    return [{"type": "string", "pattern": pattern}, number]


def _core(field: Field, generated: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The schemas (any of which) a present, non-null value of ``field`` may match."""
    if field.read is not None and field.read.schema is not None:
        return [dict(field.read.schema)]
    if field.type is Decimal:
        return _money_schema(field.positive)
    if field.type is date:
        return [{"type": "string", "format": "date", "pattern": _ISO_DAY}]
    if field.type is str and field.read is None:
        text: dict[str, Any] = {"type": "string", "maxLength": field.meta.max_length or TEXT_LIMIT}
        text["pattern"] = NOT_BLANK if field.required else NO_BIDI
        return [text]
    choices = generated.get("anyOf", [generated])
    keep = ("type", "enum", "minimum", "maximum", "maxLength", "pattern", "format")
    return [{k: v for k, v in c.items() if k in keep} for c in choices if c.get("type") != "null"]


def _inline(schema: Any, defs: Mapping[str, Any]) -> Any:
    if isinstance(schema, dict):
        if "$ref" in schema:
            found = defs[schema["$ref"].rsplit("/", 1)[1]]
            return _inline({**found, **{k: v for k, v in schema.items() if k != "$ref"}}, defs)
        return {k: _inline(v, defs) for k, v in schema.items()}
    if isinstance(schema, list):
        return [_inline(v, defs) for v in schema]
    return schema


@functools.cache
def _input_schema(cls: type[msgspec.Struct]) -> dict[str, Any]:
    generated = msgspec.json.schema(cls)
    declared = _inline(generated["$defs"][cls.__name__], generated["$defs"])
    properties: dict[str, Any] = {}
    for field in fields_of(cls):
        given = declared["properties"][field.name]
        schema: dict[str, Any] = {"title": field.label}
        description = field.meta.description or given.get("description") or _NOTES.get(field.type)
        if description:
            schema["description"] = description
        choices = _core(field, given)
        if not field.required:
            # A blank or null optional field takes its default.
            choices.append({"type": "null"})
            if field.default is not None:
                default = field.default
                schema["default"] = default.value if isinstance(default, Enum) else default
        if len(choices) == 1:
            schema.update(choices[0])
        else:
            schema["anyOf"] = choices
        properties[field.name] = schema
    body: dict[str, Any] = {"type": "object", "properties": properties}
    if cls.__doc__:
        body["description"] = " ".join(cls.__doc__.split())
    required = [f.name for f in fields_of(cls) if f.required]
    if required:
        body["required"] = required
    return body


def input_schema(cls: type[msgspec.Struct]) -> dict[str, Any]:
    """The JSON schema of the JSON objects :meth:`Fields.struct` reads into ``cls`` without a problem of
    any one field (rules across fields, documented beside them, may still refuse). A copy."""
    copy: dict[str, Any] = msgspec.json.decode(msgspec.json.encode(_input_schema(cls)))
    return copy
