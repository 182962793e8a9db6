"""``compose(request)``: a routine for a request that the validator passes, or the reasons why not.

>>> from massage_routines import ComposeRequest, Duration, compose, validate
>>> routine = compose(ComposeRequest("swedish", Duration.parse("30m"), focus=("back.lower",)))
>>> routine.total == Duration.parse("30m") and validate(routine).valid
True

The steps, in order:

1. the request is checked (:mod:`~massage_routines.composition.checks`): a known style, a
   whole registry, a client with no refusal or missing clearance, regions that can be worked;
2. a plugin's ``massage_compose`` hook may answer the request itself (its routine is checked
   like any other);
3. otherwise the style's session shape is laid out for the request
   (:mod:`~massage_routines.composition.blocks`), each move is fitted to the client
   (:mod:`~massage_routines.composition.resolve`, :mod:`~massage_routines.composition.parts`,
   reading the client through the same :class:`~massage_routines.validation.profile.Profile`
   as the safety rules), the time is shared out (:mod:`~massage_routines.composition.schedule`),
   pressure is settled along the session (:mod:`~massage_routines.composition.progression`) and
   the steps are made (:mod:`~massage_routines.composition.building`);
4. the routine is validated, and one with an error finding is never returned.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from massage_routines.composition import checks
from massage_routines.composition.blocks import BlockDraft, MoveDraft, fallback_moves, lay_out
from massage_routines.composition.building import steps_of
from massage_routines.composition.constraints import Constraints, Zone
from massage_routines.composition.goals import GOAL_PLANS
from massage_routines.composition.parts import Aim, place
from massage_routines.composition.positions import PositionChooser
from massage_routines.composition.progression import WARM, WarmUp, settle
from massage_routines.composition.request import ComposeError, ComposeRequest
from massage_routines.composition.resolve import Resolver
from massage_routines.composition.schedule import StepDraft, fit, lay_steps, share, tick_of
from massage_routines.model.routine import Routine
from massage_routines.plugins.options import option_problems, shaped
from massage_routines.plugins.records import AT_FOCUS, PressureRange
from massage_routines.validation.profile import Profile

if TYPE_CHECKING:
    from massage_routines.composition.resolve import ResolvedBlock
    from massage_routines.plugins.records import StyleSpec
    from massage_routines.plugins.registry import Registry

__all__ = ["ComposeError", "ComposeRequest", "compose"]

#: The longest session the composer makes: past this, a request is a mistake, not a session.
MAX_SESSION_MS = 6 * 3_600_000


def compose(request: ComposeRequest, registry: Registry | None = None) -> Routine:
    """A routine for ``request`` that validates with no error, or :class:`ComposeError`.

    :param request: what is wanted (style, duration, focus, client, goal, seed).
    :param registry: the plugins to compose with (the process-wide one when ``None``).
    :raises ComposeError: no safe routine exists for the request; ``reasons`` says why.
    """
    if registry is None:
        from massage_routines.plugins.registry import default_registry

        registry = default_registry()
    style = checks.style_of(request, registry)
    reasons = checks.registry_reasons(registry)
    reasons.extend(option_problems(style, request.options))  # the style's options select blocks
    style = shaped(style, request.options)
    if request.duration.milliseconds > MAX_SESSION_MS:
        reasons.append(
            f"{request.duration} is longer than any session (at most "
            f"{MAX_SESSION_MS // 3_600_000}h; a {style.name} session is usually "
            f"{style.session_length.low} to {style.session_length.high})"
        )
    profile = Profile(request.client, registry)
    reasons.extend(checks.client_reasons(registry, profile))
    if reasons:
        raise ComposeError(reasons)
    routine = _from_plugins(request, registry)
    if routine is None:
        routine = _build(request, registry, style, profile)
    return _checked(routine, request, registry)


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
    request: ComposeRequest, registry: Registry, style: StyleSpec, profile: Profile
) -> Routine:
    """The shape-driven routine for ``request``."""
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
    if not focus and any(b.region == AT_FOCUS for b in style.shape.blocks):
        focus = checks.default_focus(include, registry, constraints)
    drafts = lay_out(style, registry, chooser, focus=focus, include=include, goal=goal)
    resolver = Resolver(constraints, goal, request.seed)
    blocks = resolver.resolve(drafts)
    _check_blocks(blocks, resolver, focus, constraints, profile)
    if not blocks and include is None:
        blocks = _elsewhere(style, registry, chooser, constraints, resolver)
    if not blocks:
        raise ComposeError(_nothing_left(resolver, constraints, profile))
    drafts_of_steps = _timed(blocks, request, resolver)
    steps, position = steps_of(
        settle(drafts_of_steps, registry.regions, _warm_up(constraints)),
        request.duration.milliseconds,
        registry.regions,
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
) -> list[StepDraft]:
    """The blocks that fit the request's time, closed as the goal asks, shared out and laid
    out as step drafts."""
    seconds = request.duration.milliseconds // 1000
    tick = tick_of(seconds)
    total = seconds // tick
    extra = resolver.goal.focus_share
    kept = fit(blocks, total, extra, tick)
    kept[-1] = resolver.close(kept[-1])
    out: list[StepDraft] = []
    for block, ticks in zip(kept, share(kept, total, extra, tick), strict=True):
        out.extend(lay_steps(block, ticks, tick))
    return out


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
    """When every block of the shape is off limits: the style's moves on the regions left."""
    position = chooser.choose(None)
    assert position is not None
    moves = tuple(MoveDraft(m, m.techniques) for m in fallback_moves(style, registry))
    drafts = [
        BlockDraft(root, 1.0, moves, chooser.choose(chooser.preferred_for(root)) or position)
        for root in registry.regions.roots()
        if constraints.zone(root) is not Zone.OUT
    ]
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
