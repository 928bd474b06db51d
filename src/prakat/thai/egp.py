"""The e-GP project number (เลขที่โครงการ).

It is 11 digits; the first two are the last two digits of the B.E. year in which the project
was created and the next two the month (domain.md §5): 66037123456 = March 2566.
"""

import re
from typing import Final

from prakat.thai.digits import to_arabic_digits
from prakat.thai.errors import InvalidEgpProjectNumberError
from prakat.thai.fiscal import check_fiscal_year

EGP_PROJECT_NUMBER_LENGTH: Final = 11

_SEPARATORS = re.compile(r"[\s\-‐‑‒–—−\u200b\ufeff]+")
_DIGITS_ONLY = re.compile(r"[0-9]+")


def normalize_egp_project_number(text: str) -> str:
    """Drop spaces and dashes and turn Thai digits into ASCII; does not validate."""
    return _SEPARATORS.sub("", to_arabic_digits(text))


def egp_project_year_month(number: str) -> tuple[int, int]:
    """(B.E. year, month) encoded in a validated project number, assuming the 25xx century."""
    digits = validate_egp_project_number(number)
    return 2500 + int(digits[:2]), int(digits[2:4])


def validate_egp_project_number(text: str, *, fiscal_year_be: int | None = None) -> str:
    """Return the normalised 11-digit project number, or raise with a Thai message.

    Checks: digits only, exactly 11 of them, month part 01-12. With ``fiscal_year_be`` the
    year part must also be that fiscal year's last two digits or the previous year's. Projects
    are numbered by the calendar month they are created in, so a FY2569 project may be created
    in Oct–Dec 2568 (prefix 68). Accepting any month of either year covers every month of the
    fiscal year itself and, deliberately loosely, projects prepared before it starts; the exact
    e-GP practice is not confirmed, so this check errs towards accepting.
    """
    digits = normalize_egp_project_number(text)
    if not digits:
        raise InvalidEgpProjectNumberError("ไม่ได้ระบุเลขที่โครงการ e-GP ต้องเป็นตัวเลข 11 หลัก")
    if not _DIGITS_ONLY.fullmatch(digits):
        raise InvalidEgpProjectNumberError("เลขที่โครงการ e-GP ต้องเป็นตัวเลขเท่านั้น (11 หลัก)")
    if len(digits) != EGP_PROJECT_NUMBER_LENGTH:
        raise InvalidEgpProjectNumberError(f"เลขที่โครงการ e-GP ต้องมี 11 หลัก (ได้ {len(digits)} หลัก)")
    month = int(digits[2:4])
    if not 1 <= month <= 12:
        raise InvalidEgpProjectNumberError(
            f"หลักที่ 3-4 ของเลขที่โครงการ e-GP ต้องเป็นเดือน 01-12 (ได้ {digits[2:4]})"
        )
    if fiscal_year_be is not None:
        check_fiscal_year(fiscal_year_be)
        allowed = (f"{(fiscal_year_be - 1) % 100:02d}", f"{fiscal_year_be % 100:02d}")
        if digits[:2] not in allowed:
            raise InvalidEgpProjectNumberError(
                f"เลขที่โครงการ e-GP ขึ้นต้นด้วยปี {digits[:2]} ซึ่งไม่ตรงกับปีงบประมาณ {fiscal_year_be} "
                f"(ควรขึ้นต้นด้วย {allowed[0]} หรือ {allowed[1]})"
            )
    return digits
