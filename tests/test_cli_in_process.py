"""The commands run in this process (the other CLI tests run them in subprocesses, which the
coverage measurement does not see): each answer is checked, not only the exit status."""

from __future__ import annotations

import contextlib
import io
import json
from typing import TYPE_CHECKING

import pytest

from massage_routines.cli.main import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, main
from tests.conftest import EXAMPLES

if TYPE_CHECKING:
    from pathlib import Path

OSTEOPOROSIS = str(EXAMPLES / "clients" / "osteoporosis-flag.yaml")
INVALID = EXAMPLES / "invalid"


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue(), err.getvalue()


def test_limits_as_json_caps_every_region_for_osteoporosis() -> None:
    code, out, _ = run("limits", "--client", OSTEOPOROSIS, "--format", "json")
    assert code == EXIT_OK
    limits = json.loads(out)
    assert limits["refused"] is False
    by_region = {r["region"]: r for r in limits["regions"]}
    assert by_region["back.upper"]["max_pressure"] <= 2
    banned = {t["name"] for t in by_region["back.upper"]["techniques_not_allowed"]}
    assert "tapotement" in banned


def test_limits_as_text_and_for_a_style() -> None:
    code, out, _ = run("limits", "--client", OSTEOPOROSIS, "--style", "chair")
    assert code == EXIT_OK
    assert "head: pressure at most 2" in out
    code, _, err = run("limits", "--client", OSTEOPOROSIS, "--style", "chiar")
    assert code == EXIT_USAGE and "chair" in err


def test_limits_of_a_client_file_that_is_not_there(tmp_path: Path) -> None:
    code, _, err = run("limits", "--client", str(tmp_path / "nobody.yaml"))
    assert code == EXIT_USAGE and "nobody.yaml" in err


def test_new_plugin_writes_a_package(tmp_path: Path) -> None:
    code, _, err = run("new-plugin", "sports_recovery", "--dir", str(tmp_path))
    assert code == EXIT_OK, err
    package = tmp_path / "massage-sports-recovery"
    written = {p.relative_to(package).as_posix() for p in package.rglob("*") if p.is_file()}
    assert "pyproject.toml" in written
    assert any(name.endswith("plugin.py") for name in written)
    assert any(name.startswith("tests/") for name in written)
    assert "sports_recovery" in (package / "pyproject.toml").read_text()
    code, _, err = run("new-plugin", "Sports-Recovery", "--dir", str(tmp_path))
    assert code == EXIT_USAGE and "sports_recovery" in err


def test_validate_a_folder_with_statistics() -> None:
    code, out, _ = run("validate", str(INVALID), "--statistics", "--exclude", "not-yaml.yaml")
    assert code == EXIT_FINDINGS
    assert "C003" in out and "F001" in out
    assert "not-yaml.yaml" not in out


def test_an_inline_ignore_suppresses_a_warning_but_never_an_error(tmp_path: Path) -> None:
    plan = (EXAMPLES / "invalid" / "endangerment-site.yaml").read_text()
    lines = plan.splitlines()
    code, out, _ = run("validate", str(EXAMPLES / "invalid" / "endangerment-site.yaml"))
    warned = [line for line in out.splitlines() if " warning E003 " in line]
    assert warned, out
    line_no = int(warned[0].split(":")[1])
    lines[line_no - 1] += "  # massage: ignore[E003]"
    target = tmp_path / "plan.yaml"
    target.write_text("\n".join(lines) + "\n")
    code, out, _ = run("validate", str(target), "--output-format", "json")
    report = json.loads(out)["plans"][0]
    assert "E003" not in {f["code"] for f in report["findings"]}
    assert "E003" in {f["code"] for f in report["suppressed"]}
    assert code == EXIT_FINDINGS  # its errors (T003) stay


def test_settings_from_pyproject_are_used(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.massage_routines]\nignore = ["S004"]\noutput-format = "json"\n'
    )
    target = tmp_path / "plan.yaml"
    target.write_text((EXAMPLES / "invalid" / "cold-deep-work.yaml").read_text())
    code, out, _ = run("validate", str(target))
    codes = {f["code"] for f in json.loads(out)["plans"][0]["findings"]}
    assert "S004" not in codes and "P001" in codes
    assert code == EXIT_FINDINGS
    (tmp_path / "pyproject.toml").write_text('[tool.massage_routines]\nignore = ["P001"]\n')
    code, _, err = run("validate", str(target))
    assert code == EXIT_USAGE and "P001" in err


def test_explain_and_schema() -> None:
    code, out, _ = run("explain", "C003")
    assert code == EXIT_OK and "C003" in out and "osteoporosis" in out.lower()
    code, _, err = run("explain", "Q999")
    assert code == EXIT_USAGE and "Q999" in err
    code, out, _ = run("schema", "plan")
    assert code == EXIT_OK
    schema = json.loads(out)
    assert "effleurage" in json.dumps(schema) and schema["type"] == "object"


@pytest.mark.parametrize("columns", [None, "77", "0", "-3", "wide"])
def test_help_is_as_wide_as_shutil_says_the_terminal_is(columns, monkeypatch) -> None:
    import shutil

    from massage_routines.cli import main as cli_main

    if columns is None:
        monkeypatch.delenv("COLUMNS", raising=False)
    else:
        monkeypatch.setenv("COLUMNS", columns)
    expected = shutil.get_terminal_size().columns
    assert cli_main._terminal_columns() == expected
    assert cli_main._Formatter("massage-routines")._width == expected - 2  # as argparse's own
    help_text = cli_main.build_parser(["validate"]).format_help()
    assert help_text.startswith("usage: massage-routines")


def test_an_unknown_style_names_the_plugins_not_in_use() -> None:
    code, _, err = run("compose", "--style", "swedish", "--duration", "30m", "-p", "no:swedish")
    assert code == EXIT_USAGE
    assert "unknown style 'swedish'" in err and "swedish (deselected)" in err
    code, _, err = run("compose", "--style", "swedsh", "--duration", "30m")
    assert code == EXIT_USAGE
    assert "did you mean 'swedish'?" in err and "not in use" not in err
