"""Official PDFs over HTTP: the published bytes for everyone, and the director's preview."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote

from litestar import Controller, Request, Response, get
from litestar.params import FromPath

from prakat import urls
from prakat.announcements import onscreen, pdf
from prakat.announcements import service as announcements
from prakat.announcements.document import filename
from prakat.announcements.schemas import Announcement
from prakat.errors import NotFound
from prakat.schools.service import get_school, get_school_by_slug
from prakat.web.auth import CurrentActor
from prakat.web.routing import id_in_range, readable

FILE = re.compile(r"^(\d{1,10})\.pdf$")
# Where the app keeps its pdf.PublishedIndex (app.state).
INDEX = "published_pdfs"


def _disposition(a: Announcement | pdf.PublishedPdf) -> str:
    # RFC 6266/5987: a Thai name people understand, with an ASCII fallback for old clients.
    name = filename(a.kind, a.number)
    return f"inline; filename=\"announcement-{a.id}.pdf\"; filename*=UTF-8''{quote(name)}"


def _pdf(
    data: bytes, a: Announcement | pdf.PublishedPdf, *, cache: str, etag: str | None = None
) -> Response[bytes]:
    headers = {
        "content-disposition": _disposition(a),
        "cache-control": cache,
        "x-content-type-options": "nosniff",
    }
    if etag:
        headers["etag"] = f'"{etag}"'
    return Response(content=data, media_type="application/pdf", headers=headers)


class PublicDocumentController(Controller):
    include_in_schema = False

    @readable(urls.ANNOUNCEMENT_PDF.path, name="announcement_pdf")
    async def published(
        self, request: Request[Any, Any, Any], slug: FromPath[str], file: FromPath[str]
    ) -> Response[bytes]:
        match = FILE.match(file)
        if not match or not id_in_range(int(match.group(1))):
            raise NotFound("ไฟล์ประกาศ")
        announcement_id = int(match.group(1))
        index = request.app.state.get(INDEX)
        if index is None:
            index = request.app.state[INDEX] = pdf.PublishedIndex()
        # Once published, never changed: after the first request, no query (pdf.PublishedIndex).
        a = index.get(slug, announcement_id)
        if a is None:
            school = await get_school_by_slug(slug)
            published = await announcements.get_published(school.id, announcement_id)
            if published.pdf_sha256 is None:
                raise NotFound("ไฟล์ประกาศ")
            a = index.remember(slug, published)
        if request.headers.get("if-none-match", "").strip('"') == a.pdf_sha256:
            return Response(content=b"", status_code=304, headers={"etag": f'"{a.pdf_sha256}"'})
        data = await pdf.stored(a.school_id, a.pdf_sha256)
        # The bytes of a published announcement never change: cache them for good.
        return _pdf(data, a, cache="public, max-age=31536000, immutable", etag=a.pdf_sha256)


class PreviewController(Controller):
    @get(urls.WS_ANNOUNCEMENT_DOCUMENT.path, name="announcement_document")
    async def document(self, actor: CurrentActor, announcement_id: FromPath[int]) -> Response[bytes]:
        """What the director signs: the stored PDF once published, otherwise rendered now, as it would be."""
        a = await announcements.get_announcement(actor.school_id, announcement_id)
        if a.pdf_sha256 is not None:
            return _pdf(await pdf.stored(actor.school_id, a.pdf_sha256), a, cache="private, no-store")
        school = await get_school(actor.school_id)
        signer = onscreen.preview_signer(school, await onscreen.approver(actor))
        if a.snapshot is None:
            a = await announcements.with_preview_snapshot(actor.school_id, a)
        data = await pdf.render(school, a, signer=signer)
        return _pdf(data, a, cache="private, no-store")
