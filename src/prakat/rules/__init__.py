"""Procurement law as dated data and small pure functions.

Imports nothing else of Prakat and does no I/O. Figures that change with the law live in
dated :class:`RuleSet` values (:mod:`prakat.rules.data`); code asks :func:`rules_for`.
"""

from prakat.rules.announcement_kinds import (
    ANNOUNCEMENT_KINDS,
    PLAN_KINDS,
    PROCUREMENT_KINDS,
    WINNER_KINDS,
    YEAR_KINDS,
    About,
    AnnouncementKind,
    AnnouncementKindInfo,
    kind_for_egp_code,
)
from prakat.rules.budget import BudgetCategory, BudgetSource
from prakat.rules.check import (
    MethodCheck,
    check_method,
    first_fiscal_year,
    format_amount,
    format_limit,
    legal_clause_for,
    plan_required,
    plan_required_for_year,
    rules_for,
    single_inspector_allowed,
    suggest_methods,
    validate_amount,
)
from prakat.rules.data import RULE_SETS
from prakat.rules.methods import (
    METHODS,
    Method,
    MethodFamily,
    MethodInfo,
    ProcurementKind,
    methods_for_egp_code,
)
from prakat.rules.price_forms import (
    BK01,
    BK06,
    PRICE_FORMS,
    PriceForm,
    PriceRow,
    price_form_for,
    working_days,
)
from prakat.rules.ruleset import LimitPolicy, MethodRule, NoRuleSetError, RuleSet, find_rule_set
from prakat.rules.vendors import BusinessType, business_types, business_types_label

__all__ = [
    "ANNOUNCEMENT_KINDS",
    "BK01",
    "BK06",
    "METHODS",
    "PLAN_KINDS",
    "PRICE_FORMS",
    "PROCUREMENT_KINDS",
    "RULE_SETS",
    "WINNER_KINDS",
    "YEAR_KINDS",
    "About",
    "AnnouncementKind",
    "AnnouncementKindInfo",
    "BudgetCategory",
    "BudgetSource",
    "BusinessType",
    "LimitPolicy",
    "Method",
    "MethodCheck",
    "MethodFamily",
    "MethodInfo",
    "MethodRule",
    "NoRuleSetError",
    "PriceForm",
    "PriceRow",
    "ProcurementKind",
    "RuleSet",
    "business_types",
    "business_types_label",
    "check_method",
    "find_rule_set",
    "first_fiscal_year",
    "format_amount",
    "format_limit",
    "kind_for_egp_code",
    "legal_clause_for",
    "methods_for_egp_code",
    "plan_required",
    "plan_required_for_year",
    "price_form_for",
    "rules_for",
    "single_inspector_allowed",
    "suggest_methods",
    "validate_amount",
    "working_days",
]
