"""Craft: how a therapist would run the session, beyond what is safe (K001-K008, off by default).

Warnings, given only when asked for (``validate --craft``, or ``craft=True`` to the library's
validate functions): the advice the composer follows, for plans written by hand. domain.md
sections 1 and 4, with the numbers of :mod:`massage_routines.practice`:

- the session opens with a light broad stroke and closes calmly (K001, K002);
- work at 4-5 comes after at least two minutes of warm-up on the same tissue (K003), and is
  followed by a flush at 3 or less (K004); long deep work varies its techniques (K005);
- no two consecutive steps are the same step (K006);
- limbs are worked one side at a time (K007), and the client turns at most once (K008).

Every check is one pass over the steps with per-region state (the chain of a region's ancestors),
so the cost grows with the steps, never with their square.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from massage_routines.findings import Severity
from massage_routines.plugins.records import CodeSpec, RuleSpec
from massage_routines.practice import (
    CALM,
    VARIED_SECONDS,
    WARM,
    WARM_UP_SECONDS,
    closing_of,
    opening_of,
    unsided,
)
from massage_routines.validation.rules import _craft_examples as ex
from massage_routines.validation.rules._index import index_of

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from massage_routines.findings import Finding
    from massage_routines.validation.context import RuleContext

OPENING = "K001"
CLOSE = "K002"
SHORT_WARM_UP = "K003"
NO_FLUSH = "K004"
UNVARIED = "K005"
REPEATED = "K006"
UNSIDED = "K007"
TURNS = "K008"


def check(ctx: RuleContext) -> Iterator[Finding]:
    """Every craft check, when the caller asked for them (``ctx.craft``)."""
    if not ctx.craft:
        return
    steps = ctx.routine.steps
    yield from _ends(ctx)
    chain = index_of(ctx.registry).chain
    yield from _warm_up(ctx, chain)
    yield from _flush(ctx, chain)
    yield from _variety(ctx)
    before = None
    turns = 0
    for i, step in enumerate(steps):
        same = (step.technique, step.region.name, int(step.pressure), ctx.position(i))
        if same == before:
            yield ctx.warning(
                REPEATED,
                f"the same step as the one before ({step.technique} on {step.region.name} at "
                f"{int(step.pressure)}): make it one step, or change the pressure, technique or "
                "region",
                ctx.step_path(i),
            )
        if before is not None and same[3] != before[3]:
            turns += 1
            if turns == 2:
                yield ctx.warning(
                    TURNS,
                    f"the client turns a second time here ({before[3]} to {same[3]}): group the "
                    "work by position so that the client turns once",
                    ctx.step_path(i),
                )
        before = same
        if unsided(step.region.name):
            name = step.region.name
            yield ctx.warning(
                UNSIDED,
                f"{name} works both sides at once: work {name}.left, then {name}.right",
                ctx.step_path(i, "region"),
            )


def _ends(ctx: RuleContext) -> Iterator[Finding]:
    steps = ctx.routine.steps
    first, last = steps[0], steps[-1]
    opening, closing = opening_of(ctx.style), closing_of(ctx.style)
    if first.technique not in opening or first.pressure > CALM:
        yield ctx.warning(
            OPENING,
            f"the session opens with {first.technique} at {int(first.pressure)}: open with "
            f"{' or '.join(opening)} at {CALM} or less",
            ctx.step_path(0),
        )
    if last.technique not in closing or last.pressure > CALM:
        yield ctx.warning(
            CLOSE,
            f"the session closes with {last.technique} at {int(last.pressure)}: close calmly "
            f"({' or '.join(closing)} at {CALM} or less)",
            ctx.step_path(len(steps) - 1),
        )


def _warm_up(ctx: RuleContext, chain_of: Callable[[str], tuple[str, ...]]) -> Iterator[Finding]:
    """Work at 4-5 after at least WARM_UP_SECONDS at WARM or less on overlapping tissue (the
    first earlier step on no tissue at all is P001's error, not this warning)."""
    on: dict[str, int] = {}  # region -> milliseconds of warm work on exactly it
    below: dict[str, int] = {}  # region -> milliseconds of warm work strictly inside it
    for i, step in enumerate(ctx.routine.steps):
        chain = chain_of(step.region.name)
        if step.pressure > WARM:
            warm = sum(on.get(r, 0) for r in chain) + below.get(chain[-1], 0)
            if 0 < warm < WARM_UP_SECONDS * 1000:
                yield ctx.warning(
                    SHORT_WARM_UP,
                    f"pressure {int(step.pressure)} on {step.region.name} after {warm // 1000} s "
                    f"of warm-up on it: warm the tissue at {WARM} or less for at least "
                    f"{WARM_UP_SECONDS // 60} minutes first",
                    ctx.step_path(i, "pressure"),
                )
        else:
            ms = step.duration.milliseconds
            on[chain[-1]] = on.get(chain[-1], 0) + ms
            for region in chain[:-1]:
                below[region] = below.get(region, 0) + ms


def _flush(ctx: RuleContext, chain_of: Callable[[str], tuple[str, ...]]) -> Iterator[Finding]:
    """Every step at 4-5 is followed, later, by a step at WARM or less on overlapping tissue."""
    later_on: set[str] = set()  # regions with a later step at WARM or less on them
    later_below: set[str] = set()  # regions with such a step strictly inside them
    missing: list[int] = []
    steps = ctx.routine.steps
    for i in range(len(steps) - 1, -1, -1):
        step = steps[i]
        chain = chain_of(step.region.name)
        if step.pressure > WARM:
            if later_on.isdisjoint(chain) and chain[-1] not in later_below:
                missing.append(i)
        else:
            later_on.add(chain[-1])
            later_below.update(chain[:-1])
    for i in reversed(missing):
        step = steps[i]
        yield ctx.warning(
            NO_FLUSH,
            f"pressure {int(step.pressure)} on {step.region.name} with no flush after it: end "
            f"the work with broad strokes at {WARM} or less on the same tissue",
            ctx.step_path(i, "pressure"),
        )


def _variety(ctx: RuleContext) -> Iterator[Finding]:
    """A run of consecutive steps at 4-5 of VARIED_SECONDS or more uses several techniques."""
    steps = ctx.routine.steps
    start = 0
    while start < len(steps):
        if steps[start].pressure <= WARM:
            start += 1
            continue
        end = start
        while end + 1 < len(steps) and steps[end + 1].pressure > WARM:
            end += 1
        run = steps[start : end + 1]
        ms = sum(s.duration.milliseconds for s in run)
        names = {s.technique for s in run}
        if ms >= VARIED_SECONDS * 1000 and len(names) == 1:
            yield ctx.warning(
                UNVARIED,
                f"{ms // 60_000} min of work at 4-5 with {run[0].technique} alone: vary it "
                "(stripping, cross-fibre friction, trigger points, pin and stretch, as the "
                "client allows)",
                ctx.step_path(start, "technique"),
            )
        start = end + 1


CODES = (
    CodeSpec(
        OPENING,
        "opening-stroke",
        Severity.WARNING,
        "The session does not open with a light broad stroke (effleurage at 2 or less).",
        "domain.md section 1: tissue is warmed with broad, lighter strokes before weight is "
        "added; the first contact tells the client what the session will be.",
        fails=ex.edit(ex.FIRST, ex.FIRST.replace("effleurage", "petrissage")),
        passes=ex.BASE,
    ),
    CodeSpec(
        CLOSE,
        "calm-close",
        Severity.WARNING,
        "The session does not close calmly (effleurage or nerve strokes at 2 or less).",
        "domain.md section 4: a Swedish block ends with effleurage or nerve strokes; a session "
        "that ends on deep or brisk work leaves the client guarded as they get up.",
        fails=ex.edit(ex.LAST, ex.LAST.replace("effleurage", "friction").replace("1\n", "2\n")),
        passes=ex.BASE,
    ),
    CodeSpec(
        SHORT_WARM_UP,
        "short-warm-up",
        Severity.WARNING,
        "A step at 4 or 5 comes after less than two minutes of work at 3 or less on the same "
        "tissue (P001 is the error when there is none at all).",
        "domain.md section 4: deep tissue warms each region up at 2-3 before specific work; a "
        "minute of effleurage does not warm a back.",
        fails=ex.WARM_UP,
        passes=ex.edit("    duration: 1m\n", "    duration: 3m\n", ex.WARM_UP),
    ),
    CodeSpec(
        NO_FLUSH,
        "no-flush",
        Severity.WARNING,
        "A step at 4 or 5 is not followed by a flush: no later step at 3 or less on the same "
        "tissue.",
        "domain.md section 4: specific work is followed by a flush at 2-3 over the area.",
        fails=ex.FLUSH,
        passes=ex.edit(
            "  - technique: petrissage\n    region: neck.posterior\n",
            "  - technique: petrissage\n    region: back.upper\n",
            ex.FLUSH,
        ),
    ),
    CodeSpec(
        UNVARIED,
        "unvaried-deep-work",
        Severity.WARNING,
        "Five minutes or more of consecutive work at 4-5 with one technique only.",
        "domain.md section 4: deep tissue's specific work is stripping, cross-fibre friction, "
        "trigger points and pin and stretch; one technique for the whole block tires both the "
        "tissue and the therapist's hands.",
        fails=ex.DEEP,
        passes=ex.edit(
            "  - technique: stripping\n    region: back.lower\n",
            "  - technique: trigger_point\n    region: back.lower\n",
            ex.DEEP,
        ),
    ),
    CodeSpec(
        REPEATED,
        "repeated-step",
        Severity.WARNING,
        "Two consecutive steps are the same technique on the same region at the same pressure "
        "in the same position.",
        "domain.md section 4: each region's work moves through its strokes; two identical steps "
        "in a row are one step written twice, or a block filled with the same stroke.",
        fails=ex.REPEAT,
        passes=ex.edit(
            "    pressure: 3\n    duration: 5m\n", "    pressure: 2\n    duration: 5m\n", ex.REPEAT
        ),
    ),
    CodeSpec(
        UNSIDED,
        "unsided-limb",
        Severity.WARNING,
        "A step works a pair of limbs at once (arm, leg, hand, foot) rather than one side.",
        "domain.md section 4 (session shapes): a therapist works one arm, then the other, so "
        "the plan says which side, and the time each side gets.",
        fails=ex.LIMB,
        passes=ex.edit("    region: leg\n", "    region: leg.left\n", ex.LIMB),
    ),
    CodeSpec(
        TURNS,
        "extra-turn",
        Severity.WARNING,
        "The client changes position more than once (prone, then supine, then prone again).",
        "domain.md section 4: the published split is prone, one turn, supine; every turn "
        "costs time and breaks the client's rest.",
        fails=ex.TURN,
        passes=ex.edit("    position: supine\n", "", ex.TURN),
    ),
)

RULE = RuleSpec(
    "craft",
    check,
    CODES,
    "How a therapist would run the session (off by default: validate --craft).",
)
