"""``massage-routines compose``: plans that ``validate`` passes, reasons when none is safe."""

from __future__ import annotations

import pytest

from massage_routines.cli.main import main
from massage_routines.planfile.reader import read_plan_file, read_plan_text
from tests.conftest import EXAMPLES

CLIENTS = sorted((EXAMPLES / "clients").glob("*.yaml"))
REFUSED = {"fever.yaml"}


def test_there_are_example_clients() -> None:
    names = {p.name for p in CLIENTS}
    assert len(names) >= 5
    assert names >= REFUSED


def test_compose_to_stdout_then_validate_in_a_fresh_process(cli, tmp_path) -> None:
    made = cli("compose", "--style", "swedish", "--duration", "30m", "--focus", "back.lower")
    assert made.returncode == 0, made.stderr
    assert made.stdout.startswith("format: massage-routine/1\n")
    result = read_plan_text(made.stdout)
    assert result.findings == ()
    assert result.routine is not None and str(result.routine.total) == "30m"
    plan = tmp_path / "plan.yaml"
    plan.write_text(made.stdout, encoding="utf-8")
    checked = cli("validate", str(plan))
    assert checked.returncode == 0, checked.stdout
    assert "1 valid, 0 invalid" in checked.stdout


@pytest.mark.parametrize("client", CLIENTS, ids=lambda p: p.name)
def test_each_example_client(cli, tmp_path, client) -> None:
    plan = tmp_path / "plan.yaml"
    args = ["--style", "swedish", "--duration", "30m", "--focus", "back.lower"]
    made = cli("compose", *args, "--client", str(client), "-o", str(plan))
    if client.name in REFUSED:
        assert made.returncode == 1
        assert "no safe plan" in made.stderr and "fever" in made.stderr
        assert not plan.exists()
        assert made.stdout == ""
        return
    assert made.returncode == 0, made.stderr
    assert f"wrote {plan}" in made.stderr
    checked = cli("validate", str(plan))
    assert checked.returncode == 0, checked.stdout
    routine = read_plan_file(plan).routine
    assert routine is not None and routine.client is not None


def test_output_is_not_overwritten_without_force(tmp_path, capsys) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text("keep me\n", encoding="utf-8")
    args = ["compose", "--style", "chair", "--duration", "15m", "-o", str(plan)]
    assert main(args) == 2
    assert "exists; pass --force" in capsys.readouterr().err
    assert plan.read_text(encoding="utf-8") == "keep me\n"
    assert main([*args, "--force"]) == 0
    routine = read_plan_file(plan).routine
    assert routine is not None and routine.style == "chair"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--duration", "30"], "not a duration: '30'"),
        (["--duration", "1:30"], "base-60"),
        (["--duration", "30m", "--focus", "back.lowr"], "did you mean 'back.lower'"),
        (["--duration", "30m", "--focus", "Back"], "is not a region name"),
        (["--duration", "30m", "--include", "lgs"], "--include: unknown region 'lgs'"),
        (["--duration", "30m", "--name", " "], "--name must not be empty"),
    ],
)
def test_bad_arguments_exit_2_with_a_message(capsys, args, message) -> None:
    assert main(["compose", "--style", "swedish", *args]) == 2
    captured = capsys.readouterr()
    assert message in captured.err
    assert captured.out == ""


def test_unknown_style_exits_2_with_did_you_mean(capsys) -> None:
    assert main(["compose", "--style", "swedsh", "--duration", "30m"]) == 2
    assert "did you mean 'swedish'" in capsys.readouterr().err


def test_unknown_goal_is_a_usage_error(capsys) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["compose", "--style", "swedish", "--duration", "30m", "--goal", "sleep"])
    assert caught.value.code == 2


def test_no_safe_plan_exits_1_with_the_reasons(tmp_path, capsys) -> None:
    client = tmp_path / "client.yaml"
    client.write_text("flags:\n  - back\n", encoding="utf-8")
    plan = tmp_path / "plan.yaml"
    args = ["--duration", "30m", "--focus", "back.lower", "--client", str(client)]
    assert main(["compose", "--style", "swedish", *args, "-o", str(plan)]) == 1
    captured = capsys.readouterr()
    assert "no safe plan for this request" in captured.err
    assert "the focus region back.lower is off limits: the flag on back" in captured.err
    assert not plan.exists()


def test_a_client_file_with_errors_is_reported_located(tmp_path, capsys) -> None:
    client = tmp_path / "client.yaml"
    client.write_text("conditions:\n  - osteoporosis\nmax_presure: 2\n", encoding="utf-8")
    args = ["compose", "--style", "swedish", "--duration", "30m", "--client", str(client)]
    assert main(args) == 1
    err = capsys.readouterr().err
    assert f"{client}:3:1: error " in err
    assert "max_pressure" in err  # did you mean


def test_an_unreadable_client_file_exits_2(tmp_path, capsys) -> None:
    missing = tmp_path / "nobody.yaml"
    args = ["compose", "--style", "swedish", "--duration", "30m", "--client", str(missing)]
    assert main(args) == 2
    assert f"cannot read {missing}" in capsys.readouterr().err


def test_options_reach_the_composer(capsys) -> None:
    base = ["compose", "--style", "swedish", "--duration", "20m"]
    assert main([*base, "--include", "back", "--goal", "relaxation", "--seed", "4"]) == 0
    first = capsys.readouterr().out
    routine = read_plan_text(first).routine
    assert routine is not None
    assert all(s.region.name.startswith("back") for s in routine.steps)
    assert routine.steps[-1].technique == "nerve_strokes"
    assert routine.name == "Swedish 20m (relaxation)"
    assert main([*base, "--include", "back", "--goal", "relaxation", "--seed", "4"]) == 0
    assert capsys.readouterr().out == first
    assert main([*base, "--name", "Quick back"]) == 0
    assert "name: Quick back\n" in capsys.readouterr().out


def test_compose_module_imports_nothing_heavy_at_import_time() -> None:
    import subprocess
    import sys

    code = (
        "import sys, massage_routines.cli.compose_command as c; "
        "print(sorted(m for m in sys.modules if m.startswith('massage_routines.') "
        "and not m.startswith('massage_routines.cli')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
