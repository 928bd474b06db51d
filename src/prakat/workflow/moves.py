"""What approving each kind of announcement moves forward (the ``move`` effect), as data.

A plan announcement publishes its plan revision; a procurement's announcements move its status (the ITA
"สถานะ" column); the quarterly winners announcement marks every purchase on its frozen list awarded.
A kind with no row here moves nothing (the no-plan statement).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType

from prakat.rules import AnnouncementKind
from prakat.workflow.states import PlanStatus, ProcurementStatus


class Target(StrEnum):
    PLAN = "plan"  # the plan revision it announces
    PROCUREMENT = "procurement"  # the procurement it announces
    QUARTER_ITEMS = "quarter_items"  # every purchase on its frozen quarterly list


@dataclass(frozen=True)
class Move:
    target: Target
    status: PlanStatus | ProcurementStatus


K, R = AnnouncementKind, ProcurementStatus

ON_APPROVAL: Mapping[AnnouncementKind, Move] = MappingProxyType(
    {
        K.PLAN: Move(Target.PLAN, PlanStatus.PUBLISHED),
        K.PLAN_REVISION: Move(Target.PLAN, PlanStatus.PUBLISHED),
        K.REFERENCE_PRICE: Move(Target.PROCUREMENT, R.IN_PROGRESS),
        K.TOR_HEARING: Move(Target.PROCUREMENT, R.IN_PROGRESS),
        K.INVITATION: Move(Target.PROCUREMENT, R.IN_PROGRESS),
        K.INVITATION_CHANGE: Move(Target.PROCUREMENT, R.IN_PROGRESS),
        K.WINNER: Move(Target.PROCUREMENT, R.AWARDED),
        K.WINNER_CHANGE: Move(Target.PROCUREMENT, R.AWARDED),
        K.INVITATION_CANCEL: Move(Target.PROCUREMENT, R.CANCELLED),
        K.WINNER_CANCEL: Move(Target.PROCUREMENT, R.CANCELLED),
        K.QUARTERLY_WINNERS: Move(Target.QUARTER_ITEMS, R.AWARDED),
    }
)
