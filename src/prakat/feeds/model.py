"""What a feed says, independent of its format: the feed's description and one ``Item`` per entry.

GUIDs. An entry's GUID (RSS ``guid``, Atom ``id``, JSON Feed ``id``) must never change and never be
reused, or feed readers show old announcements again or drop new ones. It is a name-based UUID
(RFC 9562 version 5, as ``urn:uuid:…``) of the school's slug, the announcement id and the time of
publication (UTC, to the second). All three are frozen by the publishing transaction: the slug of a
school cannot be edited, the id and ``published_at`` are set once and a published announcement is
never changed (a correction is a new announcement, with its own id, time and GUID). Deliberately
left out: the host of ``PRAKAT_BASE_URL`` (a school that moves to its own domain would otherwise
re-announce its whole history) and the date of a ``tag:`` URI's authority (a tag needs a domain the
school owned on that date, which a school on an area office's install does not have). The
publication time guards against a reused id: a database restored from an old backup, or the demo
loaded again, numbers announcements from the same ids, but never at the same second.
"""

from __future__ import annotations

import html
import re
import uuid
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime
from typing import Final

import msgspec

from prakat import urls
from prakat.publicentry import GROUP_LABELS, PublicEntry
from prakat.thai import BANGKOK, format_date_full

FORMATS: Final = urls.FEED_FORMATS  # ("rss", "atom", "json")
MEDIA_TYPES: Final[Mapping[str, str]] = {
    "rss": "application/rss+xml; charset=utf-8",
    "atom": "application/atom+xml; charset=utf-8",
    "json": "application/feed+json; charset=utf-8",
}
# The time of a feed with no entries yet: the day the Public Procurement Act B.E. 2560 came into
# force. A fixed value keeps an empty feed's bytes (and ETag) the same from build to build.
EMPTY_UPDATED: Final = datetime(2017, 8, 23, tzinfo=UTC)
# Our namespace for name-based UUIDs (uuid5 of the URL namespace and "https://prakat.invalid/").
NAMESPACE: Final = uuid.uuid5(uuid.NAMESPACE_URL, "https://prakat.invalid/")
PDF_TYPE: Final = "application/pdf"
# The taxonomy of the e-GP announcement codes (P0, W0, …): the e-GP system that defines them.
EGP_SCHEME: Final = "https://process3.gprocurement.go.th/"


def guid(slug: str, announcement_id: int, published_at: datetime) -> str:
    """The permanent GUID of a published announcement (see the module docstring)."""
    when = published_at.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    return uuid.uuid5(NAMESPACE, f"prakat/{slug}/announcement/{announcement_id}/{when}").urn


def feed_id(slug: str, query: str = "") -> str:
    """The permanent id of a feed: the school's main feed (and its RFC 5005 archive pages, which are
    parts of the same logical feed) or one filtered feed, named by its canonical query."""
    return uuid.uuid5(NAMESPACE, f"prakat/{slug}/feed?{query}").urn


class Enclosure(msgspec.Struct, frozen=True, kw_only=True):
    url: str
    length: int
    type: str = PDF_TYPE


class Category(msgspec.Struct, frozen=True, kw_only=True):
    term: str  # machine-readable: the kind, the group, the e-GP code, the fiscal year
    label: str  # what people read (Thai)
    scheme: str | None = None


class Item(msgspec.Struct, frozen=True, kw_only=True):
    """One entry as every format writes it."""

    id: str  # the GUID
    sequence: int
    title: str  # plain text
    summary: str  # plain text
    summary_html: str  # the same, as HTML (RSS descriptions are HTML)
    url: str  # the announcement's page
    enclosure: Enclosure | None
    categories: tuple[Category, ...]
    published: datetime  # Bangkok time
    updated: datetime  # = published: an entry is never rewritten


class FeedDescription(msgspec.Struct, frozen=True, kw_only=True):
    """One feed document, whatever its format. ``query`` is the canonical ``Filters.query()`` of a
    filtered feed ("" for the main feed); ``page`` is set on an RFC 5005 archive page of the main
    feed, whose neighbours are ``prev_archive`` and ``next_archive`` (the main feed itself has a
    ``prev_archive``: the newest complete archive page)."""

    base_url: str
    slug: str
    school_name: str
    title: str
    description: str
    query: str = ""
    page: int | None = None
    prev_archive: int | None = None
    next_archive: int | None = None

    @property
    def id(self) -> str:
        return feed_id(self.slug, self.query)

    @property
    def is_archive(self) -> bool:
        return self.page is not None

    def absolute(self, path: str) -> str:
        return urls.absolute(self.base_url, path)

    def self_url(self, fmt: str) -> str:
        if self.page is not None:
            return self.absolute(urls.feed_archive(self.slug, self.page, fmt))
        return self.absolute(urls.feed(self.slug, fmt, self.query))

    def current_url(self, fmt: str) -> str:
        return self.absolute(urls.feed(self.slug, fmt, self.query))

    def archive_url(self, page: int | None, fmt: str) -> str | None:
        return None if page is None else self.absolute(urls.feed_archive(self.slug, page, fmt))

    @property
    def school_url(self) -> str:
        return self.absolute(urls.school(self.slug))

    @property
    def home_url(self) -> str:
        """The list page showing the same entries."""
        return self.absolute(urls.announcements(self.slug, self.query))


# Characters XML 1.0 cannot carry at all (control characters such as the vertical tab Excel puts in
# pasted cells, lone surrogates, U+FFFE/U+FFFF). lxml refuses them; they are dropped from feed text.
_NOT_XML = re.compile("[^\\t\\n\\r\\x20-\\ud7ff\\ue000-\\ufffd\\U00010000-\\U0010ffff]")


def clean(text: str) -> str:
    """Text as any feed format can carry it: characters XML forbids are dropped."""
    return _NOT_XML.sub("", text)


def _summary(entry: PublicEntry) -> str:
    day = format_date_full(entry.announced_on, thai_digits=False)
    return clean(f"{entry.summary} (ประกาศเลขที่ {entry.number} ลงวันที่ {day})")


def item_of(entry: PublicEntry, base_url: str) -> Item:
    """The feed item of one published entry: everything any format needs, computed once."""
    summary = _summary(entry)
    enclosure = None
    if entry.pdf_sha256 is not None and entry.pdf_size is not None:
        enclosure = Enclosure(
            url=urls.absolute(base_url, urls.announcement_pdf(entry.school_slug, entry.id)),
            length=entry.pdf_size,
        )
    categories = [Category(term=entry.kind, label=clean(entry.kind_label))]
    if entry.group != entry.kind:
        categories.append(Category(term=entry.group, label=GROUP_LABELS[entry.group]))
    if entry.egp_code:
        categories.append(Category(term=entry.egp_code, label=f"e-GP {entry.egp_code}", scheme=EGP_SCHEME))
    categories.append(Category(term=str(entry.year_be), label=f"ปีงบประมาณ {entry.year_be}"))
    published = entry.published_at.astimezone(BANGKOK)
    return Item(
        id=guid(entry.school_slug, entry.id, entry.published_at),
        sequence=entry.sequence,
        title=clean(entry.subject),
        summary=summary,
        summary_html=f"<p>{html.escape(summary)}</p>",
        url=urls.absolute(base_url, urls.announcement(entry.school_slug, entry.id)),
        enclosure=enclosure,
        categories=tuple(categories),
        published=published,
        updated=published,
    )


def items(entries: Iterable[PublicEntry], base_url: str) -> list[Item]:
    """Items newest publication first (by the gap-free publication sequence, not by clock time)."""
    return [item_of(e, base_url) for e in sorted(entries, key=lambda e: e.sequence, reverse=True)]


def updated(items: Sequence[Item]) -> datetime:
    """A feed's own time: its newest entry's (never "now", so rebuilding gives the same bytes)."""
    return max((i.updated for i in items), default=EMPTY_UPDATED.astimezone(BANGKOK))
