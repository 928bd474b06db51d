"""The canonical content of an announcement: everything it states, copied at submission so that what
the director approves is exactly what is published and what stays public."""

from __future__ import annotations

from typing import Any

import msgspec

from prakat.plans.service import get_plan
from prakat.procurements.service import get_procurement
from prakat.schools.service import get_school

# Bumped when the shape changes, so readers of old snapshots know what they hold.
VERSION = 1
SCHOOL_FIELDS = (
    "slug",
    "name",
    "agency_type",
    "ministry",
    "area_office",
    "address",
    "subdistrict",
    "district",
    "province",
    "egp_dept_id",
    "egp_deptsub_id",
)


async def build(school_id: int, *, procurement_id: int | None, plan_id: int | None) -> dict[str, Any]:
    school = await get_school(school_id)
    content: dict[str, Any] = {
        "version": VERSION,
        "school": {field: getattr(school, field) for field in SCHOOL_FIELDS},
    }
    if procurement_id is not None:
        content["procurement"] = msgspec.to_builtins(await get_procurement(school_id, procurement_id))
    if plan_id is not None:
        content["plan"] = msgspec.to_builtins(await get_plan(school_id, plan_id))
    return content
