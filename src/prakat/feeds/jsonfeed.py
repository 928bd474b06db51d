"""JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/), typed: feedgen does not write it.

Pagination: JSON Feed's ``next_url`` points at older items, so the main feed's ``next_url`` is its
RFC 5005 ``prev-archive`` page and each archive page's ``next_url`` the page before it. The RFC 5005
links themselves are carried in the ``_rfc5005`` extension object (JSON Feed extensions start with
an underscore and are ignored by readers that do not know them).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Final

import msgspec

from prakat.feeds.model import FeedDescription, Item, clean

VERSION: Final = "https://jsonfeed.org/version/1.1"


class Author(msgspec.Struct, frozen=True, kw_only=True, omit_defaults=True):
    name: str
    url: str | None = None


class Attachment(msgspec.Struct, frozen=True, kw_only=True, omit_defaults=True):
    url: str
    mime_type: str
    size_in_bytes: int | None = None
    title: str | None = None


class JsonItem(msgspec.Struct, frozen=True, kw_only=True, omit_defaults=True):
    id: str
    url: str
    title: str
    content_html: str
    summary: str
    date_published: datetime
    date_modified: datetime
    tags: tuple[str, ...] = ()
    attachments: tuple[Attachment, ...] = ()


class History(msgspec.Struct, frozen=True, kw_only=True, omit_defaults=True):
    """RFC 5005 in JSON: the same links as the RSS and Atom documents carry."""

    about: str = "https://www.rfc-editor.org/rfc/rfc5005"
    archive: bool = False
    current: str | None = None
    prev_archive: str | None = None
    next_archive: str | None = None


class JsonFeed(msgspec.Struct, frozen=True, kw_only=True, omit_defaults=True):
    version: str
    title: str
    home_page_url: str
    feed_url: str
    description: str
    language: str
    authors: tuple[Author, ...]
    items: tuple[JsonItem, ...]
    next_url: str | None = None
    rfc5005: History | None = msgspec.field(default=None, name="_rfc5005")


def _item(item: Item) -> JsonItem:
    attachments: tuple[Attachment, ...] = ()
    if item.enclosure is not None:
        attachments = (
            Attachment(
                url=item.enclosure.url,
                mime_type=item.enclosure.type,
                size_in_bytes=item.enclosure.length,
                title="ประกาศฉบับ PDF",
            ),
        )
    return JsonItem(
        id=item.id,
        url=item.url,
        title=item.title,
        content_html=item.summary_html,
        summary=item.summary,
        date_published=item.published,
        date_modified=item.updated,
        tags=tuple(c.label for c in item.categories),
        attachments=attachments,
    )


def json_feed(description: FeedDescription, items: Sequence[Item]) -> bytes:
    history = None
    if description.is_archive or description.prev_archive is not None:
        history = History(
            archive=description.is_archive,
            current=description.current_url("json") if description.is_archive else None,
            prev_archive=description.archive_url(description.prev_archive, "json"),
            next_archive=description.archive_url(description.next_archive, "json"),
        )
    feed = JsonFeed(
        version=VERSION,
        title=clean(description.title),
        home_page_url=description.home_url,
        feed_url=description.self_url("json"),
        description=clean(description.description),
        language="th",
        authors=(Author(name=clean(description.school_name), url=description.school_url),),
        items=tuple(_item(i) for i in items),
        next_url=description.archive_url(description.prev_archive, "json"),
        rfc5005=history,
    )
    return msgspec.json.format(msgspec.json.encode(feed), indent=2) + b"\n"
