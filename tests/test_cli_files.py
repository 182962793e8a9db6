"""``validate`` on folders (``*.yaml``, ``*.yml``, ``*.json``, excludes), JSON plan files,
``-j N`` (same output as ``-j 1``; everything crossing processes pickles) and the pre-commit hook
definition."""

from __future__ import annotations

import json
import pickle

import yaml

from massage_routines.cli.checking import check_file
from massage_routines.config import Settings
from massage_routines.findings import Finding, Report, Severity
from tests.conftest import EXAMPLES, ROOT

PLANS = sorted((EXAMPLES / "plans").glob("*.yaml"))
INVALID = sorted((EXAMPLES / "invalid").glob("*.yaml"))


def _tree(tmp_path) -> None:
    for path in PLANS:
        (tmp_path / "b" / "deep").mkdir(parents=True, exist_ok=True)
        (tmp_path / "b" / "deep" / path.name).write_text(path.read_text())
    (tmp_path / "a.yml").write_text(PLANS[0].read_text())
    (tmp_path / "c.json").write_text(json.dumps(yaml.safe_load(PLANS[0].read_text())))
    (tmp_path / "notes.txt").write_text("not a plan")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "x.yaml").write_text("not: [a plan")
    (tmp_path / "old").mkdir()
    (tmp_path / "old" / "x.yaml").write_text("not: [a plan")


def _files(cli, *args: str, cwd=None) -> list[str]:
    done = cli("validate", "--format", "json", *args, cwd=cwd)
    return [p["file"] for p in json.loads(done.stdout)["plans"]]


def test_a_folder_gives_its_plans_sorted_with_excludes(cli, tmp_path) -> None:
    _tree(tmp_path)
    expected = [
        "a.yml",
        "c.json",
        *[f"b/deep/{p.name}" for p in PLANS],
    ]
    found = _files(cli, str(tmp_path), "--exclude", "old")
    assert [f.removeprefix(f"{tmp_path}/") for f in found] == sorted(
        expected, key=lambda f: (f.count("/"), f)
    )
    assert cli("validate", str(tmp_path), "--exclude", "old").returncode == 0
    assert cli("validate", str(tmp_path)).returncode == 1  # old/x.yaml is not a plan
    only_top = _files(cli, ".", "--exclude", "b/deep", "--exclude", "old", cwd=tmp_path)
    assert only_top == ["./a.yml", "./c.json"]
    assert _files(cli, ".", "--exclude", "*.json", "--exclude", "old", cwd=tmp_path)[:1] == [
        "./a.yml"
    ]


def test_a_json_plan_reads_as_its_yaml_does(cli, tmp_path) -> None:
    compared = 0
    for path in [*PLANS, *INVALID]:
        try:
            data = yaml.safe_load(path.read_text())
        except yaml.YAMLError:
            continue
        if not isinstance(data, dict):
            continue
        copy = tmp_path / (path.stem + ".json")
        copy.write_text(json.dumps(data, indent=2, default=str))
        from_yaml = json.loads(cli("validate", "--format", "json", str(path)).stdout)
        from_json = json.loads(cli("validate", "--format", "json", str(copy)).stdout)
        codes_yaml = [f["code"] for f in from_yaml["plans"][0]["findings"]]
        codes_json = [f["code"] for f in from_json["plans"][0]["findings"]]
        if any(c.startswith("R") for c in codes_yaml):
            continue  # YAML's own surprises (yes, duplicate keys) do not survive safe_load
        assert sorted(codes_json) == sorted(codes_yaml), path
        assert all(f["line"] for f in from_json["plans"][0]["findings"] if f["code"][0] != "X")
        compared += 1
    assert compared >= len(PLANS) + 5
    bad = tmp_path / "bad.json"
    bad.write_text('{"name": "x", "style": "swedish", "position": "prone",\n "steps": 3}\n')
    (plan,) = json.loads(cli("validate", "--format", "json", str(bad)).stdout)["plans"]
    assert [(f["code"], f["line"], f["column"]) for f in plan["findings"]] == [("R103", 2, 11)]


def test_jobs_give_the_same_output_in_the_same_order(cli, tmp_path) -> None:
    files = []
    for n in range(3):
        for path in [*PLANS, *INVALID]:
            copy = tmp_path / f"{n}-{path.name}"
            copy.write_text(path.read_text())
            files.append(str(copy))
    one = cli("validate", "--format", "json", "-j", "1", *files)
    two = cli("validate", "--format", "json", "-j", "2", *files)
    assert one.returncode == two.returncode == 1
    assert two.stdout == one.stdout
    assert [p["file"] for p in json.loads(two.stdout)["plans"]] == files
    missing = cli("validate", "-j", "2", *files, str(tmp_path / "missing.yaml"))
    assert missing.returncode == 2 and "cannot read" in missing.stderr


def test_what_crosses_processes_pickles(tmp_path) -> None:
    settings = Settings(ignore=("C007",), per_file_ignores=(("*.yaml", ("E003",)),))
    assert pickle.loads(pickle.dumps(settings)) == settings
    finding = Finding("C007", Severity.WARNING, "m", "client", 3, 4)
    report = Report("p.yaml", (finding,), (finding,))
    assert pickle.loads(pickle.dumps(report)) == report
    outcome = check_file(str(INVALID[0]), settings, None)
    assert pickle.loads(pickle.dumps(outcome)) == outcome


def test_the_pre_commit_hook_is_defined() -> None:
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert hook["id"] == "massage-routines-validate"
    assert hook["entry"] == "massage-routines validate"
    assert hook["language"] == "python"
    assert set(hook["types_or"]) == {"yaml", "json"}


def test_a_folder_without_plans_says_so(cli, tmp_path) -> None:
    (tmp_path / "notes.txt").write_text("no plans here")
    done = cli("validate", str(tmp_path))
    assert done.returncode == 0 and "no plan files found" in done.stderr
    assert "0 plans checked" in done.stdout
