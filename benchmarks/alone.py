"""WeasyPrint by itself on a published document's own HTML: the same-run baseline of what the tool
costs for a document before Prakat adds anything. Shared by benchmarks/documents.py (the 300-item
plan) and benchmarks/monthly.py (a 40-row month).

The document is built as the render worker builds it (prakat.announcements.document, the same
templates, stylesheets and fonts) and drawn by WeasyPrint in the benchmark's own process, where
Prakat's patches of WeasyPrint and pydyf are not installed: no exact Thai text layer, no recorded
emblem, no stream memo. Untagged (``False``): WeasyPrint's layout and drawing of the document;
tagged (``True``): with the options Prakat gives WeasyPrint (``pdf/a-2a``, the file identifier,
the PDF/UA XMP and the margins marked as artifacts), the tagged file the issues ask for. Garbage
collection is off during each render, as in the worker.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from prakat.announcements import pdf
from prakat.announcements.schemas import Announcement
from prakat.schools.schemas import School


def timers(school: School, announcement: Announcement) -> dict[bool, Callable[[], float]]:
    """Timers of ``announcement``'s HTML drawn by WeasyPrint alone, by whether the file is tagged;
    each warmed up once here."""
    from prakat.announcements.document import document
    from prakat.documents.render import Renderer

    renderer = Renderer()  # also gives this process the field's line-breaking dictionary
    doc = document(
        announcement,
        agency=school.name,
        created=announcement.published_at,
        public_url=pdf.public_url(school, announcement),
    )
    source = renderer.html(doc, emblem=Path(school.emblem_path or ""))
    untagged: dict[str, Any] = {"stylesheets": renderer._css(doc.template)}
    return {
        tagged: _timer(renderer, source, untagged | (renderer.pdf_options(doc) if tagged else {}))
        for tagged in (False, True)
    }


def _timer(renderer: Any, source: str, options: dict[str, Any]) -> Callable[[], float]:
    import weasyprint  # only these figures need WeasyPrint in the benchmark's own process

    def once() -> bytes:
        document = weasyprint.HTML(string=source, base_url=str(renderer.templates)).render(
            font_config=renderer.font_config, **options
        )
        return bytes(document.write_pdf(**options))

    def timed_once() -> float:
        # As in the render worker: no garbage collection during a render, one pass after it.
        gc.disable()
        start = time.perf_counter()
        once()
        took = time.perf_counter() - start
        gc.enable()
        gc.collect()
        return took

    once()
    return timed_once
