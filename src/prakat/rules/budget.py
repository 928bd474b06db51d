"""Budget sources and budget categories of a school's procurement, as data.

Machine values are stored in the database: never rename one; add a member instead.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from prakat.rules.labelled import LabelledEnum


class BudgetSource(LabelledEnum):
    """แหล่งที่มาของงบประมาณ (an ITA column); its label is the Thai name on its own ("ค่าหนังสือเรียน" for
    a sub-item), its full label names the parent too."""

    PER_HEAD_SUBSIDY = "per_head_subsidy", "เงินอุดหนุนรายหัว"
    GOVERNMENT_BUDGET = "government_budget", "เงินงบประมาณ"
    SCHOOL_INCOME = "school_income", "เงินรายได้สถานศึกษา"
    FREE_EDUCATION = "free_education", "เงินอุดหนุนเรียนฟรี 15 ปี"
    FREE_EDUCATION_TEXTBOOKS = "free_education_textbooks", "ค่าหนังสือเรียน"
    FREE_EDUCATION_LEARNING_MATERIALS = "free_education_learning_materials", "ค่าอุปกรณ์การเรียน"
    FREE_EDUCATION_UNIFORMS = "free_education_uniforms", "ค่าเครื่องแบบนักเรียน"
    FREE_EDUCATION_ACTIVITIES = "free_education_activities", "ค่ากิจกรรมพัฒนาผู้เรียน"
    LUNCH = "lunch", "เงินอาหารกลางวัน"
    OTHER = "other", "อื่น ๆ"

    @property
    def parent(self) -> BudgetSource | None:
        """The source this one is a sub-item of (the free-education items), else None."""
        return _SOURCE_PARENTS.get(self)

    @property
    def full_label(self) -> str:
        """Thai name with its parent: "เงินอุดหนุนเรียนฟรี 15 ปี (ค่าหนังสือเรียน)"."""
        parent = self.parent
        return f"{parent.label} ({self.label})" if parent is not None else self.label


_SOURCE_PARENTS: Mapping[BudgetSource, BudgetSource] = MappingProxyType(
    {
        BudgetSource.FREE_EDUCATION_TEXTBOOKS: BudgetSource.FREE_EDUCATION,
        BudgetSource.FREE_EDUCATION_LEARNING_MATERIALS: BudgetSource.FREE_EDUCATION,
        BudgetSource.FREE_EDUCATION_UNIFORMS: BudgetSource.FREE_EDUCATION,
        BudgetSource.FREE_EDUCATION_ACTIVITIES: BudgetSource.FREE_EDUCATION,
    }
)


class BudgetCategory(LabelledEnum):
    """หมวดงบรายจ่าย."""

    OPERATING = "operating", "งบดำเนินงาน"
    INVESTMENT = "investment", "งบลงทุน"
    SUBSIDY = "subsidy", "งบอุดหนุน"
    OTHER = "other", "งบรายจ่ายอื่น"
