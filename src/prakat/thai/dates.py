"""Thai calendar formatting and a forgiving date parser.

Thai official documents count years in the Buddhist Era (พ.ศ. = ค.ศ. + 543) and, following
ระเบียบงานสารบรรณ, write dates as "<day> <full month> พ.ศ. <year>" with no zero padding.
Times are written 24-hour with a dot, "๐๙.๐๐ น.".
"""

import calendar
import re
from datetime import date, datetime, time, tzinfo
from typing import Final
from zoneinfo import ZoneInfo

from prakat.thai.digits import to_arabic_digits, to_thai_digits
from prakat.thai.errors import InvalidDateError, NaiveDatetimeError

BE_OFFSET: Final = 543
BANGKOK: Final = ZoneInfo("Asia/Bangkok")

THAI_MONTHS: Final[tuple[str, ...]] = (
    "มกราคม",
    "กุมภาพันธ์",
    "มีนาคม",
    "เมษายน",
    "พฤษภาคม",
    "มิถุนายน",
    "กรกฎาคม",
    "สิงหาคม",
    "กันยายน",
    "ตุลาคม",
    "พฤศจิกายน",
    "ธันวาคม",
)
THAI_MONTHS_ABBR: Final[tuple[str, ...]] = (
    "ม.ค.",
    "ก.พ.",
    "มี.ค.",
    "เม.ย.",
    "พ.ค.",
    "มิ.ย.",
    "ก.ค.",
    "ส.ค.",
    "ก.ย.",
    "ต.ค.",
    "พ.ย.",
    "ธ.ค.",
)

# A 4-digit year at or above this is read as B.E.: C.E. years of interest are far below it and
# B.E. years far above, so the two never collide for any date this software will see.
BE_THRESHOLD: Final = 2400

_DATE_FORMAT_HINT: Final = (
    "ควรเป็น วัน/เดือน/ปี พ.ศ. เช่น 15/03/2566 หรือ 15 มีนาคม 2566 "
    "หรือ 15 มี.ค. 66 หรือแบบสากล 2023-03-15 (expected d/m/yyyy B.E., '15 มีนาคม 2566' or ISO)"
)


def be_year(ce: int) -> int:
    """Buddhist-Era year for a Common-Era year."""
    return ce + BE_OFFSET


def ce_year(be: int) -> int:
    """Common-Era year for a Buddhist-Era year."""
    return be - BE_OFFSET


def _check_month(month: int) -> None:
    if not 1 <= month <= 12:
        raise InvalidDateError(f"เดือนต้องอยู่ระหว่าง 1 ถึง 12 (ได้ {month})")


def thai_month_name(month: int, *, abbreviated: bool = False) -> str:
    """Thai name of month 1-12, full ("มีนาคม") or abbreviated ("มี.ค.")."""
    _check_month(month)
    return (THAI_MONTHS_ABBR if abbreviated else THAI_MONTHS)[month - 1]


def _digits(text: str, thai_digits: bool) -> str:
    return to_thai_digits(text) if thai_digits else text


def _require_aware(dt: datetime) -> None:
    # A naive datetime is ambiguous (server time? UTC? Bangkok?); guessing would print a time
    # that can be hours off on a legal notice, so the caller must say which zone it means.
    if dt.tzinfo is None or dt.utcoffset() is None:
        raise NaiveDatetimeError(
            "วันเวลาไม่ระบุเขตเวลา จึงแปลงเป็นเวลาประเทศไทยไม่ได้ (naive datetime; attach a time zone)"
        )


def _local_date(d: date, tz: tzinfo) -> date:
    # datetime is a subclass of date; formatting its date part without converting would give
    # the wrong day for, e.g., 20:00 UTC (= 03:00 next day in Bangkok).
    if isinstance(d, datetime):
        _require_aware(d)
        return d.astimezone(tz).date()
    return d


def format_date_full(
    d: date, *, thai_digits: bool = True, with_era: bool = True, tz: tzinfo = BANGKOK
) -> str:
    """Full Thai date, "๑๕ มีนาคม พ.ศ. ๒๕๖๖" (with_era=False: "๑๕ มีนาคม ๒๕๖๖").

    An aware datetime is first converted to ``tz``; a naive one is refused.
    """
    d = _local_date(d, tz)
    era = "พ.ศ. " if with_era else ""
    return _digits(f"{d.day} {THAI_MONTHS[d.month - 1]} {era}{be_year(d.year)}", thai_digits)


def format_date_short(d: date, *, thai_digits: bool = True, tz: tzinfo = BANGKOK) -> str:
    """Short date, "๑๕ มี.ค. ๖๖": abbreviated month, last two B.E. year digits zero-padded."""
    d = _local_date(d, tz)
    yy = be_year(d.year) % 100
    return _digits(f"{d.day} {THAI_MONTHS_ABBR[d.month - 1]} {yy:02d}", thai_digits)


def format_month_year(year_ce: int, month: int, *, thai_digits: bool = True) -> str:
    """Month and B.E. year, "มีนาคม ๒๕๖๖" for (2023, 3), as in the สขร.1 title "ในรอบเดือน …"."""
    _check_month(month)
    return _digits(f"{THAI_MONTHS[month - 1]} {be_year(year_ce)}", thai_digits)


def format_time(t: time | datetime, *, thai_digits: bool = True, tz: tzinfo = BANGKOK) -> str:
    """Official time of day, "๐๙.๐๐ น." (24-hour, dot separator).

    A ``time`` is taken as Bangkok wall-clock time. A ``datetime`` must be aware and is converted
    to ``tz`` first, for the same reason as :func:`format_datetime_full`.
    """
    if isinstance(t, datetime):
        _require_aware(t)
        t = t.astimezone(tz).timetz()
    return _digits(f"{t.hour:02d}.{t.minute:02d} น.", thai_digits)


def format_datetime_full(
    dt: datetime,
    tz: tzinfo = BANGKOK,
    *,
    thai_digits: bool = True,
    with_era: bool = True,
) -> str:
    """Date and time, "๑๕ มีนาคม พ.ศ. ๒๕๖๖ เวลา ๐๙.๐๐ น.", in ``tz``; naive datetimes are refused."""
    _require_aware(dt)
    local = dt.astimezone(tz)
    return (
        format_date_full(local.date(), thai_digits=thai_digits, with_era=with_era)
        + " เวลา "
        + format_time(local.timetz(), thai_digits=thai_digits)
    )


# ---------------------------------------------------------------------------------------------
# Parsing

# Thai text pasted from Word or the web often carries zero-width spaces (used as invisible word
# breaks) and BOMs; they are invisible to the teacher, so they must not make a date "invalid".
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"), None)

_NUMERIC_DMY = re.compile(r"([0-9]{1,2}) ?([/.-]) ?([0-9]{1,2}) ?\2 ?([0-9]{4}|[0-9]{2})")
_NUMERIC_YMD = re.compile(r"([0-9]{4}) ?([/.-]) ?([0-9]{1,2}) ?\2 ?([0-9]{1,2})")
_ERA = r"พ\.? ?ศ\.?|ค\.? ?ศ\.?"
_WORDED = re.compile(rf"(?:วันที่ ?)?([0-9]{{1,2}}) ?([^0-9]+?) ?(?:({_ERA}) ?)?([0-9]{{4}}|[0-9]{{2}})")


_LOOKS_LIKE_WORD = re.compile(r"[A-Za-zก-ฮ]")


def _month_key(name: str) -> str:
    # Dots and spaces in abbreviations are typed inconsistently ("มี.ค.", "มีค", "มี. ค.").
    return name.replace(".", "").replace(" ", "")


# The spoken short forms ("มีนา", "ตุลา") are what many people type; they are not official but
# unambiguous, so accepting them costs nothing.
_COLLOQUIAL_MONTHS: Final = (
    "มกรา",
    "กุมภา",
    "มีนา",
    "เมษา",
    "พฤษภา",
    "มิถุนา",
    "กรกฎา",
    "สิงหา",
    "กันยา",
    "ตุลา",
    "พฤศจิกา",
    "ธันวา",
)
_MONTH_LOOKUP: Final[dict[str, int]] = {
    _month_key(name): number
    for names in (THAI_MONTHS, THAI_MONTHS_ABBR, _COLLOQUIAL_MONTHS)
    for number, name in enumerate(names, start=1)
}


def _resolve_year(raw: str, era: str | None) -> int:
    """C.E. year from the year as typed and an optional era marker."""
    year = int(raw)
    is_be = era is not None and era.startswith("พ")
    is_ce = era is not None and era.startswith("ค")
    if len(raw) == 2:
        # Two-digit years are what teachers write in the short official form ("๑๕ มี.ค. ๖๖"),
        # which is always B.E.; only an explicit ค.ศ. makes them C.E.
        return 2000 + year if is_ce else ce_year(2500 + year)
    if is_be:
        if year < BE_THRESHOLD:
            raise InvalidDateError(f"ปี พ.ศ. {year} ไม่น่าถูกต้อง อาจพิมพ์ปี ค.ศ. แทน (B.E. year looks like C.E.)")
        return ce_year(year)
    if is_ce:
        if year >= BE_THRESHOLD:
            raise InvalidDateError(f"ปี ค.ศ. {year} ไม่น่าถูกต้อง อาจพิมพ์ปี พ.ศ. แทน (C.E. year looks like B.E.)")
        return year
    return ce_year(year) if year >= BE_THRESHOLD else year


def _make_date(year_ce: int, month: int, day: int) -> date:
    _check_month(month)
    if not 1 <= year_ce <= 9999:
        raise InvalidDateError(f"ปีอยู่นอกช่วงที่รองรับ ({year_ce})")
    days_in_month = calendar.monthrange(year_ce, month)[1]
    if not 1 <= day <= days_in_month:
        raise InvalidDateError(
            f"ไม่มีวันที่ {day} ในเดือน{THAI_MONTHS[month - 1]} พ.ศ. {be_year(year_ce)} (เดือนนี้มี {days_in_month} วัน)"
        )
    return date(year_ce, month, day)


def parse_thai_date(text: str) -> date:
    """Read a date as a teacher types it.

    Accepted (Thai or Arabic digits, surrounding/extra spaces ignored):

    * ``15/03/2566``, ``15/3/66``, ``15-03-2566``, ``15.03.2566`` — day first;
    * ``2023-03-15`` — ISO order, year first;
    * ``15 มีนาคม 2566``, ``15 มี.ค. 66``, ``วันที่ 15 มีนาคม พ.ศ. 2566``, ``15 มีนาคม ค.ศ. 2023``.

    Year rules: a 2-digit year is B.E. 25xx; a 4-digit year >= 2400 is B.E., below that C.E.;
    an explicit พ.ศ./ค.ศ. overrides the guess (and a contradicting year is refused).
    """
    cleaned = " ".join(to_arabic_digits(text).translate(_INVISIBLE).split())
    if not cleaned:
        raise InvalidDateError("ไม่ได้ระบุวันที่ " + _DATE_FORMAT_HINT)

    if m := _NUMERIC_DMY.fullmatch(cleaned):
        return _make_date(_resolve_year(m[4], None), int(m[3]), int(m[1]))
    if m := _NUMERIC_YMD.fullmatch(cleaned):
        return _make_date(_resolve_year(m[1], None), int(m[3]), int(m[4]))
    if m := _WORDED.fullmatch(cleaned):
        month = _MONTH_LOOKUP.get(_month_key(m[2]))
        if month is not None:
            return _make_date(_resolve_year(m[4], m[3]), month, int(m[1]))
        # Only call it a month name if it looks like one; "15/03" is a format problem.
        if _LOOKS_LIKE_WORD.search(m[2]):
            raise InvalidDateError(f"ไม่รู้จักชื่อเดือน “{m[2]}” " + _DATE_FORMAT_HINT)
    raise InvalidDateError("รูปแบบวันที่ไม่ถูกต้อง " + _DATE_FORMAT_HINT)
