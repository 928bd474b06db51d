"""Which bundles of monthly summaries an ITA item's page offers (prakat.ita.check.bundles_for), for
every item of the shipped lists that asks for monthly summaries, and for windows no list has yet."""

from __future__ import annotations

from prakat.ita.check import bundles_for
from prakat.ita.evidence import Covers, Evidence
from prakat.ita.schemas import Item
from prakat.ita.seed import SEED

QUARTERS = ("q1", "q2", "q3", "q4")


def item(code: str, covers: Covers, months: tuple[int, int]) -> Item:
    return Item(
        id=0,
        variant_id=0,
        position=1,
        code=code,
        title="",
        covers=covers,
        evidence=(Evidence.MONTHLY_SUMMARIES,),
        months_from=months[0],
        months_to=months[1],
        opens_on=None,
        note="",
    )


def test_the_shipped_items_get_the_bundles_they_are_filed_as() -> None:
    found = {
        (v.year_be, v.code, s.code): bundles_for(item(s.code, s.covers, s.months))
        for v in SEED
        for s in v.items
        if Evidence.MONTHLY_SUMMARIES in s.evidence
    }
    assert found == {
        # The whole of the year being assessed, posted as it runs: its quarters, and the year.
        (2566, "all", "O21"): (*QUARTERS, "year"),
        (2567, "all", "O21"): (*QUARTERS, "year"),
        (2569, "agency", "O11"): (*QUARTERS, "year"),
        # The first six months.
        (2568, "all", "O21"): ("h1",),
        # A year that has ended: the year.
        (2569, "agency", "O12"): ("year",),
        (2569, "vocational", "O11"): ("year",),
    }


def test_a_window_of_its_own_gets_the_bundle_or_the_quarters_inside_it() -> None:
    assert bundles_for(item("X1", Covers.CURRENT, (4, 6))) == ("q2",)
    assert bundles_for(item("X2", Covers.CURRENT, (1, 9))) == ("q1", "q2", "q3")
    assert bundles_for(item("X3", Covers.PREVIOUS, (1, 6))) == ("h1",)
    assert bundles_for(item("X4", Covers.CURRENT, (2, 4))) == ()  # no bundle holds those months alone
