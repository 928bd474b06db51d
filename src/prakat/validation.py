"""Turn what a person typed (form fields, pasted Excel cells, JSON) into typed values, collecting one
Thai message per bad field. Used by every service, so a rule holds the same way in pages and the API."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any, TypeVar

from prakat.errors import InvalidInput
from prakat.money import validate_amount
from prakat.thai import parse_baht, parse_thai_date, validate_egp_project_number, validate_tax_id
from prakat.thai.errors import ThaiValueError

E = TypeVar("E", bound=StrEnum)
T = TypeVar("T")


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

    def read(self, name: str, label: str, required: bool, parse: Callable[[Any], T]) -> T | None:
        """Read one field with ``parse``; its ValueError becomes the field's Thai message."""
        value = self.raw.get(name)
        if isinstance(value, str):
            problem = bidi_problem(value)
            if problem is not None:
                self.fail(name, label, problem)
                return None
            value = clean(value)
        if _is_blank(value):
            if required:
                self.fail(name, label, "กรุณากรอกข้อมูล")
            return None
        try:
            return parse(value)
        except (ThaiValueError, ValueError, TypeError) as exc:
            self.fail(name, label, str(exc))
            return None

    def text(self, name: str, label: str, *, required: bool = True, max_length: int = 500) -> str:
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
