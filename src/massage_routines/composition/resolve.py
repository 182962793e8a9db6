"""Fitting the block drafts to the client: each move placed on the regions it may be done on.

Each move of each block is placed by :func:`~massage_routines.composition.parts.place` at the
pressure the goal aims at. A move that cannot be done anywhere on its block is left out (a
move of one technique, such as tapotement, is done "where allowed"); a block left with no move
gets broad effleurage instead, and a block where not even that is allowed is left out, with a
reason. A link that would repeat the move after it is dropped, and :meth:`Resolver.close` ends
the session with the goal's close.
"""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

import attrs

from massage_routines.composition.blocks import FALLBACK_TECHNIQUE, MoveDraft
from massage_routines.composition.parts import Aim, Part, place
from massage_routines.model.position import Position
from massage_routines.plugins.records import Move, PressureRange

if TYPE_CHECKING:
    from massage_routines.composition.blocks import BlockDraft
    from massage_routines.composition.constraints import Constraints
    from massage_routines.composition.goals import GoalPlan


@attrs.frozen
class ResolvedMove:
    """A move fitted to the client: its parts (one step each), its share and its bounds in
    whole seconds (the sum of its parts' plausible step lengths)."""

    parts: tuple[Part, ...]
    weight: float
    optional: bool = False

    @property
    def short(self) -> int:
        """The fewest seconds the move takes with every part at its shortest plausible step."""
        return sum(p.short for p in self.parts)

    @property
    def long(self) -> int:
        """The most seconds the move takes with every part at its longest plausible step."""
        return sum(p.long for p in self.parts)


@attrs.frozen
class ResolvedBlock:
    """A block fitted to the client, with its place in the session (``order``)."""

    area: str
    weight: float
    moves: tuple[ResolvedMove, ...]
    position: Position
    focus: int | None
    order: int

    @property
    def short(self) -> int:
        """The fewest seconds one round of the block takes."""
        return sum(m.short for m in self.moves)

    @property
    def long(self) -> int:
        """The most seconds one round of the block takes."""
        return sum(m.long for m in self.moves)

    def without_optional(self) -> ResolvedBlock:
        """The block without its optional moves (when it has others)."""
        kept = tuple(m for m in self.moves if not m.optional)
        return attrs.evolve(self, moves=kept) if kept else self


class Resolver:
    """Places the moves of block drafts for one request (aim, seed and constraints)."""

    def __init__(self, constraints: Constraints, goal: GoalPlan, seed: int) -> None:
        self.constraints = constraints
        self.goal = goal
        self.rng = random.Random(seed)
        self.right_first = self.rng.random() < 0.5
        self.empty: list[BlockDraft] = []

    def resolve(self, drafts: list[BlockDraft]) -> list[ResolvedBlock]:
        """The blocks that can be done, in order; the ones that cannot are in ``empty``."""
        out: list[ResolvedBlock] = []
        for order, draft in enumerate(drafts):
            moves = self._moves(draft)
            if not moves:
                self.empty.append(draft)
                continue
            out.append(
                ResolvedBlock(draft.area, draft.weight, moves, draft.position, draft.focus, order)
            )
        return out

    def _moves(self, draft: BlockDraft) -> tuple[ResolvedMove, ...]:
        moves: list[ResolvedMove] = []
        for move in draft.moves:
            resolved = self.move(draft.area, draft.position, draft.focus is not None, move)
            if resolved is None:
                continue
            if move.role == "link":
                moves.append(resolved)
            elif moves and moves[-1].optional and _same(moves[-1], resolved):
                moves[-1] = resolved  # the link would only repeat this move's opening
            else:
                moves.append(resolved)
        if not any(not m.optional for m in moves):
            first = draft.moves[0].move if draft.moves else None
            band = first.pressure if first is not None else PressureRange(1, 2)
            broad = Move((FALLBACK_TECHNIQUE,), band)
            broad_draft = MoveDraft(broad, broad.techniques)
            resolved = self.move(draft.area, draft.position, draft.focus is not None, broad_draft)
            moves = [resolved] if resolved is not None else []
        return tuple(moves)

    def move(
        self, area: str, position: Position, focus: bool, move: MoveDraft
    ) -> ResolvedMove | None:
        """``move`` placed on ``area`` in ``position``, or ``None`` where it cannot be done (or
        the goal gives it no share); ``focus`` says whether it is focus work."""
        aim = Aim(
            move.techniques, move.move.pressure, self._aim(move.move.pressure, focus), position
        )
        within = move.move.target == "within"
        parts = place(self.constraints, area, aim, within=within)
        if not parts:
            return None
        if within and all(p.technique not in move.move.techniques for p in parts):
            # Only the broad fallback is allowed: it is done on the area, not part by part.
            parts = place(self.constraints, area, aim)
        spec = self.constraints.registry.techniques[parts[0].technique]
        weight = move.move.weight * self.goal.factor(spec.name, spec.family)
        if weight <= 0:
            return None
        if self.right_first and len(parts) > 1:
            parts.sort(key=lambda p: 0 if ".right" in p.region else 1)
        return ResolvedMove(tuple(parts), weight, move.optional)

    def _aim(self, band: PressureRange, focus: bool) -> int:
        low, high = int(band.low), int(band.high)
        aim = self.goal.aim
        if aim == "low":
            return low
        if aim == "focus_high":
            return high if focus else (low + high) // 2
        return self.rng.randint(low, high)

    def close(self, block: ResolvedBlock) -> ResolvedBlock:
        """The session's last block, ending with the goal's closing technique where the goal
        has one and it is allowed there."""
        closing = self.goal.closing
        if closing is None:
            return block
        last = block.moves[-1]
        if all(p.technique == closing for p in last.parts):
            return block
        if closing not in self.constraints.style.techniques:
            return block
        band = PressureRange(1, 1)
        close = MoveDraft(Move((closing,), band), (closing,), "close")
        resolved = self.move(block.area, block.position, block.focus is not None, close)
        if resolved is None:
            return block
        return attrs.evolve(block, moves=(*block.moves, resolved))


def _same(a: ResolvedMove, b: ResolvedMove) -> bool:
    """Whether two moves are the same technique on the same regions."""
    return [(p.technique, p.region) for p in a.parts] == [(p.technique, p.region) for p in b.parts]
