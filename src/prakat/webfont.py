"""The embed's one font file: Sarabun Regular cut down to Thai, Basic Latin and the punctuation
announcements use (about 14 KB as WOFF2 instead of 90 KB); other characters (emoji) fall back to
the reader's system fonts.

fontTools cuts it, in a short-lived process of its own (``python -m prakat.webfont``), once per
server process: the server needs fontTools for nothing else, and loaded it would stay, about
10 MB of every server process (the memory target of the official-PDF issue counts them all).
"""

from __future__ import annotations

import asyncio
import io
import subprocess
import sys
from typing import Final

from prakat.fonts import SARABUN_DIR
from prakat.paths import module_command

FONT_SOURCE: Final = SARABUN_DIR / "Sarabun-Regular.ttf"
FONT_RANGES: Final = (
    (0x20, 0x7E),
    (0xA0, 0xA0),
    (0xB7, 0xB7),
    (0x0E01, 0x0E3A),
    (0x0E3F, 0x0E5B),
    (0x2013, 0x2014),
    (0x2018, 0x2019),
    (0x201C, 0x201D),
    (0x2026, 0x2026),
)
UNICODE_RANGE: Final = ",".join(f"U+{a:04X}" if a == b else f"U+{a:04X}-{b:04X}" for a, b in FONT_RANGES)
# Thai needs its mark positioning and composition; Latin its kerning and ligatures; nothing else.
FONT_FEATURES: Final = ("ccmp", "locl", "mark", "mkmk", "kern", "liga")

_MADE: dict[str, bytes] = {}


async def woff2() -> bytes:
    """The font file, made once per process (about a quarter of a second, in another process; two
    first requests at once may both make it, and get the same bytes)."""
    if "woff2" not in _MADE:
        _MADE["woff2"] = await asyncio.to_thread(_make_elsewhere)
    return _MADE["woff2"]


def _make_elsewhere() -> bytes:
    command, env = module_command("prakat.webfont")
    done = subprocess.run(command, env=env, capture_output=True, check=True, timeout=120)
    if not done.stdout.startswith(b"wOF2"):
        raise RuntimeError(f"the embed font was not made: {done.stderr.decode(errors='replace')}")
    return done.stdout


def make() -> bytes:
    """Sarabun Regular with only the glyphs and features the embed needs, as WOFF2."""
    from fontTools import subset  # type: ignore[import-untyped]
    from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

    options = subset.Options()
    options.layout_features = list(FONT_FEATURES)
    options.name_IDs = [0, 1, 2, 13, 14]  # copyright, family, style, licence (OFL) and its URL
    options.hinting = False
    options.desubroutinize = True
    options.notdef_outline = True
    font = TTFont(str(FONT_SOURCE))
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[c for low, high in FONT_RANGES for c in range(low, high + 1)])
    subsetter.subset(font)
    font.flavor = "woff2"
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


if __name__ == "__main__":
    sys.stdout.buffer.write(make())
