"""The annual report's statistics on hand-made rows, the property that the monthly summaries of a
year add up to its totals, the charts (parsed, deterministic) and the workbook read back."""

from __future__ import annotations

import io
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

import hypothesis.strategies as st
import openpyxl
from hypothesis import given
from lxml import etree

from prakat.annual import figures
from prakat.annual.service import stats_of
from prakat.annual.stats import PlanLine, annual_stats, percent
from prakat.annual.workbook import workbook
from prakat.charts import Bar, bar_chart, column_chart
from prakat.results import MonthKey, ResultSet
from prakat.results.rows import totals
from prakat.rules import rules_for
from tests.annual.rows import SCHOOL, content, row

SVG = "{http://www.w3.org/2000/svg}"
D = Decimal
ROWS = [
    row(1, date(2025, 10, 6), budget="10000", reference="9500", agreed="9000", plan_item_id=11,
        announced_on=date(2025, 10, 8)),
    row(2, date(2025, 11, 20), budget="600000", reference="590000", agreed="580000.50", method="e_bidding",
        kind="hire", plan_item_id=12, announced_on=date(2025, 11, 30)),
    row(3, date(2026, 1, 15), budget="5000", reference=None, agreed="4990", method="specific_w119",
        source="school_income", announced_on=date(2026, 4, 2), announcement_kind="quarterly_winners"),
    row(4, date(2026, 9, 30), budget="20000", reference="20000", agreed="19000", kind="rent"),
    row(5, date(2026, 10, 1), budget="7000"),  # the next fiscal year: not counted
]  # fmt: skip
PLAN = [
    PlanLine(id=11, code="P1", name="รายการแผน 11", budget=D("10000")),
    PlanLine(id=12, code="P2", name="รายการแผน 12", budget=D("600000")),
    PlanLine(id=13, code="P3", name="รายการแผน 13", budget=D("90000")),
]
STATS = annual_stats(ROWS, 2569, PLAN, days=3, rule="ภายใน 3 วัน")


def test_totals_and_breakdowns_of_hand_made_rows() -> None:
    t = STATS.totals
    assert (t.count, t.budget, t.reference_price, t.agreed_price) == (
        4,
        D("635000"),
        D("619500"),
        D("612990.50"),
    )
    assert [(g.key, g.count, g.agreed_price) for g in STATS.by_method] == [
        ("e_bidding", 1, D("580000.50")),
        ("specific", 2, D("28000")),
        ("specific_w119", 1, D("4990")),
    ]
    assert [(g.label, g.count) for g in STATS.by_kind] == [("จ้าง", 1), ("เช่า", 1), ("ซื้อ", 2)]
    assert [(g.key, g.agreed_price) for g in STATS.by_source] == [
        ("per_head_subsidy", D("608000.50")),
        ("school_income", D("4990")),
    ]
    assert [g.count for g in STATS.by_month] == [1, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1]
    assert STATS.by_month[0].label == "ตุลาคม 2568" and STATS.by_month[-1].label == "กันยายน 2569"
    assert [g.count for g in STATS.by_quarter] == [2, 1, 0, 1]
    assert [r.procurement_id for r in STATS.largest] == [2, 4, 1, 3]


def test_savings_plan_and_timeliness() -> None:
    s = STATS.savings
    assert s.against_budget == D("22009.50")
    assert s.against_budget_percent == D("3.47")  # 22,009.50 / 635,000
    # Against the reference price, only the three purchases that have one.
    assert (s.with_reference_count, s.agreed_with_reference) == (3, D("608000.50"))
    assert s.against_reference == D("11499.50")
    assert s.against_reference_percent == percent(D("11499.50"), D("619500"))
    p = STATS.plan
    assert (p.items, p.items_carried_out, p.outside_plan) == (3, 2, 2)
    assert (p.planned_budget, p.carried_out_budget, p.budget_percent) == (
        D("700000"),
        D("610000"),
        D("87.14"),
    )
    o = STATS.on_time
    # 1: two days after the award; 2: ten days (late); 3: quarterly, two days after the quarter ended
    # on 31 March; 4: not announced.
    assert (o.awarded, o.on_time, o.late, o.not_announced) == (4, 2, 1, 1)


def test_a_quarterly_listing_has_its_own_deadline_after_the_quarter() -> None:
    # Awarded in January (the quarter ends on 31 March), listed by the quarterly announcement.
    def listed(on: date) -> Any:
        kind = "quarterly_winners"
        return row(1, date(2026, 1, 15), method="specific_w119", announced_on=on, announcement_kind=kind)

    def counted(on: date, **rule: Any) -> tuple[int, int]:
        o = annual_stats([listed(on)], 2569, [], days=3, rule="", **rule).on_time
        return o.on_time, o.late

    assert counted(date(2026, 4, 10), quarterly_days=15) == (1, 0)  # ten days after the quarter
    assert counted(date(2026, 4, 15), quarterly_days=15) == (1, 0)
    assert counted(date(2026, 4, 16), quarterly_days=15) == (0, 1)
    # A report frozen before the rule had a quarterly deadline of its own keeps its figures.
    assert counted(date(2026, 4, 10)) == (0, 1)
    # The rule in force is dated data.
    assert rules_for(2569).quarterly_announcement_days == 15
    assert "15 วันนับแต่วันสิ้นไตรมาส" in rules_for(2569).winner_announcement_rule


def test_percent_of_nothing_is_zero() -> None:
    empty = annual_stats([], 2569, [], days=3, rule="")
    assert empty.totals.count == 0 and empty.savings.against_budget_percent == D("0.00")
    assert len(empty.by_month) == 12 and all(g.count == 0 for g in empty.by_month)


money = st.decimals(min_value=D("0.01"), max_value=D("2000000"), places=2)


@st.composite
def years_of_rows(draw: st.DrawFn) -> tuple[int, list]:  # type: ignore[type-arg]
    year_be = draw(st.integers(min_value=2562, max_value=2575))
    first = date(year_be - 544, 9, 1)  # a month before the year: rows outside it must not count
    n = draw(st.integers(min_value=0, max_value=30))
    rows = []
    for pid in range(1, n + 1):
        day = first + timedelta(days=draw(st.integers(min_value=0, max_value=425)))
        budget = draw(money)
        rows.append(
            row(
                pid,
                day,
                budget=str(budget),
                reference=draw(st.none() | st.just(str(budget))),
                agreed=str(draw(money)),
                method=draw(st.sampled_from(["specific", "e_bidding", "specific_w119"])),
                kind=draw(st.sampled_from(["buy", "hire", "rent"])),
            )
        )
    return year_be, rows


@given(years_of_rows())
def test_the_monthly_summaries_of_a_year_add_up_to_the_annual_totals(year: tuple[int, list]) -> None:  # type: ignore[type-arg]
    year_be, rows = year
    whole = ResultSet(school=SCHOOL, year_be=year_be, rows=tuple(rows))
    # Each month as the monthly summary (แบบ สขร.1) takes it: prakat.results' own grouping.
    months = [whole.of_month(key).totals for key in MonthKey.of_fiscal_year(year_be)]
    stats = annual_stats(rows, year_be, [], days=3, rule="")
    assert stats.totals.count == sum(m.count for m in months)
    assert stats.totals.budget == sum((m.budget for m in months), D(0))
    assert stats.totals.reference_price == sum((m.reference_price for m in months), D(0))
    assert stats.totals.agreed_price == sum((m.agreed_price for m in months), D(0))
    assert [(g.count, g.agreed_price) for g in stats.by_month] == [(m.count, m.agreed_price) for m in months]
    for breakdown in (stats.by_method, stats.by_source, stats.by_kind, stats.by_quarter):
        assert sum((g.agreed_price for g in breakdown), D(0)) == stats.totals.agreed_price
        assert sum(g.count for g in breakdown) == stats.totals.count
    assert totals(stats.largest).count == min(10, stats.totals.count)


def _parsed(svg: str) -> etree._Element:
    return etree.fromstring(svg.encode())


def test_charts_are_svg_without_text_elements_and_the_same_bytes_every_time() -> None:
    made = figures.figures(STATS)
    again = figures.figures(annual_stats(list(reversed(ROWS)), 2569, PLAN, days=3, rule="ภายใน 3 วัน"))
    assert [f.svg for f in made] == [f.svg for f in again]
    for figure in made:
        root = _parsed(figure.svg)
        assert root.tag == f"{SVG}svg" and root.get("role") == "img"
        assert root.findtext(f"{SVG}title") == figure.title
        assert not root.findall(f".//{SVG}text"), "Thai in SVG text gets dotted circles in WeasyPrint"
        assert root.findall(f".//{SVG}path"), "labels are drawn as outlines"
    method_chart = _parsed(made[0].svg)
    bars = method_chart.findall(f".//{SVG}rect")
    assert len(bars) == len(STATS.by_method)
    widths = [float(b.get("width", "0")) for b in bars]
    assert widths == sorted(widths, reverse=True) and widths[0] > 0  # the largest amount first
    desc = method_chart.findtext(f"{SVG}desc") or ""
    assert "ประกวดราคาอิเล็กทรอนิกส์ (e-bidding): ๕๘๐,๐๐๐.๕๐" in desc
    month_chart = _parsed(made[1].svg)
    assert len(month_chart.findall(f".//{SVG}rect")) == 12


def test_a_label_is_shaped_once_into_the_same_outline() -> None:
    one = bar_chart("ก", [Bar(label="ผู้ชนะ", value=D(1), shown="๑")])
    two = bar_chart("ก", [Bar(label="ผู้ชนะ", value=D(1), shown="๑")])
    other = bar_chart("ก", [Bar(label="ผู้ชนะ", value=D(2), shown="๒")])
    assert one == two and one != other
    empty = column_chart("ว่าง", [Bar(label="ต.ค.", value=D(0), shown="๐")])
    assert _parsed(empty).find(f".//{SVG}rect").get("height") == "0"  # type: ignore[union-attr]


def test_the_workbook_reads_back_equal_to_the_statistics() -> None:
    plan = [{"id": p.id, "code": p.code, "name": p.name, "budget": str(p.budget)} for p in PLAN]
    annual = content(ROWS, plan=plan)
    stats = stats_of(annual)
    assert stats.totals == STATS.totals
    wb = openpyxl.load_workbook(io.BytesIO(workbook(annual, school="โรงเรียนทดสอบ")))
    assert wb.sheetnames == [
        "สรุป",
        "ตามวิธี",
        "ตามแหล่งเงิน",
        "ตามประเภท",
        "รายเดือน",
        "รายไตรมาส",
        "รายการมูลค่าสูงสุด",
        "รายการทั้งหมด",
        "ส่วนที่โรงเรียนเขียน",
    ]
    summary = {r[0]: r[1] for r in wb["สรุป"].iter_rows(min_row=2, values_only=True)}
    assert summary["จำนวนรายการ"] == 4
    assert D(str(summary["ราคาที่ตกลงซื้อหรือจ้างรวม (บาท)"])) == stats.totals.agreed_price
    assert D(str(summary["ประหยัดได้เมื่อเทียบกับวงเงินงบประมาณ (ร้อยละ)"])) == D("3.47")
    methods = list(wb["ตามวิธี"].iter_rows(min_row=2, values_only=True))
    assert [(r[0], r[1], D(str(r[4]))) for r in methods[:-1]] == [
        (g.label, g.count, g.agreed_price) for g in stats.by_method
    ]
    assert methods[-1][0] == "รวม" and D(str(methods[-1][4])) == stats.totals.agreed_price
    months = list(wb["รายเดือน"].iter_rows(min_row=2, values_only=True))
    assert len(months) == 13 and [r[1] for r in months[:-1]] == [g.count for g in stats.by_month]
    every = wb["รายการทั้งหมด"]
    assert every.print_title_rows == "$1:$1"
    listed = list(every.iter_rows(min_row=2, values_only=True))
    assert [r[2] for r in listed] == [r.subject for r in stats.rows]
    assert isinstance(listed[0][1], datetime) and listed[0][1].date() == date(2025, 10, 6)  # a real date
    assert listed[2][7] == "-"  # no reference price: "-", never a blank cell
    assert sum((D(str(r[9])) for r in listed), D(0)) == stats.totals.agreed_price
    assert every["A2"].font.name == "Sarabun"
    parts = list(wb["ส่วนที่โรงเรียนเขียน"].iter_rows(min_row=2, values_only=True))
    assert len(parts) == 4 and parts[0][1] == "ข้อความส่วน risk\nย่อหน้าที่สอง"
