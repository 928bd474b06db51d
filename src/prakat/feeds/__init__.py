"""Feeds: published entries in, RSS 2.0 / Atom / JSON Feed 1.1 bytes out.

The only importer of feedgen. Everything here takes plain typed data (a list of
``prakat.publicentry.PublicEntry`` and a small ``FeedDescription``) and returns bytes; it never
queries the database and never reads the clock, so the same entries always give the same bytes
(and the same ETag). ``prakat.feeds.files`` decides which feeds a school has and prepares them to be
served; the feed store (``prakat.feeds.store``) writes them to disk and holds them in memory. The
entries come from the feed service (``prakat.feedsync``), which reads the database.

One code path for all three formats: ``items()`` turns entries into ``Item`` values once (title,
summary, links, enclosure, categories, GUID, times); ``render()`` writes them as RSS, Atom or JSON.
"""

from prakat.feeds.archive import ArchivePage, archive_pages, current_entries, page_of
from prakat.feeds.model import (
    EMPTY_UPDATED,
    FORMATS,
    MEDIA_TYPES,
    Category,
    Enclosure,
    FeedDescription,
    Item,
    feed_id,
    guid,
    item_of,
    items,
)
from prakat.feeds.render import render

__all__ = [
    "EMPTY_UPDATED",
    "FORMATS",
    "MEDIA_TYPES",
    "ArchivePage",
    "Category",
    "Enclosure",
    "FeedDescription",
    "Item",
    "archive_pages",
    "current_entries",
    "feed_id",
    "guid",
    "item_of",
    "items",
    "page_of",
    "render",
]
