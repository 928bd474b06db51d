"""Budget sources and budget categories of a school's procurement, as data.

Machine values are stored in the database: never rename one; add a member instead.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from types import MappingProxyType


class BudgetSource(StrEnum):
    """แหล่งที่มาของงบประมาณ (an ITA column)."""

    PER_HEAD_SUBSIDY = "per_head_subsidy"
    GOVERNMENT_BUDGET = "government_budget"
    SCHOOL_INCOME = "school_income"
    FREE_EDUCATION = "free_education"
    FREE_EDUCATION_TEXTBOOKS = "free_education_textbooks"
    FREE_EDUCATION_LEARNING_MATERIALS = "free_education_learning_materials"
    FREE_EDUCATION_UNIFORMS = "free_education_uniforms"
    FREE_EDUCATION_ACTIVITIES = "free_education_activities"
    LUNCH = "lunch"
    OTHER = "other"

    @property
    def label(self) -> str:
        """Thai name on its own ("ค่าหนังสือเรียน" for a sub-item)."""
        return _SOURCE_LABELS[self]

    @property
    def parent(self) -> BudgetSource | None:
        """The source this one is a sub-item of (the free-education items), else None."""
        return _SOURCE_PARENTS.get(self)

    @property
    def full_label(self) -> str:
        """Thai name with its parent: "เงินอุดหนุนเรียนฟรี 15 ปี (ค่าหนังสือเรียน)"."""
        parent = self.parent
        return f"{parent.label} ({self.label})" if parent is not None else self.label


_SOURCE_LABELS: Mapping[BudgetSource, str] = MappingProxyType(
    {
        BudgetSource.PER_HEAD_SUBSIDY: "เงินอุดหนุนรายหัว",
        BudgetSource.GOVERNMENT_BUDGET: "เงินงบประมาณ",
        BudgetSource.SCHOOL_INCOME: "เงินรายได้สถานศึกษา",
        BudgetSource.FREE_EDUCATION: "เงินอุดหนุนเรียนฟรี 15 ปี",
        BudgetSource.FREE_EDUCATION_TEXTBOOKS: "ค่าหนังสือเรียน",
        BudgetSource.FREE_EDUCATION_LEARNING_MATERIALS: "ค่าอุปกรณ์การเรียน",
        BudgetSource.FREE_EDUCATION_UNIFORMS: "ค่าเครื่องแบบนักเรียน",
        BudgetSource.FREE_EDUCATION_ACTIVITIES: "ค่ากิจกรรมพัฒนาผู้เรียน",
        BudgetSource.LUNCH: "เงินอาหารกลางวัน",
        BudgetSource.OTHER: "อื่น ๆ",
    }
)

_SOURCE_PARENTS: Mapping[BudgetSource, BudgetSource] = MappingProxyType(
    {
        BudgetSource.FREE_EDUCATION_TEXTBOOKS: BudgetSource.FREE_EDUCATION,
        BudgetSource.FREE_EDUCATION_LEARNING_MATERIALS: BudgetSource.FREE_EDUCATION,
        BudgetSource.FREE_EDUCATION_UNIFORMS: BudgetSource.FREE_EDUCATION,
        BudgetSource.FREE_EDUCATION_ACTIVITIES: BudgetSource.FREE_EDUCATION,
    }
)


class BudgetCategory(StrEnum):
    """หมวดงบรายจ่าย."""

    OPERATING = "operating"
    INVESTMENT = "investment"
    SUBSIDY = "subsidy"
    OTHER = "other"

    @property
    def label(self) -> str:
        return _CATEGORY_LABELS[self]


_CATEGORY_LABELS: Mapping[BudgetCategory, str] = MappingProxyType(
    {
        BudgetCategory.OPERATING: "งบดำเนินงาน",
        BudgetCategory.INVESTMENT: "งบลงทุน",
        BudgetCategory.SUBSIDY: "งบอุดหนุน",
        BudgetCategory.OTHER: "งบรายจ่ายอื่น",
    }
)
