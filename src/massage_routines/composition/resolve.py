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

from massage_routines.composition.adaptations import Adaptation
from massage_routines.composition.blocks import FALLBACK_TECHNIQUE, MoveDraft, Role
from massage_routines.composition.parts import Aim, Part, place
from massage_routines.model.position import Position
from massage_routines.plugins.records import Move, PressureRange
from massage_routines.practice import CALM, WARM, closing_of, opening_of

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
    role: Role = "work"

    @property
    def optional(self) -> bool:
        """Whether the move may be left out to make room (links, the goal's extras, the
        variations of specific work)."""
        return self.role in ("link", "extra", "vary")

    @property
    def deep(self) -> bool:
        """Whether the move is aimed past :data:`~massage_routines.practice.WARM` (specific
        work: the last of a block's work to go when time is short)."""
        return any(p.level > WARM for p in self.parts)

    @property
    def trimmable(self) -> bool:
        """Whether the move may go when its block is short of time: the block's own work
        between its opening and its close (the opening, flush and close stay)."""
        return self.role in ("work", "link", "extra", "vary")

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

    def trimmed(self) -> ResolvedBlock | None:
        """The block with one move less, for a block short of time: an optional move, else
        the lightest of its work that is neither its first move nor its last, else its close;
        ``None`` when nothing more can go."""
        moves = self.moves
        if any(m.optional for m in moves) and not all(m.optional for m in moves):
            return self.without_optional()
        inner = [i for i in range(1, len(moves) - 1) if moves[i].trimmable]
        if not inner:
            # Down to its opening stroke, when nothing else is left to go.
            return attrs.evolve(self, moves=moves[:1]) if len(moves) == 2 else None
        drop = min(inner, key=lambda i: (moves[i].deep, moves[i].weight, -i))
        return attrs.evolve(self, moves=moves[:drop] + moves[drop + 1 :])


class Resolver:
    """Places the moves of block drafts for one request (aim, seed and constraints)."""

    def __init__(
        self,
        constraints: Constraints,
        goal: GoalPlan,
        seed: int,
        preferred: int | None = None,
    ) -> None:
        self.constraints = constraints
        self.goal = goal
        self.rng = random.Random(seed)
        self.preferred = preferred
        self.empty: list[BlockDraft] = []
        self._left: dict[tuple[str, str], list[str]] = {}
        self._replaced: dict[str, list[str]] = {}

    @property
    def adapted(self) -> list[Adaptation]:
        """The techniques left out or replaced for the client, one adaptation per reason."""
        out = [
            Adaptation(
                "technique_left_out",
                areas[0] if len(set(areas)) == 1 else None,
                f"no {name} on {', '.join(dict.fromkeys(areas))}: {why}",
            )
            for (name, why), areas in self._left.items()
        ]
        grouped: dict[tuple[str, str], tuple[list[str], list[str]]] = {}
        for instead, regions in self._replaced.items():
            said, _, why = instead.partition(": ")
            name, _, first = said.partition(" instead of ")
            firsts, where = grouped.setdefault((name, why), ([], []))
            firsts.append(first)
            where.extend(regions)
        for (name, why), (firsts, regions) in grouped.items():
            out.append(
                Adaptation(
                    "technique_replaced",
                    regions[0] if len(set(regions)) == 1 else None,
                    f"{name} instead of {', '.join(dict.fromkeys(firsts))} on "
                    f"{', '.join(dict.fromkeys(regions))}: {why}",
                )
            )
        return out

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
            for variant in self._variants(move):
                resolved = self.move(draft.area, draft.position, draft.focus is not None, variant)
                if resolved is None:
                    self._left_out(draft, variant)
                    continue
                if variant.role == "vary" and any(
                    _same(m, resolved) for m in moves if m.role in ("work", "vary")
                ):
                    continue  # the client allows no other technique here
                if move.role == "link":
                    moves.append(resolved)
                elif moves and moves[-1].role == "link" and _same(moves[-1], resolved):
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

    def _variants(self, move: MoveDraft) -> list[MoveDraft]:
        """Specific work offering several techniques within its area, as one move per
        technique (each trying the others after it), so that deep work varies its techniques;
        all but the first may go when time is short. Any other move as it is."""
        names = move.techniques
        spec = move.move
        if move.role != "work" or spec.target != "within" or len(spec.techniques) < 2:
            return [move]
        own = spec.techniques
        weight = spec.weight / len(own)
        out = []
        for i in range(len(own)):
            order = (*own[i:], *own[:i], *(t for t in names if t not in own))
            out.append(
                MoveDraft(
                    attrs.evolve(spec, techniques=own[i:] + own[:i], weight=weight),
                    order,
                    "work" if i == 0 else "vary",
                )
            )
        return out

    def _left_out(self, draft: BlockDraft, move: MoveDraft) -> None:
        """Say why a move the shape gives is not done on the block's area, when the client's
        limits are why."""
        if move.role not in ("work", "extra"):
            return
        whys = [self.constraints.why_not(name, draft.area) for name in move.move.techniques]
        first = whys[0] if whys else None
        if first is None or None in whys:
            return  # not the client's limits (a site, a position, the style, the request)
        self._left.setdefault((move.move.techniques[0], first), []).append(draft.area)

    def open(self, block: ResolvedBlock) -> ResolvedBlock:
        """The session's first block, opening with a light broad stroke (effleurage at
        :data:`~massage_routines.practice.CALM` or less) where it does not already."""
        first = block.moves[0]
        opening = opening_of(self.constraints.style)
        if all(p.technique in opening and p.level <= CALM for p in first.parts):
            return block
        opened = self._with(block, opening, "open", at_end=False)
        if opened is not None:
            return opened
        # None of the style's opening strokes is allowed here: the first move starts as gently
        # as it may, and says why the session opens with it.
        part = first.parts[0]
        said = (
            f"opens with {part.technique}: no opening stroke ({', '.join(opening)}) is allowed "
            f"on {part.region} for this client"
        )
        gentle = attrs.evolve(
            part,
            level=max(part.low, min(part.level, CALM)),
            notes=f"{part.notes}; {said}" if part.notes else said,
        )
        moves = (attrs.evolve(first, parts=(gentle, *first.parts[1:])), *block.moves[1:])
        return attrs.evolve(block, moves=moves)

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
        for part in parts:
            if part.instead is not None:
                self._replaced.setdefault(part.instead, []).append(part.region)
        return ResolvedMove(tuple(parts), weight, move.role)

    def _aim(self, band: PressureRange, focus: bool) -> int:
        low, high = int(band.low), int(band.high)
        preferred = self.preferred
        if preferred is not None:
            return min(max(preferred, low), high)
        aim = self.goal.aim
        if aim == "low":
            return low
        if aim == "focus_high":
            return high if focus else (low + high) // 2
        return self.rng.randint(low, high)

    def close(self, block: ResolvedBlock) -> ResolvedBlock:
        """The session's last block, ending calmly: the goal's closing technique where it has
        one and it is allowed there, else a light broad stroke, at
        :data:`~massage_routines.practice.CALM` or less."""
        closing = self.goal.closing
        names = (closing,) if closing is not None else ()
        names = (*names, *(t for t in closing_of(self.constraints.style) if t not in names))
        last = block.moves[-1]
        if all(p.technique in names and p.level <= CALM for p in last.parts):
            return block
        return self._with(block, names, "close", at_end=True) or block

    def _with(
        self, block: ResolvedBlock, names: tuple[str, ...], role: Role, *, at_end: bool
    ) -> ResolvedBlock | None:
        """``block`` with a light stroke of the first of ``names`` allowed on its area added
        at its start or its end (``None`` when none is)."""
        style = self.constraints.style.techniques
        usable = tuple(t for t in names if t in style) or names
        for name in usable:
            draft = MoveDraft(Move((name,), PressureRange(1, CALM)), (name,), role)
            resolved = self.move(block.area, block.position, block.focus is not None, draft)
            if resolved is None or any(p.level > CALM for p in resolved.parts):
                continue
            moves = (*block.moves, resolved) if at_end else (resolved, *block.moves)
            return attrs.evolve(block, moves=moves)
        return None


def _same(a: ResolvedMove, b: ResolvedMove) -> bool:
    """Whether two moves are the same technique on the same regions."""
    return [(p.technique, p.region) for p in a.parts] == [(p.technique, p.region) for p in b.parts]
