"""Which of a procurement's fields each announcement prints, and so needs before it is submitted:
the invitation its bidder qualifications, submission window, download period and inquiry channel
(domain.md §4), the draft hearing its period, place and comment channel, the reference price the
rows of its form (prakat.rules.price_forms). One definition, read by the submission check, the
workspace (what to fill in) and the tests."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from prakat.procurements.schemas import HEARING_FIELDS as HEARING_FIELDS
from prakat.procurements.schemas import INVITATION_FIELDS as INVITATION_FIELDS
from prakat.procurements.schemas import Procurement, ProcurementCreate
from prakat.rules import AnnouncementKind, price_form_for
from prakat.validation import fields_of

K = AnnouncementKind
LABELS: Mapping[str, str] = MappingProxyType({f.name: f.label for f in fields_of(ProcurementCreate)})


def required_fields(kind: AnnouncementKind, p: Procurement) -> tuple[str, ...]:
    """The fields an announcement of ``kind`` about ``p`` prints (a change of an invitation restates it)."""
    if kind in (K.INVITATION, K.INVITATION_CHANGE):
        return INVITATION_FIELDS
    if kind is K.TOR_HEARING:
        return HEARING_FIELDS
    if kind is K.REFERENCE_PRICE:
        return price_form_for(p.kind, p.year_be).fields
    return ()


def missing(kind: AnnouncementKind, p: Procurement) -> dict[str, str]:
    """One Thai message per required field left blank, naming it: {} when the announcement can go."""
    where = f"กรุณากรอกในหน้าแก้ไขโครงการก่อนส่ง{kind.label}ขออนุมัติ"
    return {
        name: f"{LABELS[name]}: {where}"
        for name in required_fields(kind, p)
        if getattr(p, name) in (None, "")
    }
