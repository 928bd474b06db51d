"""Vendor business types, as printed after a winner's name: a vendor may be several, and e-GP prints
them in parentheses, comma-separated with no space ("บริษัท … (ขายส่ง,ขายปลีก,ให้บริการ)")."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType

from prakat.rules.labelled import LabelledEnum


class BusinessType(LabelledEnum):
    WHOLESALE = "wholesale", "ขายส่ง"
    RETAIL = "retail", "ขายปลีก"
    SERVICE = "service", "ให้บริการ"
    MANUFACTURING = "manufacturing", "ผลิต"


_BY_LABEL: Mapping[str, BusinessType] = MappingProxyType({kind.label: kind for kind in BusinessType})


def business_types(values: Iterable[str]) -> tuple[BusinessType, ...]:
    """The set of types named by ``values`` (machine values or Thai labels, blanks ignored), once each
    and in one order (the order of :class:`BusinessType`, e-GP's). ValueError names an unknown one."""
    found: set[BusinessType] = set()
    for value in values:
        text = str(value).strip()
        if not text:
            continue
        kind = _BY_LABEL.get(text)
        if kind is None:
            try:
                kind = BusinessType(text)
            except ValueError:
                raise ValueError(f"ไม่มีประเภท “{text}” ในรายการที่เลือกได้") from None
        found.add(kind)
    return tuple(kind for kind in BusinessType if kind in found)


def business_types_label(values: Iterable[str]) -> str:
    """ "ขายส่ง,ขายปลีก,ให้บริการ": as e-GP prints them inside the parentheses after a name ("" for none)."""
    return ",".join(kind.label for kind in business_types(values))
