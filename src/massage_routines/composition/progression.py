"""Settling pressure along the session: warm up before deep work, change pressure gradually.

domain.md section 1, as the progression rule checks it: a step at 4 or 5 needs an earlier step
at 3 or less on an overlapping region (the same region, an ancestor or a descendant), and the
pressure of a step is within 2 of the most recent earlier step on an overlapping region. As the
craft rule asks (K003), the warm-up before 4 or 5 lasts at least
:data:`~massage_routines.practice.WARM_UP_SECONDS` on the same tissue.

:func:`settle` walks the steps once, keeping for every region the last step that overlapped it
(so the work grows with the steps times the size of their regions, never with the square of the
steps), and moves each step's level as little as it can from the level it aims at. Where a
change cannot be made gradual from the later step (nerve strokes are only ever 1), the earlier
step is lowered or raised instead and the walk repeats, a few times at most.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from massage_routines.practice import MAX_JUMP, WARM, WARM_UP_SECONDS

if TYPE_CHECKING:
    from massage_routines.composition.schedule import StepDraft
    from massage_routines.model.regions import RegionTree

#: How many times the walk repeats to smooth a change the later step could not absorb.
PASSES = 6

#: Makes a warm-up step for a step whose technique cannot go as low as :data:`WARM`.
WarmUp = Callable[["StepDraft"], "StepDraft | None"]


def settle(
    steps: list[StepDraft], tree: RegionTree, warm_up: WarmUp | None = None
) -> list[StepDraft]:
    """Set every step's ``level``; returns the steps (with any warm-up steps inserted)."""
    steps = _warm_ups(steps, tree, warm_up) if warm_up is not None else steps
    aims = [s.level for s in steps]
    floors = [s.part.low for s in steps]
    ceilings = [s.part.high for s in steps]
    for _ in range(PASSES):
        if not _walk(steps, aims, floors, ceilings, tree):
            break
    return steps


def _walk(
    steps: list[StepDraft],
    aims: list[int],
    floors: list[int],
    ceilings: list[int],
    tree: RegionTree,
) -> bool:
    """One walk; returns whether an earlier step's bounds were changed (walk again)."""
    latest: dict[str, int] = {}
    warm: dict[str, int] = {}  # region -> seconds of earlier work at WARM or less overlapping it
    changed = False
    for i, step in enumerate(steps):
        low, high = floors[i], ceilings[i]
        level = min(max(aims[i], low), high)
        region = step.part.region
        before = latest.get(region)
        if before is not None:
            previous = steps[before].level
            if low > previous + MAX_JUMP:
                changed |= _raise_floor(before, low - MAX_JUMP, floors, ceilings)
            elif high < previous - MAX_JUMP:
                changed |= _lower_ceiling(before, high + MAX_JUMP, floors, ceilings)
            level = min(max(level, previous - MAX_JUMP), previous + MAX_JUMP)
            level = min(max(level, low), high)
        if level > WARM and warm.get(region, 0) < WARM_UP_SECONDS:
            level = max(min(level, WARM), low)
        step.level = level
        touching = tree.touching(region)
        for name in touching:
            latest[name] = i
        if level <= WARM:
            for name in touching:
                warm[name] = warm.get(name, 0) + step.seconds
    return changed


def _raise_floor(i: int, level: int, floors: list[int], ceilings: list[int]) -> bool:
    level = min(level, ceilings[i])
    if level > floors[i]:
        floors[i] = level
        return True
    return False


def _lower_ceiling(i: int, level: int, floors: list[int], ceilings: list[int]) -> bool:
    level = max(level, floors[i])
    if level < ceilings[i]:
        ceilings[i] = level
        return True
    return False


def _warm_ups(steps: list[StepDraft], tree: RegionTree, warm_up: WarmUp) -> list[StepDraft]:
    """Insert a warm-up before each step that cannot go as low as :data:`WARM` and has no
    earlier step that could warm its region."""
    out: list[StepDraft] = []
    warmed: set[str] = set()
    for step in steps:
        region = step.part.region
        if step.part.low > WARM and region not in warmed:
            extra = warm_up(step)
            if extra is not None:
                out.append(extra)
                warmed.update(tree.touching(extra.part.region))
        out.append(step)
        if step.part.low <= WARM:
            warmed.update(tree.touching(region))
    return out
