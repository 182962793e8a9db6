"""What the composer changed for the client, request or time, and why: one record each.

Every adaptation names its cause (the flag, the condition, the client's cap or preference, the
request's length), so a therapist reading the plan knows why it is not the style's usual
session. :class:`Adaptation` records are what
:func:`~massage_routines.composition.composer.compose_with_adaptations` returns beside the
routine; the command prints them on stderr, and the written plan keeps each in the notes of the
first step it concerns.
"""

from __future__ import annotations

from typing import Literal

import attrs

from massage_routines.value import Value

#: The kinds of adaptation, one per way a session is changed.
Kind = Literal[
    "region_left_out",
    "worked_around",
    "pressure_capped",
    "technique_replaced",
    "technique_left_out",
    "position_changed",
    "did_not_fit",
    "shortened",
    "preference",
    "focus",
    "session_length",
]

#: Every kind, in the order they are listed.
KINDS: tuple[Kind, ...] = (
    "session_length",
    "focus",
    "preference",
    "position_changed",
    "region_left_out",
    "worked_around",
    "pressure_capped",
    "technique_replaced",
    "technique_left_out",
    "did_not_fit",
    "shortened",
)


@attrs.frozen(repr=False, weakref_slot=False)
class Adaptation(Value):
    """One change to the session: its ``kind``, the ``region`` it concerns (``None``: the whole
    session) and the ``reason``, a sentence naming what caused it.

    >>> print(Adaptation("region_left_out", "leg.right.calf", "leg.right.calf left out: the "
    ...       "flag on leg.right.calf (bruise)"))
    leg.right.calf left out: the flag on leg.right.calf (bruise)
    """

    kind: Kind
    region: str | None
    reason: str

    def __str__(self) -> str:
        return self.reason


def unique(adaptations: list[Adaptation]) -> tuple[Adaptation, ...]:
    """The adaptations without repeats, by kind (in :data:`KINDS` order), then as they came."""
    seen = dict.fromkeys(adaptations)
    return tuple(sorted(seen, key=lambda a: KINDS.index(a.kind)))
