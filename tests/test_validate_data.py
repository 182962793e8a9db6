"""``validate_data``: a plan as plain data, checked in one call with a file's codes and paths."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

import massage_routines
from massage_routines import validate_data, validate_text
from massage_routines.findings import Finding, Severity, render_path
from massage_routines.planfile.converter import unstructure
from massage_routines.planfile.limits import MAX_DEPTH, MAX_STRING_LENGTH
from tests.strategies_rules import registry, routines

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
PLANS = sorted((EXAMPLES / "plans").glob("*.yaml")) + sorted((EXAMPLES / "invalid").glob("*.yaml"))


def _loadable(path: Path) -> object | None:
    """The file as plain data, when YAML 1.1 (safe_load) reads it as the plan reader does."""
    try:
        data: object = yaml.safe_load(path.read_text())
    except yaml.YAMLError:
        return None
    return data


def _placed(findings: tuple[Finding, ...]) -> list[tuple[str, str]]:
    return sorted((f.code, f.path) for f in findings)


# The examples whose YAML means the same thing as JSON data: not those with YAML-only problems
# JSON data cannot hold (``no`` read as false by YAML 1.1, a duplicate key, broken syntax).
YAML_ONLY = {"not-yaml.yaml", "yaml-surprises.yaml", "typos.yaml"}
SAME_AS_DATA = [p for p in PLANS if p.name not in YAML_ONLY]


@pytest.mark.parametrize("path", SAME_AS_DATA, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_same_codes_and_paths_as_the_file(path: Path) -> None:
    data = _loadable(path)
    assert data is not None
    from_file = validate_text(path.read_text(), registry())
    from_data = validate_data(json.loads(json.dumps(data)), registry())
    assert _placed(from_data.findings) == _placed(from_file.findings)
    assert from_data.valid == from_file.valid
    assert all(f.line is None for f in from_data.findings)


def test_the_invalid_examples_are_invalid_as_data_too() -> None:
    checked = [p for p in SAME_AS_DATA if p.parent.name == "invalid"]
    assert len(checked) >= 5
    for path in checked:
        assert not validate_data(_loadable(path), registry()).valid, path.name


def test_path_parts_name_the_value() -> None:
    data = _loadable(EXAMPLES / "plans" / "swedish-back.yaml")
    assert isinstance(data, dict)
    data["steps"][2]["region"] = "nek"
    data["steps"][1]["pressure"] = "hard"
    report = validate_data(data, registry())
    parts = {f.code: f.path_parts for f in report.findings}
    assert parts["V003"] == ("steps", 2, "region")
    assert parts["R104"] == ("steps", 1, "pressure")


def test_file_findings_carry_path_parts_too() -> None:
    text = (EXAMPLES / "invalid" / "typos.yaml").read_text()
    report = validate_text(text, registry())
    located = [f for f in report.findings if f.path]
    assert located
    assert all(render_path(f.path_parts) == f.path for f in located)


def test_path_parts_in_json_and_across_pickling() -> None:
    data = {"name": "x", "style": "swedish", "steps": [{"technique": "effleurage"}]}
    report = validate_data(data, registry())
    (missing, *_) = [f for f in report.findings if f.code == "R102"]
    assert missing.to_json()["path_parts"] == ["steps", 0]
    again = pickle.loads(pickle.dumps(report))
    assert again == report
    assert [f.path_parts for f in again.findings] == [f.path_parts for f in report.findings]


def test_not_a_mapping() -> None:
    report = validate_data(["a", "list"], registry())
    assert report.codes() == ["R103"]
    assert report.findings[0].path_parts == ()


def test_data_nested_deeper_than_a_plan_is_r008() -> None:
    deep: list[object] = []
    inner = deep
    for _ in range(100_000):
        inner.append([])
        inner = inner[0]  # type: ignore[assignment]
    report = validate_data({"name": "x", "style": "swedish", "steps": deep}, registry())
    assert report.codes() == ["R008"]
    assert len(report.findings[0].path_parts) == MAX_DEPTH


def test_data_that_contains_itself_is_r008() -> None:
    loop: dict[str, object] = {"name": "x", "style": "swedish"}
    loop["steps"] = [loop]
    report = validate_data(loop, registry())
    assert report.codes() == ["R008"]


def test_a_long_text_is_r010() -> None:
    data = {"name": "x" * (MAX_STRING_LENGTH + 1), "style": "swedish", "steps": []}
    report = validate_data(data, registry())
    assert "R010" in report.codes()
    assert next(f for f in report.findings if f.code == "R010").path_parts == ("name",)


@settings(max_examples=40, deadline=None)
@given(routines(max_steps=5))
def test_a_routine_as_data_checks_as_its_plan_text(routine) -> None:
    from massage_routines.planfile.writer import write_plan

    text = write_plan(routine)
    assert _placed(validate_data(unstructure(routine), registry()).findings) == _placed(
        validate_text(text, registry()).findings
    )


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=25,
)
plan_like = st.fixed_dictionaries(
    {},
    optional={
        "name": json_values,
        "style": st.sampled_from(["swedish", "chair", "x"]) | json_values,
        "position": json_values,
        "steps": st.lists(
            st.fixed_dictionaries(
                {},
                optional={
                    "technique": st.sampled_from(["effleurage", "tapotement"]) | json_values,
                    "region": st.sampled_from(["back", "neck.anterior"]) | json_values,
                    "pressure": st.integers(-2, 7) | json_values,
                    "duration": st.sampled_from(["3m", "0s"]) | json_values,
                },
            ),
            max_size=4,
        )
        | json_values,
        "client": json_values,
    },
)


@settings(max_examples=150, deadline=None)
@given(plan_like)
def test_any_data_gives_a_report_never_an_exception(data) -> None:
    report = validate_data(data, registry())
    for finding in report.findings:
        assert isinstance(finding.severity, Severity)
        assert render_path(finding.path_parts) == finding.path or not finding.path_parts
    if not isinstance(data.get("steps"), list) or not data.get("steps"):
        assert not report.valid


def test_reexported_with_a_docstring() -> None:
    assert massage_routines.validate_data is validate_data
    assert "validate_data" in massage_routines.__all__
    assert validate_data.__doc__ and "path_parts" in validate_data.__doc__
