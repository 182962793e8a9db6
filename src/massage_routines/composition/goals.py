"""Goals as data: how ``relaxation``, ``pain_relief`` and ``mobility`` shift a session.

A :class:`GoalPlan` multiplies the share of a move by its technique (or family), says where in
a move's pressure band to aim, how much more of the session the focus regions get, how a
session closes, and which extra move is worked around the joints. The composer reads nothing
else about goals, so changing a number here changes every routine of that goal.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

import attrs

from massage_routines.plugins.records import Move, PressureRange

#: Where in a move's pressure band to aim: its low end, its high end on the focus regions (the
#: middle elsewhere), or anywhere in it (drawn from the request's seed).
Aim = Literal["low", "focus_high", "seeded"]


@attrs.frozen
class GoalPlan:
    """How one goal shifts a session.

    ``weights`` multiply a move's share by its technique's name, then by its family (0 drops
    the move); ``aim`` is where in each band pressure goes; ``focus_share`` is added to the
    share of the session the focus regions get; ``closing`` is a technique that ends each block
    where a move offers it, and ends the session; ``extra`` is a move added to blocks on the
    ``joints`` regions, whose share is multiplied by ``joint_weight``.
    """

    weights: Mapping[str, float] = attrs.field(factory=dict)
    aim: Aim = "seeded"
    focus_share: float = 0.0
    closing: str | None = None
    extra: Move | None = None
    joints: tuple[str, ...] = ()
    joint_weight: float = 1.0

    def factor(self, technique: str, family: str | None) -> float:
        """The multiplier of a move done with ``technique`` (of ``family``)."""
        factor = self.weights.get(technique, 1.0)
        if family is not None:
            factor *= self.weights.get(family, 1.0)
        return factor


#: Regions around the joints that mobility work favours (neck, shoulders, hips, elbows, wrists,
#: knees, ankles).
JOINT_REGIONS: tuple[str, ...] = ("neck", "shoulder", "arm", "hand", "glutes", "leg", "foot")

#: The plan of a request without a goal: the style's shape as it is.
NO_GOAL = GoalPlan()

#: Long gliding strokes, lighter pressure, no percussion, and a calm close with nerve strokes.
RELAXATION = GoalPlan(
    weights={
        "effleurage": 2.0,
        "nerve_strokes": 1.5,
        "friction": 0.5,
        "percussion": 0.0,
        "deep": 0.5,
    },
    aim="low",
    closing="nerve_strokes",
)

#: More of the session, and the top of each band, on the focus regions.
PAIN_RELIEF = GoalPlan(aim="focus_high", focus_share=0.2)

#: Friction and stretches, and more time around the joints, each ending with a stretch.
MOBILITY = GoalPlan(
    weights={"friction": 2.0, "passive_stretch": 2.0, "pin_and_stretch": 2.0},
    extra=Move(("passive_stretch", "pin_and_stretch"), PressureRange(1, 3), weight=1.5),
    joints=JOINT_REGIONS,
    joint_weight=1.5,
)

#: The plan of each goal; ``None`` is no goal.
GOAL_PLANS: dict[str | None, GoalPlan] = {
    None: NO_GOAL,
    "relaxation": RELAXATION,
    "pain_relief": PAIN_RELIEF,
    "mobility": MOBILITY,
}
