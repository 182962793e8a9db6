"""``--select``/``--ignore``/``--extend-select``, the ``[tool.massage_routines]`` settings, and
inline ``# massage: ignore[...]``: only warnings can be silenced, never a safety error."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from massage_routines.config import ConfigError, Settings, check_selectors, settings_from
from tests.conftest import EXAMPLES

HYPERTENSION = (EXAMPLES / "plans" / "client-profile.yaml").read_text()  # warning C007 on line 14
REFUSED = (
    EXAMPLES / "invalid" / "refused.yaml"
).read_text()  # C001 (error) on line 7, S004 (warning)


def _plans(cli, *args: str, cwd=None) -> tuple[int, list[dict[str, Any]]]:
    done = cli("validate", "--format", "json", *args, cwd=cwd)
    assert done.returncode in (0, 1), done.stderr
    return done.returncode, json.loads(done.stdout)["plans"]


def _write(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def test_strict_fails_on_a_reminder_until_it_is_ignored(cli, tmp_path) -> None:
    plan = _write(tmp_path, "plan.yaml", HYPERTENSION)
    assert cli("validate", "--strict", str(plan)).returncode == 1
    status, (entry,) = _plans(cli, "--strict", "--ignore", "C007", str(plan))
    assert status == 0 and entry["valid"] and entry["findings"] == []


def test_select_picks_warnings_but_errors_are_always_reported(cli, tmp_path) -> None:
    plan = _write(tmp_path, "plan.yaml", REFUSED)
    _, (entry,) = _plans(cli, "--select", "C007", str(plan))
    codes = [f["code"] for f in entry["findings"]]
    assert codes == ["C001", "C006", "V004"]  # S004, a warning, is not selected
    _, (entry,) = _plans(cli, "--select", "C007", "--extend-select", "S", str(plan))
    assert "S004" in [f["code"] for f in entry["findings"]]


@pytest.mark.parametrize("selector", ["C001", "C", "R10", "F"])
def test_ignoring_a_safety_error_is_a_usage_error_naming_it(cli, tmp_path, selector) -> None:
    plan = _write(tmp_path, "plan.yaml", REFUSED)
    done = cli("validate", "--ignore", selector, str(plan))
    assert done.returncode == 2, done.stdout
    assert "cannot be ignored" in done.stderr
    assert selector in done.stderr and "Traceback" not in done.stderr


def test_unknown_selectors_are_usage_errors(cli, tmp_path) -> None:
    plan = _write(tmp_path, "plan.yaml", HYPERTENSION)
    for bad in ("Q999", "c0-7"):
        done = cli("validate", "--ignore", bad, str(plan))
        assert done.returncode == 2 and "error:" in done.stderr


def test_settings_found_upward_from_the_files(cli, tmp_path) -> None:
    _write(
        tmp_path,
        "pyproject.toml",
        '[tool.massage_routines]\nstrict = true\nignore = ["C007"]\noutput-format = "json"\n',
    )
    _write(tmp_path, "plans/pyproject.toml", "[project]\nname = 'not-ours'\n")  # skipped
    plan = _write(tmp_path, "plans/deep/plan.yaml", HYPERTENSION)
    done = cli("validate", str(plan))
    assert done.returncode == 0, done.stdout + done.stderr
    assert json.loads(done.stdout)["plans"][0]["findings"] == []
    # --isolated: the file is not read; the warning shows and strict is off
    done = cli("validate", "--isolated", str(plan))
    assert done.returncode == 0 and " C007 " in done.stdout


def test_massage_routines_toml_with_per_file_ignores_and_excludes(cli, tmp_path) -> None:
    _write(
        tmp_path,
        "massage-routines.toml",
        'strict = true\nexclude = ["drafts"]\n[per-file-ignores]\n"clients/*.yaml" = ["C007"]\n',
    )
    _write(tmp_path, "clients/a.yaml", HYPERTENSION)
    _write(tmp_path, "other/b.yaml", HYPERTENSION)
    _write(tmp_path, "drafts/c.yaml", "not: [a plan")
    status, plans = _plans(cli, ".", cwd=tmp_path)
    assert [p["file"] for p in plans] == ["./clients/a.yaml", "./other/b.yaml"]
    assert [p["valid"] for p in plans] == [True, False] and status == 1


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("[tool.massage_routines]\nignores = ['C007']\n", "unknown setting 'ignores'"),
        ("[tool.massage_routines]\nstrict = 'yes'\n", "strict must be true or false"),
        ("[tool.massage_routines]\nignore = 'C007'\n", "must be a list"),
        ("[tool.massage_routines]\nignore = ['T']\n", "cannot be ignored"),
        ("[tool.massage_routines]\noutput-format = 'html'\n", "output-format 'html'"),
        ("[tool.massage_routines\n", "cannot read the settings"),
    ],
)
def test_bad_settings_are_usage_errors_naming_the_file(cli, tmp_path, text, said) -> None:
    config = _write(tmp_path, "pyproject.toml", text)
    plan = _write(tmp_path, "plan.yaml", HYPERTENSION)
    done = cli("validate", str(plan))
    assert done.returncode == 2, done.stdout
    assert said in done.stderr and str(config) in done.stderr
    assert "Traceback" not in done.stderr


def test_no_settings_file_no_toml_parser_no_extra_formats(tmp_path) -> None:
    plan = _write(tmp_path, "plan.yaml", HYPERTENSION)
    probe = (
        "import sys\nfrom massage_routines.cli.main import main\n"
        f"assert main(['validate', {str(plan)!r}]) == 0\n"
        "loaded = [m for m in ('tomllib', 'concurrent.futures', 'massage_routines.reporting.sarif',"
        " 'massage_routines.reporting.json', 'massage_routines.config', "
        "'massage_routines.validation.explain') if m in sys.modules]\n"
        "print(loaded)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=tmp_path, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "[]"


def test_inline_suppression_of_a_warning(cli, tmp_path) -> None:
    text = HYPERTENSION.replace(
        "- name: hypertension\n", "- name: hypertension # massage: ignore[E003,C007]\n"
    )
    plan = _write(tmp_path, "plan.yaml", text)
    done = cli("validate", "--strict", str(plan))
    assert done.returncode == 0, done.stdout
    assert "C007" not in done.stdout and "0 warnings" in done.stdout
    _, (entry,) = _plans(cli, "--strict", str(plan))
    assert entry["findings"] == [] and [f["code"] for f in entry["suppressed"]] == ["C007"]


def test_an_inline_ignore_of_an_error_does_not_suppress_it(cli, tmp_path) -> None:
    text = REFUSED.replace("    - fever\n", "    - fever  # massage: ignore[C001]\n")
    plan = _write(tmp_path, "plan.yaml", text)
    status, (entry,) = _plans(cli, str(plan))
    assert status == 1 and entry["suppressed"] == []
    on_line = [(f["code"], f["severity"]) for f in entry["findings"] if f["line"] == 7]
    assert on_line == [("C001", "error"), ("X008", "warning")]


def test_a_comment_on_another_line_suppresses_nothing(cli, tmp_path) -> None:
    text = HYPERTENSION.replace("cleared: true\n", "cleared: true  # massage: ignore[C007]\n")
    _, (entry,) = _plans(cli, str(_write(tmp_path, "plan.yaml", text)))
    assert [f["code"] for f in entry["findings"]] == ["C007"] and entry["suppressed"] == []


# -- the selector logic --------------------------------------------------------------------

SEVERITIES = {"C001": True, "C007": False, "E001": True, "E003": False, "K001": True, "S004": False}
_selectors = st.lists(st.sampled_from(["C", "C0", "C007", "E003", "S", "S004", "K", "K001"]))


@given(_selectors, _selectors, _selectors, st.sampled_from(sorted(SEVERITIES)))
def test_errors_are_reported_whatever_the_selectors(select, extend, ignore, code) -> None:
    settings = Settings(select=tuple(select), extend_select=tuple(extend), ignore=tuple(ignore))
    if SEVERITIES[code] and not code.startswith("K"):
        assert settings.reports(code, is_error=True)
    allowed = [
        s
        for s in ignore
        if not any(c.startswith(s) and e and c[0] != "K" for c, e in SEVERITIES.items())
    ]
    if allowed == ignore:
        check_selectors(settings, SEVERITIES)  # no error code is ignored: accepted
    else:
        with pytest.raises(ConfigError, match="cannot be ignored"):
            check_selectors(settings, SEVERITIES)


def test_the_longest_selector_wins() -> None:
    settings = Settings(ignore=("C",), extend_select=("C007",))
    assert settings.reports("C007", is_error=False)
    assert not settings.reports("C008", is_error=False)
    assert not Settings(select=("C007",), ignore=("C007",)).reports("C007", is_error=False)
    assert not Settings(select=("E",)).reports("C007", is_error=False)
    assert Settings(select=("E",)).reports("C001", is_error=True)


def test_settings_from_rejects_a_non_table() -> None:
    with pytest.raises(ConfigError, match="must be a table"):
        settings_from(["x"], "here", root=".", source=None)


def test_per_file_ignores_apply_to_the_stdin_filename(cli, tmp_path) -> None:
    _write(tmp_path, "massage-routines.toml", '[per-file-ignores]\n"clients/*" = ["C007"]\n')
    data = HYPERTENSION.encode()
    done = cli("validate", "--stdin-filename", "clients/a.yaml", "-", stdin=data, cwd=tmp_path)
    assert done.returncode == 0 and "C007" not in done.stdout
    done = cli("validate", "--stdin-filename", "other/a.yaml", "-", stdin=data, cwd=tmp_path)
    assert "other/a.yaml:14:7: warning C007" in done.stdout
