"""Money is Decimal baht in code and integer satang in the database (exact on SQLite and PostgreSQL)."""

from __future__ import annotations

from decimal import Decimal

SATANG = Decimal("0.01")
# Largest amount we store: 10^13 baht is far beyond any school budget and well inside BigInt.
MAX_BAHT = Decimal("9999999999999.99")


def validate_amount(amount: Decimal) -> Decimal:
    """An amount we can store: finite, not negative, at most 2 decimals, at most MAX_BAHT."""
    if not isinstance(amount, Decimal):
        raise TypeError("จำนวนเงินต้องเป็น Decimal")
    if not amount.is_finite():
        raise ValueError("จำนวนเงินไม่ถูกต้อง")
    if amount < 0:
        raise ValueError("จำนวนเงินต้องไม่ติดลบ")
    if amount > MAX_BAHT:
        raise ValueError("จำนวนเงินสูงเกินกว่าที่ระบบรองรับ")
    if amount != amount.quantize(SATANG):
        raise ValueError("จำนวนเงินมีทศนิยมได้ไม่เกิน 2 ตำแหน่ง")
    return amount.quantize(SATANG)


def to_satang(amount: Decimal) -> int:
    return int(validate_amount(amount) * 100)


def from_satang(satang: int) -> Decimal:
    return (Decimal(satang) / 100).quantize(SATANG)


def optional_from_satang(satang: int | None) -> Decimal | None:
    return None if satang is None else from_satang(satang)
