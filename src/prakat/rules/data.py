"""Dated procurement rules, as data.

HOW TO ADD A FISCAL YEAR (a change in the law or a new CGD letter):
append a new ``RuleSet`` to ``RULE_SETS`` whose ``valid_from_fy`` is the first B.E. fiscal year
the change applies to. Derive it from the previous set so only the change is written, e.g.::

    FY2570 = replace(
        FY2561.with_rules(replace(FY2561_SPECIFIC_W119, maximum=Decimal("50000"))),
        valid_from_fy=2570,
        title="… และหนังสือ … ว …",
    )
    RULE_SETS = (FY2561, FY2570)

Code never tests the year; it asks :func:`prakat.rules.rules_for`.

Clause texts use Arabic digits; documents convert them to Thai digits when rendering.
``unconfirmed`` names the fields whose value is believed but not verified ([U]).
"""

from __future__ import annotations

from decimal import Decimal

from prakat.rules.announcement_kinds import AnnouncementKind
from prakat.rules.methods import Method, ProcurementKind
from prakat.rules.ruleset import LimitPolicy, MethodRule, RuleSet

ACT_2560 = "พระราชบัญญัติการจัดซื้อจัดจ้างและการบริหารพัสดุภาครัฐ พ.ศ. 2560"
REGULATION_2560 = "ระเบียบกระทรวงการคลังว่าด้วยการจัดซื้อจัดจ้างและการบริหารพัสดุภาครัฐ พ.ศ. 2560"
LETTER_W119 = "หนังสือกรมบัญชีกลาง ด่วนที่สุด ที่ กค (กวจ) 0405.2/ว 119 ลงวันที่ 7 มีนาคม 2561"

CLAUSE_GENERAL_INVITATION = f"มาตรา 55 (1) แห่ง{ACT_2560} และ{REGULATION_2560}"
CLAUSE_SELECTION = f"มาตรา 56 วรรคหนึ่ง (1) แห่ง{ACT_2560} และ{REGULATION_2560}"
CLAUSE_SPECIFIC = f"มาตรา 56 วรรคหนึ่ง (2) (ข) แห่ง{ACT_2560} และ{REGULATION_2560} ข้อ 79"
CLAUSE_SPECIFIC_EXEMPTION = f"มาตรา 56 วรรคหนึ่ง (2) แห่ง{ACT_2560} และ{REGULATION_2560} ข้อ 79"
CLAUSE_SPECIFIC_URGENT_79 = f"มาตรา 56 วรรคหนึ่ง (2) (ข) แห่ง{ACT_2560} และ{REGULATION_2560} ข้อ 79 วรรคสอง"
MINISTERIAL_RULE_2560 = (
    "กฎกระทรวงกำหนดวงเงินการจัดซื้อจัดจ้างพัสดุโดยวิธีเฉพาะเจาะจง วงเงินการจัดซื้อจัดจ้างที่ไม่ทำข้อตกลง"
    "เป็นหนังสือ และวงเงินการจัดซื้อจัดจ้างในการแต่งตั้งผู้ตรวจรับพัสดุ พ.ศ. 2560"
)
# s.67: the agency may cancel a procurement (an invitation, or a result before the contract);
# s.66: the result is announced, so a changed result is announced under it again; a changed
# invitation is made under the clause of the invitation itself.
CLAUSE_CANCEL = f"มาตรา 67 แห่ง{ACT_2560}"
CLAUSE_WINNER = f"มาตรา 66 วรรคหนึ่ง แห่ง{ACT_2560}"

_HALF_MILLION = Decimal("500000")

FY2561_E_BIDDING = MethodRule(
    Method.E_BIDDING,
    label="วิธีประกวดราคาอิเล็กทรอนิกส์ (e-bidding)",
    legal_clause=CLAUSE_GENERAL_INVITATION,
    minimum_exclusive=_HALF_MILLION,
    below_minimum=LimitPolicy.NOTE,  # a more open method is never unlawful; below 500k it is optional
    unconfirmed=("minimum_exclusive", "below_minimum"),
)

FY2561_E_MARKET = MethodRule(
    Method.E_MARKET,
    label="วิธีตลาดอิเล็กทรอนิกส์ (e-market)",
    legal_clause=CLAUSE_GENERAL_INVITATION,
    minimum_exclusive=_HALF_MILLION,
    below_minimum=LimitPolicy.NOTE,
    unconfirmed=("minimum_exclusive", "below_minimum"),
)

FY2561_PRICE_INQUIRY = MethodRule(
    Method.PRICE_INQUIRY,
    label="วิธีสอบราคา",
    legal_clause=CLAUSE_GENERAL_INVITATION,
    minimum_exclusive=_HALF_MILLION,
    maximum=Decimal("5000000"),
    below_minimum=LimitPolicy.NOTE,
    above_maximum=LimitPolicy.FORBIDDEN,
    reason_required=True,
    reason_hint="ใช้ได้เฉพาะเมื่อหน่วยงานไม่สามารถใช้ระบบอินเทอร์เน็ตดำเนินการด้วยวิธีอิเล็กทรอนิกส์ได้ ต้องระบุเหตุผลดังกล่าว",
    above_maximum_hint="ให้ใช้วิธีประกวดราคาอิเล็กทรอนิกส์ (e-bidding) หรือวิธีตลาดอิเล็กทรอนิกส์ (e-market) แทน",
    suggested=False,
    unconfirmed=("legal_clause", "minimum_exclusive", "maximum", "reason_required", "reason_hint"),
)

FY2561_SELECTION = MethodRule(
    Method.SELECTION,
    label="วิธีคัดเลือกตามมาตรา 56 (1)",
    legal_clause=CLAUSE_SELECTION,
    reason_required=True,
    reason_hint="ต้องระบุเหตุผลตามมาตรา 56 วรรคหนึ่ง (1) (ก) ถึง (ซ) เช่น ใช้วิธีประกาศเชิญชวนทั่วไปแล้ว"
    "ไม่มีผู้ยื่นข้อเสนอ หรือพัสดุมีคุณลักษณะเฉพาะเป็นพิเศษหรือซับซ้อน",
    suggested=False,
    unconfirmed=("reason_hint",),
)

FY2561_SPECIFIC = MethodRule(
    Method.SPECIFIC,
    label="วิธีเฉพาะเจาะจงตามมาตรา 56 (2) (ข)",
    legal_clause=CLAUSE_SPECIFIC,
    maximum=_HALF_MILLION,
    # Above 500k the specific method is still lawful for the other cases of s.56(2):
    # (ก) no bidder under general invitation/selection, (ค) only one supplier, (ง) emergency,
    # (จ) continuation of an existing contract, (ฉ) auction, (ช) land/buildings, (ซ) ministerial rule.
    above_maximum=LimitPolicy.WITH_REASON,
    above_maximum_hint="หากเป็นกรณีตามมาตรา 56 วรรคหนึ่ง (2) (ก) หรือ (ค) ถึง (ซ) ให้ระบุเหตุผล "
    "มิฉะนั้นให้ใช้วิธีประกาศเชิญชวนทั่วไป",
    exemption_clause=CLAUSE_SPECIFIC_EXEMPTION,
    unconfirmed=("above_maximum_hint", "exemption_clause"),
)

FY2561_SPECIFIC_W119 = MethodRule(
    Method.SPECIFIC_W119,
    label="วิธีเฉพาะเจาะจงตามหนังสือกรมบัญชีกลาง ว 119",
    legal_clause=LETTER_W119,
    maximum=Decimal("10000"),
    above_maximum=LimitPolicy.FORBIDDEN,
    above_maximum_hint="ให้ใช้วิธีเฉพาะเจาะจงตามมาตรา 56 (2) (ข) แทน",
    # ว 119 covers purchases for administration, training, events and meetings.
    allowed_kinds=frozenset({ProcurementKind.BUY, ProcurementKind.HIRE, ProcurementKind.RENT}),
    unconfirmed=("allowed_kinds",),
)

FY2561_SPECIFIC_URGENT_79 = MethodRule(
    Method.SPECIFIC_URGENT_79,
    label="วิธีเฉพาะเจาะจงกรณีจำเป็นเร่งด่วนตามระเบียบฯ ข้อ 79 วรรคสอง",
    legal_clause=CLAUSE_SPECIFIC_URGENT_79,
    maximum=Decimal("100000"),
    above_maximum=LimitPolicy.FORBIDDEN,
    above_maximum_hint="ให้ดำเนินการตามวิธีที่ใช้ได้สำหรับวงเงินนี้ตามปกติ",
    reason_required=True,
    reason_hint="ต้องระบุเหตุผลความจำเป็นเร่งด่วนที่ไม่อาจดำเนินการตามปกติได้ทัน และรายงานขอความเห็นชอบภายหลัง",
    suggested=False,
    unconfirmed=("legal_clause", "maximum", "above_maximum", "reason_hint"),
)

FY2561 = RuleSet(
    valid_from_fy=2561,
    title=f"{ACT_2560}, {REGULATION_2560}, {MINISTERIAL_RULE_2560} และ{LETTER_W119}",
    method_rules=(
        FY2561_SPECIFIC,
        FY2561_SPECIFIC_W119,
        FY2561_E_MARKET,
        FY2561_E_BIDDING,
        FY2561_PRICE_INQUIRY,
        FY2561_SELECTION,
        FY2561_SPECIFIC_URGENT_79,
    ),
    single_inspector_max=Decimal("100000"),
    plan_exemption_max=_HALF_MILLION,
    consultant_specific_max=_HALF_MILLION,
    design_supervision_specific_max=Decimal("5000000"),
    tor_hearing_optional_max=Decimal("10000000"),
    # s.11 exempts the purchases of s.56 para. 1 (2) (ข) (ง) (ฉ) from the plan; (ข) is the one with
    # a limit (the ministerial rule's 500,000), the one a no-plan statement rests on.
    plan_exemption_clause="มาตรา 56 วรรคหนึ่ง (2) (ข)",
    plan_exemption_rule=MINISTERIAL_RULE_2560,
    # ว 119 lets purchases under ข้อ 79 วรรคสอง and those within its table 1 be announced as one
    # summary a quarter instead of one winner announcement each.
    quarterly_winners_clause=f"{REGULATION_2560} ข้อ 79 วรรคสอง และ{LETTER_W119}",
    correction_clauses=(
        (AnnouncementKind.INVITATION_CHANGE, CLAUSE_GENERAL_INVITATION),
        (AnnouncementKind.INVITATION_CANCEL, CLAUSE_CANCEL),
        (AnnouncementKind.WINNER_CHANGE, CLAUSE_WINNER),
        (AnnouncementKind.WINNER_CANCEL, CLAUSE_CANCEL),
    ),
    # At least 3 working days for comments on a draft TOR (code comments; domain.md §2).
    tor_hearing_min_working_days=3,
    # s.66 asks for the winner to be announced; no deadline in days was found [U]: three days after
    # the award is the house's yardstick, and for the purchases a quarterly announcement lists (its
    # own list, published after the quarter has ended) 15 days after the quarter's end [U].
    winner_announcement_days=3,
    quarterly_announcement_days=15,
    winner_announcement_rule="ประกาศผู้ชนะภายใน 3 วันนับแต่วันที่คัดเลือกผู้ชนะ "
    "หรือภายใน 15 วันนับแต่วันสิ้นไตรมาสสำหรับรายการที่ประกาศรายไตรมาส",
    unconfirmed=(
        "single_inspector_max",
        "tor_hearing_optional_max",
        "plan_exemption_clause",
        "winner_announcement_days",
        "quarterly_announcement_days",
        "winner_announcement_rule",
        "quarterly_winners_clause",
        "correction_clauses",
        "tor_hearing_min_working_days",
    ),
    sources=(
        "s.56(2)(ข) and the ministerial rule of 23 Aug 2560: 500,000 (consultants 500,000, "
        "design/supervision 5,000,000) — fpo.go.th internal-audit page",
        "ว 119 table 1, 10,000 — several school applications",
        "ITA O19 footnote, 500,000 — ITA 2567/2568 criteria",
    ),
)

RULE_SETS: tuple[RuleSet, ...] = (FY2561,)
"""Every rule set, oldest first. Append a new one for a change in the law."""
