"""Turning settled step drafts into the routine's steps, adding up to the request exactly.

Neighbouring drafts that are the same step (the close of one round and the opening of the next)
become one, where the result is still a plausible length; drafts with no time are left out; the
milliseconds the whole seconds could not hold go to the longest step (of the focus work, if
any), so the steps add up to the requested total to the millisecond. The main position is the
one with the most time: it is the routine's position, and only steps in another position carry
their own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from massage_routines.model.duration import Duration
from massage_routines.model.pressure import Pressure
from massage_routines.model.routine import Step

if TYPE_CHECKING:
    from massage_routines.composition.schedule import StepDraft
    from massage_routines.model.position import Position
    from massage_routines.model.regions import RegionTree


def merge(drafts: list[StepDraft]) -> list[StepDraft]:
    """Join neighbouring drafts of the same step while the sum stays a plausible length."""
    out: list[StepDraft] = []
    for draft in drafts:
        if draft.seconds <= 0:
            continue
        if out:
            last = out[-1]
            if (
                last.part.region == draft.part.region
                and last.part.technique == draft.part.technique
                and last.level == draft.level
                and last.position == draft.position
                and last.part.notes == draft.part.notes
                and last.seconds + draft.seconds <= last.part.long
            ):
                last.seconds += draft.seconds
                continue
        out.append(draft)
    return out


def main_position(drafts: list[StepDraft]) -> Position | None:
    """The position with the most time (the earliest of equal ones)."""
    time: dict[Position, int] = {}
    for draft in drafts:
        time[draft.position] = time.get(draft.position, 0) + draft.seconds
    return max(time, key=lambda p: time[p]) if time else None


def steps_of(
    drafts: list[StepDraft], total_ms: int, tree: RegionTree
) -> tuple[tuple[Step, ...], Position | None]:
    """The steps (adding up to ``total_ms``) and the routine's main position.

    ``drafts`` must not be empty.
    """
    kept = merge(drafts) or drafts[:1]  # under a second: one step takes it all
    position = main_position(kept)
    millis = [d.seconds * 1000 for d in kept]
    rest = total_ms - sum(millis)
    if rest:  # to the longest step of the focus work (or of all) that has room for it
        focus = [i for i, d in enumerate(kept) if d.focus] or list(range(len(kept)))
        room = [i for i in focus if millis[i] + rest <= kept[i].part.long * 1000] or focus
        millis[max(room, key=lambda i: millis[i])] += rest
    steps = tuple(
        Step(
            d.part.technique,
            tree[d.part.region],
            Pressure(d.level),
            Duration(ms),
            None if d.position == position else d.position,
            d.part.notes,
        )
        for d, ms in zip(kept, millis, strict=True)
    )
    return steps, position
