"""The feed service: keeps each school's feed files in step with what it published, and answers feed
requests from them.

The feed store (``prakat.feeds.store``) writes, loads and holds the files but never reads the
database; this module does the database side: it reads the school and its published entries (the
read model) and hands them to the store after every publication in this process, at startup
(``warm``), for ``prakat publish-feeds`` (``publish_all``), and whenever a worker holds nothing of a
school: then it checks the files against the database with one small query (the published
announcements' ids, sequences, times and PDF digests, the school's name, the base URL and the feed
format): equal, they are loaded; different (a database restored, the base URL changed, a new Prakat
version), they are rebuilt. That is the only database read on the serving side besides building
on-demand feeds.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from prakat import events, readmodel
from prakat.db import tables as t
from prakat.errors import NotFound
from prakat.feeds.files import FeedFile, SchoolInfo
from prakat.feeds.store import FeedStore, SchoolFeeds
from prakat.publicentry import Filters
from prakat.schools.service import SLUG, get_school, get_school_by_slug, list_schools
from prakat.settings import Settings
from prakat.workflow import AnnouncementStatus

log = logging.getLogger(__name__)


async def _published_rows(school_id: int) -> list[tuple[int, int, datetime, str | None]]:
    rows = await t.Announcement.select(
        t.Announcement.id, t.Announcement.sequence, t.Announcement.published_at, t.Announcement.pdf_sha256
    ).where((t.Announcement.school == school_id) & (t.Announcement.status == AnnouncementStatus.PUBLISHED))
    return [(r["id"], r["sequence"], r["published_at"], r["pdf_sha256"]) for r in rows]


class FeedSync:
    """The feeds of every school for one ``feeds_dir`` and base URL, kept in step with the database
    (one per app or CLI process)."""

    def __init__(self, settings: Settings) -> None:
        self.store = FeedStore(settings)
        self.base_url = self.store.base_url

    async def school(self, slug: str) -> SchoolFeeds:
        """The school's current feeds: from memory when the files have not changed (no database, the
        hot path), from disk when another process rebuilt them, else checked against the database."""
        held = await self.store.held(slug)
        return held if held is not None else await self.ensure(slug)

    async def ensure(self, slug: str) -> SchoolFeeds:
        """Files that match the database, in memory: loaded when they do, rebuilt when they do not.
        An unknown school is NotFound."""
        if not SLUG.match(slug):
            raise NotFound("โรงเรียน")
        async with self.store.lock(slug):
            found = await get_school_by_slug(slug)
            school = SchoolInfo(id=found.id, slug=found.slug, name=found.name)
            state = self.store.state(school, await _published_rows(school.id))
            loaded = await self.store.loaded_if(slug, state)
            if loaded is not None:
                return loaded
            async with self.store.exclusive(slug):
                # Another process may have rebuilt them while this one waited for the lock.
                loaded = await self.store.loaded_if(slug, state)
                return loaded if loaded is not None else await self._rebuild(school)

    async def rebuild(self, school_id: int) -> SchoolFeeds:
        """Build and write every standard feed of the school from the database (after a publication)."""
        found = await get_school(school_id)
        school = SchoolInfo(id=found.id, slug=found.slug, name=found.name)
        async with self.store.lock(school.slug), self.store.exclusive(school.slug):
            return await self._rebuild(school)

    async def _rebuild(self, school: SchoolInfo) -> SchoolFeeds:
        """Read and hand over; under the school's lock in this process and across processes. The
        database is read after the lock is taken: a rebuild that swaps later read later, so the files
        never go back to what an earlier, slower rebuild saw."""
        return await self.store.write(school, await readmodel.entries(school.id))

    async def feed(self, slug: str, filters: Filters, fmt: str) -> FeedFile:
        school_feeds = await self.school(slug)
        found = school_feeds.standard(filters, fmt)
        if found is None:
            found = self.store.held_on_demand(school_feeds, filters, fmt)
        if found is None:
            # A filtered feed outside the standard set: built from the database once per generation.
            entries = await readmodel.entries(school_feeds.school.id, filters)
            found = await self.store.on_demand(school_feeds, filters, fmt, entries)
        return found

    async def archive(self, slug: str, page: int, fmt: str) -> FeedFile:
        return (await self.school(slug)).archive(page, fmt)

    async def warm(self) -> None:
        """At startup: every school's files checked against the database (rebuilt when stale)."""
        try:
            for school in await list_schools():
                await self.ensure(school.slug)
        except Exception:
            log.exception("warming the feeds failed; they are built on first request instead")

    async def publish_all(self, slugs: Sequence[str] | None = None) -> list[SchoolFeeds]:
        """Rebuild and write the files of the given schools (default: every school)."""
        chosen = [await get_school_by_slug(s) for s in slugs] if slugs else await list_schools()
        return [await self.rebuild(school.id) for school in chosen]


# --- after publication -------------------------------------------------------------------------

_services: dict[tuple[str, str], FeedSync] = {}


async def _rebuild_after_publication(school_id: int) -> None:
    for service in list(_services.values()):
        await service.rebuild(school_id)


def listen(settings: Settings) -> FeedSync:
    """The feed service for these settings, rebuilding after every publication in this process (a
    new one replaces an earlier one with the same feeds folder and base URL)."""
    service = FeedSync(settings)
    _services[(str(Path(settings.feeds_dir).resolve()), service.base_url)] = service
    events.on_published(_rebuild_after_publication)
    return service
