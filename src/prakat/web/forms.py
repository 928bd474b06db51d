"""Form plumbing shared by the workspace controllers."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Annotated, Any

from litestar.enums import RequestEncodingType
from litestar.params import Body

# A submitted HTML form, as a plain dict of strings.
FormData = Annotated[dict[str, Any], Body(media_type=RequestEncodingType.URL_ENCODED)]


def options(enum: type[StrEnum]) -> list[tuple[str, str]]:
    """(value, Thai label) pairs for a <select>."""
    return [(member.value, str(getattr(member, "label", member.value))) for member in enum]


def form_date(day: date) -> str:
    """A date the way teachers type it: 3/11/2568 (day/month/B.E. year)."""
    return f"{day.day}/{day.month}/{day.year + 543}"


def ticked(values: dict[str, Any], name: str, marker: str) -> dict[str, Any]:
    """An unticked checkbox sends nothing at all: the form's hidden ``marker`` says it was on the page,
    so its absence means "off" rather than "unchanged"."""
    if values.get(marker) and name not in values:
        values[name] = "0"
    values.pop(marker, None)
    return values
