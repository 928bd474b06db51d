"""Bad input is refused with a Thai message naming the field, and nothing half-written stays."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated

import msgspec
import pytest
from piccolo.engine.base import Engine

from prakat.db import tables as t
from prakat.errors import InvalidInput
from prakat.plans import service as plans
from prakat.procurements import service as procurements
from prakat.schools import service as schools
from prakat.validation import label, parse
from prakat.vendors import service as vendors
from prakat.vendors.schemas import VendorCreate
from tests import factories

VALID = {
    "subject": "วัสดุทำความสะอาด",
    "kind": "buy",
    "method": "specific",
    "budget": "8,500",
    "budget_source": "per_head_subsidy",
    "requested_on": "3/11/2568",
}


def errors_of(raw: dict[str, object]) -> dict[str, str]:
    with pytest.raises(InvalidInput) as caught:
        procurements.parse_procurement(raw)
    assert caught.value.values == raw  # what the user typed comes back to the form
    return caught.value.errors


def test_forgiving_input_is_accepted() -> None:
    data = procurements.parse_procurement(
        {**VALID, "budget": "๘,๕๐๐.๕๐", "egp_project_number": "68-11-7012345"}
    )
    assert data.budget == Decimal("8500.50")
    assert data.requested_on == date(2025, 11, 3)
    assert data.egp_project_number == "68117012345"


@pytest.mark.parametrize(
    ("field", "value", "label"),
    [
        ("budget", "-100", "วงเงินงบประมาณ"),
        ("budget", "12.345", "วงเงินงบประมาณ"),
        ("budget", "หนึ่งพัน", "วงเงินงบประมาณ"),
        ("budget", "0", "วงเงินงบประมาณ"),
        ("requested_on", "31/02/2569", "วันที่ขออนุมัติ"),
        ("requested_on", "เมื่อวาน", "วันที่ขออนุมัติ"),
        ("egp_project_number", "1234", "เลขที่โครงการ e-GP"),
        ("egp_project_number", "60017012345", "เลขที่โครงการ e-GP"),
        ("method", "auction", "วิธีจัดซื้อจัดจ้าง"),
        ("subject", "   ", "ชื่องานที่จัดซื้อจัดจ้าง"),
    ],
)
def test_bad_fields_are_named_in_thai(field: str, value: str, label: str) -> None:
    errors = errors_of({**VALID, field: value})
    assert set(errors) == {field}
    assert errors[field].startswith(label)


def test_every_bad_field_is_reported_at_once() -> None:
    errors = errors_of({**VALID, "budget": "abc", "requested_on": "", "kind": "steal"})
    assert set(errors) == {"budget", "requested_on", "kind"}


def test_method_that_does_not_fit_the_amount_is_refused_with_the_reason() -> None:
    errors = errors_of({**VALID, "budget": "650,000"})
    assert set(errors) == {"method"}
    assert "500,000" in errors["method"]


def test_invalid_tax_id_is_refused() -> None:
    with pytest.raises(InvalidInput) as caught:
        vendors.parse_vendor({"name": "ร้านดี", "tax_id": "0105512345679"})
    assert caught.value.errors["tax_id"].startswith("เลขประจำตัวผู้เสียภาษี")


async def test_duplicate_vendor_is_refused_and_not_written(db: Engine) -> None:  # type: ignore[type-arg]
    _, actor = await factories.school()
    first = await factories.vendor(actor, 7)
    with pytest.raises(InvalidInput) as caught:
        await vendors.create_vendor(actor, vendors.parse_vendor({"name": "ชื่ออื่น", "tax_id": first.tax_id}))
    assert "tax_id" in caught.value.errors
    assert await t.Vendor.count() == 1


async def test_winner_must_be_one_of_the_bids(db: Engine) -> None:  # type: ignore[type-arg]
    _, actor = await factories.school()
    a = await factories.procurement(actor)
    b = await factories.procurement(actor, subject="หมึกพิมพ์")
    vendor = await factories.vendor(actor, 1)
    a = await procurements.add_bid(
        actor, a.id, procurements.parse_bid({"vendor_id": vendor.id, "amount": "12,000"})
    )
    with pytest.raises(InvalidInput) as caught:
        await procurements.award(
            actor,
            b.id,
            procurements.parse_award(
                {
                    "bid_id": a.bids[0].id,
                    "agreed_price": "12000",
                    "awarded_on": "5/11/2568",
                    "reason": "ราคาต่ำสุด",
                }
            ),
        )
    assert caught.value.errors["bid_id"].startswith("ผู้ได้รับการคัดเลือก")
    assert await t.Award.count() == 0


async def test_agreed_price_above_the_bid_is_refused(db: Engine) -> None:  # type: ignore[type-arg]
    _, actor = await factories.school()
    p = await factories.procurement(actor)
    vendor = await factories.vendor(actor, 1)
    p = await procurements.add_bid(
        actor, p.id, procurements.parse_bid({"vendor_id": vendor.id, "amount": "12,000"})
    )
    with pytest.raises(InvalidInput) as caught:
        await procurements.award(
            actor,
            p.id,
            procurements.parse_award(
                {"bid_id": p.bids[0].id, "agreed_price": "12000.01", "awarded_on": "5/11/2568", "reason": "x"}
            ),
        )
    assert "12,000.00" in caught.value.errors["agreed_price"]
    assert await t.Award.count() == 0


async def test_plan_item_outside_the_fiscal_year_is_refused() -> None:
    with pytest.raises(InvalidInput) as caught:
        plans.parse_plan_item(
            {
                "name": "โต๊ะนักเรียน",
                "kind": "buy",
                "budget": "45,000",
                "budget_source": "per_head_subsidy",
                "category": "investment",
                "planned_method": "specific",
                "expected_month": "10/2569",  # October 2026 belongs to FY2570
            },
            2569,
        )
    assert set(caught.value.errors) == {"expected_month"}


def test_school_slug_and_egp_codes_are_checked() -> None:
    with pytest.raises(InvalidInput) as caught:
        schools.parse_school({"slug": "Bad Slug!", "name": "โรงเรียน", "egp_deptsub_id": "12ab"})
    assert set(caught.value.errors) == {"slug", "egp_deptsub_id"}


def test_invisible_control_characters_are_dropped() -> None:
    parsed = vendors.parse_vendor(
        {"name": "ร้าน\x00ดี\x1b ค้าไม้\x7f", "tax_id": factories.tax_id("010551234567")}
    )
    assert parsed.name == "ร้านดี ค้าไม้"


def test_a_day_before_the_first_rules_is_refused_beside_the_day_not_a_crash() -> None:
    """The rules begin with fiscal year 2561: a request dated earlier has no method to check against."""
    errors = errors_of({**VALID, "requested_on": "3/11/2558"})
    assert list(errors) == ["requested_on"]
    assert errors["requested_on"].startswith("วันที่ขออนุมัติ: ไม่มีกฎเกณฑ์การจัดซื้อจัดจ้างสำหรับปีงบประมาณ พ.ศ. 2559")


def test_an_input_declares_its_labels_and_bounds() -> None:
    """A field without its Thai label, or an integer without its bounds, is a mistake of the declaration,
    found when the input is first read rather than as a message without a label."""

    class Unlabelled(msgspec.Struct, kw_only=True):
        name: str

    class Unbounded(msgspec.Struct, kw_only=True):
        count: Annotated[int, msgspec.Meta(title="จำนวน")]

    with pytest.raises(TypeError, match="Thai label"):
        parse(Unlabelled, {"name": "x"})
    with pytest.raises(TypeError, match="bounds"):
        parse(Unbounded, {"count": "1"})


def test_the_labels_of_a_declaration_are_the_messages_labels() -> None:
    with pytest.raises(InvalidInput) as caught:
        vendors.parse_vendor({})
    assert caught.value.errors == {
        "name": f"{label(VendorCreate, 'name')}: กรุณากรอกข้อมูล",
        "tax_id": f"{label(VendorCreate, 'tax_id')}: กรุณากรอกข้อมูล",
    }
    assert label(VendorCreate, "name") == "ชื่อผู้ประกอบการ"
