"""The built-in rules inside the engine: failing closed, per-registry caches, linear cost."""

from __future__ import annotations

import gc
import sys
import types
import weakref
from typing import TYPE_CHECKING, Any

import attrs

from massage_routines.findings import Severity
from massage_routines.model.duration import Duration
from massage_routines.model.position import Position
from massage_routines.model.pressure import Pressure
from massage_routines.model.regions import Region
from massage_routines.model.routine import Routine, Step
from massage_routines.plugins.markers import hookimpl
from massage_routines.plugins.records import CodeSpec, RuleSpec
from massage_routines.plugins.registry import build_registry
from massage_routines.validation.engine import run_rules, validate
from massage_routines.validation.rules import _index
from tests.strategies_rules import check, registry, registry_with

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator
    from types import FrameType

    from _typeshed import TraceFunction

    from massage_routines.findings import Finding
    from massage_routines.validation.context import RuleContext

GOOD = """\
name: Back care
style: swedish
position: prone
steps:
  - technique: effleurage
    region: back
    pressure: 2
    duration: 10m
  - technique: petrissage
    region: back.upper
    pressure: 3
    duration: 10m
"""


def _plugin(
    check_fn: Callable[[RuleContext], Iterable[Any]], name: str = "exploding"
) -> types.SimpleNamespace:
    spec = RuleSpec(name, check_fn, (CodeSpec("ZZ001", "boom", Severity.ERROR, "Never given."),))
    return types.SimpleNamespace(massage_rules=hookimpl(lambda: [spec]))


def test_a_rule_that_raises_makes_the_plan_invalid_naming_it() -> None:
    def explode(ctx: RuleContext) -> Iterator[Finding]:
        raise RuntimeError("no idea")
        yield  # pragma: no cover

    reg = registry_with(("boom_plugin", _plugin(explode)))
    assert check(GOOD).valid
    report = check(GOOD, reg)
    assert not report.valid
    (finding,) = report.findings
    assert finding.code == "X002" and finding.severity is Severity.ERROR
    assert "'exploding'" in finding.message and "boom_plugin" in finding.message
    assert "RuntimeError: no idea" in finding.message


def test_a_rule_that_fails_halfway_keeps_what_the_others_found() -> None:
    def halfway(ctx: RuleContext) -> Iterator[Finding]:
        yield ctx.warning("ZZ001", "first")
        raise ValueError("then broke")

    reg = registry_with(("half", _plugin(halfway, "halfway")))
    report = check(GOOD.replace("pressure: 3", "pressure: 5"), reg)
    assert {"X002", "ZZ001", "P002"} <= set(report.codes())
    assert not report.valid


def test_a_rule_that_yields_something_else_fails_closed() -> None:
    def wrong(ctx: RuleContext) -> Iterator[object]:
        yield "not a finding"

    report = check(GOOD, registry_with(("wrong", _plugin(wrong, "wrong"))))
    assert report.codes() == ["X002"]
    assert "yielded str" in report.findings[0].message


def test_no_rules_no_valid_plan() -> None:
    bare = build_registry(use_entry_points=False)
    report = validate(
        Routine(
            "x",
            "swedish",
            (Step("effleurage", Region("back"), Pressure(2), Duration.parse("20m")),),
        ),
        bare,
    )
    assert not report.valid
    assert "X005" in report.codes()


def test_routines_built_in_code_get_paths_without_lines() -> None:
    routine = Routine(
        "code",
        "swedish",
        (Step("effleurage", Region("neck.anterior"), Pressure(3), Duration.parse("20m")),),
        Position.SUPINE,
    )
    report = validate(routine, registry())
    (finding,) = [f for f in report.findings if f.code == "E001"]
    assert (finding.path, finding.line, finding.column) == ("steps[0].pressure", None, None)


def test_the_index_is_per_registry_and_does_not_keep_it_alive() -> None:
    reg = build_registry(select="all")
    first = _index.index_of(reg)
    assert _index.index_of(reg) is first
    assert _index.index_of(registry()) is not first
    ref = weakref.ref(reg)
    del reg, first
    gc.collect()
    assert ref() is None


def test_region_tables_grow_only_with_known_names() -> None:
    reg = build_registry(select="all")
    index = _index.index_of(reg)
    for i in range(50):
        index.sites_at(f"back.made_up_{i}")
        index.techniques["tapotement"].never_at(f"leg.left.x{i}", known=False)
    assert not any(name.startswith("back.made_up") for name in index.sites_table)
    assert index.sites_at("leg.left") is index.sites_at("leg.left")


def _routine(n: int) -> Routine:
    """A long plausible routine: warm-up, then alternating work over a few regions."""
    regions = ("back", "back.upper", "back.lower", "leg.left", "leg.right.calf", "neck.posterior")
    steps = []
    for i in range(n):
        region = Region(regions[i % len(regions)])
        pressure = Pressure(2 if i < len(regions) else 2 + i % 2)
        steps.append(Step("effleurage", region, pressure, Duration.parse("2m"), None))
    return Routine("long", "swedish", tuple(steps), Position.PRONE)


def _lines_run(routine: Routine) -> int:
    """How many lines of Python checking ``routine`` executes: a count, not a timing."""
    reg = registry()
    run_rules(routine, reg)  # warm the per-registry caches first
    count = 0

    def trace(frame: FrameType, event: str, arg: object) -> TraceFunction:
        nonlocal count
        if event == "line":
            count += 1
        return trace

    sys.settrace(trace)
    try:
        run_rules(routine, reg)
    finally:
        sys.settrace(None)
    return count


def test_cost_grows_linearly_with_steps() -> None:
    """No rule compares every step with every other: 20x the steps run about 20x the lines.

    Counting executed lines is deterministic (a timing would flake on a busy machine), and a
    rule with a loop over earlier steps inside the loop over steps would make it ~400x.
    """
    small, large = _lines_run(_routine(50)), _lines_run(_routine(1000))
    assert 15 < large / small < 25, (small, large)


def test_long_plans_are_checked_the_same_way() -> None:
    routine = _routine(300)
    codes = set(validate(routine, registry()).codes())
    assert "X002" not in codes
    cold = attrs.evolve(
        routine, steps=tuple(attrs.evolve(s, pressure=Pressure(5)) for s in routine.steps)
    )
    found = [f.path for f in validate(cold, registry()).findings if f.code == "P001"]
    assert found == [f"steps[{i}].pressure" for i in range(300)]
    warmed = attrs.evolve(
        routine,
        steps=tuple(
            s if i < 6 else attrs.evolve(s, pressure=Pressure(4))
            for i, s in enumerate(routine.steps)
        ),
    )
    assert "P001" not in validate(warmed, registry()).codes()
