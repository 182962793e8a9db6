"""Fuzzing the reader and the validator: any file gets a report, never an exception, never "valid"
when something is wrong.

Plans are drawn from the plan grammar as Python data (names, styles, techniques, regions and
conditions from the registry, and values that are nearly right), dumped with ``yaml.safe_dump``
and then mutated: in the data (wrong kinds, missing and extra keys, odd unicode, huge numbers,
deep nesting, shared values that the dumper writes as anchors and aliases) and in the text
(YAML 1.1 words spliced in unquoted, a key given twice, an alias bomb, deep flow nesting, extra
documents, truncation, byte flips, bytes that are not UTF-8). The properties:

* the library (``read_plan_bytes`` + ``validate_read``) and the command line
  (``validate --format json``) always end in a report: exit 0 or 1, JSON on stdout, nothing on
  stderr;
* every error finding is located (line and column >= 1, inside the file) or is about the plan
  as a whole (path ``""``);
* a plan is never reported valid when it has an error, when the reader could not build it, or
  when a step was left out of it; one known error put into a valid plan always makes it invalid;
* what the reader takes without an error, it takes whole: its tree is the one libyaml's own
  composer builds from the same text (no key, item or text lost on the way).

The long, coverage-guided counterpart is ``fuzz/fuzz_validate.py`` (atheris). Regressions for
what fuzzing found are at the end of this file.
"""

from __future__ import annotations

import contextlib
import functools
import io
import json
import re
from typing import TYPE_CHECKING, Any

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from massage_routines.cli.main import main
from massage_routines.findings import Report, Severity
from massage_routines.planfile import yaml_tree
from massage_routines.planfile.reader import ReadResult, read_plan_bytes
from massage_routines.plugins.registry import default_registry
from massage_routines.reporting.text import text_line
from massage_routines.validation.engine import validate_read, validate_text
from tests.conftest import EXAMPLES

if TYPE_CHECKING:
    from pathlib import Path

REGISTRY = default_registry()
TECHNIQUES = sorted(REGISTRY.techniques)
STYLES = sorted(REGISTRY.styles)
CONDITIONS = sorted(REGISTRY.conditions)
REGIONS = list(REGISTRY.regions)
POSITIONS = ["prone", "supine", "side_lying", "seated"]
PRESSURE_NAMES = ["hold", "light", "moderate", "medium", "firm", "deep"]
GOOD_PLANS = sorted((EXAMPLES / "plans").glob("*.yaml"))

#: Python's int() refuses texts of more than 4300 digits: so does yaml.safe_dump (str(int)), so
#: the numbers drawn as data stay under it, and longer ones are spliced into the text (RAW_VALUES).
MAX_DIGITS = 4300

# ---------------------------------------------------------------- values, nearly right

#: Plain words that YAML 1.1 (and loaders that follow it) read as something else.
YAML11_WORDS = [
    "yes", "no", "on", "off", "y", "n", "Yes", "NO", "On", "OFF", "1:30", "0:90", "190:20:30",
    "0x1F", "0o17", "017", "1_000", "0b101", "~", "null", "Null", "true", "False", ".inf",
    "-.inf", ".nan", "+5", "-0", "5.", ".5", "1e3", "2024-01-01", "=", "<<",
]  # fmt: skip
DURATION_TEXTS = [
    "3m", "90s", "5min", "1m30s", "1h", "2.5m", "0s", "0m", "-5m", "5", "5 m", "5M", "1.0001s",
    "1h1h", "m", "1:30", "99999999999h", "0.001s", "0.0001s", "10m ", " 10m",
]  # fmt: skip
REGION_TEXTS = [
    "back", "back.lower", "Back", "back..lower", "back.lower.", ".back", "leg.*.calf",
    "back.lowr", "neck.anterior", "leg.left.knee_back", "arm.right.axilla", "b" * 200,
    "back.lower.lumbar.deep.inner.most", "bäck", "back lower",
]  # fmt: skip

odd_text = st.text(
    alphabet=st.characters(codec="utf-8", categories=["L", "M", "N", "P", "S", "Z", "Cc", "Cf"]),
    max_size=12,
)
huge_int = st.integers(20, MAX_DIGITS).flatmap(
    lambda n: st.sampled_from([int("9" * n), -int("9" * n), 10 ** (n - 1)])
)
long_text = st.integers(9_990, 10_010).map(lambda n: "x" * n)
scalars = st.one_of(
    st.sampled_from(YAML11_WORDS + DURATION_TEXTS + REGION_TEXTS + PRESSURE_NAMES),
    st.integers(-10, 10),
    st.integers(-(10**30), 10**30),
    huge_int,
    st.floats(),
    st.booleans(),
    st.none(),
    odd_text,
    long_text,
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(odd_text, inner, max_size=3),
    max_leaves=6,
)


def nest(depth: int, leaf: object) -> object:
    """``leaf`` inside ``depth`` lists and mappings, alternately."""
    for level in range(depth):
        leaf = [leaf] if level % 2 else {"k": leaf}
    return leaf


deep_values = st.integers(20, 60).map(lambda depth: nest(depth, "x"))
#: How many mutations: mostly none or one, so that many plans stay nearly valid.
few = st.sampled_from([0, 0, 0, 1, 1, 2, 3])


def maybe(good: st.SearchStrategy[Any], *odd: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """``good`` three times in four, else one of ``odd``."""
    return st.one_of(good, good, good, *odd) if len(odd) == 1 else st.one_of(good, good, *odd)


# ---------------------------------------------------------------- plans as data


@st.composite
def steps(draw: st.DrawFn) -> dict[str, object]:
    step: dict[str, object] = {
        "technique": draw(maybe(st.sampled_from(TECHNIQUES), st.sampled_from(["hot_stone", ""]))),
        "region": draw(maybe(st.sampled_from(REGIONS), st.sampled_from(REGION_TEXTS))),
        "pressure": draw(
            maybe(st.integers(0, 5), st.sampled_from(PRESSURE_NAMES), st.integers(-2, 9))
        ),
        "duration": draw(st.sampled_from(DURATION_TEXTS[:6])),
    }
    if draw(st.booleans()):
        step["position"] = draw(st.sampled_from(POSITIONS))
    if draw(st.integers(0, 4)) == 0:
        step["notes"] = draw(odd_text)
    return step


@st.composite
def conditions(draw: st.DrawFn) -> object:
    name = draw(maybe(st.sampled_from(CONDITIONS), st.sampled_from(["flu", "pregnancy "])))
    if draw(st.booleans()):
        return name
    condition: dict[str, object] = {"name": name}
    if draw(st.booleans()):
        condition["region"] = draw(st.sampled_from(REGIONS))
    if draw(st.booleans()):
        condition["trimester"] = draw(st.integers(0, 4))
    if draw(st.booleans()):
        condition["cleared"] = draw(st.booleans())
    return condition


@st.composite
def clients(draw: st.DrawFn) -> dict[str, object]:
    client: dict[str, object] = {}
    if draw(st.booleans()):
        client["flags"] = draw(
            st.lists(
                maybe(
                    st.sampled_from(REGIONS),
                    st.fixed_dictionaries(
                        {"region": st.sampled_from(REGIONS)}, optional={"reason": odd_text}
                    ),
                ),
                max_size=3,
            )
        )
    if draw(st.booleans()):
        client["conditions"] = draw(st.lists(conditions(), max_size=3))
    if draw(st.booleans()):
        client["max_pressure"] = draw(st.integers(0, 5))
    return client


@st.composite
def grammar_plans(draw: st.DrawFn) -> dict[str, object]:
    """A plan as data, from the grammar: its parts nearly always right, the whole often not."""
    plan: dict[str, object] = {}
    if draw(st.booleans()):
        plan["format"] = draw(st.sampled_from(["massage-routine/1", "massage-routine/2"]))
    plan["name"] = draw(maybe(st.sampled_from(["Back", "Lower back relief"]), odd_text))
    plan["style"] = draw(st.sampled_from(STYLES))
    if draw(st.booleans()):
        plan["duration"] = draw(st.sampled_from(["10m", "30m", "1h", "45m"]))
    if draw(st.booleans()):
        plan["position"] = draw(st.sampled_from(POSITIONS))
    if draw(st.booleans()):
        plan["client"] = draw(clients())
    shared = draw(st.booleans())
    drawn = draw(st.lists(steps(), min_size=1, max_size=6))
    # The same dict several times: the dumper writes an anchor and aliases to it.
    plan["steps"] = [drawn[0]] * len(drawn) if shared else drawn
    return plan


def good_plan(path: Path) -> dict[str, Any]:
    """An example plan that validates, as data."""
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data


#: A plan as data: from the grammar, or one of the valid examples.
plans = st.one_of(grammar_plans(), st.sampled_from(GOOD_PLANS).map(good_plan))


def places(data: object, path: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    """Every path into ``data`` (mapping keys and list indexes), the root included."""
    out = [path]
    if isinstance(data, dict):
        for key, value in data.items():
            out.extend(places(value, (*path, key)))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            out.extend(places(value, (*path, i)))
    return out


def container(data: object, path: tuple[object, ...]) -> Any:
    for part in path:
        data = data[part]  # type: ignore[index]
    return data


@st.composite
def mutated_data(draw: st.DrawFn) -> object:
    """A plan as data with a few mutations: wrong kinds, missing and extra keys, odd values."""
    import copy

    data: Any = copy.deepcopy(draw(plans))  # deepcopy keeps shared steps shared
    for _ in range(draw(few)):
        path = draw(st.sampled_from(places(data)))
        action = draw(st.sampled_from(["replace", "delete", "add", "deep", "wrap"]))
        if not path:
            if action == "replace":
                data = draw(values)
            continue
        parent = container(data, path[:-1])
        key = path[-1]
        if action == "replace":
            parent[key] = draw(values)
        elif action == "deep":
            parent[key] = draw(deep_values)
        elif action == "wrap":
            parent[key] = [parent[key]]
        elif action == "delete":
            del parent[key]
        elif isinstance(parent, dict):
            extra = draw(st.sampled_from(["colour", "presure", "steps", "Name", "1", ""]))
            parent.setdefault(extra, draw(values))
        else:
            parent.append(draw(values))
    return data


def dump(data: object, flow: bool | None, unicode: bool) -> str:
    return yaml.safe_dump(
        data, sort_keys=False, default_flow_style=flow, allow_unicode=unicode, width=80
    )


# ---------------------------------------------------------------- mutations of the text

#: Values spliced in unquoted, as a person or another program might write them.
RAW_VALUES = [
    *YAML11_WORDS,
    "!!python/object/apply:os.system ['true']",
    "!!binary aGk=",
    "!!int 3",
    "!custom x",
    "*undefined",
    "&a [*a]",
    "{a: 1, a: 2}",
    "[1, [2, [3]]]",
    "'unterminated",
    '"\\u00e9\\ud800"',
    "|\n  block\n  text",
    "@reserved",
    "`tick",
    "%",
    "? complex\n: key",
    "\t3",
    "3 # comment",
    "<<: {a: 1}",
    # more digits than Python's int() takes from a text: the reader must not trip on them
    "9" * 5_000,
    "-" + "1" * 4_400,
    "1." + "5" * 5_000 + "s",
    "5" * 4_500 + "m",
]
#: Bytes a flip puts in: YAML's own characters, and a few that are not UTF-8 or not allowed.
STRAY_BYTES = [*b" \t\n:-#[]{}&*!'\"|>,?%@`a0", 0x00, 0x1B, 0x7F, 0x80, 0xC3, 0xED, 0xFF]
ALIAS_BOMB = "lol0: &l0 [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"lol{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 10) + "]\n" for i in range(1, 7)
)


@st.composite
def mutated_text(draw: st.DrawFn, text: str) -> bytes:
    """``text`` with a few mutations of its lines, characters or bytes."""
    lines = text.splitlines(keepends=True) or ["\n"]
    for _ in range(draw(few)):
        i = draw(st.integers(0, len(lines) - 1))
        action = draw(
            st.sampled_from(
                [
                    "raw",
                    "duplicate",
                    "insert",
                    "delete",
                    "nest",
                    "bomb",
                    "document",
                    "tab",
                    "key",
                ]
            )
        )
        line = lines[i]
        if action == "raw" and ": " in line:
            head = line.split(": ", 1)[0]
            lines[i] = f"{head}: {draw(st.sampled_from(RAW_VALUES))}\n"
        elif action == "duplicate":  # a key given twice, when the line is a key
            lines.insert(draw(st.integers(i, len(lines))), line)
        elif action == "insert":
            lines.insert(i, draw(st.sampled_from(RAW_VALUES)) + "\n")
        elif action == "delete" and len(lines) > 1:
            del lines[i]
        elif action == "nest" and ": " in line:
            depth = draw(st.integers(1, 2_000))
            lines[i] = line.split(": ", 1)[0] + ": " + "[" * depth + "]" * depth + "\n"
        elif action == "bomb":
            lines.insert(0, ALIAS_BOMB)
        elif action == "document":
            lines.insert(i, draw(st.sampled_from(["---\n", "...\n", "--- |\n", "%YAML 1.1\n"])))
        elif action == "tab":
            lines[i] = line.replace("  ", "\t", 1)
        elif action == "key" and ": " in line:  # a key with a tag or an anchor
            stripped = line.lstrip(" -")
            head = line[: len(line) - len(stripped)]
            lines[i] = head + draw(st.sampled_from(["!!str ", "&k ", "!custom "])) + stripped
    out = "".join(lines)
    if draw(st.integers(0, 7)) == 0:
        out = out.replace("\n", draw(st.sampled_from(["\r\n", "\r", "\u2028", "\x85"])))
    data = out.encode("utf-8")
    if draw(st.integers(0, 7)) == 0 and len(data) > 1:  # truncation, inside anything
        data = data[: draw(st.integers(1, len(data) - 1))]
    if draw(st.integers(0, 4)) == 0:  # byte flips and stray bytes
        for _ in range(draw(st.integers(1, 3))):
            if not data:
                break
            at = draw(st.integers(0, len(data) - 1))
            data = data[:at] + bytes([draw(st.sampled_from(STRAY_BYTES))]) + data[at + 1 :]
    if draw(st.integers(0, 15)) == 0:
        data = b"\xef\xbb\xbf" + data
    return data


@st.composite
def plan_files(draw: st.DrawFn) -> bytes:
    """The bytes of a plan file: from the grammar, mutated as data, dumped, mutated as text."""
    data = draw(mutated_data())
    try:
        text = dump(data, draw(st.sampled_from([None, False, True])), draw(st.booleans()))
    except yaml.YAMLError:  # not representable (e.g. a key that is not text): use a plain plan
        text = dump(draw(plans), None, True)
    return draw(mutated_text(text))


# ---------------------------------------------------------------- the properties


def lines_in(data: bytes) -> int:
    """An upper bound of the lines YAML sees (str.splitlines knows more breaks than YAML)."""
    return len(data.decode("utf-8", "replace").splitlines()) + 1


def check_report(data: bytes, result: ReadResult, report: Report) -> None:
    """The promises of one report on one file."""
    last_line = lines_in(data) + 1
    for finding in report.findings:
        assert finding.severity in (Severity.ERROR, Severity.WARNING)
        assert re.fullmatch(r"[A-Z][0-9]{3}", finding.code), finding
        assert finding.message.strip(), finding
        if finding.is_error and finding.path:
            assert finding.line is not None and finding.column is not None, finding
        if finding.line is not None:
            assert 1 <= finding.line <= last_line, (finding, last_line)
            assert finding.column is not None and finding.column >= 1, finding
    if any(f.is_error for f in result.findings):
        assert not report.valid
    elif result.tree is not None:
        # Safe to compose: our reader has bounded depth and aliases (libyaml recurses in C).
        with contextlib.suppress(yaml.YAMLError):
            theirs = yaml.compose(data, Loader=yaml.CSafeLoader)
            assert theirs is not None
            same_tree(result.tree, theirs, set())
    if report.valid:
        # Nothing we could not check is called valid: the whole plan was read and every step
        # made it into the routine the rules checked.
        assert result.routine is not None
        tree = result.tree
        assert isinstance(tree, yaml_tree.Mapping)
        listed = tree.items["steps"]
        assert isinstance(listed, yaml_tree.Sequence)
        assert len(listed.items) == len(result.routine.steps)
        assert not report.errors


def _null(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:null"


def same_tree(ours: yaml_tree.Node, theirs: yaml.Node, seen: set[tuple[int, int]]) -> None:
    """``ours`` holds what libyaml's composer made of the same text: keys, items, texts."""
    if (id(ours), id(theirs)) in seen:  # an aliased node, compared already
        return
    seen.add((id(ours), id(theirs)))
    if isinstance(theirs, yaml.MappingNode):
        assert isinstance(ours, yaml_tree.Mapping), (ours.kind, ours.line)
        for key, value in theirs.value:
            assert isinstance(key, yaml.ScalarNode)
            if key.value not in ours.items and _null(value):
                continue  # an optional key written null is absent (it was not unknown: no R101)
            assert key.value in ours.items, f"key {key.value!r} on line {key.start_mark.line + 1}"
            same_tree(ours.items[key.value], value, seen)
    elif isinstance(theirs, yaml.SequenceNode):
        assert isinstance(ours, yaml_tree.Sequence), (ours.kind, ours.line)
        assert len(ours.items) == len(theirs.value), ours.line
        for mine, item in zip(ours.items, theirs.value, strict=True):
            same_tree(mine, item, seen)
    else:
        assert isinstance(ours, yaml_tree.Scalar) and ours.value == theirs.value, ours.line


def run_cli(path: Path) -> tuple[int, dict[str, Any], str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["validate", "--format", "json", str(path)])
    return code, json.loads(out.getvalue()), err.getvalue()


@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.large_base_example])
@given(plan_files())
@example(ALIAS_BOMB.encode())
@example(b"steps: " + b"[" * 50_000 + b"]" * 50_000)
@example(b"name: x\nname: y\n")
@example(b"name: x\nstyle: swedish\nsteps:\n  - {pressure: " + b"9" * 5_000 + b", duration: 3m}\n")
@example(b"\xff\xfe")
@example(b"")
def test_every_file_gets_a_report(data: bytes) -> None:
    result = read_plan_bytes(data)
    report = validate_read(result, REGISTRY, file="plan.yaml")
    check_report(data, result, report)


@settings(
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.large_base_example,
        HealthCheck.function_scoped_fixture,
    ]
)
@given(data=plan_files())
def test_every_file_gets_a_report_from_the_cli(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "plan.yaml"
    path.write_bytes(data)
    code, output, err = run_cli(path)
    assert err == ""  # no traceback, no "internal error"
    assert code in (0, 1)
    (plan,) = output["plans"]
    errors = [f for f in plan["findings"] if f["severity"] == "error"]
    assert plan["valid"] is (code == 0)
    assert plan["valid"] is not bool(errors)
    for finding in errors:
        assert finding["path"] == "" or (finding["line"] >= 1 and finding["column"] >= 1)


# ---------------------------------------------------------------- errors are never valid


#: One definite error put into a valid plan: (what it does, the code it must give).
def _set(path: tuple[Any, ...], value: object) -> Any:
    def apply(plan: dict[str, Any]) -> None:
        container(plan, path[:-1])[path[-1]] = value

    return apply


INJECTIONS: dict[str, tuple[Any, str]] = {
    "pressure out of range": (_set(("steps", -1, "pressure"), 9), "R104"),
    "pressure a boolean": (_set(("steps", 0, "pressure"), True), "R104"),
    "duration without unit": (_set(("steps", -1, "duration"), 5), "R105"),
    "region a list": (_set(("steps", 0, "region"), ["back", "neck"]), "R103"),
    "unknown step key": (_set(("steps", 0, "presure"), 2), "R101"),
    "unknown plan key": (_set(("colour",), "blue"), "R101"),
    "no steps": (_set(("steps",), []), "R108"),
    "name a number": (_set(("name",), 2024), "R103"),
    "position badly written": (_set(("position",), "Face Down"), "R106"),
    "position unknown": (_set(("position",), "kneeling"), "V008"),
    "format unknown": (_set(("format",), "massage-routine/2"), "R107"),
    "condition unknown": (_set(("client",), {"conditions": ["flu"]}), "V"),
    "technique unknown": (_set(("steps", 0, "technique"), "hot_stone"), "V"),
    "region unknown": (_set(("steps", 0, "region"), "back.lowr"), "V"),
    "flag on a step's region": (None, "F"),
}


@given(
    plan=st.sampled_from(GOOD_PLANS),
    injection=st.sampled_from(sorted(INJECTIONS)),
    flow=st.sampled_from([None, False, True]),
    step=st.integers(0, 100),
)
def test_one_error_in_a_valid_plan_makes_it_invalid(
    plan: Path, injection: str, flow: bool | None, step: int
) -> None:
    data = good_plan(plan)
    assert validate_text(dump(data, flow, True), REGISTRY).valid, plan
    apply, code = INJECTIONS[injection]
    if apply is None:  # flag the region of one of the steps
        region = data["steps"][step % len(data["steps"])]["region"]
        client = data.setdefault("client", {}) or {}
        data["client"] = client
        client.setdefault("flags", []).append(region)
    else:
        apply(data)
    report = validate_text(dump(data, flow, True), REGISTRY)
    assert not report.valid, (injection, report.findings)
    assert any(f.code.startswith(code) and f.is_error for f in report.findings), (
        injection,
        report.findings,
    )


@given(
    plan=st.sampled_from(GOOD_PLANS),
    key=st.sampled_from(["name", "style", "steps", "technique", "region", "pressure"]),
    data=st.data(),
)
def test_a_key_given_twice_is_never_valid(plan: Path, key: str, data: st.DataObject) -> None:
    text = plan.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    candidates = [i for i, line in enumerate(lines) if line.lstrip(" -").startswith(f"{key}:")]
    if not candidates:
        return
    i = data.draw(st.sampled_from(candidates))
    # The same key again right after, at the same indentation (as a list item's key, under it).
    line = lines[i]
    indent = len(line) - len(line.lstrip(" -"))
    lines.insert(i + 1, " " * indent + line.lstrip(" -"))
    report = validate_text("".join(lines), REGISTRY)
    assert not report.valid
    assert "R006" in report.codes(), report.findings


@given(
    plan=st.sampled_from(GOOD_PLANS),
    cut=st.floats(0.05, 0.95),
)
def test_a_truncated_plan_is_never_silently_shorter(plan: Path, cut: float) -> None:
    """Cut a valid plan short: either it is invalid, or it still holds every step it lists."""
    data = plan.read_bytes()
    data = data[: int(len(data) * cut)]
    result = read_plan_bytes(data)
    report = validate_read(result, REGISTRY)
    check_report(data, result, report)


# ---------------------------------------------------------------- found by fuzzing

HUGE = 5_000


@functools.cache
def _plan_with(value: str, where: str) -> str:
    base = (
        "name: x\nstyle: swedish\nposition: prone\nsteps:\n"
        "  - technique: effleurage\n    region: back\n    pressure: 2\n    duration: 3m\n"
    )
    if where == "trimester":
        return base + f"client:\n  conditions:\n    - name: pregnancy\n      trimester: {value}\n"
    old = {"pressure": "pressure: 2", "duration": "duration: 3m", "name": "name: x"}[where]
    return base.replace(old, f"{where}: {value}")


@pytest.mark.parametrize(
    ("where", "value"),
    [
        ("pressure", "9" * HUGE),
        ("name", "1" * HUGE),
        ("trimester", "1" * HUGE),
        ("duration", "5" * HUGE + "s"),
        ("duration", "1." + "5" * HUGE + "s"),
        ("pressure", '"' + "9" * HUGE + '"'),
    ],
    ids=["pressure", "name", "trimester", "duration", "duration-fraction", "quoted-pressure"],
)
def test_a_number_of_thousands_of_digits_is_a_finding(where: str, value: str) -> None:
    report = validate_text(_plan_with(value, where), REGISTRY)
    assert not report.valid
    assert any(f.path.endswith(where) and f.line for f in report.errors), report.findings


def test_a_number_of_thousands_of_digits_through_the_cli(tmp_path: Path) -> None:
    good = tmp_path / "good.yaml"
    good.write_bytes((EXAMPLES / "plans" / "swedish-back.yaml").read_bytes())
    bad = tmp_path / "bad.yaml"
    bad.write_text(_plan_with("9" * HUGE, "pressure"), encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["validate", "--format", "json", str(bad), str(good)])
    assert code == 1, err.getvalue()
    assert [p["valid"] for p in json.loads(out.getvalue())["plans"]] == [False, True]


@pytest.mark.parametrize("char", ["\x06", "\x1b", "\x7f", "\ufffe"])
def test_a_character_yaml_refuses_gives_a_one_line_finding(char: str) -> None:
    data = f"name: Ba{char}ck\nstyle: swedish\n".encode()
    report = validate_read(read_plan_bytes(data), REGISTRY, file="plan.yaml")
    (finding,) = [f for f in report.findings if f.code == "R004"]
    assert (finding.line, finding.column) == (1, 9)
    assert "\n" not in text_line("plan.yaml", finding), finding.message


@pytest.mark.parametrize(
    "key",
    ["!!str client:", "&k client:", "*c :"],
    ids=["tag", "anchor", "alias"],
)
def test_a_tagged_or_anchored_key_is_not_dropped(key: str) -> None:
    """A flag on the region of every step, under a key written with a property: never valid."""
    plan = (EXAMPLES / "plans" / "swedish-back.yaml").read_text(encoding="utf-8")
    if key.startswith("*"):  # the key is an alias of a step's notes, "client"
        plan = plan.replace("notes: spread the oil", "notes: &c client\n    # spread the oil", 1)
    assert validate_text(plan, REGISTRY).valid
    text = plan + f"{key}\n  flags: [back]\n"
    report = validate_text(text, REGISTRY)
    assert not report.valid, report.findings
