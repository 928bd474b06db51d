"""Thai line breaking: segmentation, the no-break markup for WeasyPrint, and the line checker.

The invariants are checked against definitions written out here (grapheme clusters, the amount
vocabulary, the visible text of HTML), not against the module's own helpers. The WeasyPrint
experiment renders a long paragraph with and without :func:`protect` and reads it back with
``pdftotext``, so the test proves both that protection works and that it is needed.
"""

from __future__ import annotations

import html
import random
import re
import subprocess
import sys
import unicodedata
from decimal import Decimal
from html.parser import HTMLParser
from itertools import accumulate

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from prakat.thai import (
    FIELD_WORDS,
    NUMBER_WORDS,
    PROTECT_CSS,
    THAI_MONTHS,
    ThaiTypeError,
    baht_text,
    line_breaks_ok,
    pdftotext_lines,
    protect,
    segment,
)
from tests.thai.corpus import SENTENCES

ZWSP = "\u200b"

# ---------------------------------------------------------------------------------------------
# Definitions the tests hold the module to

THAI_LETTERS = {chr(c) for c in [*range(0x0E01, 0x0E3B), *range(0x0E40, 0x0E4F)]}
LEADING_VOWELS = set("เแโใไ")
FOLLOWING_VOWELS = set("ะาๅ")


def inside_cluster(text: str, i: int) -> bool:
    """Whether a cut before text[i] would split a grapheme cluster (0 < i < len(text)):
    before a combining mark (any script; Thai tone marks and above/below vowels are Mn) or ำ,
    before ะ า ๅ written after a Thai letter, or after a leading vowel before a Thai letter."""
    ch, before = text[i], text[i - 1]
    if unicodedata.category(ch) in ("Mn", "Mc", "Me") or ch in ("ำ", "\u200d"):
        return True
    if ch in FOLLOWING_VOWELS and before in THAI_LETTERS:
        return True
    return before in LEADING_VOWELS and ch in THAI_LETTERS


def cuts(tokens: list[str]) -> list[int]:
    """The positions between tokens (not 0 or the end)."""
    return list(accumulate(map(len, tokens)))[:-1]


def bounds(text: str) -> set[int]:
    return {0, *accumulate(map(len, segment(text)))}


# Amount vocabulary, longest first (independent of NUMBER_WORDS): how bahttext reads.
AMOUNT_VOCABULARY = (
    "บาทถ้วน", "สตางค์", "ยี่สิบ", "ศูนย์", "หนึ่ง", "หมื่น", "บาท", "สอง", "สาม", "สี่", "ห้า",
    "หก", "เจ็ด", "แปด", "เก้า", "สิบ", "เอ็ด", "ร้อย", "พัน", "แสน", "ล้าน",
)  # fmt: skip


def amount_words(words: str) -> list[str]:
    out: list[str] = []
    rest = words
    while rest:
        word = next(w for w in AMOUNT_VOCABULARY if rest.startswith(w))
        out.append(word)
        rest = rest[len(word) :]
    return out


class _Visible(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.depth = 0
        self.max_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))
        self.depth += 1
        self.max_depth = max(self.max_depth, self.depth)

    def handle_endtag(self, tag: str) -> None:
        self.depth -= 1

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(markup: str) -> _Visible:
    parser = _Visible()
    parser.feed(markup)
    parser.close()
    return parser


# ---------------------------------------------------------------------------------------------
# Corpus


def random_words_text(seed: int, n: int) -> str:
    from pythainlp.corpus.common import thai_words

    words = sorted(w for w in thai_words() if " " not in w)
    rng = random.Random(seed)
    return "".join(rng.choice(words) for _ in range(n))


# Thai, whitespace of several kinds, Latin, digits, punctuation, a zero-width space, a Latin
# combining accent: anything a pasted cell might hold.
MIXED_ALPHABET = st.sampled_from(
    [chr(c) for c in range(0x0E01, 0x0E5C) if unicodedata.category(chr(c)) != "Cn"]
    + list(" \n\t\u00a0\r") + list("aZé-.,/:()'\"&<>") + ["\u0301", ZWSP, "1", "9", "๕"]
)  # fmt: skip
mixed_text = st.text(MIXED_ALPHABET, max_size=60)
# Strings made only of Thai letters, vowels and marks, in any order.
thai_text = st.text(st.sampled_from(sorted(THAI_LETTERS)), min_size=1, max_size=40)


# ---------------------------------------------------------------------------------------------
# The word list


def test_field_words_are_data_with_the_required_entries() -> None:
    required = {
        "เฉพาะเจาะจง", "จัดซื้อจัดจ้าง", "ภาษีมูลค่าเพิ่ม", "ผู้อำนวยการ", "ราคากลาง", "ประกวดราคา",
        "อิเล็กทรอนิกส์", "งบประมาณ", "ปีงบประมาณ", "สถานศึกษา", "โรงเรียน",
        "สำนักงานเขตพื้นที่การศึกษา", "ประถมศึกษา", "มัธยมศึกษา", "ได้รับ", "ผู้ประกอบการ",
        "ห้างหุ้นส่วนจำกัด", "บริษัท", "ครุภัณฑ์", "วัสดุ", "ใบสั่งซื้อ", "ใบสั่งจ้าง",
        "เลขประจำตัวผู้เสียภาษี", "พระราชบัญญัติ", "กระทรวงการคลัง", "กรมบัญชีกลาง", "ข้อตกลง",
        "สัญญา", "ทั้งสิ้น", "บาทถ้วน", "สตางค์", "แกรม", *THAI_MONTHS,
        "หนึ่ง", "สอง", "สาม", "สี่", "ห้า", "หก", "เจ็ด", "แปด", "เก้า", "สิบ", "ยี่สิบ", "เอ็ด",
        "ร้อย", "พัน", "หมื่น", "แสน", "ล้าน",
    }  # fmt: skip
    assert isinstance(FIELD_WORDS, frozenset)
    assert required <= FIELD_WORDS
    assert NUMBER_WORDS <= FIELD_WORDS
    # Phrases are not words: they may break between their words.
    assert {"ผู้ได้รับการคัดเลือก", "วิธีเฉพาะเจาะจง", "ประกวดราคาอิเล็กทรอนิกส์"}.isdisjoint(FIELD_WORDS)
    for word in FIELD_WORDS:
        assert word == word.strip() and not any(ch.isspace() for ch in word), word
        assert any(ch in THAI_LETTERS for ch in word), word


@pytest.mark.parametrize("word", sorted(FIELD_WORDS))
def test_each_field_word_is_one_token(word: str) -> None:
    assert segment(word) == [word]
    # and between spaces, as it stands in a sentence with spaces
    assert segment(f"ตาม {word} นี้") == ["ตาม", " ", word, " ", "นี้"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("โครงการจัดซื้อจัดจ้างครุภัณฑ์", ["โครงการ", "จัดซื้อจัดจ้าง", "ครุภัณฑ์"]),
        ("ด้วยวิธีเฉพาะเจาะจง", ["ด้วย", "วิธี", "เฉพาะเจาะจง"]),
        ("รวมภาษีมูลค่าเพิ่มแล้ว", ["รวม", "ภาษีมูลค่าเพิ่ม", "แล้ว"]),
        ("ผู้ได้รับการคัดเลือก", ["ผู้", "ได้รับ", "การคัดเลือก"]),
        ("ห้างหุ้นส่วนจำกัดศึกษาภัณฑ์", ["ห้างหุ้นส่วนจำกัด", "ศึกษาภัณฑ์"]),
        ("สำนักงานเขตพื้นที่การศึกษาประถมศึกษาเชียงใหม่", ["สำนักงานเขตพื้นที่การศึกษา", "ประถมศึกษา", "เชียงใหม่"]),
        ("ราคากลางของใบสั่งจ้าง", ["ราคากลาง", "ของ", "ใบสั่งจ้าง"]),
        ("ประกวดราคาอิเล็กทรอนิกส์", ["ประกวดราคา", "อิเล็กทรอนิกส์"]),
        ("เลขประจำตัวผู้เสียภาษีอากร", ["เลขประจำตัวผู้เสียภาษีอากร"]),
        ("กระทรวงการคลังและกรมบัญชีกลาง", ["กระทรวงการคลัง", "และ", "กรมบัญชีกลาง"]),
    ],
)
def test_compounds_in_context(text: str, expected: list[str]) -> None:
    assert segment(text) == expected


# ---------------------------------------------------------------------------------------------
# Amounts in words


def test_amount_in_words_is_cut_into_number_words() -> None:
    assert segment("หนึ่งแสนสองหมื่นสามพันสี่ร้อยห้าสิบหกบาทเจ็ดสิบแปดสตางค์") == [
        "หนึ่ง", "แสน", "สอง", "หมื่น", "สาม", "พัน", "สี่", "ร้อย", "ห้า", "สิบ", "หก", "บาท",
        "เจ็ด", "สิบ", "แปด", "สตางค์",
    ]  # fmt: skip
    # PyThaiNLP's own list reads ร้อยเอ็ด (a province), ยี่|สิบเอ็ด, ร้อยแปด (an idiom) as words.
    assert segment("สองร้อยเอ็ดบาทถ้วน") == ["สอง", "ร้อย", "เอ็ด", "บาทถ้วน"]
    assert segment("ยี่สิบเอ็ดล้านบาท") == ["ยี่สิบ", "เอ็ด", "ล้าน", "บาท"]
    assert segment("หนึ่งร้อยแปดบาทถ้วน") == ["หนึ่ง", "ร้อย", "แปด", "บาทถ้วน"]
    # Outside an amount the names stay whole; a word ending like a number word stays whole.
    assert segment("จังหวัดร้อยเอ็ด") == ["จังหวัด", "ร้อยเอ็ด"]
    assert segment("ผูกพันหนึ่งพันบาท") == ["ผูกพัน", "หนึ่ง", "พัน", "บาท"]


@given(
    st.decimals(
        min_value=0,
        max_value=Decimal(10) ** 18 - Decimal("0.01"),
        places=2,
        allow_nan=False,
        allow_infinity=False,
    )
)
@example(Decimal("123456.78"))
@example(Decimal("201.01"))
@example(Decimal("51000001"))
@example(Decimal("0.21"))
@example(Decimal("0"))
@settings(deadline=None)
def test_any_amount_in_words_segments_into_its_number_words(amount: Decimal) -> None:
    words = baht_text(amount)
    assert segment(words) == amount_words(words)
    tokens = segment(f"เป็นเงินทั้งสิ้น ({words}) รวมภาษีมูลค่าเพิ่ม")
    assert tokens[:4] == ["เป็น", "เงิน", "ทั้งสิ้น", " "]
    assert tokens[4:] == ["(", *amount_words(words), ")", " ", "รวม", "ภาษีมูลค่าเพิ่ม"]


# ---------------------------------------------------------------------------------------------
# Round trip, tokens, grapheme clusters


def test_non_thai_runs_are_tokens_of_their_own() -> None:
    assert segment("ประกวดราคาอิเล็กทรอนิกส์ (e-bidding) 1,234.50 ๑,๒๓๔.๕๐ บาท") == [
        "ประกวดราคา", "อิเล็กทรอนิกส์", " ", "(", "e-bidding", ")", " ", "1,234.50", " ",
        "๑,๒๓๔.๕๐", " ", "บาท",
    ]  # fmt: skip
    assert segment("ราคา(บาท)") == ["ราคา", "(", "บาท", ")"]
    assert segment("เวลา ๐๙.๐๐ น.\n\tพ.ศ.๒๕๖๘") == ["เวลา", " ", "๐๙.๐๐", " ", "น.", "\n\t", "พ.ศ.", "๒๕๖๘"]
    assert segment("") == []


def test_extra_words_are_kept_whole() -> None:
    assert segment("ร้านไทยวัสดุ") == ["ร้าน", "ไทย", "วัสดุ"]
    assert segment("ร้านไทยวัสดุ", extra_words=["ไทยวัสดุ"]) == ["ร้าน", "ไทยวัสดุ"]
    # A name with spaces keeps each of its parts.
    assert segment("บริษัท ไทยวัสดุ จำกัด", extra_words={"บริษัท ไทยวัสดุ จำกัด"}) == [
        "บริษัท", " ", "ไทยวัสดุ", " ", "จำกัด",
    ]  # fmt: skip
    # The default dictionary is not changed by a call with extra words.
    assert segment("ร้านไทยวัสดุ") == ["ร้าน", "ไทย", "วัสดุ"]


def test_wrong_types_are_refused() -> None:
    with pytest.raises(ThaiTypeError):
        segment(b"abc")  # type: ignore[arg-type]
    with pytest.raises(ThaiTypeError):
        segment("ไทยวัสดุ", extra_words="ไทยวัสดุ")
    with pytest.raises(ThaiTypeError):
        segment("ไทยวัสดุ", extra_words=[1])  # type: ignore[list-item]


def check_tokens(text: str, tokens: list[str]) -> None:
    assert "".join(tokens) == text
    assert all(tokens)
    cut_at = set(cuts(tokens))
    assert [i for i in cut_at if inside_cluster(text, i)] == []
    # Whitespace and other text meet inside a token only where a mark attaches to a space.
    for i in range(1, len(text)):
        if i not in cut_at and text[i - 1].isspace() != text[i].isspace():
            assert inside_cluster(text, i), (text, i)


@given(mixed_text)
@example("ก่ ่ก")
@example("abcก่")
@example("เ")
@example("ำ")
@example("\r")
@example("a\u0301ก")
@settings(deadline=None)
def test_any_text_round_trips_and_keeps_clusters(text: str) -> None:
    check_tokens(text, segment(text))


@given(thai_text)
@settings(deadline=None)
def test_any_thai_string_keeps_clusters(text: str) -> None:
    check_tokens(text, segment(text))


def test_a_corpus_keeps_clusters() -> None:
    corpus = [
        *SENTENCES,
        "".join(sorted(FIELD_WORDS)),
        random_words_text(seed=1, n=3000),
        *(baht_text(Decimal(n) / 100) for n in range(0, 10**9, 7_777_777)),
    ]
    for text in corpus:
        check_tokens(text, segment(text))


def test_importing_the_core_does_not_load_pythainlp() -> None:
    code = "import sys, prakat.thai; assert 'pythainlp' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)


# ---------------------------------------------------------------------------------------------
# protect()


def test_protect_markup() -> None:
    assert protect("ราคากลาง ๑๒๓ บาท") == '<span class="w">ราคากลาง</span> ๑๒๓ <span class="w">บาท</span>'
    # Touching Thai words: a zero-width space between the spans is the break opportunity;
    # one-cluster words (ผู้, ที่) cannot break inside and are not wrapped.
    assert protect("ผู้ได้รับการคัดเลือก") == (
        f'ผู้{ZWSP}<span class="w">ได้รับ</span>{ZWSP}<span class="w">การคัดเลือก</span>'
    )
    # ๆ does not start a line; ฯลฯ may.
    assert protect("อื่น ๆ ทั้งปวง") == '<span class="w">อื่น ๆ</span> <span class="w">ทั้งปวง</span>'
    assert protect("ฯลฯ") == '<span class="w">ฯลฯ</span>'
    assert protect("ดีๆ") == '<span class="w">ดีๆ</span>'
    # Latin runs a renderer could break at - or /; plain numbers it cannot.
    assert protect("(e-bidding) 1,234.50") == '(<span class="w">e-bidding</span>) 1,234.50'
    assert protect("") == ""
    # An era and its year stay on one line ("พ.ศ." at a line end, its year on the next, reads badly).
    assert protect("ปี พ.ศ. ๒๕๗๐ และ ค.ศ. 2027") == (
        'ปี <span class="w">พ.ศ. ๒๕๗๐</span> และ <span class="w">ค.ศ. 2027</span>'
    )
    assert protect("พ.ศ. นี้") == '<span class="w">พ.ศ.</span> นี้'
    assert re.fullmatch(r"\.w\s*\{\s*white-space:\s*nowrap;?\s*\}", PROTECT_CSS)


def test_protect_escapes() -> None:
    markup = protect("<script>alert(\"x&y\")</script> ราคา 'ผู้ชนะ' & บริษัท")
    assert "<script" not in markup and "</script" not in markup
    assert "&lt;script&gt;" in markup
    assert "&quot;" in markup and "&#x27;" in markup and "&amp;" in markup
    parsed = parse(markup)
    assert {tag for tag, _ in parsed.tags} == {"span"}


@given(mixed_text)
@example("<script>alert('x')</script>")
@example("&amp; &lt; ราคากลาง")
@example("อื่น ๆ ๆ")
@settings(deadline=None)
def test_protect_keeps_the_visible_text(text: str) -> None:
    markup = protect(text)
    parsed = parse(markup)
    # Strip tags, unescape, drop the zero-width spaces protect() adds: the input comes back.
    assert "".join(parsed.text).replace(ZWSP, "") == text.replace(ZWSP, "")
    assert html.unescape(re.sub(r"<[^>]*>", "", markup)).replace(ZWSP, "") == text.replace(ZWSP, "")
    assert all(tag == "span" and attrs == [("class", "w")] for tag, attrs in parsed.tags)
    assert parsed.max_depth <= 1 and parsed.depth == 0
    # Markup stays small: a span and a zero-width space per word at most.
    words = sum(1 for t in segment(text) if not t.isspace())
    assert len(markup) <= len(html.escape(text)) + words * len('<span class="w"></span>\u200b')


def test_protect_wraps_exactly_the_thai_words_that_could_break() -> None:
    text = " ".join(SENTENCES)
    spans = re.findall(r'<span class="w">([^<]*)</span>', protect(text))
    wrapped = {html.unescape(span).split(" ")[0] for span in spans}  # "อื่น ๆ" wraps อื่น
    for token in segment(text):
        if any(ch in THAI_LETTERS for ch in token):
            clusters = 1 + sum(not inside_cluster(token, i) for i in range(1, len(token)))
            assert (token in wrapped) == (clusters > 1), token
    assert FIELD_WORDS & set(segment(text)) - {"ห้า", "สี่", "หก"} <= wrapped


def test_protect_asks_the_renderer_which_words_to_wrap() -> None:
    text = "ผู้ได้รับการคัดเลือก (e-bidding) พ.ศ. ๒๕๖๙"
    plain = protect(text, breaks=lambda visible: ())
    # A renderer that breaks nowhere inside a word: nothing is wrapped, the zero-width spaces
    # between touching Thai words stay (they are where a line may end).
    assert "<span" not in plain
    assert plain.count(ZWSP) == protect(text).count(ZWSP) == 2
    asked: list[str] = []

    def inside_karn(visible: str) -> list[int]:
        asked.append(visible)
        # It would break after "การ" inside "การคัดเลือก", and around every space and ZWSP
        # (so inside "พ.ศ. ๒๕๖๙" too, but never inside "e-bidding").
        edges = [i for i, ch in enumerate(visible) if ch in (ZWSP, " ")]
        return [visible.index("การ") + 3, *edges, *(e + 1 for e in edges)]

    markup = protect(text, breaks=inside_karn)
    assert asked == ["ผู้" + ZWSP + "ได้รับ" + ZWSP + "การคัดเลือก (e-bidding) พ.ศ. ๒๕๖๙"]
    assert re.findall(r'<span class="w">([^<]*)</span>', markup) == ["การคัดเลือก", "พ.ศ. ๒๕๖๙"]


@given(mixed_text, st.sets(st.integers(min_value=0, max_value=80)))
@settings(deadline=None)
def test_protect_wraps_exactly_the_words_with_a_break_inside(text: str, offsets: set[int]) -> None:
    markup = protect(text, breaks=lambda visible: offsets)
    parsed = parse(markup)
    assert "".join(parsed.text).replace(ZWSP, "") == text.replace(ZWSP, "")
    # Walk the visible text (with protect's zero-width spaces): a unit is wrapped if and only if
    # an offset falls strictly inside it.
    position = 0
    for piece in re.split(r'(<span class="w">[^<]*</span>)', markup):
        if not piece:
            continue
        is_span = piece.startswith("<span")
        visible = html.unescape(re.sub(r"<[^>]*>", "", piece))
        if is_span:
            assert any(position < o < position + len(visible) for o in offsets), visible
        position += len(visible)


# ---------------------------------------------------------------------------------------------
# line_breaks_ok() and pdftotext_lines()


@pytest.mark.parametrize(
    "lines",
    [
        ["ตามที่โรงเรียนได้มีโครงการ", "จัดซื้อจัดจ้างครุภัณฑ์และวัสดุด้วย", "วิธีเฉพาะเจาะจง"],
        ["เป็นเงินทั้งสิ้นหนึ่งแสนสองหมื่น", "สามพันสี่ร้อยห้าสิบหกบาทเจ็ดสิบแปด", "สตางค์"],
        ["หนึ่งแสนห้า", "สิบบาทถ้วน"],
        ["จัดซื้อ", "", "จัดจ้าง"],  # a blank line ends a paragraph
        ["ราคา", "ฯลฯ"],
        ["ท่าน", "ฯพณฯ"],
        ["ผู้อำนวยการสถานศึกษา  ", "  ได้รับอนุมัติ"],
        ["หน้า ๑", "\fประกาศ"],
        [],
        ["สำนักงาน"],
    ],
)
def test_good_joins(lines: list[str]) -> None:
    assert line_breaks_ok(lines) == []


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["ตามที่โรงเรียนได้มีโครงการจัดซื้อ", "จัดจ้างครุภัณฑ์"], ["1: จัดซื้อ|จัดจ้าง"]),
        (["ซึ่งรวมภาษีมูลค่า", "เพิ่มและภาษีอื่น"], ["1: ภาษีมูลค่า|เพิ่ม"]),
        (["ผู้", "อำนวยการ", "สถานศึกษาได้", "รับอนุมัติ"], ["1: ผู้|อำนวยการ", "3: ได้|รับ"]),
        (["หนึ่งแสนบาท", "ถ้วน"], ["1: บาท|ถ้วน"]),
        (["หนึ่งแสนสองหมื่นสามพันสี่ร้อยห้าสิบหกบาทเจ็ดสิบแปดสตาง", "ค์"], ["1: สตาง|ค์"]),
        (["ราคาเพิม", "่และ"], ["1: เพิม|่"]),  # a tone mark starts the line
        (["ราคาร", "าคา"], ["1: ร|าคา"]),  # a following vowel starts the line
        (["ราคาเ", "งิน"], ["1: เ|งิน"]),  # a leading vowel ends the line
        (["ค่าใช้จ่ายอื่น", "ๆ ทั้งปวง"], ["1: อื่น|ๆ"]),
        (["กรุงเทพ", "ฯ และปริมณฑล"], ["1: กรุงเทพ|ฯ"]),
        (["ราคา 1,234.", "50 บาท"], ["1: 1,234.|50"]),
        (["ประกวดราคา (e-", "bidding)"], ["1: e-|bidding"]),
        (["ประกาศ ณ วันที่ ๑ เม.", "ย. ๒๕๖๘"], ["1: เม.|ย."]),
        # WeasyPrint's raw text layer spells ำ as า (and may drop the tone mark before it).
        (["ผู้อา", "นวยการ"], ["1: ผู้อา|นวยการ"]),
        (["สานักงาน", "เขตพื้นที่การศึกษา"], ["1: สานักงาน|เขตพื้นที่การศึกษา"]),
        (["จัดซื้อ", "\fจัดจ้าง"], ["1: จัดซื้อ|จัดจ้าง"]),  # across a page break
    ],
)
def test_bad_joins(lines: list[str], expected: list[str]) -> None:
    assert line_breaks_ok(lines) == expected


def test_line_check_knows_the_extra_words() -> None:
    lines = ["ผู้ได้รับการคัดเลือกได้แก่ร้านไทย", "วัสดุ"]
    assert line_breaks_ok(lines) == []
    assert line_breaks_ok(lines, extra_words=["ไทยวัสดุ"]) == ["1: ไทย|วัสดุ"]


def test_pdftotext_lines() -> None:
    # pdftotext -raw puts a tone mark stacked on an upper vowel on a line of its own start,
    # followed by a space that is not in the text: joined back.
    assert pdftotext_lines("กองทุนฟื\n้ นฟูชนบท\nบรรทัดใหม่\n\f") == ["กองทุนฟื้นฟูชนบท", "บรรทัดใหม่", ""]
    assert pdftotext_lines("หน้า ๑\n\fประกาศ") == ["หน้า ๑", "ประกาศ"]
    # A mark at the start of a line without that space is left for line_breaks_ok to report.
    assert pdftotext_lines("ราคาเพิม\n่และ") == ["ราคาเพิม", "่และ"]
    assert line_breaks_ok(pdftotext_lines("ราคาเพิม\n่และ")) == ["1: เพิม|่"]
