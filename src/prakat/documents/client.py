"""The calling side of the render worker: :class:`WorkerRenderer` sends an official document to
``python -m prakat.documents.worker`` and waits for its PDF bytes. Whatever publishes documents
(announcements today; a monthly summary, an annual report) renders through :func:`renderer`.

Rendering runs in a separate worker process (one per server process, started at the first render):
it is CPU-bound pure Python, and in a thread it would still hold the GIL and run its garbage
collections while the event loop waits, delaying every other request by tens to hundreds of
milliseconds while a long plan renders (benchmarks/README.md). The worker keeps the fonts, templates
and the Thai dictionary loaded between renders; renders queue behind each other.

A child process of its own (not multiprocessing's, which re-imports the parent's main script in
the child and leaves the child behind when the parent dies), which reads requests from its stdin
and answers on its stdout, pickled. It exits when its stdin closes, so it never outlives the
server, even one that is killed. This module never imports WeasyPrint, and neither does the
process that uses it.
"""

from __future__ import annotations

import atexit
import functools
import os
import subprocess
import threading
from multiprocessing.connection import Connection
from pathlib import Path

from prakat.documents.emblem import check_emblem
from prakat.documents.model import OfficialDocument
from prakat.paths import module_command

#: A worker's command line and environment.
Command = tuple[list[str], dict[str, str]]


class _Worker:
    def __init__(self, command: Command) -> None:
        args, env = command
        self.process = subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env)
        assert self.process.stdin is not None and self.process.stdout is not None
        self.requests = Connection(os.dup(self.process.stdin.fileno()), readable=False)
        self.answers = Connection(os.dup(self.process.stdout.fileno()), writable=False)
        self.process.stdin.close()
        self.process.stdout.close()

    def ask(self, doc: OfficialDocument, emblem: Path) -> tuple[str, object]:
        """("pdf", bytes) or ("error", the exception raised in the worker); EOFError or OSError
        when the worker is gone."""
        self.requests.send((doc, str(emblem)))
        kind, value = self.answers.recv()
        return str(kind), value

    def stop(self) -> None:
        for end in (self.requests, self.answers):
            end.close()
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


class WorkerRenderer:
    """:meth:`prakat.documents.render.Renderer.render`, run in this process's render worker
    (started on first use). The calling thread waits without holding the GIL: call it from a worker
    thread, never on the event loop. One render at a time; others wait their turn."""

    def __init__(self, command: Command | None = None) -> None:
        """``command`` starts the worker: ``python -m prakat.documents.worker`` unless given (the
        benchmarks start a WeasyPrint-alone worker through :func:`prakat.documents.worker.serve`)."""
        self._command = command or module_command("prakat.documents.worker")
        self._worker: _Worker | None = None
        self._lock = threading.Lock()
        atexit.register(self.stop)

    def render(self, doc: OfficialDocument, *, emblem: Path | None) -> bytes:
        check_emblem(emblem)  # refused here, without a trip to the worker
        assert emblem is not None
        with self._lock:
            for attempt in range(2):
                if self._worker is None or self._worker.process.poll() is not None:
                    self._stop_worker()
                    self._worker = _Worker(self._command)
                try:
                    kind, value = self._worker.ask(doc, emblem)
                except (EOFError, OSError):
                    # The worker died (killed, out of memory): start a new one, once.
                    self._stop_worker()
                    if attempt:
                        raise
                    continue
                if kind == "error":
                    assert isinstance(value, BaseException)
                    raise value
                assert isinstance(value, bytes)
                return value
            raise AssertionError("unreachable")

    def _stop_worker(self) -> None:
        if self._worker is not None:
            self._worker.stop()
            self._worker = None

    def stop(self) -> None:
        with self._lock:
            self._stop_worker()

    @property
    def pid(self) -> int | None:
        """The worker's process id, while it runs."""
        return None if self._worker is None else self._worker.process.pid


@functools.cache
def renderer() -> WorkerRenderer:
    """The renderer this process uses (one worker process per server process)."""
    return WorkerRenderer()
