"""Coverage-guided fuzzing of the plan reader and the validator, with atheris (libFuzzer).

For long runs by hand, not for CI (the hypothesis tests in ``tests/test_fuzz.py`` are the CI
part). See ``fuzz/README.md`` for installing atheris and running this; in short::

    .venv/bin/python fuzz/fuzz_validate.py fuzz/corpus -dict=fuzz/yaml.dict \\
        -max_len=8192 -timeout=5 -rss_limit_mb=1024 -max_total_time=1800

Each input is taken as the bytes of a plan file and goes through ``read_plan_bytes`` and
``validate_read`` with the built-in plugins, as ``validate`` does. Anything that raises is a
crash (libFuzzer saves the input as ``crash-*``); so is a broken promise of the validator:

* a report that is valid although something could not be checked (no routine was built, a
  step was left out, a reader finding is an error);
* an error finding from the file without a line and column >= 1 that is not a whole-plan
  finding (path ``""``);
* a finding whose text line would not encode as UTF-8 or would span several lines (a message
  must not be able to forge another finding's line in the text output);
* a valid plan that does not read back, through ``write_plan``, as the same routine;
* a file the reader took without an error, whose tree differs from the one libyaml's own
  composer builds (a key, an item or a text lost or changed on the way).

Hangs and memory blow-ups are libFuzzer's own ``-timeout`` and ``-rss_limit_mb``.

Known issues, already reported and awaiting a fix in ``src/``, would stop every run at the first
input that hits them. They are listed in ``KNOWN``: such an input is counted and saved to
``fuzz/known/`` (the first few of each kind), and the run goes on. ``MR_FUZZ_STRICT=1`` turns
them back into crashes.
"""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import atheris
import yaml

with atheris.instrument_imports(include=["massage_routines"]):
    from massage_routines.cli.output import text_line
    from massage_routines.findings import Report, Severity
    from massage_routines.planfile import yaml_tree
    from massage_routines.planfile.reader import read_plan_bytes, read_plan_text
    from massage_routines.planfile.writer import write_plan
    from massage_routines.plugins.registry import build_registry
    from massage_routines.validation.engine import validate_read

    # The plugins are imported through their entry points: do it inside the instrumented block.
    REGISTRY = build_registry(select="all")

if TYPE_CHECKING:
    from collections.abc import Callable

    from massage_routines.planfile.reader import ReadResult

HERE = Path(__file__).resolve().parent
KNOWN_DIR = HERE / "known"
STRICT = os.environ.get("MR_FUZZ_STRICT") == "1"
#: How many inputs of each known issue are saved.
KEEP_PER_ISSUE = 5


class BrokenPromise(AssertionError):
    """The validator answered, but its answer breaks one of its promises."""


#: name → recognizer of the exception of an issue already reported and waiting for a fix, e.g.
#: ``"int-digits": lambda exc: isinstance(exc, ValueError) and "integer string" in str(exc)``.
#: Empty: everything the runs found so far is fixed (fuzz/README.md lists it).
KNOWN: dict[str, Callable[[BaseException], bool]] = {}
_seen: dict[str, int] = {}


def _check(data: bytes, result: ReadResult, report: Report) -> None:
    reader_errors = [f for f in result.findings if f.severity is Severity.ERROR]
    for finding in result.findings:
        placed = finding.line is not None and finding.column is not None
        if placed and (finding.line < 1 or finding.column < 1):  # type: ignore[operator]
            raise BrokenPromise(f"finding placed before the file's start: {finding}")
        if finding.severity is Severity.ERROR and not placed and finding.path != "":
            raise BrokenPromise(f"error finding at {finding.path!r} has no place: {finding}")
    for finding in report.findings:
        line = text_line("plan.yaml", finding)
        if "\n" in line or "\r" in line:
            raise BrokenPromise(f"finding's text output spans lines: {line!r}")
        line.encode("utf-8")  # raises on a lone surrogate
    if not report.valid:
        return
    # A valid report: everything in the file was understood and checked.
    if reader_errors:
        raise BrokenPromise("valid report although the reader found errors")
    routine = result.routine
    if routine is None:
        raise BrokenPromise("valid report although no routine was built")
    steps = result.tree.items.get("steps") if isinstance(result.tree, yaml_tree.Mapping) else None
    if not isinstance(steps, yaml_tree.Sequence) or len(steps.items) != len(routine.steps):
        raise BrokenPromise("valid report although steps were left out of the routine")
    again = read_plan_text(write_plan(routine))
    if again.findings or again.routine != routine:
        raise BrokenPromise(
            f"a valid plan does not read back as itself: {again.findings} {again.routine!r} "
            f"!= {routine!r}"
        )


def _same_tree(ours: yaml_tree.Node, theirs: yaml.Node, seen: set[tuple[int, int]]) -> None:
    """``ours`` holds what libyaml's composer made of the same text (keys, items, texts)."""
    pair = (id(ours), id(theirs))
    if pair in seen:  # a shared (aliased) node, already compared
        return
    seen.add(pair)
    if isinstance(theirs, yaml.MappingNode):
        if not isinstance(ours, yaml_tree.Mapping):
            raise BrokenPromise(f"a mapping read as {ours.kind} at {ours.line}:{ours.column}")
        for key, value in theirs.value:
            name = key.value if isinstance(key, yaml.ScalarNode) else None
            if name not in ours.items:
                raise BrokenPromise(
                    f"key {name!r} at {key.start_mark.line + 1}:{key.start_mark.column + 1} "
                    "is missing from the tree, without an error"
                )
            _same_tree(ours.items[name], value, seen)
    elif isinstance(theirs, yaml.SequenceNode):
        if not isinstance(ours, yaml_tree.Sequence) or len(ours.items) != len(theirs.value):
            raise BrokenPromise(f"a list read as {ours.kind} at {ours.line}:{ours.column}")
        for mine, item in zip(ours.items, theirs.value, strict=True):
            _same_tree(mine, item, seen)
    elif not isinstance(ours, yaml_tree.Scalar) or ours.value != theirs.value:
        raise BrokenPromise(f"a scalar {theirs.value!r} read differently at {ours.line}")


def _differential(data: bytes, result: ReadResult) -> None:
    """No error from our reader: then libyaml's composer must agree on the whole tree."""
    if result.tree is None or any(f.severity is Severity.ERROR for f in result.findings):
        return
    try:  # safe here: our reader has bounded the depth (libyaml's composer recurses in C)
        theirs = yaml.compose(data, Loader=yaml.CSafeLoader)
    except yaml.YAMLError:
        return
    if theirs is not None:
        _same_tree(result.tree, theirs, set())


def _known(data: bytes, exc: BaseException) -> bool:
    for name, matches in KNOWN.items():
        if matches(exc):
            count = _seen[name] = _seen.get(name, 0) + 1
            if count & (count - 1) == 0:  # 1, 2, 4, 8, ...: how often, without flooding the log
                print(f"known issue {name}: {count} inputs so far", file=sys.stderr)
            if count <= KEEP_PER_ISSUE:
                KNOWN_DIR.mkdir(exist_ok=True)
                digest = hashlib.sha1(data).hexdigest()[:16]
                (KNOWN_DIR / f"{name}-{digest}").write_bytes(data)
                print(f"known issue {name} (#{count}): saved to fuzz/known/", file=sys.stderr)
            return True
    return False


def test_one_input(data: bytes) -> None:
    """libFuzzer's entry: one input, checked end to end."""
    try:
        result = read_plan_bytes(data)
        report = validate_read(result, REGISTRY, file="plan.yaml")
        _check(data, result, report)
        _differential(data, result)
    except Exception as exc:
        if STRICT or not _known(data, exc):
            raise


def main() -> None:
    """Run libFuzzer with the command line's flags and corpus directories."""
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
