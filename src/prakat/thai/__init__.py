"""Thai core: digits, B.E. dates, the fiscal year, baht amounts, tax IDs and e-GP numbers.

Pure functions only (no I/O, no other prakat imports), so every layer can use them.
"""

from prakat.thai.baht import MAX_AMOUNT, baht_text, format_baht, parse_baht
from prakat.thai.dates import (
    BANGKOK,
    THAI_MONTHS,
    THAI_MONTHS_ABBR,
    be_year,
    ce_year,
    format_date_full,
    format_date_short,
    format_datetime_full,
    format_month_year,
    format_time,
    parse_thai_date,
    thai_month_name,
)
from prakat.thai.digits import to_arabic_digits, to_thai_digits
from prakat.thai.egp import (
    egp_project_year_month,
    normalize_egp_project_number,
    validate_egp_project_number,
)
from prakat.thai.errors import (
    InvalidAmountError,
    InvalidDateError,
    InvalidEgpProjectNumberError,
    InvalidFiscalYearError,
    InvalidTaxIdError,
    NaiveDatetimeError,
    TaxIdChecksumError,
    TaxIdLengthError,
    ThaiTypeError,
    ThaiValueError,
)
from prakat.thai.fiscal import (
    check_fiscal_year,
    fiscal_month_index,
    fiscal_quarter_bounds,
    fiscal_quarter_of,
    fiscal_year_bounds,
    fiscal_year_months,
    fiscal_year_of,
)
from prakat.thai.glue import NUMBER_WORDS
from prakat.thai.segment import (
    FIELD_WORDS,
    PROTECT_CSS,
    dictionary_words,
    line_breaks_ok,
    pdftotext_lines,
    protect,
    segment,
)
from prakat.thai.taxid import (
    format_tax_id,
    is_valid_tax_id,
    normalize_tax_id,
    tax_id_check_digit,
    validate_tax_id,
)

__all__ = [
    "BANGKOK",
    "FIELD_WORDS",
    "MAX_AMOUNT",
    "NUMBER_WORDS",
    "PROTECT_CSS",
    "THAI_MONTHS",
    "THAI_MONTHS_ABBR",
    "InvalidAmountError",
    "InvalidDateError",
    "InvalidEgpProjectNumberError",
    "InvalidFiscalYearError",
    "InvalidTaxIdError",
    "NaiveDatetimeError",
    "TaxIdChecksumError",
    "TaxIdLengthError",
    "ThaiTypeError",
    "ThaiValueError",
    "baht_text",
    "be_year",
    "ce_year",
    "check_fiscal_year",
    "dictionary_words",
    "egp_project_year_month",
    "fiscal_month_index",
    "fiscal_quarter_bounds",
    "fiscal_quarter_of",
    "fiscal_year_bounds",
    "fiscal_year_months",
    "fiscal_year_of",
    "format_baht",
    "format_date_full",
    "format_date_short",
    "format_datetime_full",
    "format_month_year",
    "format_tax_id",
    "format_time",
    "is_valid_tax_id",
    "line_breaks_ok",
    "normalize_egp_project_number",
    "normalize_tax_id",
    "parse_baht",
    "parse_thai_date",
    "pdftotext_lines",
    "protect",
    "segment",
    "tax_id_check_digit",
    "thai_month_name",
    "to_arabic_digits",
    "to_thai_digits",
    "validate_egp_project_number",
    "validate_tax_id",
]
