"""Render a paragraph of Thai with plain WeasyPrint in a process of its own, with libthai's stock
dictionary or the field's: libthai reads its dictionary once per process, so the two cannot be
compared in one. ``python -m tests.documents.paragraph DICTIONARY MARKUP`` reads the text on stdin
and writes the PDF on stdout; MARKUP is how the text becomes HTML (see :data:`MARKUPS`)."""

from __future__ import annotations

import html
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration

from prakat.documents import linebreak
from prakat.fonts import SARABUN_DIR
from prakat.thai import PROTECT_CSS, protect

ROOT = Path(__file__).resolve().parents[2]
DICTIONARIES = ("stock", "field")
MARKUPS: dict[str, Callable[[str], str]] = {
    "escaped": html.escape,  # no protection at all
    "protected": protect,  # every word that might break is wrapped
    "asked": lambda text: protect(text, breaks=linebreak.line_ends),  # what the renderer does
}


def render(text: str, dictionary: str, markup: str) -> bytes:
    """The PDF of ``text`` in a narrow column, made HTML by ``markup`` and laid out with the
    ``dictionary`` libthai uses."""
    env = {k: v for k, v in os.environ.items() if k != "LIBTHAI_DICTDIR"}
    done = subprocess.run(
        [sys.executable, "-m", "tests.documents.paragraph", dictionary, markup],
        input=text.encode(),
        capture_output=True,
        cwd=ROOT,
        env=env,
        check=True,
        timeout=120,
    )
    return done.stdout


def markup_in(text: str, dictionary: str, markup: str) -> str:
    """The HTML that ``markup`` makes of ``text`` under ``dictionary`` (without rendering)."""
    return render(text, dictionary, f"show-{markup}").decode()


def _main(dictionary: str, markup: str) -> None:
    if dictionary == "field":
        assert linebreak.use_field_dictionary(), "the field dictionary is not in use"
    else:
        assert not linebreak.field_dictionary_in_use(), "libthai's stock dictionary is not in use"
    text = sys.stdin.read()
    if markup.startswith("show-"):
        sys.stdout.write(MARKUPS[markup.removeprefix("show-")](text))
        return
    regular = (SARABUN_DIR / "Sarabun-Regular.ttf").as_uri()
    document = f"""<!DOCTYPE html>
<html lang="th"><head><meta charset="utf-8"><style>
@font-face {{ font-family: "Sarabun"; src: url("{regular}"); }}
@page {{ size: A4; margin: 2cm; }}
body {{ font-family: "Sarabun"; font-size: 16pt; line-height: 1.35; }}
p {{ width: 8cm; margin: 0; text-align: left; }}
{PROTECT_CSS}
</style></head><body><p>{MARKUPS[markup](text)}</p></body></html>"""
    sys.stdout.buffer.write(HTML(string=document).write_pdf(font_config=FontConfiguration()))


if __name__ == "__main__":
    _main(sys.argv[1], sys.argv[2])
