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
    """In a massage chair, clothed."""
