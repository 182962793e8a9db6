"""Sharing the session's time: blocks, then rounds, moves and parts, in whole seconds.

The focus regions share the largest part of the session (:func:`focus_share`), each focus
region an equal part of it, its blocks by their weights; the other blocks share the rest by
their weights. No block gets less than one round of its moves at their shortest plausible
steps: when the session is too short for every block, the links and the goal's extras go
first, then the lightest blocks that are not focus work, until what is left fits. A block with
more time than one round of its moves can use at their longest plausible steps repeats them.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import attrs

from massage_routines.composition.parts import Part
from massage_routines.composition.timing import divide
from massage_routines.model.position import Position
from massage_routines.practice import SIDES, side_of

if TYPE_CHECKING:
    from massage_routines.composition.resolve import ResolvedBlock

#: The share of the session the focus regions get when there is one, when the style works
#: other regions too; each further focus region adds :data:`FOCUS_SHARE_STEP`, up to
#: :data:`FOCUS_SHARE_MAX` (a goal may add more).
FOCUS_SHARE = 0.4
FOCUS_SHARE_STEP = 0.1
FOCUS_SHARE_MAX = 0.8
#: Never less than each focus region's time equal to the most the other blocks give one
#: top-level region (plus this margin), and never more than the ceiling.
FOCUS_SHARE_MARGIN = 0.02
FOCUS_SHARE_CEILING = 0.95
#: A block is worth its place when its share is at least this many times one round of its
#: moves at their shortest plausible steps (less, and every step would be rushed).
COMFORT = 1.25
#: The grains a schedule may use, coarsest first (see :func:`tick_of`).
TICKS: tuple[int, ...] = (15, 5, 1)


@attrs.define
class StepDraft:
    """A step before its pressure is settled: a part, its seconds and its position.

    ``level`` starts as the level the part aims at; :mod:`~massage_routines.composition.
    progression` settles it within ``part.low``..``part.high``. ``focus``: focus work.
    """

    part: Part
    seconds: int
    position: Position
    level: int
    focus: bool = False


def focus_share(focus_groups: int, extra: float) -> float:
    """The share of the session for ``focus_groups`` focus regions (plus a goal's ``extra``)."""
    share = FOCUS_SHARE + FOCUS_SHARE_STEP * (focus_groups - 1) + extra
    return min(FOCUS_SHARE_MAX, share)


def tick_of(total: int) -> int:
    """The grain of the schedule, in seconds: 15 when the total is a whole number of quarter
    minutes (plans read ``2m15s``, not ``2m13s``), else 5, else 1."""
    for tick in TICKS:
        if total % tick == 0:
            return tick
    return 1


def _short(part: Part, tick: int) -> int:
    return -(-part.short // tick)


def _long(part: Part, tick: int) -> int:
    return max(_short(part, tick), part.long // tick)


def block_short(block: ResolvedBlock, tick: int) -> int:
    """One round of the block's moves at their shortest plausible steps, in ticks."""
    return sum(_short(p, tick) for m in block.moves for p in m.parts)


def block_least(block: ResolvedBlock, tick: int = 1) -> int:
    """One round of the block's moves at their shortest when each keeps only its first part
    (all :func:`lay_steps` keeps of a move when time is short), in ticks."""
    return sum(_short(m.parts[0], tick) for m in block.moves if m.parts)


def fit(
    blocks: list[ResolvedBlock],
    total: int,
    extra_focus: float,
    tick: int = 1,
    dropped: list[ResolvedBlock] | None = None,
) -> list[ResolvedBlock]:
    """The blocks worth doing in ``total`` ticks. While a block's share is under
    :data:`COMFORT` times one round of its moves at their shortest, the block with the least
    room gives up a move (:meth:`~massage_routines.composition.resolve.ResolvedBlock.trimmed`:
    its optional moves, then its lightest work between its opening and its close); when no
    block short of time can give up more, the block that is not focus work and has the least
    room goes (``dropped`` gets it), one whose region is worked in another position too first
    (its share goes to that block), so that every region keeps some time where it can; the two
    sides of a limb are trimmed and left out together; when only focus work is left, the
    optional moves go, then the focus block with the least room (the adaptations say so)."""
    active = list(blocks)
    stripped = False
    # id of a block -> the block (kept alive, so the id is not reused) and one round of it at
    # its shortest, in ticks
    shortest: dict[int, tuple[ResolvedBlock, int]] = {}

    def least(block: ResolvedBlock) -> int:
        found = shortest.get(id(block))
        if found is None:
            found = shortest[id(block)] = (block, block_short(block, tick))
        return found[1]

    while len(active) > 1:
        weights = shares(active, extra_focus)
        room = {
            b.order: w * total / (COMFORT * least(b) or 1)
            for w, b in zip(weights, active, strict=True)
        }
        if all(r >= 1 for r in room.values()):
            break
        short = sorted((b for b in active if room[b.order] < 1), key=lambda b: room[b.order])
        trimmed = next(((b, t) for b in short if (t := b.trimmed()) is not None), None)
        if trimmed is not None:
            for block in (trimmed[0], *_twins(trimmed[0], active)):
                less = trimmed[1] if block is trimmed[0] else block.trimmed()
                if less is not None:
                    active[active.index(block)] = less
            continue
        others = [b for b in active if b.focus is None]
        covered = [  # a region worked in another position too (legs prone and supine)
            b for b in others if any(c.area == b.area and c.position != b.position for c in active)
        ]
        droppable = covered or [b for b in others if room[b.order] < 1] or others
        if droppable:
            gone = min(droppable, key=lambda b: (room[b.order], b.weight, -b.order))
            for block in (gone, *_twins(gone, active)):
                active.remove(block)
                if dropped is not None:
                    dropped.append(block)
                heir = next((i for i, c in enumerate(active) if c.area == block.area), None)
                if heir is not None:  # the region's other block takes its share
                    more = active[heir].weight + block.weight
                    active[heir] = attrs.evolve(active[heir], weight=more)
        elif not stripped:
            active = [b.without_optional() for b in active]
            stripped = True
        else:  # focus work alone, and still too much: the focus block with least room goes
            gone = min(active, key=lambda b: (room[b.order], b.weight, -b.order))
            active.remove(gone)
            if dropped is not None:
                dropped.append(gone)
    if len(active) == 1:
        while block_short(active[0], tick) > total:
            less = active[0].trimmed()
            if less is None:
                break
            active[0] = less
    return active


def _twins(block: ResolvedBlock, active: list[ResolvedBlock]) -> list[ResolvedBlock]:
    """The block on the other side of the same limb, next to ``block`` in the same position
    and the same kind of work: the two sides are trimmed and left out together, so that they
    stay balanced."""
    sided = side_of(block.area)
    if sided is None:
        return []
    limb, side = sided
    order = block.order + (1 if side == SIDES[0] else -1)
    return [
        b
        for b in active
        if b.order == order
        and b.position == block.position
        and b.focus == block.focus
        and side_of(b.area) == (limb, next(s for s in SIDES if s != side))
    ]


def shares(blocks: list[ResolvedBlock], extra_focus: float) -> list[float]:
    """Each block's share of the session (adding up to 1): the focus regions share
    :func:`focus_share` equally, each among its blocks by weight; the rest by weight."""
    groups: dict[int, float] = {}
    counts: dict[int, int] = {}
    other = 0.0
    others = 0
    for block in blocks:
        if block.focus is None:
            other += block.weight
            others += 1
        else:
            groups[block.focus] = groups.get(block.focus, 0.0) + block.weight
            counts[block.focus] = counts.get(block.focus, 0) + 1
    if groups and others:
        focus_part = max(
            focus_share(len(groups), extra_focus), _largest(blocks, other, len(groups))
        )
    else:
        focus_part = 1.0 if groups else 0.0
    out: list[float] = []
    for block in blocks:
        if block.focus is None:
            inside = block.weight / other if other > 0 else 1 / others
            out.append((1.0 - focus_part) * inside)
        else:
            group = groups[block.focus]
            inside = block.weight / group if group > 0 else 1 / counts[block.focus]
            out.append(focus_part / len(groups) * inside)
    return out


def _largest(blocks: list[ResolvedBlock], other: float, groups: int) -> float:
    """The focus share at which each focus region gets at least as much as the blocks on any
    one top-level region that is not focus work get together (with a small margin)."""
    by_root: dict[str, float] = {}
    for block in blocks:
        if block.focus is None:
            root = block.area.partition(".")[0]
            by_root[root] = by_root.get(root, 0.0) + block.weight
    most = max(by_root.values()) / other if other > 0 else 1.0
    return min(FOCUS_SHARE_CEILING, groups * most / (1 + groups * most) + FOCUS_SHARE_MARGIN)


def share(blocks: list[ResolvedBlock], total: int, extra_focus: float, tick: int = 1) -> list[int]:
    """Whole ticks for each block, adding up to ``total`` (none under one round at the
    shortest, where the total allows; when it does not, none under one round of the first part
    of each move, all :func:`lay_steps` then keeps)."""
    lows = [block_short(b, tick) for b in blocks]
    if sum(lows) > total:
        lows = [block_least(b, tick) for b in blocks]
    ticks = divide(total, shares(blocks, extra_focus), lows, None)
    _keep_focus_ahead(blocks, ticks, lows)
    return ticks


def _keep_focus_ahead(blocks: list[ResolvedBlock], ticks: list[int], lows: list[int]) -> None:
    """Move single ticks, where rounding left a focus region behind the blocks of another
    top-level region, from the largest of those blocks to the focus region's largest block."""
    focus = {b.focus for b in blocks if b.focus is not None}
    if not focus or all(b.focus is not None for b in blocks):
        return
    for _ in range(4 * len(blocks)):
        by_root: dict[str, list[int]] = {}
        for i, block in enumerate(blocks):
            if block.focus is None:
                by_root.setdefault(block.area.partition(".")[0], []).append(i)
        root = max(by_root, key=lambda r: sum(ticks[i] for i in by_root[r]))
        most = sum(ticks[i] for i in by_root[root])
        in_group = {g: [i for i, b in enumerate(blocks) if b.focus == g] for g in focus}
        group = min(focus, key=lambda g: sum(ticks[i] for i in in_group[g]))
        members = in_group[group]
        if sum(ticks[i] for i in members) >= most:
            return
        donors = [i for i in by_root[root] if ticks[i] > lows[i]]
        if not donors:
            return
        donor = max(donors, key=lambda i: ticks[i])
        ticks[donor] -= 1
        ticks[max(members, key=lambda i: ticks[i])] += 1


def lay_steps(block: ResolvedBlock, ticks: int, tick: int = 1) -> list[StepDraft]:
    """The steps of ``block`` in ``ticks`` ticks of ``tick`` seconds: rounds of its moves, each
    move's time shared among its parts, every step within its plausible length where the time
    allows."""
    moves = block.moves
    part_lows = [[_short(p, tick) for p in m.parts] for m in moves]
    part_highs = [[_long(p, tick) for p in m.parts] for m in moves]
    lows = [sum(v) for v in part_lows]
    longs = [sum(v) for v in part_highs]
    highs: list[int | None] = list(longs)
    short, long = sum(lows), sum(longs)
    rounds = 1
    if long > 0 and ticks > long:
        rounds = math.ceil(ticks / long)
        while rounds > 1 and ticks // rounds < short:
            rounds -= 1
    weights = [m.weight for m in moves]
    out: list[StepDraft] = []
    # A move of several parts may keep only its first (_parts_that_fit): when the round is too
    # short for every part, it asks only for that one, so the other moves keep their share.
    first_lows = [v[0] if v else 0 for v in part_lows]
    for round_ticks in divide(ticks, [1.0] * rounds):
        shared = divide(round_ticks, weights, lows if round_ticks >= short else first_lows, highs)
        for i, (move, move_ticks) in enumerate(zip(moves, shared, strict=True)):
            parts = move.parts
            lows_i, highs_i = part_lows[i], list(part_highs[i])
            if len(parts) > 1 and move_ticks < sum(lows_i):
                parts, lows_i, highs_i = _parts_that_fit(parts, lows_i, highs_i, move_ticks)
            if len(parts) == 1:  # the move's time is its one step's
                each = [move_ticks]
            else:
                each = divide(move_ticks, [1.0] * len(parts), lows_i, highs_i)
            out.extend(
                StepDraft(part, n * tick, block.position, part.level, block.focus is not None)
                for part, n in zip(parts, each, strict=True)
            )
    return out


def _parts_that_fit(
    parts: tuple[Part, ...], lows: list[int], highs: list[int], ticks: int
) -> tuple[tuple[Part, ...], list[int], list[int]]:
    """The first parts of a move whose shortest steps fit in ``ticks`` (at least one), so that
    no step is shorter than plausible; the first kept part's notes say which were left out."""
    kept, used = 1, lows[0]
    while kept < len(parts) and used + lows[kept] <= ticks:
        used += lows[kept]
        kept += 1
    left = ", ".join(dict.fromkeys(p.region for p in parts[kept:]))
    said = f"no time for {parts[0].technique} on {left} in this session"
    first = attrs.evolve(parts[0], notes=f"{parts[0].notes}; {said}" if parts[0].notes else said)
    return (first, *parts[1:kept]), lows[:kept], highs[:kept]
