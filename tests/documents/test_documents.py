"""Every kind of announcement, published through the workflow, read back from its stored PDF: pages,
embedded Sarabun, metadata, the key Thai strings, and no line starting or ending inside a word."""

from __future__ import annotations

import hashlib
import io
import re
import subprocess
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from lxml import etree
from piccolo.engine.base import Engine
from pypdf import PdfReader

from prakat import urls
from prakat.announcements import pdf
from prakat.announcements import service as announcements
from prakat.announcements.document import date_line, document
from prakat.announcements.schemas import Announcement, AnnouncementDraft
from prakat.audit import Actor
from prakat.db import tables as t
from prakat.documents import client
from prakat.documents.digits import thai
from prakat.errors import Conflict, InvalidInput
from prakat.plans import service as plans
from prakat.procurements import service as procurements
from prakat.rules import AnnouncementKind
from prakat.schools.service import get_school
from prakat.settings import Settings
from prakat.thai import baht_text, line_breaks_ok, pdftotext_lines
from tests import factories
from tests.documents.pdfs import XMP_NS, fonts_of, stream, structure_tags, untagged_content, xmp_problems
from tests.documents.typesetting import bad_joins, full_line_counts, line_capacities


def text_of(data: bytes, *, raw: bool = False) -> str:
    args = ["pdftotext", *(["-raw"] if raw else []), "-", "-"]
    return subprocess.run(args, input=data, capture_output=True, check=True).stdout.decode()


NUMBER_JOIN = re.compile(r": [๐-๙0-9,.]+\|[๐-๙0-9,.]+$")


def archive_and_access_problems(reader: PdfReader, title: str) -> list[str]:
    """What a PDF/A-2a + PDF/UA-1 file must carry that can be read back without a validator
    (veraPDF is not in this machine's package registries): the claims in XMP, an sRGB output
    intent, tagging, the language, the title shown, and every font embedded with a Unicode map."""
    problems = []
    root = reader.root_object
    if reader.is_encrypted:
        problems.append("encrypted")
    if root.get("/Lang") != "th":
        problems.append(f"/Lang {root.get('/Lang')!r}")
    if not root.get("/MarkInfo", {}).get("/Marked"):
        problems.append("not marked as tagged")
    if "/StructTreeRoot" not in root:
        problems.append("no structure tree")
    if not root.get("/ViewerPreferences", {}).get("/DisplayDocTitle"):
        problems.append("title not displayed")
    intents = [i.get_object() for i in root.get("/OutputIntents", [])]
    if not any(i.get("/S") == "/GTS_PDFA1" and "/DestOutputProfile" in i for i in intents):
        problems.append("no PDF/A output intent")
    # One well-formed packet, the PDF/A-2a and PDF/UA-1 claims, pdfuaid declared for PDF/A.
    problems += xmp_problems(reader)
    xmp = etree.fromstring(stream(root["/Metadata"]).get_data())
    if xmp.findtext(f".//{{{XMP_NS['dc']}}}title/{{{XMP_NS['rdf']}}}Alt/{{{XMP_NS['rdf']}}}li") != title:
        problems.append("XMP title differs")
    problems += untagged_content(reader)  # the page margins are artifacts, the rest in the tree
    tags = structure_tags(reader)
    if tags.count("H1") != 1 or "H2" not in tags:  # ประกาศ…, เรื่อง… (and an attachment's title)
        problems.append(f"headings not tagged: {tags.count('H1')} H1, {tags.count('H2')} H2")
    for page in reader.pages:
        for font in fonts_of(page).values():
            font = font.get_object()
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = descendant.get("/FontDescriptor", {})
            if not any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")):
                problems.append(f"font not embedded: {font.get('/BaseFont')}")
            if "/ToUnicode" not in font:
                problems.append(f"no ToUnicode: {font.get('/BaseFont')}")
    return problems


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


async def publish(actor: Actor, kind: str, body: str = "", **target: int) -> Announcement:
    """Prepare, submit and approve; ``target`` is procurement_id, plan_id, year_be or quarter."""
    draft = await announcements.prepare(
        actor, AnnouncementDraft(kind=AnnouncementKind(kind), body=body, **target)
    )
    await announcements.submit(actor, draft.id)
    return await announcements.approve(actor, draft.id)


async def published_kinds(actor: Actor) -> list[Announcement]:
    plan = await plans.create_plan(actor, 2569)
    for n in range(30):  # long enough for the attachment to run over a page
        await plans.add_plan_item(
            actor,
            plan.id,
            plans.parse_plan_item({**factories.PLAN_ITEM, "name": f"จัดซื้อวัสดุสำนักงาน ชุดที่ {n + 1}"}, 2569),
        )
    done = [await publish(actor, "plan", plan_id=plan.id)]
    revision = await plans.create_plan(actor, 2569)
    done.append(await publish(actor, "plan_revision", plan_id=revision.id))
    vendor = await factories.vendor(actor)
    big = await factories.procurement(
        actor,
        method="e_bidding",
        budget="1,250,000",
        reference_price="1,234,567.89",
        subject="ซ่อมแซมหลังคาอาคารเรียน",
        kind="construction",
    )
    for kind in ("reference_price", "invitation"):
        done.append(await publish(actor, kind, procurement_id=big.id))
    invitation = done[-1]
    done.append(
        await publish(
            actor, "invitation_change", "เลื่อนวันยื่นข้อเสนอ", procurement_id=big.id, supersedes_id=invitation.id
        )
    )
    small = await factories.awarded(actor, vendor.id, subject="วัสดุทำความสะอาดสำหรับอาคารเรียน")
    winner = await publish(actor, "winner", procurement_id=small.id)
    done.append(winner)
    done.append(
        await publish(
            actor,
            "winner_cancel",
            "ผู้ชนะไม่มาลงนามในสัญญาภายในกำหนด",
            procurement_id=small.id,
            supersedes_id=winner.id,
        )
    )
    # A ว 119 purchase of the first quarter of FY2569, then that quarter's announcement.
    await factories.awarded(
        actor,
        vendor.id,
        bid="9,000",
        price="8,950",
        on=date(2025, 11, 20),
        reason="ซื้อวัสดุสำหรับจัดกิจกรรมตามโครงการของโรงเรียน",
        contract_number="บส.12/2569",
        method="specific_w119",
        budget="9,500",
        subject="วัสดุจัดกิจกรรมวันภาษาไทยแห่งชาติ",
    )
    done.append(await publish(actor, "quarterly_winners", year_be=2569, quarter=1))
    # FY2570 has no plan and nothing over the exemption.
    done.append(await publish(actor, "no_plan_statement", year_be=2570))
    return done


def table_title(a: Announcement) -> str | None:
    if a.kind.startswith("plan"):
        return "รายละเอียดแนบท้ายประกาศ"
    if a.kind == "reference_price":
        return "ตารางแสดงวงเงินงบประมาณ"
    if a.kind == "quarterly_winners":
        return "รายละเอียดแนบท้ายประกาศ"
    return None


async def test_every_kind_reads_back_as_an_official_document(db: Engine) -> None:  # type: ignore[type-arg]
    school, actor = await factories.school(
        "doc",
        name="โรงเรียนบ้านหนองบัววิทยา",
        director_name="นายวีระพงษ์ ศรีสุวรรณ",
        director_position="ผู้อำนวยการโรงเรียนบ้านหนองบัววิทยา",
    )
    kinds = await published_kinds(actor)
    assert [a.kind for a in kinds] == [
        "plan",
        "plan_revision",
        "reference_price",
        "invitation",
        "invitation_change",
        "winner",
        "winner_cancel",
        "quarterly_winners",
        "no_plan_statement",
    ]
    full_lines: list[int] = []
    for a in kinds:
        assert a.pdf_sha256 is not None, a.kind
        data = await pdf.stored(actor.school_id, a.pdf_sha256)
        assert hashlib.sha256(data).hexdigest() == a.pdf_sha256
        reader = PdfReader(io.BytesIO(data))
        pages = len(reader.pages)
        assert pages >= (2 if a.kind.startswith("plan") else 1), a.kind
        assert (
            reader.metadata is not None
            and reader.metadata.title == f"ประกาศ{school.name} เรื่อง {thai(a.subject)}"
        )
        assert archive_and_access_problems(reader, reader.metadata.title) == [], a.kind
        fonts = subprocess.run(["pdffonts", "-"], input=data, capture_output=True, check=True).stdout.decode()
        sarabun = [line for line in fonts.splitlines() if "Sarabun" in line]
        assert sarabun and all(line.split()[-5:-2] == ["yes", "yes", "yes"] for line in sarabun), fonts
        text = squeeze(text_of(data))
        for expected in (
            thai(a.subject),
            f"ประกาศ{school.name}",
            f"({a.signer_name})",
            squeeze(date_line(a.announced_on)),
        ):
            assert squeeze(expected) in text, (a.kind, expected)
        page_texts = [page.extract_text() for page in reader.pages]
        pypdf_text = squeeze("".join(page_texts))
        assert squeeze(thai(a.subject)) in pypdf_text, a.kind  # pypdf reads the same words
        # Every page leads to the published copy: its public page, absolute, in Arabic digits.
        public = urls.ANNOUNCEMENT.absolute(Settings.from_env().base_url, slug="doc", announcement_id=a.id)
        assert all(public in page for page in page_texts), a.kind
        assert "\ufffd" not in text and not re.search("[\u200b-\u200d\u2060\ufeff]", text)
        # Line joins of the whole text, tables included: -raw reads a table cell by cell, so the
        # lines of a wrapped cell follow each other and are checked like running text. Where one
        # cell ends and the next begins, two numbers can meet ("…พฤศจิกายน ๒๕๖๘" then the next
        # row's "๒"): no number is ever wrapped (no break opportunity in digits), so such joins
        # are cell boundaries, not breaks.
        raw = text_of(data, raw=True)
        title = table_title(a)
        if title:
            assert title in raw, a.kind
        names = ("หนองบัว", "วิทยา", "วีระพงษ์", "ศรีสุวรรณ", "ร้านทดสอบพาณิชย์")
        bad = [
            b for b in line_breaks_ok(pdftotext_lines(raw), extra_words=names) if not NUMBER_JOIN.search(b)
        ]
        assert bad == [], a.kind
        # Set as TH Sarabun PSK 16 pt: the same type size on every kind (its lines would hold 72-86
        # characters on the full measure; typesetting.line_capacities), and no line ends where a
        # typesetter keeps words together.
        doc = document(a, agency=school.name)
        capacities = line_capacities(data, doc.paragraphs)
        assert capacities and 72 <= sum(capacities) / len(capacities) <= 86, (a.kind, capacities)
        full_lines += full_line_counts(data, doc.paragraphs)
        assert bad_joins(pdftotext_lines(raw), doc.names) == [], a.kind
    # A full line (not a paragraph's first or last) holds 70-78 spacing characters, as in a real
    # e-GP announcement in TH Sarabun PSK 16 pt (75-77).
    assert len(full_lines) >= 8 and 70 <= sum(full_lines) / len(full_lines) <= 78, full_lines
    winner = next(a for a in kinds if a.kind == "winner")
    winner_text = squeeze(text_of(await pdf.stored(actor.school_id, winner.pdf_sha256 or "")))
    assert squeeze(f"๑๑,๙๙๐.๕๐ บาท ({baht_text(Decimal('11990.50'))})") in winner_text
    assert "ร้านทดสอบพาณิชย์" in winner_text
    quarter = next(a for a in kinds if a.kind == "quarterly_winners")
    quarter_text = squeeze(text_of(await pdf.stored(actor.school_id, quarter.pdf_sha256 or "")))
    for expected in (
        "ประจำไตรมาสที่ ๑",
        "วัสดุจัดกิจกรรมวันภาษาไทยแห่งชาติ",
        "บส.๑๒/๒๕๖๙",
        "๘,๙๕๐.๐๐ บาท (แปดพันเก้าร้อยห้าสิบบาทถ้วน)",
    ):
        assert squeeze(expected) in quarter_text, expected
    no_plan = next(a for a in kinds if a.kind == "no_plan_statement")
    no_plan_text = squeeze(text_of(await pdf.stored(actor.school_id, no_plan.pdf_sha256 or "")))
    assert squeeze("ไม่มีการจัดซื้อจัดจ้างที่มีวงเงินเกิน ๕๐๐,๐๐๐ บาท") in no_plan_text
    invitation_change = next(a for a in kinds if a.kind == "invitation_change")
    invitation = next(a for a in kinds if a.kind == "invitation")
    change_text = squeeze(text_of(await pdf.stored(actor.school_id, invitation_change.pdf_sha256 or "")))
    assert (
        squeeze(f"ประกาศ{school.name} ที่ {thai(invitation.number)} เรื่อง {thai(invitation.subject)}")
        in change_text
    )


async def test_the_same_announcement_always_gives_the_same_bytes(db: Engine) -> None:  # type: ignore[type-arg]
    _, actor = await factories.school()
    vendor = await factories.vendor(actor)
    p = await factories.awarded(actor, vendor.id)
    a = await publish(actor, "winner", procurement_id=p.id)
    again = await pdf.render(await get_school(actor.school_id), a)
    assert hashlib.sha256(again).hexdigest() == a.pdf_sha256


async def test_without_an_emblem_nothing_is_published(db: Engine) -> None:  # type: ignore[type-arg]
    _, actor = await factories.school(emblem_path="")
    vendor = await factories.vendor(actor)
    p = await factories.awarded(actor, vendor.id)
    draft = await announcements.prepare(
        actor, AnnouncementDraft(kind=AnnouncementKind("winner"), procurement_id=p.id)
    )
    await announcements.submit(actor, draft.id)
    with pytest.raises(InvalidInput) as refused:
        await announcements.approve(actor, draft.id)
    assert "ตราครุฑ" in refused.value.errors["emblem_path"]
    after = await announcements.get_announcement(actor.school_id, draft.id)
    assert (after.status, after.sequence, after.number, after.pdf_sha256) == ("submitted", None, "", None)
    assert await t.PdfFile.count() == 0


def test_every_kind_has_its_template_pair() -> None:
    folder = Path(__file__).resolve().parents[2] / "templates" / "documents"
    for kind in AnnouncementKind:
        assert (folder / f"{kind.value}.html").is_file() and (folder / f"{kind.value}.css").is_file(), kind


async def test_a_rendering_failure_publishes_nothing(db: Engine, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[type-arg]
    _, actor = await factories.school()
    vendor = await factories.vendor(actor)
    p = await factories.awarded(actor, vendor.id)
    draft = await announcements.prepare(
        actor, AnnouncementDraft(kind=AnnouncementKind("winner"), procurement_id=p.id)
    )
    await announcements.submit(actor, draft.id)

    def broken(*args: object, **kwargs: object) -> bytes:
        raise RuntimeError("pango fell over")

    monkeypatch.setattr(client.renderer(), "render", broken)
    with pytest.raises(Conflict) as refused:
        await announcements.approve(actor, draft.id)
    assert "ยังไม่เผยแพร่" in refused.value.message
    after = await announcements.get_announcement(actor.school_id, draft.id)
    assert (after.status, after.sequence, after.number, after.pdf_sha256) == ("submitted", None, "", None)
    assert (await procurements.get_procurement(actor.school_id, p.id)).status == p.status
    assert await t.PdfFile.count() == 0


async def test_no_signer_is_refused_before_rendering(db: Engine, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[type-arg]
    _, actor = await factories.school(director_name="")
    vendor = await factories.vendor(actor)
    p = await factories.awarded(actor, vendor.id)
    draft = await announcements.prepare(
        actor, AnnouncementDraft(kind=AnnouncementKind("winner"), procurement_id=p.id)
    )
    await announcements.submit(actor, draft.id)
    calls: list[object] = []

    def render(*args: object, **kwargs: object) -> bytes:
        calls.append(args)
        return b""

    monkeypatch.setattr(client.renderer(), "render", render)
    with pytest.raises(InvalidInput) as refused:
        await announcements.approve(actor, draft.id)
    assert refused.value.errors["signer"].startswith("ผู้ลงนาม:")
    assert calls == []  # refused before any rendering


def test_an_amount_with_more_than_two_decimals_never_reaches_a_document() -> None:
    with pytest.raises(InvalidInput) as refused:
        procurements.parse_award(
            {"bid_id": "1", "agreed_price": "11,990.505", "awarded_on": "5/11/2568", "reason": "ราคาต่ำสุด"}
        )
    assert refused.value.errors["agreed_price"].startswith("ราคาที่ตกลงซื้อหรือจ้าง")
