"""Thai line breaks in WeasyPrint: every line ends between words.

Plain WeasyPrint breaks where libthai's stock dictionary says, which splits the field's compounds;
protect() keeps them whole with markup, and the field's own dictionary for libthai
(prakat.documents.linebreak) keeps them whole with none. A long paragraph is rendered in a narrow
column each way, in a process of its own (tests/documents/paragraph.py: libthai reads its
dictionary once per process), and read back with ``pdftotext``, so the tests prove both that the
protection works and that it is needed.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import subprocess
import sys
from itertools import accumulate
from pathlib import Path

import pytest

from prakat.documents import linebreak
from prakat.documents.render import Renderer
from prakat.thai import FIELD_WORDS, line_breaks_ok, pdftotext_lines, protect, segment
from tests.documents.paragraph import ROOT, markup_in, render
from tests.documents.test_render_speed import DOC, GARUDA
from tests.thai.corpus import paragraph

PDFTOTEXT = shutil.which("pdftotext")
TONES = "่้๊๋"
ZWSP = "\u200b"
needs_pdftotext = pytest.mark.skipif(PDFTOTEXT is None, reason="poppler-utils (pdftotext) is not installed")


def bounds(text: str) -> set[int]:
    return {0, *accumulate(map(len, segment(text)))}


def extract(pdf: bytes, *options: str) -> str:
    assert PDFTOTEXT is not None
    done = subprocess.run(
        [PDFTOTEXT, *options, "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True, check=True
    )
    return done.stdout.decode("utf-8")


def break_positions(source: str, lines: list[str]) -> list[int]:
    """Offsets in source where the extracted lines end, reading past what the text layer loses
    (spaces at line ends, ำ read as า and a tone mark before it) and adds (a space after a mark)."""

    def same(written: str, read: str) -> bool:
        return written == read or (written == "ำ" and read == "า")

    i, ends = 0, []
    for line in lines:
        for ch in line:
            while i < len(source) and not same(source[i], ch):
                if source[i].isspace() or (source[i] in TONES and source[i + 1 : i + 2] == "ำ"):
                    i += 1  # lost by the text layer
                elif ch == " ":
                    break  # added by the text layer
                else:
                    raise AssertionError(f"text layer differs at {i}: {source[i : i + 12]!r} / {line!r}")
            if i < len(source) and same(source[i], ch):
                i += 1
            elif ch != " ":
                raise AssertionError(f"text layer stops at {i}: {source[i : i + 12]!r} / {line!r}")
        ends.append(i)
    assert source[i:].strip() == "", "the text layer stops early"
    return ends[:-1]


def split_words(source: str, breaks: list[int]) -> list[str]:
    """The FIELD_WORDS occurrences (as segmented) that a line break cuts."""
    cut: list[str] = []
    start = 0
    for token in segment(source):
        end = start + len(token)
        if token in FIELD_WORDS and any(start < b < end for b in breaks):
            cut.append(token)
        start = end
    return cut


def as_extracted(text: str) -> str:
    return re.sub("[่้๊๋]?ำ", "า", text)


def read_back(source: str, pdf: bytes) -> tuple[list[str], list[int]]:
    """The rendered lines and the offsets in ``source`` where they end."""
    lines = pdftotext_lines(extract(pdf, "-raw"))
    assert ZWSP not in "".join(lines)
    return lines, break_positions(source, [line for line in lines if line])


@pytest.fixture(scope="module")
def source() -> str:
    text = paragraph()
    assert sum(1 for t in segment(text) if any("\u0e01" <= ch <= "\u0e4e" for ch in t)) >= 60
    assert all(word in text for word in FIELD_WORDS)
    return text


@needs_pdftotext
def test_stock_libthai_splits_compounds_without_protect(source: str) -> None:
    lines, breaks = read_back(source, render(source, "stock", "escaped"))
    bad = [b for b in breaks if b not in bounds(source)]
    assert bad, "WeasyPrint kept every word whole without protect(): is the test still needed?"
    assert split_words(source, breaks), "no field word was split"
    # The checker, which sees two lines at a time, finds exactly the words that the source's
    # segmentation says were cut (compared in the text layer's spelling of ำ).
    tokens = segment(source)
    starts = [0, *accumulate(map(len, tokens))]
    cut = []
    for b in bad:
        k = max(k for k, start in enumerate(starts) if start < b)
        cut.append(f"{source[starts[k] : b]}|{source[b : starts[k + 1]]}")
    reported = [join.split(": ", 1)[1] for join in line_breaks_ok(lines)]
    assert sorted(map(as_extracted, reported)) == sorted(map(as_extracted, cut))


@needs_pdftotext
@pytest.mark.parametrize(
    ("dictionary", "markup"),
    [("stock", "protected"), ("stock", "asked"), ("field", "escaped"), ("field", "asked")],
)
def test_lines_end_only_between_words(source: str, dictionary: str, markup: str) -> None:
    """With protect() under either dictionary, and with the field's dictionary even without it."""
    lines, breaks = read_back(source, render(source, dictionary, markup))
    assert len(breaks) >= 20  # the narrow column really wraps
    if markup == "escaped":
        # Abbreviations (ม.ค., พ.ศ.) are not Thai runs to libthai, so not in its dictionary:
        # keeping them whole is what protect() is still for.
        assert all("." in word for word in split_words(source, breaks))
        return
    assert split_words(source, breaks) == []
    assert [b for b in breaks if b not in bounds(source)] == []
    assert line_breaks_ok(lines) == []


def wrapped(markup: str) -> list[str]:
    return re.findall(r'<span class="w">([^<]*)</span>', markup)


def test_asking_the_renderer_wraps_only_what_it_would_split(source: str) -> None:
    every = wrapped(markup_in(source, "stock", "protected"))
    stock = wrapped(markup_in(source, "stock", "asked"))
    field = wrapped(markup_in(source, "field", "asked"))
    # Stock libthai splits compounds: those are wrapped, the words it keeps whole are not.
    assert {"จัดซื้อจัดจ้าง", "เฉพาะเจาะจง", "ภาษีมูลค่าเพิ่ม", "ได้รับ"} <= set(stock)
    assert len(stock) < len(every)
    # With the field's dictionary no Thai word is split: only what holds a space or a hyphen
    # ("พ.ศ. ๒๕๖๘", "อื่น ๆ", "e-bidding") is left to wrap.
    assert field and all(" " in w or "-" in w for w in field), field
    # The zero-width spaces between words are the same in all three.
    assert {
        markup.count(ZWSP)
        for markup in (
            markup_in(source, d, m)
            for d, m in (("stock", "protected"), ("stock", "asked"), ("field", "asked"))
        )
    } == {protect(source).count(ZWSP)}


def test_line_ends_in_this_process_come_from_the_field_dictionary() -> None:
    # tests/conftest.py sets the field's dictionary up before anything lays out Thai text, as
    # the render worker does: documents rendered here are the worker's, byte for byte.
    assert linebreak.field_dictionary_in_use()
    text = "ผู้ชนะการเสนอราคาจัดซื้อจัดจ้างโดยวิธีเฉพาะเจาะจง"
    ends = linebreak.line_ends(text)
    assert ends and ends <= bounds(text)
    for word in ("จัดซื้อจัดจ้าง", "เฉพาะเจาะจง", "ภาษีมูลค่าเพิ่ม", "ได้รับ", "ผู้อำนวยการ"):
        assert linebreak.line_ends(word) == frozenset(), word
    assert linebreak.line_ends("e-bidding") == {2}
    assert linebreak.line_ends("ก ข") == {2}


def test_without_datrie_nothing_renders(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, patched: None
) -> None:
    """No dictionary, no documents: a render worker that would break lines differently from every
    other install refuses, naming the package, instead of quietly laying out other bytes."""
    monkeypatch.setitem(sys.modules, "datrie", None)  # as where the package is not installed
    monkeypatch.delenv("LIBTHAI_DICTDIR", raising=False)
    with caplog.at_level(logging.ERROR, logger="prakat.documents"):
        assert linebreak.use_field_dictionary.__wrapped__() is False
    assert "datrie" in caplog.text
    assert "LIBTHAI_DICTDIR" not in os.environ
    monkeypatch.setattr(linebreak, "use_field_dictionary", lambda: False)
    with pytest.raises(linebreak.DictionaryError, match="datrie"):
        Renderer().render(DOC, emblem=GARUDA)


def test_too_late_is_said_and_documents_stay_right() -> None:
    """Once libthai has loaded its stock dictionary in a process, the field's cannot take over:
    use_field_dictionary says so, and protect() asks and wraps what the stock one splits."""
    code = (
        "import logging, sys\n"
        "logging.basicConfig(stream=sys.stdout, level=logging.WARNING)\n"
        "from prakat.documents import linebreak\n"
        "from prakat.thai import protect\n"
        "linebreak.line_ends('ราคากลาง')\n"
        "print(linebreak.use_field_dictionary())\n"
        "print(protect('จัดซื้อจัดจ้าง', breaks=linebreak.line_ends))\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "LIBTHAI_DICTDIR"}
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    assert "before Prakat's could be set" in done.stdout
    assert done.stdout.splitlines()[-2:] == ["False", '<span class="w">จัดซื้อจัดจ้าง</span>']


def test_the_dictionary_holds_the_segmenters_thai_words_and_is_the_same_everywhere(tmp_path: Path) -> None:
    import datrie

    built = linebreak.build_dictionary(tmp_path)
    assert built == tmp_path / "thbrk.tri" and built.stat().st_size > 500_000
    assert sorted(p.name for p in tmp_path.iterdir()) == ["thbrk.tri"]
    trie = datrie.Trie.load(str(built))
    for word in ("จัดซื้อจัดจ้าง", "เฉพาะเจาะจง", "ศึกษาภัณฑ์", "ประกาศ"):
        assert word in trie, word
    # Not a Thai run to libthai: left out.
    assert "พ.ศ." not in trie and len(trie) > 50_000
    # Written by a Python package from sorted words: the same bytes on every install.
    again = tmp_path / "again"
    again.mkdir()
    assert linebreak.build_dictionary(again).read_bytes() == built.read_bytes()


def test_no_child_process_inherits_the_dictionary_folder() -> None:
    # libthai has read the file; the folder is gone and the variable is as it was.
    assert linebreak.use_field_dictionary()
    assert "LIBTHAI_DICTDIR" not in os.environ
