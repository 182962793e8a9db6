"""``load_routine``: a plan file (or its text) → a routine, or every format problem as a
:class:`PlanError`; never a partial routine, never a safety check."""

from __future__ import annotations

import os
import re
from typing import TYPE_CHECKING

import pytest
from hypothesis import given

from massage_routines import (
    Duration,
    PlanError,
    Position,
    Pressure,
    Region,
    Routine,
    Step,
    load_routine,
    validate,
    write_plan,
)
from massage_routines.planfile import limits
from massage_routines.planfile.writer import save_plan
from tests.conftest import EXAMPLES
from tests.strategies import routines

if TYPE_CHECKING:
    from pathlib import Path

CHAIR = EXAMPLES / "plans" / "chair-15min.yaml"

SMALL = """\
name: Small
style: swedish
position: prone
steps:
  - {technique: effleurage, region: back, pressure: light, duration: 5m}
  - {technique: petrissage, region: back.lower, pressure: 3, duration: 1m30s, notes: slow}
"""
SMALL_ROUTINE = Routine(
    "Small",
    "swedish",
    (
        Step("effleurage", Region("back"), Pressure(1), Duration.parse("5m")),
        Step("petrissage", Region("back.lower"), Pressure(3), Duration.parse("90s"), notes="slow"),
    ),
    position=Position.PRONE,
)


def codes(error: PlanError) -> set[str]:
    return {f.code for f in error.findings}


def write(tmp_path: Path, data: str | bytes, name: str = "plan.yaml") -> Path:
    path = tmp_path / name
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


# ---------------------------------------------------------------- what loads


def test_a_valid_file_gives_its_routine(tmp_path: Path) -> None:
    assert load_routine(write(tmp_path, SMALL)) == SMALL_ROUTINE


def test_a_path_as_text_and_as_path_like_give_the_same_routine(tmp_path: Path) -> None:
    path = write(tmp_path, SMALL)
    assert load_routine(str(path)) == load_routine(path) == SMALL_ROUTINE


def test_plan_text_loads_with_text_true() -> None:
    assert load_routine(SMALL, text=True) == SMALL_ROUTINE


def test_plan_text_without_text_true_is_a_file_name(tmp_path: Path) -> None:
    """Text is never guessed from a string: without ``text=True`` it names a file."""
    with pytest.raises(OSError):
        load_routine(str(tmp_path / SMALL.splitlines()[0]))


def test_the_chair_example_loads_with_every_step() -> None:
    routine = load_routine(CHAIR)
    assert (routine.name, routine.style, routine.position) == (
        "Office chair, 15 minutes",
        "chair",
        Position.SEATED,
    )
    assert len(routine.steps) == 11
    assert routine.duration == Duration.parse("15m")
    assert routine.steps[0].notes == "settle, light contact through the clothes"


def test_a_byte_order_mark_is_allowed(tmp_path: Path) -> None:
    assert load_routine(write(tmp_path, b"\xef\xbb\xbf" + SMALL.encode())) == SMALL_ROUTINE


# ---------------------------------------------------------------- what does not


def test_a_bad_value_raises_with_its_located_finding(tmp_path: Path) -> None:
    path = write(tmp_path, SMALL.replace("pressure: 3", "pressure: 9"))
    with pytest.raises(PlanError) as caught:
        load_routine(path)
    (finding,) = caught.value.findings
    assert (finding.code, finding.path, finding.line) == ("R104", "steps[1].pressure", 6)
    assert "steps[1].pressure" in str(caught.value)


def test_one_bad_step_is_never_dropped_into_a_partial_routine(tmp_path: Path) -> None:
    """The reader leaves a bad step out of its routine; ``load_routine`` refuses the plan."""
    path = write(tmp_path, SMALL.replace("duration: 5m", "duration: 5"))
    with pytest.raises(PlanError) as caught:
        load_routine(path)
    assert codes(caught.value) == {"R105"}


def test_every_finding_is_given_not_only_the_first(tmp_path: Path) -> None:
    text = SMALL.replace("pressure: 3", "pressure: 9").replace("style: swedish", "styel: swedish")
    with pytest.raises(PlanError) as caught:
        load_routine(write(tmp_path, text))
    assert {"R104", "R101", "R102"} <= codes(caught.value)
    assert all(f.line is not None for f in caught.value.findings)


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"name: \xff\n", "R001"),
        (b"# only a comment\n", "R002"),
        (b"name: [unclosed\n", "R004"),
        (b"name: a\n---\nname: b\n", "R005"),
        (b"- a list\n", "R103"),
    ],
    ids=["not UTF-8", "empty", "not YAML", "two documents", "not a mapping"],
)
def test_a_file_that_is_no_plan_raises(tmp_path: Path, data: bytes, code: str) -> None:
    with pytest.raises(PlanError) as caught:
        load_routine(write(tmp_path, data))
    assert code in codes(caught.value)


def test_a_file_over_the_size_limit_raises_r003(tmp_path: Path) -> None:
    big = SMALL.encode() + b"#" * limits.MAX_FILE_BYTES + b"\n"
    with pytest.raises(PlanError) as caught:
        load_routine(write(tmp_path, big))
    assert codes(caught.value) == {"R003"}


def test_a_missing_file_is_an_os_error_naming_it(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-plan.yaml"
    with pytest.raises(FileNotFoundError) as caught:
        load_routine(missing)
    assert caught.value.filename == os.fspath(missing)


def test_a_directory_is_an_os_error(tmp_path: Path) -> None:
    with pytest.raises(IsADirectoryError):
        load_routine(tmp_path)


# ---------------------------------------------------------------- format only, not safety

HEADER_CODES = re.compile(r"\b[A-Z]\d{3}\b")


@pytest.mark.parametrize(
    "path", sorted((EXAMPLES / "invalid").glob("*.yaml")), ids=lambda p: p.stem
)
def test_the_invalid_examples_raise_exactly_when_their_format_is_wrong(path: Path) -> None:
    """Each example names its codes on its first line; reader codes (R…) make ``load_routine``
    raise, and a plan that is only unsafe loads: safety is :func:`validate`'s job."""
    named = set(HEADER_CODES.findall(path.read_text(encoding="utf-8").splitlines()[0]))
    assert named, f"{path.name} names no codes on its first line"
    reader = {c for c in named if c.startswith("R")}
    if reader:
        with pytest.raises(PlanError) as caught:
            load_routine(path)
        assert reader <= codes(caught.value)
    else:
        routine = load_routine(path)
        report = validate(routine)
        assert not report.valid
        assert named & set(report.codes())


def test_an_unsafe_plan_loads_and_only_validate_refuses_it() -> None:
    routine = load_routine(EXAMPLES / "invalid" / "osteoporosis-tapotement.yaml")
    assert routine.client is not None
    assert {"C003", "C004"} <= set(validate(routine).codes())


# ---------------------------------------------------------------- properties


@given(routines)
def test_written_text_loads_back_to_the_same_routine(routine: Routine) -> None:
    assert load_routine(write_plan(routine), text=True) == routine


@given(routines)
def test_a_saved_file_loads_back_to_the_same_routine(
    tmp_path_factory: pytest.TempPathFactory, routine: Routine
) -> None:
    path = tmp_path_factory.mktemp("saved") / "plan.yaml"
    save_plan(routine, path)
    assert load_routine(path) == routine
