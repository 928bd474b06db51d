"""A published announcement as the public reads it, the groups people follow and the filters over
entries: plain data, no database.

The read model (``prakat.readmodel``) makes these entries from published announcements; pages, the
embed, the public JSON and the feeds (``prakat.feeds``) take them. Kept apart from the read model so
that the feeds can take entries without depending on the database.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import Final
from urllib.parse import urlencode

import msgspec

from prakat.rules import AnnouncementKind, BudgetSource, Method

K = AnnouncementKind

# The groups people follow (one feed each); a filter's `kind` is a group name or one kind's value.
GROUPS: Final[Mapping[str, tuple[AnnouncementKind, ...]]] = {
    "plan": (K.PLAN, K.PLAN_REVISION, K.NO_PLAN_STATEMENT),
    "reference_price": (K.REFERENCE_PRICE, K.TOR_HEARING),
    "invitation": (K.INVITATION,),
    "winner": (K.WINNER, K.QUARTERLY_WINNERS),
    "change": (K.INVITATION_CHANGE, K.WINNER_CHANGE),
    "cancellation": (K.INVITATION_CANCEL, K.WINNER_CANCEL),
    "monthly_summary": (K.MONTHLY_SUMMARY,),
    "report": (K.ANNUAL_REPORT,),
}
GROUP_LABELS: Final[Mapping[str, str]] = {
    "plan": "แผนการจัดซื้อจัดจ้าง",
    "reference_price": "ราคากลาง",
    "invitation": "ประกาศเชิญชวน",
    "winner": "ประกาศผู้ชนะ",
    "change": "ประกาศแก้ไข",
    "cancellation": "ประกาศยกเลิก",
    "monthly_summary": "สรุปผลการจัดซื้อจัดจ้างรายเดือน",
    "report": "รายงานผลการจัดซื้อจัดจ้าง",
}
GROUP_OF: Final[Mapping[AnnouncementKind, str]] = {k: g for g, kinds in GROUPS.items() for k in kinds}


class PublicEntry(msgspec.Struct, frozen=True, kw_only=True):
    """One published announcement. Amounts are exact decimal values; times are aware (UTC)."""

    school_slug: str
    school_name: str
    id: int
    sequence: int  # the school's gap-free publication order: the cursor of the changes feed
    number: str  # "12/2569"
    kind: str
    kind_label: str
    group: str
    egp_code: str | None
    subject: str
    summary: str  # Thai, Arabic digits: what, method, amount, winner
    year_be: int
    announced_on: date
    published_at: datetime
    method: str | None = None
    budget_source: str | None = None
    budget: Decimal | None = None
    winner: str | None = None
    agreed_price: Decimal | None = None
    procurement_id: int | None = None
    plan_id: int | None = None
    quarter: int | None = None
    supersedes_id: int | None = None
    pdf_sha256: str | None = None
    pdf_size: int | None = None
    # Who a quarterly winners announcement names, and what they supplied: found by the text search.
    listed: tuple[str, ...] = ()

    @property
    def method_label(self) -> str:
        return Method(self.method).label if self.method else ""

    @property
    def budget_source_label(self) -> str:
        return BudgetSource(self.budget_source).label if self.budget_source else ""


class Filters(msgspec.Struct, frozen=True, kw_only=True):
    """What a list page or a feed shows. The same filters carry from a page to its feed URL."""

    kind: str | None = None  # a group name or a kind value
    year: int | None = None  # fiscal year, B.E.
    month: int | None = None  # 1-12, the calendar month of the announcement date
    method: str | None = None
    source: str | None = None  # budget source
    q: str | None = None  # Thai text search

    def is_empty(self) -> bool:
        return self == Filters()

    def query(self) -> str:
        """The canonical query string ("" when empty): the same filters give the same URL."""
        pairs = [(name, getattr(self, name)) for name in Filters.__struct_fields__]
        return urlencode([(n, str(v)) for n, v in pairs if v not in (None, "")])

    def kinds(self) -> frozenset[AnnouncementKind] | None:
        if self.kind is None:
            return None
        if self.kind in GROUPS:
            return frozenset(GROUPS[self.kind])
        return frozenset({AnnouncementKind(self.kind)})


def _normalise(text: str) -> str:
    return unicodedata.normalize("NFC", text).casefold()


def matches(entry: PublicEntry, f: Filters) -> bool:
    kinds = f.kinds()
    if kinds is not None and AnnouncementKind(entry.kind) not in kinds:
        return False
    if f.year is not None and entry.year_be != f.year:
        return False
    if f.month is not None and entry.announced_on.month != f.month:
        return False
    if f.method is not None and entry.method != f.method:
        return False
    if f.source is not None and entry.budget_source != f.source:
        return False
    if f.q:
        words = (entry.subject, entry.summary, entry.number, entry.winner or "", *entry.listed)
        haystack = _normalise(" ".join(words))
        return all(word in haystack for word in _normalise(f.q).split())
    return True
