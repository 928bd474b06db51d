"""RSS 2.0 and Atom through feedgen, with its known faults worked around here:

* Atom entry links lose rel/type/length (feedgen issues #135, #143): the enclosure would disappear
  and the entry's link would become the PDF. An entry extension rewrites the entry's links.
* ``updated``/``lastBuildDate`` default to "now": both are set to the newest entry's time, so the
  same entries always give the same bytes.
* ``add_entry()`` prepends: entries are appended in our own order (newest publication first).
* The RSS channel ``<link>`` is the last ``link()`` given: ``self`` first, ``alternate`` last.
* RFC 5005 links (``prev-archive``, ``next-archive``, ``current``) and ``<fh:archive/>`` are written
  by a feed extension, as ``atom:link`` elements in RSS (RFC 5005, appendix B).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final

from feedgen.ext.base import BaseEntryExtension, BaseExtension
from feedgen.feed import FeedGenerator
from feedgen.util import xml_elem  # lxml, through feedgen (which depends on it)

from prakat.feeds.model import MEDIA_TYPES, FeedDescription, Item, clean, updated

ATOM_NS: Final = "http://www.w3.org/2005/Atom"
HISTORY_NS: Final = "http://purl.org/syndication/history/1.0"  # RFC 5005
GENERATOR: Final = "Prakat"


def _media_type(fmt: str) -> str:
    return MEDIA_TYPES[fmt].split(";")[0]


class _History(BaseExtension):  # type: ignore[misc]
    """Feed level: RFC 5005 links and the archive marker."""

    def __init__(self) -> None:
        self.links: list[tuple[str, str, str]] = []  # (rel, href, type)
        self.archive = False

    def extend_ns(self) -> dict[str, str]:
        return {"fh": HISTORY_NS} if self.archive else {}

    def _add(self, parent: Any, tag: str) -> None:
        for rel, href, media_type in self.links:
            xml_elem(tag, parent, href=href, rel=rel, type=media_type)
        if self.archive:
            xml_elem(f"{{{HISTORY_NS}}}archive", parent)

    def extend_atom(self, feed: Any) -> Any:
        # feedgen builds Atom elements without a namespace and sets xmlns as a plain attribute.
        self._add(feed, "link")
        return feed

    def extend_rss(self, feed: Any) -> Any:
        self._add(feed.find("channel"), f"{{{ATOM_NS}}}link")
        return feed


class _NoEntryExtension(BaseEntryExtension):  # type: ignore[misc]
    pass


class _NoFeedExtension(BaseExtension):  # type: ignore[misc]
    pass


class _AtomLinks(BaseEntryExtension):  # type: ignore[misc]
    """Entry level, Atom only: the entry's links as they should be (feedgen drops rel/type/length)."""

    def __init__(self) -> None:
        self.item: Item | None = None

    def extend_atom(self, entry: Any) -> Any:
        assert self.item is not None
        written = entry.findall("link")  # feedgen's Atom elements carry no namespace (see _History)
        position = entry.index(written[0]) if written else len(entry)
        for element in written:
            entry.remove(element)
        entry.insert(position, xml_elem("link", href=self.item.url, rel="alternate", type="text/html"))
        if self.item.enclosure is not None:
            enclosure = self.item.enclosure
            entry.insert(
                position + 1,
                xml_elem(
                    "link",
                    href=enclosure.url,
                    rel="enclosure",
                    type=enclosure.type,
                    length=str(enclosure.length),
                ),
            )
        return entry


def _generator(description: FeedDescription, items: Sequence[Item], fmt: str) -> FeedGenerator:
    fg = FeedGenerator()
    fg.register_extension("prakat_history", _History, _NoEntryExtension, atom=True, rss=True)
    fg.register_extension("prakat_links", _NoFeedExtension, _AtomLinks, atom=True, rss=False)
    fg.id(description.id)
    fg.title(clean(description.title))
    fg.description(clean(description.description))
    fg.author({"name": clean(description.school_name), "uri": description.school_url})
    fg.language("th")
    fg.generator(GENERATOR)
    fg.link(href=description.self_url(fmt), rel="self", type=_media_type(fmt))
    fg.link(href=description.home_url, rel="alternate", type="text/html")  # last: the RSS <link>
    fg.updated(updated(items))

    history: _History = fg.prakat_history
    history.archive = description.is_archive
    if description.is_archive:
        history.links.append(("current", description.current_url(fmt), _media_type(fmt)))
    for rel, page in (("prev-archive", description.prev_archive), ("next-archive", description.next_archive)):
        href = description.archive_url(page, fmt)
        if href is not None:
            history.links.append((rel, href, _media_type(fmt)))

    for item in items:
        fe = fg.add_entry(order="append")
        fe.id(item.id)  # also the RSS guid, isPermaLink="false"
        fe.title(item.title)
        fe.link(href=item.url, rel="alternate", type="text/html")
        fe.summary(item.summary_html, type="html")  # also the RSS description (HTML, escaped)
        fe.published(item.published)
        fe.updated(item.updated)
        if item.enclosure is not None:
            fe.enclosure(item.enclosure.url, str(item.enclosure.length), item.enclosure.type)
        for c in item.categories:
            fe.category({"term": c.term, "label": c.label} | ({"scheme": c.scheme} if c.scheme else {}))
        fe.prakat_links.item = item
    return fg


def rss(description: FeedDescription, items: Sequence[Item]) -> bytes:
    data: bytes = _generator(description, items, "rss").rss_str(pretty=True, encoding="UTF-8")
    return data


def atom(description: FeedDescription, items: Sequence[Item]) -> bytes:
    data: bytes = _generator(description, items, "atom").atom_str(pretty=True, encoding="UTF-8")
    return data
