"""Turning settled step drafts into the routine's steps, adding up to the request exactly.

Neighbouring drafts that are the same step (the close of one round and the opening of the next)
become one, where the result is still a plausible length; drafts with no time are left out; the
milliseconds the whole seconds could not hold go to the longest step (of the focus work, if
any), so the steps add up to the requested total to the millisecond. The main position is the
one with the most time: it is the routine's position, and only steps in another position carry
their own.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import attrs

from massage_routines.model.duration import Duration
from massage_routines.model.position import Position
from massage_routines.model.pressure import Pressure
from massage_routines.model.routine import Routine, Step
from massage_routines.practice import CALM, MAX_JUMP, VARIED_SECONDS, WARM

if TYPE_CHECKING:
    from massage_routines.composition.adaptations import Adaptation
    from massage_routines.composition.parts import Part
    from massage_routines.composition.schedule import StepDraft
    from massage_routines.model.regions import RegionTree


#: Seconds that time moved between steps comes in: plans read 2m45s, not 2m43s.
_STEP = 5


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
    drafts: list[StepDraft],
    total_ms: int,
    tree: RegionTree,
    alternative: Alternative | None = None,
    *,
    self_applied: bool = False,
) -> tuple[tuple[Step, ...], Position | None]:
    """The steps (adding up to ``total_ms``) and the routine's main position.

    ``drafts`` must not be empty. A change of position is said in the step's notes, to the
    person themselves in a ``self_applied`` style.
    """
    kept = merge(drafts) or drafts[:1]  # under a second: one step takes it all
    vary(kept, tree, alternative)
    _keep_deep_runs_short(kept)
    position = main_position(kept)
    millis = [d.seconds * 1000 for d in kept]
    _give_rest(kept, millis, total_ms - sum(millis))
    steps = []
    before = kept[0].position
    for d, ms in zip(kept, millis, strict=True):
        notes = d.part.notes
        if d.position != before:
            notes = _join(turn_note(d.position, self_applied=self_applied), notes)
            before = d.position
        steps.append(
            Step(
                d.part.technique,
                tree[d.part.region],
                Pressure(d.level),
                Duration(ms),
                None if d.position == position else d.position,
                notes,
            )
        )
    return tuple(steps), position


def _give_rest(kept: list[StepDraft], millis: list[int], rest: int) -> None:
    """Add what the rounded steps leave of the session (``rest`` milliseconds) to them: all of
    it to the longest step of the focus work (else of any work) that has room for it below its
    plausible length, else spread over the steps that have room, longest first. Only when no
    step has room left does one go past its length."""
    if not rest:
        return
    everyone = sorted(range(len(kept)), key=lambda i: -millis[i])
    focus = [i for i in everyone if kept[i].focus]

    def room(i: int) -> int:
        return kept[i].part.long * 1000 - millis[i]

    for group in (focus, everyone):
        fits = [i for i in group if rest <= room(i)]
        if fits:
            millis[fits[0]] += rest
            return
    for i in everyone:
        given = min(rest, max(room(i), 0))
        millis[i] += given
        rest -= given
    if rest:  # every step at its longest already
        millis[(focus or everyone)[0]] += rest


#: How a step's notes say the client turns into a position.
TURNS: dict[Position, str] = {
    Position.PRONE: "prone (face down)",
    Position.SUPINE: "supine (face up)",
    Position.SIDE_LYING: "onto their side",
    Position.SEATED: "to sit",
    Position.STANDING: "to stand",
}


#: How a step's notes tell someone massaging themselves to change position.
SELF_TURNS: dict[Position, str] = {
    Position.PRONE: "lie face down",
    Position.SUPINE: "lie on your back",
    Position.SIDE_LYING: "lie on your side",
    Position.SEATED: "sit down",
    Position.STANDING: "stand up",
}


def turn_note(position: Position, *, self_applied: bool = False) -> str:
    """The note of the step where the session changes to ``position``."""
    if self_applied:
        return f"now {SELF_TURNS.get(position, 'change position: ' + position.words)}"
    return f"client turns {TURNS.get(position, position.words)}"


def _join(*notes: str | None) -> str | None:
    said = [n for n in notes if n]
    return "; ".join(said) if said else None


def _same(a: StepDraft, b: StepDraft) -> bool:
    return (
        a.part.technique == b.part.technique
        and a.part.region == b.part.region
        and a.level == b.level
        and a.position == b.position
    )


#: Another part for a step that would repeat the one before it, at the same level (another
#: technique on its region, or its technique on a region inside it), or ``None``.
Alternative = Callable[["StepDraft"], "Part | None"]


def vary(drafts: list[StepDraft], tree: RegionTree, alternative: Alternative | None = None) -> None:
    """Make no two neighbouring steps the same technique, region, pressure and position (they
    could not be one step: together they would be longer than plausible): the second moves
    one level, lighter first, where its range, the warm-up and the next step on the same
    tissue allow; else it becomes ``alternative``'s part (a cap of 1 leaves nothing to move),
    or, when it is the session's close, the step before it does."""
    i = 1
    while i < len(drafts):
        a, b = drafts[i - 1], drafts[i]
        i += 1
        if not _same(a, b) or _nudge(drafts, i - 1, tree):
            continue
        if alternative is not None and i == len(drafts) and i > 2:
            # The session's close stays as it is: the step before it changes instead, whole
            # or (when it is longer than the other technique can be) by a stretch at its end.
            other = alternative(a)
            if other is not None and not _same(drafts[i - 3], attrs.evolve(a, part=other)):
                if other.short <= a.seconds <= other.long:
                    a.part = other
                    continue
                seconds = min(other.long, a.seconds - a.part.short)
                seconds -= seconds % _STEP
                if seconds >= other.short:
                    a.seconds -= seconds
                    drafts.insert(i - 1, attrs.evolve(a, part=other, seconds=seconds))
                    continue
            if a.seconds + b.seconds <= a.part.long:  # or the two become one calm close
                a.seconds += b.seconds
                del drafts[i - 1]
                i -= 1
                continue
        other = alternative(b) if alternative is not None else None
        if other is None:
            if _absorb(drafts, i - 2):  # nothing else to do there: one step, the rest elsewhere
                i -= 1
            else:  # the session is longer than what may be done fills: say why it repeats
                most = Duration(b.part.long * 1000)
                said = (
                    f"repeated: nothing else may be done here for this client, and one step of "
                    f"{b.part.technique} lasts at most {most}"
                )
                b.part = attrs.evolve(b.part, notes=_join(b.part.notes, said))
            continue
        if other.short <= b.seconds <= other.long:
            b.part = other
            continue
        seconds = min(other.long, b.seconds - b.part.short)
        seconds -= seconds % _STEP
        if seconds >= other.short:  # longer than the other can be: a stretch of it between
            b.seconds -= seconds
            drafts.insert(i - 1, attrs.evolve(b, part=other, seconds=seconds))
            i += 1


def _keep_deep_runs_short(drafts: list[StepDraft]) -> None:
    """Deep work (past :data:`~massage_routines.practice.WARM`) of one technique stays under
    :data:`~massage_routines.practice.VARIED_SECONDS` when the client allows it no other
    technique there (K005): the run gives its time past that to the lighter steps with room,
    the longest first."""
    start = 0
    while start < len(drafts):
        end = start
        if drafts[start].level > WARM:
            while end + 1 < len(drafts) and drafts[end + 1].level > WARM:
                end += 1
            run = drafts[start : end + 1]
            over = sum(d.seconds for d in run) - (VARIED_SECONDS - _STEP)
            if over > 0 and len({d.part.technique for d in run}) == 1:
                _move_time(run, [d for d in drafts if d.level <= WARM], over)
        start = end + 1


def _move_time(givers: list[StepDraft], takers: list[StepDraft], seconds: int) -> None:
    """Move up to ``seconds`` from ``givers`` (down to their shortest) to ``takers`` (up to
    their longest), the longest of each first, in whole :data:`_STEP` s."""
    takers = sorted(takers, key=lambda d: -d.seconds)
    spare = sum(max(d.seconds - d.part.short, 0) for d in givers)
    left = min(seconds, sum(_room(d) for d in takers), spare)
    left -= left % _STEP
    for d in sorted(givers, key=lambda d: -d.seconds):
        taken = min(left, max(d.seconds - d.part.short, 0))
        d.seconds -= taken
        left -= taken
        _fill(takers, taken)


def _absorb(drafts: list[StepDraft], i: int) -> bool:
    """Make steps ``i`` and ``i + 1`` (the same step twice) one step at its longest, and give
    the seconds it cannot hold to the other steps with room for them (the focus work first,
    the longest first), when they have room for all of it."""
    a, b = drafts[i], drafts[i + 1]
    spare = a.seconds + b.seconds - a.part.long
    others = sorted(
        (d for j, d in enumerate(drafts) if j not in (i, i + 1)),
        key=lambda d: (not d.focus, -d.seconds),
    )
    if spare > sum(_room(d) for d in others):
        return False
    a.seconds = min(a.seconds + b.seconds, a.part.long)
    del drafts[i + 1]
    _fill(others, spare)
    return True


def _room(draft: StepDraft) -> int:
    """The seconds ``draft`` may grow by before it is longer than plausible."""
    return max(draft.part.long - draft.seconds, 0)


def _fill(takers: list[StepDraft], seconds: int) -> None:
    """Give ``seconds`` (at most what they have room for) to ``takers``, in their order."""
    for d in takers:
        given = min(seconds, _room(d))
        d.seconds += given
        seconds -= given


def _nudge(drafts: list[StepDraft], i: int, tree: RegionTree) -> bool:
    """Move step ``i`` one level away from the step before it, where that is allowed."""
    last = len(drafts) - 1
    a, b = drafts[i - 1], drafts[i]
    after = next(
        (d for d in drafts[i + 1 :] if tree_overlaps(tree, d.part.region, b.part.region)),
        None,
    )
    nxt = drafts[i + 1] if i < last else None
    for level in (b.level - 1, b.level + 1):
        if not b.part.low <= level <= b.part.high:
            continue
        if level > WARM >= b.level:
            continue  # deeper than a warm-up, where the warm-up is not measured again
        if i == last and level > CALM:
            continue  # the close stays calm
        if after is not None and abs(after.level - level) > MAX_JUMP:
            continue
        b.level = level
        if nxt is not None and _same(b, nxt):
            b.level = a.level  # it would repeat the next one instead
            continue
        return True
    return False


def tree_overlaps(tree: RegionTree, a: str, b: str) -> bool:
    """Whether two regions overlap (one is the other or holds it)."""
    return b in tree.touching(a)


def annotate(routine: Routine, adaptations: tuple[Adaptation, ...], tree: RegionTree) -> Routine:
    """``routine`` with each adaptation in the notes of the first step it concerns (the first
    step on an overlapping region; the first step for the session as a whole)."""
    if not adaptations:
        return routine
    notes: dict[int, list[str]] = {}
    for adaptation in adaptations:
        at = 0
        if adaptation.region is not None and adaptation.region in tree:
            touching = tree.touching(adaptation.region)
            at = next((i for i, s in enumerate(routine.steps) if s.region.name in touching), 0)
        notes.setdefault(at, []).append(f"adapted: {adaptation.reason}")
    steps = tuple(
        attrs.evolve(step, notes=_join(step.notes, *notes[i])) if i in notes else step
        for i, step in enumerate(routine.steps)
    )
    return attrs.evolve(routine, steps=steps)
