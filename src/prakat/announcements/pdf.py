"""The official PDF of an announcement: rendered once, at approval, inside the publishing transaction
(a rendering failure publishes nothing), stored by content hash, and served from there."""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

import anyio

from prakat import clock
from prakat.announcements.schemas import Announcement
from prakat.db import tables as t
from prakat.documents import build
from prakat.documents.model import Signer
from prakat.documents.render import DocumentError, Renderer
from prakat.errors import InvalidInput, NotFound
from prakat.schools.schemas import School


@functools.cache
def renderer() -> Renderer:
    """One per process: fonts and templates are loaded once."""
    return Renderer()


async def render(school: School, a: Announcement, *, signer: Signer | None = None) -> bytes:
    """PDF bytes; rendering is CPU-bound, so it runs in a worker thread and the event loop stays free."""
    doc = build.document(a, agency=school.name, signer=signer, created=a.published_at or clock.now())
    emblem = Path(school.emblem_path) if school.emblem_path else None
    try:
        return await anyio.to_thread.run_sync(functools.partial(renderer().render, doc, emblem=emblem))
    except DocumentError as refused:
        raise InvalidInput({"emblem_path": refused.message}) from None


async def store(school_id: int, data: bytes) -> str:
    """Keep the bytes once per content; returns their SHA-256. Call inside the publishing transaction."""
    digest = hashlib.sha256(data).hexdigest()
    if not await t.PdfFile.exists().where(t.PdfFile.sha256 == digest):
        await t.PdfFile.insert(
            t.PdfFile(school=school_id, sha256=digest, data=data, size=len(data), created_at=clock.now())
        )
    return digest


async def stored(school_id: int, digest: str) -> bytes:
    row = (
        await t.PdfFile.select(t.PdfFile.data)
        .where((t.PdfFile.school == school_id) & (t.PdfFile.sha256 == digest))
        .first()
    )
    if row is None:
        raise NotFound("ไฟล์ประกาศ")
    return bytes(row["data"])
