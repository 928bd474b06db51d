"""Time: stored in UTC, shown in Asia/Bangkok. The one place that asks what time it is."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

BANGKOK = ZoneInfo("Asia/Bangkok")


def now() -> datetime:
    """Aware UTC now. Tests replace this function to freeze the clock."""
    return datetime.now(UTC)


def today_bangkok() -> date:
    return now().astimezone(BANGKOK).date()


def require_aware(value: datetime) -> datetime:
    """Refuse naive datetimes: Piccolo would silently take them as UTC on both engines."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError("เวลาต้องระบุเขตเวลา (naive datetime refused)")
    return value.astimezone(UTC)


def to_bangkok(value: datetime) -> datetime:
    return require_aware(value).astimezone(BANGKOK)
