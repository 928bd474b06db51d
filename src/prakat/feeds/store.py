"""The feed store: every standard feed of a school (``prakat.feeds.files``), written to ``feeds/`` for
static hosting, and kept in memory (bytes, gzip, strong ETag, Last-Modified) for the app to serve
without a database query. It takes the entries it is given and never reads the database: the feed
service (``prakat.feedsync``) reads the published entries and hands them over, after a publication,
at startup and when the files do not match the database.

Files. ``<feeds_dir>/<slug>`` is a symbolic link to ``.generations/<slug>/<generation>/``, which
holds ``announcements.{rss,atom,json}``, ``q/<canonical query>/announcements.*`` (kind=… and
year=…), ``archive/<page>.*``, a ``.gz`` beside each file (for nginx ``gzip_static``) and
``manifest.json``. A write makes a complete new generation directory under a temporary name,
renames it into place, and then swaps the link with ``os.replace`` (atomic): a reader (nginx, a
``cp -rL`` to a school's host, another worker) sees the old set or the new one, never a mix. The
generation name is the newest publication sequence and a hash of the content, so building the same
data twice changes nothing. Old generations are removed, keeping the previous one for readers still
on it. File times are set to each feed's Last-Modified, so nginx sends the same Last-Modified as the
app.

Several worker processes. Each worker keeps its own memory cache; a publication is handled (and the
files rebuilt) by one of them. Every request first reads the school's link (one ``readlink``, about a
microsecond, no database): when the link names another generation than the one in memory, the worker
loads that generation from disk (still no database) before answering. The link is written last by a
rebuild, so it is the generation marker: a worker never serves older feeds than the files. A rebuild
takes an exclusive ``flock`` on the school (``.generations/<slug>/.lock``, see ``exclusive``) before
the database is read and keeps it until the link is swapped, so rebuilds of one school in several
processes run one after the other, each reading after the previous one swapped: a slow rebuild that
read before a publication cannot replace the files of the rebuild that followed it.

The state of a generation (``state_of``) is a digest of what its files were built from: the feed
service compares it with the database's (one small query) when a worker has nothing in memory for a
school, and loads the files when they match (``loaded_if``).
"""

from __future__ import annotations

import asyncio
import fcntl
import hashlib
import os
import shutil
import uuid
from collections import OrderedDict
from collections.abc import AsyncIterator, Iterable, Sequence
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Final

import msgspec

from prakat import feeds
from prakat.errors import NotFound
from prakat.feeds.archive import newest_sequence
from prakat.feeds.files import (
    NO_FILTERS,
    FeedFile,
    SchoolInfo,
    archive_path,
    build_on_demand,
    build_school,
    feed_path,
)
from prakat.publicentry import Filters, PublicEntry
from prakat.settings import Settings

# Bump when the same entries give different feed bytes (a change in prakat.feeds): every install
# then rebuilds its files on the next start.
FORMAT: Final = 1
GENERATIONS: Final = ".generations"
MANIFEST: Final = "manifest.json"
# Memory per process: a school's standard feeds are about 1 MB (plus gzip), an on-demand feed at most
# about 80 KB. The least recently asked are dropped (and read again from disk when asked).
MAX_SCHOOLS: Final = 64
MAX_ON_DEMAND: Final = 512


# --- state: what the files were built from -------------------------------------------------------


def _instant(value: datetime) -> str:
    aware = value if value.tzinfo is not None else value.replace(tzinfo=UTC)
    return aware.astimezone(UTC).strftime("%Y%m%dT%H%M%S.%f")


def state_of(school: SchoolInfo, base_url: str, rows: Iterable[tuple[int, int, datetime, str | None]]) -> str:
    """A digest of everything the files depend on: the school, the base URL, the feed format, and
    each published announcement (id, sequence, publication time, PDF digest; its content is frozen)."""
    h = hashlib.sha256(f"{FORMAT}\n{base_url}\n{school.id}\n{school.slug}\n{school.name}\n".encode())
    for announcement_id, sequence, at, pdf in sorted(rows, key=lambda r: r[1]):
        h.update(f"{announcement_id} {sequence} {_instant(at)} {pdf or ''}\n".encode())
    return h.hexdigest()


# --- memory ------------------------------------------------------------------------------------


@dataclass
class SchoolFeeds:
    """One generation of a school's feeds, as this process holds it."""

    school: SchoolInfo
    target: str  # the link's target: the generation
    state: str
    newest_sequence: int
    files: dict[str, FeedFile]

    def standard(self, filters: Filters, fmt: str) -> FeedFile | None:
        """The standard feed for these filters, or None when they need a feed built on demand."""
        return self.files.get(feed_path(fmt, "" if filters is NO_FILTERS else filters.query()))

    def archive(self, page: int, fmt: str) -> FeedFile:
        found = self.files.get(archive_path(page, fmt))
        if found is None:
            raise NotFound("หน้าฟีดฉบับเก็บนี้")
        return found


class _FileEntry(msgspec.Struct, frozen=True):
    last_modified: datetime
    cache_control: str


class Manifest(msgspec.Struct, frozen=True, kw_only=True):
    format: int
    school_id: int
    slug: str
    name: str
    state: str
    newest_sequence: int
    files: dict[str, _FileEntry]


# --- disk --------------------------------------------------------------------------------------


def _write_file(path: Path, data: bytes, when: datetime) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    stamp = when.timestamp()
    os.utime(path, (stamp, stamp))


def _write_generation(root: Path, school: SchoolInfo, manifest: Manifest, files: dict[str, FeedFile]) -> str:
    """Write a complete generation directory (under a temporary name, then renamed); its name."""
    content = hashlib.sha256(msgspec.json.encode(manifest))
    for path in sorted(files):
        content.update(path.encode() + b"\0" + files[path].body)
    name = f"{manifest.newest_sequence:08d}-{content.hexdigest()[:16]}"
    base = root / GENERATIONS / school.slug
    final = base / name
    if (final / MANIFEST).is_file():
        return name  # the same data was built before
    temporary = base / f".tmp-{uuid.uuid4().hex}"
    for path, f in files.items():
        _write_file(temporary / path, f.body, f.last_modified)
        _write_file(temporary / f"{path}.gz", f.gzip, f.last_modified)
    (temporary / MANIFEST).write_bytes(msgspec.json.encode(manifest))  # last: marks it complete
    if final.exists():
        shutil.rmtree(final)  # left incomplete by a crash
    temporary.rename(final)
    return name


def _read_manifest(directory: Path) -> Manifest | None:
    try:
        return msgspec.json.decode((directory / MANIFEST).read_bytes(), type=Manifest)
    except (OSError, msgspec.DecodeError, msgspec.ValidationError):
        return None


def _target(link: str) -> str | None:
    try:
        return os.readlink(link)
    except OSError:
        return None


def _load(root: Path, target: str) -> SchoolFeeds | None:
    """A generation from disk, or None when it is incomplete or gone (removed by a newer rebuild)."""
    directory = root / target
    manifest = _read_manifest(directory)
    if manifest is None or manifest.format != FORMAT:
        return None
    loaded = {}
    try:
        for path, meta in manifest.files.items():
            body = (directory / path).read_bytes()
            digest = hashlib.sha256(body).hexdigest()[:32]
            loaded[path] = FeedFile(
                path=path,
                body=body,
                gzip=(directory / f"{path}.gz").read_bytes(),
                etag=f'"{digest}"',
                gzip_etag=f'"{digest}-gz"',
                last_modified=meta.last_modified,
                media_type=feeds.MEDIA_TYPES[path.rsplit(".", 1)[1]],
                cache_control=meta.cache_control,
            )
    except OSError:
        return None
    return SchoolFeeds(
        school=SchoolInfo(id=manifest.school_id, slug=manifest.slug, name=manifest.name),
        target=target,
        state=manifest.state,
        newest_sequence=manifest.newest_sequence,
        files=loaded,
    )


@asynccontextmanager
async def _exclusive(lock_file: Path) -> AsyncIterator[None]:
    """An exclusive lock across processes (flock), waited for without blocking the event loop."""
    lock_file.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(lock_file, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                await asyncio.sleep(0.02)
        yield
    finally:
        os.close(fd)  # releases the lock


def _publish(
    root: Path, school: SchoolInfo, state: str, newest: int, files: dict[str, FeedFile]
) -> SchoolFeeds:
    """Write a new generation and point the school's link at it (called under the school's lock)."""
    base = root / GENERATIONS / school.slug
    link = root / school.slug
    previous = _target(str(link))
    manifest = Manifest(
        format=FORMAT,
        school_id=school.id,
        slug=school.slug,
        name=school.name,
        state=state,
        newest_sequence=newest,
        files={p: _FileEntry(f.last_modified, f.cache_control) for p, f in sorted(files.items())},
    )
    name = _write_generation(root, school, manifest, files)
    target = f"{GENERATIONS}/{school.slug}/{name}"
    if previous != target:
        if link.is_dir() and not link.is_symlink():
            shutil.rmtree(link)  # not one of our links: replaced whole
        temporary = root / f".{school.slug}.{uuid.uuid4().hex}.link"
        os.symlink(target, temporary)
        os.replace(temporary, link)  # atomic: readers see the old set or the new one
    # Keep the previous generation for readers still on it; the rest (and crash leftovers) go.
    keep = {name, Path(previous).name if previous else ""}
    for old in base.iterdir():
        if old.is_dir() and old.name not in keep:
            shutil.rmtree(old, ignore_errors=True)
    return SchoolFeeds(school=school, target=target, state=state, newest_sequence=newest, files=files)


# --- the store ---------------------------------------------------------------------------------


class FeedStore:
    """Feeds of every school for one ``feeds_dir`` and base URL (one per app or CLI process): the
    files, what this process holds of them in memory, and the locks a rebuild takes."""

    def __init__(self, settings: Settings) -> None:
        self.root = Path(settings.feeds_dir)
        self.base_url = settings.base_url.rstrip("/")
        self._schools: OrderedDict[str, SchoolFeeds] = OrderedDict()
        self._locks: dict[str, asyncio.Lock] = {}
        # On-demand feeds by (generation, query, format): a new generation is a new key.
        self._on_demand: OrderedDict[tuple[str, str, str], FeedFile] = OrderedDict()

    def lock(self, slug: str) -> asyncio.Lock:
        """The school's lock in this process (``exclusive`` is the one across processes)."""
        return self._locks.setdefault(slug, asyncio.Lock())

    def exclusive(self, slug: str) -> AbstractAsyncContextManager[None]:
        """The school's lock across processes: held from reading the database to swapping the link."""
        return _exclusive(self.root / GENERATIONS / slug / ".lock")

    def _remember(self, school_feeds: SchoolFeeds) -> SchoolFeeds:
        slug = school_feeds.school.slug
        self._schools[slug] = school_feeds
        self._schools.move_to_end(slug)
        while len(self._schools) > MAX_SCHOOLS:
            self._schools.popitem(last=False)
        return school_feeds

    def _link(self, slug: str) -> str:
        return os.path.join(self.root, slug)

    async def held(self, slug: str) -> SchoolFeeds | None:
        """The school's current feeds without the database (the hot path): from memory when the
        files have not changed, from disk when another process rebuilt them; None when this process
        holds nothing of the school (then the files must be checked against the database)."""
        held = self._schools.get(slug)
        if held is not None:
            target = _target(self._link(slug))
            if target == held.target:
                self._schools.move_to_end(slug)
                return held
            if target is not None:
                loaded = await asyncio.to_thread(_load, self.root, target)
                if loaded is not None:
                    return self._remember(loaded)
        return None

    def state(self, school: SchoolInfo, rows: Iterable[tuple[int, int, datetime, str | None]]) -> str:
        """``state_of`` for this store's base URL."""
        return state_of(school, self.base_url, rows)

    async def loaded_if(self, slug: str, state: str) -> SchoolFeeds | None:
        """The school's files on disk, when they were built from ``state``."""
        target = _target(self._link(slug))
        if target is None:
            return None
        held = self._schools.get(slug)
        if held is not None and held.target == target and held.state == state:
            return held
        loaded = await asyncio.to_thread(_load, self.root, target)
        return self._remember(loaded) if loaded is not None and loaded.state == state else None

    async def write(self, school: SchoolInfo, entries: Sequence[PublicEntry]) -> SchoolFeeds:
        """Build every standard feed of the school from all its published entries, write them and
        swap the link; called under the school's locks (``lock`` and ``exclusive``)."""
        state = self.state(school, ((e.id, e.sequence, e.published_at, e.pdf_sha256) for e in entries))
        newest = newest_sequence(entries)
        # CPU-bound (feedgen, gzip) and file writes: off the event loop.
        files = await asyncio.to_thread(build_school, school, entries, self.base_url)
        built = await asyncio.to_thread(_publish, self.root, school, state, newest, files)
        return self._remember(built)

    def held_on_demand(self, school_feeds: SchoolFeeds, filters: Filters, fmt: str) -> FeedFile | None:
        """A filtered feed outside the standard set, when this generation's was built already."""
        key = (school_feeds.target, filters.query(), fmt)
        made = self._on_demand.get(key)
        if made is not None:
            self._on_demand.move_to_end(key)
        return made

    async def on_demand(
        self, school_feeds: SchoolFeeds, filters: Filters, fmt: str, entries: Sequence[PublicEntry]
    ) -> FeedFile:
        """Build (and keep, once per generation) the filtered feed of the entries matching ``filters``."""
        made = await asyncio.to_thread(
            build_on_demand, school_feeds.school, entries, filters, fmt, self.base_url
        )
        self._on_demand[(school_feeds.target, filters.query(), fmt)] = made
        while len(self._on_demand) > MAX_ON_DEMAND:
            self._on_demand.popitem(last=False)
        return made
