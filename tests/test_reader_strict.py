"""Strict reading: one test per item of the spec's "Strict reading" list, each located."""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

import pytest

from massage_routines.planfile import codes, limits
from massage_routines.planfile.reader import read_plan_bytes, read_plan_file, read_plan_text

if TYPE_CHECKING:
    from massage_routines.findings import Finding

GOOD = """\
name: Back
style: swedish
position: prone
steps:
  - technique: effleurage
    region: back
    pressure: 2
    duration: 3m
"""


def read(text: str) -> list[Finding]:
    return list(read_plan_text(textwrap.dedent(text)).findings)


def only(findings: list[Finding], code: str) -> Finding:
    hits = [f for f in findings if f.code == code]
    assert len(hits) == 1, findings
    return hits[0]


def where(finding: Finding) -> tuple[str, int | None, int | None]:
    return finding.path, finding.line, finding.column


def test_good_plan_has_no_findings() -> None:
    result = read_plan_text(GOOD)
    assert result.findings == ()
    assert result.routine is not None and result.routine.steps[0].region.name == "back"


def test_unknown_key_with_did_you_mean() -> None:
    found = only(read(GOOD.replace("    pressure: 2", "    presure: 2")), codes.UNKNOWN_KEY)
    assert where(found) == ("steps[0].presure", 7, 5)
    assert "did you mean 'pressure'" in found.message


def test_unknown_top_level_key() -> None:
    found = only(read(GOOD + "colour: blue\n"), codes.UNKNOWN_KEY)
    assert where(found) == ("colour", 9, 1)


def test_duplicate_key() -> None:
    found = only(read(GOOD + "    region: back.lower\n"), codes.DUPLICATE_KEY)
    assert where(found) == ("steps[0].region", 9, 5)
    assert "first on line 6" in found.message


def test_wrong_kind_list_where_region_expected() -> None:
    found = only(read(GOOD.replace("region: back", "region: [back, neck]")), codes.WRONG_KIND)
    assert where(found) == ("steps[0].region", 6, 13)
    assert "found a list" in found.message


def test_yes_is_not_a_pressure() -> None:
    found = only(read(GOOD.replace("pressure: 2", "pressure: yes")), codes.BAD_PRESSURE)
    assert where(found) == ("steps[0].pressure", 7, 15)
    assert "YAML 1.1" in found.message


def test_booleans_are_not_numbers() -> None:
    found = only(read(GOOD.replace("pressure: 2", "pressure: true")), codes.BAD_PRESSURE)
    assert where(found) == ("steps[0].pressure", 7, 15)


def test_float_pressure_is_not_truncated() -> None:
    found = only(read(GOOD.replace("pressure: 2", "pressure: 2.9")), codes.BAD_PRESSURE)
    assert "whole number" in found.message


def test_sexagesimal_is_not_ninety() -> None:
    found = only(read(GOOD.replace("duration: 3m", "duration: 1:30")), codes.BAD_DURATION)
    assert where(found) == ("steps[0].duration", 8, 15)
    assert "1m30s" in found.message


def test_no_is_not_false() -> None:
    text = GOOD + "client:\n  conditions:\n    - name: hypertension\n      cleared: no\n"
    found = only(read(text), codes.WRONG_KIND)
    assert where(found) == ("client.conditions[0].cleared", 12, 16)
    assert "true or false" in found.message


def test_no_as_a_name_is_text_as_written() -> None:
    result = read_plan_text(GOOD.replace("name: Back", "name: no"))
    assert result.findings == () and result.routine is not None
    assert result.routine.name == "no"


def test_bare_number_duration() -> None:
    found = only(read(GOOD.replace("duration: 3m", "duration: 5")), codes.BAD_DURATION)
    assert where(found) == ("steps[0].duration", 8, 15)
    assert "needs a unit" in found.message


def test_zero_duration() -> None:
    found = only(read(GOOD.replace("duration: 3m", "duration: 0m")), codes.BAD_DURATION)
    assert where(found) == ("steps[0].duration", 8, 15)


def test_alias_bomb() -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
    for level in "bcdefg":
        prev = chr(ord(level) - 1)
        bomb += f"{level}: &{level} [" + ", ".join([f"*{prev}"] * 10) + "]\n"
    found = only(read(bomb), codes.LIMIT_ALIASES)
    assert found.line is not None and found.line <= 5
    assert "MAX_ALIAS_EXPANSION" in found.message


def test_small_aliases_are_fine() -> None:
    text = "s: &s {technique: effleurage, region: back, pressure: 2, duration: 1m}\n"
    result = read_plan_text(GOOD.replace("steps:", text + "steps:"))
    assert [f.code for f in result.findings] == [codes.UNKNOWN_KEY]


@pytest.mark.parametrize("depth", [40, 100_000])
def test_deep_nesting(depth: int) -> None:
    found = only(read("name: " + "[" * depth + "]" * depth + "\n"), codes.LIMIT_DEPTH)
    assert where(found) == ("", 1, 7 + limits.MAX_DEPTH - 1)


def test_deep_block_nesting() -> None:
    found = only(read("name:\n" + "- " * 50_000 + "x\n"), codes.LIMIT_DEPTH)
    assert found.line == 2


def test_large_file(tmp_path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"# " + b"x" * (limits.MAX_FILE_BYTES + 10) + b"\n")
    found = only(list(read_plan_file(path).findings), codes.LIMIT_FILE_SIZE)
    assert where(found) == ("", 1, 1)
    assert "MAX_FILE_BYTES" in found.message


def test_non_utf8_bytes() -> None:
    data = GOOD.replace("name: Back", "name: Caf\xe9").encode("latin-1")
    found = only(list(read_plan_bytes(data).findings), codes.NOT_UTF8)
    assert where(found) == ("", 1, 10)


def test_utf8_bom_is_fine() -> None:
    assert read_plan_bytes(b"\xef\xbb\xbf" + GOOD.encode()).findings == ()


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n"])
def test_empty_file(text: str) -> None:
    found = only(read(text), codes.EMPTY_FILE)
    assert where(found) == ("", 1, 1)


def test_several_documents() -> None:
    found = only(read(GOOD + "---\nname: other\n"), codes.SEVERAL_DOCUMENTS)
    assert where(found) == ("", 9, 1)


@pytest.mark.parametrize(
    ("text", "kind"),
    [("- a\n- b\n", "a list"), ("just text\n", "the text"), ("42\n", "the number 42")],
)
def test_top_level_not_a_mapping(text: str, kind: str) -> None:
    found = only(read(text), codes.WRONG_KIND)
    assert where(found) == ("", 1, 1)
    assert kind in found.message


def test_yaml_syntax_error_is_located() -> None:
    found = only(read("name: [unclosed\nstyle: swedish\n"), codes.YAML_SYNTAX)
    assert found.line == 2


def test_tags_are_refused() -> None:
    found = only(
        read(GOOD.replace("pressure: 2", "pressure: !!python/int 2")), codes.UNSUPPORTED_TAG
    )
    assert where(found) == ("steps[0].pressure", 7, 15)


def test_every_problem_is_reported_at_once() -> None:
    text = (
        GOOD.replace("pressure: 2", "pressure: yes").replace("duration: 3m", "duration: 5")
        + "  - technique: petrissage\n    region: back.lowr\n    pressure: 9\n    duration: 0s\n"
    )
    found = read(text)
    assert [(f.code, f.path) for f in found] == [
        (codes.BAD_PRESSURE, "steps[0].pressure"),
        (codes.BAD_DURATION, "steps[0].duration"),
        (codes.BAD_PRESSURE, "steps[1].pressure"),
        (codes.BAD_DURATION, "steps[1].duration"),
    ]


def test_missing_keys_point_at_their_mapping() -> None:
    found = only(read(GOOD.replace("    region: back\n", "")), codes.MISSING_KEY)
    assert where(found) == ("steps[0]", 5, 5)


def test_quoted_number_is_not_a_pressure() -> None:
    found = only(read(GOOD.replace("pressure: 2", 'pressure: "2"')), codes.BAD_PRESSURE)
    assert "unquoted" in found.message


def test_number_where_text_is_expected() -> None:
    found = only(read(GOOD.replace("name: Back", "name: 2024")), codes.WRONG_KIND)
    assert where(found) == ("name", 1, 7)


def test_format_must_be_ours() -> None:
    found = only(read("format: massage-routine/2\n" + GOOD), codes.BAD_FORMAT)
    assert where(found) == ("format", 1, 9)


def test_no_steps() -> None:
    found = only(read(GOOD.split("steps:", maxsplit=1)[0] + "steps: []\n"), codes.NO_STEPS)
    assert where(found) == ("steps", 4, 8)


def test_too_many_steps() -> None:
    step = "{technique: effleurage, region: back, pressure: 2, duration: 1m}"
    text = (
        "name: x\nstyle: swedish\ns: &s "
        + step
        + "\nsteps: ["
        + ", ".join(["*s"] * 1 + [step] * limits.MAX_STEPS)
        + "]\n"
    )
    found = only(read(text), codes.LIMIT_STEPS)
    assert found.path == "steps"


def test_long_string() -> None:
    found = only(
        read(GOOD.replace("name: Back", "name: " + "x" * (limits.MAX_STRING_LENGTH + 1))),
        codes.LIMIT_STRING,
    )
    assert where(found) == ("name", 1, 7)


def test_bad_steps_are_left_out_but_mapped() -> None:
    text = (
        GOOD
        + "  - technique: petrissage\n    region: back\n    pressure: 9\n    duration: 1m\n"
        + "  - technique: friction\n    region: back\n    pressure: 3\n    duration: 1m\n"
    )
    result = read_plan_text(text)
    assert result.routine is not None
    assert [s.technique for s in result.routine.steps] == ["effleurage", "friction"]
    assert result.step_index == (0, 2)
    assert result.locate(("steps", 2, "pressure")) == (15, 15)


def test_too_many_nodes() -> None:
    found = only(read("name: [" + "a," * limits.MAX_NODES + "a]\n"), codes.LIMIT_NODES)
    assert found.line == 1 and found.column is not None
    assert "MAX_NODES" in found.message


def test_a_2000_step_plan_is_far_from_the_node_limit() -> None:
    step = "  - {technique: effleurage, region: back, pressure: 2, duration: 1m}\n"
    result = read_plan_text("name: x\nstyle: swedish\nsteps:\n" + step * 2000)
    assert result.findings == ()


# ------------------------------------------- what libyaml misreads or wrongly accepts (issue 10)

MISREAD = {
    "anchor with a colon": ("name: &a:b Lower back\n", 1, 7),
    "'?' in a flow mapping": ("name: {?foo: bar}\n", 1, 8),
    "'?' in a flow list": ("flags: [?x]\n", 1, 9),
    "'|+' at the end without a line break": ("notes: |+\n  x\n   ", 3, 1),
    "comment after a quote": ('name: "Lower back"# comment\n', 1, 19),
    "comment after a flow list": ("flags: [shoulder.left]#x\n", 1, 23),
    "flow list continued at the margin": ("flags: [a,\nb]\n", 2, 1),
    "quoted text continued at the margin": ('name: "Lower\nback"\n', 2, 1),
    "a lone '-' in a flow list": ("flags: [-]\n", 1, 9),
    "comment in a block scalar header": ("notes: ># c\n  x\n", 1, 9),
}


@pytest.mark.parametrize("case", list(MISREAD))
def test_what_libyaml_misreads_is_refused_with_a_place(case: str) -> None:
    text, line, column = MISREAD[case]
    found = only(list(read_plan_text(text).findings), codes.YAML_SYNTAX)
    assert (found.line, found.column) == (line, column), found.message


@pytest.mark.parametrize(
    "text",
    [
        "name: 'C#minor'\n",
        "name: C#minor\n",
        "flags: [a,\n  b]\n",
        'name: "Lower\n  back"\n',
        "notes: |\n  x # not a comment\n",
        "s: &s x\nname: *s\n",
        "name: x  # comment\n",
    ],
)
def test_look_alikes_still_read(text: str) -> None:
    assert codes.YAML_SYNTAX not in [f.code for f in read(text)]


def test_no_libyaml_is_one_clear_finding(tmp_path) -> None:
    """Where PyYAML has no libyaml, reading says so once; never an internal error."""
    import subprocess
    import sys

    plan = tmp_path / "plan.yaml"
    plan.write_text(GOOD, encoding="utf-8")
    code = (
        "import sys; sys.modules['yaml._yaml'] = None\n"  # makes `from yaml._yaml import` fail
        "from massage_routines.cli.main import main\n"
        f"sys.exit(main(['validate', {str(plan)!r}]))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=60
    )
    assert result.returncode == 1, result.stderr
    assert "internal error" not in result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == (
        f"{plan}:1:1: error R004 cannot read YAML: this PyYAML has no libyaml "
        "(yaml._yaml.CParser), which the plan reader needs; install a PyYAML built with "
        "libyaml (pip install --force-reinstall PyYAML)"
    )
    assert len(lines) == 2  # the finding and the summary
