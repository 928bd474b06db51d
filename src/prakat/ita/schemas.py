"""The ITA criteria and a self-check's result, as the services give them."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Final

import msgspec

from prakat.ita.evidence import Covers, Evidence

FISCAL_MONTH_NAMES: Final = (
    *("ตุลาคม", "พฤศจิกายน", "ธันวาคม", "มกราคม", "กุมภาพันธ์", "มีนาคม"),
    *("เมษายน", "พฤษภาคม", "มิถุนายน", "กรกฎาคม", "สิงหาคม", "กันยายน"),
)


class Item(msgspec.Struct, frozen=True, kw_only=True):
    id: int
    variant_id: int
    position: int
    code: str  # O11
    title: str
    covers: Covers
    evidence: tuple[Evidence, ...]
    months_from: int  # fiscal months, 1 = October
    months_to: int
    opens_on: date | None
    note: str

    @property
    def months_label(self) -> str:
        """ "เดือนที่ 1-6 ของปีงบประมาณ (ตุลาคม-มีนาคม)"."""
        if Evidence.MONTHLY_SUMMARIES not in self.evidence:
            return ""
        names = FISCAL_MONTH_NAMES
        if (self.months_from, self.months_to) == (1, 12):
            return "ทุกเดือนของปีงบประมาณ (ตุลาคม-กันยายน)"
        first, last = names[self.months_from - 1], names[self.months_to - 1]
        return f"เดือนที่ {self.months_from}-{self.months_to} ของปีงบประมาณ ({first}-{last})"


class Variant(msgspec.Struct, frozen=True, kw_only=True):
    id: int
    year_be: int  # the assessment year
    code: str
    title: str
    items: tuple[Item, ...] = ()


class Status(StrEnum):
    PASSED = "passed"
    FAILED = "failed"
    NOT_DUE = "not_due"  # nothing the item asks for is due yet

    @property
    def label(self) -> str:
        return {"passed": "ผ่าน", "failed": "ยังไม่ผ่าน", "not_due": "ยังไม่ถึงกำหนด"}[self.value]


class FileLink(msgspec.Struct, frozen=True):
    label: str  # PDF, XLSX, CSV
    url: str


class BundleLink(msgspec.Struct, frozen=True, kw_only=True):
    """A bundle of the monthly summaries an item asks for (a quarter, the first six months, the year:
    one PDF and one XLSX), with its files once one of its months is published, else none."""

    name: str  # q1 … q4, h1, year
    title: str  # "ไตรมาสที่ 1 (ตุลาคม - ธันวาคม)"
    published: int  # its months with a published summary
    months: int  # its months
    files: tuple[FileLink, ...] = ()


class EvidenceLink(msgspec.Struct, frozen=True, kw_only=True):
    """One published announcement that satisfies (part of) an item, with its files."""

    announcement_id: int
    kind_label: str
    number: str
    subject: str
    announced_on: date
    page_url: str
    files: tuple[FileLink, ...]


class ItemResult(msgspec.Struct, frozen=True, kw_only=True):
    item: Item
    fiscal_year_be: int  # the fiscal year the item covers
    status: Status
    reasons: tuple[str, ...]  # why it fails, in Thai, one line each
    notes: tuple[str, ...]  # what is not due yet, in Thai
    evidence: tuple[EvidenceLink, ...]
    bundles: tuple[BundleLink, ...] = ()  # for monthly summaries: the bundles assessors open

    @property
    def passed(self) -> bool:
        return self.status is Status.PASSED
