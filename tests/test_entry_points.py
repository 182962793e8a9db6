"""Entry-point discovery for real: install the example plugin with pip and use it from the CLI.

The example package ``examples/plugin-hot-stone`` is installed once (per module) into a
temporary directory with ``pip install --target``; the command line then runs with that
directory on ``PYTHONPATH``, exactly as it would find a plugin installed in site-packages, and
again without it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
PLUGIN = ROOT / "examples" / "plugin-hot-stone"
PLAN = PLUGIN / "plans" / "hot-stone-back.yaml"


def run(*args: str, cwd: Path, pythonpath: Path | None = None, timeout: float = 60):
    """``python -m massage_routines ARGS`` in a fresh process, with every plugin selected."""
    env = {
        k: v for k, v in os.environ.items() if k not in ("MASSAGE_ROUTINES_PLUGINS", "PYTHONPATH")
    }
    if pythonpath is not None:
        env["PYTHONPATH"] = str(pythonpath)
    return subprocess.run(
        [sys.executable, "-m", "massage_routines", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=timeout,
        check=False,
    )


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The directory the example plugin is installed into (with its ``*.dist-info``)."""
    try:
        import hatchling  # noqa: F401  (the build backend, needed with --no-build-isolation)
    except ImportError:
        pytest.fail("hatchling is not installed: it is in the dev extra (pip install -e '.[dev]')")
    target = tmp_path_factory.mktemp("site")
    build = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--no-index",
            "--disable-pip-version-check",
            "--no-cache-dir",
            "--target",
            str(target),
            str(PLUGIN),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=False,
    )
    assert build.returncode == 0, f"pip install failed:\n{build.stdout}\n{build.stderr}"
    return target


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A directory to run the CLI in, away from the source tree."""
    return tmp_path_factory.mktemp("cwd")


@pytest.fixture(scope="module")
def techniques_json(installed, workdir) -> dict[str, Any]:
    result = run("techniques", "--format", "json", cwd=workdir, pythonpath=installed)
    assert result.returncode == 0, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def nodes_named(data: object, name: str):
    """Every mapping in ``data`` whose ``name`` is ``name`` (or that is keyed by it)."""
    if isinstance(data, dict):
        if data.get("name") == name:
            yield data
        for key, value in data.items():
            if key == name and isinstance(value, dict):
                yield value
            yield from nodes_named(value, name)
    elif isinstance(data, list):
        for item in data:
            yield from nodes_named(item, name)


def test_the_install_wrote_the_entry_point(installed):
    (dist_info,) = installed.glob("massage_hot_stone-*.dist-info")
    text = (dist_info / "entry_points.txt").read_text(encoding="utf-8")
    assert "[massage_routines]" in text
    assert "hot_stone = massage_hot_stone.plugin" in text
    from massage_routines.plugins import discovery

    points = discovery.entry_points(path=[str(installed)])
    assert [(p.name, p.value, p.distribution) for p in points] == [
        ("hot_stone", "massage_hot_stone.plugin", "massage-hot-stone")
    ]


def test_techniques_lists_hot_stone_with_its_distribution(techniques_json):
    found = list(nodes_named(techniques_json, "hot_stone"))
    assert found, f"hot_stone is not in `techniques --format json`: {techniques_json}"
    assert any("massage-hot-stone" in json.dumps(node) for node in found), found
    assert list(nodes_named(techniques_json, "effleurage")), "the built-in plugins still load"


def test_techniques_without_the_plugin_does_not_list_it(installed, workdir, techniques_json):
    result = run("techniques", "--format", "json", cwd=workdir)
    assert result.returncode == 0, result.stderr
    assert not list(nodes_named(json.loads(result.stdout), "hot_stone"))


def test_a_hot_stone_plan_validates_with_the_plugin(installed, workdir):
    result = run("validate", str(PLAN), cwd=workdir, pythonpath=installed)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_same_plan_is_an_unknown_technique_without_it(installed, workdir):
    result = run("validate", "--format", "json", str(PLAN), cwd=workdir)
    assert result.returncode == 1, result.stdout + result.stderr
    (plan,) = json.loads(result.stdout)["plans"]
    assert plan["valid"] is False
    unknown = [f for f in plan["findings"] if f["code"] == "V002"]
    assert unknown, plan["findings"]
    assert all(f["severity"] == "error" for f in unknown)
    assert any("hot_stone" in f["message"] for f in unknown)


def test_deselecting_the_installed_plugin(installed, workdir):
    env_run = subprocess.run(
        [sys.executable, "-m", "massage_routines", "validate", str(PLAN)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(installed), "MASSAGE_ROUTINES_PLUGINS": "-hot_stone"},
        cwd=workdir,
        timeout=60,
        check=False,
    )
    assert env_run.returncode == 1
    assert "V002" in env_run.stdout


def test_a_broken_installed_plugin_fails_every_plan_until_deselected(installed, tmp_path):
    """A copy of the installed plugin whose module raises: X001 on a plan that is otherwise
    valid, naming the distribution; deselecting it brings the plan back."""
    import shutil

    site = tmp_path / "site"
    shutil.copytree(installed, site)
    (site / "massage_hot_stone" / "plugin.py").write_text(
        'raise RuntimeError("kiln is offline")\n', encoding="utf-8"
    )
    simple = tmp_path / "plan.yaml"
    simple.write_text(
        "name: back\nstyle: swedish\nposition: prone\nsteps:\n"
        "  - {technique: effleurage, region: back, pressure: 2, duration: 5m}\n"
        "  - {technique: petrissage, region: back, pressure: 3, duration: 10m}\n"
        "  - {technique: effleurage, region: back, pressure: 2, duration: 5m}\n",
        encoding="utf-8",
    )
    broken = run("validate", "--format", "json", str(simple), cwd=tmp_path, pythonpath=site)
    assert broken.returncode == 1, broken.stdout + broken.stderr
    assert "Traceback" not in broken.stderr
    findings = json.loads(broken.stdout)["plans"][0]["findings"]
    problems = [f for f in findings if f["code"] == "X001"]
    assert problems
    assert any(
        "massage-hot-stone" in f["message"] and "kiln is offline" in f["message"] for f in problems
    )

    env = {**os.environ, "PYTHONPATH": str(site), "MASSAGE_ROUTINES_PLUGINS": "-hot_stone"}
    fixed = subprocess.run(
        [sys.executable, "-m", "massage_routines", "validate", str(simple)],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=60,
        check=False,
    )
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr


def test_the_plugins_own_tests_pass_against_the_installed_copy(installed, tmp_path):
    """The example's tests (coherence and hypothesis properties) run as a plugin author runs
    them, against the installed package."""
    tests = tmp_path / "tests"
    tests.mkdir()
    (tests / "test_plugin.py").write_bytes((PLUGIN / "tests" / "test_plugin.py").read_bytes())
    env = {k: v for k, v in os.environ.items() if k != "MASSAGE_ROUTINES_PLUGINS"}
    env["PYTHONPATH"] = str(installed)
    env["HYPOTHESIS_STORAGE_DIRECTORY"] = str(tmp_path / ".hypothesis")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "--rootdir",
            str(tmp_path),
            str(tests),
        ],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "passed" in result.stdout


def test_compose_builds_a_valid_hot_stone_plan_from_the_plugins_shape(installed, tmp_path):
    composed = run(
        "compose", "--style", "hot_stone", "--duration", "60m", cwd=tmp_path, pythonpath=installed
    )
    assert composed.returncode == 0, composed.stdout + composed.stderr
    assert "hot_stone" in composed.stdout
    out = tmp_path / "composed.yaml"
    out.write_text(composed.stdout, encoding="utf-8")
    checked = run("validate", str(out), cwd=tmp_path, pythonpath=installed)
    assert checked.returncode == 0, checked.stdout + checked.stderr
