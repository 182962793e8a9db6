"""Progression: warm the tissue before going deep, and change pressure gradually (P001, P002).

domain.md section 1: a step at 4 or 5 on a region needs earlier time in the routine at 3 or less
on that region (the same region, an ancestor or a descendant of it); between consecutive steps
on the same tissue, pressure changes by at most 2 levels (a larger jump is a warning).

Both are checked in one pass with per-region state, so the cost grows with the number of steps
(times the depth of their regions), never with its square. The same holds for region names the
tree does not know (the vocabulary rule reports those; this rule still runs on them).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from massage_routines.findings import Finding, Severity, render_path
from massage_routines.plugins.records import CodeSpec, RuleSpec
from massage_routines.practice import MAX_JUMP, WARM
from massage_routines.validation.rules._index import index_of
from massage_routines.validation.rules.examples import plan, step_text

if TYPE_CHECKING:
    from collections.abc import Iterator

    from massage_routines.validation.context import RuleContext
    from massage_routines.validation.rules._index import RegistryIndex

WARM_UP = "P001"
PRESSURE_JUMP = "P002"


def check(ctx: RuleContext) -> Iterator[Finding]:
    """Warm-up before 4 or 5, and no jump of more than 2 from the last step on the same tissue."""
    index = index_of(ctx.registry)
    if index.region_names.issuperset([step.region.name for step in ctx.routine.steps]):
        return _known(ctx, index)
    return _any(ctx, index)


def _known(ctx: RuleContext, index: RegistryIndex) -> Iterator[Finding]:
    """Every region is in the tree: when a step is done on a region, every region that overlaps
    it is marked (warmed, or last worked at this pressure), so each step is one lookup."""
    touching = index.touching_of
    latest: dict[
        str, tuple[int, int]
    ] = {}  # region -> (step, pressure) of the last step overlapping it
    warmed: set[str] = set()  # every region that overlaps a step at WARM or less so far
    for i, step in enumerate(ctx.routine.steps):
        name = step.region.name
        pressure = step.pressure
        before = latest.get(name)
        if before is not None and (
            pressure - before[1] > MAX_JUMP or before[1] - pressure > MAX_JUMP
        ):
            yield _jump(ctx, i, before, pressure)
        overlapping = touching[name]
        if pressure > WARM:
            if name not in warmed:
                yield _cold(ctx, i)
        else:
            warmed.update(overlapping)
        mark = (i, pressure)
        for region in overlapping:
            latest[region] = mark


def _any(ctx: RuleContext, index: RegistryIndex) -> Iterator[Finding]:
    """Some region is not in the tree (the vocabulary rule reports it; this rule still runs).

    Two regions overlap when one is the other or an ancestor of it, so the earlier steps that
    overlap a region R are the steps on R or on one of its ancestors (``last_on``), and the
    steps strictly below R (``last_below``, kept for every ancestor of each step's region): this
    needs no tree, and costs the depth of the regions per step.
    """
    chain_of = index.chain
    last_on: dict[str, tuple[int, int]] = {}  # region -> (step, pressure) of the last step on it
    last_below: dict[str, tuple[int, int]] = {}  # region -> the last step strictly below it
    warm_on: set[str] = set()  # regions with a step at WARM or less on them
    warm_below: set[str] = set()  # regions with a step at WARM or less strictly below them
    for i, step in enumerate(ctx.routine.steps):
        name = step.region.name
        pressure = int(step.pressure)
        chain = chain_of(name)  # (ancestors..., name)
        before = last_below.get(name)
        for region in chain:
            seen = last_on.get(region)
            if seen is not None and (before is None or seen[0] > before[0]):
                before = seen
        if before is not None and abs(pressure - before[1]) > MAX_JUMP:
            yield _jump(ctx, i, before, pressure)
        if pressure > WARM and name not in warm_below and warm_on.isdisjoint(chain):
            yield _cold(ctx, i)
        mark = (i, pressure)
        last_on[name] = mark
        above = chain[:-1]
        if above:
            last_below.update(dict.fromkeys(above, mark))
        if pressure <= WARM:
            warm_on.add(name)
            warm_below.update(above)


def _cold(ctx: RuleContext, i: int) -> Finding:
    step = ctx.routine.steps[i]
    return ctx.error(
        WARM_UP,
        f"pressure {int(step.pressure)} on {step.region.name} with no earlier step at {WARM} or "
        "less on it (or on a region that holds it or lies in it); warm the tissue up first",
        ctx.step_path(i, "pressure"),
    )


def _jump(ctx: RuleContext, i: int, before: tuple[int, int], pressure: int) -> Finding:
    j, previous = before
    steps = ctx.routine.steps
    return ctx.warning(
        PRESSURE_JUMP,
        f"pressure goes from {int(previous)} ({render_path(ctx.step_path(j))}, on "
        f"{steps[j].region.name}) to {int(pressure)} on {steps[i].region.name}; change it by at "
        f"most {MAX_JUMP} between steps on the same tissue",
        ctx.step_path(i, "pressure"),
    )


def _plan(first_region: str, first_pressure: int) -> str:
    return plan(
        step_text("effleurage", first_region, first_pressure),
        step_text("petrissage", "back.upper", 4),
    )


CODES = (
    CodeSpec(
        WARM_UP,
        "warm-up",
        Severity.ERROR,
        "A step at 4 or 5 with no earlier step at 3 or less on the same tissue (the same "
        "region, one that holds it, or one inside it).",
        "domain.md section 1: tissue is warmed with broad, lighter strokes before weight is "
        "added; going deep on cold tissue makes the client guard.",
        fails=_plan("leg.left.thigh", 2),
        passes=_plan("back", 2),
    ),
    CodeSpec(
        PRESSURE_JUMP,
        "pressure-jump",
        Severity.WARNING,
        "Pressure changes by more than 2 levels from the most recent earlier step on an "
        "overlapping region.",
        "domain.md section 1: between consecutive steps on the same region, pressure changes "
        "by at most 2 levels (a larger jump is a warning).",
        fails=_plan("back", 1),
        passes=_plan("back", 2),
    ),
)

RULE = RuleSpec("progression", check, CODES, "Warm-up before deep work; gradual pressure changes.")
