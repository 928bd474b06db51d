"""Thai (and Latin) text as SVG path data: shaped by HarfBuzz, outlined from the Sarabun TTF."""

from __future__ import annotations

import functools
from typing import Any, NamedTuple

import uharfbuzz as hb
from fontTools.pens.svgPathPen import SVGPathPen
from fontTools.pens.transformPen import TransformPen
from fontTools.ttLib import TTFont

from prakat.fonts import SARABUN_DIR

FACES = {400: "Sarabun-Regular.ttf", 700: "Sarabun-Bold.ttf"}


def _number(value: float) -> str:
    """Two decimals at most, no trailing zeros: short and the same on every machine."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


class _Face:
    def __init__(self, weight: int) -> None:
        path = SARABUN_DIR / FACES[weight]
        data = path.read_bytes()
        self.hb_font = hb.Font(hb.Face(data))
        self.tt = TTFont(path)
        self.glyphs = self.tt.getGlyphSet()
        self.order = self.tt.getGlyphOrder()
        self.units = int(self.tt["head"].unitsPerEm)


@functools.cache
def _face(weight: int) -> _Face:
    return _Face(weight)


class Shaped(NamedTuple):
    path: str  # SVG path data, in user units, the baseline's start at (0, 0)
    width: float  # advance width in user units


@functools.lru_cache(maxsize=2048)
def _shape(text: str, weight: int) -> tuple[tuple[str, int, int, int], ...]:
    """(glyph name, x advance, x offset, y offset) in font units, as HarfBuzz lays the text out."""
    face = _face(weight)
    buf = hb.Buffer()
    buf.add_str(text)
    buf.guess_segment_properties()
    hb.shape(face.hb_font, buf, {"kern": True, "liga": True})
    return tuple(
        (face.order[info.codepoint], pos.x_advance, pos.x_offset, pos.y_offset)
        for info, pos in zip(buf.glyph_infos, buf.glyph_positions, strict=True)
    )


@functools.lru_cache(maxsize=2048)
def outline(text: str, size: float, weight: int = 400) -> Shaped:
    """``text`` at ``size`` user units (the em), as one path: the baseline starts at (0, 0)."""
    face = _face(weight)
    scale = size / face.units
    pen = SVGPathPen(face.glyphs, ntos=_number)
    x = 0
    for name, advance, dx, dy in _shape(text, weight):
        # Font units have y up; SVG has y down.
        moved: Any = TransformPen(pen, (scale, 0, 0, -scale, (x + dx) * scale, -dy * scale))
        face.glyphs[name].draw(moved)
        x += advance
    return Shaped(path=pen.getCommands(), width=x * scale)


def text_path(text: str, x: float, y: float, size: float, *, anchor: str = "start", weight: int = 400) -> str:
    """An SVG ``<path>`` drawing ``text`` with its baseline at ``y``; ``anchor`` as SVG's text-anchor."""
    shaped = outline(text, size, weight)
    if anchor == "end":
        x -= shaped.width
    elif anchor == "middle":
        x -= shaped.width / 2
    if not shaped.path:
        return ""
    return f'<path transform="translate({_number(x)} {_number(y)})" d="{shaped.path}"/>'


def width(text: str, size: float, weight: int = 400) -> float:
    return outline(text, size, weight).width
