"""The two ITA reports carry the same check as every announcement (tests/documents/test_verify.py):
the published copy's address at the foot of every page, and its QR code beside the signature: on the
monthly summary (แบบ สขร.1) beside the director's, on the annual report beside the director's in the
memo (the report itself has no signature block). Rendered in this process, once each."""

from __future__ import annotations

from datetime import UTC, date, datetime
from functools import cache

import pytest
import zxingcpp

from prakat.announcements import monthly_form
from prakat.documents.model import OfficialDocument, Signer
from prakat.settings import Settings
from tests.annual.rows import SCHOOL, report_document, row
from tests.documents.monthly import summary
from tests.documents.test_verify import CM, page_png, renderer, words

pytestmark = pytest.mark.usefixtures("patched")

URL = "https://prakat.example.go.th/s/t/announcements/77/"
DIRECTOR = Signer(name="นางสาวทดสอบ ใจดี", position=f"ผู้อำนวยการ{SCHOOL.name}")
PUBLISHED = datetime(2026, 11, 16, 3, 0, tzinfo=UTC)
ROWS = [row(n, date(2025, 11, 3 + n % 20), agreed=str(9000 + n)) for n in range(1, 31)]


def annual_doc() -> OfficialDocument:
    return report_document(ROWS, signer=DIRECTOR, published=PUBLISHED, public_url=URL)


def monthly_doc() -> OfficialDocument:
    a = summary(ROWS, year=2025, month=11, number="3/2569", published=PUBLISHED, director=DIRECTOR.name)
    return monthly_form.document(a, agency=SCHOOL.name, public_url=URL)


DOCS = {"annual": annual_doc, "monthly": monthly_doc}


@cache
def rendered(name: str) -> bytes:
    return renderer().render(DOCS[name](), emblem=Settings().default_emblem_path)


@pytest.mark.parametrize("name", sorted(DOCS))
def test_every_page_ends_with_the_published_address(name: str) -> None:
    pages = words(rendered(name))
    assert len(pages) >= 2, name  # the footer repeats: more than one page is checked
    for number, page in enumerate(pages, start=1):
        url = [w for w in page if w[0] == URL]
        assert len(url) == 1, (name, number)
        _, _, top, _, _, height = url[0]
        assert top > height - 2 * CM, (name, number)  # in the bottom margin


@pytest.mark.parametrize("name", sorted(DOCS))
def test_the_qr_code_sits_beside_the_directors_signature(name: str) -> None:
    data, dpi = rendered(name), 150
    pages = words(data)
    # The page the director signs: the memo's first page (annual), the form's last (monthly).
    signed = next(n for n, page in enumerate(pages) if any(w[0] == "(นางสาวทดสอบ" for w in page))
    found = zxingcpp.read_barcodes(page_png(data, signed + 1, dpi))
    assert [(code.text, code.format) for code in found] == [(URL, zxingcpp.BarcodeFormat.QRCode)], name
    corners = found[0].position
    xs = [p.x for p in (corners.top_left, corners.top_right, corners.bottom_left, corners.bottom_right)]
    ys = [p.y for p in (corners.top_left, corners.top_right, corners.bottom_left, corners.bottom_right)]
    name_word = next(w for w in pages[signed] if w[0] == "(นางสาวทดสอบ")
    pixels = dpi / 72
    assert max(xs) < name_word[1] * pixels, name  # left of the signature
    assert min(ys) - 1.5 * CM * pixels <= name_word[2] * pixels <= max(ys) + 0.5 * CM * pixels, name
    # Exactly one code in the whole document: beside the signature, nowhere else.
    others = [n for n in range(1, len(pages) + 1) if n != signed + 1]
    assert all(zxingcpp.read_barcodes(page_png(data, n, 50)) == [] for n in others), name
