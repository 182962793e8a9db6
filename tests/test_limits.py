"""Resource limits: each limit gives a finding that names it and says where, at its boundary; the
hostile inputs end in a report with bounded memory.

``test_reader_strict.py`` covers each limit once through the reader; this file adds what it does
not: the exact boundaries, ``MAX_FINDINGS``, the limits through the command line, and peak
memory. Memory is measured as the peak RSS of a fresh process (``resource.getrusage``), before
and after one ``validate`` of the input; no test here asserts a time (the subprocess's timeout
is only there to turn a hang into a failure).
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import subprocess
import sys
import textwrap
from typing import TYPE_CHECKING, Any

import pytest

from massage_routines.cli.main import main
from massage_routines.planfile import codes, limits
from massage_routines.planfile.reader import read_plan_bytes, read_plan_file, read_plan_text
from massage_routines.plugins.registry import default_registry
from massage_routines.validation.engine import validate_read
from tests.conftest import EXAMPLES, ROOT

if TYPE_CHECKING:
    from pathlib import Path

    from massage_routines.findings import Finding

HEAD = "name: x\nstyle: swedish\nposition: prone\nsteps:\n"
STEP = "  - {technique: effleurage, region: back, pressure: 2, duration: 1m}\n"
BAD_STEP = "  - {technique: effleurage, region: back, pressure: 9, duration: 1m}\n"
#: A mapping an anchor can name: 1 mapping + 4 keys + 4 values = 9 nodes.
STEP_FLOW = "{technique: effleurage, region: back, pressure: 2, duration: 1m}"


def only(findings: tuple[Finding, ...] | list[Finding], code: str) -> Finding:
    hits = [f for f in findings if f.code == code]
    assert len(hits) == 1, findings
    return hits[0]


def cli_json(*args: str, stdin: bytes | None = None) -> tuple[int, dict[str, Any], str]:
    """``validate --format json ARGS`` in this process: exit status, parsed stdout, stderr."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["validate", "--format", "json", *args])
    return code, json.loads(out.getvalue()), err.getvalue()


# ---------------------------------------------------------------- MAX_FILE_BYTES


def padded(size: int) -> bytes:
    """A valid plan padded with a comment to exactly ``size`` bytes."""
    plan = (EXAMPLES / "plans" / "swedish-back.yaml").read_bytes()
    pad = size - len(plan) - 3
    return plan + b"# " + b"x" * pad + b"\n"


def test_a_file_of_exactly_max_file_bytes_is_read(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_bytes(padded(limits.MAX_FILE_BYTES))
    assert path.stat().st_size == limits.MAX_FILE_BYTES
    result = read_plan_file(path)
    assert result.findings == () and result.routine is not None


def test_one_byte_more_is_refused_naming_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_bytes(padded(limits.MAX_FILE_BYTES + 1))
    found = only(read_plan_file(path).findings, codes.LIMIT_FILE_SIZE)
    assert (found.path, found.line, found.column) == ("", 1, 1)
    assert "MAX_FILE_BYTES" in found.message and f"{limits.MAX_FILE_BYTES + 1:,}" in found.message


def test_the_size_limit_through_the_cli_and_stdin(tmp_path: Path, monkeypatch) -> None:
    data = padded(limits.MAX_FILE_BYTES + 1)
    path = tmp_path / "plan.yaml"
    path.write_bytes(data)
    code, output, err = cli_json(str(path))
    assert (code, err) == (1, "")
    (finding,) = output["plans"][0]["findings"]
    assert (finding["code"], finding["line"], finding["column"]) == ("R003", 1, 1)

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    code, output, _ = cli_json("-")
    assert code == 1 and output["plans"][0]["file"] == "<stdin>"
    assert [f["code"] for f in output["plans"][0]["findings"]] == ["R003"]


def test_an_endless_file_is_refused_after_max_file_bytes() -> None:
    """``/dev/zero`` never ends: reading it whole would never finish."""
    if not os.path.exists("/dev/zero"):
        pytest.skip("no /dev/zero here")
    found = only(read_plan_file("/dev/zero").findings, codes.LIMIT_FILE_SIZE)
    assert "MAX_FILE_BYTES" in found.message


def test_text_longer_than_the_limit_is_refused_too() -> None:
    found = only(read_plan_text("#" * (limits.MAX_FILE_BYTES + 1)).findings, "R003")
    assert (found.line, found.column) == (1, 1)


# ---------------------------------------------------------------- MAX_DEPTH


def nested(levels: int) -> str:
    """A plan whose ``name`` is nested so the file has ``levels`` levels, the plan included."""
    return "name: " + "[" * (levels - 1) + "]" * (levels - 1) + "\n"


def test_max_depth_levels_are_read_and_one_more_is_refused() -> None:
    assert codes.LIMIT_DEPTH not in [
        f.code for f in read_plan_text(nested(limits.MAX_DEPTH)).findings
    ]
    found = only(read_plan_text(nested(limits.MAX_DEPTH + 1)).findings, codes.LIMIT_DEPTH)
    # At the bracket that opens the level beyond the limit.
    assert (found.line, found.column) == (1, len("name: ") + limits.MAX_DEPTH)
    assert "MAX_DEPTH" in found.message


# ---------------------------------------------------------------- MAX_ALIAS_EXPANSION


def aliases(count: int) -> str:
    """``count`` aliases of one scalar (each adds one node), one per line."""
    return "name: &n x\nnotes:\n" + "".join("  - *n\n" for _ in range(count))


def test_max_alias_expansion_is_allowed_and_one_more_is_refused() -> None:
    allowed = read_plan_text(aliases(limits.MAX_ALIAS_EXPANSION)).findings
    assert codes.LIMIT_ALIASES not in [f.code for f in allowed]
    found = only(
        read_plan_text(aliases(limits.MAX_ALIAS_EXPANSION + 1)).findings, codes.LIMIT_ALIASES
    )
    # At the alias that went over: the last one, on the last line.
    assert (found.line, found.column) == (limits.MAX_ALIAS_EXPANSION + 3, 5)
    assert "MAX_ALIAS_EXPANSION" in found.message


def test_aliases_weigh_what_they_expand_to() -> None:
    """An alias of a step weighs its 9 nodes: 1,112 of them fit, 1,113 do not."""
    fits = limits.MAX_ALIAS_EXPANSION // 9
    for count, refused in ((fits, False), (fits + 1, True)):
        text = f"name: x\nstyle: swedish\ns: &s {STEP_FLOW}\nsteps: [" + ", ".join(["*s"] * count)
        findings = read_plan_text(text + "]\n").findings
        assert (codes.LIMIT_ALIASES in [f.code for f in findings]) is refused, count


# ---------------------------------------------------------------- MAX_STEPS


def test_max_steps_is_allowed_and_one_more_is_refused_through_the_cli(tmp_path: Path) -> None:
    at_limit = tmp_path / "at.yaml"
    at_limit.write_text(HEAD + STEP * limits.MAX_STEPS, encoding="utf-8")
    over = tmp_path / "over.yaml"
    over.write_text(HEAD + STEP * (limits.MAX_STEPS + 1), encoding="utf-8")
    code, output, err = cli_json(str(at_limit), str(over))
    assert (code, err) == (1, "")
    first, second = output["plans"]
    assert "R109" not in [f["code"] for f in first["findings"]]
    (finding,) = [f for f in second["findings"] if f["code"] == "R109"]
    assert finding["severity"] == "error" and second["valid"] is False
    assert (finding["path"], finding["line"], finding["column"]) == ("steps", 5, 3)
    assert f"{limits.MAX_STEPS + 1:,} steps" in finding["message"]
    assert "MAX_STEPS" in finding["message"]


# ---------------------------------------------------------------- MAX_STRING_LENGTH


def test_max_string_length_is_allowed_and_one_more_is_refused() -> None:
    exact = read_plan_text(f"name: {'x' * limits.MAX_STRING_LENGTH}\n").findings
    assert codes.LIMIT_STRING not in [f.code for f in exact]
    text = f"style: swedish\nname: {'x' * (limits.MAX_STRING_LENGTH + 1)}\n"
    found = only(read_plan_text(text).findings, codes.LIMIT_STRING)
    assert (found.path, found.line, found.column) == ("name", 2, 7)
    assert "MAX_STRING_LENGTH" in found.message


def test_a_long_key_is_refused_naming_the_limit() -> None:
    """(libyaml itself refuses a plain key of more than 1024 characters: ``? `` writes one.)"""
    text = f"name: x\n? {'k' * (limits.MAX_STRING_LENGTH + 1)}\n: 1\n"
    found = only(read_plan_text(text).findings, codes.LIMIT_STRING)
    assert (found.line, found.column) == (2, 3)
    assert "MAX_STRING_LENGTH" in found.message


# ---------------------------------------------------------------- MAX_FINDINGS


def test_findings_beyond_max_findings_are_counted_in_one_last_finding(tmp_path: Path) -> None:
    extra = 250
    bad_steps = limits.MAX_FINDINGS + extra
    path = tmp_path / "plan.yaml"
    path.write_text(HEAD + BAD_STEP * bad_steps, encoding="utf-8")
    report = validate_read(read_plan_file(path), default_registry())
    assert not report.valid
    assert len(report.findings) == limits.MAX_FINDINGS + 1
    last = only(report.findings, codes.TOO_MANY_FINDINGS)
    assert last.is_error and last.path == ""
    assert f"{extra:,} more findings" in last.message and "MAX_FINDINGS" in last.message
    # The ones shown are the first in the file: one per bad step, from the top.
    shown = [f for f in report.findings if f.code == codes.BAD_PRESSURE]
    assert len(shown) == limits.MAX_FINDINGS
    assert max(f.line or 0 for f in shown) == len(HEAD.splitlines()) + limits.MAX_FINDINGS

    code, output, _ = cli_json(str(path))
    assert code == 1
    assert len(output["plans"][0]["findings"]) == limits.MAX_FINDINGS + 1
    assert "R011" in [f["code"] for f in output["plans"][0]["findings"]]


def test_max_findings_is_per_file(tmp_path: Path) -> None:
    """The cap is per plan: the next plan in the same run is reported whole."""
    many = tmp_path / "many.yaml"
    many.write_text(HEAD + BAD_STEP * (limits.MAX_FINDINGS + 1), encoding="utf-8")
    few = tmp_path / "few.yaml"
    few.write_text(HEAD + BAD_STEP * 3, encoding="utf-8")
    _, output, _ = cli_json(str(many), str(few))
    assert [len(p["findings"]) for p in output["plans"]] == [limits.MAX_FINDINGS + 1, 3]


# ---------------------------------------------------------------- hostile inputs, measured

CHILD = textwrap.dedent(
    """\
    import contextlib, io, json, resource, sys
    from massage_routines.cli.main import main

    def peak_kib():
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux

    # Warm up: every import and the registry, so that only the input is measured.
    with contextlib.redirect_stdout(io.StringIO()):
        main(["validate", "--format", "json", sys.argv[1]])
    before = peak_kib()
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(["validate", "--format", "json", sys.argv[2]])
    print(json.dumps({"code": code, "output": json.loads(out.getvalue()),
                      "before": before, "peak": peak_kib()}))
    """
)
#: Linux keeps a process's peak RSS across ``execve``: a process started straight from pytest
#: would begin with pytest's peak and hide its own. So a small launcher starts the measured
#: process; a fork of the fresh launcher begins with the launcher's few megabytes.
LAUNCHER = "import subprocess, sys; sys.exit(subprocess.run(sys.argv[1:]).returncode)"
#: Generous bounds: the process with the library loaded is about 20 MB.
PEAK_LIMIT_MB = 150
GROWTH_LIMIT_MB = 16


def measure(path: Path | str, stdin: Path | None = None) -> dict[str, Any]:
    """Validate ``path`` in a fresh process; its exit status, output and peak RSS (MB)."""
    if sys.platform not in ("linux", "darwin"):
        pytest.skip("peak RSS is measured with resource.getrusage (Linux, macOS)")
    warm = str(EXAMPLES / "plans" / "swedish-back.yaml")
    with open(stdin, "rb") if stdin else contextlib.nullcontext() as handle:
        done = subprocess.run(
            [sys.executable, "-c", LAUNCHER, sys.executable, "-c", CHILD, warm, str(path)],
            stdin=handle,
            capture_output=True,
            text=True,
            cwd=ROOT,
            timeout=120,
            check=False,
        )
    assert done.returncode == 0 and done.stderr == "", done.stderr
    result: dict[str, Any] = json.loads(done.stdout)
    scale = 1024 if sys.platform == "linux" else 1024 * 1024  # macOS reports bytes
    result["peak_mb"] = result["peak"] / scale
    result["growth_mb"] = (result["peak"] - result["before"]) / scale
    result["codes"] = [f["code"] for f in result["output"]["plans"][0]["findings"]]
    assert result["before"] / scale < 60, f"the baseline is not the child's own: {result}"
    return result


def billion_laughs() -> str:
    lol = "a: &a [" + ", ".join(["lol"] * 9) + "]\n"
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lol += f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]\n"
    return lol  # 9**9 = 387 million strings, expanded


def write(tmp_path: Path, name: str, *parts: str | bytes, repeat: int = 1) -> Path:
    """A file of ``parts`` (the last repeated ``repeat`` times), written in chunks."""
    path = tmp_path / name
    with path.open("wb") as handle:
        *head, body = [p.encode() if isinstance(p, str) else p for p in parts]
        for part in head:
            handle.write(part)
        per_chunk = max(1, min(repeat, (1 << 20) // len(body)))  # about 1 MiB at a time
        for _ in range(repeat // per_chunk):
            handle.write(body * per_chunk)
        handle.write(body * (repeat % per_chunk))
    return path


HOSTILE: dict[str, tuple[Any, str]] = {
    "alias bomb": (lambda d: write(d, "bomb.yaml", billion_laughs()), "R009"),
    "50 MiB file": (
        lambda d: write(d, "big.yaml", HEAD, b"# " + b"x" * (1 << 20) + b"\n", repeat=50),
        "R003",
    ),
    "100,000 levels": (
        lambda d: write(d, "deep.yaml", "name: " + "[" * 100_000 + "]" * 100_000 + "\n"),
        "R008",
    ),
    "100,000 block levels": (
        lambda d: write(d, "block.yaml", "name:\n", "- ", repeat=100_000),
        "R008",
    ),
    "a million steps": (lambda d: write(d, "steps.yaml", HEAD, STEP, repeat=1_000_000), "R003"),
    "a million aliased steps": (
        lambda d: write(
            d, "alias-steps.yaml", f"s: &s {STEP_FLOW}\n{HEAD}  [*s", ", *s", repeat=999_999
        ),
        "R003",
    ),
    "aliased steps under 1 MiB": (
        lambda d: write(
            d, "alias-steps-small.yaml", f"s: &s {STEP_FLOW}\n{HEAD}  [*s", ", *s", repeat=260_000
        ),
        "R009",
    ),
}


@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_input_ends_in_a_report_with_bounded_memory(tmp_path: Path, name: str) -> None:
    make, code = HOSTILE[name]
    path = make(tmp_path)
    result = measure(path)
    assert result["code"] == 1
    assert code in result["codes"], result["codes"]
    assert result["peak_mb"] < PEAK_LIMIT_MB, result
    # The input never costs more than reading MAX_FILE_BYTES and a small tree: the 50 MiB
    # file and the million steps are not read whole.
    assert result["growth_mb"] < GROWTH_LIMIT_MB, result


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("scalars", "name: [" + "a," * 500_000 + "a]\n"),
        ("empty mappings", "steps:\n" + "- {}\n" * 200_000),
    ],
    ids=["scalars", "empty mappings"],  # not the megabyte text: old pytest puts it in the env
)
def test_the_densest_file_under_the_size_limit_has_bounded_memory(
    tmp_path: Path, name: str, text: str
) -> None:
    """Half a million nodes in 1 MiB: the tree is built (no node limit), within the bound."""
    path = tmp_path / "dense.yaml"
    path.write_text(text, encoding="utf-8")
    assert path.stat().st_size <= limits.MAX_FILE_BYTES
    result = measure(path)
    assert result["code"] == 1
    assert result["peak_mb"] < PEAK_LIMIT_MB, result


def test_stdin_is_not_read_whole(tmp_path: Path) -> None:
    big = write(tmp_path, "big.yaml", HEAD, b"# " + b"x" * (1 << 20) + b"\n", repeat=50)
    result = measure("-", stdin=big)
    assert result["codes"] == ["R003"]
    assert result["growth_mb"] < GROWTH_LIMIT_MB, result


def test_read_plan_bytes_refuses_a_large_buffer_before_decoding() -> None:
    """The library's bytes entry point: the size is checked before any decoding or parsing."""
    data = b"\xff" * (limits.MAX_FILE_BYTES + 1)  # not UTF-8 either: the size comes first
    assert [f.code for f in read_plan_bytes(data).findings] == ["R003"]
