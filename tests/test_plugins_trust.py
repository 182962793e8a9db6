"""Plugins cannot weaken the knowledge base quietly (issue 10, part 5).

Names are written one way, a name two plugins provide is used from neither (unless one says it
replaces the other, which every report then shows), codes are unique, the registry rules see is
read-only, and the checker plugin authors run is the one the registry runs at load.
"""

from __future__ import annotations

import contextlib
import io
import json
import types
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from massage_routines.cli.main import main
from massage_routines.findings import Finding, Severity
from massage_routines.plugins import hookimpl
from massage_routines.plugins import registry as registry_module
from massage_routines.plugins.names import canonical, name_problem
from massage_routines.plugins.records import (
    CodeSpec,
    ConditionSpec,
    PressureRange,
    RuleSpec,
    TechniqueSpec,
    Warn,
)
from massage_routines.plugins.registry import Registry, build_registry
from massage_routines.testing import check_plugin, check_records
from massage_routines.validation.engine import validate_text

if TYPE_CHECKING:
    from collections.abc import Iterator

    from massage_routines.validation.context import RuleContext

#: Pressure 4 with percussion for a client with osteoporosis (capped at 2, no percussion).
OSTEO_PLAN = """\
format: massage-routine/1
name: Back care
style: swedish
position: prone
client:
  conditions:
    - {condition}
steps:
  - technique: effleurage
    region: back
    pressure: 2
    duration: 5m
  - technique: tapotement
    region: back
    pressure: 4
    duration: 2m
"""

GOOD_PLAN = """\
format: massage-routine/1
name: Back care
style: swedish
position: prone
steps:
  - technique: effleurage
    region: back
    pressure: 2
    duration: 5m
  - technique: petrissage
    region: back
    pressure: 3
    duration: 5m
"""


def plugin(**hooks: Any) -> object:
    """A plugin object whose hooks return the given records."""
    return types.SimpleNamespace(
        **{
            f"massage_{kind}": hookimpl(lambda r=records: list(r))
            for kind, records in hooks.items()
        }
    )


def with_builtins(*plugins: tuple[str, object]) -> Registry:
    return build_registry(list(plugins), select="all")


def errors(text: str, registry: Registry) -> list[str]:
    return [f.code for f in validate_text(text, registry).findings if f.is_error]


# ---------------------------------------------------------------- names


@pytest.mark.parametrize(
    ("name", "reads_as"),
    [
        ("Osteoporosis", True),  # case
        ("\u043esteoporosis", False),  # Cyrillic o: looks the same, is not ASCII
        ("osteoporosis ", True),  # trailing space
        ("\uff4fsteoporosis", True),  # fullwidth o: NFKC makes it 'osteoporosis'
        ("osteo-porosis", False),
        ("", False),
    ],
)
def test_a_condition_name_written_another_way_is_a_problem_and_no_plan_passes(
    name: str, reads_as: bool
) -> None:
    loose = plugin(conditions=[ConditionSpec(name, (Warn("be gentle"),))])
    registry = with_builtins(("loose", loose))
    problems = [p for p in registry.problems if p.plugin == "loose"]
    assert problems, registry.problems
    assert name not in registry.conditions
    assert ("reads as" in problems[0].message) is reads_as, problems[0].message
    if reads_as:
        assert "conditions (massage_routines" in problems[0].message
    # the plan that names the look-alike is not valid (it would otherwise pass pressure 4)
    assert "X001" in errors(OSTEO_PLAN.format(condition=json.dumps(name)), registry)
    # and the real one still applies its effects (the cap of 2, no percussion)
    assert {"C003", "C004"} <= set(errors(OSTEO_PLAN.format(condition="osteoporosis"), registry))


@pytest.mark.parametrize(
    "record",
    [
        TechniqueSpec("Glide", PressureRange(1, 2)),
        TechniqueSpec("glide", PressureRange(1, 2), family="Deep"),
        RuleSpec("hot-stone", lambda ctx: iter(()), (CodeSpec("HS1", "x", Severity.WARNING, "x"),)),
        RuleSpec("stones", lambda ctx: iter(()), (CodeSpec("hs1", "x", Severity.WARNING, "x"),)),
    ],
    ids=["technique", "family", "rule", "code"],
)
def test_badly_written_names_and_codes_are_problems_at_load_and_in_check_records(
    record: object,
) -> None:
    kind = {TechniqueSpec: "techniques", RuleSpec: "rules"}[type(record)]
    registry = build_registry([("odd", plugin(**{kind: [record]}))], use_entry_points=False)
    assert [
        p.plugin
        for p in registry.problems
        if "lower_snake" in p.message or "upper-case" in p.message
    ] == ["odd"]
    assert any("lower_snake" in m or "upper-case" in m for m in check_records([record]))


@given(st.text(max_size=12))
def test_an_accepted_name_is_its_own_canonical_ascii_form(name: str) -> None:
    if name_problem("condition", name) is None:
        assert name.isascii()
        assert canonical(name) == name
    else:
        assert check_records([ConditionSpec(name, (Warn("x"),))]), name


@given(st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=8))
def test_the_registry_and_check_records_agree_on_names(name: str) -> None:
    """One checker: whatever check_records says of a name, the registry says at load."""
    record = ConditionSpec(name, (Warn("x"),))
    registry = build_registry([("p", plugin(conditions=[record]))], use_entry_points=False)
    assert bool(registry.problems) == bool(check_records([record]))
    assert (name in registry.conditions) == (not registry.problems)


# ---------------------------------------------------------------- clashes and replacements

LOOSE_TAPOTEMENT = TechniqueSpec("tapotement", PressureRange(1, 5), family="percussion")


def test_two_plugins_with_one_technique_use_neither_and_name_the_plugin_to_deselect() -> None:
    registry = with_builtins(("loose", plugin(techniques=[LOOSE_TAPOTEMENT])))
    assert "tapotement" not in registry.techniques
    (conflict,) = registry.conflicts
    assert conflict.plugins == ("swedish", "loose")
    (problem,) = registry.problems
    assert "MASSAGE_ROUTINES_PLUGINS=-loose" in problem.message
    assert "X001" in errors(GOOD_PLAN, registry)


def test_deselecting_the_builtin_lets_the_other_plugin_in_with_a_warning_only() -> None:
    registry = build_registry([("loose", plugin(techniques=[LOOSE_TAPOTEMENT]))], select="-swedish")
    assert registry.techniques["tapotement"].pressure == PressureRange(1, 5)
    assert "X004" in validate_text(GOOD_PLAN, registry).codes()


def test_a_record_that_says_it_replaces_one_is_used_and_every_report_says_so() -> None:
    replacing = TechniqueSpec(
        "tapotement", PressureRange(1, 3), family="percussion", replaces="swedish"
    )
    registry = with_builtins(("firm", plugin(techniques=[replacing])))
    assert registry.problems == ()
    assert registry.techniques["tapotement"] is replacing
    provider = registry.provider("technique", "tapotement")
    assert provider is not None
    assert provider.name == "firm"
    report = validate_text(GOOD_PLAN, registry)
    assert report.valid
    (warning,) = [f for f in report.findings if f.code == "X007"]
    assert warning.severity is Severity.WARNING
    assert "'tapotement'" in warning.message and "firm" in warning.message
    assert "'swedish'" in warning.message


@pytest.mark.parametrize("replaces", ["deep_tissue", "nobody"])
def test_replacing_the_wrong_plugin_is_still_a_conflict(replaces: str) -> None:
    record = TechniqueSpec("tapotement", PressureRange(1, 3), replaces=replaces)
    registry = with_builtins(("firm", plugin(techniques=[record])))
    assert "tapotement" not in registry.techniques
    assert [c.name for c in registry.conflicts] == ["tapotement"]
    assert check_records([record], with_builtins())


@pytest.mark.parametrize("replaces", [True, "", " swedish", 1])
def test_replaces_that_names_no_plugin_is_a_problem(replaces: object) -> None:
    record = TechniqueSpec("stone_glide", PressureRange(1, 3), replaces=replaces)  # type: ignore[arg-type]
    registry = with_builtins(("firm", plugin(techniques=[record])))
    assert "stone_glide" not in registry.techniques
    assert [p.plugin for p in registry.problems] == ["firm"]
    assert any("replaces=" in m for m in check_records([record]))


def test_two_records_that_both_replace_are_a_conflict() -> None:
    one = TechniqueSpec("tapotement", PressureRange(1, 3), replaces="swedish")
    two = TechniqueSpec("tapotement", PressureRange(1, 4), replaces="swedish")
    registry = with_builtins(("one", plugin(techniques=[one])), ("two", plugin(techniques=[two])))
    assert "tapotement" not in registry.techniques
    assert registry.conflicts[0].plugins == ("swedish", "one", "two")


def test_check_records_accepts_a_declared_replacement() -> None:
    base = with_builtins()
    record = TechniqueSpec("tapotement", PressureRange(1, 3), replaces="swedish")
    assert check_records([record], base) == []
    assert check_records([LOOSE_TAPOTEMENT], base)


def techniques_cli(registry: Registry, monkeypatch: pytest.MonkeyPatch, *args: str) -> str:
    monkeypatch.setattr(registry_module, "_DEFAULT", registry)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["techniques", *args]) == (1 if registry.problems else 0)
    return out.getvalue()


def test_techniques_shows_both_records_of_a_conflict(monkeypatch: pytest.MonkeyPatch) -> None:
    registry = with_builtins(("loose", plugin(techniques=[LOOSE_TAPOTEMENT])))
    text = techniques_cli(registry, monkeypatch)
    lines = [line for line in text.splitlines() if "tapotement conflict" in line]
    assert len(lines) == 2 and "swedish" in lines[0] and "loose" in lines[1]
    assert "tapotement              (no plugin provides it)" not in text
    data = json.loads(techniques_cli(registry, monkeypatch, "--format", "json"))
    rows = [t for t in data["techniques"] if t["name"] == "tapotement"]
    assert [(t["status"], t["plugin"]["name"]) for t in rows] == [
        ("conflict", "swedish"),
        ("conflict", "loose"),
    ]
    assert data["conflicts"][0]["name"] == "tapotement"


def test_techniques_shows_a_replacement(monkeypatch: pytest.MonkeyPatch) -> None:
    record = TechniqueSpec("tapotement", PressureRange(1, 3), replaces="swedish")
    registry = with_builtins(("firm", plugin(techniques=[record])))
    text = techniques_cli(registry, monkeypatch)
    assert "technique tapotement replaces the one of swedish [firm" in text
    data = json.loads(techniques_cli(registry, monkeypatch, "--format", "json"))
    (row,) = [t for t in data["techniques"] if t["name"] == "tapotement"]
    assert row["status"] == "replacing"


# ---------------------------------------------------------------- codes


def rule_with(code: str, name: str = "stones") -> RuleSpec:
    return RuleSpec(name, lambda ctx: iter(()), (CodeSpec(code, "x", Severity.ERROR, "x"),))


@pytest.mark.parametrize(
    ("code", "owner"), [("C003", "conditions"), ("X001", "engine"), ("R004", "reader")]
)
def test_a_plugin_rule_cannot_claim_a_code_the_host_or_a_builtin_gives(
    code: str, owner: str
) -> None:
    registry = with_builtins(("thief", plugin(rules=[rule_with(code)])))
    (problem,) = registry.problems
    assert problem.plugin == "thief" and code in problem.message and owner in problem.message
    assert "X001" in errors(GOOD_PLAN, registry)
    assert any(code in m for m in check_plugin(plugin(rules=[rule_with(code)]), with_builtins()))


def test_two_plugins_declaring_one_code_are_a_problem() -> None:
    registry = build_registry(
        [
            ("a", plugin(rules=[rule_with("HS001", "a_rule")])),
            ("b", plugin(rules=[rule_with("HS001", "b_rule")])),
        ],
        use_entry_points=False,
    )
    (problem,) = registry.problems
    assert problem.plugin == "b" and "HS001" in problem.message and "'a_rule'" in problem.message


# ---------------------------------------------------------------- a read-only registry

WRITES = {
    "technique": lambda r: r.techniques.__setitem__("tapotement", LOOSE_TAPOTEMENT),
    "condition": lambda r: r.conditions.pop("osteoporosis"),
    "style": lambda r: r.styles.clear(),
    "rules": lambda r: setattr(r, "rules", ()),
    "sites": lambda r: r.sites.__delitem__(0),
    "provenance": lambda r: r.provenance.clear(),
}


@pytest.mark.parametrize("write", sorted(WRITES))
def test_a_rule_that_writes_to_the_registry_fails_and_changes_nothing(write: str) -> None:
    def meddle(ctx: RuleContext) -> Iterator[Finding]:
        WRITES[write](ctx.registry)
        return iter(())

    rule = RuleSpec("meddler", meddle, (CodeSpec("MD001", "x", Severity.ERROR, "x"),))
    registry = with_builtins(("meddler", plugin(rules=[rule])))
    assert registry.problems == ()
    osteo = OSTEO_PLAN.format(condition="osteoporosis")
    before = sorted(f.code for f in validate_text(osteo, with_builtins()).findings)
    first = validate_text(osteo, registry)
    assert "X002" in first.codes()
    second = validate_text(osteo, registry)
    assert sorted(f.code for f in second.findings if f.code != "X002") == before
    assert "tapotement" in registry.techniques and "osteoporosis" in registry.conditions


def test_derived_values_are_built_once_per_registry() -> None:
    calls: list[Registry] = []

    def build(registry: Registry) -> int:
        calls.append(registry)
        return len(calls)

    one, two = with_builtins(), with_builtins()
    assert [one.derived(build), one.derived(build), two.derived(build)] == [1, 1, 2]
    assert calls == [one, two]


# ---------------------------------------------------------------- one checker, one layout


def test_a_misspelt_hook_is_a_problem_with_a_suggestion_at_load_and_in_check_plugin() -> None:
    typo = types.SimpleNamespace(massage_technique=hookimpl(lambda: []))  # noqa: PIE807
    registry = build_registry([("typo", typo)], use_entry_points=False)
    (problem,) = registry.problems
    assert "did you mean 'massage_techniques'" in problem.message
    assert any("did you mean 'massage_techniques'" in m for m in check_plugin(typo, registry))


def test_the_testing_package_keeps_its_public_names() -> None:
    import massage_routines.testing as testing
    from massage_routines.testing import checks, strategies

    assert set(testing.__all__) == set(checks.__all__) | set(strategies.__all__)
    for name in testing.__all__:
        assert callable(getattr(testing, name)), name
