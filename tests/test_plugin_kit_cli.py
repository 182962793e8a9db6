"""The plugin kit from the command line: ``new-plugin``, ``compose --opt``, ``-p``, ``--traceback``.

``new-plugin``'s package is installed for real (``pip install --no-deps --no-build-isolation
--no-index --target``, as ``test_entry_points.py`` installs the hot-stone example) and its own
tests run in a subprocess. The other plugins are "installed" by writing their module and a
``*.dist-info`` with ``entry_points.txt`` into a directory put on ``PYTHONPATH``: exactly what
the discovery reads, without a build.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import TYPE_CHECKING

import pytest

from tests.conftest import ROOT

if TYPE_CHECKING:
    from pathlib import Path

SPORTS = ROOT / "tests" / "plugin_kit_sports" / "plugin.py"
PLAN = ROOT / "examples" / "plans" / "swedish-back.yaml"


def run(*args: str, cwd: Path, path: Path | None = None, env: dict[str, str] | None = None):
    """``python -m massage_routines ARGS`` in a fresh process, every plugin selected."""
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in ("MASSAGE_ROUTINES_PLUGINS", "PYTHONPATH", "MASSAGE_ROUTINES_TRACEBACK")
    }
    if path is not None:
        clean["PYTHONPATH"] = str(path)
    return subprocess.run(
        [sys.executable, "-m", "massage_routines", *args],
        capture_output=True,
        text=True,
        env={**clean, **(env or {})},
        cwd=cwd,
        timeout=120,
        check=False,
    )


def install(site: Path, dist: str, entry: str, module: str, source: str) -> None:
    """Put ``module`` (a package with ``plugin.py`` = ``source``) and its dist-info in ``site``."""
    package = site / module
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "plugin.py").write_text(source, encoding="utf-8")
    meta = site / f"{dist.replace('-', '_')}-1.0.dist-info"
    meta.mkdir()
    (meta / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {dist}\nVersion: 1.0\n\n")
    (meta / "entry_points.txt").write_text(
        f"[massage_routines]\n{entry} = {module}.plugin\n", encoding="utf-8"
    )


@pytest.fixture(scope="module")
def sports_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("sports-site")
    install(site, "massage-kit-sports", "sports", "massage_kit_sports", SPORTS.read_text())
    return site


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("cwd")


# ---------------------------------------------------------------- 6. compose --opt


def techniques_in(plan_text: str) -> set[str]:
    return {
        line.split(":", 1)[1].split("#")[0].strip()
        for line in plan_text.splitlines()
        if line.strip().startswith("- technique:")
    }


def test_compose_takes_the_timing_option_both_ways(sports_site, workdir):
    common = ("compose", "--style", "sports", "--duration", "30m")
    pre = run(*common, "--opt", "timing=pre_event", cwd=workdir, path=sports_site)
    post = run(*common, "--opt", "timing=post_event", cwd=workdir, path=sports_site)
    assert pre.returncode == 0, pre.stderr
    assert post.returncode == 0, post.stderr
    assert pre.stdout != post.stdout
    assert "tapotement" in techniques_in(pre.stdout)
    assert "tapotement" not in techniques_in(post.stdout)
    for out in (pre, post):  # what compose writes, validate passes
        plan = workdir / "composed.yaml"
        plan.write_text(out.stdout, encoding="utf-8")
        checked = run("validate", str(plan), cwd=workdir, path=sports_site)
        assert checked.returncode == 0, checked.stdout + checked.stderr


@pytest.mark.parametrize(
    ("opt", "expected"),
    [
        ("timng=pre_event", "has no option 'timng' (did you mean 'timing'?)"),
        ("timing=pre_evnt", "not 'pre_evnt' (did you mean 'pre_event'?)"),
        ("timing", "write KEY=VALUE"),
        ("=pre_event", "write KEY=VALUE"),
    ],
)
def test_a_wrong_option_is_a_usage_error(sports_site, workdir, opt, expected):
    done = run(
        "compose", "--style", "sports", "--duration", "30m", "--opt", opt,
        cwd=workdir, path=sports_site,
    )  # fmt: skip
    assert done.returncode == 2
    assert expected in done.stderr and not done.stdout
    assert "Traceback" not in done.stderr


def test_an_option_given_twice_differently_is_a_usage_error(sports_site, workdir):
    done = run(
        "compose", "--style", "sports", "--duration", "30m",
        "--opt", "timing=pre_event", "--opt", "timing=post_event",
        cwd=workdir, path=sports_site,
    )  # fmt: skip
    assert done.returncode == 2 and "given twice" in done.stderr


def test_techniques_lists_the_options(sports_site, workdir):
    text = run("techniques", cwd=workdir, path=sports_site)
    assert "option --opt timing=pre_event|post_event (default post_event)" in text.stdout
    data = json.loads(run("techniques", "--format", "json", cwd=workdir, path=sports_site).stdout)
    (style,) = [s for s in data["styles"] if s["name"] == "sports"]
    assert style["options"] == [
        {"name": "timing", "values": ["pre_event", "post_event"], "default": "post_event"}
    ]


# ---------------------------------------------------------------- 7. -p


def plugin_status(done) -> dict[str, str]:
    return {p["name"]: p["status"] for p in json.loads(done.stdout)["plugins"]}


@pytest.mark.parametrize(
    "args",
    [
        ("-p", "no:sports", "techniques", "--format", "json"),
        ("techniques", "--format", "json", "-p", "NO:SPORTS"),
        ("--plugin", "no:Sports", "techniques", "--format", "json"),
    ],
)
def test_p_no_name_deselects_before_or_after_the_command(sports_site, workdir, args):
    done = run(*args, cwd=workdir, path=sports_site)
    assert done.returncode == 0, done.stderr
    status = plugin_status(done)
    assert status["sports"] == "deselected" and status["swedish"] == "loaded"


def test_p_adds_to_the_environment_selection(sports_site, workdir):
    env = {"MASSAGE_ROUTINES_PLUGINS": "swedish,chair,rules"}
    without = plugin_status(
        run("techniques", "--format", "json", cwd=workdir, path=sports_site, env=env)
    )
    with_p = plugin_status(
        run(
            "-p", "SPORTS", "techniques", "--format", "json", cwd=workdir, path=sports_site, env=env
        )
    )
    assert without["sports"] == "deselected" and with_p["sports"] == "loaded"
    assert with_p["sites"] == "deselected"


def test_p_with_a_typo_fails_closed_with_a_suggestion(sports_site, workdir):
    done = run("-p", "no:sprots", "validate", str(PLAN), cwd=workdir, path=sports_site)
    assert done.returncode == 1
    assert "names 'sprots', which is no installed plugin (did you mean 'sports'?)" in done.stdout


def test_p_before_the_command_is_not_taken_for_the_command(workdir):
    done = run("-p", "no:sites", "--help", cwd=workdir)
    assert done.returncode == 0 and "new-plugin" in done.stdout


# ---------------------------------------------------------------- 3. --traceback

BROKEN = """\
from massage_routines.plugins import hookimpl


def kiln_temperature():
    raise RuntimeError("kiln is offline")


@hookimpl
def massage_techniques():
    return [kiln_temperature()]
"""

CRASHING = """\
from massage_routines.findings import Severity
from massage_routines.plugins import hookimpl
from massage_routines.plugins.records import CodeSpec, RuleSpec


def divide(ctx):
    yield 1 / 0


@hookimpl
def massage_rules():
    code = CodeSpec("KC001", "crash", Severity.ERROR, "never given")
    return [RuleSpec("dividing_rule", divide, codes=(code,))]
"""


@pytest.fixture(scope="module")
def broken_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("broken-site")
    install(site, "massage-kiln", "kiln", "massage_kiln", BROKEN)
    install(site, "massage-crash", "crash", "massage_crash", CRASHING)
    return site


def test_without_traceback_a_plugin_failure_is_one_line(broken_site, workdir):
    done = run("validate", str(PLAN), cwd=workdir, path=broken_site)
    assert done.returncode == 1
    assert "kiln is offline" in done.stdout and "ZeroDivisionError" in done.stdout
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize(
    ("args", "env"),
    [
        (("--traceback", "validate", str(PLAN)), None),
        (("validate", str(PLAN), "--traceback"), None),
        (("validate", str(PLAN)), {"MASSAGE_ROUTINES_TRACEBACK": "1"}),
    ],
)
def test_traceback_shows_the_plugins_and_the_rules_tracebacks(broken_site, workdir, args, env):
    done = run(*args, cwd=workdir, path=broken_site, env=env)
    assert done.returncode == 1
    assert "X001" in done.stdout and "X002" in done.stdout  # the findings still come first
    err = done.stderr
    assert "--- traceback of plugin kiln ---" in err
    kiln = str(broken_site / "massage_kiln" / "plugin.py")
    assert f'File "{kiln}", line 5, in kiln_temperature' in err
    assert "RuntimeError: kiln is offline" in err
    crash = str(broken_site / "massage_crash" / "plugin.py")
    assert f'File "{crash}", line 7, in divide' in err
    assert "ZeroDivisionError" in err
    assert err.index("plugin kiln") < err.index("X002 in")


def test_traceback_env_0_is_off(broken_site, workdir):
    env = {"MASSAGE_ROUTINES_TRACEBACK": "0"}
    done = run("validate", str(PLAN), cwd=workdir, path=broken_site, env=env)
    assert "Traceback" not in done.stderr


# ---------------------------------------------------------------- 1. new-plugin


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Hot-Stone", "did you mean 'hot_stone'?"),
        ("hot stone", "did you mean 'hot_stone'?"),
        ("HotStone", "did you mean 'hot_stone'?"),
        ("1stone", "is not a plugin name"),
        ("swedish", "is the name of a built-in plugin"),
        ("effleurage", "is the name of a built-in technique"),
        ("deep", "is the name of a built-in family"),
    ],
)
def test_new_plugin_refuses_bad_names(tmp_path, name, expected):
    done = run("new-plugin", name, "--dir", str(tmp_path), cwd=tmp_path)
    assert done.returncode == 2 and expected in done.stderr
    assert list(tmp_path.iterdir()) == []


def test_new_plugin_refuses_an_existing_directory(tmp_path):
    (tmp_path / "massage-kit-stone").mkdir()
    done = run("new-plugin", "kit_stone", "--dir", str(tmp_path), cwd=tmp_path)
    assert done.returncode == 2 and "exists" in done.stderr


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    where = tmp_path_factory.mktemp("generated")
    done = run("new-plugin", "kit_stone", "--dir", str(where), cwd=where)
    assert done.returncode == 0, done.stderr
    return where / "massage-kit-stone"


def test_new_plugin_writes_a_complete_package(generated):
    files = sorted(str(p.relative_to(generated)) for p in generated.rglob("*") if p.is_file())
    assert files == [
        ".github/workflows/tests.yml",
        ".gitignore",
        "README.md",
        "pyproject.toml",
        "src/massage_kit_stone/__init__.py",
        "src/massage_kit_stone/plugin.py",
        "tests/conftest.py",
        "tests/test_plugin.py",
    ]
    pyproject = (generated / "pyproject.toml").read_text()
    assert '[project.entry-points.massage_routines]\nkit_stone = "massage_kit_stone.plugin"' in (
        pyproject
    )
    from massage_routines.plugins.api import PLUGIN_API_VERSION

    plugin = (generated / "src" / "massage_kit_stone" / "plugin.py").read_text()
    major = int(PLUGIN_API_VERSION.split(".")[0])
    assert f'massage_routines_api = ">={major},<{major + 1}"' in plugin
    for hook in ("regions", "styles", "sites", "conditions", "rules", "compose"):
        assert f"# def massage_{hook}(" in plugin, hook
    assert "$" not in plugin and "$" not in pyproject


def test_the_generated_package_installs_and_its_tests_pass(generated, tmp_path):
    try:
        import hatchling  # noqa: F401  (the build backend, needed with --no-build-isolation)
    except ImportError:
        pytest.fail("hatchling is not installed: it is in the dev extra")
    site = tmp_path / "site"
    pip = subprocess.run(
        [
            sys.executable, "-m", "pip", "install", "--quiet", "--no-deps",
            "--no-build-isolation", "--no-index", "--disable-pip-version-check",
            "--no-cache-dir", "--target", str(site), str(generated),
        ],
        capture_output=True, text=True, timeout=180, check=False,
    )  # fmt: skip
    assert pip.returncode == 0, pip.stdout + pip.stderr
    listed = run("techniques", "--format", "json", cwd=tmp_path, path=site)
    assert listed.returncode == 0, listed.stderr
    data = json.loads(listed.stdout)
    (info,) = [p for p in data["plugins"] if p["name"] == "kit_stone"]
    assert (info["distribution"], info["status"]) == ("massage-kit-stone", "loaded")
    env = {k: v for k, v in os.environ.items() if k != "MASSAGE_ROUTINES_PLUGINS"}
    env["PYTHONPATH"] = str(site)  # the installed copy is found too, and left out of the tests
    tests = subprocess.run(
        [sys.executable, "-m", "pytest"],
        capture_output=True, text=True, cwd=generated, env=env, timeout=300, check=False,
    )  # fmt: skip
    assert tests.returncode == 0, tests.stdout + tests.stderr
    assert "6 passed" in tests.stdout
