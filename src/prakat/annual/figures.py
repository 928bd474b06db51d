"""The annual report's charts, made once from its statistics for the PDF and the public page alike
(prakat.charts draws them; the same figures give the same bytes)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from prakat.annual.stats import AnnualStats
from prakat.charts import Bar, bar_chart, column_chart
from prakat.documents.digits import thai
from prakat.documents.model import Figure
from prakat.results import MonthKey
from prakat.thai import format_baht, thai_month_name


def _baht(value: Decimal) -> str:
    return thai(format_baht(value))


def by_method(stats: AnnualStats) -> Figure:
    title = f"จำนวนเงินที่ตกลงซื้อหรือจ้าง จำแนกตามวิธีการจัดซื้อจัดจ้าง (บาท) ปีงบประมาณ พ.ศ. {thai(str(stats.year_be))}"
    short = {r.method: r.method_short_label for r in stats.rows}
    bars = [
        Bar(label=thai(short.get(g.key, g.label)), value=g.agreed_price, shown=_baht(g.agreed_price))
        for g in stats.by_method
    ]
    return Figure(title=title, svg=bar_chart(title, bars))


def by_month(stats: AnnualStats) -> Figure:
    title = f"จำนวนเงินที่ตกลงซื้อหรือจ้าง รายเดือน (พันบาท) ปีงบประมาณ พ.ศ. {thai(str(stats.year_be))}"
    bars = []
    for group in stats.by_month:
        year, month = (int(part) for part in group.key.split("-"))
        key = MonthKey(year, month)
        bars.append(
            Bar(
                label=thai_month_name(key.month, abbreviated=True),
                value=group.agreed_price,
                shown=thai(f"{(group.agreed_price / 1000).quantize(Decimal(1), ROUND_HALF_UP):,}"),
            )
        )
    return Figure(title=title, svg=column_chart(title, bars))


def savings(stats: AnnualStats) -> Figure:
    s = stats.savings
    title = (
        "วงเงินงบประมาณ ราคากลาง และราคาที่ตกลงซื้อหรือจ้าง (บาท) "
        f"ประหยัดได้ {_baht(s.against_budget)} บาท (ร้อยละ {thai(str(s.against_budget_percent))})"
    )
    bars = [
        Bar(label="วงเงินงบประมาณ", value=s.budget, shown=_baht(s.budget)),
        Bar(label="ราคากลาง", value=s.reference_price, shown=_baht(s.reference_price)),
        Bar(label="ราคาที่ตกลงซื้อหรือจ้าง", value=s.agreed_price, shown=_baht(s.agreed_price)),
        Bar(label="ประหยัดได้", value=s.against_budget, shown=_baht(s.against_budget)),
    ]
    return Figure(title=title, svg=bar_chart(title, bars))


def figures(stats: AnnualStats) -> tuple[Figure, Figure, Figure]:
    """Amount by method, amount by month, savings."""
    return by_method(stats), by_month(stats), savings(stats)
