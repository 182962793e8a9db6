"""Self-massage at home (issue 13): the style, its reach, its safety data and its sessions.

Plans are checked through the same engine as every plan; the composer's output must pass
``validate --strict --craft``; reach is data, so a plugin registered in code adds a technique with
its own reach, or extends the reach of a built-in technique, and the rule follows.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from massage_routines.composition.composer import compose
from massage_routines.composition.request import ComposeError, ComposeRequest
from massage_routines.model.client import Client, Condition
from massage_routines.model.duration import Duration
from massage_routines.model.position import Position
from massage_routines.model.pressure import Pressure
from massage_routines.model.regions import matches_pattern
from massage_routines.planfile.reader import read_plan_text
from massage_routines.plugins import hookimpl
from massage_routines.plugins.records import (
    AT_FOCUS,
    Block,
    DurationRange,
    Move,
    PressureRange,
    ReachSpec,
    SessionShape,
    StyleSpec,
    TechniqueSpec,
)
from massage_routines.plugins.registry import build_registry
from massage_routines.practice import CALM
from massage_routines.techniques import self_massage
from massage_routines.validation.engine import validate, validate_text

REGISTRY = build_registry(select="all")
STYLE = REGISTRY.styles["self_massage"]

PLAN = """\
name: Low back at home
style: self_massage
position: seated
steps:
  - technique: heat_pack
    region: {heat}
    pressure: 0
    duration: 10m
  - technique: {technique}
    region: {region}
    pressure: {pressure}
    duration: 3m{extra}
"""


def plan(
    technique: str = "self_kneading",
    region: str = "back.lower",
    pressure: int = 2,
    heat: str = "back.lower",
    extra: str = "",
) -> str:
    return PLAN.format(
        technique=technique, region=region, pressure=pressure, heat=heat, extra=extra
    )


def errors(text: str, registry=REGISTRY) -> list[tuple[str, str, int | None]]:
    report = validate_text(text, registry)
    return [(f.code, f.path, f.line) for f in report.findings if f.is_error]


# ---------------------------------------------------------------- the data


def test_the_style_is_self_applied_light_to_medium_and_opens_with_heat() -> None:
    assert STYLE.self_applied
    assert STYLE.pressure == PressureRange(0, 3)
    assert STYLE.opening is not None and STYLE.opening[0] == "heat_pack"
    assert STYLE.closing is not None and STYLE.closing[0] == "gentle_stretch"
    assert Position.STANDING in STYLE.positions
    provider = REGISTRY.provider("style", "self_massage")
    assert provider is not None and provider.name == "self_massage"
    for name in STYLE.techniques:
        assert REGISTRY.techniques[name].pressure.high <= 3, name


def test_every_technique_of_the_style_has_reach_within_the_style() -> None:
    assert STYLE.reaches is not None
    for name in STYLE.techniques:
        reach = REGISTRY.reach[name]
        assert reach, name
        for region in reach:
            assert any(matches_pattern(region, r) for r in STYLE.reaches), (name, region)


@pytest.mark.parametrize(
    ("technique", "reached", "not_reached"),
    [
        ("self_kneading", ["neck.posterior", "shoulder.left", "hand.right", "leg.left.calf"], []),
        ("self_kneading", ["back.lower"], ["back.upper", "back.middle", "back", "glutes"]),
        ("foam_rolling", ["back.upper", "back.middle", "glutes.left", "leg.right.thigh"], []),
        ("foam_rolling", [], ["neck", "shoulder", "arm.left", "abdomen"]),
        ("ball_pressure", ["back.upper", "shoulder.left", "glutes"], ["leg.left", "neck"]),
    ],
)
def test_reach_of_the_hands_the_roller_and_the_ball(
    technique: str, reached: list[str], not_reached: list[str]
) -> None:
    for region in reached:
        assert not errors(plan(technique, region, pressure=2)), (technique, region)
    for region in not_reached:
        found = errors(plan(technique, region, pressure=2))
        assert ("S006", "steps[1].region", 10) in found, (technique, region, found)


def test_the_heat_pack_is_still_contact_before_the_massage() -> None:
    heat = REGISTRY.techniques["heat_pack"]
    assert heat.pressure == PressureRange(0, 0)
    assert heat.family == "heat"
    assert heat.step_length == DurationRange("5m", "15m")
    assert errors(plan(heat="back.lower", pressure=2)) == []
    found = errors(
        PLAN.replace("pressure: 0", "pressure: 1").format(
            technique="self_kneading", region="back.lower", pressure=2, heat="back.lower", extra=""
        )
    )
    assert ("T001", "steps[0].pressure", 7) in found


# ---------------------------------------------------------------- done when: plans that fail


def test_heat_on_a_bruise_fails_where_the_step_is() -> None:
    text = plan(heat="shoulder.left", region="shoulder.right") + (
        "client:\n  conditions:\n    - name: bruise\n      region: shoulder.left\n"
    )
    assert ("C002", "steps[0].region", 6) in errors(text)
    assert errors(text.replace("      region: shoulder.left\n", "      region: leg.left\n")) == []


def test_foam_rolling_the_lower_back_fails_where_the_step_is() -> None:
    found = errors(plan("foam_rolling", "back.lower", pressure=2))
    assert ("T003", "steps[1].technique", 9) in found
    assert errors(plan("foam_rolling", "back.upper", pressure=2)) == []


@pytest.mark.parametrize("region", ["neck.posterior", "leg.left.knee_back"])
def test_no_foam_rolling_on_the_neck_or_the_back_of_the_knee(region: str) -> None:
    assert ("T003", "steps[1].technique", 9) in errors(plan("foam_rolling", region))


def test_pressure_4_fails_where_the_step_is() -> None:
    found = errors(plan(pressure=4))
    assert ("S007", "steps[1].pressure", 11) in found
    assert errors(plan(pressure=3)) == []


def test_the_style_band_binds_techniques_of_other_plugins_too() -> None:
    """Effleurage at 4 is in effleurage's range, not in self-massage's (and out of reach)."""
    codes = {code for code, _, _ in errors(plan("effleurage", "back.lower", pressure=4))}
    assert {"S006", "S007"} <= codes
    assert "T001" not in codes


@pytest.mark.parametrize(
    ("condition", "heat_on", "fails"),
    [
        ("    - dvt_history\n", "shoulder", True),
        ("    - numbness\n", "shoulder", True),
        ("    - name: numbness\n      region: leg.left\n      cleared: true\n", "shoulder", False),
        ("    - name: neuropathy\n      region: shoulder\n", "shoulder", True),
        ("    - name: neuropathy\n      region: foot\n", "shoulder", False),
        ("    - name: pregnancy\n      trimester: 1\n      cleared: true\n", "abdomen", True),
        ("    - name: pregnancy\n      trimester: 3\n", "abdomen", True),
        ("    - name: pregnancy\n      trimester: 1\n      cleared: true\n", "shoulder", False),
        ("    - name: burn\n      region: shoulder\n", "shoulder", True),
        ("    - name: open_wound\n      region: shoulder\n", "shoulder", True),
        ("    - name: acute_injury\n      region: shoulder\n", "shoulder", True),
    ],
)
def test_no_heat_where_it_can_burn_or_harm(condition: str, heat_on: str, fails: bool) -> None:
    text = plan(heat=heat_on, region="arm.left") + "client:\n  conditions:\n" + condition
    found = [(code, path) for code, path, _ in errors(text)]
    heat_errors = [c for c, path in found if path.startswith("steps[0]")]
    assert bool(heat_errors) is fails, (condition, found)
    if condition.strip().startswith(("- dvt", "- numbness", "- name: neuropathy")) and fails:
        assert "C004" in heat_errors  # the ban on the family heat


def test_heat_is_forbidden_as_a_family_so_other_heat_techniques_are_too() -> None:
    """A plugin's own heat technique (hot stones, say) is ruled out with the built-in pack."""
    stones = TechniqueSpec("warm_stones", PressureRange(1, 2), family="heat")
    plugin = SimpleNamespace(massage_techniques=hookimpl(lambda: [stones]))
    registry = build_registry([("stones", plugin)], select="all")
    text = (
        plan(heat="leg.left")
        .replace("style: self_massage", "style: swedish")
        .replace("position: seated", "position: prone")
        .replace("technique: heat_pack", "technique: warm_stones")
        .replace("pressure: 0", "pressure: 1")
        + "client:\n  conditions:\n    - dvt_history\n"
    )
    assert ("C004", "steps[0].technique", 5) in errors(text, registry)


# ---------------------------------------------------------------- positions


def test_standing_is_a_position_for_wall_work() -> None:
    text = plan("ball_pressure", "back.upper", extra="\n    position: standing")
    routine = read_plan_text(text).routine
    assert routine is not None
    assert routine.steps[1].position is Position.STANDING
    assert errors(text) == []
    # Swedish massage is never done standing, and effleurage is a therapist's stroke.
    swedish = text.replace("style: self_massage", "style: swedish")
    assert ("S001", "steps[1].position", 13) in errors(swedish)
    found = errors(plan("effleurage", "back.lower", extra="\n    position: standing"))
    assert ("T002", "steps[1].position", 13) in found


# ---------------------------------------------------------------- craft: the opening is data


def test_a_self_massage_opening_with_heat_has_no_opening_finding() -> None:
    report = validate_text(plan("gentle_stretch", "back.lower", pressure=1), REGISTRY, craft=True)
    assert not [f for f in report.findings if f.code in ("K001", "K002")], report.findings
    # The same plan without the heat pack first opens with a stretch: the style's K001.
    opened = validate_text(
        plan("gentle_stretch", "back.lower", pressure=1)
        .replace("heat_pack", "self_kneading")
        .replace("pressure: 0", "pressure: 2"),
        REGISTRY,
        craft=True,
    )
    k001 = [f for f in opened.findings if f.code == "K001"]
    assert k001 and "heat_pack" in k001[0].message


def test_a_swedish_session_opening_with_heat_still_gets_k001() -> None:
    text = (
        plan()
        .replace("style: self_massage", "style: swedish")
        .replace("position: seated", "position: prone")
    )
    report = validate_text(text, REGISTRY, craft=True)
    assert any(f.code == "K001" and "effleurage" in f.message for f in report.findings)


# ---------------------------------------------------------------- done when: the composer


def test_compose_20m_low_back_starts_with_heat_and_passes_strict_craft(cli) -> None:
    done = cli("compose", "--style", "self_massage", "--duration", "20m", "--focus", "back.lower")
    assert done.returncode == 0, done.stderr
    data = yaml.safe_load(done.stdout)
    steps = data["steps"]
    assert steps[0]["technique"] == "heat_pack"
    assert steps[0]["pressure"] == 0
    assert Duration.parse("5m") <= Duration.parse(steps[0]["duration"]) <= Duration.parse("15m")
    for step in steps:
        reach = REGISTRY.reach[step["technique"]]
        assert any(matches_pattern(step["region"], r) for r in reach), step
        assert step["pressure"] <= 3
    checked = cli("validate", "--strict", "--craft", "-", stdin=done.stdout.encode())
    assert checked.returncode == 0, checked.stdout + checked.stderr


@settings(max_examples=60, deadline=None)
@given(
    minutes=st.integers(10, 30),
    focus=st.sampled_from(["back.lower", "shoulder", "neck.posterior", "leg", "back", "glutes"]),
    seed=st.integers(0, 2**16),
)
def test_every_composed_session_opens_with_heat_on_the_focus(
    minutes: int, focus: str, seed: int
) -> None:
    request = ComposeRequest(
        "self_massage", Duration.parse(f"{minutes}m"), focus=(focus,), seed=seed
    )
    routine = compose(request, REGISTRY)
    first = routine.steps[0]
    assert first.technique == "heat_pack"
    assert matches_pattern(first.region.name, focus) or matches_pattern(focus, first.region.name)
    assert routine.steps[-1].technique in (STYLE.closing or ())
    assert routine.steps[-1].pressure <= CALM
    report = validate(routine, REGISTRY, craft=True)
    assert report.findings == (), report.findings


def test_where_heat_is_ruled_out_the_session_opens_with_light_circles() -> None:
    client = Client(conditions=(Condition("numbness", cleared=True),))
    request = ComposeRequest(
        "self_massage", Duration.parse("20m"), focus=("shoulder",), client=client
    )
    routine = compose(request, REGISTRY)
    assert all(s.technique != "heat_pack" for s in routine.steps)
    assert routine.steps[0].technique == "fingertip_circles"
    assert routine.steps[0].pressure <= CALM


def test_a_session_of_nothing_but_heat_is_refused() -> None:
    client = Client(max_pressure=Pressure.HOLD)
    request = ComposeRequest(
        "self_massage", Duration.parse("20m"), focus=("glutes",), client=client
    )
    with pytest.raises(ComposeError) as raised:
        compose(request, REGISTRY)
    assert "no massage to compose" in raised.value.reasons[0]


# ---------------------------------------------------------------- reach is data plugins extend


MASSAGE_GUN = TechniqueSpec(
    "massage_gun",
    PressureRange(1, 3),
    positions=("seated", "standing"),
    never_on=("neck", "back.lower"),
    step_length=DurationRange("30s", "3m"),
)


class GunPlugin:
    """A third-party plugin: a technique with its own reach, a self-applied style that uses it,
    and more reach for a built-in technique (kneading the glutes while standing)."""

    @hookimpl
    def massage_techniques(self) -> list[TechniqueSpec]:
        return [MASSAGE_GUN]

    @hookimpl
    def massage_reach(self) -> list[ReachSpec]:
        return [
            ReachSpec("massage_gun_arms_length", "massage_gun", ("leg", "glutes", "shoulder")),
            ReachSpec("self_kneading_glutes", "self_kneading", ("glutes",)),
        ]

    @hookimpl
    def massage_styles(self) -> list[StyleSpec]:
        return [
            StyleSpec(
                "gun_session",
                positions=("seated", "standing"),
                session_length=DurationRange("5m", "20m"),
                techniques=("massage_gun", "self_kneading"),
                shape=SessionShape(
                    blocks=(
                        Block(
                            AT_FOCUS,
                            moves=(
                                Move("self_kneading", PressureRange(1, 2)),
                                Move("massage_gun", PressureRange(1, 3)),
                            ),
                            position="seated",
                        ),
                    )
                ),
                self_applied=True,
                opening=("self_kneading",),
                closing=("self_kneading",),
            )
        ]


def test_a_plugin_adds_a_technique_with_its_own_reach() -> None:
    registry = build_registry([("gun", GunPlugin())], select="all")
    assert registry.problems == ()
    assert registry.reach["massage_gun"] == ("leg", "glutes", "shoulder")
    provider = registry.provider("reach", "massage_gun_arms_length")
    assert provider is not None and provider.name == "gun"
    assert errors(plan("massage_gun", "leg.left.thigh"), registry) == []
    assert errors(plan("massage_gun", "glutes.left"), registry) == []
    found = errors(plan("massage_gun", "back.upper"), registry)
    assert ("S006", "steps[1].region", 10) in found
    # Without the plugin the technique is unknown (V002), not silently reachable.
    assert ("V002", "steps[1].technique", 9) in errors(plan("massage_gun", "leg.left.thigh"))


def test_a_plugin_extends_the_reach_of_a_technique_it_does_not_own() -> None:
    registry = build_registry([("gun", GunPlugin())], select="all")
    assert "glutes" in registry.reach["self_kneading"]
    assert "back.lower" in registry.reach["self_kneading"]  # the built-in reach stays
    assert errors(plan("self_kneading", "glutes.left"), registry) == []
    assert ("S006", "steps[1].region", 10) in errors(plan("self_kneading", "glutes.left"))


def test_reach_applies_only_to_self_applied_styles() -> None:
    """The same technique and region in a style done by a therapist: no reach finding."""
    registry = build_registry([("gun", GunPlugin())], select="all")
    text = plan("self_kneading", "back.upper").replace("self_massage", "gun_session")
    assert ("S006", "steps[1].region", 10) in errors(text, registry)
    text = plan("petrissage", "back.upper").replace("style: self_massage", "style: swedish")
    text = (
        text.replace("position: seated", "position: prone")
        .replace("technique: heat_pack", "technique: effleurage")
        .replace("pressure: 0", "pressure: 1")
    )
    assert errors(text) == []


def test_a_technique_with_no_reach_is_never_self_applied() -> None:
    found = errors(plan("effleurage", "shoulder"))
    assert ("S006", "steps[1].region", 10) in found
    report = validate_text(plan("effleurage", "shoulder"), REGISTRY)
    message = next(f.message for f in report.findings if f.code == "S006")
    assert "ReachSpec" in message


def test_a_third_party_self_applied_style_composes_within_reach() -> None:
    registry = build_registry([("gun", GunPlugin())], select="all")
    routine = compose(
        ComposeRequest("self_massage", Duration.parse("20m"), focus=("glutes",)), registry
    )
    assert any(s.technique == "self_kneading" for s in routine.steps)
    assert not [f for f in validate(routine, registry, craft=True).findings if f.is_error]


@pytest.mark.parametrize(
    ("record", "words"),
    [
        (ReachSpec("r1", "no_such_technique", ("leg",)), "provided by no plugin"),
        (ReachSpec("r2", "self_kneading", ("tail",)), "not a known region"),
        (ReachSpec("r3", "self_kneading", ()), "reaches no region"),
        (ReachSpec("Bad Name", "self_kneading", ("leg",)), "lower_snake"),
    ],
)
def test_a_broken_reach_record_is_a_plugin_problem(record: ReachSpec, words: str) -> None:
    plugin = SimpleNamespace(massage_reach=hookimpl(lambda: [record]))
    registry = build_registry([("bad_reach", plugin)], select="all")
    assert any(p.plugin == "bad_reach" and words in p.message for p in registry.problems), (
        registry.problems
    )
    report = validate_text(plan(), registry)
    assert not report.valid
    assert any(f.code == "X001" for f in report.findings)


def test_two_plugins_giving_one_reach_name_is_a_conflict() -> None:
    again = SimpleNamespace(
        massage_reach=hookimpl(
            lambda: [ReachSpec("self_kneading_hands", "self_kneading", ("glutes",))]
        )
    )
    registry = build_registry([("again", again)], select="all")
    assert any("self_kneading_hands" in p.message for p in registry.problems)


def test_a_style_whose_opening_it_does_not_use_is_a_plugin_problem() -> None:
    style = StyleSpec(
        "odd_open",
        positions=("seated",),
        session_length=DurationRange("10m", "20m"),
        techniques=("self_kneading",),
        shape=self_massage.SELF_MASSAGE.shape,
        opening=("heat_pack",),
        self_applied=True,
    )
    plugin = SimpleNamespace(massage_styles=hookimpl(lambda: [style]))
    registry = build_registry([("odd", plugin)], select="all")
    assert any("opening 'heat_pack'" in p.message for p in registry.problems), registry.problems


def test_techniques_lists_reach_and_the_style_band(cli) -> None:
    import json

    done = cli("techniques", "--format", "json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    style = next(s for s in data["styles"] if s["name"] == "self_massage")
    assert style["self_applied"] is True
    assert style["pressure"] == [0, 3]
    rolling = next(t for t in data["techniques"] if t["name"] == "foam_rolling")
    assert rolling["reach"] == ["back.upper", "back.middle", "glutes", "leg"]
    effleurage = next(t for t in data["techniques"] if t["name"] == "effleurage")
    assert effleurage["reach"] is None
    record = next(r for r in data["reach"] if r["name"] == "ball_pressure_wall")
    assert record["technique"] == "ball_pressure"
    assert record["plugin"]["name"] == "self_massage"
    text = cli("techniques").stdout
    assert "reach: back.upper, shoulder, glutes" in text
    assert "pressure 0-3; self-applied" in text


def test_the_examples_show_the_style(cli) -> None:
    from tests.conftest import EXAMPLES

    plans = sorted(str(p) for p in (EXAMPLES / "plans").glob("self-massage-*.yaml"))
    assert len(plans) >= 2
    done = cli("validate", "--strict", "--craft", *plans)
    assert done.returncode == 0, done.stdout
    bad = cli(
        "validate", "--format", "json", str(EXAMPLES / "invalid" / "self-massage-unsafe.yaml")
    )
    (found,) = json_plans(bad.stdout)
    codes = {(f["code"], f["line"]) for f in found["findings"]}
    assert {("C002", 11), ("T003", 14), ("S006", 20), ("S007", 25)} <= codes


def json_plans(text: str) -> list[dict[str, Any]]:
    import json

    return list(json.loads(text)["plans"])


def test_plugin_authors_check_reach_records_with_the_testing_kit() -> None:
    import massage_routines
    from massage_routines.testing import check_plugin, check_records

    assert massage_routines.ReachSpec is ReachSpec
    assert check_records([ReachSpec("ok", "self_kneading", ("glutes",))], REGISTRY) == []
    problems = check_records([ReachSpec("ko", "self_kneding", ("glutes",))], REGISTRY)
    assert any("'self_kneding'" in p and "self_kneading" in p for p in problems), problems
    assert check_plugin(GunPlugin(), REGISTRY, name="gun") == []
    assert check_plugin(self_massage, REGISTRY, name="self_massage") == []


def test_self_massage_advice_says_heat_first_and_comfort_guides_pressure() -> None:
    from massage_routines import ComposeRequest, compose

    routine = compose(ComposeRequest("self_massage", "20m", focus=("back.lower",)))
    given = {(item.when, item.text.split(":")[0].split(",")[0]) for item in routine.advice}
    assert ("before", "Warm the area first") in given
    assert any(when == "during" and text.startswith("Let comfort guide") for when, text in given)
    swedish = compose(ComposeRequest("swedish", "30m"))
    assert not any("heat pack" in item.text for item in swedish.advice)


def test_a_change_of_position_is_said_to_the_person_themselves() -> None:
    from massage_routines import ComposeRequest, compose

    routine = compose(ComposeRequest("self_massage", "20m", focus=("back.lower",)))
    notes = [s.notes or "" for s in routine.steps]
    changes = [
        n
        for s, n, before in zip(routine.steps[1:], notes[1:], routine.steps, strict=False)
        if routine.position_of(s) != routine.position_of(before)
    ]
    assert changes and all(n.startswith("now ") for n in changes)
    assert not any("client" in n for n in notes)
