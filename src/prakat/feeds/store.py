"""The feed store: every standard feed of a school, built when something is published, written to
``feeds/`` for static hosting, and kept in memory (bytes, gzip, strong ETag, Last-Modified) for the
app to serve without a database query.

Standard feeds of a school, each as RSS, Atom and JSON Feed: all announcements (the newest
``urls.FEED_PAGE``, with RFC 5005 archive pages for the rest), one per kind group
(``readmodel.GROUPS``) and one per fiscal year with publications. Any other filter (text search,
month, method, budget source, combinations) gets a feed built on demand from ``readmodel.entries``
and cached per school generation.

Files. ``<feeds_dir>/<slug>`` is a symbolic link to ``.generations/<slug>/<generation>/``, which
holds ``announcements.{rss,atom,json}``, ``q/<canonical query>/announcements.*`` (kind=… and
year=…), ``archive/<page>.*``, a ``.gz`` beside each file (for nginx ``gzip_static``) and
``manifest.json``. A rebuild writes a complete new generation directory under a temporary name,
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
takes an exclusive ``flock`` on the school (``.generations/<slug>/.lock``) before it reads the
database and keeps it until the link is swapped, so rebuilds of one school in several processes run
one after the other, each reading after the previous one swapped: a slow rebuild that read before a
publication cannot replace the files of the rebuild that followed it.

When a worker has nothing in memory for a school (first request, evicted), it checks the files
against the database with one small query (the published announcements' ids, sequences, times and
PDF digests, the school's name, the base URL and ``FORMAT``): equal, it loads them; different (a
database restored, the base URL changed, a new Prakat version), it rebuilds. That is the only
database read on the serving side besides building on-demand feeds.
"""

from __future__ import annotations

import asyncio
import fcntl
import functools
import gzip
import hashlib
import logging
import os
import shutil
import uuid
from collections import OrderedDict
from collections.abc import AsyncIterator, Callable, Iterable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime
from pathlib import Path
from typing import Any, Final

import msgspec

from prakat import events, feeds, readmodel, urls
from prakat.db import tables as t
from prakat.errors import NotFound
from prakat.feeds.archive import main_prev_archive, newest_sequence
from prakat.feeds.model import updated as feed_updated
from prakat.readmodel import GROUP_LABELS, GROUPS, Filters, PublicEntry
from prakat.rules import AnnouncementKind, BudgetSource, Method
from prakat.schools.service import SLUG, get_school, get_school_by_slug, list_schools
from prakat.settings import Settings
from prakat.thai import THAI_MONTHS
from prakat.workflow import AnnouncementStatus

log = logging.getLogger(__name__)

# Bump when the same entries give different feed bytes (a change in prakat.feeds or here): every
# install then rebuilds its files on the next start.
FORMAT: Final = 1
CURRENT_CACHE: Final = "public, max-age=300"
ARCHIVE_CACHE: Final = "public, max-age=31536000, immutable"  # a complete archive page never changes
GENERATIONS: Final = ".generations"
MANIFEST: Final = "manifest.json"
# Memory per process: a school's standard feeds are about 1 MB (plus gzip), an on-demand feed at most
# about 80 KB. The least recently asked are dropped (and read again from disk when asked).
MAX_SCHOOLS: Final = 64
MAX_ON_DEMAND: Final = 512
NO_FILTERS: Final = Filters()  # the main feed's (the web layer passes this very object)


def feed_path(fmt: str, query: str = "") -> str:
    """Where a current feed lives inside a school's folder (and under which key it is cached)."""
    return f"q/{query}/announcements.{fmt}" if query else f"announcements.{fmt}"


def archive_path(page: int, fmt: str) -> str:
    return f"archive/{page}.{fmt}"


def describe(filters: Filters) -> str:
    """The filters in Thai words, e.g. "ประกาศผู้ชนะ · ปีงบประมาณ 2569" ("" for none)."""
    parts = []
    if filters.kind is not None:
        parts.append(GROUP_LABELS.get(filters.kind) or AnnouncementKind(filters.kind).label)
    if filters.year is not None:
        parts.append(f"ปีงบประมาณ {filters.year}")
    if filters.month is not None:
        parts.append(f"เดือน{THAI_MONTHS[filters.month - 1]}")
    if filters.method is not None:
        parts.append(Method(filters.method).label)
    if filters.source is not None:
        parts.append(BudgetSource(filters.source).label)
    if filters.q:
        parts.append(f"คำค้น “{filters.q}”")
    return " · ".join(parts)


def feed_title(school_name: str, filters: Filters) -> str:
    what = describe(filters)
    return f"ประกาศจัดซื้อจัดจ้าง {school_name}" + (f" — {what}" if what else "")


def _description(school_name: str, filters: Filters) -> str:
    what = describe(filters)
    return (
        f"ประกาศจัดซื้อจัดจ้างของ{school_name}"
        + (f" ({what})" if what else "")
        + f" {urls.FEED_PAGE} ฉบับล่าสุด พร้อมลิงก์ไฟล์ PDF ของประกาศ"
    )


def _http_date(value: datetime) -> str:
    return format_datetime(value.astimezone(UTC).replace(microsecond=0), usegmt=True)


Headers = tuple[tuple[bytes, bytes], ...]


@dataclass(frozen=True, slots=True)
class FeedFile:
    """One feed document, ready to serve: identity and gzip bytes, validators, and the HTTP headers
    of each answer prepared once (the hot path only picks one)."""

    path: str  # inside the school's folder, e.g. "archive/2.atom"
    body: bytes
    gzip: bytes
    etag: str  # strong, quoted: the content hash
    gzip_etag: str
    last_modified: datetime  # the newest entry's publication time (aware)
    media_type: str
    cache_control: str
    http_last_modified: str = field(init=False)
    headers: Headers = field(init=False)  # 200, identity
    gzip_headers: Headers = field(init=False)  # 200, gzip
    not_modified: Headers = field(init=False)  # 304 for a client of the identity bytes
    gzip_not_modified: Headers = field(init=False)  # 304 for a client of the gzip bytes

    def __post_init__(self) -> None:
        last_modified = _http_date(self.last_modified)
        # A 304 repeats what a cache must update (RFC 9110 15.4.5); a 200 also says what it is.
        validators: Headers = (
            (b"cache-control", self.cache_control.encode()),
            (b"last-modified", last_modified.encode()),
            (b"vary", b"Accept-Encoding"),
        )
        about: Headers = (
            (b"content-type", self.media_type.encode()),
            (b"access-control-allow-origin", b"*"),  # public data: web-based readers may fetch it
            (b"x-content-type-options", b"nosniff"),
        )
        plain = ((b"etag", self.etag.encode()), *validators)
        packed = ((b"etag", self.gzip_etag.encode()), *validators)
        values = {
            "http_last_modified": last_modified,
            "headers": ((b"content-length", str(len(self.body)).encode()), *about, *plain),
            "gzip_headers": (
                (b"content-length", str(len(self.gzip)).encode()),
                (b"content-encoding", b"gzip"),
                *about,
                *packed,
            ),
            "not_modified": plain,
            "gzip_not_modified": packed,
        }
        for name, value in values.items():
            object.__setattr__(self, name, value)


def make_file(path: str, body: bytes, last_modified: datetime, cache_control: str) -> FeedFile:
    fmt = path.rsplit(".", 1)[1]
    digest = hashlib.sha256(body).hexdigest()[:32]
    return FeedFile(
        path=path,
        body=body,
        gzip=gzip.compress(body, compresslevel=9, mtime=0),
        etag=f'"{digest}"',
        gzip_etag=f'"{digest}-gz"',
        last_modified=last_modified,
        media_type=feeds.MEDIA_TYPES[fmt],
        cache_control=cache_control,
    )


@dataclass(frozen=True, slots=True)
class SchoolInfo:
    id: int
    slug: str
    name: str


def _render_all(
    path_of: Callable[[str], str],
    description: feeds.FeedDescription,
    entry_items: Sequence[feeds.Item],
    cache_control: str,
) -> list[FeedFile]:
    last_modified = feed_updated(entry_items)
    return [
        make_file(path_of(fmt), feeds.render(description, entry_items, fmt), last_modified, cache_control)
        for fmt in feeds.FORMATS
    ]


def build_school(school: SchoolInfo, entries: Sequence[PublicEntry], base_url: str) -> dict[str, FeedFile]:
    """Every standard feed of a school from its published entries (pure: no database, no clock)."""
    item_of = {e.id: feeds.item_of(e, base_url) for e in entries}

    def items_of(chosen: Iterable[PublicEntry]) -> list[feeds.Item]:
        return [item_of[e.id] for e in sorted(chosen, key=lambda e: e.sequence, reverse=True)]

    def describe_feed(filters: Filters, **extra: Any) -> feeds.FeedDescription:
        return feeds.FeedDescription(
            base_url=base_url,
            slug=school.slug,
            school_name=school.name,
            title=feed_title(school.name, filters),
            description=_description(school.name, filters),
            query=filters.query(),
            **extra,
        )

    files: list[FeedFile] = []
    newest = newest_sequence(entries)
    files += _render_all(
        feed_path,
        describe_feed(Filters(), prev_archive=main_prev_archive(newest)),
        items_of(feeds.current_entries(entries)),
        CURRENT_CACHE,
    )
    standard = [Filters(kind=group) for group in GROUPS]
    standard += [Filters(year=year) for year in sorted({e.year_be for e in entries})]
    for filters in standard:
        chosen = [e for e in entries if readmodel.matches(e, filters)]
        files += _render_all(
            functools.partial(feed_path, query=filters.query()),
            describe_feed(filters),
            items_of(chosen)[: urls.FEED_PAGE],
            CURRENT_CACHE,
        )
    for page in feeds.archive_pages(entries):
        first = (page.page - 1) * urls.FEED_PAGE + 1
        description = feeds.FeedDescription(
            base_url=base_url,
            slug=school.slug,
            school_name=school.name,
            title=f"{feed_title(school.name, Filters())} (ฉบับเก็บ {page.page}: ลำดับที่ "
            f"{first}–{first + urls.FEED_PAGE - 1})",
            description=f"ประกาศจัดซื้อจัดจ้างของ{school.name} ที่เผยแพร่เป็นลำดับที่ "
            f"{first}–{first + urls.FEED_PAGE - 1}",
            page=page.page,
            prev_archive=page.prev_archive,
            next_archive=page.next_archive,
        )
        files += _render_all(
            functools.partial(archive_path, page.page),
            description,
            items_of(page.entries),
            ARCHIVE_CACHE if page.complete else CURRENT_CACHE,
        )
    return {f.path: f for f in files}


def build_on_demand(
    school: SchoolInfo, entries: Sequence[PublicEntry], filters: Filters, fmt: str, base_url: str
) -> FeedFile:
    """A filtered feed nobody built in advance: the newest FEED_PAGE entries matching ``filters``."""
    chosen = sorted(entries, key=lambda e: e.sequence, reverse=True)[: urls.FEED_PAGE]
    entry_items = [feeds.item_of(e, base_url) for e in chosen]
    description = feeds.FeedDescription(
        base_url=base_url,
        slug=school.slug,
        school_name=school.name,
        title=feed_title(school.name, filters),
        description=_description(school.name, filters),
        query=filters.query(),
    )
    return make_file(
        feed_path(fmt, filters.query()),
        feeds.render(description, entry_items, fmt),
        feed_updated(entry_items),
        CURRENT_CACHE,
    )


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


async def _published_rows(school_id: int) -> list[tuple[int, int, datetime, str | None]]:
    rows = await t.Announcement.select(
        t.Announcement.id, t.Announcement.sequence, t.Announcement.published_at, t.Announcement.pdf_sha256
    ).where((t.Announcement.school == school_id) & (t.Announcement.status == AnnouncementStatus.PUBLISHED))
    return [(r["id"], r["sequence"], r["published_at"], r["pdf_sha256"]) for r in rows]


# --- memory ------------------------------------------------------------------------------------


@dataclass
class SchoolFeeds:
    """One generation of a school's feeds, as this process holds it."""

    school: SchoolInfo
    target: str  # the link's target: the generation
    state: str
    newest_sequence: int
    files: dict[str, FeedFile]


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
    """Feeds of every school for one ``feeds_dir`` and base URL (one per app or CLI process)."""

    def __init__(self, settings: Settings) -> None:
        self.root = Path(settings.feeds_dir)
        self.base_url = settings.base_url.rstrip("/")
        self._schools: OrderedDict[str, SchoolFeeds] = OrderedDict()
        self._locks: dict[str, asyncio.Lock] = {}
        # On-demand feeds by (generation, query, format): a new generation is a new key.
        self._on_demand: OrderedDict[tuple[str, str, str], FeedFile] = OrderedDict()

    def _lock(self, slug: str) -> asyncio.Lock:
        return self._locks.setdefault(slug, asyncio.Lock())

    def _remember(self, school_feeds: SchoolFeeds) -> SchoolFeeds:
        slug = school_feeds.school.slug
        self._schools[slug] = school_feeds
        self._schools.move_to_end(slug)
        while len(self._schools) > MAX_SCHOOLS:
            self._schools.popitem(last=False)
        return school_feeds

    def _link(self, slug: str) -> str:
        return os.path.join(self.root, slug)

    async def school(self, slug: str) -> SchoolFeeds:
        """The school's current feeds: from memory when the files have not changed (no database, the
        hot path), from disk when another process rebuilt them, else checked against the database."""
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
        return await self.ensure(slug)

    def _lock_file(self, slug: str) -> Path:
        return self.root / GENERATIONS / slug / ".lock"

    async def _loaded_if(self, slug: str, state: str) -> SchoolFeeds | None:
        """The school's files on disk, when they were built from ``state``."""
        target = _target(self._link(slug))
        if target is None:
            return None
        held = self._schools.get(slug)
        if held is not None and held.target == target and held.state == state:
            return held
        loaded = await asyncio.to_thread(_load, self.root, target)
        return self._remember(loaded) if loaded is not None and loaded.state == state else None

    async def ensure(self, slug: str) -> SchoolFeeds:
        """Files that match the database, in memory: loaded when they do, rebuilt when they do not.
        An unknown school is NotFound."""
        if not SLUG.match(slug):
            raise NotFound("โรงเรียน")
        async with self._lock(slug):
            found = await get_school_by_slug(slug)
            school = SchoolInfo(id=found.id, slug=found.slug, name=found.name)
            state = state_of(school, self.base_url, await _published_rows(school.id))
            loaded = await self._loaded_if(slug, state)
            if loaded is not None:
                return loaded
            async with _exclusive(self._lock_file(slug)):
                # Another process may have rebuilt them while this one waited for the lock.
                loaded = await self._loaded_if(slug, state)
                return loaded if loaded is not None else await self._rebuild(school)

    async def rebuild(self, school_id: int) -> SchoolFeeds:
        """Build and write every standard feed of the school from the database (after a publication)."""
        found = await get_school(school_id)
        school = SchoolInfo(id=found.id, slug=found.slug, name=found.name)
        async with self._lock(school.slug), _exclusive(self._lock_file(school.slug)):
            return await self._rebuild(school)

    async def _rebuild(self, school: SchoolInfo) -> SchoolFeeds:
        """Read, build, write and swap; under the school's lock in this process and across processes.
        The database is read after the lock is taken: a rebuild that swaps later read later, so the
        files never go back to what an earlier, slower rebuild saw."""
        entries = await readmodel.entries(school.id)
        state = state_of(
            school, self.base_url, ((e.id, e.sequence, e.published_at, e.pdf_sha256) for e in entries)
        )
        newest = newest_sequence(entries)
        # CPU-bound (feedgen, gzip) and file writes: off the event loop.
        files = await asyncio.to_thread(build_school, school, entries, self.base_url)
        built = await asyncio.to_thread(_publish, self.root, school, state, newest, files)
        return self._remember(built)

    async def on_demand(self, school_feeds: SchoolFeeds, filters: Filters, fmt: str) -> FeedFile:
        """A filtered feed outside the standard set: built from the database once per generation."""
        key = (school_feeds.target, filters.query(), fmt)
        made = self._on_demand.get(key)
        if made is None:
            entries = await readmodel.entries(school_feeds.school.id, filters)
            made = await asyncio.to_thread(
                build_on_demand, school_feeds.school, entries, filters, fmt, self.base_url
            )
            self._on_demand[key] = made
            while len(self._on_demand) > MAX_ON_DEMAND:
                self._on_demand.popitem(last=False)
        else:
            self._on_demand.move_to_end(key)
        return made

    async def feed(self, slug: str, filters: Filters, fmt: str) -> FeedFile:
        school_feeds = await self.school(slug)
        query = "" if filters is NO_FILTERS else filters.query()
        found = school_feeds.files.get(feed_path(fmt, query))
        return found if found is not None else await self.on_demand(school_feeds, filters, fmt)

    async def archive(self, slug: str, page: int, fmt: str) -> FeedFile:
        school_feeds = await self.school(slug)
        found = school_feeds.files.get(archive_path(page, fmt))
        if found is None:
            raise NotFound("หน้าฟีดฉบับเก็บนี้")
        return found

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

_stores: dict[tuple[str, str], FeedStore] = {}


async def _rebuild_after_publication(school_id: int) -> None:
    for store in list(_stores.values()):
        await store.rebuild(school_id)


def listen(settings: Settings) -> FeedStore:
    """The store for these settings, rebuilt after every publication in this process (a new store
    replaces an earlier one with the same feeds folder and base URL)."""
    store = FeedStore(settings)
    _stores[(str(Path(settings.feeds_dir).resolve()), store.base_url)] = store
    events.on_published(_rebuild_after_publication)
    return store


def store_for(settings: Settings) -> FeedStore | None:
    """The store ``listen`` made for these settings (the app's), if any."""
    return _stores.get((str(Path(settings.feeds_dir).resolve()), settings.base_url.rstrip("/")))
