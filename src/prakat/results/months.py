"""The one rule that puts a purchase in a month, and so in a fiscal year.

**Rule: the date of the contract or purchase order (วันที่ของสัญญาหรือข้อตกลง); when there is none, the
award date (วันที่คัดเลือก).** A purchase without an award has no month: it has no result yet.

Why. The monthly summary (แบบ สขร.1, domain.md §3) is "สรุปผลการดำเนินการจัดซื้อจัดจ้างในรอบเดือน": it
reports results, and its column 9 is "เลขที่และวันที่ของสัญญาหรือข้อตกลงในการซื้อหรือจ้าง". Taking the month
from that very date means the date a reader sees in column 9 always falls in the month on the title,
and ITA's O21 (domain.md §1) asks for exactly that number and date. Small purchases often have no
written agreement (ว 119, an order not required): then the award, the decision that names the
winner and the agreed price, is the result and its date is the month. The request date is not
used: a request is not a result, and a purchase requested in September and contracted in October
belongs to the new fiscal year's first month (the same way the quarterly winners announcement puts
it in the new year's first quarter).

The rule is shown on the form under the table (``MONTH_RULE_TEXT``) so that a reader knows why a
purchase is in this month and not the one before.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from prakat.thai import fiscal_year_months, fiscal_year_of, thai_month_name

_RULE = "นับตามวันที่ของสัญญาหรือข้อตกลง (ใบสั่งซื้อ/ใบสั่งจ้าง) หากไม่มีสัญญาหรือข้อตกลงเป็นหนังสือ นับตามวันที่คัดเลือกผู้ชนะ"
MONTH_RULE_TEXT = f"รายการในเดือนนี้{_RULE}"
# The same rule under a list of several months (the cover of a bundle of monthly summaries).
MONTHS_RULE_TEXT = f"รายการของแต่ละเดือน{_RULE}"


class MonthKey(NamedTuple):
    """A calendar month: C.E. year and month 1-12 (stored as the announcement's ``month``)."""

    year: int
    month: int

    @property
    def fiscal_year(self) -> int:
        """B.E. fiscal year the month belongs to (October opens the next year)."""
        return fiscal_year_of(date(self.year, self.month, 1))

    @property
    def first_day(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def last_day(self) -> date:
        following = MonthKey.after(self)
        return date.fromordinal(following.first_day.toordinal() - 1)

    @property
    def label(self) -> str:
        """ "มกราคม พ.ศ. 2569" (Arabic digits; a document turns them Thai)."""
        return f"{thai_month_name(self.month)} พ.ศ. {self.year + 543}"

    def has_ended(self, today: date) -> bool:
        """True once the month's last day is over: a month may be summarised from its next day on."""
        return today > self.last_day

    @staticmethod
    def after(key: MonthKey) -> MonthKey:
        return MonthKey(key.year + 1, 1) if key.month == 12 else MonthKey(key.year, key.month + 1)

    @staticmethod
    def of(d: date) -> MonthKey:
        return MonthKey(d.year, d.month)

    @staticmethod
    def in_fiscal_year(year_be: int, month: int) -> MonthKey:
        """The calendar month ``month`` (1-12) inside fiscal year ``year_be`` (October-December are in
        the C.E. year before the one the fiscal year ends in)."""
        for y, m in fiscal_year_months(year_be):
            if m == month:
                return MonthKey(y, m)
        raise ValueError(f"เดือนต้องเป็น 1 ถึง 12 (ได้ {month!r})")

    @staticmethod
    def of_fiscal_year(year_be: int) -> list[MonthKey]:
        """The twelve months of fiscal year ``year_be`` in order, October first."""
        return [MonthKey(y, m) for y, m in fiscal_year_months(year_be)]


def month_date_of(contract_date: date | None, awarded_on: date | None) -> date | None:
    """The date that decides the month (see the module's rule); None before an award."""
    if awarded_on is None:
        return None
    return contract_date or awarded_on


def month_of(contract_date: date | None, awarded_on: date | None) -> MonthKey | None:
    """The month a purchase belongs to by the rule; None when it has no result yet."""
    d = month_date_of(contract_date, awarded_on)
    return None if d is None else MonthKey.of(d)
