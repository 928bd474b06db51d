"""The names of the award form's fields, as the form shows them and as its error messages say them:
one table, so that a message under a field names the label above it."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

AWARD: Mapping[str, str] = MappingProxyType(
    {
        "bid_id": "ผู้ได้รับการคัดเลือก",
        "agreed_price": "ราคาที่ตกลงซื้อหรือจ้าง (บาท)",
        "awarded_on": "วันที่คัดเลือก",
        "reason": "เหตุผลที่คัดเลือกโดยสรุป",
        "contract_number": "เลขที่สัญญา/ใบสั่งซื้อ",
        "contract_date": "วันที่สัญญา/ใบสั่งซื้อ",
        "vat_included": "ราคารวมภาษีมูลค่าเพิ่มแล้ว",
    }
)
