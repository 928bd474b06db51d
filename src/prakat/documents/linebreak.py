"""Where the renderer may end a Thai line: libthai, told the segmenter's dictionary.

Pango asks libthai where a line of Thai may end, and libthai answers from its own dictionary
(25,000 words), which splits the field's compounds: เฉพาะ|เจาะจง, จัด|ซื้อ|จัด|จ้าง,
ภาษี|มูลค่า|เพิ่ม, ได้|รับ. protect() (prakat.thai.segment) keeps such a word whole with a no-break
element, and an element per word made a long table twice as slow to lay out. Given the
segmenter's own dictionary (PyThaiNLP's words and the field's, :func:`prakat.thai.dictionary_words`)
libthai breaks where the segmenter does, so protect(), which asks Pango (:func:`line_ends`) and
wraps only the words it would still break inside, has almost nothing left to wrap.

libthai loads its dictionary once per process, from ``$LIBTHAI_DICTDIR/thbrk.tri`` when that is
set, the first time anything breaks Thai text. :func:`use_field_dictionary` writes that file with
the ``datrie`` package (PyPI; it bundles libdatrie, the library libthai reads its dictionary with,
and saves tries in its format: no system tool is involved, so every install that has Prakat's Python
packages breaks lines, and so lays out bytes, the same way) and sets the variable while libthai
loads it. It must run before the process lays out any Thai text, which the render worker does first
thing. Where it cannot (libthai loaded already, or ``datrie`` missing), the renderer refuses to
render, with :data:`NOT_IN_USE`, rather than lay out other lines.
"""

from __future__ import annotations

import functools
import logging
import os
import tempfile
from pathlib import Path

from weasyprint.text.line_break import get_log_attrs

from prakat.thai import dictionary_words

log = logging.getLogger("prakat.documents")

# libthai's alphabet: Thai letters, vowels, tone marks and signs, as in its own thbrk.abm.
# Words with anything else (พ.ศ., ม.ค.) are not Thai runs to libthai and stay out.
_ALPHABET = ((0x0E01, 0x0E3A), (0x0E40, 0x0E4E))
_IN_ALPHABET = frozenset(chr(c) for first, last in _ALPHABET for c in range(first, last + 1))
# A compound the stock dictionary splits (จัด|ซื้อ|จัด|จ้าง): whole once the field's is in use.
_PROBE = "จัดซื้อจัดจ้าง"
_VARIABLE = "LIBTHAI_DICTDIR"


def line_ends(text: str) -> frozenset[int]:
    """The offsets in ``text`` at which WeasyPrint (Pango, with libthai for Thai) may end a line."""
    attrs = get_log_attrs(text, "th")
    return frozenset(i for i in range(1, len(text)) if attrs[i].is_line_break)


def field_dictionary_in_use() -> bool:
    return not line_ends(_PROBE)


class DictionaryError(RuntimeError):
    """The field's dictionary is not in use in this process: documents would break elsewhere."""


NOT_IN_USE = (
    "ตัดบรรทัดภาษาไทยด้วยพจนานุกรมของ Prakat ไม่ได้ จึงไม่สร้างเอกสาร (libthai is not using Prakat's "
    "dictionary in the render process: install the Python package datrie, and let nothing lay out "
    "Thai text before the renderer starts)"
)


@functools.cache
def use_field_dictionary() -> bool:
    """Make libthai break Thai text with the segmenter's dictionary in this process; whether it
    does. Call it before anything lays out Thai text: libthai reads its dictionary only once (and
    asking Pango anything about Thai text, even here, makes it read one)."""
    with tempfile.TemporaryDirectory(prefix="prakat-libthai-") as folder:
        directory = Path(folder)
        try:
            build_dictionary(directory)
        except (ImportError, OSError) as failed:
            log.error("could not build the Thai line-breaking dictionary (%s): %s", failed, NOT_IN_USE)
            return False
        # Read by libthai (a C library), not by Prakat: settings.py is where Prakat reads its own.
        # Breaking some Thai now makes libthai load the file, which it keeps in memory; then the
        # variable is put back, so that no child process inherits a folder that is gone.
        previous = os.environ.get(_VARIABLE)
        os.environ[_VARIABLE] = str(directory)
        try:
            in_use = field_dictionary_in_use()
        finally:
            if previous is None:
                del os.environ[_VARIABLE]
            else:
                os.environ[_VARIABLE] = previous
    if not in_use:
        log.error("libthai had loaded its own dictionary before Prakat's could be set: %s", NOT_IN_USE)
    return in_use


def build_dictionary(directory: Path) -> Path:
    """``directory/thbrk.tri``: the segmenter's Thai words as a libthai dictionary, the same bytes
    on every install (the words sorted, inserted in that order)."""
    import datrie  # only here: the render worker's, not the server's

    words = sorted(w for w in dictionary_words() if w and set(w) <= _IN_ALPHABET)
    trie = datrie.Trie(ranges=[(chr(first), chr(last)) for first, last in _ALPHABET])
    for word in words:
        trie[word] = -1  # libthai reads no data
    path = directory / "thbrk.tri"
    trie.save(str(path))
    return path
