"""Two chart shapes, enough for the annual report: horizontal bars (a label per row: methods, budget
sources, the budget against the reference price against the agreed price) and columns (one per month).

The caller gives each bar its value and the text shown for it (formatted as the document formats
amounts, Thai digits included); the chart only scales and draws. Sizes are in CSS pixels; the
stylesheet may scale the whole (``viewBox``)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from xml.sax.saxutils import escape, quoteattr

import msgspec

from prakat.charts.shaping import _number, text_path, width

BAR_FILL = "#2f5d8a"  # prints as a mid grey on a black-and-white printer
AXIS = "#000"
LABEL_SIZE = 15.0
VALUE_SIZE = 13.0
WIDTH = 560.0  # drawn 16 cm wide in the PDF: 15 units are about 11 pt there


class Bar(msgspec.Struct, frozen=True, kw_only=True):
    label: str
    value: Decimal
    shown: str  # the value as the reader sees it ("๑๒,๕๐๐.๐๐")


def _svg(title: str, description: str, w: float, h: float, body: list[str]) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" aria-label={quoteattr(title)} '
        f'viewBox="0 0 {_number(w)} {_number(h)}" width="{_number(w)}" height="{_number(h)}">'
        f"<title>{escape(title)}</title><desc>{escape(description)}</desc>" + "".join(body) + "</svg>"
    )


def _describe(bars: Sequence[Bar]) -> str:
    return "; ".join(f"{b.label}: {b.shown}" for b in bars)


def _share(value: Decimal, top: Decimal, length: float) -> float:
    if top <= 0 or value <= 0:
        return 0.0
    return float(value / top) * length


def bar_chart(title: str, bars: Sequence[Bar], *, chart_width: float = WIDTH) -> str:
    """Horizontal bars, the label at the left of each, the value at its end."""
    row, bar_h, pad = 28.0, 17.0, 6.0
    label_w = min(max((width(b.label, LABEL_SIZE) for b in bars), default=0.0), chart_width * 0.42) + 10
    value_w = max((width(b.shown, VALUE_SIZE) for b in bars), default=0.0) + 8
    track = max(chart_width - label_w - value_w - pad, 40.0)
    top = max((b.value for b in bars), default=Decimal(0))
    h = pad * 2 + row * max(len(bars), 1)
    body = [
        f'<line x1="{_number(label_w)}" y1="{_number(pad)}" x2="{_number(label_w)}" '
        f'y2="{_number(h - pad)}" stroke="{AXIS}" stroke-width="1"/>'
    ]
    labels, values, rects = [], [], []
    for i, b in enumerate(bars):
        y = pad + i * row
        length = _share(b.value, top, track)
        rects.append(
            f'<rect x="{_number(label_w)}" y="{_number(y + (row - bar_h) / 2)}" '
            f'width="{_number(length)}" height="{_number(bar_h)}"/>'
        )
        baseline = y + row / 2 + LABEL_SIZE * 0.32
        labels.append(text_path(b.label, label_w - 6, baseline, LABEL_SIZE, anchor="end"))
        values.append(text_path(b.shown, label_w + length + 4, baseline, VALUE_SIZE))
    body.append(f'<g fill="{BAR_FILL}">' + "".join(rects) + "</g>")
    body.append(f'<g fill="{AXIS}">' + "".join(labels) + "".join(values) + "</g>")
    return _svg(title, _describe(bars), chart_width, h, body)


def column_chart(
    title: str, bars: Sequence[Bar], *, chart_width: float = WIDTH, chart_height: float = 240.0
) -> str:
    """Vertical columns, the label under each and the value above it."""
    bottom, top_pad, side = 26.0, 22.0, 6.0
    n = max(len(bars), 1)
    slot = (chart_width - side * 2) / n
    col_w = slot * 0.62
    track = chart_height - bottom - top_pad
    top = max((b.value for b in bars), default=Decimal(0))
    base_y = chart_height - bottom
    rects, texts = [], []
    for i, b in enumerate(bars):
        centre = side + slot * i + slot / 2
        length = _share(b.value, top, track)
        rects.append(
            f'<rect x="{_number(centre - col_w / 2)}" y="{_number(base_y - length)}" '
            f'width="{_number(col_w)}" height="{_number(length)}"/>'
        )
        texts.append(text_path(b.label, centre, base_y + LABEL_SIZE + 4, LABEL_SIZE, anchor="middle"))
        size = (
            VALUE_SIZE
            if width(b.shown, VALUE_SIZE) <= slot - 2
            else VALUE_SIZE * (slot - 2) / width(b.shown, VALUE_SIZE)
        )
        texts.append(text_path(b.shown, centre, base_y - length - 4, size, anchor="middle"))
    body = [
        f'<line x1="{_number(side)}" y1="{_number(base_y)}" x2="{_number(chart_width - side)}" '
        f'y2="{_number(base_y)}" stroke="{AXIS}" stroke-width="1"/>',
        f'<g fill="{BAR_FILL}">' + "".join(rects) + "</g>",
        f'<g fill="{AXIS}">' + "".join(texts) + "</g>",
    ]
    return _svg(title, _describe(bars), chart_width, chart_height, body)
