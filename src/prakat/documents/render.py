"""The only importer of WeasyPrint: a document model in, PDF bytes out.

One Renderer per process: the font configuration and the Jinja environment are built once (a new
FontConfiguration per render costs most of a one-page render; tech-notes). Output is deterministic:
the same document gives the same bytes, so a published PDF's SHA-256 never changes.

One file serves both archive and screen reader: WeasyPrint's PDF/A-2a ("accessible": tagged, an
sRGB output intent, every font embedded, XMP metadata) plus the PDF/UA-1 identifier in the XMP,
which is all its own "pdf/ua-1" variant adds to a tagged file (a title shown in the window, /Lang).
WeasyPrint takes one variant at a time; the second claim comes from ``_pdfua.xmp``, merged into
WeasyPrint's XMP with the PDF/A extension schema that declares it (prakat.documents.metadata, which
also says what remains unvalidated without veraPDF).

Rendering needs Prakat's patches of WeasyPrint and pydyf in the process (the exact text layer, the
recorded emblem, the stream memo: prakat.documents.patches). The render worker installs them before
it makes its Renderer (prakat.documents.worker); a render anywhere else is refused until
:func:`prakat.documents.patches.install` has been called there.
"""

from __future__ import annotations

import functools
import re
import threading
from collections import OrderedDict
from pathlib import Path
from typing import Any, NamedTuple

import pydyf  # type: ignore[import-untyped]
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup
from weasyprint import CSS
from weasyprint.images import SVGImage
from weasyprint.matrix import Matrix
from weasyprint.text.fonts import FontConfiguration

from prakat.documents import artifacts, linebreak, metadata, patches, tables
from prakat.documents.emblem import check_emblem
from prakat.documents.model import OfficialDocument
from prakat.documents.qr import qr_data_url
from prakat.documents.textlayer import render_pdf
from prakat.fonts import SARABUN_DIR
from prakat.paths import templates_dir
from prakat.thai import glue
from prakat.thai.segment import PROTECT_CSS, protect

PDF_VARIANT = "pdf/a-2a"
# Regular and bold are all the official form uses.
FACES = (("Sarabun-Regular.ttf", 400), ("Sarabun-Bold.ttf", 700))


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
        # Before anything in this process lays out Thai text: libthai reads its dictionary once.
        # Where it cannot take, every render is refused: the lines, and so the bytes, would differ
        # from every other install's (prakat.documents.linebreak).
        self.field_dictionary = linebreak.use_field_dictionary()
        self.templates = templates or templates_dir() / "documents"
        self.font_config = FontConfiguration()
        self.env = Environment(
            loader=FileSystemLoader(str(self.templates)),
            autoescape=select_autoescape(["html"]),
            undefined=StrictUndefined,
        )
        self.env.filters["protect"] = _protect
        self.env.filters["paragraph"] = _paragraph
        self.env.filters["words"] = _words
        self.env.filters["cell"] = _cell
        self.env.tests["list_item"] = _list_item
        self.env.globals["table_layout"] = tables.layout
        self.base_css = [
            CSS(string=_font_css(), font_config=self.font_config),
            CSS(filename=str(self.templates / "_official.css"), font_config=self.font_config),
            CSS(string=PROTECT_CSS, font_config=self.font_config),
        ]
        self._template_css: dict[str, CSS] = {}
        # The PDF/UA-1 claim, merged into WeasyPrint's XMP packet (prakat.documents.metadata),
        # and the page margins' text marked as artifacts (prakat.documents.artifacts).
        self._finish_metadata = metadata.finisher(self.templates / "_pdfua.xmp")
        self._drawings = _Drawings()
        # WeasyPrint shares font state; one render at a time per renderer keeps it consistent.
        self._lock = threading.Lock()
        # The segmenter's dictionary loads on first use: now, not in the first document.
        _protect("ประกาศ")

    def _css(self, template: str) -> list[CSS]:
        if template not in self._template_css:
            path = self.templates / f"{template}.css"
            self._template_css[template] = CSS(filename=str(path), font_config=self.font_config)
        return [*self.base_css, self._template_css[template]]

    def html(self, doc: OfficialDocument, *, emblem: Path) -> str:
        template = self.env.get_template(f"{doc.template}.html")
        return template.render(
            doc=doc,
            emblem_url=emblem.resolve().as_uri(),
            qr_url=qr_data_url(doc.public_url) if doc.public_url else "",
            kind_label=doc.label,
            date_line=doc.date_line,
        )

    def pdf_options(self, doc: OfficialDocument) -> dict[str, Any]:
        """The PDF options of WeasyPrint's ``render`` and ``write_pdf`` that make ``doc`` the file
        Prakat publishes (tagged PDF/A-2a, PDF/UA-1 metadata, a stable file identifier)."""
        return {
            "pdf_variant": PDF_VARIANT,
            "pdf_identifier": doc.filename.encode(),
            "finisher": self._finish,
        }

    def _finish(self, document: Any, pdf: Any) -> None:
        """WeasyPrint's finisher: what Prakat changes in the PDF before it is written."""
        self._finish_metadata(document, pdf)
        artifacts.mark_margins(document, pdf)

    def render(self, doc: OfficialDocument, *, emblem: Path | None) -> bytes:
        """PDF/A-2a and PDF/UA-1 bytes of ``doc``; refused with a Thai message when the emblem is
        missing, or when this process cannot break Thai lines with the field's dictionary."""
        check_emblem(emblem)
        assert emblem is not None
        if not self.field_dictionary:
            raise linebreak.DictionaryError(linebreak.NOT_IN_USE)
        source = self.html(doc, emblem=emblem)
        with self._lock, patches.stream_memo():
            return render_pdf(
                source,
                base_url=str(self.templates),
                stylesheets=self._css(doc.template),
                font_config=self.font_config,
                cache=_ImageCache(self._drawings, emblem),
                **self.pdf_options(doc),
            )


@functools.lru_cache(maxsize=4096)
def _protect(text: object) -> Markup:
    # Only the words that Pango would break inside get a no-break element (segment.protect):
    # most words are whole for libthai too. Cell texts repeat (sources, methods, months), so the
    # markup of each is kept.
    return Markup(protect(str(text), breaks=linebreak.line_ends))


def _paragraph(text: object, names: tuple[str, ...] = ()) -> Markup:
    """Running text (the subject, the body, the date line): protect() with the typesetter's rules
    of prakat.thai.glue, the document's names kept whole and the first and the last line of a
    paragraph never a lone short word."""
    return _paragraph_markup(str(text), tuple(names))


@functools.lru_cache(maxsize=512)
def _paragraph_markup(text: str, names: tuple[str, ...]) -> Markup:
    return Markup(
        protect(text, breaks=linebreak.line_ends, glue=True, keep=names, head=glue.HEAD, tail=glue.TAIL)
    )


def _cell(text: object, names: tuple[str, ...] = (), room: float = 0.0) -> Markup:
    """A table cell's line: protect(), with each word of the ``names`` it holds (a vendor's, the
    school's) kept whole, so that a name breaks only at its spaces (libthai, not knowing a
    transliterated word, would break ดิสทริบิ|วชั่น), unless the word is wider than ``room`` (em;
    Table.name_room), where the segmenter's words of it are kept instead."""
    return _cell_markup(str(text), tuple(names), float(room))


@functools.lru_cache(maxsize=4096)
def _cell_markup(text: str, names: tuple[str, ...], room: float) -> Markup:
    words = frozenset(w for name in names if name in text for w in name.split() if tables.fits(w, room))
    if not words:
        return _protect(text)
    return Markup(protect(text, extra_words=words, breaks=linebreak.line_ends))


_LIST_ITEM = re.compile(r"[0-9๐-๙]{1,3}\.\s")


def _list_item(text: object) -> bool:
    """A numbered item ("๔. ไม่เป็นบุคคล…"): its lines are not justified (_official.css), since the
    space after its number is often the only one its first line has to stretch."""
    return bool(_LIST_ITEM.match(str(text)))


@functools.lru_cache(maxsize=4096)
def _words(text: object) -> Markup:
    # A cell of a column sized to its content (prakat.documents.tables): it may wrap between its
    # words, never inside one (libthai would break "เฉพาะ|เจาะจง" to make it fit).
    return Markup(" ").join(Markup('<span class="w">{}</span>').format(w) for w in str(text).split())


# ---------------------------------------------------------------------------------------------
# The emblem, drawn once
#
# WeasyPrint draws an SVG image anew in every document: it parses every path of the Garuda
# (104 KB, 6,000 points) into PDF operators each time, about 60 ms of a 130 ms one-page render.
# The operators only depend on the SVG and the size it is drawn at, so they are recorded once per
# (file, modification time, size drawn at) and appended to the page as they are. The emblem stays
# vector art, and the output stays deterministic: every render, the first one included, draws
# the recorded operators, recorded in a fresh graphics state (so they set their own colours and
# opacity and never rely on what was drawn before them).
#
# Only drawings that are plain operators are replayed: an SVG that adds fonts, images, patterns,
# shadings, groups or named graphics states to the page, or whose operators depend on where it is
# on the page (recorded twice from two different positions, they differ), is drawn by WeasyPrint
# every time, as before. Replacing the image's ``draw`` is one of Prakat's patches of WeasyPrint
# (prakat.documents.patches checks it before every render).


class _Drawing(NamedTuple):
    operations: tuple[Any, ...]
    states: tuple[tuple[str, Any], ...]  # ExtGState name -> opacity dictionary entries


_ALPHA_STATE = re.compile(r"^[aA][0-9.]+$")  # WeasyPrint's names for opacity states: a1, A0.5
_OTHER_POSITION = Matrix(2, 0, 0, -2, 37, 91)
_NOT_YET = object()


class _Drawings:
    """Recorded SVG drawings, the most recently used 32 (a school has one emblem)."""

    def __init__(self, limit: int = 32) -> None:
        self._limit = limit
        self._items: OrderedDict[tuple[Any, ...], _Drawing | None] = OrderedDict()

    def get(self, key: tuple[Any, ...]) -> Any:
        found = self._items.get(key, _NOT_YET)
        if found is not _NOT_YET:
            self._items.move_to_end(key)
        return found

    def put(self, key: tuple[Any, ...], drawing: _Drawing | None) -> None:
        self._items[key] = drawing
        while len(self._items) > self._limit:
            self._items.popitem(last=False)


def _record(
    draw: Any, stream: Any, width: float, height: float, style: Any, position: Any
) -> _Drawing | None:
    """The operators ``draw`` writes, in a fresh graphics state at ``position``, or None when the
    drawing does more than write operators."""
    resources = pydyf.Dictionary(
        {
            "ExtGState": pydyf.Dictionary(),
            "XObject": pydyf.Dictionary(),
            "Pattern": pydyf.Dictionary(),
            "Shading": pydyf.Dictionary(),
            "ColorSpace": stream._resources["ColorSpace"],
        }
    )
    fonts: dict[Any, Any] = {}
    images: dict[Any, Any] = {}
    recorder = stream.clone(resources=resources, fonts=fonts, images=images, tags=None, stream=[])
    recorder._ctm_stack = [position]
    draw(recorder, width, height, style)
    states = resources["ExtGState"]
    if (
        fonts
        or images
        or set(resources) != {"ExtGState", "XObject", "Pattern", "Shading", "ColorSpace"}
        or any(resources[kind] for kind in ("XObject", "Pattern", "Shading"))
        or not all(isinstance(name, str) and _ALPHA_STATE.match(name) for name in states)
        or len(recorder._ctm_stack) != 1
    ):
        return None
    return _Drawing(
        operations=tuple(recorder.stream),
        states=tuple(sorted((name, dict(value)) for name, value in states.items())),
    )


class _ReplayedDraw:
    """The ``draw`` of WeasyPrint's SVG image of the emblem, from the recording (see above)."""

    def __init__(self, draw: Any, drawings: _Drawings, identity: tuple[Any, ...]) -> None:
        self._draw = draw
        self._drawings = drawings
        self._identity = identity

    def __call__(self, stream: Any, concrete_width: float, concrete_height: float, style: Any) -> None:
        key = (*self._identity, concrete_width, concrete_height)
        drawing = self._drawings.get(key)
        if drawing is _NOT_YET:
            here = _record(self._draw, stream, concrete_width, concrete_height, style, Matrix())
            there = _record(self._draw, stream, concrete_width, concrete_height, style, _OTHER_POSITION)
            drawing = here if here is not None and here == there else None
            self._drawings.put(key, drawing)
        if drawing is None:
            self._draw(stream, concrete_width, concrete_height, style)
            return
        states = stream._resources["ExtGState"]
        for name, entries in drawing.states:
            if name not in states:
                states[name] = pydyf.Dictionary(entries)
        stream.stream.extend(drawing.operations)


class _ImageCache(dict[str, Any]):
    """WeasyPrint's per-document image cache (its ``cache`` option), in which the emblem's SVG
    image draws from the recording."""

    def __init__(self, drawings: _Drawings, emblem: Path) -> None:
        super().__init__()
        path = emblem.resolve()
        stat = path.stat()
        self._url = path.as_uri()
        self._drawings = drawings
        self._identity = (str(path), stat.st_mtime_ns, stat.st_size)

    def __setitem__(self, url: str, image: Any) -> None:
        # WeasyPrint stores the image it has just loaded, then draws that same object: its own
        # draw is replaced on the instance.
        if url == self._url and isinstance(image, SVGImage):
            image.draw = _ReplayedDraw(image.draw, self._drawings, self._identity)
        super().__setitem__(url, image)
