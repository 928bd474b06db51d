"""The official PDF of an announcement: rendered once, at approval, inside the publishing transaction
(a rendering failure publishes nothing), stored by content hash, and served from there.

The announcement becomes an official document here (prakat.announcements.document), which the
render worker draws (prakat.documents.client: a process of its own, one per server process).

Serving: stored bytes never change (they are named by their SHA-256), so the most recently served
ones are kept in memory (:data:`STORED_CACHE_BYTES` in all), and :class:`PublishedIndex` remembers
which published announcement has which PDF, so that a published PDF is answered without a query.
"""

from __future__ import annotations

import functools
import hashlib
import threading
from collections import OrderedDict
from pathlib import Path

import anyio
import msgspec

from prakat import clock
from prakat.announcements.document import document
from prakat.announcements.schemas import Announcement
from prakat.db import tables as t
from prakat.documents.client import renderer
from prakat.documents.emblem import DocumentError
from prakat.documents.model import OfficialDocument, Signer
from prakat.errors import InvalidInput, NotFound
from prakat.schools.schemas import School

# Stored PDFs kept in memory per server process, in bytes: a one-page announcement is about 75 KB,
# a 300-item plan 300 KB, so this holds a school's year or more. It is part of the server's memory,
# which the official-PDF issue bounds (with the render worker, 300 MB in all).
STORED_CACHE_BYTES = 16 * 1024 * 1024
# Published PDFs a server remembers the location of (a few hundred bytes each).
INDEX_ENTRIES = 20_000


# ---------------------------------------------------------------------------------------------
# Rendering, in the render worker (prakat.documents.client)


def school_signer(school: School) -> Signer:
    """The director as the school profile names them: who signs a preview or a sample."""
    return Signer(
        name=school.director_name, position=school.director_position, delegation=school.delegation_text
    )


async def render(school: School, a: Announcement, *, signer: Signer | None = None) -> bytes:
    """PDF bytes; rendering runs in the worker process, waited for in a thread: the event loop stays free."""
    doc = document(a, agency=school.name, signer=signer, created=a.published_at or clock.now())
    return await render_document(school, doc)


async def render_document(school: School, doc: OfficialDocument) -> bytes:
    """PDF bytes of any official document of the school (a bundle of monthly summaries too)."""
    emblem = Path(school.emblem_path) if school.emblem_path else None
    try:
        return await anyio.to_thread.run_sync(functools.partial(renderer().render, doc, emblem=emblem))
    except DocumentError as refused:
        raise InvalidInput({"emblem_path": refused.message}) from None


# ---------------------------------------------------------------------------------------------
# Storing and serving


async def store(school_id: int, data: bytes) -> str:
    """Keep the bytes once per content; returns their SHA-256. Call inside the publishing transaction."""
    digest = hashlib.sha256(data).hexdigest()
    if not await t.PdfFile.exists().where(t.PdfFile.sha256 == digest):
        await t.PdfFile.insert(
            t.PdfFile(school=school_id, sha256=digest, data=data, size=len(data), created_at=clock.now())
        )
    return digest


class _StoredCache:
    """Stored bytes by (school, SHA-256), least recently used out first, ``limit`` bytes in all."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.size = 0
        self._items: OrderedDict[tuple[int, str], bytes] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple[int, str]) -> bytes | None:
        with self._lock:
            data = self._items.get(key)
            if data is not None:
                self._items.move_to_end(key)
            return data

    def put(self, key: tuple[int, str], data: bytes) -> None:
        if len(data) > self.limit // 8:
            return  # one huge file does not push out everything else
        with self._lock:
            if key in self._items:
                return
            self._items[key] = data
            self.size += len(data)
            while self.size > self.limit:
                _, dropped = self._items.popitem(last=False)
                self.size -= len(dropped)


_stored = _StoredCache(STORED_CACHE_BYTES)


async def stored(school_id: int, digest: str) -> bytes:
    key = (school_id, digest)
    data = _stored.get(key)
    if data is not None:
        return data
    row = (
        await t.PdfFile.select(t.PdfFile.data)
        .where((t.PdfFile.school == school_id) & (t.PdfFile.sha256 == digest))
        .first()
    )
    if row is None:
        raise NotFound("ไฟล์ประกาศ")
    data = bytes(row["data"])
    _stored.put(key, data)
    return data


class PublishedPdf(msgspec.Struct, frozen=True, kw_only=True):
    """What serving a published announcement's PDF needs: no snapshot, no body."""

    id: int
    school_id: int
    kind: str
    number: str
    pdf_sha256: str


class PublishedIndex:
    """Which PDF a published announcement has, by (school slug, announcement id), for one server
    (one app: the app keeps it, so a test's new app starts empty).

    Safe to remember for the life of the server: a school's slug never changes, and once published
    an announcement stays published with the same number and PDF (corrections are announcements of
    their own). Drafts and unknown ids are not remembered: they are asked from the database each
    time.
    """

    def __init__(self, limit: int = INDEX_ENTRIES) -> None:
        self.limit = limit
        self._items: OrderedDict[tuple[str, int], PublishedPdf] = OrderedDict()

    def get(self, slug: str, announcement_id: int) -> PublishedPdf | None:
        found = self._items.get((slug, announcement_id))
        if found is not None:
            self._items.move_to_end((slug, announcement_id))
        return found

    def remember(self, slug: str, a: Announcement) -> PublishedPdf:
        """``a`` must be published with a PDF (announcements.get_published)."""
        assert a.pdf_sha256 is not None
        found = PublishedPdf(
            id=a.id, school_id=a.school_id, kind=a.kind, number=a.number, pdf_sha256=a.pdf_sha256
        )
        self._items[(slug, a.id)] = found
        while len(self._items) > self.limit:
            self._items.popitem(last=False)
        return found
