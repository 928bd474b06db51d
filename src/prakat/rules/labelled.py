"""Enumerations whose members carry their Thai label beside their stored value."""

from __future__ import annotations

from enum import StrEnum
from typing import Self


class LabelledEnum(StrEnum):
    """A StrEnum whose members are written ``BUY = "buy", "ซื้อ"``: the value the database and the API
    keep (never rename one), then the Thai label people read (``ProcurementKind.BUY.label``)."""

    label: str

    # ``label`` has a default for the type checker only: ``Role("head")`` looks a member up by its
    # value (Enum's own call, which never reaches this), and every member here names its label.
    def __new__(cls, value: str, label: str = "") -> Self:
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        return member
