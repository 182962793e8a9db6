"""Third-party styles compose through their records alone, and ``massage_compose`` answers first.

The plugins here are registered in code (``build_registry(plugins=[...])``) next to the built-in
ones; nothing in the composer knows their names.
"""

from __future__ import annotations

import attrs
import pytest

from massage_routines.composition.composer import compose
from massage_routines.composition.request import ComposeError, ComposeRequest
from massage_routines.model.client import Client, Condition, Flag
from massage_routines.model.duration import Duration
from massage_routines.model.position import Position
from massage_routines.model.pressure import Pressure
from massage_routines.model.regions import Region, contains, matches_pattern
from massage_routines.model.routine import Routine, Step
from massage_routines.plugins import hookimpl
from massage_routines.plugins.records import (
    AT_FOCUS,
    AT_REGION,
    Block,
    ConditionSpec,
    DurationRange,
    Forbid,
    Move,
    PressureRange,
    RegionSpec,
    SessionShape,
    StyleSpec,
    TechniqueSpec,
)
from massage_routines.plugins.registry import build_registry
from massage_routines.validation.engine import validate

TOWEL = StyleSpec(
    "towel_ritual",
    positions=("prone", "supine"),
    session_length=DurationRange("20m", "60m"),
    techniques=("effleurage", "warm_compress", "nerve_strokes"),
    reaches=("back", "neck.posterior", "shoulder", "foot"),
    shape=SessionShape(
        blocks=(
            Block("back", 3, position="prone"),
            Block(AT_FOCUS, 2, position="prone"),
            Block(
                "foot",
                1,
                moves=(
                    Move("warm_compress", PressureRange(1, 2), weight=2),
                    Move("nerve_strokes", PressureRange(1, 1)),
                ),
                position="supine",
            ),
        ),
        pattern=(
            Move("effleurage", PressureRange(1, 2)),
            Move(("warm_compress", "effleurage"), PressureRange(1, 2), weight=2, target="within"),
            Move("nerve_strokes", PressureRange(1, 1)),
        ),
        link=Move("warm_compress", PressureRange(1, 1)),
    ),
)


class TowelPlugin:
    """A complete little style plugin: a region, a technique, a style and a condition."""

    @hookimpl
    def massage_regions(self) -> list[RegionSpec]:
        return [
            RegionSpec("back.upper.rhomboids", "between the shoulder blades"),
            RegionSpec("back.upper.traps", "the lower trapezius"),
        ]

    @hookimpl
    def massage_techniques(self) -> list[TechniqueSpec]:
        return [
            TechniqueSpec(
                "warm_compress",
                PressureRange(1, 2),
                positions=("prone", "supine", "side_lying"),
                never_on=("head.face",),
                step_length=DurationRange("1m", "8m"),
                family="heat",
            )
        ]

    @hookimpl
    def massage_styles(self) -> list[StyleSpec]:
        return [TOWEL]

    @hookimpl
    def massage_conditions(self) -> list[ConditionSpec]:
        return [
            ConditionSpec("heat_sensitivity", (Forbid(("heat",), AT_REGION),), region="optional")
        ]


REGISTRY = build_registry([("test_style", TowelPlugin())], select="all")


def _compose(duration: str = "40m", registry=REGISTRY, **kw) -> Routine:
    routine = compose(ComposeRequest("towel_ritual", Duration.parse(duration), **kw), registry)
    report = validate(routine, registry)
    assert report.valid, report.findings
    assert routine.total == Duration.parse(duration)
    return routine


def test_the_test_plugin_loads_cleanly() -> None:
    assert REGISTRY.problems == ()
    provider = REGISTRY.provider("style", "towel_ritual")
    assert provider is not None and provider.name == "test_style"
    assert "swedish" in REGISTRY.styles


def test_a_third_party_style_composes_from_its_shape() -> None:
    routine = _compose()
    assert routine.style == "towel_ritual"
    assert {s.technique for s in routine.steps} <= set(TOWEL.techniques)
    assert "warm_compress" in {s.technique for s in routine.steps}
    assert all(
        any(matches_pattern(s.region.name, r) for r in TOWEL.reaches or ()) for s in routine.steps
    )
    assert routine.position is Position.PRONE
    feet = [s for s in routine.steps if s.region.name.startswith("foot")]
    assert feet and all(routine.position_of(s) is Position.SUPINE for s in feet)


def test_its_focus_blocks_work_the_plugin_regions_within() -> None:
    routine = _compose(focus=("back.upper",))
    regions = {s.region.name for s in routine.steps}
    assert {"back.upper.rhomboids", "back.upper.traps"} <= regions  # "within" the focus region
    focus_time = sum(
        s.duration.milliseconds for s in routine.steps if contains("back.upper", s.region.name)
    )
    assert focus_time >= 0.4 * routine.total.milliseconds


def test_its_condition_bans_its_technique_family() -> None:
    client = Client(conditions=(Condition("heat_sensitivity"),))
    routine = _compose(client=client)
    assert "warm_compress" not in {s.technique for s in routine.steps}
    local = Client(conditions=(Condition("heat_sensitivity", Region("foot")),))
    routine = _compose(client=local)
    used_on_feet = {s.technique for s in routine.steps if s.region.name.startswith("foot")}
    assert "warm_compress" not in used_on_feet
    assert "warm_compress" in {s.technique for s in routine.steps}


def test_its_reach_is_respected() -> None:
    with pytest.raises(ComposeError) as caught:
        _compose(focus=("leg",))
    assert "towel_ritual does not reach the focus region leg" in caught.value.reasons[0]


# ---------------------------------------------------------------- massage_compose


def _program(total: Duration, client: Client | None) -> Routine:
    half = Duration(total.milliseconds // 2)
    rest = Duration(total.milliseconds - half.milliseconds)
    steps = (
        Step("effleurage", Region("back"), Pressure(2), half),
        Step("petrissage", Region("shoulder"), Pressure(2), rest),
    )
    return Routine("fixed program", "swedish", steps, Position.PRONE, total, client)


@attrs.define
class ProgramPlugin:
    """Answers Swedish requests with the goal ``relaxation`` itself; ``mode`` breaks it."""

    mode: str = "good"
    calls: int = 0

    @hookimpl
    def massage_compose(self, request: ComposeRequest, registry: object) -> Routine | None:
        self.calls += 1
        if request.style != "swedish" or request.goal != "relaxation":
            return None
        if self.mode == "raise":
            raise RuntimeError("the program file is missing")
        if self.mode == "short":
            return _program(Duration(request.duration.milliseconds - 60_000), None)
        if self.mode == "junk":
            return "effleurage, please"  # type: ignore[return-value]  # junk on purpose
        return _program(request.duration, None)


def _with(plugin: ProgramPlugin):
    return build_registry([("program", plugin)], select="all")


def _request(**kw) -> ComposeRequest:
    return ComposeRequest("swedish", Duration.parse("30m"), goal="relaxation", **kw)


def test_the_hook_answers_first_and_gets_the_request_client() -> None:
    plugin = ProgramPlugin()
    registry = _with(plugin)
    client = Client(conditions=(Condition("varicose_veins"),))
    routine = compose(_request(client=client), registry)
    assert routine.name == "fixed program"
    assert routine.client == client
    assert plugin.calls == 1
    other = compose(ComposeRequest("swedish", Duration.parse("30m")), registry)
    assert other.name != "fixed program"  # None: the shape-driven builder ran
    assert plugin.calls == 2


def test_an_unsafe_answer_is_never_handed_out() -> None:
    registry = _with(ProgramPlugin())
    client = Client(flags=(Flag(Region("shoulder.left"), "bruise"),))
    with pytest.raises(ComposeError) as caught:
        compose(_request(client=client), registry)
    assert any("F001" in r for r in caught.value.reasons)


@pytest.mark.parametrize(
    ("mode", "reason"),
    [
        ("raise", "massage_compose failed: RuntimeError: the program file is missing"),
        ("short", "returned a routine of 29m, not the requested 30m"),
        ("junk", "returned str, not a Routine"),
    ],
)
def test_a_broken_answer_is_a_reason(mode: str, reason: str) -> None:
    with pytest.raises(ComposeError) as caught:
        compose(_request(), _with(ProgramPlugin(mode)))
    assert any(reason in r for r in caught.value.reasons), caught.value.reasons


def test_refusals_are_checked_before_any_plugin_is_asked() -> None:
    plugin = ProgramPlugin()
    with pytest.raises(ComposeError) as caught:
        compose(_request(client=Client(conditions=(Condition("fever"),))), _with(plugin))
    assert plugin.calls == 0
    assert "fever" in caught.value.reasons[0]


def test_a_broken_plugin_fails_closed() -> None:
    class Broken:
        @hookimpl
        def massage_techniques(self) -> list[TechniqueSpec]:
            raise ValueError("corrupt data file")

    registry = build_registry([("broken", Broken())], select="all")
    with pytest.raises(ComposeError) as caught:
        compose(ComposeRequest("swedish", Duration.parse("30m")), registry)
    assert any("corrupt data file" in r for r in caught.value.reasons)
