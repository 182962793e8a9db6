"""Positions are data (issue 13): a plugin adds one, and the reader, rules, schema and words follow.

``Position`` is checked lower_snake text (the model does not know which positions exist); the
base four come with the library, ``standing`` with the self-massage plugin, and a plugin
registered in code adds ``kneeling``. A plan naming a position nobody provides is invalid
(``V008``, located, with the nearest names); badly written text stays a reading error (``R106``).
"""

from __future__ import annotations

import copy
import pickle
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from massage_routines.composition.composer import compose
from massage_routines.composition.request import ComposeRequest
from massage_routines.model.duration import Duration
from massage_routines.model.position import BUILT_IN, THERAPIST_POSITIONS, Position
from massage_routines.model.pressure import Pressure
from massage_routines.model.regions import Region
from massage_routines.model.routine import Step
from massage_routines.plugins import hookimpl
from massage_routines.plugins.records import (
    AT_FOCUS,
    Block,
    DurationRange,
    Move,
    PositionSpec,
    PressureRange,
    SessionShape,
    StyleSpec,
    TechniqueSpec,
)
from massage_routines.plugins.registry import build_registry
from massage_routines.render.words import position_words
from massage_routines.schema import plan_schema
from massage_routines.validation.engine import validate_text

REGISTRY = build_registry(select="all")

FLOOR_STRETCH = TechniqueSpec(
    "floor_stretch",
    pressure=PressureRange(1, 2),
    positions=("kneeling", "seated"),
    step_length=DurationRange("30s", "5m"),
)


class FloorPlugin:
    """A third-party plugin: the position ``kneeling``, a technique and a style done in it."""

    @hookimpl
    def massage_positions(self) -> list[PositionSpec]:
        return [PositionSpec("kneeling", "On the knees, on a mat, for floor work.")]

    @hookimpl
    def massage_techniques(self) -> list[TechniqueSpec]:
        return [FLOOR_STRETCH]

    @hookimpl
    def massage_styles(self) -> list[StyleSpec]:
        return [
            StyleSpec(
                "floor_work",
                positions=("kneeling", "seated"),
                session_length=DurationRange("5m", "30m"),
                techniques=("floor_stretch",),
                shape=SessionShape(
                    blocks=(
                        Block(
                            AT_FOCUS,
                            moves=(Move("floor_stretch", PressureRange(1, 2)),),
                            position="kneeling",
                        ),
                    )
                ),
                opening=("floor_stretch",),
                closing=("floor_stretch",),
            )
        ]


FLOOR = build_registry([("floor", FloorPlugin())], select="all")

PLAN = """\
name: Floor work
style: floor_work
position: {position}
steps:
  - technique: floor_stretch
    region: back.upper
    pressure: 1
    duration: 5m
  - technique: floor_stretch
    region: shoulder
    pressure: 2
    duration: 5m{extra}
"""


def errors(text: str, registry: object) -> list[tuple[str, str, int | None]]:
    report = validate_text(text, registry)  # type: ignore[arg-type]
    return [(f.code, f.path, f.line) for f in report.findings if f.is_error]


# ---------------------------------------------------------------- a plugin adds a position


def test_a_plugin_adds_a_position_and_a_plan_using_it_validates() -> None:
    assert FLOOR.problems == ()
    assert list(FLOOR.positions)[-1] == "kneeling"
    assert FLOOR.provider("position", "kneeling").name == "floor"  # type: ignore[union-attr]
    assert errors(PLAN.format(position="kneeling", extra=""), FLOOR) == []
    step = "\n    position: seated"
    assert errors(PLAN.format(position="kneeling", extra=step), FLOOR) == []


def test_without_the_plugin_the_position_is_unknown_and_located() -> None:
    found = errors(PLAN.format(position="kneeling", extra=""), REGISTRY)
    assert ("V008", "position", 3) in found
    step = "\n    position: kneeling"
    found = errors(PLAN.format(position="seated", extra=step), REGISTRY)
    assert ("V008", "steps[1].position", 13) in found


def test_an_unknown_position_suggests_the_nearest_and_is_reported_once() -> None:
    report = validate_text(PLAN.format(position="kneelng", extra=""), FLOOR)
    assert [f.code for f in report.findings if f.is_error] == ["V008"]
    (finding,) = report.findings
    assert "'kneeling'" in finding.message
    assert not report.valid


def test_badly_written_position_text_stays_a_reading_error() -> None:
    found = errors(PLAN.format(position="Kneeling", extra=""), FLOOR)
    assert found == [("R106", "position", 3)]


def test_the_schema_lists_the_loaded_positions() -> None:
    def positions(registry: object) -> list[str]:
        schema = plan_schema(registry)  # type: ignore[arg-type]
        return list(schema["$defs"]["position"]["enum"])

    assert positions(FLOOR) == [*BUILT_IN, "kneeling"]
    assert "kneeling" not in positions(REGISTRY)
    assert positions(REGISTRY) == list(BUILT_IN)


def test_standing_comes_from_the_self_massage_plugin() -> None:
    assert REGISTRY.provider("position", "standing").name == "self_massage"  # type: ignore[union-attr]
    without = build_registry(select="all,-self_massage")
    assert "standing" not in without.positions
    assert set(without.positions) == set(THERAPIST_POSITIONS)
    text = PLAN.format(position="standing", extra="").replace("floor_work", "swedish")
    text = text.replace("floor_stretch", "effleurage")
    assert ("V008", "position", 3) in errors(text, without)


def test_the_composer_works_in_a_plugin_position_and_words_it() -> None:
    request = ComposeRequest("floor_work", Duration.parse("10m"), focus=(Region("back.upper"),))
    routine = compose(request, FLOOR)
    positions = {routine.position_of(s) for s in routine.steps}
    assert positions == {Position("kneeling")}
    assert position_words(Position("kneeling")) == "kneeling"
    assert position_words(Position("on_all_fours")) == "on all fours"
    assert position_words(Position.PRONE) == "face down (prone)"


# ---------------------------------------------------------------- broken position records


class Orphan:
    """A technique done in a position nobody provides."""

    @hookimpl
    def massage_techniques(self) -> list[TechniqueSpec]:
        return [FLOOR_STRETCH]


class Again:
    """A plugin that provides a base position."""

    @hookimpl
    def massage_positions(self) -> list[PositionSpec]:
        return [PositionSpec("prone", "Face down.")]


class Badly:
    """A position whose name is not lower_snake."""

    @hookimpl
    def massage_positions(self) -> list[PositionSpec]:
        return [PositionSpec("On Knees")]


@pytest.mark.parametrize(
    ("plugin", "words"),
    [
        (Orphan(), "position 'kneeling' is provided by no plugin"),
        (Again(), "'prone' is a base position"),
        (Badly(), "not a lower_snake ASCII name"),
    ],
)
def test_a_broken_position_record_is_a_plugin_problem(plugin: object, words: str) -> None:
    registry = build_registry([("odd", plugin)], select="all")
    messages = [p.message for p in registry.problems]
    assert any(words in m for m in messages), messages
    assert registry.positions["prone"].description == "Face down, on the table."


def test_two_plugins_giving_one_position_conflict() -> None:
    class Other:
        @hookimpl
        def massage_positions(self) -> list[PositionSpec]:
            return [PositionSpec("kneeling", "Kneeling on a cushion.")]

    registry = build_registry([("floor", FloorPlugin()), ("other", Other())], select="all")
    assert any(c.kind == "position" and c.name == "kneeling" for c in registry.conflicts)
    assert "kneeling" not in registry.positions


# ---------------------------------------------------------------- Position itself

names = st.from_regex(r"[a-z][a-z0-9]{0,6}(_[a-z0-9]{1,5}){0,3}", fullmatch=True)


@given(names)
def test_a_position_is_its_name_interned_and_pickles(name: str) -> None:
    position = Position(name)
    assert position == name and hash(position) == hash(name)
    assert str(position) == name and position.value == name and f"{position}" == name
    assert Position(name) == position and Position(position) is position
    assert type(Position(name)) is Position
    assert pickle.loads(pickle.dumps(position)) == position
    assert type(pickle.loads(pickle.dumps(position))) is Position
    assert copy.deepcopy(position) is position
    step = Step("effleurage", "back", 2, "5m", position=name)  # type: ignore[arg-type]
    assert step.position == position


not_text = st.one_of(st.integers(), st.floats(), st.booleans(), st.binary(), st.lists(names))


@given(not_text)
def test_a_position_from_something_not_text_raises_type_error(value: object) -> None:
    with pytest.raises(TypeError, match=r"Position\.name must be text"):
        Position(value)
    with pytest.raises(TypeError, match=r"Step\.position"):
        Step("effleurage", Region("back"), Pressure(2), Duration(60_000), position=value)  # type: ignore[arg-type]


LOWER_SNAKE = re.compile(r"[a-z][a-z0-9]*(_[a-z0-9]+)*")


@given(st.text(max_size=20).filter(lambda t: LOWER_SNAKE.fullmatch(t) is None))
def test_badly_written_position_text_raises_value_error(text: str) -> None:
    with pytest.raises(ValueError, match="is not a position name"):
        Position(text)
    with pytest.raises(ValueError, match=r"Step\.position"):
        Step("effleurage", Region("back"), Pressure(2), Duration(60_000), position=text)  # type: ignore[arg-type]


def test_none_is_no_position() -> None:
    with pytest.raises(TypeError, match=r"Position\.name must be text"):
        Position(None)


def test_reading_many_unknown_names_keeps_the_constants_and_bounds_memory() -> None:
    from massage_routines.model import position as module

    before = dict(module._INTERNED)
    try:
        for i in range(module._INTERN_LIMIT + 10):
            assert Position(f"made_up_{i}") == f"made_up_{i}"
        assert len(module._INTERNED) <= module._INTERN_LIMIT
        assert Position("prone") is Position.PRONE
        assert pickle.loads(pickle.dumps(Position.SEATED)) is Position.SEATED
    finally:
        module._INTERNED.clear()
        module._INTERNED.update(before)


def test_the_built_in_constants_keep_working() -> None:
    assert Position.PRONE is Position("prone")
    assert [str(p) for p in BUILT_IN] == ["prone", "supine", "side_lying", "seated", "standing"]
    assert Position.SIDE_LYING.words == "side lying"
    assert repr(Position.SEATED) == "Position('seated')"


def test_plugin_authors_check_their_position_records_before_loading() -> None:
    from massage_routines.testing import check_plugin, check_records

    assert check_records([PositionSpec("kneeling"), FLOOR_STRETCH], REGISTRY) == []
    problems = check_records([FLOOR_STRETCH], REGISTRY)
    assert any("'kneeling' is provided by no plugin" in p for p in problems), problems
    assert check_plugin(FloorPlugin(), REGISTRY) == []
    assert any("base position" in p for p in check_plugin(Again(), REGISTRY))
