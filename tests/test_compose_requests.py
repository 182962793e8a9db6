"""``compose`` on requests a booking app, a chair or a wellness app would make, one by one."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

from massage_routines.composition.composer import compose, compose_with_adaptations
from massage_routines.composition.request import ComposeError, ComposeRequest
from massage_routines.model.client import Client, Condition, Flag
from massage_routines.model.duration import Duration
from massage_routines.model.position import Position
from massage_routines.model.pressure import Pressure
from massage_routines.model.regions import Region, contains, overlaps
from massage_routines.plugins.registry import build_registry
from massage_routines.validation.engine import validate
from tests.test_compose_properties import REGISTRY, independent_errors

if TYPE_CHECKING:
    from massage_routines.model.routine import Routine


def _request(style: str = "swedish", duration: str = "30m", **kw: Any) -> ComposeRequest:
    return ComposeRequest(style, Duration.parse(duration), **kw)


def _compose(style: str = "swedish", duration: str = "30m", **kw: Any) -> Routine:
    routine = compose(_request(style, duration, **kw), REGISTRY)
    report = validate(routine, REGISTRY)
    assert report.valid, report.findings
    assert independent_errors(routine) == []
    assert routine.total == Duration.parse(duration)
    return routine


def _reasons(request: ComposeRequest) -> tuple[str, ...]:
    with pytest.raises(ComposeError) as caught:
        compose(request, REGISTRY)
    assert str(caught.value).startswith("no safe routine: ")
    return caught.value.reasons


def _time(routine: Routine, within: str) -> int:
    return sum(s.duration.milliseconds for s in routine.steps if contains(within, s.region.name))


def _codes(routine: Routine) -> list[str]:
    return validate(routine, REGISTRY).codes()


# ---------------------------------------------------------------- the request itself


def test_the_request_accepts_region_names_and_drops_repeats() -> None:
    request = _request(focus=("back.lower", Region("back.lower"), "neck"), include=["back"])
    assert request.focus == (Region("back.lower"), Region("neck"))
    assert request.include == (Region("back"),)
    with pytest.raises(ValueError, match=r"ComposeRequest\.goal: must be one of"):
        _request(goal="sleep")


def test_unknown_style_says_did_you_mean() -> None:
    (reason,) = _reasons(_request("swedsh"))
    assert "unknown style 'swedsh'" in reason
    assert "did you mean 'swedish'" in reason


def test_unknown_and_unreachable_regions_are_reasons() -> None:
    reasons = _reasons(_request(focus=("back.lowr",)))
    assert any("did you mean 'back.lower'" in r for r in reasons)
    reasons = _reasons(_request("chair", "15m", focus=("leg.left",)))
    assert any("chair does not reach the focus region leg.left" in r for r in reasons)


def test_a_registry_with_no_rules_composes_nothing() -> None:
    registry = build_registry(select="-rules")
    with pytest.raises(ComposeError) as caught:
        compose(_request(), registry)
    assert any("no validation rule" in r for r in caught.value.reasons)


def test_an_absurdly_long_session_is_refused_and_a_tiny_one_still_adds_up() -> None:
    assert any("longer than any session" in r for r in _reasons(_request(duration="7h")))
    long = _request(duration="7h", any_length=True)
    assert any("longer than any session" in r for r in _reasons(long))
    tiny = _compose(duration="10s", any_length=True)
    assert tiny.total == Duration.parse("10s")
    assert len(tiny.steps) >= 1


def test_a_length_outside_the_style_is_refused_with_the_range_unless_overridden() -> None:
    (chair,) = _reasons(_request("chair", "5h"))
    assert "chair session lasts 5m to 30m" in chair and "5h" in chair
    (swedish,) = _reasons(_request(duration="5m"))
    assert "20m to 2h" in swedish and "--any-length" in swedish
    done = compose_with_adaptations(_request(duration="5m", any_length=True), REGISTRY)
    assert done.routine.total == Duration.parse("5m")
    assert done.adaptations[0].kind == "session_length"
    assert "20m to 2h" in done.adaptations[0].reason


def test_the_total_is_exact_to_the_millisecond() -> None:
    for text in ("30m", "31m7s", "45m0.5s", "1h0.001s", "2h"):
        routine = _compose(duration=text)
        assert routine.total == Duration.parse(text)
        assert routine.duration == Duration.parse(text)
        whole = [s for s in routine.steps if s.duration.milliseconds % 1000]
        assert len(whole) <= 1, "only one step takes the odd milliseconds"


# ---------------------------------------------------------------- clients


@pytest.mark.parametrize("condition", ["fever", "intoxication", "dvt", "acute_heart_condition"])
def test_refusing_conditions_raise_with_the_reason(condition: str) -> None:
    client = Client(conditions=(Condition(condition, cleared=True),))
    reasons = _reasons(_request(client=client))
    assert any(condition in r for r in reasons)


def test_a_missing_clearance_is_a_reason_and_the_clearance_lifts_it() -> None:
    waiting = Client(conditions=(Condition("hypertension"),))
    reasons = _reasons(_request(client=waiting))
    assert any("cleared: true" in r for r in reasons)
    cleared = Client(conditions=(Condition("hypertension", cleared=True),))
    assert "C007" in _codes(_compose(client=cleared))  # the warning to rise slowly stays


def test_an_unknown_condition_is_never_ignored() -> None:
    client = Client(conditions=(Condition("osteoporosys"),))
    reasons = _reasons(_request(client=client))
    assert any("did you mean 'osteoporosis'" in r for r in reasons)


def test_a_flagged_focus_region_is_reported() -> None:
    client = Client(flags=(Flag(Region("back"), "sunburn"),))
    reasons = _reasons(_request(focus=("back.lower",), client=client))
    assert reasons == (
        "the focus region back.lower is off limits: the flag on back (sunburn) covers it; "
        "choose another region or leave it out",
    )
    avoided = Client(conditions=(Condition("fracture", Region("leg.left")),))
    reasons = _reasons(_request("deep_tissue", "45m", focus=("leg.left.calf",), client=avoided))
    assert any("fracture on leg.left" in r for r in reasons)


def test_a_partly_flagged_focus_region_works_the_rest_of_it() -> None:
    client = Client(flags=(Flag(Region("back.lower"), "bruise"),))
    routine = _compose(focus=("back",), client=client)
    assert not any(overlaps("back.lower", s.region.name) for s in routine.steps)
    assert _time(routine, "back.upper") > 0 and _time(routine, "back.middle") > 0


def test_flags_and_avoided_regions_are_worked_around() -> None:
    client = Client(
        flags=(Flag(Region("leg.right.calf"), "bruise"),),
        conditions=(Condition("open_wound", Region("arm.left.forearm")),),
    )
    routine = _compose(duration="90m", client=client)
    touched = {s.region.name for s in routine.steps}
    assert not any(
        overlaps(n, "leg.right.calf") or overlaps(n, "arm.left.forearm") for n in touched
    )
    assert "leg.left" in touched and "arm.right" in touched  # the rest of each limb is worked


def test_when_every_block_is_off_limits_the_regions_left_are_worked() -> None:
    shape = ("back", "neck", "shoulder", "arm", "glutes", "leg", "head")
    flags = tuple(Flag(Region(r), "asked") for r in shape)
    routine = _compose(client=Client(flags=flags))
    assert {s.region.name.split(".")[0] for s in routine.steps} <= {
        "chest",
        "abdomen",
        "hand",
        "foot",
    }
    everything = tuple(Flag(Region(r)) for r in REGISTRY.regions.roots())
    reasons = _reasons(_request(client=Client(flags=everything)))
    assert reasons[0].startswith("nothing is left to work on")
    assert "the flag on back" in reasons[1]
    assert _reasons(_request(include=())) == (
        "the request includes no region (include=None: the whole session)",
    )


def test_every_cap_holds() -> None:
    client = Client(
        conditions=(
            Condition("lymph_node_removal", Region("shoulder.left")),
            Condition("neuropathy", Region("foot")),
            Condition("varicose_veins"),
        ),
        max_pressure=Pressure.MEDIUM,
    )
    routine = _compose(duration="90m", focus=("foot", "shoulder"), client=client)
    for step in routine.steps:
        name = step.region.name
        assert step.pressure <= 3
        if overlaps(name, "shoulder.left") or overlaps(name, "leg"):
            assert step.pressure <= 2, step
        if overlaps(name, "foot"):
            assert step.pressure <= 1, step
    relief = _compose(duration="90m", focus=("shoulder",), client=client, goal="pain_relief")
    assert any(s.region.name == "shoulder.right" and s.pressure == 3 for s in relief.steps), (
        "the cap on the left shoulder does not hold the right one down"
    )


def test_banned_techniques_are_replaced() -> None:
    client = Client(conditions=(Condition("osteoporosis"),))
    routine = _compose(duration="60m", client=client, goal="mobility")
    used = {s.technique for s in routine.steps}
    assert used.isdisjoint({"tapotement", "passive_stretch", "pin_and_stretch"})
    assert max(s.pressure for s in routine.steps) <= 2
    deep = Client(conditions=(Condition("anticoagulants"),))
    routine = _compose("deep_tissue", "45m", focus=("back",), client=deep)
    assert {s.technique for s in routine.steps} <= {"effleurage", "petrissage"}


def test_pregnancy_from_the_second_trimester_is_side_lying() -> None:
    client = Client(conditions=(Condition("pregnancy", trimester=2),))
    routine = _compose(duration="60m", focus=("back.lower",), client=client)
    assert routine.position is Position.SIDE_LYING
    assert all(s.position is None for s in routine.steps)
    assert "tapotement" not in {s.technique for s in routine.steps}  # not done side-lying
    assert not [c for c in _codes(routine) if c in ("C008", "C009")]


def test_a_discouraged_position_is_avoided_when_another_is_allowed() -> None:
    client = Client(conditions=(Condition("pacemaker"),))
    routine = _compose(duration="60m", client=client)
    positions = {routine.position_of(s) for s in routine.steps}
    assert Position.PRONE not in positions
    assert not any(overlaps("chest", s.region.name) for s in routine.steps)


# ---------------------------------------------------------------- shapes


def test_swedish_full_body_follows_the_published_split() -> None:
    routine = _compose(duration="60m")
    assert routine.position is Position.PRONE
    positions = [routine.position_of(s) for s in routine.steps]
    turn = positions.index(Position.SUPINE)
    assert all(p is Position.PRONE for p in positions[:turn])
    assert all(p is Position.SUPINE for p in positions[turn:]), "one turn, prone then supine"
    roots = {r: _time(routine, r) for r in REGISTRY.regions.roots()}
    assert max(roots, key=roots.__getitem__) == "back"
    assert sorted(roots.values())[-2] == roots["leg"], "the legs get the next largest share"
    first = routine.steps[:5]
    assert [s.technique for s in first] == [
        "effleurage",
        "petrissage",
        "friction",
        "tapotement",
        "tapotement",
    ]
    assert all(s.pressure <= 3 for s in routine.steps), "Swedish: pressure mostly 2-3"


def test_focus_gets_the_largest_share() -> None:
    routine = _compose(focus=("back.lower",))
    focus = _time(routine, "back.lower")
    assert focus >= 0.35 * routine.total.milliseconds
    for root in ("leg", "neck", "shoulder", "arm", "head", "glutes"):
        assert focus > _time(routine, root)
    relief = _compose(focus=("back.lower",), goal="pain_relief")
    assert _time(relief, "back.lower") > focus


def test_deep_tissue_warms_up_then_goes_deep_then_flushes() -> None:
    routine = _compose("deep_tissue", "60m", focus=("back", "shoulder"))
    assert {s.region.name.split(".")[0] for s in routine.steps} == {"back", "shoulder"}
    levels = [int(s.pressure) for s in routine.steps if contains("back", s.region.name)]
    assert levels[0] <= 3 and levels[-1] <= 3 and max(levels) >= 4
    deep = {s.technique for s in routine.steps if s.pressure >= 4}
    assert deep and deep <= {
        "stripping",
        "cross_fiber_friction",
        "trigger_point",
        "pin_and_stretch",
    }
    assert not [c for c in _codes(routine) if c in ("P001", "P002", "T005")]


def test_deep_tissue_without_a_focus_works_the_back_or_what_is_included() -> None:
    routine = _compose("deep_tissue", "45m")
    assert all(contains("back", s.region.name) for s in routine.steps)
    routine = _compose("deep_tissue", "45m", include=("leg.left",))
    assert all(contains("leg.left", s.region.name) for s in routine.steps)


def test_chair_follows_its_template_seated() -> None:
    routine = _compose("chair", "15m")
    assert routine.position is Position.SEATED
    assert routine.steps[0].technique == "effleurage" and routine.steps[0].pressure == 1
    assert routine.steps[-1].technique == "nerve_strokes"
    assert {"compression", "thumb_pressure", "passive_stretch"} <= {
        s.technique for s in routine.steps
    }
    lower = [s for s in routine.steps if s.region.name == "back.lower"]
    assert lower and all(s.technique == "compression" and s.pressure <= 3 for s in lower)


def test_include_limits_the_session() -> None:
    routine = _compose(duration="30m", include=("back", "neck.posterior"))
    assert all(
        contains("back", s.region.name) or contains("neck.posterior", s.region.name)
        for s in routine.steps
    )
    assert _time(routine, "neck.posterior") > 0
    hands = _compose(duration="20m", include=("hand",))
    assert all(contains("hand", s.region.name) for s in hands.steps)


@pytest.mark.parametrize(
    ("style", "duration", "focus"),
    [
        ("swedish", "30m", ()),
        ("swedish", "60m", ()),
        ("swedish", "90m", ("back.lower",)),
        ("swedish", "120m", ()),
        ("deep_tissue", "60m", ("back",)),
        ("deep_tissue", "90m", ("leg.left", "glutes")),
        ("chair", "15m", ()),
        ("chair", "30m", ("shoulder",)),
    ],
)
def test_usual_requests_keep_steps_plausible_and_pressure_gradual(
    style: str, duration: str, focus: tuple[str, ...]
) -> None:
    codes = _codes(_compose(style, duration, focus=focus))
    assert not [c for c in codes if c in ("P001", "P002", "T005", "S003", "S004", "S005")], codes


# ---------------------------------------------------------------- goals


def _share(routine: Routine, technique: str) -> float:
    part = sum(s.duration.milliseconds for s in routine.steps if s.technique == technique)
    return part / routine.total.milliseconds


def _mean_pressure(routine: Routine) -> float:
    total = routine.total.milliseconds
    return sum(int(s.pressure) * s.duration.milliseconds for s in routine.steps) / total


def test_relaxation_glides_lighter_and_closes_calmly() -> None:
    plain = _compose(duration="45m", seed=3)
    calm = _compose(duration="45m", seed=3, goal="relaxation")
    glides = ("effleurage", "nerve_strokes")
    assert sum(_share(calm, t) for t in glides) > sum(_share(plain, t) for t in glides)
    assert _mean_pressure(calm) < _mean_pressure(plain)
    assert "tapotement" not in {s.technique for s in calm.steps}
    assert calm.steps[-1].technique == "nerve_strokes"


def test_mobility_adds_friction_stretches_and_joint_work() -> None:
    plain = _compose(duration="60m", seed=5)
    moving = _compose(duration="60m", seed=5, goal="mobility")
    assert _share(moving, "friction") > _share(plain, "friction")
    assert "passive_stretch" in {s.technique for s in moving.steps}
    joints = ("neck", "shoulder", "arm", "hand", "glutes", "leg", "foot")
    assert sum(_time(moving, j) for j in joints) > sum(_time(plain, j) for j in joints)


# ---------------------------------------------------------------- determinism and speed


def test_the_same_seed_gives_the_same_routine_and_seeds_vary_it() -> None:
    client = Client(conditions=(Condition("varicose_veins"),))
    first = _compose(duration="60m", client=client, seed=11)
    assert _compose(duration="60m", client=client, seed=11) == first
    others = {_compose(duration="60m", client=client, seed=s).steps for s in range(6)}
    assert len(others) > 1


def test_names_are_made_up_or_taken_from_the_request() -> None:
    assert _compose(focus=("back.lower",)).name == "Swedish 30m, focus back.lower"
    assert _compose("deep_tissue", "1h", goal="pain_relief").name == "Deep tissue 1h (pain relief)"
    assert _compose(name="Monday 9:00").name == "Monday 9:00"
