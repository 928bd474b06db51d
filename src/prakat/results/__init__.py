"""Procurement results as plain typed data: which month a purchase belongs to (:mod:`.months`) and the
rows the monthly summary (แบบ สขร.1), the annual report and the open-data files are made of
(:mod:`.rows`).

Plain layer: imports only ``rules``, ``thai`` and ``money``, never the database, so documents and
exports can take these types. Reading the rows from the records is a service's job
(:func:`prakat.procurements.results.results_of_year`).
"""

from prakat.results.months import MONTH_RULE_TEXT, MONTHS_RULE_TEXT, MonthKey, month_date_of, month_of
from prakat.results.rows import (
    BidRow,
    ResultRow,
    ResultSet,
    SchoolInfo,
    Totals,
    rows_from_builtins,
    rows_to_builtins,
    sort_rows,
    totals,
)

__all__ = [
    "MONTHS_RULE_TEXT",
    "MONTH_RULE_TEXT",
    "BidRow",
    "MonthKey",
    "ResultRow",
    "ResultSet",
    "SchoolInfo",
    "Totals",
    "month_date_of",
    "month_of",
    "rows_from_builtins",
    "rows_to_builtins",
    "sort_rows",
    "totals",
]
