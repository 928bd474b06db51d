"""What a plan revision changed against the plan announcement it revises: the items added, removed and
changed, computed from the two announcements' frozen plan snapshots (so the revision says exactly
what differs from what the public read before).

A revision copies its items with new ids (prakat.plans.service.create_plan), so items are matched by
what people see: the e-GP plan code when the item has one, otherwise the name (the n-th item of a
name in the old plan with the n-th of that name in the new one).
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

# The fields a reader compares, in the order a change lists them.
COMPARED = ("name", "budget", "budget_source", "planned_method", "expected_month")


def _keyed(items: Iterable[dict[str, Any]]) -> dict[tuple[str, str, int], dict[str, Any]]:
    seen: dict[tuple[str, str], int] = {}
    keyed = {}
    for item in items:
        base = ("code", item["egp_plan_code"]) if item.get("egp_plan_code") else ("name", item["name"])
        n = seen.get(base, 0)
        seen[base] = n + 1
        keyed[(*base, n)] = item
    return keyed


def _brief(item: dict[str, Any]) -> dict[str, Any]:
    return {
        "name": item["name"],
        "budget": str(item["budget"]),
        "egp_plan_code": item.get("egp_plan_code", ""),
    }


def _same(field: str, before: Any, after: Any) -> bool:
    if field == "budget":
        return Decimal(str(before)) == Decimal(str(after))
    return bool(before == after)


def changes(
    old_items: list[dict[str, Any]], new_items: list[dict[str, Any]]
) -> dict[str, list[dict[str, Any]]]:
    """{"added": [...], "removed": [...], "changed": [{name, fields: [{field, before, after}]}]}, in
    the new plan's order (removed items in the old plan's)."""
    old, new = _keyed(old_items), _keyed(new_items)
    added = [_brief(item) for key, item in new.items() if key not in old]
    removed = [_brief(item) for key, item in old.items() if key not in new]
    changed = []
    for key, item in new.items():
        before = old.get(key)
        if before is None:
            continue
        fields = [
            {"field": f, "before": str(before[f]), "after": str(item[f])}
            for f in COMPARED
            if not _same(f, before[f], item[f])
        ]
        if fields:
            changed.append({**_brief(before), "fields": fields})
    return {"added": added, "removed": removed, "changed": changed}
