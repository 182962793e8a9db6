"""Properties of ``compose`` over every request the strategies can make.

For any style, any duration inside the style's session length, any focus, included regions, goal,
seed and client: ``compose`` either raises ComposeError with a reason, or returns a routine that
validates with no error, adds up exactly to the request, touches no flagged or avoided region,
and breaks none of the rules of domain.md as this file's own independent reading of the records
checks them (so a gap in the safety rules would not hide a gap in the composer).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hypothesis import given, settings
from hypothesis import strategies as st

from massage_routines.composition.composer import compose
from massage_routines.composition.request import GOALS, ComposeError, ComposeRequest
from massage_routines.model.client import Client
from massage_routines.model.duration import Duration
from massage_routines.model.regions import contains, matches_pattern, overlaps
from massage_routines.planfile.reader import read_plan_text
from massage_routines.planfile.writer import write_plan
from massage_routines.plugins.records import (
    AT_REGION,
    Avoid,
    Cap,
    ConditionSpec,
    Forbid,
    ForbidPosition,
    NeedsClearance,
    Refuse,
)
from massage_routines.plugins.registry import build_registry
from massage_routines.testing import clients, regions
from massage_routines.validation.engine import validate

if TYPE_CHECKING:
    from massage_routines.model.routine import Routine

REGISTRY = build_registry(select="all")
STYLES = sorted(REGISTRY.styles)
REFUSING = sorted(
    name
    for name, spec in REGISTRY.conditions.items()
    if any(isinstance(e, Refuse) and e.trimesters is None for e in spec.effects)
)


@st.composite
def requests(
    draw: st.DrawFn, client: st.SearchStrategy[Client | None] | None = None
) -> ComposeRequest:
    """Requests of any built-in style, inside its session length (to the millisecond)."""
    style = REGISTRY.styles[draw(st.sampled_from(STYLES))]
    low = style.session_length.low.milliseconds // 1000
    high = style.session_length.high.milliseconds // 1000
    millis = draw(st.integers(low, high)) * 1000 + draw(st.sampled_from([0, 0, 0, 1, 500]))
    within = style.reaches
    focus = draw(st.lists(regions(REGISTRY, within), max_size=3))
    include = draw(st.none() | st.lists(regions(REGISTRY, within), min_size=1, max_size=2))
    return ComposeRequest(
        style.name,
        Duration(min(max(millis, 1), high * 1000)),
        focus=tuple(focus),
        include=tuple(include) if include is not None else None,
        client=draw(client if client is not None else st.none() | clients(REGISTRY)),
        goal=draw(st.none() | st.sampled_from(GOALS)),
        seed=draw(st.integers(0, 2**32)),
    )


def _target(spec: ConditionSpec, region: str | None, given_region: str | None) -> str | None:
    if region == AT_REGION:
        return given_region or spec.default_region
    return region


def independent_errors(routine: Routine) -> list[str]:
    """Errors of domain.md, read straight from the records (not through the Profile)."""
    registry = REGISTRY
    style = registry.styles[routine.style]
    client = routine.client or Client()
    out: list[str] = []
    avoid: list[str] = [f.region.name for f in client.flags]
    caps: list[tuple[str | None, int]] = []
    bans: list[tuple[str | None, tuple[str, ...]]] = []
    positions: set[str] = set()
    if client.max_pressure is not None:
        caps.append((None, int(client.max_pressure)))
    for condition in client.conditions:
        spec = registry.conditions[condition.name]
        given_region = condition.region.name if condition.region is not None else None
        for effect in spec.effects:
            if effect.trimesters is not None and condition.trimester not in effect.trimesters:
                continue
            if isinstance(effect, Refuse):
                if not (effect.lifted_by_clearance and condition.cleared):
                    out.append(f"{condition.name} refuses the session")
            elif isinstance(effect, NeedsClearance) and not condition.cleared:
                out.append(f"{condition.name} needs a clearance")
            elif isinstance(effect, Avoid):
                target = _target(spec, effect.region, given_region)
                if target is not None:
                    avoid.append(target)
            elif isinstance(effect, Cap):
                caps.append((_target(spec, effect.region, given_region), int(effect.level)))
            elif isinstance(effect, Forbid):
                bans.append((_target(spec, effect.region, given_region), effect.names))
            elif isinstance(effect, ForbidPosition):
                positions.add(effect.position.value)
    warmed: list[str] = []
    for i, step in enumerate(routine.steps):
        name, level = step.region.name, int(step.pressure)
        technique = registry.techniques[step.technique]
        at = step.position or routine.position
        assert at is not None
        position = at.value
        where = f"steps[{i}] {step.technique} on {name} at {level}"
        if name not in registry.regions:
            out.append(f"{where}: unknown region")
        out.extend(f"{where}: touches {a}" for a in avoid if overlaps(a, name))
        out.extend(
            f"{where}: over the cap {cap}"
            for region, cap in caps
            if level > cap and (region is None or overlaps(region, name))
        )
        for region, names in bans:
            if (region is None or overlaps(region, name)) and (
                technique.name in names or technique.family in names
            ):
                out.append(f"{where}: banned by a condition")
        if not technique.pressure.low <= level <= technique.pressure.high:
            out.append(f"{where}: outside the technique's range")
        if position not in technique.positions or position not in style.positions:
            out.append(f"{where}: position {position} not allowed")
        if position in positions:
            out.append(f"{where}: position {position} forbidden by a condition")
        if style.reaches is not None and not any(matches_pattern(name, r) for r in style.reaches):
            out.append(f"{where}: out of the style's reach")
        if any(matches_pattern(name, p) for p in technique.never_on):
            out.append(f"{where}: never used there")
        if style.self_applied and not any(
            matches_pattern(name, r) for r in registry.reach.get(technique.name, ())
        ):
            out.append(f"{where}: out of the person's own reach")
        if style.pressure is not None and level not in style.pressure:
            out.append(f"{where}: outside the style's pressure {style.pressure}")
        for site in registry.sites:
            if matches_pattern(name, site.region):
                if site.cap is not None and level > site.cap:
                    out.append(f"{where}: over the site cap of {site.region}")
                if technique.name in site.forbidden or technique.family in site.forbidden:
                    out.append(f"{where}: forbidden on the site {site.region}")
        if level > 3 and not any(overlaps(w, name) for w in warmed):
            out.append(f"{where}: deep work on cold tissue")
        if level <= 3:
            warmed.append(name)
    if routine.total != routine.duration:
        out.append(f"the steps add up to {routine.total}, not {routine.duration}")
    return out


def check_composed(request: ComposeRequest) -> Routine | None:
    """Compose; on success assert every property and return the routine."""
    try:
        routine = compose(request, REGISTRY)
    except ComposeError as error:
        assert error.reasons and all(r.strip() for r in error.reasons)
        assert not any(r.startswith("the composed routine fails") for r in error.reasons), (
            error.reasons
        )
        return None
    report = validate(routine, REGISTRY)
    assert report.valid, [f for f in report.findings if f.is_error]
    assert routine.total == request.duration
    assert routine.duration == request.duration
    assert routine.style == request.style
    assert routine.client == request.client
    assert routine.position is not None
    assert independent_errors(routine) == []
    if request.client is not None:
        for flag in request.client.flags:
            assert not any(overlaps(flag.region.name, s.region.name) for s in routine.steps)
    return routine


@given(requests())
def test_compose_is_safe_or_says_why(request: ComposeRequest) -> None:
    check_composed(request)


@given(requests(client=st.none()))
def test_without_a_client_every_request_in_bounds_composes(request: ComposeRequest) -> None:
    """With no client, only a region the style cannot reach stops a request (and none here)."""
    routine = check_composed(request)
    assert routine is not None


@given(requests(client=clients(REGISTRY, conditions=REFUSING, min_conditions=1)))
def test_refusing_conditions_always_raise(request: ComposeRequest) -> None:
    try:
        compose(request, REGISTRY)
    except ComposeError as error:
        assert request.client is not None
        names = {c.name for c in request.client.conditions}
        assert any(any(n in reason for n in names) for reason in error.reasons)
    else:
        raise AssertionError("a refusing condition composed a routine")


@st.composite
def flagged_focus(draw: st.DrawFn) -> ComposeRequest:
    """A request with a focus region that the client flagged (or that lies inside a flag)."""
    request = draw(requests(client=st.none()))
    focus = draw(regions(REGISTRY, REGISTRY.styles[request.style].reaches))
    flag = draw(st.sampled_from(REGISTRY.regions.touching(focus.name)))
    flag = flag if contains(flag, focus.name) else focus.name
    from massage_routines.model.client import Flag
    from massage_routines.model.regions import Region

    client = Client(flags=(Flag(Region(flag), "bruise"),))
    return ComposeRequest(request.style, request.duration, focus=(focus,), client=client)


@given(flagged_focus())
def test_a_flagged_focus_region_is_reported_not_dropped(request: ComposeRequest) -> None:
    try:
        compose(request, REGISTRY)
    except ComposeError as error:
        focus = request.focus[0].name
        assert any(focus in r and "off limits" in r for r in error.reasons), error.reasons
    else:
        raise AssertionError("a flagged focus region was dropped silently")


@settings(max_examples=40)
@given(requests())
def test_written_plans_round_trip(request: ComposeRequest) -> None:
    routine = check_composed(request)
    if routine is None:
        return
    text = write_plan(routine)
    result = read_plan_text(text)
    assert result.findings == ()
    assert result.routine == routine


@settings(max_examples=60)
@given(requests(), st.data())
def test_same_seed_same_routine(request: ComposeRequest, data: st.DataObject) -> None:
    try:
        first = compose(request, REGISTRY)
    except ComposeError as error:
        try:
            compose(request, REGISTRY)
        except ComposeError as again:
            assert again.reasons == error.reasons
        return
    assert compose(request, REGISTRY) == first


def _time_within(routine: Routine, region: str) -> int:
    return sum(s.duration.milliseconds for s in routine.steps if contains(region, s.region.name))


@given(requests(client=st.none()))
def test_focus_regions_get_the_largest_share(request: ComposeRequest) -> None:
    """The focus work takes more time than the work on any top-level region that holds no
    focus region."""
    if not request.focus:
        return
    routine = check_composed(request)
    assert routine is not None
    focus = [f.name for f in request.focus]
    on_focus = sum(
        s.duration.milliseconds
        for s in routine.steps
        if any(contains(f, s.region.name) for f in focus)
    )
    for root in REGISTRY.regions.roots():
        if any(overlaps(root, f) for f in focus):
            continue
        assert on_focus >= _time_within(routine, root), root
