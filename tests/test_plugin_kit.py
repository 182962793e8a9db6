"""The plugin kit in code: API versions, needs, selection, style options, tracebacks, checks.

The command line (``new-plugin``, ``compose --opt``, ``-p``, ``--traceback``) is tested in
``test_plugin_kit_cli.py``.
"""

from __future__ import annotations

import pickle
import types

import attrs
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from massage_routines.composition.composer import compose
from massage_routines.composition.request import ComposeError, ComposeRequest
from massage_routines.findings import Finding, Severity
from massage_routines.plugins import discovery, hookimpl
from massage_routines.plugins.api import PLUGIN_API_VERSION, RangeError, in_range, parse_range
from massage_routines.plugins.loading import BUILTIN_DISTRIBUTION, PluginProblem
from massage_routines.plugins.options import option_problems, shaped
from massage_routines.plugins.records import (
    Block,
    CodeSpec,
    DurationRange,
    Move,
    PressureRange,
    RuleSpec,
    SessionShape,
    StyleOption,
    StyleSpec,
    TechniqueSpec,
)
from massage_routines.plugins.registry import build_registry
from massage_routines.plugins.selection import combine, selection, unknown_names
from massage_routines.testing import check_examples, check_plugin, registry_with
from massage_routines.validation.engine import validate, validate_text
from tests.plugin_kit_sports import plugin as sports

pytest_plugins = ["massage_routines.pytest_plugin"]

BUILTIN_POINTS = [p for p in discovery.entry_points() if p.distribution == BUILTIN_DISTRIBUTION]


def plugin(**hooks: object) -> types.SimpleNamespace:
    """A plugin object made in code, with ``hooks`` (functions are marked as hook impls)."""
    return types.SimpleNamespace(**{k: hookimpl(v) if callable(v) else v for k, v in hooks.items()})


def technique(name: str) -> TechniqueSpec:
    return TechniqueSpec(name, PressureRange(1, 3))


def registry(*plugins: tuple[str, object], select: str = "all"):
    return build_registry(list(plugins), select=select, points=BUILTIN_POINTS)


# ---------------------------------------------------------------- 2. API versions


@pytest.mark.parametrize(
    ("version", "spec", "fits"),
    [
        ("1.0", ">=1,<2", True),
        ("1.0", ">=1.1", False),
        ("1.0", "==1", True),
        ("1.0", "==1.0.0", True),
        ("1.0", "!=1.0", False),
        ("1.5", ">1.4, <=1.5", True),
        ("2.0", ">=1,<2", False),
        ("0.9", ">=1,<2", False),
    ],
)
def test_ranges(version, spec, fits):
    assert in_range(version, spec) is fits


@pytest.mark.parametrize("spec", ["", "1", ">=1,", "~=1.0", ">= one", ">=1;<2", None, 1])
def test_a_range_that_cannot_be_read_is_an_error(spec):
    with pytest.raises(RangeError):
        parse_range(spec)


versions = st.lists(st.integers(0, 20), min_size=1, max_size=3)


@given(versions, versions)
def test_ranges_agree_with_comparing_padded_versions(have, bound):
    text_have = ".".join(map(str, have))
    text_bound = ".".join(map(str, bound))
    width = max(len(have), len(bound))
    a, b = have + [0] * (width - len(have)), bound + [0] * (width - len(bound))
    assert in_range(text_have, f">={text_bound}") is (a >= b)
    assert in_range(text_have, f"<{text_bound}") is (a < b)
    assert in_range(text_have, f"=={text_bound}") is (a == b)


def test_a_plugin_outside_its_api_range_is_a_problem_naming_plugin_range_and_version():
    too_new = plugin(massage_routines_api=">=2,<3", massage_techniques=lambda: [technique("x1")])
    reg = registry(("too_new", too_new))
    (problem,) = [p for p in reg.problems if p.plugin == "too_new"]
    assert ">=2,<3" in problem.message and PLUGIN_API_VERSION in problem.message
    assert "too_new" in problem.message
    assert "x1" not in reg.techniques, "the plugin is not loaded"
    assert {p.name: p.status for p in reg.plugins}["too_new"] == "failed"


def test_a_plugin_inside_its_api_range_loads():
    fits = plugin(massage_routines_api=">=1,<2", massage_techniques=lambda: [technique("x2")])
    reg = registry(("fits", fits))
    assert reg.problems == ()
    assert "x2" in reg.techniques


def test_a_malformed_api_range_is_a_problem():
    bad = plugin(massage_routines_api="version one", massage_techniques=lambda: [technique("x3")])
    reg = registry(("bad", bad))
    assert [p.plugin for p in reg.problems] == ["bad"]
    assert "'version one'" in reg.problems[0].message


def test_check_plugin_reports_an_api_mismatch():
    too_new = plugin(massage_routines_api=">=9", massage_techniques=lambda: [technique("x4")])
    (message,) = check_plugin(too_new, registry(), name="too_new")
    assert ">=9" in message and PLUGIN_API_VERSION in message


# ---------------------------------------------------------------- 5. needs


def test_a_deselected_need_is_one_problem_naming_both_plugins():
    reg = registry(("sports", sports), select="-swedish")
    mine = [p for p in reg.problems if p.plugin == "sports"]
    assert len(mine) == 1
    assert "sports" in mine[0].message and "swedish" in mine[0].message
    assert "deselected" in mine[0].message
    assert "sports" not in reg.styles
    assert {p.name: p.status for p in reg.plugins}["sports"] == "failed"
    assert not any("sports" in p.message for p in reg.problems if p.plugin != "sports")


def test_without_its_need_declared_the_same_plugin_gets_one_problem_per_reference():
    """What the declaration saves: the undeclared plugin is blamed once per missing name."""
    undeclared = types.SimpleNamespace(massage_styles=sports.massage_styles)
    reg = registry(("sports", undeclared), select="-swedish")
    assert len([p for p in reg.problems if p.plugin == "sports"]) > 1


def test_a_need_that_is_not_installed_gets_a_suggestion():
    needy = plugin(
        massage_routines_requires=("swedsh",), massage_techniques=lambda: [technique("n")]
    )
    reg = registry(("needy", needy))
    (problem,) = reg.problems
    assert "not installed" in problem.message and "did you mean 'swedish'" in problem.message


def test_needs_are_transitive_and_a_failed_need_counts():
    broken = plugin(massage_techniques=lambda: 1 / 0)
    middle = plugin(massage_routines_requires="broken", massage_techniques=lambda: [technique("m")])
    top = plugin(massage_routines_requires=("middle",), massage_techniques=lambda: [technique("t")])
    reg = registry(("broken", broken), ("middle", middle), ("top", top))
    assert "m" not in reg.techniques and "t" not in reg.techniques
    by_plugin = {p.plugin: p.message for p in reg.problems}
    assert "broken" in by_plugin["middle"] and "middle" in by_plugin["top"]


def test_a_wrong_needs_declaration_is_a_problem():
    odd = plugin(massage_routines_requires=42, massage_techniques=lambda: [technique("o")])
    reg = registry(("odd", odd))
    assert [p.plugin for p in reg.problems] == ["odd"] and "o" not in reg.techniques


def test_builtins_declare_their_needs():
    reg = registry(select="-chair")
    dependants = sorted(p.plugin for p in reg.problems if "needs plugin chair" in p.message)
    assert dependants == ["deep_tissue", "swedish"]
    assert not any(p.plugin == "swedish" and "compression" in p.message for p in reg.problems)
    reg = registry(select="-swedish")
    assert [p.plugin for p in reg.problems if "needs plugin swedish" in p.message] == ["chair"]
    assert [p.plugin for p in reg.problems if "needs plugin chair" in p.message] == ["deep_tissue"]
    assert not any(p.plugin == "chair" and "petrissage" in p.message for p in reg.problems)


# ---------------------------------------------------------------- 7. selection


@pytest.mark.parametrize(
    ("environment", "flags", "expected"),
    [
        (None, [], None),
        ("swedish", [], "swedish"),
        (None, ["no:chair"], "all,-chair"),
        (None, ["NO:Chair", "sites"], "all,-Chair,sites"),
        ("swedish,chair", ["rules"], "swedish,chair,rules"),
        ("none", ["rules"], "rules"),
        ("", ["rules"], "rules"),
        ("none", ["no:rules"], "none"),
        ("", ["no:rules"], "none"),
        ("-chair", ["sites"], "all,-chair,sites"),
        ("all,-chair", ["no:sites"], "all,-chair,-sites"),
        ("-swedish", ["swedish"], "all,swedish"),
        ("swedish", ["no:swedish"], "none"),
        ("swedish", ["no:swedish", "chair"], "-swedish,chair"),
        ("swedish,chair", ["no:Swedish"], "chair,-Swedish"),
    ],
)
def test_flags_combine_with_the_environment(environment, flags, expected):
    assert combine(environment, flags) == expected


NAMES = ("swedish", "chair", "rules", "sites", "sports")


@given(
    st.one_of(
        st.none(),
        st.just("none"),
        st.lists(st.sampled_from([*NAMES, *(f"-{n}" for n in NAMES), "all"])).map(",".join),
    ),
    st.lists(st.tuples(st.booleans(), st.sampled_from(NAMES), st.booleans())),
)
@example("-swedish", [(False, "swedish", False)])
@example("swedish", [(True, "swedish", False)])
def test_flags_always_win_and_exclusions_win_over_everything(environment, raw):
    flags = [("no:" if out else "") + (name.upper() if shout else name) for out, name, shout in raw]
    wanted = selection(combine(environment, flags))
    excluded = {name for out, name, _ in raw if out}
    added = {name for out, name, _ in raw if not out}
    for name in NAMES:
        if name in excluded:
            assert not wanted(name)
        elif name in added:
            assert wanted(name)
        else:  # a name no flag mentions follows the environment
            assert wanted(name) is selection(environment)(name)


def test_names_are_matched_without_regard_to_case():
    wanted = selection("SWEDISH,Chair")
    assert wanted("swedish") and wanted("chair") and not wanted("rules")
    assert not selection("all,-CHAIR")("chair")
    assert unknown_names("SPORTS,-Chair", ["sports", "chair"]) == []


def test_an_unknown_name_gets_a_suggestion():
    [(word, message)] = unknown_names("sprots", ["sports", "chair"])
    assert word == "sprots" and "did you mean 'sports'" in message


# ---------------------------------------------------------------- 3. tracebacks


def test_a_plugin_problem_keeps_its_exception_out_of_eq_hash_and_repr():
    def fails():
        raise RuntimeError("kiln is offline")

    reg = registry(("kiln", plugin(massage_techniques=fails)))
    (problem,) = reg.problems
    assert isinstance(problem.exception, RuntimeError)
    assert problem == PluginProblem(problem.plugin, problem.message)
    assert hash(problem) == hash(PluginProblem(problem.plugin, problem.message))
    assert "exception" not in repr(problem)
    text = problem.traceback()
    assert text is not None and "in fails" in text and "kiln is offline" in text
    assert PluginProblem("p", "m").traceback() is None


def test_a_crashing_rule_keeps_its_traceback_on_the_finding_and_it_pickles():
    def crash(ctx):
        raise ZeroDivisionError("the rule divides by nought")

    code = CodeSpec("KT900", "crash", Severity.ERROR, "never given")
    rules = plugin(massage_rules=lambda: [RuleSpec("crashing_rule", crash, codes=(code,))])
    reg = registry(("crashing", rules))
    report = validate_text(PLAN, reg)
    (finding,) = [f for f in report.findings if f.code == "X002"]
    assert finding.traceback is not None
    assert "in crash" in finding.traceback and "ZeroDivisionError" in finding.traceback
    assert "traceback" not in repr(finding)
    assert finding == attrs.evolve(finding, traceback=None)
    again = pickle.loads(pickle.dumps(report))
    assert again == report
    assert [f.traceback for f in again.findings] == [f.traceback for f in report.findings]


def test_findings_have_no_traceback_by_default():
    assert Finding("V001", Severity.ERROR, "m").traceback is None


# ---------------------------------------------------------------- 4. testing kit

#: A valid Swedish plan (warnings allowed), and the rule's examples built on it.
PLAN = """\
format: massage-routine/1
name: Back
style: swedish
duration: 20m
position: prone
steps:
  - technique: effleurage
    region: back
    pressure: light
    duration: 5m
  - technique: petrissage
    region: back.upper
    pressure: 2
    duration: 8m
  - technique: effleurage
    region: back
    pressure: 2
    duration: 7m
"""
LONG = PLAN.replace("duration: 8m", "duration: 9m").replace("duration: 20m", "duration: 21m")


def long_petrissage(ctx):
    for i, step in ctx.steps():
        if step.technique == "petrissage" and step.duration.milliseconds > 8 * 60_000:
            yield ctx.warning("KT001", "a long petrissage step", ctx.step_path(i, "duration"))


def rule_plugin(fails: str, passes: str) -> types.SimpleNamespace:
    code = CodeSpec(
        "KT001", "long-petrissage", Severity.WARNING, "long", fails=fails, passes=passes
    )
    return plugin(
        massage_rules=lambda: [RuleSpec("long_petrissage", long_petrissage, codes=(code,))]
    )


def test_the_example_plan_is_clean():
    assert validate_text(PLAN, registry()).findings == ()


def test_check_plugin_runs_the_code_examples_and_accepts_good_ones():
    assert check_plugin(rule_plugin(LONG, PLAN), name="long") == []


def test_check_plugin_reports_a_failing_example_that_does_not_fail():
    problems = check_plugin(rule_plugin(PLAN, PLAN), name="long")
    assert problems == [
        "rule 'long_petrissage': KT001: the failing example gives nothing, not KT001"
    ]


def test_check_plugin_reports_a_passing_example_that_gives_the_code():
    problems = check_plugin(rule_plugin(LONG, LONG), name="long")
    assert problems == ["rule 'long_petrissage': KT001: the passing example gives KT001"]


def test_check_plugin_reports_a_passing_example_that_is_invalid():
    invalid = PLAN.replace("pressure: 2\n    duration: 8m", "pressure: 5\n    duration: 8m")
    (problem,) = check_plugin(rule_plugin(LONG, invalid), name="long")
    assert "the passing example is not valid" in problem


def test_check_examples_will_not_run_on_a_broken_registry():
    broken = registry(("broken", plugin(massage_techniques=lambda: 1 / 0)))
    (message,) = check_examples([], broken)
    assert "could not be run" in message


def test_registry_with_can_leave_other_installed_plugins_out(tmp_path, monkeypatch):
    """Another installed package's problem breaks registry_with() but not installed=False."""
    (tmp_path / "massage_broken_other.py").write_text("raise RuntimeError('broken on import')\n")
    meta = tmp_path / "massage_broken_other-1.0.dist-info"
    meta.mkdir()
    (meta / "METADATA").write_text("Name: massage-broken-other\nVersion: 1.0\n\n")
    (meta / "entry_points.txt").write_text(
        "[massage_routines]\nbroken_other = massage_broken_other\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    assert [p.plugin for p in registry_with(sports, "sports").problems] == ["broken_other"]
    alone = registry_with(sports, "sports", installed=False)
    assert alone.problems == ()
    assert "sports" in alone.styles and "broken_other" not in {p.name for p in alone.plugins}


@pytest.mark.massage_plugin("tests.plugin_kit_sports.plugin", name="sports")
def test_the_pytest_fixtures_use_the_marked_plugin(
    massage_registry, validate_plan_text, compose_request
):
    assert "sports" in massage_registry.styles
    assert {p.distribution for p in massage_registry.plugins} == {BUILTIN_DISTRIBUTION, ""}
    assert validate_plan_text(PLAN).valid
    assert not validate_plan_text(PLAN.replace("swedish", "sprots")).valid
    routine = compose_request("sports", "30m", options={"timing": "pre_event"})
    assert routine.style == "sports" and "tapotement" in {s.technique for s in routine.steps}


def test_without_a_plugin_the_fixture_registry_is_the_builtins(massage_registry):
    assert {p.distribution for p in massage_registry.plugins} == {BUILTIN_DISTRIBUTION}
    assert "swedish" in massage_registry.styles and massage_registry.problems == ()


# ---------------------------------------------------------------- 6. style options

REG = registry_with(sports, "sports", installed=False)


def techniques_of(routine) -> set[str]:
    return {step.technique for step in routine.steps}


def test_the_option_selects_the_blocks_both_ways():
    pre = compose(ComposeRequest("sports", "30m", options={"timing": "pre_event"}), REG)
    post = compose(ComposeRequest("sports", "30m", options={"timing": "post_event"}), REG)
    default = compose(ComposeRequest("sports", "30m"), REG)
    assert "tapotement" in techniques_of(pre) and "tapotement" not in techniques_of(post)
    assert default.steps == post.steps, "the default is post_event"
    for routine in (pre, post):
        assert validate(routine, REG).valid and str(routine.total) == "30m"


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ({"timng": "pre_event"}, "has no option 'timng' (did you mean 'timing'?)"),
        ({"timing": "pre_evnt"}, "not 'pre_evnt' (did you mean 'pre_event'?)"),
    ],
)
def test_an_unknown_option_or_value_is_a_compose_error_with_a_suggestion(options, expected):
    with pytest.raises(ComposeError) as caught:
        compose(ComposeRequest("sports", "30m", options=options), REG)
    assert any(expected in reason for reason in caught.value.reasons)


def test_a_style_without_options_refuses_any():
    (problem,) = option_problems(REG.styles["swedish"], {"timing": "pre_event"})
    assert "its options are none" in problem


@pytest.mark.parametrize(
    ("options", "error"),
    [("timing=pre_event", TypeError), ({"timing": 1}, TypeError), ({1: "x"}, TypeError)],
)
def test_request_options_are_strict(options, error):
    with pytest.raises(error, match=r"ComposeRequest\.options"):
        ComposeRequest("sports", "30m", options=options)


def test_request_options_are_copied_and_compared():
    given_options = {"timing": "pre_event"}
    request = ComposeRequest("sports", "30m", options=given_options)
    given_options["timing"] = "post_event"
    assert request.options == {"timing": "pre_event"}
    assert request != ComposeRequest("sports", "30m", options=given_options)
    assert hash(request) == hash(ComposeRequest("sports", "30m", options=given_options))
    assert pickle.loads(pickle.dumps(request)) == request


def test_shaped_keeps_blocks_without_when():
    style = REG.styles["sports"]
    regions = [b.region for b in shaped(style, {"timing": "pre_event"}).shape.blocks]
    assert regions == ["leg", "back"]
    assert shaped(REG.styles["swedish"], {}) is REG.styles["swedish"]


def test_a_style_option_default_must_be_one_of_its_values():
    with pytest.raises(ValueError, match="default 'x' is not one of its values"):
        StyleOption("timing", ("a", "b"), "x")


def style_with(blocks: tuple[Block, ...], options: tuple[StyleOption, ...]) -> StyleSpec:
    return StyleSpec(
        "kit_style",
        positions=("prone",),
        session_length=DurationRange("15m", "60m"),
        techniques=("effleurage",),
        shape=SessionShape(blocks, pattern=(Move("effleurage", PressureRange(1, 2)),)),
        options=options,
    )


@pytest.mark.parametrize(
    ("blocks", "options", "expected"),
    [
        (
            (Block("back", when={"timng": "a"}),),
            (StyleOption("timing", ("a", "b"), "a"),),
            "when names 'timng', which is no option of the style (did you mean 'timing'?)",
        ),
        (
            (Block("back", when={"timing": "c"}),),
            (StyleOption("timing", ("a", "b"), "a"),),
            "when timing='c' is not one of the option's values (a, b)",
        ),
        (
            (Block("back", when={"timing": "a"}),),
            (StyleOption("timing", ("a", "b"), "a"),),
            "with timing=b its shape has no block",
        ),
        ((Block("back"),), (StyleOption("Timing", ("a",), "a"),), "'Timing' is not a lower_snake"),
    ],
)
def test_incoherent_options_are_plugin_problems(blocks, options, expected):
    reg = registry(("kit", plugin(massage_styles=lambda: [style_with(blocks, options)])))
    assert any(expected in p.message for p in reg.problems), reg.problems


def test_coherent_options_are_no_problem():
    options = (StyleOption("timing", ("a", "b"), "a"),)
    blocks = (Block("back", when={"timing": "a"}), Block("leg", when={"timing": ("a", "b")}))
    reg = registry(("kit", plugin(massage_styles=lambda: [style_with(blocks, options)])))
    assert reg.problems == ()
