"""Positions of the client during a step."""

from __future__ import annotations

import enum


class Position(enum.StrEnum):
    """Where the client lies or sits: a plan's default, or one step's override."""

    PRONE = "prone"
    """Face down."""
    SUPINE = "supine"
    """Face up."""
    SIDE_LYING = "side_lying"
    """On one side, usually with pillows; preferred late in pregnancy."""
    SEATED = "seated"
    """In a massage chair, clothed (or on a chair at home)."""
    STANDING = "standing"
    """On one's feet: self-massage against a wall (a ball between the back and the wall)."""


ALL: tuple[Position, ...] = tuple(Position)
#: The positions a therapist works a client in (on the table or in the chair): a technique's
#: positions when its record gives none (``standing`` is for self-massage against a wall).
THERAPIST_POSITIONS: tuple[Position, ...] = (
    Position.PRONE,
    Position.SUPINE,
    Position.SIDE_LYING,
    Position.SEATED,
)
#: The positions as messages list them: ``prone, supine, side_lying, seated or standing``.
POSITION_NAMES: str = ", ".join(p.value for p in ALL[:-1]) + f" or {ALL[-1]}"
