"""WeasyPrint by itself on a published document's own HTML: the same-run baseline of what the tool
costs for a document before Prakat adds anything. Shared by benchmarks/documents.py (the 300-item
plan) and benchmarks/monthly.py (a 40-row month).

Timed as Prakat's render is, through a worker process: the document is sent, pickled, to a child
process started and fed like the render worker (``prakat.documents.client.WorkerRenderer`` and
``prakat.documents.worker.serve``: the same loading, the same garbage-collection rules, the same
pipes), and the caller times the round trip. Only what that process does with the document differs:
it draws the document's HTML (built once per document, from the same templates, stylesheets and
fonts, with the field's line-breaking dictionary) with WeasyPrint alone, where Prakat's patches of
WeasyPrint and pydyf are not installed: no exact Thai text layer, no recorded emblem, no stream
memo. Untagged (``False``): WeasyPrint's layout and drawing of the document; tagged (``True``):
with the options Prakat gives WeasyPrint (``pdf/a-2a``, the file identifier, the PDF/UA XMP and the
margins marked as artifacts), the tagged file the issues ask for.

Timing WeasyPrint alone in the benchmark's own process instead read 2-10 % above or below the same
work in a worker (another heap, another history of allocations): enough to decide a 1.10× target.

``python benchmarks/alone.py --serve tagged|plain`` is the child's side (started by :func:`timers`).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT / "src") not in sys.path:  # run from a checkout without an installed package
    sys.path.insert(0, str(ROOT / "src"))

from prakat.announcements import pdf  # noqa: E402
from prakat.announcements.schemas import Announcement  # noqa: E402
from prakat.documents.client import WorkerRenderer  # noqa: E402
from prakat.paths import module_command  # noqa: E402
from prakat.schools.schemas import School  # noqa: E402


def timers(school: School, announcement: Announcement) -> dict[bool, Callable[[], float]]:
    """Timers of ``announcement``'s HTML drawn by WeasyPrint alone in a worker process of its own,
    by whether the file is tagged; each warmed up once here."""
    from prakat.announcements.document import document

    doc = document(
        announcement,
        agency=school.name,
        created=announcement.published_at,
        public_url=pdf.public_url(school, announcement),
    )
    emblem = Path(school.emblem_path or "")
    _, env = module_command("prakat.documents.worker")
    result = {}
    for tagged in (False, True):
        worker = WorkerRenderer(([sys.executable, __file__, "--serve", "tagged" if tagged else "plain"], env))
        result[tagged] = _timer(worker, doc, emblem)
    return result


def _timer(worker: WorkerRenderer, doc: Any, emblem: Path) -> Callable[[], float]:
    def timed_once() -> float:
        start = time.perf_counter()
        worker.render(doc, emblem=emblem)
        return time.perf_counter() - start

    timed_once()
    return timed_once


def _serve(tagged: bool) -> None:
    from prakat.documents.worker import serve

    def load() -> Callable[[Any, Path], bytes]:
        import weasyprint

        from prakat.documents.render import Renderer

        renderer = Renderer()  # also gives this process the field's line-breaking dictionary
        sources: dict[str, str] = {}

        def render(doc: Any, emblem: Path) -> bytes:
            # The HTML is the input being compared: made once per document, outside the timing
            # that matters (Prakat's render makes it each time: about 3 ms of a 40-row month).
            if doc.filename not in sources:
                sources[doc.filename] = renderer.html(doc, emblem=emblem)
            options: dict[str, Any] = {"stylesheets": renderer._css(doc.template)}
            if tagged:
                options |= renderer.pdf_options(doc)
            document = weasyprint.HTML(string=sources[doc.filename], base_url=str(renderer.templates)).render(
                font_config=renderer.font_config, **options
            )
            return bytes(document.write_pdf(**options))

        return render

    serve(load)


if __name__ == "__main__" and sys.argv[1:2] == ["--serve"]:
    _serve(sys.argv[2] == "tagged")
