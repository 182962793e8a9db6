"""``compose(request)``: a routine for a request that the validator passes, or the reasons why not.

>>> from massage_routines import ComposeRequest, Duration, compose, validate
>>> routine = compose(ComposeRequest("swedish", Duration.parse("30m"), focus=("back.lower",)))
>>> routine.total == Duration.parse("30m") and validate(routine, craft=True).findings == ()
True

The steps, in order (the stages are listed in :mod:`massage_routines.composition`):

1. the request is checked (:mod:`~massage_routines.composition.checks`): a known style, a
   whole registry, a duration in the style's range (or ``any_length``), a client with no
   refusal or missing clearance, regions that can be worked;
2. a plugin's ``massage_compose`` hook may answer the request itself (its routine is checked
   like any other);
3. otherwise the style's session shape is laid out, fitted to the client, timed, settled and
   made into steps; the client's areas of concern are the focus when the request names none,
   and the preferred pressure is aimed at where the limits allow;
4. the routine is validated, and one with an error finding is never returned; what was
   changed is returned beside it (:class:`Composition`) and kept in the steps' notes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from massage_routines.composition import checks, report
from massage_routines.composition.adaptations import Adaptation, unique
from massage_routines.composition.blocks import (
    BlockDraft,
    MoveDraft,
    fallback_moves,
    lay_out,
    sides_of,
)
from massage_routines.composition.building import Alternative, annotate, steps_of
from massage_routines.composition.constraints import Constraints, Zone
from massage_routines.composition.goals import GOAL_PLANS
from massage_routines.composition.parts import Aim, place
from massage_routines.composition.positions import PositionChooser
from massage_routines.composition.progression import WarmUp, settle
from massage_routines.composition.request import ComposeError, ComposeRequest
from massage_routines.composition.resolve import Resolver
from massage_routines.composition.schedule import StepDraft, fit, lay_steps, share, tick_of
from massage_routines.model.routine import Routine
from massage_routines.plugins.options import option_problems, shaped
from massage_routines.plugins.records import AT_FOCUS, PressureRange
from massage_routines.practice import WARM
from massage_routines.validation.profile import Profile
from massage_routines.value import Value

if TYPE_CHECKING:
    from massage_routines.composition.parts import Part
    from massage_routines.composition.resolve import ResolvedBlock
    from massage_routines.plugins.records import StyleSpec
    from massage_routines.plugins.registry import Registry

__all__ = ["ComposeError", "ComposeRequest", "Composition", "compose", "compose_with_adaptations"]


@attrs.frozen(repr=False, weakref_slot=False)
class Composition(Value):
    """What :func:`compose_with_adaptations` gives: the ``routine``, and the ``adaptations``
    made for the client, the request or the time, each with its reason (also kept in the notes
    of the routine's steps)."""

    routine: Routine
    adaptations: tuple[Adaptation, ...] = ()


def compose(request: ComposeRequest, registry: Registry | None = None) -> Routine:
    """A routine for ``request`` that validates with no error, or :class:`ComposeError`.

    The routine of :func:`compose_with_adaptations` (its steps' notes keep the adaptations).

    :param request: what is wanted (style, duration, focus, client, goal, seed).
    :param registry: the plugins to compose with (the process-wide one when ``None``).
    :raises ComposeError: no safe routine exists for the request; ``reasons`` says why.
    """
    return compose_with_adaptations(request, registry).routine


def compose_with_adaptations(
    request: ComposeRequest, registry: Registry | None = None
) -> Composition:
    """A routine for ``request`` and what was changed to make it, or :class:`ComposeError`.

    >>> from massage_routines import Client, ComposeRequest, Duration, Flag, Region
    >>> client = Client(flags=(Flag(Region("leg.right.calf"), "bruise"),))
    >>> done = compose_with_adaptations(ComposeRequest("swedish", Duration.parse("1h"),
    ...                                                client=client))
    >>> print(done.adaptations[0])
    leg.right worked around leg.right.calf: the flag on leg.right.calf (bruise)

    :raises ComposeError: no safe routine exists for the request; ``reasons`` says why.
    """
    if registry is None:
        from massage_routines.plugins.registry import default_registry

        registry = default_registry()
    style = checks.style_of(request, registry)
    reasons = checks.registry_reasons(registry)
    reasons.extend(option_problems(style, request.options))  # the style's options select blocks
    style = shaped(style, request.options)
    adapted: list[Adaptation] = []
    reasons.extend(checks.length_reasons(request, style, adapted))
    profile = Profile(request.client, registry)
    reasons.extend(checks.client_reasons(registry, profile))
    if reasons:
        raise ComposeError(reasons)
    routine = _from_plugins(request, registry)
    if routine is None:
        routine = _build(request, registry, style, profile, adapted)
    routine = _checked(routine, request, registry)
    adaptations = unique(adapted)
    routine = annotate(routine, adaptations, registry.regions)
    if not routine.advice:  # keep the advice a plugin's massage_compose gave itself
        from massage_routines.client_advice import with_advice

        routine = with_advice(routine, registry, goal=request.goal)
    return Composition(routine, adaptations)


def _from_plugins(request: ComposeRequest, registry: Registry) -> Routine | None:
    """A plugin's own routine for the request (``massage_compose``, first answer wins)."""
    try:
        answer = registry.manager.hook.massage_compose(request=request, registry=registry)
    except Exception as exc:  # third-party code: its failure is a reason, never a crash
        raise ComposeError(
            [f"a plugin's massage_compose failed: {type(exc).__name__}: {exc}"]
        ) from exc
    if answer is None:
        return None
    if not isinstance(answer, Routine):
        raise ComposeError(
            [f"a plugin's massage_compose returned {type(answer).__name__}, not a Routine"]
        )
    problems = []
    if answer.style != request.style:
        problems.append(
            f"a plugin's massage_compose returned a {answer.style} routine for a "
            f"{request.style} request"
        )
    if answer.total != request.duration:
        problems.append(
            f"a plugin's massage_compose returned a routine of {answer.total}, not the "
            f"requested {request.duration}"
        )
    if problems:
        raise ComposeError(problems)
    if request.client is not None and answer.client != request.client:
        answer = attrs.evolve(answer, client=request.client)
    if answer.duration is None:
        answer = attrs.evolve(answer, duration=request.duration)
    return answer


def _checked(routine: Routine, request: ComposeRequest, registry: Registry) -> Routine:
    """``routine`` if it validates with no error and adds up to the request, else the reasons."""
    from massage_routines.validation.engine import validate

    errors = [f for f in validate(routine, registry).findings if f.is_error]
    if errors:
        raise ComposeError(
            f"the composed routine fails {f.code} at {f.path or 'the plan'}: {f.message}"
            for f in errors
        )
    if routine.total != request.duration:  # pragma: no cover - the builder adds up exactly
        raise ComposeError([f"the composed routine takes {routine.total}, not {request.duration}"])
    return routine


def _build(
    request: ComposeRequest,
    registry: Registry,
    style: StyleSpec,
    profile: Profile,
    adapted: list[Adaptation],
) -> Routine:
    """The shape-driven routine for ``request`` (``adapted`` gets what was changed, and why)."""
    goal = GOAL_PLANS[request.goal]
    focus = tuple(r.name for r in request.focus)
    include = tuple(r.name for r in request.include) if request.include is not None else None
    zone = (*include, *(f for f in focus if f not in include)) if include is not None else None
    if include == ():
        raise ComposeError(["the request includes no region (include=None: the whole session)"])
    constraints = Constraints(registry, style, profile, zone)
    reasons = checks.region_reasons(focus, "focus", registry, style, constraints)
    reasons.extend(checks.region_reasons(include or (), "included", registry, style, constraints))
    chooser = PositionChooser(style, profile)
    if chooser.choose(None) is None:
        forbidden = ", ".join(f"{p.position} ({p.source.label})" for p in profile.forbid_positions)
        reasons.append(f"every position {style.name} uses is ruled out: {forbidden}")
    if reasons:
        raise ComposeError(reasons)
    client = request.client
    if not focus and client is not None and client.areas_of_concern:
        focus = report.concerns(client, include, constraints, adapted)
    if not focus and any(b.region == AT_FOCUS for b in style.shape.blocks):
        focus = checks.default_focus(include, registry, constraints)
    drafts = lay_out(style, registry, chooser, focus=focus, include=include, goal=goal)
    preferred = report.preference(client, style, profile, adapted)
    resolver = Resolver(constraints, goal, request.seed, preferred)
    blocks = resolver.resolve(drafts)
    _check_blocks(blocks, resolver, focus, constraints, profile)
    if not blocks and include is None:
        blocks = _elsewhere(style, registry, chooser, constraints, resolver)
    if not blocks:
        raise ComposeError(_nothing_left(resolver, constraints, profile))
    if all(p.level == 0 for b in blocks for m in b.moves for p in m.parts):
        # Still contact alone (a heat pack before self-massage) is no massage.
        held = ", ".join(
            dict.fromkeys(p.technique for b in blocks for m in b.moves for p in m.parts)
        )
        raise ComposeError(
            [
                f"only still contact ({held}, pressure 0) is allowed here for this client: "
                "there is no massage to compose",
                *_nothing_left(resolver, constraints, profile)[1:],
            ]
        )
    kept, drafts_of_steps = _timed(blocks, request, resolver)
    report.positions(chooser, style, adapted)
    report.blocks(blocks, kept, resolver, constraints, duration=request.duration, adapted=adapted)
    adapted.extend(resolver.adapted)
    steps, position = steps_of(
        settle(drafts_of_steps, registry.regions, _warm_up(constraints)),
        request.duration.milliseconds,
        registry.regions,
        _alternative(constraints),
        self_applied=style.self_applied,
    )
    return Routine(
        name=request.name or _name(request, style),
        style=style.name,
        steps=steps,
        position=position,
        duration=request.duration,
        client=request.client,
    )


def _timed(
    blocks: list[ResolvedBlock], request: ComposeRequest, resolver: Resolver
) -> tuple[list[ResolvedBlock], list[StepDraft]]:
    """The blocks that fit the request's time, opened and closed calmly, shared out and laid
    out as step drafts."""
    seconds = request.duration.milliseconds // 1000
    tick = tick_of(seconds)
    total = seconds // tick
    extra = resolver.goal.focus_share
    kept = fit(blocks, total, extra, tick)
    kept[0] = resolver.open(kept[0])
    kept[-1] = resolver.close(kept[-1])
    out: list[StepDraft] = []
    for block, ticks in zip(kept, share(kept, total, extra, tick), strict=True):
        out.extend(lay_steps(block, ticks, tick))
    return kept, out


def _check_blocks(
    blocks: list[ResolvedBlock],
    resolver: Resolver,
    focus: tuple[str, ...],
    constraints: Constraints,
    profile: Profile,
) -> None:
    """A focus region none of whose blocks can be done is reported, never dropped."""
    done = {b.focus for b in blocks if b.focus is not None}
    missing = sorted({d.focus for d in resolver.empty if d.focus is not None} - done)
    if not missing:
        return
    reasons = []
    for i in missing:
        name = focus[i]
        why = _limits_on(name, constraints, profile)
        reasons.append(
            f"nothing the style does can be done on the focus region {name}"
            + (f" ({why})" if why else "")
        )
    raise ComposeError(reasons)


def _limits_on(region: str, constraints: Constraints, profile: Profile) -> str:
    """What holds a region back: its caps and bans, for messages."""
    said = []
    cap = profile.cap_at(region)
    if cap is not None:
        said.append(f"pressure at most {int(cap.level)} for {cap.source.label}")
    said.extend(f"no {', '.join(sorted(b.names))} for {b.source.label}" for b in profile.forbid)
    if constraints.zone(region) is Zone.PARTIAL:
        said.append("parts of it are flagged or out of reach")
    return "; ".join(said)


def _elsewhere(
    style: StyleSpec,
    registry: Registry,
    chooser: PositionChooser,
    constraints: Constraints,
    resolver: Resolver,
) -> list[ResolvedBlock]:
    """When every block of the shape is off limits: the style's moves on the regions left (limbs
    one side at a time, grouped by position)."""
    position = chooser.choose(None)
    assert position is not None
    moves = tuple(MoveDraft(m, m.techniques) for m in fallback_moves(style, registry))
    drafts = [
        BlockDraft(side, 1.0, moves, chooser.choose(chooser.preferred_for(root)) or position)
        for root in registry.regions.roots()
        for side in sides_of(root, registry.regions)
        if constraints.zone(side) is not Zone.OUT
    ]
    order = list(dict.fromkeys(d.position for d in drafts))
    drafts.sort(key=lambda d: order.index(d.position))
    return resolver.resolve(drafts)


def _nothing_left(resolver: Resolver, constraints: Constraints, profile: Profile) -> list[str]:
    areas = ", ".join(dict.fromkeys(d.area for d in resolver.empty)) or "none"
    reasons = [f"nothing is left to work on: the session would work {areas}"]
    if profile.avoid:
        labels = "; ".join(dict.fromkeys(limit.source.label for limit in profile.avoid))
        reasons.append(f"off limits: {labels}")
    caps = [c for c in profile.caps if c.region is None]
    if caps:
        lowest = min(caps, key=lambda c: c.level)
        reasons.append(f"pressure at most {int(lowest.level)} for {lowest.source.label}")
    if constraints.include is not None:
        reasons.append(f"the request includes only {', '.join(constraints.include)}")
    return reasons


def _warm_up(constraints: Constraints) -> WarmUp:
    """A maker of warm-up steps for techniques that cannot go as low as 3."""

    def make(step: StepDraft) -> StepDraft | None:
        aim = Aim(("effleurage",), PressureRange(2, WARM), WARM, step.position)
        parts = place(constraints, step.part.region, aim)
        if len(parts) != 1 or parts[0].low > WARM:
            return None
        warm = parts[0]
        seconds = min(max(warm.short, step.seconds // 4), step.seconds - step.part.short)
        if seconds < warm.short:
            return None
        step.seconds -= seconds
        return StepDraft(warm, seconds, step.position, min(warm.high, WARM))

    return make


def _name(request: ComposeRequest, style: StyleSpec) -> str:
    """``Swedish 30m, focus back.lower`` and the like."""
    title = style.name.replace("_", " ").capitalize()
    name = f"{title} {request.duration}"
    if request.focus:
        name += ", focus " + ", ".join(r.name for r in request.focus)
    if request.goal:
        name += f" ({request.goal.replace('_', ' ')})"
    return name


#: Techniques that may stand in for a step that would repeat the one before it, in order.
VARIATIONS: tuple[str, ...] = ("vibration", "nerve_strokes", "friction", "petrissage", "effleurage")


def _alternative(constraints: Constraints) -> Alternative:
    """Another part at the same level for a step that would repeat the one before it: another
    technique the style uses on its region (:data:`VARIATIONS` first, then the style's own in
    its order), else its technique on a region inside it."""
    style = constraints.style.techniques
    names = (*VARIATIONS, *(t for t in style if t not in VARIATIONS))

    def fits(part: Part, step: StepDraft) -> bool:
        return part.level == step.level and part.notes is None and part.short <= step.seconds

    def other(step: StepDraft) -> Part | None:
        level, region = step.level, step.part.region
        band = PressureRange(level, level)
        for name in names:
            if name == step.part.technique or name not in style:
                continue
            parts = place(constraints, region, Aim((name,), band, level, step.position))
            if (
                len(parts) == 1
                and parts[0].technique == name
                and parts[0].region == region
                and fits(parts[0], step)
            ):
                return parts[0]
        for child in constraints.children(region):
            aim = Aim((step.part.technique,), band, level, step.position)
            parts = place(constraints, child, aim)
            if len(parts) == 1 and parts[0].region == child and fits(parts[0], step):
                return parts[0]
        return None

    return other
