"""Charts as SVG, one module for the official PDF and the public page alike.

Thai labels are drawn as glyph outlines, not ``<text>``: WeasyPrint puts dotted circles on Thai marks
inside SVG text (checked again with WeasyPrint 70), and a browser would draw the label in whatever
font it has. :mod:`.shaping` shapes each label with HarfBuzz (``uharfbuzz``) from the Sarabun TTF that
``fontpkg-sarabun`` ships and outlines the glyphs with fontTools, so a chart looks the same in the PDF
and on the page and needs no font. Each chart carries its figures in words in ``<title>`` and
``<desc>`` (screen readers; the documents also print the same figures in tables).

Deterministic: the same figures give the same bytes (coordinates rounded, no ids from counters or
clocks). Plain layer: imports only :mod:`prakat.fonts`.
"""

from prakat.charts.bars import Bar, bar_chart, column_chart

__all__ = ["Bar", "bar_chart", "column_chart"]
