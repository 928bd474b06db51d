"""Where a typesetter keeps Thai words together (prakat.thai.glue), as protect(glue=True) marks it up.
Rendered documents are checked in tests/documents/test_typesetting.py."""

from __future__ import annotations

import re
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from prakat.thai import baht_text, glue, protect
from prakat.thai.glue import joints, spacing_count
from tests.thai.test_thai_segment import ZWSP, mixed_text, parse

RUN = re.compile(r'<span class="w">([^<]*)</span>')


def runs(text: str, **options: object) -> list[str]:
    """The no-wrap runs of protect(glue=True), as read (the renderer breaks inside no word here)."""
    return RUN.findall(protect(text, breaks=lambda visible: (), glue=True, **options))  # type: ignore[arg-type]


def test_a_number_stays_with_its_classifier_or_unit() -> None:
    text = "จำนวน ๑๒ จุด ๑ หลัง ภายใน ๕ วัน ๓ ชุด เป็นเงิน ๕๗๘,๔๒๑.๕๐ บาท ๒ รายการ"
    assert runs(text) == ["๑๒ จุด", "๑ หลัง", "๕ วัน", "๓ ชุด", "๕๗๘,๔๒๑.๕๐ บาท", "๒ รายการ"]
    # Not a classifier: a line may end after the number.
    assert runs("ปี ๒๕๗๐ ผู้ชนะ") == []


def test_an_amount_in_words_breaks_only_after_its_unit_words() -> None:
    words = baht_text(Decimal("578421.50"))
    assert words == "ห้าแสนเจ็ดหมื่นแปดพันสี่ร้อยยี่สิบเอ็ดบาทห้าสิบสตางค์"
    assert runs(f"({words})") == ["ห้าแสน", "เจ็ดหมื่น", "แปดพัน", "สี่ร้อย", "ยี่สิบเอ็ดบาท", "ห้าสิบสตางค์"]
    assert runs("หนึ่งล้านสองแสนบาทถ้วน") == ["หนึ่งล้าน", "สองแสน"]


def test_a_date_and_an_era_stay_whole() -> None:
    assert runs("ลงวันที่ ๑๓ กรกฎาคม พ.ศ. ๒๕๗๐ นั้น") == ["๑๓ กรกฎาคม พ.ศ. ๒๕๗๐"]
    assert runs("ตั้งแต่ ๒๐ พ.ย. ๖๘ ถึง ตุลาคม ๒๕๖๘") == ["๒๐ พ.ย. ๖๘", "ตุลาคม ๒๕๖๘"]
    assert runs("ไตรมาสที่ ๔ ตาม ข้อ ๗๙ และ มาตรา ๕๖") == ["ไตรมาสที่ ๔", "ข้อ ๗๙", "มาตรา ๕๖"]


def test_names_and_prefixes_stay_whole() -> None:
    name = "ห้างหุ้นส่วนจำกัด ศึกษาภัณฑ์การค้า"
    assert runs(f"ได้แก่ {name} โดยเสนอราคา", keep=[name]) == [name]
    assert runs("ผู้ได้รับการคัดเลือก ค่าจดทะเบียน") == ["ผู้ได้รับ", "ค่าจดทะเบียน"]
    assert "โดยวิธีเฉพาะเจาะจง" in runs("ซื้อวัสดุ โดยวิธีเฉพาะเจาะจง ทั้งสิ้น")


def test_the_last_and_first_words_fill_a_short_line() -> None:
    subject = "ประกาศผู้ชนะการเสนอราคา ซื้อวัสดุสำนักงาน โดยวิธีเฉพาะเจาะจง"
    last = runs(subject, tail=glue.TAIL)[-1]
    assert subject.endswith(last) and spacing_count(last) >= glue.TAIL
    first = runs("ตามที่ โรงเรียนบ้านหนองบัววิทยา ได้มีโครงการ", head=glue.HEAD)[0]
    assert first.startswith("ตามที่ ") and spacing_count(first) >= glue.HEAD
    # A run never starts or ends with a space: the line may end at the space before it.
    assert joints(["ก", " ", "ข", " ", "ค"], tail=2) == [False, False, True, True]
    assert joints(["ก", " ", "ข", " ", "ค"], head=2) == [True, True, False, False]


@given(mixed_text, st.integers(min_value=0, max_value=20), st.integers(min_value=0, max_value=20))
@settings(deadline=None)
def test_glue_keeps_the_visible_text(text: str, head: int, tail: int) -> None:
    keep = [text[len(text) // 3 : len(text) // 2]]
    markup = protect(text, glue=True, keep=keep, head=head, tail=tail)
    assert "".join(parse(markup).text).replace(ZWSP, "") == text.replace(ZWSP, "")
    # Runs are whole elements: never nested, never a lone space.
    assert "<span" not in "".join(RUN.findall(markup))
    assert all(run.strip() for run in RUN.findall(markup))
