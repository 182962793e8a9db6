"""Pressure on the 0–5 scale of domain.md (after Tracy Walton's pressure scale)."""

from __future__ import annotations

import enum


class Pressure(enum.IntEnum):
    """How much weight the hands put in: 0 (a still hold) to 5 (full body weight).

    Plans write a level as its number or its name; it is written back out as the number.
    """

    HOLD = 0
    """Still contact, no weight, nothing moves."""
    LIGHT = 1
    """Spreading lotion with a relaxed full hand; only the skin moves."""
    MODERATE = 2
    """Working lotion in; the fatty layer moves, no leaning."""
    MEDIUM = 3
    """Ordinary Swedish depth; muscle is worked, nearby joints may rock."""
    FIRM = 4
    """The therapist leans in; what most clients call deep."""
    DEEP = 5
    """Full body weight, an elbow into a large muscle; used sparingly."""

    @property
    def label(self) -> str:
        """The level's name as plans write it: ``hold``, ``light`` … ``deep``."""
        return self.name.lower()

    @classmethod
    def parse(cls, value: object) -> Pressure:
        """A level from an int 0..5 or a name; ``ValueError`` for anything else (booleans too)."""
        if type(value) is int and 0 <= value <= 5:
            return _BY_LEVEL[value]
        if isinstance(value, str) and value in PRESSURE_NAMES:
            return PRESSURE_NAMES[value]
        raise ValueError(
            f"pressure must be 0..5 or one of {', '.join(PRESSURE_NAMES)}, not {value!r}"
        )


_BY_LEVEL = tuple(Pressure)
#: Level names as plans write them.
PRESSURE_NAMES: dict[str, Pressure] = {p.name.lower(): p for p in Pressure}
