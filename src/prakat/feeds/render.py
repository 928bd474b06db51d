"""One entry point for every format."""

from __future__ import annotations

from collections.abc import Sequence

from prakat.feeds.jsonfeed import json_feed
from prakat.feeds.model import FeedDescription, Item
from prakat.feeds.xml import atom, rss


def render(description: FeedDescription, items: Sequence[Item], fmt: str) -> bytes:
    """The feed document in ``fmt`` ("rss", "atom" or "json"), UTF-8 bytes."""
    if fmt == "rss":
        return rss(description, items)
    if fmt == "atom":
        return atom(description, items)
    if fmt == "json":
        return json_feed(description, items)
    raise ValueError(f"unknown feed format {fmt!r}")
