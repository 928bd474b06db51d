"""Thai words for line breaking: segmentation, no-break markup for WeasyPrint, and a line checker.

Thai is written without spaces between words, so the renderer has to find where a line may end.
WeasyPrint (Pango + libthai) breaks on libthai's dictionary, which never cuts a syllable but does
split the field's compounds and names (จัดซื้อ|จัดจ้าง, ภาษีมูลค่า|เพิ่ม, ได้|รับ, แม่|จัน), unless it
is given this module's words (:func:`dictionary_words`; prakat.documents.linebreak does).

* :func:`segment` cuts text into words with PyThaiNLP's ``newmm`` engine and a dictionary made
  of PyThaiNLP's Thai words, :data:`FIELD_WORDS` and the caller's ``extra_words`` (school,
  district and vendor names). Spaces and non-Thai runs are tokens of their own, amounts in words
  are cut into their number words, and no grapheme cluster is ever cut.
* :func:`protect` turns text into HTML in which WeasyPrint may end a line between words but
  never inside one, asking the renderer (``breaks``) which words it would split; the page's
  stylesheet needs :data:`PROTECT_CSS`.
* :func:`pdftotext_lines` and :func:`line_breaks_ok` check a rendered PDF: every line join must
  fall on a word boundary.

Pure: nothing is read at import. PyThaiNLP and its word list load on first use, and the
dictionary (a MARISA trie, 3 MB) is built once (≈0.2 s) and cached, with a small trie for each
``extra_words`` set.
"""

from __future__ import annotations

import html
import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from functools import lru_cache
from itertools import accumulate, pairwise
from typing import Final

import marisa_trie

from prakat.thai.dates import THAI_MONTHS, THAI_MONTHS_ABBR
from prakat.thai.errors import ThaiTypeError
from prakat.thai.glue import NUMBER_WORDS, joints

# ---------------------------------------------------------------------------------------------
# The field's words

# Lexical units of procurement text that must never be broken across lines: compounds whose
# halves, left at a line end, read as something else or as nothing (ภาษีมูลค่า|เพิ่ม, ได้|รับ,
# ครุ|ภัณฑ์, ราคา|กลาง), terms of art, and fixed names of bodies, legal forms and documents.
# Phrases built from them are deliberately absent: ผู้ได้รับการคัดเลือก is ผู้ + ได้รับ +
# การคัดเลือก, วิธีเฉพาะเจาะจง is วิธี + เฉพาะเจาะจง, ประกวดราคาอิเล็กทรอนิกส์ is ประกวดราคา +
# อิเล็กทรอนิกส์. A Thai typesetter may break between their words, and as single unbreakable
# boxes they would overflow narrow table columns. Listed even where PyThaiNLP knows the word,
# so that a change in its word list cannot undo them.
FIELD_WORDS: Final[frozenset[str]] = frozenset(
    (
        # procurement and its methods (Act B.E. 2560 s.55-56)
        "จัดซื้อจัดจ้าง", "จัดซื้อ", "จัดจ้าง", "เฉพาะเจาะจง", "ประกวดราคา", "อิเล็กทรอนิกส์",
        "สอบราคา", "คัดเลือก", "เชิญชวน", "เสนอราคา", "ราคากลาง", "ราคาอ้างอิง", "ใบเสนอราคา",
        "ผู้ชนะ", "ตรวจรับ", "พัสดุ", "ครุภัณฑ์", "วัสดุ", "ราคาที่เสนอ", "ราคาที่ตกลง",
        # documents and law
        "ประกาศ", "ใบสั่งซื้อ", "ใบสั่งจ้าง", "ข้อตกลง", "สัญญา", "พระราชบัญญัติ", "กฎกระทรวง",
        "ระเบียบ",
        # budget
        "งบประมาณ", "ปีงบประมาณ", "วงเงิน", "งบลงทุน", "งบดำเนินงาน", "เงินอุดหนุน", "ไตรมาส",
        # schools, government bodies, titles
        "สถานศึกษา", "โรงเรียน", "สำนักงานเขตพื้นที่การศึกษา", "ประถมศึกษา", "มัธยมศึกษา",
        "กระทรวงศึกษาธิการ", "กระทรวงการคลัง", "กรมบัญชีกลาง", "ผู้อำนวยการ", "เจ้าหน้าที่",
        "คณะกรรมการ",
        # vendors
        "ผู้ประกอบการ", "ห้างหุ้นส่วนจำกัด", "บริษัท", "ศึกษาภัณฑ์", "ขายส่ง", "ขายปลีก",
        "ให้บริการ",
        # transliterated words of vendors' names that PyThaiNLP splits (ดิส|ท|ริ|บิ|วชั่น): a name's
        # word too wide for its table cell breaks between the segmenter's words
        "ดิสทริบิวชั่น", "เอ็ดดูเคชั่น", "ทรานสปอร์ต", "คอนสตรัคชั่น", "เอ็นจิเนียริ่ง", "พริ้นติ้ง",
        "ออฟเซ็ท",
        # money and tax
        "ภาษีมูลค่าเพิ่ม", "เลขประจำตัวผู้เสียภาษี", "เลขประจำตัวผู้เสียภาษีอากร", "ทั้งสิ้น",
        "ได้รับ", "บาท", "บาทถ้วน", "สตางค์",
        # units of what schools buy that PyThaiNLP splits (กระดาษ A4 80 แก|รม)
        "แกรม",
        # dates
        "พ.ศ.", *THAI_MONTHS, *THAI_MONTHS_ABBR,
        *NUMBER_WORDS,
    )
)  # fmt: skip

# The rule protect()'s markup needs in the document's stylesheet (outside any autoescaped
# expression: Jinja would turn its characters into entities and WeasyPrint drop the rule).
PROTECT_CSS: Final = ".w{white-space:nowrap}"
_ERA_ABBREVIATIONS: Final = frozenset({"พ.ศ.", "ค.ศ.", "จ.ศ.", "ร.ศ."})
_YEAR_NUMBER: Final = re.compile(r"[0-9๐-๙][0-9๐-๙,.]*")


def _is_number(tokens: list[str]) -> bool:
    return bool(tokens) and _YEAR_NUMBER.fullmatch(tokens[0]) is not None


# ---------------------------------------------------------------------------------------------
# Characters

# Thai letters, vowels, tone marks and the signs ฯ ๆ: not ฿, ๏, ๚, ๛ nor the digits ๐-๙.
_THAI_RANGE: Final = "\u0e01-\u0e3a\u0e40-\u0e4e"
_THAI_CHARS: Final = frozenset(map(chr, [*range(0x0E01, 0x0E3B), *range(0x0E40, 0x0E4F)]))
# Written above or below the letter before them; and ำ, a spacing mark Unicode also attaches.
_THAI_MARKS: Final = frozenset(map(chr, [0x0E31, 0x0E33, *range(0x0E34, 0x0E3B), *range(0x0E47, 0x0E4F)]))
_FOLLOWING_VOWELS: Final = frozenset("ะาๅ")  # written after their consonant
_LEADING_VOWELS: Final = frozenset("เแโใไ")  # written before their consonant
# Signs that must not start a line either, as tokens of their own: the repetition mark (ต่าง ๆ)
# and the abbreviation mark (กรุงเทพฯ). The words ฯลฯ and ฯพณฯ may.
_NO_LINE_START: Final = frozenset("ๆฯ")
_ZWSP: Final = "\u200b"

_WHITESPACE: Final = re.compile(r"(\s+)")
_MIXED: Final = re.compile(f"[{_THAI_RANGE}]+|[^{_THAI_RANGE}]+")
# Latin and digit runs (Arabic or Thai digits) with inner connectors: e-GP, 1,234.50, ๐๙.๐๐.
_NON_THAI_TOKEN: Final = re.compile(r"[^\W_]+(?:[-.,/:'’_][^\W_]+)*|.", re.DOTALL)
# Where UAX #14 lets a renderer break inside such a run (e-|bidding, 1/|2568).
_BREAKABLE_CONNECTOR: Final = re.compile(r"[-/]")

_NUMBER: Final = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
# An amount in words as bahttext writes it: "<n>บาทถ้วน", "<n>บาท<n>สตางค์", "<n>สตางค์".
_AMOUNT_IN_WORDS: Final = re.compile(
    rf"(?:{_NUMBER})+(?:บาทถ้วน|บาท(?:(?:{_NUMBER})+สตางค์)?)|(?:{_NUMBER})+สตางค์"
)
_AMOUNT_WORD: Final = re.compile(rf"บาทถ้วน|บาท|สตางค์|{_NUMBER}")
# Plain WeasyPrint's PDF text layer loses SARA AM (ำ → า) and often a tone mark before it
# (tech-notes; Kozea/WeasyPrint#2841): the checker also knows the field's words spelt that way.
_SARA_AM_AS_EXTRACTED: Final = re.compile("[\u0e48-\u0e4b]?\u0e33")


def _is_thai(token: str) -> bool:
    return any(ch in _THAI_CHARS for ch in token)


def _glued(before: str, ch: str) -> bool:
    """Whether ch, written after before, belongs to before's grapheme cluster."""
    if ch in _THAI_MARKS or ch == "\u200d" or unicodedata.category(ch).startswith("M"):
        return True
    if ch in _FOLLOWING_VOWELS and before in _THAI_CHARS:
        return True
    return before in _LEADING_VOWELS and ch in _THAI_CHARS


def _cluster_count(text: str) -> int:
    return 1 + sum(not _glued(a, b) for a, b in pairwise(text)) if text else 0


# ---------------------------------------------------------------------------------------------
# Dictionaries


def _normalise_extra_words(extra_words: Iterable[str]) -> frozenset[str]:
    if isinstance(extra_words, str):
        raise ThaiTypeError("extra_words ต้องเป็นชุดของคำ ไม่ใช่ข้อความเดียว (an iterable of words, not a str)")
    words: set[str] = set()
    for word in extra_words:
        if not isinstance(word, str):
            raise ThaiTypeError(f"คำใน extra_words ต้องเป็นข้อความ (ได้ {type(word).__name__})")
        # A name with spaces ("บริษัท ศึกษาภัณฑ์ จำกัด") keeps each part whole; the spaces stay
        # places where a line may end.
        words.update(word.split())
    return frozenset(words)


class Dictionary:
    """The words the segmenter matches, as PyThaiNLP's ``newmm`` asks for them (``prefixes`` and
    ``in``): MARISA tries, about 3 MB for PyThaiNLP's 62,000 words where PyThaiNLP's own ``Trie``
    (a dict per letter) takes about 60 MB, the Thai dictionary being most of a render worker's
    memory. The caller's few extra words are a small trie of their own."""

    __slots__ = ("_extra", "_longest", "_words")

    def __init__(self, words: marisa_trie.Trie, longest: int, extra: frozenset[str] = frozenset()) -> None:
        self._words = words
        self._extra = marisa_trie.Trie(extra - {w for w in extra if w in words}) if extra else None
        # newmm asks for the words at every position of a chunk: look at no more than can match.
        self._longest = max(longest, *map(len, extra)) if extra else longest

    def prefixes(self, text: str, start: int = 0) -> list[str]:
        """The words that ``text`` has at ``start``, shortest first (as PyThaiNLP's Trie gives them)."""
        window = text[start : start + self._longest]
        found: list[str] = self._words.prefixes(window)
        if self._extra is not None:
            more = self._extra.prefixes(window)
            if more:
                found = sorted([*found, *more], key=len)
        return found

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and (
            word in self._words or (self._extra is not None and word in self._extra)
        )

    def __len__(self) -> int:
        return len(self._words) + (len(self._extra) if self._extra is not None else 0)


@lru_cache(maxsize=1)
def _base_dictionary() -> Dictionary:
    from pythainlp.corpus.common import thai_words

    # Entries with spaces ("ต่าง ๆ", proverbs) would make tokens that swallow spaces.
    words = [w for w in thai_words() | FIELD_WORDS if not any(ch.isspace() for ch in w)]
    return Dictionary(marisa_trie.Trie(words), max(map(len, words)))


def dictionary_words() -> list[str]:
    """Every word of the segmenter's dictionary (without any caller's extra words), sorted."""
    return sorted(_base_dictionary()._words.iterkeys())


@lru_cache(maxsize=32)
def _trie(extra_words: frozenset[str]) -> Dictionary:
    base = _base_dictionary()
    return Dictionary(base._words, base._longest, extra_words) if extra_words else base


def _as_extracted(words: Iterable[str]) -> frozenset[str]:
    """The spellings WeasyPrint's text layer gives words with ำ (สำนักงาน → สานักงาน)."""
    variants: set[str] = set()
    for word in words:
        if "\u0e33" in word:
            variants.add(word.replace("\u0e33", "\u0e32"))
            variants.add(_SARA_AM_AS_EXTRACTED.sub("\u0e32", word))
    return frozenset(variants)


@lru_cache(maxsize=32)
def _checker_trie(extra_words: frozenset[str]) -> Dictionary:
    # Only the field's and the caller's words: the extracted spellings of all of PyThaiNLP's
    # ำ-words (3,500) make clean text segment wrongly (ราคาเงิน → รา|คาเงิน).
    return _trie(extra_words | _as_extracted(FIELD_WORDS | extra_words))


# ---------------------------------------------------------------------------------------------
# Segmentation


def segment(text: str, *, extra_words: Iterable[str] = ()) -> list[str]:
    """Cut text into words for line breaking; ``"".join(segment(t)) == t``.

    * Thai is cut by PyThaiNLP ``newmm`` with PyThaiNLP's Thai words ∪ :data:`FIELD_WORDS` ∪
      ``extra_words`` (a name with spaces counts as its space-separated parts). Dictionary
      entries may hold dots or digits ("พ.ศ.", "มี.ค.").
    * Amounts in words are cut into number words: "หนึ่ง|แสน|…|ห้า|สิบ|หก|บาท|เจ็ด|สิบ|แปด|สตางค์",
      "สอง|ร้อย|เอ็ด|บาทถ้วน" (PyThaiNLP's list has ร้อยห้าสิบ, เจ็ดสิบ, ร้อยเอ็ด… as words).
    * Each run of whitespace is a token; so is each run of Latin letters and digits (Arabic or
      Thai) with inner ``- . , / : '`` ("e-GP", "1,234.50", "๐๙.๐๐"), and each other character
      ("(", ")", "฿").
    * No token starts inside a grapheme cluster: marks, ำ and following vowels stay with the
      character before them, a leading vowel with the letter after it.
    """
    if not isinstance(text, str):
        raise ThaiTypeError(f"ข้อความต้องเป็น str (ได้ {type(text).__name__})")
    return _segment(text, _trie(_normalise_extra_words(extra_words)))


def _segment(text: str, trie: Dictionary) -> list[str]:
    tokens: list[str] = []
    for chunk in _WHITESPACE.split(text):
        if not chunk:
            continue
        if chunk[0].isspace():
            tokens.append(chunk)
        elif _is_thai(chunk):
            tokens.extend(_segment_thai(chunk, trie))
        else:
            tokens.extend(_NON_THAI_TOKEN.findall(chunk))
    return _keep_clusters(_cut_amounts(text, tokens))


def _segment_thai(chunk: str, trie: Dictionary) -> list[str]:
    from pythainlp.tokenize import word_tokenize

    out: list[str] = []
    # newmm asks its dictionary only for prefixes() and `in`, which Dictionary answers.
    for token in word_tokenize(chunk, custom_dict=trie, engine="newmm", join_broken_num=False):  # type: ignore[arg-type]
        if not _is_thai(token):
            out.extend(_NON_THAI_TOKEN.findall(token))
        elif token in trie or all(ch in _THAI_CHARS for ch in token):
            out.append(token)
        else:  # Thai run stuck to other characters, and no dictionary word
            for part in _MIXED.findall(token):
                out.extend([part] if _is_thai(part) else _NON_THAI_TOKEN.findall(part))
    return out


def _cut_amounts(text: str, tokens: list[str]) -> list[str]:
    """Re-cut amounts in words into their number words, keeping บาทถ้วน whole."""
    if "บาท" not in text and "สตางค์" not in text:
        return tokens
    bounds = {0, *accumulate(map(len, tokens))}
    changed = False
    for match in _AMOUNT_IN_WORDS.finditer(text):
        if match.end() not in bounds:
            continue
        starts = [m.start() for m in _AMOUNT_WORD.finditer(text, match.start(), match.end())]
        # The match may begin inside the word before it (ผูกพัน|หนึ่ง…): start at the first
        # number word that the segmentation already begins a word with.
        first = next((p for p in starts if p in bounds), None)
        if first is None:
            continue
        bounds.difference_update(range(first + 1, match.end()))
        bounds.update(p for p in starts if p >= first)
        changed = True
    if not changed:
        return tokens
    cuts = sorted(bounds)
    return [text[a:b] for a, b in pairwise(cuts)]


def _keep_clusters(tokens: list[str]) -> list[str]:
    out: list[str] = []
    for token in tokens:
        if out and _glued(out[-1][-1], token[0]):
            out[-1] += token
        else:
            out.append(token)
    return out


# ---------------------------------------------------------------------------------------------
# Markup


def protect(
    text: str,
    *,
    extra_words: Iterable[str] = (),
    breaks: Callable[[str], Iterable[int]] | None = None,
    glue: bool = False,
    keep: Iterable[str] = (),
    head: int = 0,
    tail: int = 0,
) -> str:
    """HTML for text in which WeasyPrint may end a line between words but never inside one; with
    ``glue``, nor where a typesetter keeps words together (:func:`prakat.thai.glue.joints`: a
    number and its classifier, a date, an amount in words but after its unit words, the phrases in
    ``keep``, the first ``head`` and the last ``tail`` spacing characters of the text).

    A zero-width space (U+200B) goes between two Thai words that touch: it is where a line may
    end (and where none would be found between two no-wrap spans). A word the renderer could
    break inside becomes ``<span class="w">word</span>`` (``white-space: nowrap`` from
    :data:`PROTECT_CSS`), and so does each run of words kept together. Which single words to wrap
    is the renderer's to say: ``breaks(visible)`` gives the offsets in the visible text (the words
    with their zero-width spaces) at which it would allow a line to end, and only the words with
    such an offset inside them are wrapped. Without ``breaks``, every Thai word of more than one
    grapheme cluster is wrapped, and so is every Latin run with ``-`` or ``/`` ("e-bidding"),
    which is always safe but makes an element of almost every word (a third of the layout time of
    a long table). A repetition mark after a space ("อื่น ๆ") stays with its word, an era with its
    year ("พ.ศ. ๒๕๗๐").

    Everything is escaped (``& < > " '``). The visible text is unchanged: stripping the tags
    and zero-width spaces and unescaping gives back ``text``. Neither the spans nor the
    zero-width spaces reach the PDF's text layer.
    """
    words = _protected_words(segment(text, extra_words=extra_words))
    if breaks is None:
        wrapped = [_may_break(word, thai) for word, thai, _ in words]
    else:
        visible = "".join(_ZWSP + word if zwsp else word for word, _, zwsp in words)
        offsets = sorted(breaks(visible))
        wrapped = []
        start = 0
        for word, _, zwsp in words:
            start += zwsp
            end = start + len(word)
            # Offsets strictly inside the word; its edges are where it meets its neighbours.
            wrapped.append(bisect_right(offsets, start) < bisect_left(offsets, end))
            start = end
    units = [word for word, _, _ in words]
    together = joints(units, keep=keep, head=head, tail=tail) if glue else [False] * len(units)
    out: list[str] = []
    i = 0
    while i < len(words):
        j = i
        while j < len(together) and together[j]:
            j += 1
        zwsp = words[i][2]
        if j > i:  # words[i..j] kept together: one no-wrap run, no break opportunity inside
            run = "".join(html.escape(word) for word, _, _ in words[i : j + 1])
            out.append((_ZWSP if zwsp else "") + f'<span class="w">{run}</span>')
        else:
            escaped = html.escape(words[i][0])
            out.append(
                (_ZWSP if zwsp else "") + (f'<span class="w">{escaped}</span>' if wrapped[i] else escaped)
            )
        i = j + 1
    return "".join(out)


def _may_break(word: str, thai: bool) -> bool:
    """Whether a renderer might end a line inside ``word``, for all we know without asking it."""
    if thai:
        return _cluster_count(word) > 1
    return _BREAKABLE_CONNECTOR.search(word) is not None


def _protected_words(tokens: list[str]) -> list[tuple[str, bool, bool]]:
    """The units protect() keeps whole: (text, is Thai, a zero-width space goes before it)."""
    out: list[tuple[str, bool, bool]] = []
    previous_thai = False
    i = 0
    while i < len(tokens):
        word = tokens[i]
        i += 1
        if not _is_thai(word):
            out.append((word, False, False))
            previous_thai = False
            continue
        while i < len(tokens):  # "อื่น ๆ", "ดีๆ", "กรุงเทพฯ": the mark stays with its word
            if word in _ERA_ABBREVIATIONS and tokens[i] == " " and _is_number(tokens[i + 1 : i + 2]):
                word += tokens[i] + tokens[i + 1]  # "พ.ศ. ๒๕๗๐" is read as one, never split
                i += 2
            elif tokens[i] in _NO_LINE_START:
                word += tokens[i]
                i += 1
            elif tokens[i] == " " and i + 1 < len(tokens) and tokens[i + 1] in _NO_LINE_START:
                word += tokens[i] + tokens[i + 1]
                i += 2
            else:
                break
        out.append((word, True, previous_thai))
        previous_thai = True
    return out


# ---------------------------------------------------------------------------------------------
# Checking rendered lines


def pdftotext_lines(output: str) -> list[str]:
    """The rendered lines in the output of ``pdftotext -raw`` (content-stream order).

    Use ``-raw``: on plain WeasyPrint output, pdftotext's default mode reorders Thai marks
    (ซึ่ง → "ซ่งึ ") and moves some onto the next line, and ``-layout`` scatters them onto
    lines of their own. Even ``-raw`` starts a new line at a tone mark stacked on an upper
    vowel after a tall consonant (ฟื้น → "…ฟื" / "้ นฟู…", with a space that is not in the
    text); such a line is joined back to the one before and the space dropped. Form feeds
    (page ends) are removed, so a paragraph running onto the next page stays one join.
    """
    lines: list[str] = []
    for raw in output.split("\n"):
        line = raw.replace("\f", "")
        if lines and len(line) >= 2 and line[0] in _THAI_MARKS and line[1] == " " and lines[-1]:
            lines[-1] += line[0] + line[2:]
        else:
            lines.append(line)
    return lines


def line_breaks_ok(lines: list[str], *, extra_words: Iterable[str] = ()) -> list[str]:
    """The line joins of a rendered Thai text that fall inside a word; ``[]`` when all are good.

    ``lines`` are the lines of the PDF's text, best from :func:`pdftotext_lines`. Blank lines
    separate paragraphs and are not joins. A join is bad when the next line starts inside a
    grapheme cluster (a tone mark, an above/below vowel, ำ, a vowel written after its
    consonant, or after a line ending in a leading vowel) or with ๆ/ฯ, or when the two lines,
    joined, segment with no word boundary at the join (จัดซื้อ / จัดจ้าง → จัดซื้อจัดจ้าง).
    Words whose ำ the PDF text layer lost (สานักงาน) are recognised in that spelling too.

    Each bad join is reported as ``"<line number>: <end of word>|<rest of word>"``, the line
    number (from 1) being that of the first line. pdftotext drops the space at the end of a
    line, so two words separated by a space that together form a dictionary word are reported
    too: rare, and worth a look.
    """
    trie = _checker_trie(_normalise_extra_words(extra_words))
    bad: list[str] = []
    for number, (line, next_line) in enumerate(pairwise(lines), start=1):
        before, after = line.strip(), next_line.strip()
        if not before or not after:
            continue
        joined = before + after
        at = len(before)
        tokens = _segment(joined, trie)
        starts = list(accumulate(map(len, tokens), initial=0))
        bounds = set(starts)
        starts_badly = _glued(before[-1], after[0]) or (
            at in bounds and tokens[starts.index(at)] in _NO_LINE_START
        )
        if at in bounds and not starts_badly:
            continue
        start = max(b for b in bounds if b < at)
        end = min(b for b in bounds if b > at)
        bad.append(f"{number}: {joined[start:at]}|{joined[at:end]}")
    return bad
