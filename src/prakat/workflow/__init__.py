"""The approval workflow: states (:mod:`.states`), transitions as data (:mod:`.transitions`) and what
approval moves forward (:mod:`.moves`). Pure data and small lookups: no I/O. The services apply it."""

from prakat.workflow.states import (
    ANNOUNCEMENT_STATUS_LABELS,
    EDITABLE,
    HOLDING,
    IN_FLOW,
    PENDING,
    PLAN_STATUS_LABELS,
    PROCUREMENT_STATUS_LABELS,
    AnnouncementStatus,
    PlanStatus,
    ProcurementStatus,
)
from prakat.workflow.transitions import (
    TRANSITIONS,
    Action,
    Effect,
    Gate,
    Publishable,
    Transition,
    actions_for,
    permission_for,
    transition,
    waiting_for,
)

__all__ = [
    "ANNOUNCEMENT_STATUS_LABELS",
    "EDITABLE",
    "HOLDING",
    "IN_FLOW",
    "PENDING",
    "PLAN_STATUS_LABELS",
    "PROCUREMENT_STATUS_LABELS",
    "TRANSITIONS",
    "Action",
    "AnnouncementStatus",
    "Effect",
    "Gate",
    "PlanStatus",
    "ProcurementStatus",
    "Publishable",
    "Transition",
    "actions_for",
    "permission_for",
    "transition",
    "waiting_for",
]
