"""Alias CIDs: the font side of the exact text layer (prakat.documents.textlayer says why).

While WeasyPrint draws, the text layer finds the glyphs whose text the first-come ToUnicode map
gets wrong and gives each (glyph, text) pair an alias (:class:`FontAliases`, the text split over a
cluster's glyphs by :func:`split_cluster`). Once drawing is over, :func:`declare` numbers the
aliases after the font's own codes and declares them in the PDF's font dictionaries: each alias
CID draws its glyph (``/CIDToGIDMap``), as wide (``/W``), listed in ``/CIDSet`` (PDF 1.4) and in
WeasyPrint's Encoding CMap where it wrote one, and extracts as its text (ToUnicode). Output is
deterministic: aliases are numbered in drawing order, CMaps are written sorted.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

import pydyf  # type: ignore[import-untyped]

_CMAP_BATCH = 100  # entries per begin…end block, as the CMap specification allows
_BFCHAR = re.compile(rb"^<([0-9a-fA-F]{4})> <([0-9a-fA-F]*)>$")


class TextLayerError(RuntimeError):
    """The text layer cannot be made exact: WeasyPrint changed under us, or codes ran out."""


# ---------------------------------------------------------------------------------------------
# Splitting a cluster's text over its glyphs


def split_cluster(text: str, current: Sequence[str]) -> list[str]:
    """Split ``text`` into ``len(current)`` consecutive pieces, one per glyph of a cluster.

    ``current`` holds the text each glyph already has in the ToUnicode map. The split has as few
    glyphs as possible map to nothing, then keeps as many of the ``current`` texts as possible
    (a glyph that keeps its text needs no alias), then leaves the text on the later glyphs
    (WeasyPrint's convention: a mark drawn before its base does not take the base's letter).
    ``split_cluster("ำ", ["", "า"]) == ["", "ำ"]``; ``split_cluster("้ำ", ["", "า"]) == ["้", "ำ"]``.
    """
    glyphs, length = len(current), len(text)
    if glyphs == 0:
        raise ValueError("a cluster has at least one glyph")
    # best[k][j]: cheapest way for the first k glyphs to carry text[:j]; cost compares
    # (glyphs mapped to nothing, glyphs needing an alias, -(text carried × glyph position)).
    Cost = tuple[int, int, int]
    best: list[list[tuple[Cost, int] | None]] = [[None] * (length + 1) for _ in range(glyphs + 1)]
    best[0][0] = ((0, 0, 0), 0)
    for k in range(1, glyphs + 1):
        ends = range(length, length + 1) if k == glyphs else range(length + 1)
        for j in ends:
            for i in range(j + 1):
                previous = best[k - 1][i]
                if previous is None:
                    continue
                piece = text[i:j]
                (empties, aliases, spread), _ = previous
                cost = (
                    empties + (piece == ""),
                    aliases + (piece != current[k - 1]),
                    spread - k * len(piece),
                )
                here = best[k][j]
                if here is None or cost < here[0]:
                    best[k][j] = (cost, i)
    pieces: list[str] = []
    j = length
    for k in range(glyphs, 0, -1):
        entry = best[k][j]
        assert entry is not None
        i = entry[1]
        pieces.append(text[i:j])
        j = i
    pieces.reverse()
    return pieces


class FontAliases:
    """The alias CIDs of one WeasyPrint ``Font``: (glyph id, text) pairs, in drawing order.

    The CIDs themselves are only numbered by the finisher, once drawing is over, right after the
    codes WeasyPrint took (the font's glyph ids, then its codes for missing glyphs)."""

    def __init__(self, font: Any) -> None:
        self.font = font
        self.pairs: dict[tuple[int, str], int] = {}  # (glyph id, text) → index
        self.base: int | None = None

    def index(self, glyph_id: int, text: str) -> int:
        return self.pairs.setdefault((glyph_id, text), len(self.pairs))

    def cid(self, index: int) -> int:
        if self.base is None:
            raise TextLayerError("the PDF was written without the text-layer finisher")
        return self.base + index


def declare(pdf: Any, fonts: Iterable[FontAliases]) -> None:
    """Number the alias CIDs and declare them in their fonts; write the ToUnicode map the drawing
    relied on into every font drawn (WeasyPrint writes the font's own cmap instead when it embeds
    whole fonts). Run by the text layer's finisher, before pydyf writes the file."""
    fonts = list(fonts)
    if not fonts:
        return
    by_reference = {obj.reference: obj for obj in pdf.objects if obj.number is not None}
    for aliases in fonts:
        type0 = _font_dictionary(pdf, aliases.font)
        if aliases.pairs:
            aliases.base = aliases.font.glyph_count + len(aliases.font.missing)
            _declare_aliases(pdf, by_reference, type0, aliases)
        codes = {aliases.cid(index): text for (_, text), index in aliases.pairs.items()}
        _rewrite_to_unicode(by_reference[type0["ToUnicode"]], aliases.font, codes)


# ---------------------------------------------------------------------------------------------
# Declaring alias CIDs in the font dictionaries


def _declare_aliases(pdf: Any, by_reference: dict[bytes, Any], type0: Any, aliases: FontAliases) -> None:
    font = aliases.font
    glyph_of = {aliases.cid(index): glyph_id for (glyph_id, _), index in aliases.pairs.items()}
    if max(glyph_of) > 0xFFFF:
        raise TextLayerError(f"no free CID left in font {font.family!r}")
    cid_font = by_reference[type0["DescendantFonts"][0]]
    if cid_font.get("Subtype") != "/CIDFontType2" or cid_font.get("CIDToGIDMap") != "/Identity":
        raise TextLayerError(f"unexpected CIDFont dictionary for {font.name!r}")

    # CID → glyph: identity for the font's glyphs, .notdef for WeasyPrint's missing-glyph codes
    # (its Encoding already sends those to CID 0), the aliased glyph for each alias.
    gids = [*range(font.glyph_count), *[0] * len(font.missing), *glyph_of.values()]
    compress = by_reference[type0["ToUnicode"]].compress
    cid_to_gid = pydyf.Stream([b"".join(gid.to_bytes(2, "big") for gid in gids)], compress=compress)
    pdf.add_object(cid_to_gid)
    cid_font["CIDToGIDMap"] = cid_to_gid.reference

    # Widths: an alias is as wide as its glyph.
    widths = _read_widths(cid_font["W"])
    try:
        cid_font["W"].extend([aliases.base, pydyf.Array([widths[gid] for gid in glyph_of.values()])])
    except KeyError as error:
        raise TextLayerError(f"no width for glyph {error} in {font.name!r}") from error

    # PDF 1.4 (PDF/A-1) lists the CIDs present in a subset font.
    descriptor = by_reference[cid_font["FontDescriptor"]]
    if "CIDSet" in descriptor:
        cid_set = by_reference[descriptor["CIDSet"]]
        bits = int.from_bytes(cid_set.stream[0], "big")
        size = len(cid_set.stream[0]) * 8
        present = {cid for cid in range(size) if bits >> (size - 1 - cid) & 1} | set(glyph_of)
        length = (max(present) // 8 + 1) * 8
        value = sum(1 << (length - 1 - cid) for cid in present)
        cid_set.stream = [value.to_bytes(length // 8, "big")]

    # Character codes: Identity-H already covers the alias CIDs; WeasyPrint's own Encoding CMap
    # (written when glyphs are missing from the font) lists its codes one by one.
    if type0["Encoding"] != "/Identity-H":
        encoding = by_reference[type0["Encoding"]]
        _insert_before_endcmap(encoding, "cidchar", [b"<%04x> %d" % (cid, cid) for cid in sorted(glyph_of)])


def _font_dictionary(pdf: Any, font: Any) -> Any:
    found = [
        obj
        for obj in pdf.objects
        if isinstance(obj, pydyf.Dictionary)
        and obj.get("Type") == "/Font"
        and obj.get("BaseFont") == font.name
        and "DescendantFonts" in obj
    ]
    if len(found) != 1:
        raise TextLayerError(f"found {len(found)} font dictionaries for {font.name!r}")
    return found[0]


def _read_widths(w: Sequence[Any]) -> dict[int, Any]:
    """CID → width from a ``/W`` array of the form WeasyPrint writes: ``first [w1 w2 …] …``."""
    widths: dict[int, Any] = {}
    if len(w) % 2:
        raise TextLayerError("unexpected /W array")
    for first, run in zip(w[::2], w[1::2], strict=True):
        if not isinstance(first, int) or not isinstance(run, list):
            raise TextLayerError("unexpected /W array")
        widths.update({first + offset: width for offset, width in enumerate(run)})
    return widths


def _insert_before_endcmap(stream: Any, kind: str, entries: list[bytes]) -> None:
    lines: list[bytes] = list(stream.stream)
    try:
        end = lines.index(b"endcmap")
    except ValueError as error:
        raise TextLayerError("unexpected CMap layout") from error
    block: list[bytes] = []
    for batch in range(0, len(entries), _CMAP_BATCH):
        chunk = entries[batch : batch + _CMAP_BATCH]
        block += [f"{len(chunk)} begin{kind}".encode(), *chunk, f"end{kind}".encode()]
    stream.stream = [*lines[:end], *block, *lines[end:]]


def utf16_hex(text: str) -> bytes:
    return text.encode("utf-16-be").hex().encode()


def _rewrite_to_unicode(stream: Any, font: Any, aliases: dict[int, str]) -> None:
    """Rewrite WeasyPrint's ToUnicode CMap with the alias codes added, entries sorted by code."""
    lines: list[bytes] = list(stream.stream)
    try:
        head_end = lines.index(b"endcodespacerange") + 1
        tail_start = lines.index(b"endcmap")
    except ValueError as error:
        raise TextLayerError("unexpected ToUnicode CMap layout") from error
    entries: dict[int, bytes] = {}
    for line in lines[head_end:tail_start]:
        if line.endswith((b"beginbfchar", b"endbfchar")):
            continue
        match = _BFCHAR.match(line)
        if match is None:
            raise TextLayerError(f"unexpected ToUnicode CMap line {line!r}")
        entries[int(match.group(1), 16)] = match.group(2)
    # What the drawing relied on (when WeasyPrint embeds the whole font it writes the font's own
    # cmap instead), then the aliases.
    entries.update({glyph_id: utf16_hex(text) for glyph_id, text in font.to_unicode.items()})
    entries.update({code: utf16_hex(text) for code, text in aliases.items()})
    body: list[bytes] = []
    ordered = sorted(entries.items())
    for batch in range(0, len(ordered), _CMAP_BATCH):
        chunk = ordered[batch : batch + _CMAP_BATCH]
        body += [f"{len(chunk)} beginbfchar".encode(), *(b"<%04x> <%s>" % pair for pair in chunk)]
        body.append(b"endbfchar")
    stream.stream = [*lines[:head_end], *body, *lines[tail_start:]]
