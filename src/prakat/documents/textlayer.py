"""An exact text layer for the PDFs WeasyPrint draws: copy, search and extraction give back the
Thai that was written, สำหรับ and not สาหรับ.

Use :func:`render_pdf` (HTML in, PDF bytes out) or :func:`write_pdf` (a laid-out
``weasyprint.Document`` in) instead of WeasyPrint's ``write_pdf``; the page looks the same.

Why
---
HarfBuzz draws SARA AM (ำ, U+0E33) as two glyphs, NIKHAHIT and the ordinary SARA AA (า) glyph,
in one cluster, together with a tone mark before it (น้ำ: ``น`` + ``ํ้`` + ``า``), even though
Sarabun has a precomposed ำ glyph. WeasyPrint 70 writes the ToUnicode CMap per *glyph*, first
come first served (``weasyprint/draw/text.py``, ``draw_first_line``), so the SARA AA glyph means
"า" everywhere (every ำ extracts as า: สาหรับ, จากัด) or "ำ" everywhere (every า extracts as ำ:
ดำเนินกำร), depending on which word comes first, and the tone mark of น้ำ vanishes (นำ). Upstream:
Kozea/WeasyPrint issue #2841 (open; Arabic shows the same defect), PR #2869 (closed), which added
alias glyphs to the embedded font program.

What was measured, and where the fix sits:

* No ToUnicode map keyed by glyph can be right: Sarabun's SARA AA glyph (id 488) is drawn both
  for า and as half of ำ.
* Writing ำ as ํ + า before rendering looks the same, but copy-paste then gives two characters
  that a search for สำหรับ does not find: not a fix. A Sarabun patched so that ำ stays one glyph
  (the OFL allows it; Sarabun reserves no font name) would need GSUB ligatures for every
  NIKHAHIT + tone + SARA AA sequence, and each ligature glyph would still meet the first-come
  map (ำ and ้ำ clusters).
* ``/ActualText`` spans alone fix poppler (``pdftotext``) but not pypdf, whose ``extract_text``
  ignores them and reads only the ToUnicode map.
* The PDF maps *character codes*, not glyphs, to Unicode, and a TrueType CID font maps codes to
  glyphs through ``/CIDToGIDMap``, which may send several CIDs to one glyph. So each (glyph,
  text) pair that the first-come map gets wrong is drawn with an *alias CID* of its own, whose
  CIDToGIDMap entry is the same glyph (same width, same embedded Sarabun subset, same pixels)
  and whose ToUnicode entry is the right text: สำ is ``ส`` + NIKHAHIT (→ nothing) + SARA AA
  (→ ``ำ``), and plain า has an entry of its own. The font's ``/Encoding`` stays ``/Identity-H``:
  pypdf reads any other encoding of a composite font as one-byte StandardEncoding (measured: an
  Encoding CMap garbles its output completely).
* A cluster with more glyphs than letters (ำ: two glyphs, one letter) needs a glyph that maps to
  nothing (``<02f8> <>``). WeasyPrint writes such entries already; poppler and pypdf read them as
  no text. PDF/A level U and PDF/UA validators may object to them.
* poppler's text layout also splits Thai marks from their letter (ผู้อำนวยการ → "ผูอ" + "้ ำนวยการ"
  in Sarabun Bold, วิธี → "วิธจ" + "ี" in a table header), with plain WeasyPrint too, because
  marks have no width and sit over or just past their letter, some moved with text rise. So
  every letter drawn with marks is also wrapped in a ``/Span <</ActualText …>> BDC … EMC``
  (ISO 32000-1 14.9.4), which poppler reads instead of the glyphs.
* A mark stacked on another over a tall consonant (the tone of ปี้) is drawn shifted left, and
  the pen then moves right again before the next letter (``<02e3>-150<01b0>`` in the ``TJ``):
  both poppler (a span ends where its last glyph does) and pypdf (a move right of more than half a
  space) read that move as a space, with plain WeasyPrint too: ก๊อปปี้เซ็นเตอร์ extracted as
  "ก๊อปปี้ เซ็นเตอร์". So such a letter's span takes in the letter after it, and the move is
  written as several small ones (the same sum: the same pixels).

Measured with Sarabun 16 pt on the corpus in ``tests/documents/test_textlayer.py``: ``pdftotext``
and pypdf both give the source back exactly (pdftotext reads tables column block by column block,
which is layout, not text), and every page rasterises to the same pixels as plain WeasyPrint's.
Cost: a 300-row table renders about 25 % slower and about 25 % larger (the spans).

How
---
Only WeasyPrint knows, while drawing a line, which glyphs make up which cluster of which text:

1. WeasyPrint's ``draw_first_line`` is wrapped (prakat.documents.patches: there is no extension
   point there); inside :func:`render_pdf` / :func:`write_pdf` only (a context variable: thread
   safe, plain WeasyPrint calls elsewhere are unchanged), after WeasyPrint draws a line this module
   walks the same Pango glyph clusters, checks each against the ToUnicode map WeasyPrint is
   building, and rewrites the line's ``TJ`` operations with alias CIDs and ActualText spans. It
   first checks that the glyph codes in the content stream are exactly the glyphs Pango laid out
   and raises :class:`TextLayerError` if not;
2. a WeasyPrint *finisher* (the documented post-processing hook of ``write_pdf``) numbers the
   alias CIDs after the font's glyph ids and WeasyPrint's own missing-glyph codes, and declares
   them in the font: ``/CIDToGIDMap``, ``/W``, ``/CIDSet`` (PDF 1.4) and ToUnicode
   (prakat.documents.aliases).

Only TrueType-based fonts get alias CIDs (CFF-based OpenType fonts have no CIDToGIDMap; bitmap
fonts are drawn as Type 3); they still get the ActualText spans. Prakat's documents use Sarabun,
a TrueType font.

Upgrades: the wrapper is installed by :func:`prakat.documents.patches.install` (the render worker
calls it first thing); :func:`prakat.documents.patches.check` (run before every render) refuses a
WeasyPrint or pydyf version the patches were not written for, or a changed ``draw_first_line``,
and the glyph check above refuses a drawing it does not understand. The tests show that plain
WeasyPrint still loses ำ: when upstream fixes #2841 that test fails, and this module can be retired.

Output is deterministic: the same input gives the same bytes (aliases are numbered in drawing
order, CMaps are written sorted).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

import pydyf  # type: ignore[import-untyped]
from weasyprint import HTML
from weasyprint.text.ffi import ffi, pango

from prakat.documents import patches
from prakat.documents.aliases import FontAliases, TextLayerError, declare, split_cluster, utf16_hex

__all__ = ["TextLayerError", "render_pdf", "split_cluster", "write_pdf"]

_HEX_STRING = re.compile(rb"<([0-9a-fA-F]*)>")
_NUMBER = re.compile(rb"-?[0-9]+(?:\.[0-9]+)?")  # a move in a TJ array, in thousandths of an em
_GAP = Decimal(-10)  # a move right of 0.01 em or more between two glyphs of a word
_RISE = re.compile(rb"-?[0-9]+(?:\.[0-9]+)? Ts")  # WeasyPrint raises or lowers some marks
# pypdf reads a single move of more than about 0.11 em (half of Sarabun's space, 0.243 em, less
# 5 %) as a space: a move back after a shifted mark (0.15 em) is written in steps of at most this
# many thousandths of an em.
_STEP = Decimal(50)
_EMPTY_TJ = re.compile(rb"\[(?:<>|0)*\] TJ")  # shows nothing, moves nothing


# ---------------------------------------------------------------------------------------------
# Public API


def render_pdf(
    html: str,
    *,
    base_url: str | None = None,
    stylesheets: Sequence[Any] | None = None,
    font_config: Any = None,
    **pdf_options: Any,
) -> bytes:
    """PDF bytes of ``html`` drawn by WeasyPrint, with a text layer that extracts exactly.

    ``stylesheets`` and ``font_config`` are WeasyPrint's (``CSS`` objects or sources and a
    ``FontConfiguration``); ``pdf_options`` are the options of ``HTML.write_pdf``
    (``pdf_variant``, ``pdf_identifier``, ``full_fonts``, ``zoom``, …; a ``finisher`` runs after
    this module's). Rendering is CPU-bound: call it from a worker thread, not the event loop.
    """
    finisher = pdf_options.pop("finisher", None)
    zoom = pdf_options.pop("zoom", 1)
    options = {"stylesheets": stylesheets, **pdf_options}
    document = HTML(string=html, base_url=base_url).render(font_config=font_config, **options)
    return write_pdf(document, zoom=zoom, finisher=finisher, **options)


def write_pdf(document: Any, **pdf_options: Any) -> bytes:
    """PDF bytes of an already laid out ``weasyprint.Document``, with an exact text layer.

    ``pdf_options`` are those of ``Document.write_pdf`` (a ``finisher`` runs after this module's).
    """
    if pdf_options.get("target") is not None:
        raise TypeError("write_pdf returns bytes; it takes no target")
    pdf_options.pop("target", None)
    patches.require()
    after: Callable[[Any, Any], None] | None = pdf_options.pop("finisher", None)
    layer = _TextLayer()

    def finisher(doc: Any, pdf: Any) -> None:
        declare(pdf, layer.fonts.values())
        if after is not None:
            after(doc, pdf)

    with patches.drawing_lines(layer.line_drawn):
        result: bytes = document.write_pdf(finisher=finisher, **pdf_options)
    return result


# ---------------------------------------------------------------------------------------------
# State of one write


class _TextLayer:
    def __init__(self) -> None:
        self.fonts: dict[int, FontAliases] = {}
        # Lines drawn before, by what decides their repair: the layout's text and the line's
        # font and text-showing operations. A table repeats its cells ("-", a source, a method,
        # a month) hundreds of times; each is repaired once and the result reused.
        self.repaired: dict[tuple[str, tuple[bytes, ...]], list[list[bytes | _ShownText]]] = {}

    def aliases(self, font: Any) -> FontAliases:
        if id(font) not in self.fonts:
            self.fonts[id(font)] = FontAliases(font)
        return self.fonts[id(font)]

    def line_drawn(self, stream: Any, textbox: Any, start: int) -> None:
        """WeasyPrint has just drawn the first line of ``textbox`` on ``stream``, from ``start``."""
        _repair_line(self, stream, textbox, start)


# ---------------------------------------------------------------------------------------------
# Repairing a line just drawn


class _Glyph:
    __slots__ = ("alias", "font", "glyph_id", "width")

    def __init__(self, font: Any, glyph_id: int) -> None:
        self.font = font
        self.glyph_id = glyph_id
        self.alias: tuple[FontAliases, int] | None = None
        self.width = 2 if font.bitmap else 4  # hex digits WeasyPrint writes per glyph


class _Group:
    """A letter and the marks written on it (one user-perceived character), as drawn."""

    __slots__ = ("first", "last", "left_to_right", "text")

    def __init__(self, first: int, last: int, text: str, left_to_right: bool) -> None:
        self.first, self.last, self.text, self.left_to_right = first, last, text, left_to_right


_Part = bytes | tuple[FontAliases, int]


class _ShownText(pydyf.Object):  # type: ignore[misc]
    """A ``TJ`` operation some of whose glyphs are drawn with alias CIDs. pydyf writes stream
    items when the PDF is written, after the finisher has numbered the aliases."""

    def __init__(self, parts: list[_Part]) -> None:
        super().__init__()
        self.parts = parts

    @property
    def data(self) -> bytes:
        return b"".join(
            part if isinstance(part, bytes) else b"%04x" % part[0].cid(part[1]) for part in self.parts
        )


def _actual_text(text: str) -> bytes:
    return b"/Span <</ActualText <feff%s>>> BDC" % utf16_hex(text)


# Events inside a TJ operation, in the order they apply at one byte offset.
_CLOSE, _OPEN, _ALIAS, _MOVE = 0, 1, 2, 3


def _repair_line(layer: _TextLayer, stream: Any, textbox: Any, start: int) -> None:
    """Re-code the glyphs of the line just drawn whose cluster would extract wrongly, and wrap
    each letter drawn with marks in an ``/ActualText`` span."""
    items = stream.stream
    drawn = items[start:]
    if not any(_is_show_text(item) for item in drawn):
        return  # WeasyPrint drew nothing (blank line, zero font size)
    # The same text drawn with the same fonts, glyphs and moves is repaired the same way: the
    # ToUnicode entries it was checked against are set when a glyph is first drawn, never again.
    # Only where the line is on the page (the operators between) differs.
    key = (
        str(textbox.pango_layout.text),
        tuple(item for item in drawn if _is_show_text(item) or _is_font_choice(item)),
    )
    known = layer.repaired.get(key)
    if known is not None:
        items[start:] = _replace_shown(drawn, known)
        return
    glyphs, groups = _line_glyphs(layer, stream, textbox)

    # Read back what WeasyPrint wrote: every glyph code, in order, must be Pango's next glyph.
    # where[position] = (index of the TJ item, byte offsets of the glyph's code in it).
    where: list[tuple[int, int, int]] = []
    for index in range(start, len(items)):
        item = items[index]
        if not _is_show_text(item):
            if not isinstance(item, bytes):
                raise TextLayerError(f"unexpected operator {item!r} in a line of text")
            continue
        for match in _HEX_STRING.finditer(item):
            offset, end = match.start(1), match.end(1)
            while offset < end:
                if len(where) >= len(glyphs):
                    raise TextLayerError("WeasyPrint drew more glyphs than Pango laid out")
                glyph = glyphs[len(where)]
                chunk = item[offset : offset + glyph.width]
                if (
                    len(chunk) != glyph.width
                    or offset + glyph.width > end
                    or int(chunk, 16) != glyph.glyph_id
                ):
                    raise TextLayerError(
                        f"WeasyPrint drew glyph {chunk!r} where Pango laid out {glyph.glyph_id:#x}"
                    )
                where.append((index, offset, offset + glyph.width))
                offset += glyph.width
    if len(where) != len(glyphs):
        raise TextLayerError("WeasyPrint drew fewer glyphs than Pango laid out")

    # poppler's text layout (pdftotext, Evince) places every glyph by its own box, and Thai
    # marks have no width and sit over or just past their letter, some lowered or raised with
    # text rise: measured, it splits them from their letter or moves them to the next line
    # (ผู้อำนวยการ → "ผูอ" + "้ ำนวยการ" in Sarabun Bold, วิธีจัดซื้อ → "วิธจ" + "ี ัดซื้อ" in a table
    # header, เพิ่ม → เพิม่), with plain WeasyPrint as well. So every letter drawn with marks
    # carries its text as /ActualText, which poppler reads instead of its glyphs and places over
    # the letter's extent: copy, search and selection see whole letters. pypdf ignores
    # ActualText and reads the (exact) ToUnicode map in drawing order.
    events: dict[int, list[tuple[int, int, int, Any]]] = {}
    groups, moves = _over_moves_back(items, where, groups)
    for index, offset, end in moves:
        events.setdefault(index, []).append((offset, _MOVE, end, _in_steps(items[index][offset:end])))
    for group in groups:
        if group.last > group.first:
            index, offset, _ = where[group.first]
            events.setdefault(index, []).append((offset, _OPEN, 0, _actual_text(group.text)))
            index, _, end = where[group.last]
            events.setdefault(index, []).append((end, _CLOSE, 0, None))
    for position, glyph in enumerate(glyphs):
        if glyph.alias is not None:
            index, offset, end = where[position]
            events.setdefault(index, []).append((offset, _ALIAS, end, glyph.alias))

    # Write the TJ items that change again: alias codes in, split around the spans. Splitting a
    # TJ array between two glyphs moves nothing: the text matrix carries over.
    out: list[bytes | _ShownText] = []

    def flush(parts: list[_Part]) -> None:
        if all(isinstance(part, bytes) for part in parts):
            item = b"".join(part for part in parts if isinstance(part, bytes))
            if not _EMPTY_TJ.fullmatch(item):
                out.append(item)
        else:
            out.append(_ShownText(parts))

    replacements: list[list[bytes | _ShownText]] = []
    for index in range(start, len(items)):
        item = items[index]
        if _is_show_text(item):
            replacements.append([])
            first_out = len(out)
        if index not in events:
            out.append(item)
            if _is_show_text(item):
                replacements[-1] = out[first_out:]
            continue
        parts: list[_Part] = []
        cursor = 0
        for offset, kind, end, payload in sorted(events[index], key=lambda event: event[:2]):
            parts.append(item[cursor:offset])
            cursor = offset
            if kind in (_ALIAS, _MOVE):
                parts.append(payload)
                cursor = end
            else:
                flush([*parts, b">] TJ"])
                out.append(payload if kind == _OPEN else b"EMC")
                parts = [b"[<"]
        parts.append(item[cursor:])
        flush(parts)
        replacements[-1] = out[first_out:]
    items[start:] = out
    layer.repaired[key] = replacements


def _over_moves_back(
    items: list[Any], where: list[tuple[int, int, int]], groups: list[_Group]
) -> tuple[list[_Group], list[tuple[int, int, int]]]:
    """The letters to wrap in spans, a letter with marks followed by a move right (its last mark
    was drawn shifted left: ปี้, ฝั่ง) joined with the letter after it unless that is a space; and
    the moves to write in steps (TJ item, byte offsets of the number)."""
    joined: list[_Group] = []
    moves: list[tuple[int, int, int]] = []
    for group in groups:
        previous = joined[-1] if joined else None
        if (
            previous is not None
            and previous.last > previous.first
            and previous.left_to_right
            and group.left_to_right
            and group.first == previous.last + 1
        ):
            between = _moves_between(items, where[previous.last], where[group.first])
            if between is not None:
                moves += between
                # Before a space the move is where a word ends anyway: poppler's words stay apart.
                if not group.text.isspace():
                    previous.last, previous.text = group.last, previous.text + group.text
                    continue
        joined.append(group)
    return joined, moves


def _moves_between(
    items: list[Any], before: tuple[int, int, int], after: tuple[int, int, int]
) -> list[tuple[int, int, int]] | None:
    """The moves of more than one step between two glyphs drawn one after the other (``where``
    entries), if together they move right by 0.01 em or more (less is the rounding of a mark's
    place: นี้ has 1.03, then -1); None if not, or if anything but a text rise lies between."""
    first, _, end = before
    last, start, _ = after
    if first == last:
        ranges = [(first, end, start)]
    else:
        if not all(isinstance(items[k], bytes) and _RISE.fullmatch(items[k]) for k in range(first + 1, last)):
            return None
        ranges = [(first, end, len(items[first])), (last, 0, start)]
    numbers = [
        (k, m.start(), m.end(), Decimal(m.group().decode()))
        for k, a, b in ranges
        for m in _NUMBER.finditer(items[k], a, b)
    ]
    if sum(n for *_, n in numbers) > _GAP:
        return None
    return [(k, a, b) for k, a, b, n in numbers if n < -_STEP]


def _in_steps(number: bytes) -> bytes:
    """A TJ move as moves of at most :data:`_STEP` each, adding up to it exactly."""
    value = Decimal(number.decode())
    count = math.ceil(abs(value) / _STEP)
    if count < 2:
        return number
    step = (value / count).quantize(Decimal("0.001"))
    steps = [step] * (count - 1) + [value - step * (count - 1)]
    return b" ".join(format(s, "f").encode() for s in steps)


def _replace_shown(drawn: list[Any], replacements: list[list[bytes | _ShownText]]) -> list[Any]:
    """``drawn`` with each text-showing operation replaced by its repair, in order."""
    out: list[Any] = []
    shown = iter(replacements)
    for item in drawn:
        if _is_show_text(item):
            out.extend(next(shown))
        else:
            out.append(item)
    return out


def _is_show_text(item: object) -> bool:
    return isinstance(item, bytes) and item.startswith(b"[") and item.endswith(b"] TJ")


def _is_font_choice(item: object) -> bool:
    return isinstance(item, bytes) and item.startswith(b"/") and item.endswith(b" Tf")


def _is_mark(text: str) -> bool:
    """Whether a cluster's text continues the previous letter (a combining mark, or SARA AM)."""
    return bool(text) and (unicodedata.category(text[0]) in {"Mn", "Mc", "Me"} or text[0] in "\u0e33\u0eb3")


def _line_glyphs(layer: _TextLayer, stream: Any, textbox: Any) -> tuple[list[_Glyph], list[_Group]]:
    """The glyphs WeasyPrint drew for the line, in drawing order, aliased where needed, and the
    letters (with their marks) they draw, left to right."""
    first_line, _ = textbox.pango_layout.get_first_line()
    utf8 = textbox.pango_layout.text.encode()
    glyphs: list[_Glyph] = []
    groups: list[_Group] = []
    run = first_line.runs[0]
    while run != ffi.NULL:
        glyph_item = run.data
        run = run.next
        glyph_string = glyph_item.glyphs
        count = glyph_string.num_glyphs
        infos = glyph_string.glyphs
        clusters = [glyph_string.log_clusters[i] for i in range(count)]
        offset, length = glyph_item.item.offset, glyph_item.item.length
        starts = sorted(set(clusters))
        # A cluster ends where the next one in logical order starts, whatever the direction.
        ends = dict(zip(starts, [*starts[1:], length], strict=True))
        font, _ = stream.add_font(glyph_item.item.analysis.font)  # the Font WeasyPrint used
        # Alias CIDs need CIDToGIDMap, which only TrueType-based CID fonts have.
        fixable = not font.bitmap and font.type == "ttf"
        left_to_right = glyph_item.item.analysis.level % 2 == 0
        i = 0
        while i < count:
            # One cluster: consecutive glyphs with the same cluster start.
            j = i
            while j < count and clusters[j] == clusters[i]:
                j += 1
            members: list[_Glyph] = []
            for index in range(i, j):
                glyph_id = infos[index].glyph
                if glyph_id == pango.PANGO_GLYPH_EMPTY:
                    continue  # drawn as a move, not a glyph
                if glyph_id & pango.PANGO_GLYPH_UNKNOWN_FLAG:
                    glyph_id = font.missing[glyph_id - pango.PANGO_GLYPH_UNKNOWN_FLAG]
                members.append(_Glyph(font, glyph_id))
            if members:
                text = utf8[offset + clusters[i] : offset + ends[clusters[i]]].decode()
                if fixable:
                    _alias_cluster(layer.aliases(font), text, members)
                first, last = len(glyphs), len(glyphs) + len(members) - 1
                previous = groups[-1] if groups else None
                if left_to_right and previous and previous.left_to_right and _is_mark(text):
                    previous.last, previous.text = last, previous.text + text
                else:
                    groups.append(_Group(first, last, text, left_to_right))
                glyphs.extend(members)
            i = j
    return glyphs, groups


def _alias_cluster(aliases: FontAliases, text: str, members: list[_Glyph]) -> None:
    try:
        current = [aliases.font.to_unicode[glyph.glyph_id] for glyph in members]
    except KeyError as error:
        raise TextLayerError(f"WeasyPrint drew glyph {error} without mapping it") from error
    if "".join(current) == text:
        return
    for glyph, piece, mapped in zip(members, split_cluster(text, current), current, strict=True):
        if piece != mapped:
            glyph.alias = (aliases, aliases.index(glyph.glyph_id, piece))
