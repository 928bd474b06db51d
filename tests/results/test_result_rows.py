"""Result rows read from the records (prakat.procurements.results): the month rule across fiscal
years, bidders, the winner, whether the winner was announced, cancelled purchases left out."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from piccolo.engine.base import Engine

from prakat.procurements import service as procurements
from prakat.procurements.results import results_of_year
from prakat.results import MonthKey
from prakat.workflow import ProcurementStatus
from tests import factories


async def test_rows_of_a_year_and_of_a_month(db: Engine) -> None:  # type: ignore[type-arg]
    _, actor = await factories.school()
    other_school, other = await factories.school("other")
    v1, v2 = await factories.vendor(actor, 1), await factories.vendor(actor, 2)
    # Awarded in September 2025 (FY2568) but contracted in October: FY2569, October.
    crossing = await factories.procurement(actor, requested_on=date(2025, 9, 10), subject="ซื้อโต๊ะนักเรียน")
    await procurements.add_bid(
        actor, crossing.id, procurements.parse_bid({"vendor_id": v2.id, "amount": "9,500"})
    )
    with_bids = await procurements.add_bid(
        actor, crossing.id, procurements.parse_bid({"vendor_id": v1.id, "amount": "9,000"})
    )
    await procurements.award(
        actor,
        crossing.id,
        procurements.parse_award(
            {
                "bid_id": next(b.id for b in with_bids.bids if b.vendor_id == v1.id),
                "agreed_price": "8,900",
                "awarded_on": "2025-09-28",
                "reason": "เสนอราคาต่ำสุด",
                "contract_number": "สพ.12/2569",
                "contract_date": "2025-10-02",
            }
        ),
    )
    november = await factories.awarded(actor, v1.id, on=date(2025, 11, 5))
    await factories.publish(actor, "winner", procurement_id=november.id)
    unannounced = await factories.awarded(actor, v2.id, on=date(2025, 11, 20), price="500")
    cancelled = await factories.awarded(actor, v2.id, on=date(2025, 11, 21))
    await procurements.move_status(actor, cancelled.id, ProcurementStatus.CANCELLED)
    await factories.procurement(actor, requested_on=date(2025, 11, 1))  # no award: no result
    other_vendor = await factories.vendor(other, 9)
    await factories.awarded(other, other_vendor.id, on=date(2025, 11, 6))

    year = await results_of_year(actor.school_id, 2569)
    assert [r.procurement_id for r in year.rows] == [crossing.id, november.id, unannounced.id]
    first = year.rows[0]
    assert (first.month_key, first.month_source, first.procurement_year_be) == (
        MonthKey(2025, 10),
        "contract",
        2568,
    )
    assert [(b.vendor_name, b.amount) for b in first.bids] == [
        (v1.name, Decimal("9000.00")),
        (v2.name, Decimal("9500.00")),
    ]
    assert (first.winner_name, first.winner_tax_id, first.agreed_price) == (
        v1.name,
        v1.tax_id,
        Decimal("8900.00"),
    )
    assert (first.kind_label, first.contract_number, first.contract_date) == (
        "ซื้อ",
        "สพ.12/2569",
        date(2025, 10, 2),
    )
    assert first.method_label == "วิธีเฉพาะเจาะจง"
    assert year.rows[1].winner_announced and year.rows[1].winner_announcement_kind == "winner"
    assert year.rows[1].winner_announced_on is not None
    assert year.rows[2].awaits_announcement
    assert year.school.name == "โรงเรียนทดสอบ test"

    nov = await results_of_year(actor.school_id, 2569, 11)
    assert nov.month_key == MonthKey(2025, 11)
    assert [r.procurement_id for r in nov.rows] == [november.id, unannounced.id]
    assert nov.totals.agreed_price == Decimal("12490.50")
    assert (await results_of_year(actor.school_id, 2568)).rows == ()
    assert (await results_of_year(actor.school_id, 2569, 12)).rows == ()
    everything = await results_of_year(actor.school_id, 2569, awarded_only=False)
    assert len(everything.rows) == 4 and sum(r.month is None for r in everything.rows) == 1
    assert other_school.id != actor.school_id
