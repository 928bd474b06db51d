"""The QR code printed beside the signature: the published copy's address, as a small PNG image.

segno (pure Python) makes the code; its choices are fixed here (version chosen by length, error
correction level M, segno's mask selection), so the same address always gives the same image, and
the same PDF bytes. Making one costs about 6 ms: the image of each address is kept (a published
announcement is rendered once, but previews and re-renders of the same one repeat)."""

from __future__ import annotations

import base64
import functools
import io

import segno

# Level M restores about 15 % of the code: a fold or a stamp across a corner still reads.
ERROR_LEVEL = "M"
# Light modules around the code, in modules (the standard asks for 4; the page around the image
# is blank, and the stylesheet keeps a margin of its own).
QUIET_ZONE = 2


@functools.lru_cache(maxsize=256)
def qr_png(text: str) -> bytes:
    """The QR code of ``text`` as a PNG of one pixel per module (the stylesheet scales it up, without
    smoothing). A PNG, not an SVG: WeasyPrint draws segno's SVG path in about 50 ms, the image in
    under 1 ms."""
    code = segno.make_qr(text, error=ERROR_LEVEL, boost_error=False)
    out = io.BytesIO()
    code.save(out, kind="png", scale=1, border=QUIET_ZONE)
    return out.getvalue()


@functools.lru_cache(maxsize=256)
def qr_data_url(text: str) -> str:
    """A ``data:`` URL of :func:`qr_png`, for an ``<img>`` in the document's HTML."""
    return "data:image/png;base64," + base64.b64encode(qr_png(text)).decode()
