"""Budget sources, categories and vendor business types."""

import re

from prakat.rules import BudgetCategory, BudgetSource, BusinessType

THAI = re.compile(r"[\u0E00-\u0E7F]")


def test_budget_sources_have_thai_labels() -> None:
    for source in BudgetSource:
        assert THAI.search(source.label), source
        assert THAI.search(source.full_label), source
    assert BudgetSource.PER_HEAD_SUBSIDY.label == "เงินอุดหนุนรายหัว"
    assert BudgetSource.SCHOOL_INCOME.label == "เงินรายได้สถานศึกษา"
    assert BudgetSource.LUNCH.label == "เงินอาหารกลางวัน"


def test_free_education_sub_items() -> None:
    children = {s for s in BudgetSource if s.parent is BudgetSource.FREE_EDUCATION}
    assert children == {
        BudgetSource.FREE_EDUCATION_TEXTBOOKS,
        BudgetSource.FREE_EDUCATION_LEARNING_MATERIALS,
        BudgetSource.FREE_EDUCATION_UNIFORMS,
        BudgetSource.FREE_EDUCATION_ACTIVITIES,
    }
    assert BudgetSource.FREE_EDUCATION_TEXTBOOKS.full_label == "เงินอุดหนุนเรียนฟรี 15 ปี (ค่าหนังสือเรียน)"
    assert BudgetSource.FREE_EDUCATION.parent is None
    assert BudgetSource.FREE_EDUCATION.full_label == "เงินอุดหนุนเรียนฟรี 15 ปี"


def test_budget_source_values_are_stable() -> None:
    assert {s.value for s in BudgetSource} == {
        "per_head_subsidy",
        "government_budget",
        "school_income",
        "free_education",
        "free_education_textbooks",
        "free_education_learning_materials",
        "free_education_uniforms",
        "free_education_activities",
        "lunch",
        "other",
    }


def test_budget_categories() -> None:
    assert {c.value: c.label for c in BudgetCategory} == {
        "operating": "งบดำเนินงาน",
        "investment": "งบลงทุน",
        "subsidy": "งบอุดหนุน",
        "other": "งบรายจ่ายอื่น",
    }


def test_business_types() -> None:
    assert {b.value: b.label for b in BusinessType} == {
        "wholesale": "ขายส่ง",
        "retail": "ขายปลีก",
        "service": "ให้บริการ",
        "manufacturing": "ผลิต",
    }
