"""Choosing the position of a block: the shape's, unless the client's conditions rule it out.

A block is done in the position its shape gives (the style's first position when it gives
none). When a condition forbids that position (pregnancy from the second trimester: not prone)
or discourages it (pregnancy: supine; a pacemaker: prone), the block moves to the nearest
alternative the style uses: side-lying first, since every region can be reached from it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from massage_routines.model.position import Position

if TYPE_CHECKING:
    from massage_routines.plugins.records import StyleSpec
    from massage_routines.validation.profile import PositionLimit, Profile

#: For each built-in position, the ones to try instead, nearest first (a plugin's position
#: falls back to the style's other positions, in the style's order).
ALTERNATIVES: dict[Position, tuple[Position, ...]] = {
    Position.PRONE: (Position.SIDE_LYING, Position.SEATED, Position.SUPINE),
    Position.SUPINE: (Position.SIDE_LYING, Position.SEATED, Position.PRONE),
    Position.SIDE_LYING: (Position.PRONE, Position.SUPINE, Position.SEATED),
    Position.SEATED: (Position.SIDE_LYING, Position.PRONE, Position.SUPINE),
    Position.STANDING: (Position.SEATED, Position.SUPINE, Position.SIDE_LYING),
}

#: Regions reached from the front: a block added on one of them is done supine where it can be.
FRONT_REGIONS: tuple[str, ...] = ("chest", "abdomen", "head.face", "neck.anterior")


class PositionChooser:
    """The position a block is done in, for one style and one client (cached per wish)."""

    __slots__ = ("_chosen", "moved", "profile", "style", "unplaced")

    def __init__(self, style: StyleSpec, profile: Profile) -> None:
        self.style = style
        self.profile = profile
        self._chosen: dict[Position | None, Position | None] = {}
        #: Positions the shape asked for that the client's conditions moved: wanted → (chosen,
        #: the condition that forbids or discourages the wanted one).
        self.moved: dict[Position, tuple[Position, PositionLimit]] = {}
        #: Areas of blocks no position is allowed for (left out, and said so).
        self.unplaced: list[str] = []

    def choose(self, wanted: Position | None) -> Position | None:
        """``wanted`` (or the style's first position) if allowed, else the nearest one that is
        allowed and not discouraged, else the nearest allowed; ``None`` if none is."""
        if wanted not in self._chosen:
            self._chosen[wanted] = self._choose(wanted)
        return self._chosen[wanted]

    def _choose(self, wanted: Position | None) -> Position | None:
        uses = self.style.positions
        if not uses:
            return None
        first = wanted if wanted in uses else uses[0]
        order = [first, *(p for p in ALTERNATIVES.get(first, ()) if p in uses)]
        order.extend(p for p in uses if p not in order)
        forbidden = {limit.position for limit in self.profile.forbid_positions}
        discouraged = {limit.position for limit in self.profile.discourage_positions}
        allowed = [p for p in order if p not in forbidden]
        chosen = next((p for p in allowed if p not in discouraged), None)
        if chosen is None:
            chosen = allowed[0] if allowed else None
        if chosen is not None and chosen != first:
            why = [*self.profile.forbid_positions, *self.profile.discourage_positions]
            limit = next((lim for lim in why if lim.position == first), None)
            if limit is not None:
                self.moved[first] = (chosen, limit)
        return chosen

    def preferred_for(self, region: str) -> Position | None:
        """The position to work ``region`` in when the shape gives none for it."""
        if any(region == f or region.startswith(f + ".") for f in FRONT_REGIONS):
            return Position.SUPINE if Position.SUPINE in self.style.positions else None
        return None
