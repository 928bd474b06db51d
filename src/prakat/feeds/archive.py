"""RFC 5005 archived feeds over the publication sequence.

The school's main feed (the subscription document) holds the newest ``FEED_PAGE`` entries. Archive
page k holds the entries with sequence ``FEED_PAGE*(k-1)+1 … FEED_PAGE*k``: fixed blocks of the
gap-free per-school publication sequence, so once a page is complete (its last sequence published)
its entries, its links and its bytes never change again and it can be cached for good.

Links: the main feed's ``prev-archive`` is the newest complete page (every newer entry is in the main
feed itself). Page k links ``prev-archive`` k-1 (when k > 1) and ``current`` (the main feed); a
complete page also links ``next-archive`` k+1, which always exists: the next complete page, or the
"open" page that collects the entries published since the last complete one (possibly none yet). The
open page has no ``next-archive`` and is the only page that still changes. Following
``prev-archive`` from the main feed reaches every entry; the archive pages hold each entry exactly
once.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import msgspec

from prakat.publicentry import PublicEntry
from prakat.urls import FEED_PAGE


class ArchivePage(msgspec.Struct, frozen=True, kw_only=True):
    page: int
    entries: tuple[PublicEntry, ...]  # newest first
    complete: bool  # its last sequence is published: the page never changes again
    prev_archive: int | None
    next_archive: int | None


def page_of(sequence: int) -> int:
    """The archive page that holds a publication sequence number (1-based)."""
    return (sequence - 1) // FEED_PAGE + 1


def newest_sequence(entries: Iterable[PublicEntry]) -> int:
    return max((e.sequence for e in entries), default=0)


def complete_pages(newest: int) -> int:
    return newest // FEED_PAGE


def current_entries(entries: Iterable[PublicEntry]) -> list[PublicEntry]:
    """The main feed's entries: the newest FEED_PAGE publications, newest first."""
    return sorted(entries, key=lambda e: e.sequence, reverse=True)[:FEED_PAGE]


def main_prev_archive(newest: int) -> int | None:
    """The main feed's ``prev-archive``: the newest complete page, if any."""
    return complete_pages(newest) or None


def archive_pages(entries: Sequence[PublicEntry]) -> list[ArchivePage]:
    """Every archive page of the school: the complete ones and the open one."""
    newest = newest_sequence(entries)
    complete = complete_pages(newest)
    by_page: dict[int, list[PublicEntry]] = {}
    for e in entries:
        by_page.setdefault(page_of(e.sequence), []).append(e)
    pages = []
    for page in range(1, complete + 2):
        done = page <= complete
        pages.append(
            ArchivePage(
                page=page,
                entries=tuple(sorted(by_page.get(page, ()), key=lambda e: e.sequence, reverse=True)),
                complete=done,
                prev_archive=page - 1 if page > 1 else None,
                next_archive=page + 1 if done else None,
            )
        )
    return pages
