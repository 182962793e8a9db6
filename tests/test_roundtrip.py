"""Writing and reading: any routine the model can express → YAML → the same routine."""

from __future__ import annotations

import pytest
from hypothesis import given

from massage_routines import PlanError, Routine, structure, unstructure
from massage_routines.model import Client, Duration, Pressure, Region, Step
from massage_routines.planfile.reader import read_plan_text
from massage_routines.planfile.writer import save_plan, write_plan
from tests.strategies import clients, routines, steps


@given(routines)
def test_yaml_round_trip(routine: Routine) -> None:
    text = write_plan(routine)
    result = read_plan_text(text)
    assert result.findings == (), text
    assert result.routine == routine


@given(routines)
def test_data_round_trip_through_the_converter(routine: Routine) -> None:
    assert structure(unstructure(routine), Routine) == routine


@given(steps)
def test_step_round_trip(step: Step) -> None:
    assert structure(unstructure(step), Step) == step


@given(clients)
def test_client_round_trip(client: Client) -> None:
    assert structure(unstructure(client), Client) == client


def test_canonical_forms() -> None:
    text = (
        "name: x\nstyle: swedish\nposition: prone\nduration: 90s\nsteps:\n"
        "  - {technique: effleurage, region: back, pressure: moderate, duration: 1.5m}\n"
    )
    routine = read_plan_text(text).routine
    assert routine is not None
    data = unstructure(routine)
    assert data["format"] == "massage-routine/1"
    assert data["duration"] == "1m30s"
    assert data["steps"][0] == {
        "technique": "effleurage",
        "region": "back",
        "pressure": 2,
        "duration": "1m30s",
    }


def test_yaml_1_1_words_are_quoted_when_written() -> None:
    routine = Routine("no", "yes", (Step("on", *_step_tail()),))
    text = write_plan(routine)
    assert "name: 'no'" in text and "style: 'yes'" in text
    assert read_plan_text(text).routine == routine


def _step_tail() -> tuple[Region, Pressure, Duration]:
    return (Region("back"), Pressure.LIGHT, Duration.parse("1m"))


def test_structure_is_as_strict_as_the_reader() -> None:
    data = {
        "name": "x",
        "style": "swedish",
        "steps": [
            {"technique": "effleurage", "region": "back", "pressure": "yes", "duration": 5},
            {"technique": "effleurage", "region": "back", "pressure": 5.9, "duration": "1m"},
        ],
    }
    with pytest.raises(PlanError) as caught:
        structure(data, Routine)
    assert [(f.code, f.path) for f in caught.value.findings] == [
        ("R104", "steps[0].pressure"),
        ("R105", "steps[0].duration"),
        ("R104", "steps[1].pressure"),
    ]


def test_structure_refuses_truthy_strings_for_booleans() -> None:
    data = {"conditions": [{"name": "hypertension", "cleared": "no"}]}
    with pytest.raises(PlanError, match="cleared"):
        structure(data, Client)


def test_save_plan_is_atomic_and_refuses_to_overwrite(tmp_path) -> None:
    routine = Routine("x", "swedish", (Step("effleurage", *_step_tail()),))
    target = tmp_path / "plan.yaml"
    save_plan(routine, target)
    assert read_plan_text(target.read_text()).routine == routine
    target.write_text("earlier\n")
    with pytest.raises(FileExistsError):
        save_plan(routine, target)
    assert target.read_text() == "earlier\n"
    save_plan(routine, target, overwrite=True)
    assert read_plan_text(target.read_text()).routine == routine
    assert [p.name for p in tmp_path.iterdir()] == ["plan.yaml"]


def test_texts_yaml_1_2_reads_as_numbers_are_quoted_when_written() -> None:
    """PyYAML (YAML 1.1) leaves ``0E0`` plain; our YAML 1.2 reader would read it as a number."""
    step = Step("effleurage", *_step_tail(), notes="0E0")
    routine = Routine("1e3", "swedish", (step,))
    text = write_plan(routine)
    assert "notes: '0E0'" in text and "name: '1e3'" in text
    assert read_plan_text(text).routine == routine


def test_client_preferences_are_read_and_written() -> None:
    text = (
        "name: x\nstyle: swedish\nposition: prone\nclient:\n  max_pressure: 2\n"
        "  preferred_pressure: firm\n  areas_of_concern: [back.lower, neck, back.lower]\n"
        "steps:\n  - {technique: effleurage, region: back, pressure: 2, duration: 5m}\n"
    )
    result = read_plan_text(text)
    assert result.findings == ()
    assert result.routine is not None
    client = result.routine.client
    assert client is not None
    from massage_routines.model import Pressure, Region

    # a preference above the client's own cap is a wish, not an error
    assert client.preferred_pressure is Pressure.FIRM
    assert client.areas_of_concern == (Region("back.lower"), Region("neck"))
    data = unstructure(client)
    assert data["preferred_pressure"] == 4
    assert data["areas_of_concern"] == ["back.lower", "neck"]
    assert read_plan_text(write_plan(result.routine)).routine == result.routine


@pytest.mark.parametrize(
    ("client", "code", "path"),
    [
        ("preferred_pressure: 6", "R1", "client.preferred_pressure"),
        ("preferred_pressure: 'yes'", "R1", "client.preferred_pressure"),
        ("areas_of_concern: back", "R1", "client.areas_of_concern"),
        ("areas_of_concern: [Back]", "R1", "client.areas_of_concern[0]"),
        ("areas_of_concern: [back.lowr]", "V003", "client.areas_of_concern[0]"),
    ],
)
def test_client_preferences_are_read_strictly(client: str, code: str, path: str) -> None:
    from massage_routines import validate_text

    text = (
        f"name: x\nstyle: swedish\nposition: prone\nclient:\n  {client}\n"
        "steps:\n  - {technique: effleurage, region: back, pressure: 2, duration: 5m}\n"
    )
    report = validate_text(text)
    assert not report.valid
    assert [(f.code[: len(code)], f.path) for f in report.errors] == [(code, path)]
