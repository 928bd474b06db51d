"""The Jinja environment for pages: autoescaped, with Thai formatting filters.

Web pages show Arabic digits with Buddhist-era years (what Thai readers expect on screen); official
documents use Thai digits throughout, and that choice lives in prakat.documents."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from prakat import clock, urls
from prakat.fonts import WEB_FACES
from prakat.paths import templates_dir
from prakat.rules import AnnouncementKind, BudgetCategory, BudgetSource, BusinessType, Method, ProcurementKind
from prakat.thai import format_baht, format_date_full, format_date_short, format_month_year
from prakat.workflow import IN_FLOW, Action, AnnouncementStatus, PlanStatus

LABELLED: dict[str, type[StrEnum]] = {
    "method": Method,
    "kind": ProcurementKind,
    "budget_source": BudgetSource,
    "category": BudgetCategory,
    "business_type": BusinessType,
    "announcement_kind": AnnouncementKind,
    "announcement_status": AnnouncementStatus,
}


def label(group: str, value: str | None) -> str:
    """Thai label of a stored code; an unknown code shows as itself rather than breaking the page."""
    if not value:
        return "-"
    try:
        member = LABELLED[group](value)
    except ValueError:
        return value
    return str(getattr(member, "label", value))


def baht(value: Decimal | str | None) -> str:
    """Snapshots keep amounts as exact decimal strings; records as Decimal."""
    return "-" if value is None else format_baht(Decimal(value))


def thai_date(value: date | datetime | str | None, style: str = "full") -> str:
    if value is None:
        return "-"
    if isinstance(value, str):  # an ISO date from a snapshot
        value = date.fromisoformat(value)
    if isinstance(value, datetime):
        value = clock.to_bangkok(value).date()
    if style == "short":
        return format_date_short(value, thai_digits=False)
    return format_date_full(value, thai_digits=False)


def thai_month(value: date) -> str:
    return format_month_year(value.year, value.month, thai_digits=False)


def bangkok_time(value: datetime | None) -> str:
    return "-" if value is None else clock.to_bangkok(value).strftime("%H.%M น.")


def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(templates_dir())),
        autoescape=select_autoescape(["html", "xml"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(baht=baht, thai_date=thai_date, thai_month=thai_month, bangkok_time=bangkok_time)
    env.globals.update(label=label, urls=urls, web_faces=WEB_FACES)
    # The workflow's states and actions, so templates compare against members, never bare strings.
    env.globals.update(Status=AnnouncementStatus, PlanStatus=PlanStatus, Action=Action, IN_FLOW=IN_FLOW)
    return env
