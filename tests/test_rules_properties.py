"""Properties of the safety rules over generated routines and clients (Hypothesis).

Routines come from :mod:`massage_routines.testing`: their steps keep to their technique's and
style's records, so what the rules find is about flags, conditions, caps, sites and progression.
"""

from __future__ import annotations

import attrs
from hypothesis import assume, given
from hypothesis import strategies as st

from massage_routines.model.client import Client, Condition, Flag
from massage_routines.model.duration import Duration
from massage_routines.model.position import BUILT_IN
from massage_routines.model.pressure import Pressure
from massage_routines.model.regions import BASE_REGIONS, Region, overlaps
from massage_routines.model.routine import Routine, Step
from massage_routines.validation.context import RuleContext
from massage_routines.validation.rules import progression
from massage_routines.validation.rules._index import index_of
from tests.strategies_rules import (
    CAP_CODES,
    check_routine,
    clients,
    conditions,
    flags,
    lowered,
    registry,
    routines,
)

#: Conditions whose only effect is to keep their region out of the session.
AVOIDING = ("open_wound", "burn", "bruise", "rash", "skin_infection", "acute_injury", "fracture")


def _client(routine: Routine) -> Client:
    return routine.client if routine.client is not None else Client()


def _with_client(routine: Routine, client: Client) -> Routine:
    return attrs.evolve(routine, client=client)


def _error_places(routine: Routine, codes: frozenset[str] | None = None) -> set[tuple[str, str]]:
    return {
        (f.code, f.path) for f in check_routine(routine).errors if codes is None or f.code in codes
    }


@st.composite
def touched_region(draw: st.DrawFn, routine: Routine) -> tuple[int, Region]:
    """A step of the routine and a region that overlaps its region (ancestor, itself, below)."""
    i = draw(st.integers(0, len(routine.steps) - 1))
    name = routine.steps[i].region.name
    tree = registry().regions
    other = draw(st.sampled_from(tree.touching(name)))
    return i, tree[other]


# ---------------------------------------------------------------- flags and avoided regions


@given(st.data(), routines(client=st.none() | clients()))
def test_a_step_on_a_flagged_region_is_never_valid(data: st.DataObject, routine: Routine) -> None:
    i, region = data.draw(touched_region(routine))
    client = _client(routine)
    flagged = _with_client(routine, attrs.evolve(client, flags=(*client.flags, Flag(region))))
    report = check_routine(flagged)
    assert not report.valid
    path = f"steps[{i}].region"
    assert any(f.code == "F001" and f.path == path for f in report.errors), report.findings


@given(st.data(), routines(client=st.none() | clients()), st.sampled_from(AVOIDING))
def test_a_step_on_an_avoided_region_is_never_valid(
    data: st.DataObject, routine: Routine, name: str
) -> None:
    i, region = data.draw(touched_region(routine))
    client = _client(routine)
    condition = Condition(name, region)
    avoided = _with_client(
        routine, attrs.evolve(client, conditions=(*client.conditions, condition))
    )
    report = check_routine(avoided)
    assert not report.valid
    assert any(f.code == "C002" and f.path == f"steps[{i}].region" for f in report.errors)


@given(routines(client=st.none() | clients()), st.data())
def test_a_flag_is_touched_exactly_by_the_steps_that_overlap_it(
    routine: Routine, data: st.DataObject
) -> None:
    region = data.draw(st.sampled_from(BASE_REGIONS))
    client = _client(routine)
    flagged = _with_client(routine, attrs.evolve(client, flags=(Flag(Region(region)),)))
    hit = {f.path for f in check_routine(flagged).findings if f.code == "F001"}
    expected = {
        f"steps[{i}].region"
        for i, step in enumerate(routine.steps)
        if overlaps(step.region.name, region)
    }
    assert hit == expected


# ---------------------------------------------------------------- monotonicity


@given(routines(client=st.none() | clients()), st.data())
def test_adding_a_flag_or_a_condition_never_makes_a_routine_valid(
    routine: Routine, data: st.DataObject
) -> None:
    before = _error_places(routine)
    client = _client(routine)
    if data.draw(st.booleans()):
        client = attrs.evolve(client, flags=(*client.flags, data.draw(flags())))
    else:
        client = attrs.evolve(client, conditions=(*client.conditions, data.draw(conditions())))
    after = _error_places(_with_client(routine, client))
    assert before <= after
    if before:
        assert after


# ---------------------------------------------------------------- caps


@given(st.data(), routines(client=st.none() | clients()), st.sampled_from(["client", "condition"]))
def test_a_routine_that_breaks_a_cap_is_never_valid(
    data: st.DataObject, routine: Routine, kind: str
) -> None:
    i = data.draw(st.integers(0, len(routine.steps) - 1))
    step = routine.steps[i]
    assume(step.pressure >= 1)
    client = _client(routine)
    if kind == "client":
        cap = data.draw(st.integers(0, int(step.pressure) - 1))
        if client.max_pressure is not None:
            cap = min(cap, int(client.max_pressure))
        client = attrs.evolve(client, max_pressure=Pressure(cap))
        code = "C010"
    else:
        # neuropathy on the step's region caps it at 1; low_platelets caps everything at 1.
        assume(step.pressure >= 2)
        condition = data.draw(
            st.sampled_from([Condition("neuropathy", step.region), Condition("low_platelets")])
        )
        client = attrs.evolve(client, conditions=(*client.conditions, condition))
        code = "C003"
    report = check_routine(_with_client(routine, client))
    assert not report.valid
    assert (code, f"steps[{i}].pressure") in {(f.code, f.path) for f in report.errors}


@given(st.data(), routines(client=st.none() | clients()))
def test_a_step_above_a_sites_cap_is_never_valid(data: st.DataObject, routine: Routine) -> None:
    i = data.draw(st.integers(0, len(routine.steps) - 1))
    site = data.draw(st.sampled_from(["neck.anterior", "leg.left.knee_back", "arm.right.axilla"]))
    pressure = data.draw(st.sampled_from([Pressure(3), Pressure(4), Pressure(5)]))
    steps = list(routine.steps)
    steps[i] = attrs.evolve(steps[i], region=Region(site), pressure=pressure)
    report = check_routine(attrs.evolve(routine, steps=tuple(steps)))
    assert not report.valid
    assert ("E001", f"steps[{i}].pressure") in {(f.code, f.path) for f in report.errors}


@given(routines(client=st.none() | clients()), st.integers(1, 5), st.data())
def test_lowering_pressure_never_creates_a_cap_error(
    routine: Routine, by: int, data: st.DataObject
) -> None:
    before = _error_places(routine, CAP_CODES)
    every = data.draw(st.booleans())
    steps = tuple(
        attrs.evolve(step, pressure=lowered(step.pressure, by))
        if every or data.draw(st.booleans())
        else step
        for step in routine.steps
    )
    after = _error_places(attrs.evolve(routine, steps=steps), CAP_CODES)
    assert after <= before


# ---------------------------------------------------------------- warm-up


@given(routines(client=st.none() | clients(), max_steps=10))
def test_deep_work_first_never_passes_the_warm_up_rule(routine: Routine) -> None:
    deep = [s for s in routine.steps if s.pressure >= 4]
    assume(deep)
    rest = [s for s in routine.steps if s.pressure < 4]
    reordered = attrs.evolve(routine, steps=(*deep, *rest))
    report = check_routine(reordered)
    assert not report.valid
    assert ("P001", "steps[0].pressure") in {(f.code, f.path) for f in report.errors}


@given(routines(max_steps=12))
def test_warm_up_holds_exactly_when_an_earlier_light_step_overlaps(routine: Routine) -> None:
    found = {f.path for f in check_routine(routine).findings if f.code == "P001"}
    expected = set()
    for i, step in enumerate(routine.steps):
        if step.pressure >= 4 and not any(
            s.pressure <= 3 and overlaps(s.region.name, step.region.name) for s in routine.steps[:i]
        ):
            expected.add(f"steps[{i}].pressure")
    assert found == expected


@given(routines(max_steps=12))
def test_jumps_are_measured_from_the_last_overlapping_step(routine: Routine) -> None:
    found = {f.path for f in check_routine(routine).findings if f.code == "P002"}
    expected = set()
    for i, step in enumerate(routine.steps):
        earlier = [s for s in routine.steps[:i] if overlaps(s.region.name, step.region.name)]
        if earlier and abs(int(earlier[-1].pressure) - int(step.pressure)) > 2:
            expected.add(f"steps[{i}].pressure")
    assert found == expected


# ---------------------------------------------------------------- robustness

_names = st.from_regex(r"[a-z][a-z0-9_]{0,9}", fullmatch=True)
_region_names = st.one_of(
    st.sampled_from(BASE_REGIONS),
    st.sampled_from(BASE_REGIONS).flatmap(lambda r: _names.map(lambda x: f"{r}.{x}")),
    st.from_regex(r"[a-z]{1,6}(\.[a-z]{1,6}){0,2}", fullmatch=True),
)
_any_steps = st.builds(
    Step,
    technique=st.one_of(st.sampled_from(sorted(registry().techniques)), _names),
    region=_region_names.map(Region),
    pressure=st.sampled_from(list(Pressure)),
    duration=st.integers(1, 3_600_000).map(Duration),
    position=st.none() | st.sampled_from(BUILT_IN),
)
_any_conditions = st.builds(
    Condition,
    name=st.one_of(st.sampled_from(sorted(registry().conditions)), _names),
    region=st.none() | _region_names.map(Region),
    trimester=st.none() | st.integers(1, 3),
    cleared=st.booleans(),
)
_any_routines = st.builds(
    Routine,
    name=st.just("anything"),
    style=st.one_of(st.sampled_from(sorted(registry().styles)), _names),
    steps=st.lists(_any_steps, min_size=1, max_size=10).map(tuple),
    position=st.none() | st.sampled_from(BUILT_IN),
    duration=st.none() | st.integers(1, 7_200_000).map(Duration),
    client=st.none()
    | st.builds(
        Client,
        flags=st.lists(_region_names.map(Region).map(Flag), max_size=3).map(tuple),
        conditions=st.lists(_any_conditions, max_size=3).map(tuple),
        max_pressure=st.none() | st.sampled_from(list(Pressure)),
    ),
)


@given(_any_routines)
def test_no_rule_fails_on_any_routine(routine: Routine) -> None:
    report = check_routine(routine)
    assert "X002" not in report.codes(), report.findings


@given(_any_routines)
def test_unknown_names_are_always_errors(routine: Routine) -> None:
    reg = registry()
    report = check_routine(routine)
    codes = set(report.codes())
    if routine.style not in reg.styles:
        assert "V001" in codes
    if any(s.technique not in reg.techniques for s in routine.steps):
        assert "V002" in codes
    if any(s.region.name not in reg.regions for s in routine.steps):
        assert "V003" in codes
    client = routine.client
    if client is not None and any(c.name not in reg.conditions for c in client.conditions):
        assert "V004" in codes


@given(routines(max_steps=12))
def test_progression_is_the_same_with_and_without_the_tree(routine: Routine) -> None:
    """The fast path (every region known) and the general one agree wherever both apply."""
    reg = registry()
    ctx = RuleContext(routine, reg)
    index = index_of(reg)
    fast = list(progression._known(ctx, index))
    general = list(progression._any(ctx, index))
    assert fast == general
