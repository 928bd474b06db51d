"""Vendor business types, as printed after a winner's name ("บริษัท … (ขายปลีก)")."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from types import MappingProxyType


class BusinessType(StrEnum):
    WHOLESALE = "wholesale"
    RETAIL = "retail"
    SERVICE = "service"
    MANUFACTURING = "manufacturing"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS: Mapping[BusinessType, str] = MappingProxyType(
    {
        BusinessType.WHOLESALE: "ขายส่ง",
        BusinessType.RETAIL: "ขายปลีก",
        BusinessType.SERVICE: "ให้บริการ",
        BusinessType.MANUFACTURING: "ผลิต",
    }
)
