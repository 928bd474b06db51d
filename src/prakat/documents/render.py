"""The only importer of WeasyPrint: a document model in, PDF bytes out.

One Renderer per process: the font configuration and the Jinja environment are built once (a new
FontConfiguration per render costs most of a one-page render; tech-notes). Output is deterministic:
the same document gives the same bytes, so a published PDF's SHA-256 never changes.

One file serves both archive and screen reader: WeasyPrint's PDF/A-2a ("accessible": tagged, an
sRGB output intent, every font embedded, XMP metadata) plus the PDF/UA-1 identifier in the XMP,
which is all its own "pdf/ua-1" variant adds to a tagged file (a title shown in the window, /Lang).
WeasyPrint takes one variant at a time; the second claim comes from ``_pdfua.xmp``.
"""

from __future__ import annotations

import threading
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup
from weasyprint import CSS
from weasyprint.text.fonts import FontConfiguration

from prakat.documents import build
from prakat.documents.model import OfficialDocument
from prakat.documents.textlayer import render_pdf
from prakat.fonts import SARABUN_DIR
from prakat.paths import templates_dir
from prakat.rules import AnnouncementKind
from prakat.thai.segment import PROTECT_CSS, protect

EMBLEM_TYPES = {".svg", ".png", ".jpg", ".jpeg"}
PDF_VARIANT = "pdf/a-2a"
# Regular and bold are all the official form uses.
FACES = (("Sarabun-Regular.ttf", 400), ("Sarabun-Bold.ttf", 700))


class DocumentError(Exception):
    """A document cannot be made; the message is Thai and says what is missing."""

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


def _font_css() -> str:
    # Kept out of the templates: Jinja autoescaping inside <style> silently breaks declarations and
    # WeasyPrint falls back to a system font (tech-notes).
    return "\n".join(
        f'@font-face {{ font-family: Sarabun; src: url("{(SARABUN_DIR / name).as_uri()}"); '
        f"font-weight: {weight}; }}"
        for name, weight in FACES
    )


class Renderer:
    def __init__(self, templates: Path | None = None) -> None:
        self.templates = templates or templates_dir() / "documents"
        self.font_config = FontConfiguration()
        self.env = Environment(
            loader=FileSystemLoader(str(self.templates)),
            autoescape=select_autoescape(["html"]),
            undefined=StrictUndefined,
        )
        self.env.filters["protect"] = lambda text: Markup(protect(str(text)))
        self.base_css = [
            CSS(string=_font_css(), font_config=self.font_config),
            CSS(filename=str(self.templates / "_official.css"), font_config=self.font_config),
            CSS(string=PROTECT_CSS, font_config=self.font_config),
        ]
        self._kind_css: dict[str, CSS] = {}
        self.pdfua_xmp = (self.templates / "_pdfua.xmp").as_uri()
        # WeasyPrint shares font state; one render at a time per renderer keeps it consistent.
        self._lock = threading.Lock()

    def _css(self, kind: str) -> list[CSS]:
        if kind not in self._kind_css:
            path = self.templates / f"{kind}.css"
            self._kind_css[kind] = CSS(filename=str(path), font_config=self.font_config)
        return [*self.base_css, self._kind_css[kind]]

    def html(self, doc: OfficialDocument, *, emblem: Path) -> str:
        template = self.env.get_template(f"{doc.kind}.html")
        return template.render(
            doc=doc,
            emblem_url=emblem.resolve().as_uri(),
            kind_label=AnnouncementKind(doc.kind).label,
            date_line=build.date_line(doc.announced_on),
        )

    def render(self, doc: OfficialDocument, *, emblem: Path | None) -> bytes:
        """PDF/A-2a and PDF/UA-1 bytes of ``doc``; refused with a Thai message when the emblem is missing."""
        check_emblem(emblem)
        assert emblem is not None
        source = self.html(doc, emblem=emblem)
        with self._lock:
            return render_pdf(
                source,
                base_url=str(self.templates),
                stylesheets=self._css(doc.kind),
                font_config=self.font_config,
                pdf_variant=PDF_VARIANT,
                pdf_identifier=doc.filename.encode(),
                xmp_metadata=[self.pdfua_xmp],
            )


def check_emblem(emblem: Path | None) -> None:
    if emblem is None:
        raise DocumentError("ยังไม่ได้กำหนดตราครุฑของโรงเรียน กรุณาให้ผู้ดูแลระบบกำหนดในข้อมูลโรงเรียน")
    if emblem.suffix.lower() not in EMBLEM_TYPES or not emblem.is_file():
        raise DocumentError(f"ไม่พบไฟล์ตราครุฑที่กำหนดไว้ ({emblem.name}) กรุณาให้ผู้ดูแลระบบตรวจสอบข้อมูลโรงเรียน")
