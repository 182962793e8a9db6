"""Output never fails on encoding, and an argument that is not text is a usage error.

Each test runs the command line in a subprocess with the environment in question: an
ASCII-only stdout (``PYTHONIOENCODING=ascii``; or the C locale with a pipe and no UTF-8 mode)
must still get every finding, escaped where it cannot be encoded.
"""

from __future__ import annotations

import os
import subprocess
import sys
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from pathlib import Path

PLAN = """\
name: Rücken
style: swedish
position: prone
steps:
  - technique: massé
    region: back
    pressure: 2
    duration: 25m
"""

ASCII_ONLY = {
    "PYTHONIOENCODING=ascii": {"PYTHONIOENCODING": "ascii"},
    "LANG=C with a pipe": {
        "LC_ALL": "C",
        "LANG": "C",
        "PYTHONCOERCECLOCALE": "0",
        "PYTHONUTF8": "0",
        "PYTHONIOENCODING": "",
    },
}


def cli(
    args: list[str | bytes], env: dict[str, str], cwd: Path
) -> subprocess.CompletedProcess[bytes]:
    full = {**os.environ, **env}
    return subprocess.run(
        [sys.executable, "-m", "massage_routines", *args],
        capture_output=True,
        env=full,
        cwd=cwd,
        check=False,
        timeout=60,
    )


@pytest.mark.parametrize("setting", list(ASCII_ONLY))
def test_non_ascii_findings_on_an_ascii_stdout(tmp_path: Path, setting: str) -> None:
    (tmp_path / "plan.yaml").write_text(PLAN, encoding="utf-8")
    result = cli(["validate", "plan.yaml"], ASCII_ONLY[setting], tmp_path)
    assert b"internal error" not in result.stderr, result.stderr
    assert result.returncode == 1, result.stderr
    out = result.stdout.decode("ascii")  # what was written is ASCII
    assert "plan.yaml:5:16: error V002 unknown technique 'mass\\xe9'" in out
    assert "1 plan checked: 0 valid, 1 invalid" in out


@pytest.mark.parametrize("setting", list(ASCII_ONLY))
def test_json_output_on_an_ascii_stdout(tmp_path: Path, setting: str) -> None:
    (tmp_path / "plan.yaml").write_text(PLAN, encoding="utf-8")
    result = cli(["validate", "--format", "json", "plan.yaml"], ASCII_ONLY[setting], tmp_path)
    assert result.returncode == 1, result.stderr
    assert b'"code": "V002"' in result.stdout


@pytest.mark.skipif(sys.platform == "win32", reason="argv is not bytes on Windows")
def test_compose_name_that_is_not_utf8_is_a_usage_error(tmp_path: Path) -> None:
    args: list[str | bytes] = [
        "compose",
        "--style",
        "swedish",
        "--duration",
        "30m",
        "--name",
        b"R\xfccken",  # Latin-1 bytes: Python keeps them as lone surrogates
        "-o",
        "out.yaml",
    ]
    result = cli(args, {"LC_ALL": "C.UTF-8", "PYTHONUTF8": "1"}, tmp_path)
    assert result.returncode == 2, result.stderr
    assert b"internal error" not in result.stderr
    assert b"--name" in result.stderr and b"not UTF-8" in result.stderr
    assert not (tmp_path / "out.yaml").exists()


def test_compose_name_in_utf8_is_written(tmp_path: Path) -> None:
    args: list[str | bytes] = ["compose", "--style", "swedish", "--duration", "30m"]
    args += ["--name", "Rücken", "-o", "out.yaml"]
    result = cli(args, {"PYTHONIOENCODING": "ascii"}, tmp_path)
    assert result.returncode == 0, result.stderr
    assert "name: Rücken" in (tmp_path / "out.yaml").read_text(encoding="utf-8")
