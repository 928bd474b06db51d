"""How an attachment table is laid out: column widths that fit their content, and the heading rows.

WeasyPrint's fixed table layout (fast on a 300-row plan; tech-notes) takes the widths it is given
and lets a cell's content overflow into its neighbour when a word is wider than its column: the
plan code printed over the project name. So a column whose content must stay whole (``fit``,
prakat.documents.model.Column) is given the width of that content, measured here from the font's
own advance widths, in em: the width then holds at whatever size the stylesheet sets the type.
The measure is the sum of the glyphs' advances (Thai marks advance nothing), with a little room
for shaping; the test suite checks every cell's text against its cell's borders in the PDF.
"""

from __future__ import annotations

import functools
from typing import NamedTuple

from prakat.documents.model import Column, Table
from prakat.fonts import SARABUN_DIR
from prakat.thai.segment import segment

# A cell's horizontal padding and borders (2 × 0.1cm and 0.5pt in _official.css), with room to
# spare; a length, as the padding is one.
CELL_EXTRA = "0.3cm"
# Shaping (kerning, the marks' placement) may draw a little wider than the advances add up to.
SLACK = 1.03


class Heading(NamedTuple):
    title: str
    column: int  # index of the first column it heads
    colspan: int
    rowspan: int


class Layout(NamedTuple):
    widths: tuple[str, ...]  # CSS widths of the <col>s ("" = what the others leave)
    headings: tuple[tuple[Heading, ...], ...]  # one or two heading rows


@functools.cache
def _advances(bold: bool) -> tuple[dict[int, int], float]:
    # Imported when a table is measured (in the render worker, or where a document is built), not
    # by whatever imports this module: a server process never loads fontTools
    # (tests/test_server_footprint.py).
    from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

    font = TTFont(SARABUN_DIR / ("Sarabun-Bold.ttf" if bold else "Sarabun-Regular.ttf"), lazy=True)
    metrics = font["hmtx"].metrics
    per_char = {code: metrics[glyph][0] for code, glyph in font.getBestCmap().items()}
    return per_char, float(font["head"].unitsPerEm)


# A cell's padding alone (2 × 0.1 cm, in cm), for the room a word has inside it (CELL_EXTRA above adds
# the borders and a margin to a column's CSS width).
CELL_PADDING_CM = 0.2
PT_PER_CM = 72 / 2.54


def room(width: str, measure_cm: float, type_pt: float) -> float:
    """The room inside a cell of a column ``width`` wide ("12%" of the table's ``measure_cm``), in
    em of the type it is set in (``type_pt``): what a word must fit in to stay whole there."""
    share = float(width.removesuffix("%")) / 100
    return (share * measure_cm - CELL_PADDING_CM) * PT_PER_CM / type_pt


def fits(word: str, room_em: float) -> bool:
    """Whether ``word`` fits on one line in ``room_em`` (regular weight, with room for shaping)."""
    return text_em(word) * SLACK <= room_em


@functools.lru_cache(maxsize=8192)
def text_em(text: str, bold: bool = False) -> float:
    """The width of ``text`` on one line, in em of the font it is set in (Sarabun)."""
    per_char, units = _advances(bold)
    fallback = per_char.get(ord("ก"), int(units / 2))
    return sum(per_char.get(ord(c), fallback) for c in text) / units


def _units(text: str, fit: str) -> list[str]:
    """What a cell keeps on one line: the whole cell ("line" with no cap), its words between
    spaces ("line"), or the words the segmenter finds, which prakat.thai.segment.protect keeps
    whole and lets a line end between ("word")."""
    if fit == "word":
        return [w for w in segment(text) if w.strip()]
    return text.split()


def _content_em(table: Table, index: int, fit: str) -> float:
    """The widest cell (``fit`` "line") or word ("word", or "line-words": between spaces) of the
    column, and of its title's words, in bold for the title and the totals."""
    column = table.columns[index]
    last = len(table.rows) - 1
    units = "word" if column.fit == "word" else "line"
    widest = max((text_em(w, bold=True) for w in _units(column.title, units)), default=0.0)
    for n, row in enumerate(table.rows):
        bold = table.total_row and n == last
        if fit == "line":
            widest = max(widest, text_em(row[index], bold))
        else:
            widest = max(widest, *(text_em(w, bold) for w in _units(row[index], units)), 0.0)
    return widest * SLACK


def _width(table: Table, index: int) -> str:
    column = table.columns[index]
    if not column.fit:
        return column.width
    content = f"calc({_content_em(table, index, column.fit):.2f}em + {CELL_EXTRA})"
    if not column.width:
        return content
    if column.fit == "word":
        return f"max({content}, {column.width})"
    # Capped, but never narrower than its widest word, which cannot wrap.
    word = f"calc({_content_em(table, index, 'line-words'):.2f}em + {CELL_EXTRA})"
    return f"min({content}, max({word}, {column.width}))"


def _headings(columns: tuple[Column, ...]) -> tuple[tuple[Heading, ...], ...]:
    if not any(c.group for c in columns):
        return (tuple(Heading(c.title, i, 1, 1) for i, c in enumerate(columns)),)
    top: list[Heading] = []
    below: list[Heading] = []
    i = 0
    while i < len(columns):
        group = columns[i].group
        if not group:
            top.append(Heading(columns[i].title, i, 1, 2))
            i += 1
            continue
        start = i
        while i < len(columns) and columns[i].group == group:
            below.append(Heading(columns[i].title, i, 1, 1))
            i += 1
        top.append(Heading(group, start, i - start, 1))
    return (tuple(top), tuple(below))


def layout(table: Table) -> Layout:
    return Layout(
        widths=tuple(_width(table, i) for i in range(len(table.columns))),
        headings=_headings(table.columns),
    )
