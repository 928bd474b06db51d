"""The running text of an official document as a typesetter sets it: no line ending where the
words belong together (prakat.thai.glue), no lone short word on a
paragraph's first or last line, and the same bytes on every install.

One document full of the places a line must not end (amounts in words, dates, numbers with their
classifiers, a vendor's name), each phrase after fillers of every length so that some fall at
line ends, is rendered in this process once with the typesetter's rules and once without them:
the second shows that the checks find such breaks, the first that there are none. Every kind's
real wording is checked the same way, and its line length, in test_documents.py."""

from __future__ import annotations

import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from markupsafe import Markup

from prakat.documents import render
from prakat.documents.model import OfficialDocument
from prakat.documents.render import Renderer
from prakat.thai import glue, protect
from prakat.thai.glue import spacing_count
from tests.documents.test_render_speed import DOC, GARUDA
from tests.documents.typesetting import bad_joins, paragraph_lines, raw_lines

VENDOR = "ห้างหุ้นส่วนจำกัด ศึกษาภัณฑ์การค้า"
PHRASES = (
    "จำนวน ๑๒ จุด",
    "จำนวน ๑ หลัง",
    "ภายใน ๕ วัน",
    "จำนวน ๓ ชุด",
    "เป็นเงินทั้งสิ้น ๕๗๘,๔๒๑.๕๐ บาท (ห้าแสนเจ็ดหมื่นแปดพันสี่ร้อยยี่สิบเอ็ดบาทห้าสิบสตางค์)",
    "ลงวันที่ ๑๓ กรกฎาคม พ.ศ. ๒๕๗๐",
    f"ได้แก่ {VENDOR}",
    "วงเงิน ๑,๒๓๔,๕๖๗.๘๙ บาท (หนึ่งล้านสองแสนสามหมื่นสี่พันห้าร้อยหกสิบเจ็ดบาทแปดสิบเก้าสตางค์)",
)
FILLER = ("ตามที่", "โรงเรียน", "บ้านหนองบัว", "วิทยา", "ได้มี", "โครงการ", "ซื้อ", "วัสดุ", "การศึกษา")


def paragraphs() -> tuple[str, ...]:
    """Each phrase after 0, 1, 2… words of filler, in paragraphs of a few lines."""
    out = []
    for n in range(len(FILLER)):
        words = []
        for k, phrase in enumerate(PHRASES):
            words += [*FILLER[: (n + k) % len(FILLER)], phrase]
        out.append(" ".join([*words, "โดยวิธีเฉพาะเจาะจง"]))
    return tuple(out)


HAZARDS = OfficialDocument(
    template="winner",
    label=DOC.label,
    agency=DOC.agency,
    subject="ประกาศผู้ชนะการเสนอราคา ซื้อครุภัณฑ์คอมพิวเตอร์ จำนวน ๑๒ จุด ด้วยวิธีประกวดราคาอิเล็กทรอนิกส์ "
    "(e-bidding) ลงวันที่ ๑๓ กรกฎาคม พ.ศ. ๒๕๗๐ โดยวิธีเฉพาะเจาะจง",
    paragraphs=paragraphs(),
    date_line=DOC.date_line,
    signer=DOC.signer,
    names=(VENDOR,),
    title=DOC.title,
    author=DOC.author,
    filename=DOC.filename,
)


@pytest.fixture(scope="module")
def renderer(patched: None) -> Renderer:
    return Renderer()


@pytest.fixture(scope="module")
def typeset(renderer: Renderer) -> bytes:
    return renderer.render(HAZARDS, emblem=GARUDA)


@pytest.fixture(scope="module")
def word_breaks_only(renderer: Renderer) -> bytes:
    """The same document with protect() alone: lines end between any two words."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(render, "_paragraph_markup", lambda text, names: Markup(protect(text)))
        return renderer.render(HAZARDS, emblem=GARUDA)


def test_without_the_rules_lines_end_where_a_typesetter_would_not(word_breaks_only: bytes) -> None:
    bad = bad_joins(raw_lines(word_breaks_only), [VENDOR])
    assert len(bad) >= 5, bad
    kinds = " ".join(bad)
    assert "สตางค์" in kinds or "บาท" in kinds or "หมื่น" in kinds or "พัน" in kinds, bad


def test_no_line_ends_between_words_that_belong_together(typeset: bytes) -> None:
    lines = raw_lines(typeset)
    assert bad_joins(lines, [VENDOR]) == []
    # The document really wraps: each phrase fell at line ends many times over.
    body = paragraph_lines(lines, HAZARDS.paragraphs)
    assert sum(len(p) for p in body) >= 4 * len(HAZARDS.paragraphs)


def test_no_lone_short_word_on_a_first_or_last_line(typeset: bytes) -> None:
    lines = raw_lines(typeset)
    (subject,) = paragraph_lines(lines, ["เรื่อง " + HAZARDS.subject])
    assert len(subject) >= 2 and spacing_count(subject[-1]) >= glue.TAIL, subject
    assert subject[-1].endswith("โดยวิธีเฉพาะเจาะจง")
    for paragraph in paragraph_lines(lines, HAZARDS.paragraphs):
        assert spacing_count(paragraph[0]) >= glue.HEAD, paragraph[0]
        assert spacing_count(paragraph[-1]) >= glue.TAIL, paragraph[-1]


def test_the_same_bytes_without_trietool(typeset: bytes) -> None:
    """A render worker on an install without Debian's trietool (a PATH with nothing but Python's
    own folder) lays out the same lines and writes the same bytes as this process."""
    path = str(Path(sys.executable).parent)
    assert shutil.which("trietool", path=path) is None
    code = (
        "import sys, pickle\n"
        "from prakat.documents import patches\n"
        "from prakat.documents.render import Renderer\n"
        "patches.install()\n"
        "doc, emblem = pickle.load(sys.stdin.buffer)\n"
        "sys.stdout.buffer.write(Renderer().render(doc, emblem=emblem))\n"
    )
    env = {**{k: v for k, v in os.environ.items() if k != "LIBTHAI_DICTDIR"}, "PATH": path}
    done = subprocess.run(
        [sys.executable, "-c", code],
        input=pickle.dumps((HAZARDS, GARUDA)),
        env=env,
        capture_output=True,
        check=True,
        timeout=300,
    )
    assert done.stdout == typeset
