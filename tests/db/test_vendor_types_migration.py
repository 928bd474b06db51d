"""Migration 0008 on both engines: the vendor's new set of business types is filled from its old one
value, in the migration's own transaction, and a vendor that has a set keeps it."""

from __future__ import annotations

import importlib

from piccolo.engine.base import Engine

from prakat.db import tables as t
from tests import factories

MIGRATION = importlib.import_module("prakat.db.migrations.prakat_0008_vendor_business_types")


async def test_the_old_business_type_is_carried_over(db: Engine) -> None:  # type: ignore[type-arg]
    _, actor = await factories.school()
    old = await factories.vendor(actor, 1)
    kept = await factories.vendor(actor, 2)
    await t.Vendor.update({t.Vendor.business_type: "service"}).where(t.Vendor.id == old.id)
    await t.Vendor.update({t.Vendor.business_type: "wholesale"}).where(t.Vendor.id == kept.id)
    # The table as it stood before 0008 (no column), then 0008 as `prakat migrate` runs it.
    await t.Vendor.raw("ALTER TABLE vendor DROP COLUMN business_types")
    await (await MIGRATION.forwards()).run()
    rows = await t.Vendor.select(t.Vendor.id, t.Vendor.business_types).order_by(t.Vendor.id)
    assert rows == [
        {"id": old.id, "business_types": "service"},
        {"id": kept.id, "business_types": "wholesale"},
    ]
    # Run again over filled rows (as when a set was saved since): nothing is overwritten.
    await t.Vendor.update({t.Vendor.business_types: "wholesale,retail"}).where(t.Vendor.id == kept.id)
    await MIGRATION.carry_over()
    assert await t.Vendor.select(t.Vendor.business_types).where(t.Vendor.id == kept.id).first() == {
        "business_types": "wholesale,retail"
    }
