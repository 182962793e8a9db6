"""The ``validate`` command: exit codes, text and JSON output, and no traceback for any input."""

from __future__ import annotations

import json
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from massage_routines.cli.main import main
from tests.conftest import EXAMPLES

BAD_PRESSURE = """\
name: x
style: swedish
position: prone
steps:
  - technique: effleurage
    region: back
    pressure: yes
    duration: 3m
"""


def test_exit_0_on_the_example_plans(cli) -> None:
    plans = sorted(str(p) for p in (EXAMPLES / "plans").glob("*.yaml"))
    done = cli("validate", *plans)
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"{len(plans)} plans checked: {len(plans)} valid, 0 invalid" in done.stdout


def test_exit_1_with_located_findings_on_every_invalid_example(cli) -> None:
    for path in sorted((EXAMPLES / "invalid").glob("*.yaml")):
        done = cli("validate", "--format", "json", str(path))
        assert done.returncode == 1, (path, done.stdout, done.stderr)
        (plan,) = json.loads(done.stdout)["plans"]
        assert plan["valid"] is False
        located = [f for f in plan["findings"] if f["severity"] == "error" and f["line"]]
        assert located, (path, plan)
        # the header comment of each example names the codes it shows
        named = path.read_text().splitlines()[0]
        for finding in located:
            assert finding["column"] >= 1
        assert any(f["code"] in named for f in plan["findings"]), (path, named, plan)


def test_exit_2_on_a_missing_file(cli, tmp_path) -> None:
    good = tmp_path / "good.yaml"
    good.write_text((EXAMPLES / "plans" / "swedish-back.yaml").read_text())
    done = cli("validate", str(good), str(tmp_path / "missing.yaml"))
    assert done.returncode == 2
    assert "cannot read" in done.stderr and "missing.yaml" in done.stderr
    assert "Traceback" not in done.stderr


def test_exit_2_on_an_unknown_option(cli) -> None:
    done = cli("validate", "--colour", "x.yaml")
    assert done.returncode == 2
    assert "unrecognized arguments" in done.stderr


def test_text_output_format(tmp_path, capsys) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(BAD_PRESSURE)
    assert main(["validate", str(plan)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith(f"{plan}:7:15: error R104 ")
    assert out[-1].startswith("1 plan checked: 0 valid, 1 invalid")


def test_json_output_shape(tmp_path, capsys) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(BAD_PRESSURE)
    assert main(["validate", "--format", "json", str(plan)]) == 1
    data = json.loads(capsys.readouterr().out)
    (entry,) = data["plans"]
    assert entry["file"] == str(plan) and entry["valid"] is False
    (finding,) = [f for f in entry["findings"] if f["code"] == "R104"]
    assert finding == {
        "code": "R104",
        "severity": "error",
        "message": finding["message"],
        "path": "steps[0].pressure",
        "path_parts": ["steps", 0, "pressure"],
        "line": 7,
        "column": 15,
    }


def test_strict_turns_warnings_into_failure(tmp_path, capsys) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        (EXAMPLES / "plans" / "swedish-back.yaml")
        .read_text()
        .replace("duration: 30m", "duration: 45m")
    )
    assert main(["validate", str(plan)]) == 0
    assert "warning S005" in capsys.readouterr().out
    assert main(["validate", "--strict", str(plan)]) == 1


def test_stdin(cli) -> None:
    done = cli("validate", "-", stdin=BAD_PRESSURE.encode())
    assert done.returncode == 1
    assert done.stdout.startswith("<stdin>:7:15: error R104")


def test_many_files_each_reported(tmp_path, capsys) -> None:
    paths = []
    for i in range(5):
        path = tmp_path / f"p{i}.yaml"
        path.write_text(
            BAD_PRESSURE if i % 2 else (EXAMPLES / "plans" / "chair-15min.yaml").read_text()
        )
        paths.append(str(path))
    assert main(["validate", "--format", "json", *paths]) == 1
    plans = json.loads(capsys.readouterr().out)["plans"]
    assert [p["valid"] for p in plans] == [True, False, True, False, True]


@settings(max_examples=60)
@given(st.binary(max_size=300))
def test_random_bytes_never_crash(tmp_path_factory, data: bytes) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "plan.yaml"
    path.write_bytes(data)
    _assert_clean_failure(path)


YAML_BITS = [
    "name:",
    "style:",
    "steps:",
    "- ",
    "  ",
    "technique:",
    "region:",
    "pressure:",
    "duration:",
    "client:",
    "flags:",
    "conditions:",
    "&a",
    "*a",
    "[",
    "]",
    "{",
    "}",
    ":",
    ",",
    "yes",
    "1:30",
    "~",
    "!!str",
    "---",
    "\n",
    "\t",
    "'",
    '"',
    "#",
    "back",
    "5m",
    "3",
    "-1",
    "é",
    "\u2028",
]


@settings(max_examples=60)
@given(st.lists(st.sampled_from(YAML_BITS), max_size=60))
def test_random_yaml_never_crashes(tmp_path_factory, bits: list[str]) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "plan.yaml"
    path.write_text("".join(bits))
    _assert_clean_failure(path)


def _assert_clean_failure(path) -> None:
    import contextlib
    import io

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["validate", "--format", "json", str(path)])
    assert "Traceback" not in err.getvalue() and "internal error" not in err.getvalue()
    data = json.loads(out.getvalue())
    (plan,) = data["plans"]
    if code == 0:
        assert plan["valid"] is True
    else:
        assert code == 1 and plan["valid"] is False and plan["findings"]


def test_random_bytes_subprocess_no_traceback(cli, tmp_path) -> None:
    rng = random.Random(7)
    paths = []
    for i in range(20):
        path = tmp_path / f"r{i}.yaml"
        path.write_bytes(bytes(rng.randrange(256) for _ in range(rng.randrange(1, 400))))
        paths.append(str(path))
    done = cli("validate", *paths)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert "20 plans checked: 0 valid, 20 invalid" in done.stdout


@pytest.mark.parametrize("args", [["--help"], ["validate", "--help"], ["--version"]])
def test_help_and_version_exit_0(cli, args) -> None:
    done = cli(*args)
    assert done.returncode == 0 and done.stdout
