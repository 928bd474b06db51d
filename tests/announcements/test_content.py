"""What each kind must state, read back from its published PDF with pdftotext: the number under the
heading of every announcement, the winner's business types as e-GP prints them, a correction citing
its original by number, subject and date under its legal basis, a plan revision naming the plan it
revises and what changed, and the legal bases of the quarterly and no-plan statements taken from the
dated rule data (a changed rule set changes the PDF). One school, rendered once."""

from __future__ import annotations

import re
import subprocess
from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from piccolo.engine.base import Engine

from prakat.announcements import pdf, plan_changes, samples, snapshot
from prakat.announcements import service as announcements
from prakat.announcements.schemas import Announcement, AnnouncementDraft
from prakat.audit import Actor
from prakat.documents.digits import thai
from prakat.errors import Conflict
from prakat.plans import service as plans
from prakat.rules import AnnouncementKind, RuleSet, rules_for
from prakat.thai import format_date_full
from prakat.vendors import service as vendors
from tests import factories

SCHOOL = "โรงเรียนบ้านหนองบัววิทยา"


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


async def text_of(actor: Actor, a: Announcement) -> str:
    data = await pdf.stored(actor.school_id, a.pdf_sha256 or "")
    out = subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, check=True).stdout
    return squeeze(out.decode())


async def publish(actor: Actor, kind: str, body: str = "", **target: int) -> Announcement:
    draft = await announcements.prepare(
        actor, AnnouncementDraft(kind=AnnouncementKind(kind), body=body, **target)
    )
    await announcements.submit(actor, draft.id)
    return await announcements.approve(actor, draft.id)


def citation(a: Announcement) -> str:
    """How a later announcement must cite ``a``, as its PDF prints it (Thai digits)."""
    day = format_date_full(a.announced_on)
    return squeeze(f"ประกาศ{SCHOOL} ที่ {thai(a.number)} เรื่อง {thai(a.subject)} ลงวันที่ {day}")


async def test_each_kind_states_what_its_official_model_states(
    db: Engine,  # type: ignore[type-arg]
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _, actor = await factories.school("content", name=SCHOOL)
    done: list[Announcement] = []

    # A plan of three items, then a revision that adds one, removes one and changes one.
    plan = await plans.create_plan(actor, 2569)
    for name, budget in (("ซื้อวัสดุสำนักงาน", "50,000"), ("ซื้อวัสดุกีฬา", "20,000"), ("จ้างซ่อมพัดลม", "8,000")):
        await plans.add_plan_item(
            actor,
            plan.id,
            plans.parse_plan_item({**factories.PLAN_ITEM, "name": name, "budget": budget}, 2569),
        )
    original = await publish(actor, "plan", plan_id=plan.id)
    revision = await plans.create_plan(actor, 2569)
    office, sport, fans = revision.items
    await plans.update_plan_item(
        actor,
        office.id,
        plans.parse_plan_item({**factories.PLAN_ITEM, "name": office.name, "budget": "65,000"}, 2569),
    )
    await plans.delete_plan_item(actor, sport.id)
    await plans.add_plan_item(
        actor, revision.id, plans.parse_plan_item({**factories.PLAN_ITEM, "name": "ซื้อหนังสือห้องสมุด"}, 2569)
    )
    revised = await publish(actor, "plan_revision", plan_id=revision.id)
    done += [original, revised]

    # A winner whose vendor is three kinds of business, then its cancellation.
    vendor = await vendors.create_vendor(
        actor,
        vendors.parse_vendor(
            {
                "name": "ห้างหุ้นส่วนจำกัด อุดรศึกษาภัณฑ์",
                "tax_id": factories.tax_id("041355200318"),
                "business_types": ["service", "retail", "wholesale"],
            }
        ),
    )
    bought = await factories.awarded(actor, vendor.id, subject="วัสดุทำความสะอาด")
    winner = await publish(actor, "winner", procurement_id=bought.id)
    cancel = await publish(
        actor, "winner_cancel", "ผู้ชนะไม่มาลงนามในสัญญา", procurement_id=bought.id, supersedes_id=winner.id
    )
    # A ว 119 purchase of the first quarter, and that quarter's announcement.
    await factories.awarded(
        actor,
        vendor.id,
        bid="9,000",
        price="8,950",
        on=date(2025, 11, 20),
        method="specific_w119",
        budget="9,500",
    )
    quarter = await publish(actor, "quarterly_winners", year_be=2569, quarter=1)
    no_plan = await publish(actor, "no_plan_statement", year_be=2570)
    done += [winner, cancel, quarter, no_plan]

    texts = {a.id: await text_of(actor, a) for a in done}
    for a in done:
        # Every kind carries its number under the heading, where a citation can point.
        assert a.number and squeeze(f"ประกาศ{SCHOOL}ที่{thai(a.number)}เรื่อง") in texts[a.id], a.kind

    assert squeeze("ห้างหุ้นส่วนจำกัด อุดรศึกษาภัณฑ์ (ขายส่ง,ขายปลีก,ให้บริการ) โดยเสนอราคา") in texts[winner.id]

    cancelled = texts[cancel.id]
    clause = rules_for(2569).correction_clause(AnnouncementKind.WINNER_CANCEL)
    assert f"ตาม{citation(winner)}นั้น" in cancelled
    assert squeeze(f"อาศัยอำนาจตาม{thai(clause)} จึงขอยกเลิกประกาศดังกล่าว") in cancelled
    assert "เลขที่" not in cancelled

    revised_text = texts[revised.id]
    assert f"ตาม{citation(original)}นั้น" in revised_text
    for said in (
        "๑. เพิ่ม ๑ รายการ ได้แก่ (๑) ซื้อหนังสือห้องสมุด ๕๐,๐๐๐.๐๐ บาท",
        "๒. ยกเลิก ๑ รายการ ได้แก่ (๑) ซื้อวัสดุกีฬา ๒๐,๐๐๐.๐๐ บาท",
        "๓. แก้ไข ๑ รายการ ได้แก่ (๑) ซื้อวัสดุสำนักงาน งบประมาณจาก ๕๐,๐๐๐.๐๐ บาท เป็น ๖๕,๐๐๐.๐๐ บาท",
        "(ฉบับปรับปรุง ครั้งที่ ๑) จำนวน ๓ รายการ",
    ):
        assert squeeze(said) in revised_text, said
    assert fans.name not in revised_text.split("ดังรายละเอียดแนบท้ายประกาศนี้")[0]  # unchanged: not listed

    rules = rules_for(2569)
    assert squeeze(f"ตาม{thai(rules.quarterly_winners_clause)}") in texts[quarter.id]
    statement = texts[no_plan.id]
    limit = thai(f"{rules_for(2570).plan_exemption_max:,.0f}")
    assert squeeze(f"เว้นแต่การจัดซื้อจัดจ้างตาม{thai(rules_for(2570).plan_exemption_clause)}") in statement
    assert (
        squeeze(f"ซึ่งมีวงเงินครั้งหนึ่งไม่เกิน {limit} บาท ตาม{thai(rules_for(2570).plan_exemption_rule)}")
        in statement
    )
    assert "มาตรา๕๖วรรคหนึ่ง(๒)(ข)" in statement and "เล็กน้อย" not in statement

    # A change in the law is a new rule set: the next statements cite what it says.
    def amended(year_be: int) -> RuleSet:
        return replace(
            rules_for(year_be),
            plan_exemption_max=Decimal("300000"),
            plan_exemption_rule="กฎกระทรวงทดสอบ พ.ศ. 2571",
            quarterly_winners_clause="หนังสือกรมบัญชีกลาง ที่ กค 0000/ว 999",
        )

    monkeypatch.setattr(snapshot, "rules_for", amended)
    later = await text_of(actor, await publish(actor, "no_plan_statement", year_be=2571))
    assert squeeze("ไม่เกิน ๓๐๐,๐๐๐ บาท ตามกฎกระทรวงทดสอบ พ.ศ. ๒๕๗๑") in later
    assert "๕๐๐,๐๐๐" not in later
    next_quarter = await text_of(actor, await publish(actor, "quarterly_winners", year_be=2569, quarter=2))
    assert squeeze("ตามหนังสือกรมบัญชีกลาง ที่ กค ๐๐๐๐/ว ๙๙๙") in next_quarter


def test_plan_items_are_matched_by_code_else_by_name_in_order() -> None:
    def item(name: str, budget: str = "100", code: str = "") -> dict[str, str]:
        return {
            "name": name,
            "budget": budget,
            "egp_plan_code": code,
            "budget_source": "per_head_subsidy",
            "planned_method": "specific",
            "expected_month": "2025-11-01",
        }

    old = [item("ก", code="P1"), item("ข"), item("ข", "200")]
    new = [item("ก ใหม่", code="P1"), item("ข"), item("ข", "250.00"), item("ค")]
    found = plan_changes.changes(old, new)
    assert [a["name"] for a in found["added"]] == ["ค"]
    assert found["removed"] == []
    assert [(c["name"], [f["field"] for f in c["fields"]]) for c in found["changed"]] == [
        ("ก", ["name"]),
        ("ข", ["budget"]),
    ]
    assert plan_changes.changes(new, new) == {"added": [], "removed": [], "changed": []}
    assert plan_changes.changes([item("x", "100.00")], [item("x", "100")])["changed"] == []


async def test_the_no_plan_sample_is_for_a_year_the_service_accepts(db: Engine) -> None:  # type: ignore[type-arg]
    school, actor = await factories.school("sample", name=SCHOOL)
    plan = await plans.create_plan(actor, 2569)
    await plans.add_plan_item(actor, plan.id, plans.parse_plan_item(factories.PLAN_ITEM, 2569))
    await publish(actor, "plan", plan_id=plan.id)
    # In FY2569, which has its plan, the sample is of the next year, as the service would allow.
    made = await samples.sample(school, AnnouncementKind.NO_PLAN_STATEMENT, today=date(2026, 1, 10))
    assert made is not None and made.year_be == 2570 and made.snapshot is not None
    assert made.snapshot["no_plan"]["year_be"] == 2570
    with pytest.raises(Conflict):
        await announcements.prepare(
            actor, AnnouncementDraft(kind=AnnouncementKind.NO_PLAN_STATEMENT, year_be=2569)
        )
    accepted = await announcements.prepare(
        actor, AnnouncementDraft(kind=AnnouncementKind.NO_PLAN_STATEMENT, year_be=made.year_be)
    )
    assert accepted.year_be == 2570
