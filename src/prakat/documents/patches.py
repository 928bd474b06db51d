"""Every change Prakat makes inside WeasyPrint and pydyf, in one place: what is replaced, the
versions it was written for, the check, and the one function that installs it.

WeasyPrint and pydyf have no extension point where Prakat needs one, so:

* the exact text layer (prakat.documents.textlayer) wraps ``weasyprint.draw.text.draw_first_line``:
  inside :func:`drawing_lines`, each line WeasyPrint has just drawn is handed over to be repaired;
* the recorded emblem (prakat.documents.render) replaces ``weasyprint.images.SVGImage.draw`` on
  the emblem's image, one document at a time, and records it through a clone of WeasyPrint's
  ``Stream``;
* the stream memo (:func:`stream_memo`, below) wraps ``pydyf.Stream.data`` and ``pydyf.PDF.write``.

They were written for WeasyPrint 70 and pydyf 0.13, the versions pyproject.toml pins. :func:`check`
(run before every render) refuses any other version, and a patched function that is gone or takes
other parameters, naming the patch; tests/documents/test_patches.py runs it against what is
installed, so that moving the pin fails there first, with the same message.

Installed by :func:`install` only, which the render worker calls before anything else
(prakat.documents.worker). Importing a Prakat module installs nothing (the server process never
even imports WeasyPrint); the tests and benchmarks that render in their own process call this same
function. Once installed, the patches act only inside a render: plain WeasyPrint and pydyf calls
elsewhere in the process behave as they always did.
"""

from __future__ import annotations

import functools
import importlib
import inspect
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, NamedTuple

import pydyf  # type: ignore[import-untyped]
import weasyprint
from weasyprint.draw import text as _draw_text

#: The WeasyPrint major versions the patches were written and tested for: the one place that says
#: so (pyproject.toml pins the same). A new one is added only after the patches and their tests
#: (tests/documents) have been re-checked against it.
VERIFIED_WEASYPRINT_MAJORS: frozenset[int] = frozenset({70})
#: The same for pydyf, which has no stable major version yet: (major, minor).
VERIFIED_PYDYF_VERSIONS: frozenset[tuple[int, int]] = frozenset({(0, 13)})


class PatchError(RuntimeError):
    """WeasyPrint or pydyf is not what Prakat's patches were written for, or they are not installed."""


class Patch(NamedTuple):
    """One function or attribute of WeasyPrint or pydyf that Prakat replaces or relies on."""

    user: str  # what in Prakat it is for, as the message says it
    verb: str  # "patches" (replaced) or "relies on" (called with Prakat's own arguments)
    target: str  # its dotted name
    parameters: tuple[str, ...]  # what it takes (a property: its getter), as written for

    @property
    def package(self) -> str:
        return self.target.split(".")[0]


_DRAW_FIRST_LINE = "weasyprint.draw.text.draw_first_line"
_STREAM_DATA = "pydyf.Stream.data"
_PDF_WRITE = "pydyf.PDF.write"

PATCHES: tuple[Patch, ...] = (
    Patch(
        "Prakat's text layer",
        "patches",
        _DRAW_FIRST_LINE,
        ("stream", "textbox", "text_overflow", "block_ellipsis", "matrix"),
    ),
    Patch(
        "Prakat's recorded emblem",
        "patches",
        "weasyprint.images.SVGImage.draw",
        ("self", "stream", "concrete_width", "concrete_height", "_style"),
    ),
    Patch("Prakat's recorded emblem", "relies on", "weasyprint.pdf.stream.Stream.clone", ("self", "kwargs")),
    Patch("Prakat's stream memo", "patches", _STREAM_DATA, ("self",)),
    Patch(
        "Prakat's stream memo",
        "patches",
        _PDF_WRITE,
        ("self", "output", "version", "identifier", "compress"),
    ),
)

_LOCK = threading.Lock()
# What was there before install() replaced it, by dotted name: check() looks at these.
_ORIGINALS: dict[str, Any] = {}


# ---------------------------------------------------------------------------------------------
# The check


def _version(package: str) -> str:
    return str((weasyprint if package == "weasyprint" else pydyf).__version__)


def _written_for(package: str) -> str:
    if package == "weasyprint":
        return "WeasyPrint " + " or ".join(str(major) for major in sorted(VERIFIED_WEASYPRINT_MAJORS))
    return "pydyf " + " or ".join(f"{major}.{minor}" for major, minor in sorted(VERIFIED_PYDYF_VERSIONS))


def _verified(package: str, version: str) -> bool:
    try:
        numbers = tuple(int(part) for part in version.split(".")[:2])
    except ValueError:
        return False
    if package == "weasyprint":
        return numbers[0] in VERIFIED_WEASYPRINT_MAJORS
    return numbers[:2] in VERIFIED_PYDYF_VERSIONS


def _resolve(target: str) -> Any:
    """The object named ``target`` as WeasyPrint or pydyf defines it (before install() wrapped it),
    without calling a property; AttributeError when there is none."""
    if target in _ORIGINALS:
        return _ORIGINALS[target]
    parts = target.split(".")
    for split in range(len(parts) - 1, 0, -1):
        try:
            found: Any = importlib.import_module(".".join(parts[:split]))
        except ImportError:
            continue
        for name in parts[split:]:
            found = inspect.getattr_static(found, name)
        return found
    raise AttributeError(target)


def _parameters(found: Any) -> tuple[str, ...] | None:
    if isinstance(found, property):
        found = found.fget
    if not callable(found):
        return None
    try:
        return tuple(inspect.signature(found, follow_wrapped=False).parameters)
    except (TypeError, ValueError):
        return None


def problem(patch: Patch) -> str | None:
    """What is wrong with the installed WeasyPrint or pydyf for ``patch``, in a sentence; None
    when nothing is."""
    version = _version(patch.package)
    said = f"{patch.user} {patch.verb} {patch.target}, written for {_written_for(patch.package)}"
    advice = "re-check the patch and its tests before moving the pin"
    if not _verified(patch.package, version):
        return f"{said}; installed is {version}: {advice}"
    try:
        parameters = _parameters(_resolve(patch.target))
    except AttributeError:
        return f"{said}; installed is {version}, which has no {patch.target}: {advice}"
    if parameters != patch.parameters:
        taken = "nothing callable" if parameters is None else f"({', '.join(parameters)})"
        return (
            f"{said} to take ({', '.join(patch.parameters)}); installed is {version}, where it "
            f"takes {taken}: {advice}"
        )
    return None


def problems() -> list[str]:
    """What is wrong with the installed WeasyPrint and pydyf, one sentence per patch concerned."""
    return [found for patch in PATCHES if (found := problem(patch)) is not None]


def check() -> None:
    """Raise :class:`PatchError` unless the installed WeasyPrint and pydyf are what the patches
    were written for (the versions, and every patched function there with its parameters)."""
    found = problems()
    if found:
        raise PatchError("\n".join(found))


# ---------------------------------------------------------------------------------------------
# Installing


def install() -> None:
    """Check, then install the text layer's hook and the stream memo in this process, once.

    The render worker calls this before anything else; a test or benchmark that renders in its own
    process calls it too (nothing else does: importing Prakat installs nothing)."""
    check()
    with _LOCK:
        if _DRAW_FIRST_LINE not in _ORIGINALS:
            _install_line_hook()
        if _PDF_WRITE not in _ORIGINALS:
            _install_stream_memo()


def installed() -> bool:
    return _DRAW_FIRST_LINE in _ORIGINALS and _PDF_WRITE in _ORIGINALS


def require() -> None:
    """Before a render: the versions checked, and the patches installed in this process."""
    check()
    if not installed():
        raise PatchError(
            "Prakat's text layer is not installed in this process: call "
            "prakat.documents.patches.install() before rendering (the render worker does, first thing)"
        )


# ---------------------------------------------------------------------------------------------
# The text layer's hook

_LINE_DRAWN: ContextVar[Callable[[Any, Any, int], None] | None] = ContextVar(
    "prakat_line_drawn", default=None
)


@contextmanager
def drawing_lines(line_drawn: Callable[[Any, Any, int], None]) -> Iterator[None]:
    """Inside, in this thread: each time WeasyPrint has drawn the first line of a text box,
    ``line_drawn(stream, textbox, start)`` runs, ``start`` being the index in ``stream.stream`` of
    the line's first operator."""
    token = _LINE_DRAWN.set(line_drawn)
    try:
        yield
    finally:
        _LINE_DRAWN.reset(token)


def _install_line_hook() -> None:
    original = _draw_text.draw_first_line

    @functools.wraps(original)
    def draw_first_line(
        stream: Any, textbox: Any, text_overflow: Any, block_ellipsis: Any, matrix: Any
    ) -> Any:
        line_drawn = _LINE_DRAWN.get()
        start = len(stream.stream)
        emojis = original(stream, textbox, text_overflow, block_ellipsis, matrix)
        if line_drawn is not None:
            line_drawn(stream, textbox, start)
        return emojis

    _ORIGINALS[_DRAW_FIRST_LINE] = original
    _draw_text.draw_first_line = draw_first_line


# ---------------------------------------------------------------------------------------------
# Each PDF stream compressed once
#
# pydyf's ``PDF.write`` computes every stream's bytes (joined operators, compressed with zlib at
# level 9) when it writes the object, and again for the MD5 of the file identifier that
# ``pdf_identifier`` asks for: a quarter of a one-page render, 5 % of a 300-item plan, half of it
# twice over. Inside :func:`stream_memo`, while pydyf writes, a stream's bytes are computed once
# and reused; nothing changes a stream between the two (pydyf's own code, within one call). The
# output is the same bytes. Elsewhere pydyf behaves as it always did.

_MEMO_WANTED: ContextVar[bool] = ContextVar("prakat_stream_memo_wanted", default=False)
_MEMO: ContextVar[dict[int, tuple[Any, bytes]] | None] = ContextVar("prakat_stream_memo", default=None)


@contextmanager
def stream_memo() -> Iterator[None]:
    """Inside, in this thread: pydyf computes each stream's bytes once per ``PDF.write``."""
    token = _MEMO_WANTED.set(True)
    try:
        yield
    finally:
        _MEMO_WANTED.reset(token)


def _install_stream_memo() -> None:
    data = pydyf.Stream.__dict__["data"]
    write = pydyf.PDF.__dict__["write"]
    compute = data.fget

    def stream_data(stream: Any) -> bytes:
        memo = _MEMO.get()
        if memo is None:
            return bytes(compute(stream))
        found = memo.get(id(stream))
        if found is None or found[0] is not stream:
            found = (stream, bytes(compute(stream)))
            memo[id(stream)] = found
        return found[1]

    @functools.wraps(write)
    def memo_write(pdf: Any, *args: Any, **kwargs: Any) -> Any:
        if not _MEMO_WANTED.get():
            return write(pdf, *args, **kwargs)
        token = _MEMO.set({})
        try:
            return write(pdf, *args, **kwargs)
        finally:
            _MEMO.reset(token)

    _ORIGINALS[_STREAM_DATA] = data
    _ORIGINALS[_PDF_WRITE] = write
    pydyf.Stream.data = property(stream_data, doc=data.__doc__)
    pydyf.PDF.write = memo_write
