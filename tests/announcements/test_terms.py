"""What the officer types for the invitation, the draft hearing and the reference-price form: read
forgivingly, required when the announcement that prints them is submitted (a Thai message naming the
field), open until then, the same through the API, and read back from the published PDFs, the
construction's reference price on บก.01 and the goods' on บก.06, each table whole on one page."""

from __future__ import annotations

import io
import re
import subprocess
from datetime import date
from decimal import Decimal
from typing import Any

import httpx
import pytest
from lxml import html
from piccolo.engine.base import Engine
from pypdf import PdfReader

from prakat.announcements import pdf, wording
from prakat.announcements import service as announcements
from prakat.announcements.schemas import Announcement, AnnouncementDraft
from prakat.audit import Actor
from prakat.documents.digits import thai
from prakat.errors import Conflict, InvalidInput
from prakat.procurements import requirements
from prakat.procurements import service as procurements
from prakat.procurements.schemas import ProcurementCreate, read_lines, read_time
from prakat.rules import BK01, BK06, AnnouncementKind, price_form_for, working_days
from prakat.thai import baht_text
from prakat.validation import input_schema
from tests import factories
from tests.api.helpers import call, caller
from tests.web.helpers import make_user, post_form, sign_in

CONSTRUCTION = {
    "method": "e_bidding",
    "budget": "1,250,000",
    "reference_price": "1,234,567.89",
    "subject": "ซ่อมแซมหลังคาอาคารเรียน",
    "kind": "construction",
}
BLANK_TERMS = {name: "" for name in factories.TERMS}


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def pages_of(data: bytes) -> list[str]:
    """Each page's text, squeezed (pdftotext -raw reads a table cell by cell; pages end in a form feed)."""
    out = subprocess.run(["pdftotext", "-raw", "-", "-"], input=data, capture_output=True, check=True)
    return [squeeze(page) for page in out.stdout.decode().split("\f") if page.strip()]


async def publish(actor: Actor, kind: str, procurement_id: int) -> Announcement:
    draft = await announcements.prepare(
        actor, AnnouncementDraft(kind=AnnouncementKind(kind), procurement_id=procurement_id)
    )
    await announcements.submit(actor, draft.id)
    return await announcements.approve(actor, draft.id)


# --- the readers and the rules, without a database ---------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("9", "09:00"), ("09.00", "09:00"), ("9:30", "09:30"), ("๐๙.๐๐ น.", "09:00"), ("13.30 นาฬิกา", "13:30")],
)
def test_a_time_is_read_as_people_type_it(typed: str, stored: str) -> None:
    assert read_time(typed) == stored


@pytest.mark.parametrize("typed", ["25.00", "9.75", "เก้าโมง", "9.0.0"])
def test_a_time_that_is_no_time_is_refused_in_thai(typed: str) -> None:
    with pytest.raises(ValueError, match=r"[ก-๙]"):
        read_time(typed)


def test_a_list_keeps_its_items_without_their_numbering() -> None:
    typed = "1. มีความสามารถตามกฎหมาย\r\n\n๒) ไม่เป็นบุคคล   ล้มละลาย\n - ไม่อยู่ระหว่างเลิกกิจการ\n"
    assert read_lines(typed) == "มีความสามารถตามกฎหมาย\nไม่เป็นบุคคล ล้มละลาย\nไม่อยู่ระหว่างเลิกกิจการ"


def test_construction_takes_bk01_and_other_work_bk06() -> None:
    assert price_form_for("construction", 2569) is BK01
    assert {price_form_for(kind, 2569) for kind in ("buy", "hire", "rent")} == {BK06}
    assert BK06.title == (
        "ตารางแสดงวงเงินงบประมาณที่ได้รับจัดสรรและราคากลาง (ราคาอ้างอิง) ในการจัดซื้อจัดจ้างที่มิใช่งานก่อสร้าง"
    )
    # Each form asks for the day the price was set, its sources and who set it; บก.01 the work too.
    assert {"price_set_on", "price_sources", "price_setters"} <= set(BK06.fields)
    assert set(BK01.fields) - set(BK06.fields) == {"work_outline"}
    with pytest.raises(LookupError):
        price_form_for("construction", 2500)


def test_a_hearing_shorter_than_three_working_days_is_refused() -> None:
    # Friday 7 to Tuesday 11 November 2025: Friday, Monday and Tuesday.
    assert working_days(date(2025, 11, 7), date(2025, 11, 11)) == 3
    raw = {**factories.PROCUREMENT, "hearing_from": "7/11/2568", "hearing_until": "10/11/2568"}
    with pytest.raises(InvalidInput) as refused:
        procurements.parse_procurement(raw)
    assert "3 วันทำการ" in refused.value.errors["hearing_until"]
    assert refused.value.errors["hearing_until"].startswith("วันสุดท้ายที่รับฟังความคิดเห็นร่างเอกสาร:")
    parsed = procurements.parse_procurement({**raw, "hearing_until": "11/11/2568"})
    assert parsed.hearing_until == date(2025, 11, 11)


def test_windows_out_of_order_are_refused_naming_the_field() -> None:
    raw = {
        **factories.PROCUREMENT,
        "bid_from": "12.00",
        "bid_until": "09.00",
        "documents_until": "2025-11-13",
    }
    with pytest.raises(InvalidInput) as refused:
        procurements.parse_procurement(raw)
    errors = refused.value.errors
    assert errors["bid_until"].startswith("เวลาสิ้นสุดการยื่นข้อเสนอ: ต้องหลัง")
    assert errors["bid_on"].startswith("วันยื่นข้อเสนอและเสนอราคา: ต้องไม่ก่อน")


def test_the_api_schema_is_the_readers_declaration() -> None:
    properties = input_schema(ProcurementCreate)["properties"]
    for name in requirements.LABELS.keys() & set(factories.TERMS):
        assert properties[name]["title"] == requirements.LABELS[name]
    assert re.match(properties["bid_from"]["anyOf"][0]["pattern"], "09.00")


# --- through the services and the PDFs ----------------------------------------------------------------


async def test_submitting_without_the_terms_is_refused_naming_each_field(db: Engine) -> None:  # type: ignore[type-arg]
    _, actor = await factories.school()
    p = await factories.procurement(actor, **CONSTRUCTION, **BLANK_TERMS)
    for kind, names in (
        ("invitation", requirements.INVITATION_FIELDS),
        ("tor_hearing", requirements.HEARING_FIELDS),
        ("reference_price", BK01.fields),
    ):
        draft = await announcements.prepare(
            actor, AnnouncementDraft(kind=AnnouncementKind(kind), procurement_id=p.id)
        )
        with pytest.raises(InvalidInput) as refused:
            await announcements.submit(actor, draft.id)
        assert set(refused.value.errors) == set(names), kind
        for name in names:
            message = refused.value.errors[name]
            assert message.startswith(f"{requirements.LABELS[name]}: กรุณากรอก"), message
        # The preview says what is missing instead of failing (the reference price's form shows "-").
        preview = await announcements.with_preview_snapshot(actor.school_id, draft)
        said = " ".join(wording.paragraphs(kind, preview.subject, "", preview.snapshot))
        blanks = " ".join(re.findall(r"\(ยังไม่ได้กรอก ([^)]*)\)", said))
        if kind != "reference_price":
            assert all(requirements.LABELS[name] in blanks for name in names), said
        assert (await announcements.get_announcement(actor.school_id, draft.id)).status == "draft"


async def test_terms_stay_open_until_the_announcement_that_prints_them(db: Engine) -> None:  # type: ignore[type-arg]
    _, actor = await factories.school()
    p = await factories.procurement(actor, **CONSTRUCTION)
    await publish(actor, "reference_price", p.id)
    later = {**factories.PROCUREMENT, **CONSTRUCTION, "bid_on": "2025-11-14"}
    # The reference price is published: the invitation's day may still move…
    moved = await procurements.update_procurement(actor, p.id, procurements.parse_procurement(later))
    assert moved.bid_on == date(2025, 11, 14)
    # …but not what the reference price printed, nor the procurement's own fields.
    with pytest.raises(Conflict, match="ผู้กำหนดราคากลาง"):
        await procurements.update_procurement(
            actor, p.id, procurements.parse_procurement({**later, "price_setters": "คนอื่น"})
        )
    with pytest.raises(Conflict):
        await procurements.update_procurement(
            actor, p.id, procurements.parse_procurement({**later, "subject": "งานอื่น", "bid_on": "2025-11-13"})
        )
    await publish(actor, "invitation", p.id)
    with pytest.raises(Conflict, match="วันยื่นข้อเสนอและเสนอราคา"):
        await procurements.update_procurement(
            actor, p.id, procurements.parse_procurement({**later, "bid_on": "2025-11-13"})
        )


async def test_the_terms_read_back_from_the_published_pdfs(db: Engine) -> None:  # type: ignore[type-arg]
    _, actor = await factories.school("terms", name="โรงเรียนบ้านหนองบัววิทยา")
    roof = await factories.procurement(actor, **CONSTRUCTION)
    goods = await factories.procurement(actor, subject="ครุภัณฑ์คอมพิวเตอร์ จำนวน 41 ชุด", budget="500,000")
    read: dict[str, list[str]] = {}
    subjects: dict[str, str] = {}
    for key, kind, pid in (
        ("tor_hearing", "tor_hearing", roof.id),
        ("bk01", "reference_price", roof.id),
        ("invitation", "invitation", roof.id),
        ("bk06", "reference_price", goods.id),
    ):
        a = await publish(actor, kind, pid)
        assert a.pdf_sha256 is not None
        data = await pdf.stored(actor.school_id, a.pdf_sha256)
        read[key] = pages_of(data)
        subjects[key] = a.subject
        assert len(PdfReader(io.BytesIO(data)).pages) == len(read[key])

    def has(key: str, *expected: str) -> None:
        text = "".join(read[key])
        for words in expected:
            assert squeeze(thai(words)) in text, (key, words)

    has(
        "invitation",
        f"1,234,567.89 บาท ({baht_text(Decimal('1234567.89'))})",
        "ผู้ยื่นข้อเสนอจะต้องมีคุณสมบัติ ดังต่อไปนี้",
        "1. มีความสามารถตามกฎหมาย",
        "2. ไม่เป็นบุคคลล้มละลาย",
        "ในวันที่ 12 พฤศจิกายน 2568 ระหว่างเวลา 09.00 น. ถึง 12.00 น.",
        "ได้ตั้งแต่วันที่ 4 พฤศจิกายน 2568 ถึงวันที่ 11 พฤศจิกายน 2568",
        "โทรศัพท์ 043-000-000 ในวันและเวลาราชการ",
    )
    has(
        "tor_hearing",
        "เว็บไซต์ www.gprocurement.go.th",
        "ตั้งแต่วันที่ 3 พฤศจิกายน 2568 ถึงวันที่ 5 พฤศจิกายน 2568",
        "อีเมล พัสดุ@โรงเรียน.example ภายในวันที่ 5 พฤศจิกายน 2568",
    )
    # Its subject says what its kind says: a draft published for comment.
    label = AnnouncementKind.TOR_HEARING.label
    assert subjects["tor_hearing"].startswith(label.removeprefix("ประกาศ").removesuffix("เพื่อรับฟังความคิดเห็น"))
    assert subjects["tor_hearing"].endswith("เพื่อรับฟังความคิดเห็น")
    for key, form, work in (("bk01", BK01, "จ้างก่อสร้างซ่อมแซมหลังคาอาคารเรียน"), ("bk06", BK06, "ซื้อครุภัณฑ์")):
        title = squeeze(f"{form.title} ({thai(form.code)})")
        # The body names the form too; the table is where its heading row is: on one page, with
        # the form's title and every row of the form.
        table = [page for page in read[key] if squeeze("ลำดับ รายการ รายละเอียด") in page]
        assert len(table) == 1 and title in table[0], key
        for row in form.rows:
            assert squeeze(row.label) in table[0], (key, row.label)
        for expected in (work, "3 พฤศจิกายน พ.ศ. 2568 เป็นเงิน"):
            assert squeeze(thai(expected)) in "".join(read[key]), (key, expected)
    has("bk01", "ซ่อมแซมหลังคาอาคารเรียน", "6.1 ราคาที่ได้มาจากการสืบราคาจากท้องตลาด", "7.1 นางสาวทดสอบ ใจดี")
    has("bk06", "5.1 ราคาที่ได้มาจากการสืบราคาจากท้องตลาด", "6.1 นางสาวทดสอบ ใจดี ประธานกรรมการ")


# --- the workspace form and the API -------------------------------------------------------------------


async def test_the_form_keeps_what_was_typed_with_a_thai_message(client: httpx.AsyncClient) -> None:
    _, school = await factories.school()
    await make_user(school, "somsri", "officer")
    await sign_in(client, "somsri")
    typed: dict[str, Any] = {
        **{k: str(v) for k, v in factories.PROCUREMENT.items()},
        **CONSTRUCTION,
        "bid_from": "25.00",
        "bidder_qualifications": "1. มีความสามารถตามกฎหมาย\n2. ไม่เป็นบุคคลล้มละลาย",
        "inquiry": "โทร 043-000-000",
    }
    page = await post_form(client, "/w/procurements/new", "/w/procurements/new", typed)
    assert page.status_code == 400
    doc = html.fromstring(page.text)
    error = doc.find(".//p[@id='e-bid_from']")
    assert error is not None and error.text_content().startswith("เวลาเริ่มยื่นข้อเสนอ:")
    assert doc.xpath("string(.//input[@name='bid_from']/@value)") == "25.00"
    assert doc.xpath("string(.//input[@name='inquiry']/@value)") == "โทร 043-000-000"
    kept = doc.xpath("string(.//textarea[@name='bidder_qualifications'])")
    assert kept.strip() == typed["bidder_qualifications"]
    # Corrected, it is saved and the procurement page lists what its announcements will print.
    saved = await post_form(
        client, "/w/procurements/new", "/w/procurements/new", {**typed, "bid_from": "๙.๐๐"}
    )
    assert saved.status_code in (302, 303), saved.text[:300]
    shown = html.fromstring((await client.get(saved.headers["location"])).text)
    facts = shown.find(".//dl[@id='terms']")
    assert facts is not None
    assert "09.00" in facts.text_content() and "ไม่เป็นบุคคลล้มละลาย" in facts.text_content()


async def test_the_api_takes_and_gives_back_the_terms(client: httpx.AsyncClient) -> None:
    _, school = await factories.school()
    officer = await caller(school, "somsri", "officer")
    body = {
        **{k: (v if isinstance(v, str) else str(v)) for k, v in factories.PROCUREMENT.items()},
        "bid_from": "๐๙.๐๐ น.",
        "price_setters": "1) นางสาวทดสอบ ใจดี\n2) นายทดสอบ ใจงาม",
    }
    created = await call(client, officer, "POST", "/procurements", body, expect=201)
    again = await call(client, officer, "GET", f"/procurements/{created['id']}")
    assert again["bid_from"] == "09:00"
    assert again["price_setters"] == "นางสาวทดสอบ ใจดี\nนายทดสอบ ใจงาม"
    assert again["bid_on"] == "2025-11-12" and again["hearing_until"] == "2025-11-05"
    assert again["inquiry"] == factories.TERMS["inquiry"]
    refused = await call(client, officer, "POST", "/procurements", {**body, "bid_until": "ห้าโมง"}, expect=400)
    assert "bid_until" in refused["fields"]
