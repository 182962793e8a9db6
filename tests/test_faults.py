"""Fault drill: third-party plugins that break in every way we know of, through ``validate``.

Each fault is a plugin module, installed the way a real one is (an entry point of the group
``massage_routines``) beside the built-in plugins, and the valid example plans are checked with
the command line. Whatever the fault, the answer is the same: exit 1, no traceback, every plan
the fault touches reported invalid, and a message that names the plugin (its distribution) or
the rule, and what went wrong. ``test_plugins_registry.py`` and ``test_rules_engine.py`` test
the same mechanisms one by one in the library; this is the drill from the user's side.

The hanging rule is stopped by the engine's time budget (``--time-budget``, 10 s by default):
its tests are at the end.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from typing import TYPE_CHECKING, Any

import attrs
import pytest

from massage_routines.cli.main import main
from massage_routines.findings import Finding, Severity
from massage_routines.plugins import discovery, hookimpl
from massage_routines.plugins import registry as registry_module
from massage_routines.plugins.discovery import EntryPoint
from massage_routines.plugins.records import RuleSpec
from massage_routines.plugins.registry import BUILTIN_DISTRIBUTION, Registry, build_registry
from massage_routines.validation import codes, engine
from massage_routines.validation.engine import validate_text
from tests.conftest import EXAMPLES, ROOT

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from massage_routines.validation.context import RuleContext

BUILTIN_POINTS = [p for p in discovery.entry_points() if p.distribution == BUILTIN_DISTRIBUTION]
GOOD_PLANS = sorted(str(p) for p in (EXAMPLES / "plans").glob("*.yaml"))
#: Short, so that the hanging rule costs the suite little; the real default is 10 s.
BUDGET = 0.3

PRELUDE = """\
from massage_routines import hookimpl
from massage_routines.findings import Finding
from massage_routines.plugins.records import PressureRange, RuleSpec, TechniqueSpec
"""


@attrs.frozen
class Fault:
    """A broken plugin: its module's source, the code it must give, and what the message says."""

    source: str
    code: str
    says: tuple[str, ...]
    #: The entry point's name (by default the fault's own).
    name: str | None = None


FAULTS: dict[str, Fault] = {
    "import_fails": Fault(
        "import no_such_dependency_of_a_plugin\n",
        "X001",
        ("failed to load", "ModuleNotFoundError", "no_such_dependency_of_a_plugin"),
    ),
    "syntax_error": Fault("def broken(:\n", "X001", ("failed to load", "SyntaxError")),
    "raises_on_import": Fault(
        'raise RuntimeError("the kiln is offline")\n',
        "X001",
        ("failed to load", "RuntimeError: the kiln is offline"),
    ),
    "hook_raises": Fault(
        PRELUDE
        + "@hookimpl\ndef massage_techniques():\n    raise ValueError('the stone table is cold')\n",
        "X001",
        ("massage_techniques() raised ValueError: the stone table is cold",),
    ),
    "hook_wrong_type": Fault(
        PRELUDE + "@hookimpl\ndef massage_techniques():\n    return ['hot_stone']\n",
        "X001",
        ("massage_techniques() returned str, not TechniqueSpec",),
    ),
    "hook_not_a_list": Fault(
        PRELUDE + "@hookimpl\ndef massage_rules():\n    return 42\n",
        "X001",
        ("massage_rules()", "TypeError"),
    ),
    "disagrees": Fault(  # the built-in effleurage, but deep: two plugins, one name
        PRELUDE
        + "@hookimpl\ndef massage_techniques():\n"
        + "    return [TechniqueSpec('effleurage', PressureRange(3, 5))]\n",
        "X001",
        ("the technique 'effleurage' is provided by", BUILTIN_DISTRIBUTION, "-disagrees"),
    ),
    "same_plugin_name": Fault(
        PRELUDE + "@hookimpl\ndef massage_techniques():\n    return []\n",
        "X001",
        ("two plugins are named 'swedish'", BUILTIN_DISTRIBUTION),
        name="swedish",
    ),
    "rule_raises": Fault(
        PRELUDE
        + "def check(context):\n    yield from ()\n    1 / 0\n"
        + "@hookimpl\ndef massage_rules():\n    return [RuleSpec('exploding', check, ())]\n",
        "X002",
        ("rule 'exploding'", "ZeroDivisionError", "could not be fully checked"),
    ),
    "rule_yields_text": Fault(
        PRELUDE
        + "def check(context):\n    yield 'F001: the flag is touched'\n"
        + "@hookimpl\ndef massage_rules():\n    return [RuleSpec('chatty', check, ())]\n",
        "X002",
        ("rule 'chatty'", "yielded str, not a Finding"),
    ),
    "rule_yields_a_malformed_finding": Fault(
        PRELUDE
        + "def check(context):\n    yield Finding('ZZ001', 'error', 'the stone is too hot')\n"
        + "@hookimpl\ndef massage_rules():\n    return [RuleSpec('sloppy', check, ())]\n",
        "X002",
        ("rule 'sloppy'", "severity is 'error', not a Severity"),
    ),
    "rule_hangs": Fault(
        PRELUDE
        + "def check(context):\n    while True:\n        pass\n    yield\n"
        + "@hookimpl\ndef massage_rules():\n    return [RuleSpec('spinning', check, ())]\n",
        "X003",
        ("rule 'spinning'", f"time budget of {BUDGET:g} s", "could not be fully checked"),
    ),
}


def point(key: str) -> EntryPoint:
    fault = FAULTS[key]
    return EntryPoint(fault.name or key, f"faulty_{key}", f"faulty-{key.replace('_', '-')}", "1.0")


@pytest.fixture
def faulty_modules(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Every fault's module, in a directory on ``sys.path``."""
    directory = tmp_path / "plugins"
    directory.mkdir()
    for key, fault in FAULTS.items():
        (directory / f"faulty_{key}.py").write_text(fault.source, encoding="utf-8")
    monkeypatch.syspath_prepend(str(directory))
    yield directory
    for key in FAULTS:
        sys.modules.pop(f"faulty_{key}", None)


def validate_cli(*args: str) -> tuple[int, dict[str, Any], str]:
    """``validate --format json ARGS`` in this process."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["validate", "--format", "json", *args])
    return code, json.loads(out.getvalue()), err.getvalue()


def use_registry(monkeypatch: pytest.MonkeyPatch, registry: Registry) -> None:
    """Make ``registry`` the one the command line uses."""
    monkeypatch.setattr(registry_module, "_DEFAULT", registry)


def test_the_good_plans_are_valid_without_a_faulty_plugin(monkeypatch) -> None:
    use_registry(monkeypatch, build_registry(points=BUILTIN_POINTS, select="all"))
    code, output, err = validate_cli(*GOOD_PLANS)
    assert (code, err) == (0, "")
    assert all(plan["valid"] for plan in output["plans"])


@pytest.mark.parametrize("key", list(FAULTS))
def test_a_faulty_plugin_fails_every_plan_and_says_which(
    faulty_modules: Path, monkeypatch: pytest.MonkeyPatch, key: str
) -> None:
    fault = FAULTS[key]
    registry = build_registry(points=[*BUILTIN_POINTS, point(key)], select="all")
    use_registry(monkeypatch, registry)
    code, output, err = validate_cli("--time-budget", str(BUDGET), *GOOD_PLANS)
    assert err == "", err  # no traceback, no "internal error"
    assert code == 1
    distribution = point(key).distribution
    for plan in output["plans"]:
        assert plan["valid"] is False, plan
        hits = [f for f in plan["findings"] if f["code"] == fault.code]
        assert hits, (plan["file"], plan["findings"])
        for finding in hits:
            assert finding["severity"] == "error"
            assert distribution in finding["message"], finding["message"]
            for words in fault.says:
                assert words in finding["message"], finding["message"]


def test_deselecting_the_faulty_plugin_brings_the_plans_back(
    faulty_modules: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = [point(key) for key in FAULTS if FAULTS[key].name is None]
    deselect = ",".join(f"-{p.name}" for p in broken)
    use_registry(monkeypatch, build_registry(points=[*BUILTIN_POINTS, *broken], select=deselect))
    code, output, err = validate_cli(*GOOD_PLANS)
    assert (code, err) == (0, "")
    assert all(plan["valid"] for plan in output["plans"])


def test_faulty_plugins_installed_for_real(tmp_path: Path) -> None:
    """The same faults installed as distributions (``*.dist-info`` with entry points) on
    ``PYTHONPATH``, found by discovery in a fresh process; the budget comes from the
    environment variable."""
    site = tmp_path / "site"
    site.mkdir()
    # Discovery goes through the directory in name order: the hanging rule comes last, since
    # the rules after it do not run once it has used the plan's budget.
    installed = ["import_fails", "hook_raises", "rule_raises", "rule_hangs"]
    for i, key in enumerate(installed):
        entry = point(key)
        (site / f"faulty_{key}.py").write_text(FAULTS[key].source, encoding="utf-8")
        meta = site / f"d{i}_{entry.distribution.replace('-', '_')}-1.0.dist-info"
        meta.mkdir()
        (meta / "METADATA").write_text(
            f"Metadata-Version: 2.1\nName: {entry.distribution}\nVersion: 1.0\n", encoding="utf-8"
        )
        (meta / "entry_points.txt").write_text(
            f"[massage_routines]\n{entry.name} = {entry.value}\n", encoding="utf-8"
        )
    env = {k: v for k, v in os.environ.items() if k != "MASSAGE_ROUTINES_PLUGINS"}
    env["PYTHONPATH"] = str(site)
    env["MASSAGE_ROUTINES_TIME_BUDGET"] = str(BUDGET)
    done = subprocess.run(
        [sys.executable, "-m", "massage_routines", "validate", "--format", "json", *GOOD_PLANS],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=120,  # only a guard against a hang: the budget ends each plan in BUDGET s
        check=False,
    )
    assert done.returncode == 1, done.stderr
    assert done.stderr == ""
    for plan in json.loads(done.stdout)["plans"]:
        assert plan["valid"] is False
        said = [f"{f['code']} {f['message']}" for f in plan["findings"]]
        for expected in (
            "X001 plugin import_fails (faulty-import-fails 1.0) failed to load",
            "X001 plugin hook_raises (faulty-hook-raises 1.0): massage_techniques() raised",
            "X002 rule 'exploding' of plugin rule_raises (faulty-rule-raises 1.0)",
            "X003 rule 'spinning' of plugin rule_hangs (faulty-rule-hangs 1.0)",
        ):
            assert any(line.startswith(expected) for line in said), (expected, said)


def test_an_internal_failure_fails_that_plan_and_the_others_are_still_checked(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A bug of ours on one plan (X006): that plan is invalid, the rest are reported, the JSON
    is whole and nothing reaches stderr."""
    real = engine.validate_read

    def buggy(result: Any, *args: Any, file: str | None = None, **kwargs: Any) -> Any:
        if file == GOOD_PLANS[1]:
            raise RuntimeError("the engine tripped")
        return real(result, *args, file=file, **kwargs)

    monkeypatch.setattr(engine, "validate_read", buggy)
    code, output, err = validate_cli(*GOOD_PLANS[:3])
    assert (code, err) == (1, "")
    assert [plan["valid"] for plan in output["plans"]] == [True, False, True]
    (finding,) = output["plans"][1]["findings"]
    assert finding["code"] == codes.INTERNAL_ERROR and finding["severity"] == "error"
    assert "RuntimeError: the engine tripped" in finding["message"]


# ---------------------------------------------------------------- the time budget


def rule_plugin(name: str, check: Any) -> object:
    class Plugin:
        @hookimpl
        def massage_rules(self) -> list[RuleSpec]:
            return [RuleSpec(name, check, ())]

    return Plugin()


def spin(context: RuleContext) -> Iterator[Finding]:
    while True:
        pass
    yield from ()  # pragma: no cover


def sleep_on(context: RuleContext) -> Iterator[Finding]:
    time.sleep(600)
    yield from ()  # pragma: no cover


def catches_once(context: RuleContext) -> Iterator[Finding]:
    """A rule that swallows the first interruption (a bare ``except``) and carries on."""
    with contextlib.suppress(BaseException):
        time.sleep(600)
    time.sleep(600)
    yield from ()  # pragma: no cover


def catches_exceptions(context: RuleContext) -> Iterator[Finding]:
    """A rule whose loop swallows every ``Exception``."""
    while True:
        try:
            time.sleep(1)
        except Exception:
            continue
    yield from ()  # pragma: no cover


def quick(context: RuleContext) -> Iterator[Finding]:
    yield from ()


def registry_with(name: str, check: Any) -> Registry:
    return build_registry([("timed", rule_plugin(name, check))], select="all")


FLAGGED = (EXAMPLES / "plans" / "swedish-back.yaml").read_text(encoding="utf-8") + (
    "client:\n  flags: [back]\n"
)


@pytest.mark.parametrize(
    "check", [spin, sleep_on, catches_once, catches_exceptions], ids=lambda f: f.__name__
)
def test_a_hanging_rule_is_stopped_and_named(check: Any) -> None:
    report = validate_text(FLAGGED, registry_with("slow_rule", check), budget=BUDGET)
    assert not report.valid
    (timeout,) = [f for f in report.findings if f.code == codes.RULE_TIMEOUT]
    assert timeout.severity is Severity.ERROR and timeout.path == ""
    assert "rule 'slow_rule' of plugin timed" in timeout.message
    assert f"{BUDGET:g} s" in timeout.message
    # The built-in rules ran first, and what they found is kept.
    assert "F001" in report.codes()


def test_the_budget_is_per_plan_through_the_cli(monkeypatch) -> None:
    use_registry(monkeypatch, registry_with("slow_rule", spin))
    code, output, err = validate_cli("--time-budget", str(BUDGET), *GOOD_PLANS[:3])
    assert (code, err) == (1, "")
    for plan in output["plans"]:
        assert plan["valid"] is False
        assert [f["code"] for f in plan["findings"]].count("X003") == 1


def test_the_cli_budget_defaults_to_ten_seconds_and_can_be_set(monkeypatch) -> None:
    seen: list[float | None] = []
    real = engine.validate_read

    def spy(*args: Any, budget: float | None = None, **kwargs: Any) -> Any:
        seen.append(budget)
        return real(*args, budget=budget, **kwargs)

    monkeypatch.setattr(engine, "validate_read", spy)
    monkeypatch.delenv("MASSAGE_ROUTINES_TIME_BUDGET", raising=False)
    plan = GOOD_PLANS[0]
    assert validate_cli(plan)[0] == 0
    monkeypatch.setenv("MASSAGE_ROUTINES_TIME_BUDGET", "2.5")
    assert validate_cli(plan)[0] == 0
    assert validate_cli("--time-budget", "0", plan)[0] == 0  # the option wins; 0 is no limit
    assert seen == [10.0, 2.5, 0.0]


@pytest.mark.parametrize("value", ["-1", "abc", "nan", "inf"])
def test_a_bad_budget_is_a_usage_error(monkeypatch, value: str) -> None:
    out, err = io.StringIO(), io.StringIO()
    with (
        contextlib.redirect_stdout(out),
        contextlib.redirect_stderr(err),
        pytest.raises(SystemExit) as exited,
    ):
        main(["validate", "--time-budget", value, GOOD_PLANS[0]])
    assert exited.value.code == 2 and "--time-budget" in err.getvalue()
    monkeypatch.setenv("MASSAGE_ROUTINES_TIME_BUDGET", value)
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["validate", GOOD_PLANS[0]])
    assert code == 2 and "MASSAGE_ROUTINES_TIME_BUDGET" in err.getvalue()
    assert out.getvalue() == ""  # nothing was checked, so nothing is reported


def test_without_a_budget_no_timer_is_armed(monkeypatch) -> None:
    """The library's default path stays as cheap as before: no signal, no timer."""

    def refuse(*args: Any) -> Any:
        raise AssertionError("a timer was armed")

    monkeypatch.setattr(signal, "setitimer", refuse)
    monkeypatch.setattr(signal, "signal", refuse)
    registry = registry_with("fine", quick)
    assert validate_text(FLAGGED, registry).codes()
    assert validate_text(FLAGGED, registry, budget=0).codes()


def test_the_handler_and_timer_are_put_back() -> None:
    def mine(signum: int, frame: Any) -> None:
        raise AssertionError("my alarm")

    previous = signal.signal(signal.SIGALRM, mine)
    try:
        for check in (quick, spin):
            validate_text(FLAGGED, registry_with("rule", check), budget=BUDGET)
            assert signal.getsignal(signal.SIGALRM) is mine
            assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    finally:
        signal.signal(signal.SIGALRM, previous)


def test_someone_elses_timer_is_left_alone() -> None:
    """An armed ITIMER_REAL (a test runner's, a fuzzer's) wins: it is neither moved nor
    replaced, and the rules run without the budget."""
    fired: list[int] = []
    previous = signal.signal(signal.SIGALRM, lambda signum, frame: fired.append(signum))
    signal.setitimer(signal.ITIMER_REAL, 60)
    try:
        report = validate_text(FLAGGED, registry_with("fine", quick), budget=BUDGET)
        remaining, _ = signal.getitimer(signal.ITIMER_REAL)
        assert 50 < remaining <= 60
        assert codes.RULE_TIMEOUT not in report.codes() and not fired
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def test_outside_the_main_thread_the_rules_run_without_a_budget() -> None:
    results: list[Any] = []

    def work() -> None:
        try:
            results.append(validate_text(FLAGGED, registry_with("fine", quick), budget=BUDGET))
        except BaseException as exc:
            results.append(exc)

    thread = threading.Thread(target=work)
    thread.start()
    thread.join(60)
    (report,) = results
    assert not isinstance(report, BaseException), report
    assert "F001" in report.codes() and codes.RULE_TIMEOUT not in report.codes()


def test_the_timeout_code_is_documented() -> None:
    name, meaning, fix = codes.ENGINE_CODES[codes.RULE_TIMEOUT]
    assert name == "rule-timeout"
    assert "time budget" in meaning and "--time-budget" in fix
    assert (ROOT / "docs" / "limits.md").read_text(encoding="utf-8").count("X003") >= 1


def test_a_well_formed_finding_of_a_plugin_rule_passes_through() -> None:
    """The engine's checks of what rules yield let a correct finding through unchanged."""
    finding = Finding("ZZ001", Severity.WARNING, "warm the stones first", "steps[0]", 9, 5)

    def check(context: RuleContext) -> Iterator[Finding]:
        yield finding

    report = validate_text(FLAGGED, registry_with("good", check), budget=BUDGET)
    assert finding in report.findings and "X002" not in report.codes()


def test_the_fault_modules_fail_only_as_meant() -> None:
    """Guard the drill itself: each fault module fails only in the way it is meant to."""
    for key, fault in FAULTS.items():
        if key == "syntax_error":
            with pytest.raises(SyntaxError):
                compile(fault.source, key, "exec")
        else:
            compile(textwrap.dedent(fault.source), key, "exec")
