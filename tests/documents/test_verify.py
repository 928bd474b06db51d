"""A printout anyone can check, and the archival and accessibility claims, read back from real
renders (in this process, with the render worker's patches): the published copy's address at the
foot of every page and in a QR code beside the signature (decoded from the page's pixels), a draft
that says on every page that it is not published, the headings tagged as headings, one
well-formed XMP packet with the PDF/UA claim declared for PDF/A, and fonts that map to Unicode.

What stays unvalidated without veraPDF: prakat.documents.metadata says."""

from __future__ import annotations

import io
import re
import subprocess
from datetime import UTC, datetime
from functools import cache

import pytest
import zxingcpp
from fontTools.ttLib import TTFont  # type: ignore[import-untyped]
from lxml import etree
from PIL import Image
from pypdf import PdfReader

from prakat.documents.model import Column, OfficialDocument, Signer, Table
from prakat.documents.qr import qr_png
from prakat.documents.render import Renderer
from prakat.fonts import SARABUN_DIR
from prakat.settings import Settings
from tests.documents.pdfs import content, structure_tags, unmapped_codes, untagged_content, xmp_problems

pytestmark = pytest.mark.usefixtures("patched")

URL = "https://prakat.example.go.th/s/ban-nongbua/announcements/12345/"
AGENCY = "โรงเรียนบ้านหนองบัววิทยา"
SUBJECT = "ประกาศผู้ชนะการเสนอราคา ซื้อวัสดุทำความสะอาด โดยวิธีเฉพาะเจาะจง"
CM = 72 / 2.54  # PDF points per centimetre


def official(**changes: object) -> OfficialDocument:
    """A winner announcement with a plan-like landscape attachment long enough for three pages."""
    fields: dict[str, object] = {
        "template": "plan",
        "label": "ประกาศผู้ชนะการเสนอราคา",
        "agency": AGENCY,
        "subject": SUBJECT,
        "paragraphs": (
            f"ตามที่ {AGENCY} ได้มีโครงการ ซื้อวัสดุทำความสะอาด โดยวิธีเฉพาะเจาะจง นั้น",
            "ผู้ได้รับการคัดเลือก ได้แก่ ร้านทดสอบพาณิชย์ เป็นเงินทั้งสิ้น ๑๑,๙๙๐.๕๐ บาท "
            "รวมภาษีมูลค่าเพิ่มและภาษีอื่น ค่าขนส่ง ค่าจดทะเบียน และค่าใช้จ่ายอื่น ๆ ทั้งปวง",
        ),
        "date_line": "ประกาศ ณ วันที่ ๕ พฤศจิกายน พ.ศ. ๒๕๖๘",
        "signer": Signer(name="นายวีระพงษ์ ศรีสุวรรณ", position=f"ผู้อำนวยการ{AGENCY}"),
        "number": "๑/๒๕๖๙",
        "attachment": Table(
            title="รายละเอียดแนบท้ายประกาศ",
            columns=(Column(title="ลำดับ", width="15%"), Column(title="รายการ", width="85%")),
            rows=tuple((str(n), f"จัดซื้อวัสดุสำนักงาน ชุดที่ {n}") for n in range(1, 50)),
            landscape=True,
        ),
        "title": f"ประกาศ{AGENCY} เรื่อง {SUBJECT}",
        "author": AGENCY,
        "created": datetime(2025, 11, 5, 3, 0, tzinfo=UTC),
        "public_url": URL,
    }
    return OfficialDocument(**(fields | changes))  # type: ignore[arg-type]


@cache
def renderer() -> Renderer:
    return Renderer()


@cache
def published() -> bytes:
    return renderer().render(official(), emblem=Settings().default_emblem_path)


@cache
def draft() -> bytes:
    return renderer().render(official(public_url=""), emblem=Settings().default_emblem_path)


Word = tuple[str, float, float, float, float, float]


def words(data: bytes) -> list[list[Word]]:
    """Per page: each word with its box (xMin, yMin, xMax, yMax, from the top) and the page height,
    as poppler lays them out."""
    done = subprocess.run(["pdftotext", "-bbox", "-", "-"], input=data, capture_output=True, check=True)
    tree = etree.fromstring(done.stdout, etree.XMLParser(recover=True))
    pages = []
    for page in tree.iter("{*}page"):
        height = float(page.get("height", 0))
        found: list[Word] = []
        for word in page.iter("{*}word"):
            x0, y0, x1, y1 = (float(word.get(k, 0)) for k in ("xMin", "yMin", "xMax", "yMax"))
            found.append((word.text or "", x0, y0, x1, y1, height))
        pages.append(found)
    return pages


def page_png(data: bytes, page: int, dpi: int = 150) -> Image.Image:
    args = ["pdftoppm", "-png", "-r", str(dpi), "-f", str(page), "-l", str(page), "-singlefile", "-"]
    return Image.open(io.BytesIO(subprocess.run(args, input=data, capture_output=True, check=True).stdout))


def test_every_page_names_the_published_copy_quietly_in_its_bottom_margin() -> None:
    pages = words(published())
    assert len(pages) >= 3  # the first page and a landscape attachment of two pages or more
    for number, page in enumerate(pages, start=1):
        url = [w for w in page if w[0] == URL]
        assert len(url) == 1, (number, [w[0] for w in page][-6:])
        _, _, top, _, bottom, height = url[0]
        assert top > height - 2 * CM, number  # inside the 2 cm bottom margin
        assert bottom - top < 0.5 * CM, number  # small type
        # The page number stays at the top, alone; nothing else shares the footer's line.
        assert not [w for w in page if w[0] != URL and w[2] >= top - 1 and "ตรวจสอบ" not in w[0]], number


def test_the_qr_code_beside_the_signature_reads_back_as_the_address() -> None:
    dpi = 150
    image = page_png(published(), 1, dpi)
    found = zxingcpp.read_barcodes(image)
    assert [(code.text, code.format) for code in found] == [(URL, zxingcpp.BarcodeFormat.QRCode)]
    corners = found[0].position
    xs = [p.x for p in (corners.top_left, corners.top_right, corners.bottom_left, corners.bottom_right)]
    ys = [p.y for p in (corners.top_left, corners.top_right, corners.bottom_left, corners.bottom_right)]
    side = (max(xs) - min(xs)) / dpi * 2.54
    assert 1.6 <= side <= 2.4, side  # about 2 cm
    # Left of the signature block, level with it: the signer's name sits within the code's height.
    name = next(w for w in words(published())[0] if w[0].startswith("(นายวีระพงษ์"))
    pixels = dpi / 72
    assert max(xs) < name[1] * pixels
    assert min(ys) - 1.5 * CM * pixels <= name[2] * pixels <= max(ys) + 0.5 * CM * pixels


def test_the_same_address_gives_the_same_code_and_the_same_bytes() -> None:
    assert qr_png(URL) is qr_png(URL)  # made once per address
    assert renderer().render(official(), emblem=Settings().default_emblem_path) == published()


def test_a_draft_says_on_every_page_that_it_is_not_published_and_has_no_code() -> None:
    data = draft()
    note = official().unpublished_note
    done = subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, check=True)
    text = done.stdout.decode()
    pages = text.split("\f")[:-1]
    assert pages and all(note in page for page in pages)
    assert "http" not in text
    assert zxingcpp.read_barcodes(page_png(data, 1)) == []


def test_headings_are_tagged_as_headings() -> None:
    tags = structure_tags(PdfReader(io.BytesIO(published())))
    # The Garuda, ประกาศ…, เรื่อง…, the QR code beside the signature, the attachment's title.
    assert [t for t in tags if t in ("Figure", "H1", "H2")] == ["Figure", "H1", "H2", "Figure", "H2"]


@pytest.mark.parametrize("make", [published, draft], ids=["published", "draft"])
def test_the_page_margins_are_artifacts_and_everything_else_is_in_the_tree(make: object) -> None:
    assert callable(make)
    reader = PdfReader(io.BytesIO(make()))
    assert untagged_content(reader) == []
    # The footer and the page numbers are still text (copy, search), marked as pagination.
    for page in reader.pages:
        assert re.search(rb"/Artifact\s*<<\s*/Type\s*/Pagination\s*>>\s*BDC", content(page))


@pytest.mark.parametrize("make", [published, draft], ids=["published", "draft"])
def test_the_xmp_packet_is_one_well_formed_rdf_with_its_claims_declared(make: object) -> None:
    assert callable(make)
    assert xmp_problems(PdfReader(io.BytesIO(make()))) == []


def test_every_toUnicode_entry_maps_to_text_but_the_ring_of_sara_am() -> None:
    # SARA AM (ำ) is one letter drawn as two glyphs, NIKHAHIT and SARA AA: one of the two must map
    # to nothing for the text to extract exactly (prakat.documents.textlayer). That is the only
    # empty entry allowed; it is the NIKHAHIT glyph, whose code is its glyph id.
    empty = unmapped_codes(PdfReader(io.BytesIO(published())))
    files = {"Sarabun": "Sarabun-Regular.ttf", "Sarabun-Bold": "Sarabun-Bold.ttf"}
    assert set(empty) == set(files)
    for name, codes in empty.items():
        font = TTFont(SARABUN_DIR / files[name])
        assert codes <= {font.getGlyphID(font.getBestCmap()[0x0E4D])}, (name, codes)
    assert empty["Sarabun"]  # the text has ำ (ทำความสะอาด): the rule above was exercised
