"""The render worker process: ``python -m prakat.documents.worker``, started and fed by
:class:`prakat.documents.client.WorkerRenderer`.

It reads ``(document, emblem path)`` requests from its stdin and answers ``("pdf", bytes)`` or
``("error", exception)`` on its stdout, pickled, one at a time, and exits when its stdin closes,
so it never outlives the server, even one that is killed. Only this process imports WeasyPrint
and the Thai dictionary: the server that starts it stays small. It is also the only process in
which Prakat's patches of WeasyPrint and pydyf are installed (prakat.documents.patches).
"""

from __future__ import annotations

import gc
import logging
import os
import pickle
from collections.abc import Callable
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from prakat.documents import patches
from prakat.documents.render import Renderer

log = logging.getLogger("prakat.pdf")


def main() -> None:
    """Load everything, then render request after request."""
    serve(_load)


def _load() -> Callable[[Any, Path], bytes]:
    # Before anything renders. Where WeasyPrint or pydyf is not what the patches were written
    # for, nothing is installed and every render is refused with the same message (patches.require),
    # which reaches the caller and the server's log.
    try:
        patches.install()
    except patches.PatchError:
        log.exception("the render worker cannot render with the installed WeasyPrint or pydyf")
    # Fonts, templates, the line-breaking and segmenting dictionaries: once, before any request.
    renderer = Renderer()
    return lambda doc, emblem: renderer.render(doc, emblem=emblem)


def serve(load: Callable[[], Callable[[Any, Path], bytes]]) -> None:
    """Call ``load`` for a render function, then answer each request with ``render(document,
    emblem)`` until the caller closes this process's stdin. Also what the benchmarks'
    WeasyPrint-alone worker runs (benchmarks/alone.py), so that both renders are timed through the
    same kind of process."""
    requests = Connection(os.dup(0), writable=False)
    answers = Connection(os.dup(1), readable=False)
    os.dup2(2, 1)  # anything printed (loading too) goes to stderr, never into the answers
    render = load()
    # Keep what was loaded out of the garbage collector's scans during renders.
    gc.collect()
    gc.freeze()
    while True:
        try:
            doc, emblem = requests.recv()
        except EOFError:
            return  # the server has gone
        # No garbage collection during a render (a render makes little cyclic garbage, and the
        # collector's passes over its millions of boxes cost 5-10 % of a long plan): one pass
        # after the answer has gone.
        gc.disable()
        try:
            answer: tuple[str, object] = ("pdf", render(doc, Path(emblem)))
        except Exception as failed:
            log.exception("rendering %s failed", getattr(doc, "filename", "?"))
            answer = ("error", failed)
        finally:
            gc.enable()
        try:
            answers.send(answer)
        except (pickle.PicklingError, TypeError, AttributeError):
            answers.send(("error", RuntimeError(f"{type(answer[1]).__name__}: {answer[1]}")))
        del answer
        gc.collect()


if __name__ == "__main__":
    main()
