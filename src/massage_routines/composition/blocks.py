"""Laying out a session: the style's shape, expanded for the request, as a list of block drafts.

The shape's blocks are taken in order (:data:`~massage_routines.plugins.records.AT_FOCUS` blocks
once per focus region; a block with no moves takes the shape's pattern). A focus region that no
block works gets a block of its own: right after the first block that holds it (``back.lower``
after ``back``, with that block's moves), or, when none does, after the last block done in the
position the region is worked in. A region the request includes that no block works gets one
too. The goal then adjusts the drafts (weights around the joints, an extra stretch, the close),
and the shape's ``link`` opens every block after the first.

Nothing here decides what is safe: the drafts say what the style would do, and
:mod:`massage_routines.composition.parts` fits each move to the client.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

import attrs

from massage_routines.model.position import Position
from massage_routines.model.regions import contains, overlaps
from massage_routines.plugins.records import AT_FOCUS, Move, PressureRange
from massage_routines.practice import SIDES, WARM, unsided

if TYPE_CHECKING:
    from massage_routines.composition.goals import GoalPlan
    from massage_routines.composition.positions import PositionChooser
    from massage_routines.model.regions import RegionTree
    from massage_routines.plugins.records import StyleSpec
    from massage_routines.plugins.registry import Registry

#: The technique every multi-technique move falls back to when none of its own is allowed.
FALLBACK_TECHNIQUE = "effleurage"

#: The moves of a block added on a region the shape does not work, for a shape with neither a
#: pattern nor focus blocks: open, knead, close (techniques the registry lacks are left out).
GENERIC_PATTERN: tuple[Move, ...] = (
    Move(("effleurage",), PressureRange(1, 2), weight=1),
    Move(("petrissage", "effleurage"), PressureRange(2, 3), weight=2),
    Move(("effleurage",), PressureRange(1, 2), weight=1),
)

#: The flush that ends a block whose work goes past :data:`~massage_routines.practice.WARM`:
#: broad strokes at 2-3 over the area just worked deeply.
FLUSH: Move = Move(("effleurage",), PressureRange(2, WARM), weight=1)

#: What a move is in its block: the shape's own work, the link from the block before, an extra
#: move the goal adds, or the close the goal adds. Links and extras go first when time is short.
Role = Literal["work", "link", "extra", "close", "open", "flush", "vary"]


@attrs.frozen
class MoveDraft:
    """A move as the shape gives it, with the techniques to try in order."""

    move: Move
    techniques: tuple[str, ...]
    role: Role = "work"

    @property
    def optional(self) -> bool:
        """Whether the move may be left out to make room (links, the goal's extras and the
        variations of specific work)."""
        return self.role in ("link", "extra", "vary")


@attrs.frozen
class BlockDraft:
    """A block of the session: an area, its weight, its moves, its position, and the index of
    the focus region it works (``None`` for a block that is not focus work)."""

    area: str
    weight: float
    moves: tuple[MoveDraft, ...]
    position: Position
    focus: int | None = None


@attrs.define
class _Entry:
    area: str
    weight: float
    moves: tuple[Move, ...]
    position: Position | None
    focus: int | None


def techniques_of(move: Move, registry: Registry) -> tuple[str, ...]:
    """A move's techniques to try, then effleurage for a move that offers alternatives (a move
    of one technique is done where allowed, and left out elsewhere)."""
    names = move.techniques
    if (
        len(names) > 1
        and FALLBACK_TECHNIQUE not in names
        and FALLBACK_TECHNIQUE in registry.techniques
    ):
        return (*names, FALLBACK_TECHNIQUE)
    return names


def fallback_moves(style: StyleSpec, registry: Registry) -> tuple[Move, ...]:
    """The moves of a block the shape does not give: its pattern, else the moves of its focus
    block, else the generic open-knead-close (with the techniques the style uses), else the
    moves of its longest block, else its link."""
    shape = style.shape
    if shape.pattern:
        return shape.pattern
    for block in shape.blocks:
        if block.region == AT_FOCUS and block.moves:
            return block.moves
    usable = set(style.techniques) & set(registry.techniques)
    generic = tuple(
        Move(tuple(t for t in m.techniques if t in usable), m.pressure, m.weight)
        for m in GENERIC_PATTERN
        if any(t in usable for t in m.techniques)
    )
    if generic:
        return generic
    with_moves = [b for b in shape.blocks if b.moves]
    if with_moves:
        return max(with_moves, key=lambda b: b.weight).moves
    return (shape.link,) if shape.link is not None else ()


def sides_of(region: str, tree: RegionTree) -> tuple[str, ...]:
    """A limb pair as its sides, in the order they are worked (``leg`` → ``leg.left``,
    ``leg.right``); any other region as itself."""
    if unsided(region):
        sides = tuple(f"{region}.{side}" for side in SIDES if f"{region}.{side}" in tree)
        if sides:
            return sides
    return (region,)


def lay_out(
    style: StyleSpec,
    registry: Registry,
    chooser: PositionChooser,
    *,
    focus: tuple[str, ...],
    include: tuple[str, ...] | None,
    goal: GoalPlan,
) -> list[BlockDraft]:
    """The blocks of a session of ``style`` for these focus regions, included regions and goal."""
    shape = style.shape
    fallback = fallback_moves(style, registry)
    entries: list[_Entry] = []

    def focus_of(area: str) -> int | None:
        for i, name in enumerate(focus):
            if contains(name, area):
                return i
        return None

    tree = registry.regions
    for block in shape.blocks:
        moves = block.moves or shape.pattern or fallback
        if block.region == AT_FOCUS:
            for i, name in enumerate(focus):
                sides = sides_of(name, tree)
                entries.extend(
                    _Entry(side, block.weight / len(sides), moves, block.position, i)
                    for side in sides
                )
        else:
            sides = sides_of(block.region, tree)
            entries.extend(
                _Entry(side, block.weight / len(sides), moves, block.position, focus_of(side))
                for side in sides
            )
    for i, name in enumerate(focus):
        if not any(e.focus == i for e in entries):
            sides = sides_of(name, tree)
            for side in sides:
                _add(entries, _Entry(side, 1.0 / len(sides), fallback, None, i), chooser, style)
    for name in include or ():
        if not any(overlaps(name, e.area) for e in entries):
            sides = sides_of(name, tree)
            for side in sides:
                _add(entries, _Entry(side, 1.0 / len(sides), fallback, None, None), chooser, style)
    return _finish(entries, style, registry, chooser, goal)


def _add(entries: list[_Entry], new: _Entry, chooser: PositionChooser, style: StyleSpec) -> None:
    """Place a block on a region the shape does not work: after the first block that holds it
    (with its moves and position), else after the last block in the region's position."""
    for i, entry in enumerate(entries):
        if contains(entry.area, new.area):
            entries.insert(i + 1, attrs.evolve(new, moves=entry.moves, position=entry.position))
            return
    wanted = chooser.preferred_for(new.area) or (style.positions[0] if style.positions else None)
    new.position = wanted
    last = None
    for i, entry in enumerate(entries):
        if chooser.choose(entry.position) == chooser.choose(wanted):
            last = i
    entries.insert(len(entries) if last is None else last + 1, new)


def _finish(
    entries: list[_Entry],
    style: StyleSpec,
    registry: Registry,
    chooser: PositionChooser,
    goal: GoalPlan,
) -> list[BlockDraft]:
    """The entries as block drafts: positions chosen, the goal's weights, extra move and close
    applied, and the link opening every block after the first (unless it opens with it)."""
    link = style.shape.link
    extra = _extra(goal, style, registry)
    out: list[BlockDraft] = []
    for entry, position in _grouped(entries, chooser):
        drafts = [MoveDraft(m, techniques_of(m, registry)) for m in entry.moves]
        weight = entry.weight
        if goal.joints and any(overlaps(entry.area, j) for j in goal.joints):
            weight *= goal.joint_weight
            if extra is not None:
                drafts.insert(max(len(drafts) - 1, 0), MoveDraft(extra, extra.techniques, "extra"))
        if goal.closing is not None and drafts:
            drafts[-1] = _closing_first(drafts[-1], goal.closing)
        if drafts and int(drafts[-1].move.pressure.high) > WARM:  # deep work: then a flush
            drafts.append(MoveDraft(FLUSH, techniques_of(FLUSH, registry), "flush"))
        if link is not None and out and not _opens_with(drafts, link):
            drafts.insert(0, MoveDraft(link, techniques_of(link, registry), "link"))
        out.append(BlockDraft(entry.area, weight, tuple(drafts), position, entry.focus))
    return out


def _grouped(entries: list[_Entry], chooser: PositionChooser) -> list[tuple[_Entry, Position]]:
    """The entries with their positions, grouped by position in the order the positions first
    come (prone blocks, then supine ones: the client turns once per change of position). Two
    entries on one region that the shape gives in two positions and end up in one become one;
    an entry no position is allowed for is left out (and kept in ``chooser.unplaced``)."""
    placed: list[tuple[_Entry, Position]] = []
    for entry in entries:
        position = chooser.choose(entry.position)
        if position is None:
            chooser.unplaced.append(entry.area)
            continue
        same = next(
            (
                e
                for e, p in placed
                if e.area == entry.area
                and p == position
                and e.focus == entry.focus
                and e.position != entry.position
            ),
            None,
        )
        if same is not None:  # worked in one position after all (legs prone and supine,
            same.weight += entry.weight  # both side-lying in pregnancy): one block, once
        else:
            placed.append((attrs.evolve(entry), position))
    order = list(dict.fromkeys(p for _, p in placed))
    return sorted(placed, key=lambda item: order.index(item[1]))


def _extra(goal: GoalPlan, style: StyleSpec, registry: Registry) -> Move | None:
    """The goal's extra move, with only the techniques the style uses."""
    if goal.extra is None:
        return None
    names = tuple(
        t for t in goal.extra.techniques if t in style.techniques and t in registry.techniques
    )
    return attrs.evolve(goal.extra, techniques=names) if names else None


def _opens_with(drafts: list[MoveDraft], link: Move) -> bool:
    """Whether the block already opens with the link's stroke on its whole area."""
    if not drafts:
        return False
    first = drafts[0].move
    return first.target == link.target and first.techniques[:1] == link.techniques[:1]


def _closing_first(draft: MoveDraft, closing: str) -> MoveDraft:
    """The block's last move with the goal's closing technique tried first, where it offers it."""
    names = draft.techniques
    if closing not in names or names[0] == closing:
        return draft
    return attrs.evolve(draft, techniques=(closing, *(t for t in names if t != closing)))
