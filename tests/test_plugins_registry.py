"""The registry and plugin discovery: entry points, selection, failing closed, and the helpers of
``massage_routines.testing`` that plugin authors use.

Plugins here are registered in code (``build_registry(plugins=...)``) or through made-up entry
points (``build_registry(points=...)``) to temporary modules, so the tests do not depend on what
else is installed; the built-in entry points are used where the real ones matter.
"""

from __future__ import annotations

import importlib
import sys
import textwrap
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from massage_routines.model import Condition, Duration, Position, Pressure, Region, Routine, Step
from massage_routines.model.regions import matches_pattern
from massage_routines.plugins import discovery, hookimpl
from massage_routines.plugins.discovery import GROUP, EntryPoint
from massage_routines.plugins.records import (
    AT_REGION,
    Avoid,
    Block,
    Cap,
    ConditionSpec,
    DurationRange,
    Forbid,
    ForbidPosition,
    Move,
    PressureRange,
    RegionSpec,
    SessionShape,
    SiteSpec,
    StyleSpec,
    TechniqueSpec,
    Warn,
)
from massage_routines.plugins.registry import (
    BUILTIN_DISTRIBUTION,
    ENV_VAR,
    Registry,
    build_registry,
)
from massage_routines.testing import (
    check_plugin,
    check_records,
    clients,
    durations,
    pressures,
    regions,
    registry_with,
    routines,
    steps,
)
from massage_routines.validation.engine import validate

if TYPE_CHECKING:
    from massage_routines.findings import Report

ROOT = Path(__file__).resolve().parents[1]
HOT_STONE_SRC = ROOT / "examples" / "plugin-hot-stone" / "src"

BUILTIN_POINTS = [p for p in discovery.entry_points() if p.distribution == BUILTIN_DISTRIBUTION]
BUILTIN_NAMES = sorted(p.name for p in BUILTIN_POINTS)


# ---------------------------------------------------------------- plugins made in code


class Kit:
    """A small, coherent plugin of its own (names no built-in plugin uses)."""

    @hookimpl
    def massage_regions(self):
        return [RegionSpec("back.upper.testzone", "a finer region for tests")]

    @hookimpl
    def massage_techniques(self):
        return [
            TechniqueSpec(
                "kit_glide",
                PressureRange(1, 4),
                never_on=("neck.anterior", "leg.*.knee_back"),
                step_length=DurationRange("30s", "10m"),
            ),
            TechniqueSpec(
                "kit_press",
                PressureRange(3, 5),
                positions=("seated", "prone"),
                step_length=DurationRange("30s", "2m"),
                family="kit_deep",
            ),
        ]

    @hookimpl
    def massage_styles(self):
        return [
            StyleSpec(
                "kit_style",
                positions=("prone", "supine"),
                session_length=DurationRange("10m", "60m"),
                techniques=("kit_glide", "kit_press"),
                shape=SessionShape(
                    blocks=(Block("back", 2), Block("back.upper.testzone")),
                    pattern=(Move("kit_glide", PressureRange(1, 2)),),
                ),
                reaches=("back", "leg"),
            )
        ]

    @hookimpl
    def massage_conditions(self):
        return [
            ConditionSpec("kit_sore", effects=(Cap(1, AT_REGION),), region="required"),
            ConditionSpec(
                "kit_expecting",
                effects=(ForbidPosition("prone", trimesters=frozenset({2, 3})),),
                trimester=True,
            ),
            ConditionSpec(
                "kit_sensitive", effects=(Forbid("kit_deep", AT_REGION),), region="optional"
            ),
            ConditionSpec("kit_tired", effects=(Warn("go gently"),)),
        ]


def technique_plugin(*specs):
    """An object whose ``massage_techniques`` returns ``specs``."""

    class Plugin:
        @hookimpl
        def massage_techniques(self):
            return list(specs)

    return Plugin()


class RaisingHook:
    @hookimpl
    def massage_techniques(self):
        raise ValueError("the stone table is cold")


class WrongType:
    @hookimpl
    def massage_techniques(self):
        return ["effleurage"]


class WrongRecord:
    @hookimpl
    def massage_techniques(self):
        return [RegionSpec("back.upper.oops")]


class NotIterable:
    @hookimpl
    def massage_styles(self):
        return 42


def a_routine(technique="kit_glide", style="kit_style", region="back", pressure=2):
    return Routine(
        "test",
        style,
        (Step(technique, Region(region), Pressure(pressure), Duration.parse("5m")),),
        position=Position.PRONE,
    )


def problem_text(registry: Registry) -> str:
    return "\n".join(p.message for p in registry.problems)


def x001(report: Report) -> list[str]:
    return [f.message for f in report.findings if f.code == "X001" and f.is_error]


@pytest.fixture
def module_dir(tmp_path, monkeypatch):
    """A directory on ``sys.path`` for temporary plugin modules; ``write(name, source)``."""
    directory = tmp_path / "modules"
    directory.mkdir()
    monkeypatch.syspath_prepend(str(directory))
    written: list[str] = []

    def write(name: str, source: str) -> str:
        (directory / f"{name}.py").write_text(textwrap.dedent(source), encoding="utf-8")
        importlib.invalidate_caches()
        written.append(name)
        return name

    yield write
    for name in written:
        sys.modules.pop(name, None)


# ---------------------------------------------------------------- (a) discovery


def stdlib_points() -> set[tuple[str, str, str]]:
    return {
        (p.name, p.value, p.dist.metadata["Name"] if p.dist is not None else "?")
        for p in metadata.entry_points(group=GROUP)
    }


def our_points() -> set[tuple[str, str, str]]:
    return {(p.name, p.value, p.distribution) for p in discovery.entry_points()}


def test_discovery_agrees_with_importlib_metadata_here():
    ours = our_points()
    assert ours == stdlib_points()
    # The built-in plugins register through the same group, so this environment has some.
    assert {name for name, _, dist in ours if dist == BUILTIN_DISTRIBUTION} >= {
        "swedish",
        "deep_tissue",
        "chair",
        "conditions",
        "sites",
        "rules",
    }


def write_dist(
    site: Path, dirname: str, name: str, version: str, entry_points: str | None, *, egg=False
) -> None:
    meta = site / dirname
    meta.mkdir(parents=True)
    header = f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n\nlong description\n"
    (meta / ("PKG-INFO" if egg else "METADATA")).write_text(header, encoding="utf-8")
    if entry_points is not None:
        (meta / "entry_points.txt").write_text(textwrap.dedent(entry_points), encoding="utf-8")


def test_discovery_agrees_with_importlib_metadata_on_tricky_distributions(tmp_path, monkeypatch):
    early, late = tmp_path / "early", tmp_path / "late"
    # A distribution whose name is spelt differently in its directory and its metadata, with
    # comments, other groups and a `module:attr` value.
    write_dist(
        early,
        "Fancy_Plugin-1.2.dist-info",
        "Fancy.Plugin",
        "1.2",
        """\
        # a comment
        [console_scripts]
        fancy = fancy.cli:main

        [massage_routines]
        fancy = fancy.plugin:PLUGIN
        fancy_extra = fancy.extra
        """,
    )
    # The same distribution later on the path (another spelling): the first one wins.
    write_dist(
        late, "fancy_plugin-0.1.dist-info", "fancy_plugin", "0.1", "[massage_routines]\nold = x\n"
    )
    # A distribution without entry points still shadows a later one of the same name.
    write_dist(early, "quiet-1.0.dist-info", "quiet", "1.0", None)
    write_dist(late, "quiet-0.9.dist-info", "quiet", "0.9", "[massage_routines]\nloud = loud\n")
    # An old-style egg-info directory.
    write_dist(
        late,
        "eggy.egg-info",
        "eggy",
        "3.0",
        "[massage_routines]\neggy = eggy.plugin\n",
        egg=True,
    )
    monkeypatch.syspath_prepend(str(late))
    monkeypatch.syspath_prepend(str(early))

    ours = our_points()
    assert ours == stdlib_points()
    assert ("fancy", "fancy.plugin:PLUGIN", "Fancy.Plugin") in ours
    assert ("fancy_extra", "fancy.extra", "Fancy.Plugin") in ours
    assert ("eggy", "eggy.plugin", "eggy") in ours
    assert not {name for name, _, _ in ours} & {"old", "loud", "fancy = fancy.cli:main"}
    (fancy,) = [p for p in discovery.entry_points() if p.name == "fancy"]
    assert (fancy.module, fancy.attr, fancy.version) == ("fancy.plugin", "PLUGIN", "1.2")


def test_discovery_with_an_explicit_path_reads_only_that_path(tmp_path):
    write_dist(tmp_path, "solo-1.0.dist-info", "solo", "1.0", "[massage_routines]\nsolo = solo\n")
    assert discovery.entry_points(path=[str(tmp_path)]) == [
        EntryPoint("solo", "solo", "solo", "1.0")
    ]
    assert discovery.entry_points(path=[str(tmp_path / "missing")]) == []


# ---------------------------------------------------------------- (b) selection


def statuses(registry: Registry) -> dict[str, str]:
    return {p.name: p.status for p in registry.plugins}


@pytest.mark.parametrize(
    ("select", "loaded"),
    [
        ("all", BUILTIN_NAMES),
        (" all ", BUILTIN_NAMES),
        ("none", []),
        ("", []),
        (" , ", []),
        ("sites,rules", ["rules", "sites"]),
        (" sites , rules ", ["rules", "sites"]),
        ("SITES,Rules", ["rules", "sites"]),
        ("sites", ["sites"]),
        ("-deep_tissue", [n for n in BUILTIN_NAMES if n != "deep_tissue"]),
        ("-deep_tissue,-sites", [n for n in BUILTIN_NAMES if n not in ("deep_tissue", "sites")]),
        ("all,-deep_tissue", [n for n in BUILTIN_NAMES if n != "deep_tissue"]),
        ("all,-DEEP_TISSUE", [n for n in BUILTIN_NAMES if n != "deep_tissue"]),
        ("sites,-sites", []),
        ("no_such_plugin", []),
    ],
)
def test_selection(select, loaded):
    registry = build_registry(select=select, points=BUILTIN_POINTS)
    got = statuses(registry)
    assert sorted(got) == BUILTIN_NAMES, "every installed plugin is listed, loaded or not"
    assert sorted(n for n, s in got.items() if s == "loaded") == loaded
    assert all(s in ("loaded", "deselected") for s in got.values())


def test_selection_comes_from_the_environment_when_not_given(monkeypatch):
    monkeypatch.setenv(ENV_VAR, "sites")
    assert statuses(build_registry(points=BUILTIN_POINTS))["sites"] == "loaded"
    assert statuses(build_registry(points=BUILTIN_POINTS))["swedish"] == "deselected"
    # An explicit selection wins over the environment.
    assert statuses(build_registry(select="all", points=BUILTIN_POINTS))["swedish"] == "loaded"
    monkeypatch.delenv(ENV_VAR)
    assert set(statuses(build_registry(points=BUILTIN_POINTS)).values()) == {"loaded"}


def test_selection_applies_to_plugins_registered_in_code():
    registry = build_registry([("kit", Kit())], use_entry_points=False, select="-kit")
    assert statuses(registry) == {"kit": "deselected"}
    assert "kit_glide" not in registry.techniques
    registry = build_registry([("kit", Kit())], use_entry_points=False, select="kit")
    assert statuses(registry) == {"kit": "loaded"}
    assert "kit_glide" in registry.techniques


def test_deselected_plugins_provide_nothing():
    registry = build_registry(select="-swedish", points=BUILTIN_POINTS)
    everything = build_registry(select="all", points=BUILTIN_POINTS)
    swedish = {
        name for (kind, name), info in everything.provenance.items() if info.name == "swedish"
    }
    assert not any(info.name == "swedish" for info in registry.provenance.values())
    assert not swedish & set(registry.styles)


def test_a_deselected_builtin_is_a_warning_on_every_report():
    registry = build_registry(select="-chair", points=BUILTIN_POINTS)
    report = validate(a_routine("effleurage", "swedish"), registry)
    deselected = [f for f in report.findings if f.code == "X004"]
    assert deselected
    assert all(not f.is_error for f in deselected)
    assert any("chair" in f.message for f in deselected)
    assert all("-p no:chair" in f.message for f in deselected)  # how it was left out, either way


def test_selecting_nothing_leaves_no_plan_valid():
    registry = build_registry(select="none", points=BUILTIN_POINTS)
    assert not registry.rules
    report = validate(a_routine("effleurage", "swedish"), registry)
    assert not report.valid
    assert "X005" in report.codes()


# ---------------------------------------------------------------- (c) duplicates


def test_two_plugins_with_the_same_technique_are_a_problem_naming_both():
    registry = build_registry(
        [
            ("alpha", technique_plugin(TechniqueSpec("dup", PressureRange(1, 2)))),
            ("beta", technique_plugin(TechniqueSpec("dup", PressureRange(2, 3)))),
            ("kit", Kit()),
        ],
        use_entry_points=False,
    )
    assert len(registry.problems) == 1
    (problem,) = registry.problems
    assert "'dup'" in problem.message
    assert "alpha" in problem.message
    assert "beta" in problem.message
    assert ENV_VAR in problem.message, "the message says how to get out"
    assert "dup" not in registry.techniques, "neither record of a conflict is used"
    (conflict,) = registry.conflicts
    assert (conflict.kind, conflict.name, conflict.plugins) == (
        "technique",
        "dup",
        ("alpha", "beta"),
    )

    report = validate(a_routine(), registry)
    assert not report.valid
    messages = x001(report)
    assert messages
    assert any("alpha" in m and "beta" in m for m in messages)


def test_a_plugin_redefining_a_builtin_technique_is_a_problem():
    builtin = build_registry(select="all", points=BUILTIN_POINTS)
    assert "effleurage" in builtin.techniques  # the built-in record the copycat redefines
    registry = build_registry(
        [("copycat", technique_plugin(TechniqueSpec("effleurage", PressureRange(1, 5))))],
        select="all",
        points=BUILTIN_POINTS,
    )
    text = problem_text(registry)
    assert "'effleurage'" in text
    assert "swedish" in text
    assert BUILTIN_DISTRIBUTION in text
    assert "copycat" in text
    assert not validate(a_routine("effleurage", "swedish"), registry).valid


def test_on_a_duplicate_neither_plugin_keeps_the_name_and_the_newcomer_has_the_problem():
    registry = build_registry(
        [
            ("alpha", technique_plugin(TechniqueSpec("dup", PressureRange(1, 2)))),
            ("beta", technique_plugin(TechniqueSpec("dup", PressureRange(2, 3)))),
        ],
        use_entry_points=False,
    )
    assert "dup" not in registry.techniques
    assert registry.provider("technique", "dup") is None
    assert [p.plugin for p in registry.problems] == ["beta"]


def test_two_entry_points_with_the_same_name_are_a_problem(module_dir):
    module_dir("mr_test_twin_one", "")
    module_dir("mr_test_twin_two", "")
    registry = build_registry(
        select="all",
        points=[
            EntryPoint("twin", "mr_test_twin_one", "twin-one", "1.0"),
            EntryPoint("twin", "mr_test_twin_two", "twin-two", "2.0"),
        ],
    )
    text = problem_text(registry)
    assert "twin-one" in text
    assert "twin-two" in text


def test_two_plugins_with_the_same_region_style_or_condition():
    class Again(Kit):
        pass

    registry = build_registry([("kit", Kit()), ("again", Again())], use_entry_points=False)
    text = problem_text(registry)
    for kind, name in [
        ("region", "back.upper.testzone"),
        ("technique", "kit_glide"),
        ("style", "kit_style"),
        ("condition", "kit_sore"),
    ]:
        assert f"{kind} {name!r}" in text


# ---------------------------------------------------------------- (d) a plugin that fails to import


def test_a_plugin_that_raises_on_import(module_dir):
    module = module_dir(
        "mr_test_raises_on_import",
        """\
        raise RuntimeError("the stones are too hot")
        """,
    )
    points = [*BUILTIN_POINTS, EntryPoint("raiser", module, "raiser-dist", "1.0")]
    registry = build_registry(select="all", points=points)

    info = {p.name: p for p in registry.plugins}
    assert info["raiser"].status == "failed"
    assert "RuntimeError" in (info["raiser"].error or "")
    assert "too hot" in (info["raiser"].error or "")
    raiser_problems = [p for p in registry.problems if p.plugin == "raiser"]
    assert raiser_problems
    assert all("raiser-dist" in p.message for p in raiser_problems)
    assert any("too hot" in p.message for p in raiser_problems)
    # The other plugins still load.
    assert all(info[name].status == "loaded" for name in BUILTIN_NAMES)
    assert len(registry.problems) == len(raiser_problems)

    report = validate(a_routine("effleurage", "swedish"), registry)
    assert not report.valid
    assert any("raiser-dist" in m and "too hot" in m for m in x001(report))


@pytest.mark.parametrize(
    ("value", "cause"),
    [
        ("mr_test_no_such_module_anywhere", "ModuleNotFoundError"),
        ("mr_test_plain_module:missing_attribute", "AttributeError"),
        ("mr_test_bad_syntax", "SyntaxError"),
    ],
)
def test_other_import_failures(module_dir, value, cause):
    module_dir("mr_test_plain_module", "X = 1\n")
    module_dir("mr_test_bad_syntax", "def (:\n")
    registry = build_registry(
        select="all", points=[EntryPoint("broken", value, "broken-dist", "0.1")]
    )
    (info,) = registry.plugins
    assert info.status == "failed"
    assert cause in (info.error or "")
    assert any("broken-dist" in p.message and cause in p.message for p in registry.problems)


def test_a_plugin_object_named_by_module_and_attribute_loads(module_dir):
    module = module_dir(
        "mr_test_attr_plugin",
        """\
        from massage_routines.plugins import hookimpl
        from massage_routines.plugins.records import PressureRange, TechniqueSpec

        class _Plugin:
            @hookimpl
            def massage_techniques(self):
                return [TechniqueSpec("attr_stroke", PressureRange(1, 2))]

        PLUGIN = _Plugin()
        """,
    )
    registry = build_registry(
        select="all", points=[EntryPoint("attr", f"{module}:PLUGIN", "attr-dist", "1.0")]
    )
    assert registry.problems == ()
    info = registry.provider("technique", "attr_stroke")
    assert info is not None
    assert (info.name, info.distribution, info.version) == ("attr", "attr-dist", "1.0")


# ---------------------------------------------------------------- (e) hooks that misbehave


@pytest.mark.parametrize(
    ("plugin", "words"),
    [
        (RaisingHook(), ["massage_techniques", "ValueError", "stone table is cold"]),
        (WrongType(), ["massage_techniques", "str", "TechniqueSpec"]),
        (WrongRecord(), ["massage_techniques", "RegionSpec", "TechniqueSpec"]),
        (NotIterable(), ["massage_styles", "TypeError"]),
    ],
)
def test_a_misbehaving_hook_is_a_problem_and_no_plan_is_valid(plugin, words):
    registry = build_registry([("kit", Kit()), ("bad", plugin)], use_entry_points=False)
    info = {p.name: p for p in registry.plugins}
    assert info["bad"].status == "failed"
    assert info["kit"].status == "loaded"
    bad = [p for p in registry.problems if p.plugin == "bad"]
    assert bad
    for word in words:
        assert any(word in p.message for p in bad), (word, bad)
    # What the good plugin provides is still there.
    assert "kit_glide" in registry.techniques
    report = validate(a_routine(), registry)
    assert not report.valid
    assert x001(report)


def test_records_that_refer_to_names_nobody_provides_are_problems():
    class Dangling:
        @hookimpl
        def massage_styles(self):
            return [
                StyleSpec(
                    "dangling",
                    positions=("prone",),
                    session_length=DurationRange("10m", "20m"),
                    techniques=("kit_glide", "no_such_stroke"),
                    shape=SessionShape(blocks=(Block("back"),), pattern=()),
                )
            ]

        @hookimpl
        def massage_conditions(self):
            return [ConditionSpec("dangling_condition", effects=(Forbid("no_such_family"),))]

        @hookimpl
        def massage_sites(self):
            return [SiteSpec("nowhere", "leg.*.ankle", "nothing", cap=1)]

    registry = build_registry([("kit", Kit()), ("dangling", Dangling())], use_entry_points=False)
    text = problem_text(registry)
    assert "no_such_stroke" in text
    assert "no_such_family" in text
    assert "leg.*.ankle" in text
    assert not validate(a_routine(), registry).valid


def test_a_misspelt_hook_is_a_problem():
    class Typo:
        @hookimpl
        def massage_technique(self):
            return [TechniqueSpec("never_seen", PressureRange(1, 2))]

    registry = build_registry([("kit", Kit()), ("typo", Typo())], use_entry_points=False)
    assert {p.name: p.status for p in registry.plugins}["typo"] == "failed"
    assert "massage_technique" in problem_text(registry)
    assert "never_seen" not in registry.techniques
    assert not validate(a_routine(), registry).valid


def test_a_region_without_a_parent_is_a_problem():
    class Orphan:
        @hookimpl
        def massage_regions(self):
            return [RegionSpec("tail.tip")]

    registry = build_registry([("orphan", Orphan())], use_entry_points=False)
    assert "tail.tip" in problem_text(registry)
    assert "tail.tip" not in registry.regions


# ---------------------------------------------------------------- (f) deselecting the broken plugin


def test_deselecting_the_failed_plugin_makes_plans_valid_again(module_dir):
    module = module_dir("mr_test_raises_again", 'raise ImportError("no stones here")\n')
    points = [*BUILTIN_POINTS, EntryPoint("raiser", module, "raiser-dist", "1.0")]
    plan = Routine(
        "back",
        "swedish",
        (
            Step("effleurage", Region("back"), Pressure(2), Duration.parse("5m")),
            Step("petrissage", Region("back"), Pressure(3), Duration.parse("10m")),
            Step("effleurage", Region("back"), Pressure(2), Duration.parse("5m")),
        ),
        position=Position.PRONE,
    )

    broken = build_registry(select="all", points=points)
    assert not validate(plan, broken).valid
    assert x001(validate(plan, broken))

    fixed = build_registry(select="-raiser", points=points)
    assert {p.name: p.status for p in fixed.plugins}["raiser"] == "deselected"
    assert fixed.problems == ()
    report = validate(plan, fixed)
    assert "X001" not in report.codes()
    assert report.valid, report.findings


# ------------------------------------------------------------ massage_routines.testing: checks


def test_check_plugin_passes_a_coherent_plugin():
    assert check_plugin(Kit()) == []
    assert check_plugin(Kit(), build_registry(use_entry_points=False)) == []


def test_check_plugin_on_the_hot_stone_example(monkeypatch):
    monkeypatch.syspath_prepend(str(HOT_STONE_SRC))
    plugin = importlib.import_module("massage_hot_stone.plugin")
    try:
        assert check_plugin(plugin) == []
        registry = registry_with(plugin, "hot_stone")
        assert registry.problems == ()
        provider = registry.provider("style", "hot_stone")
        assert provider is not None
        assert provider.name == "hot_stone"
    finally:
        for name in ("massage_hot_stone.plugin", "massage_hot_stone"):
            sys.modules.pop(name, None)


def test_check_plugin_does_not_count_the_plugins_own_records_as_duplicates():
    kit = Kit()
    registry = build_registry([("kit", kit)], use_entry_points=False)
    assert check_plugin(kit, registry) == []
    # A second copy registered under another name is another plugin: every name is a duplicate.
    assert check_plugin(Kit(), registry, name="other")


def test_check_plugin_reports_hooks_that_misbehave():
    class Sloppy:
        def massage_techniques(self):  # not marked: never called
            return []

        @hookimpl
        def massage_technique(self):  # misspelt: no such hook
            return []

        @hookimpl
        def massage_styles(self):
            raise RuntimeError("oops")

        @hookimpl
        def massage_conditions(self):
            return [TechniqueSpec("x", PressureRange(1, 2))]

    problems = "\n".join(check_plugin(Sloppy(), build_registry(use_entry_points=False)))
    assert "massage_techniques() is not marked with @hookimpl" in problems
    assert "massage_technique() is marked @hookimpl but is no hook" in problems
    assert "did you mean 'massage_techniques'" in problems
    assert "massage_styles() raised RuntimeError: oops" in problems
    assert "massage_conditions() returned TechniqueSpec, not ConditionSpec" in problems


def kit_registry() -> Registry:
    return build_registry([("kit", Kit())], use_entry_points=False)


def find(problems: list[str], *words: str) -> bool:
    return any(all(w in p for w in words) for p in problems)


def test_check_records_duplicates():
    glide = TechniqueSpec("kit_glide", PressureRange(1, 2))
    assert find(check_records([glide], kit_registry()), "'kit_glide'", "kit")
    twice = check_records([TechniqueSpec("a", PressureRange(1, 2))] * 2)
    assert find(twice, "technique 'a'", "twice")
    assert find(check_records([RegionSpec("back.upper")]), "'back.upper'", "already")


def test_check_records_pressures_and_positions_that_bypassed_the_records_checks():
    spec = TechniqueSpec("bent", PressureRange(1, 2))
    out_of_range = PressureRange(1, 2)
    object.__setattr__(out_of_range, "high", 7)
    inverted = PressureRange(1, 2)
    object.__setattr__(inverted, "low", Pressure(4))
    bad = [
        attrs.evolve(spec, name="too_high"),
        attrs.evolve(spec, name="inverted"),
        attrs.evolve(spec, name="standing"),
    ]
    object.__setattr__(bad[0], "pressure", out_of_range)
    object.__setattr__(bad[1], "pressure", inverted)
    object.__setattr__(bad[2], "positions", ("standing",))
    problems = check_records(bad)
    assert find(problems, "'too_high'", "7", "0-5")
    assert find(problems, "'inverted'", "low 4 is above high 2")
    assert find(problems, "'standing'", "'standing' is not a position")


def test_check_records_unknown_regions():
    problems = check_records(
        [
            TechniqueSpec("t", PressureRange(1, 2), never_on=("neck.anterio", "leg.*.knee_back")),
            SiteSpec("s", "arm.*.elbow", "ulnar nerve", cap=1),
            RegionSpec("tail.tip"),
        ]
    )
    assert find(problems, "technique 't'", "'neck.anterio'", "did you mean 'neck.anterior'")
    assert not find(problems, "knee_back")
    assert find(problems, "site 's'", "'arm.*.elbow'")
    assert find(problems, "region 'tail.tip'", "no parent")


def test_check_records_styles():
    registry = kit_registry()
    style = StyleSpec(
        "odd",
        positions=("supine",),
        session_length=DurationRange("10m", "20m"),
        techniques=("kit_glide", "kit_press", "kit_glyde"),
        shape=SessionShape(
            blocks=(Block("back", position="prone"), Block("leg.left.ankle")),
            pattern=(
                Move("kit_glide", PressureRange(3, 5)),
                Move("kit_other", PressureRange(1, 1)),
            ),
            link=Move("kit_press", PressureRange(3, 4)),
        ),
        reaches=("back",),
    )
    problems = check_records([style], registry)
    assert find(problems, "'kit_glyde'", "no plugin provides", "did you mean 'kit_glide'")
    assert find(problems, "'kit_press'", "cannot be done in any of its positions")
    assert find(problems, "block 0", "position prone")
    assert find(problems, "'leg.left.ankle'", "not a known region")
    assert find(problems, "'leg.left.ankle'", "does not reach")
    assert find(problems, "pattern move 0", "3-5", "outside 'kit_glide'", "1-4")
    assert find(problems, "pattern move 1", "'kit_other'", "no plugin provides")
    assert len(check_records([style], registry)) == len(problems)


def test_check_records_conditions():
    registry = kit_registry()
    problems = check_records(
        [
            ConditionSpec("c1", effects=(Forbid("kit_deeep"),)),
            ConditionSpec("c2", effects=(Avoid(),)),
            ConditionSpec("c3", effects=(Cap(1, trimesters=frozenset({2})),)),
            ConditionSpec("c4", effects=(Cap(2, "leg.lefty"),)),
            ConditionSpec("c5", effects=(Forbid("kit_deep"), Forbid("kit_glide"))),
            ConditionSpec("c6", effects=()),
            ConditionSpec("c7", effects=(Cap(2),), trimester=True),
        ],
        registry,
    )
    assert find(problems, "'c1'", "'kit_deeep'", "no technique or family")
    assert find(problems, "'c2'", "avoids the condition's region, but it takes none")
    assert find(problems, "'c3'", "takes no trimester")
    assert find(problems, "'c4'", "'leg.lefty'", "not a known region")
    assert not find(problems, "'c5'")
    assert find(problems, "'c6'", "no effects")
    assert not find(problems, "'c7'")


# ------------------------------------------------------------ massage_routines.testing: strategies


KIT = kit_registry()


@given(regions(KIT), pressures(1, 3), durations("30s", "2m"))
def test_simple_strategies(region, pressure, duration):
    assert region.name in KIT.regions
    assert 1 <= pressure <= 3
    assert isinstance(pressure, Pressure)
    assert Duration.parse("30s") <= duration <= Duration.parse("2m")


@given(regions(KIT, within="leg.*.calf"))
def test_regions_within(region):
    assert matches_pattern(region.name, "leg.*.calf")


@given(steps(KIT, "kit_style", default_position=Position.PRONE))
def test_steps_keep_to_their_records(step):
    spec = KIT.techniques[step.technique]
    style = KIT.styles["kit_style"]
    assert step.pressure in spec.pressure
    assert step.duration in spec.step_length
    position = step.position or Position.PRONE
    assert position in spec.positions
    assert position in style.positions
    assert step.position != Position.PRONE, "the default position is left unset"
    assert not any(matches_pattern(step.region.name, site) for site in spec.never_on)
    assert style.reaches is not None
    assert any(matches_pattern(step.region.name, r) for r in style.reaches)


@given(steps(KIT, respect_records=False))
def test_steps_without_records_still_name_known_things(step):
    assert step.technique in KIT.techniques
    assert step.region.name in KIT.regions


@given(clients(KIT))
def test_clients_give_each_condition_the_details_it_takes(client):
    names = [c.name for c in client.conditions]
    assert len(names) == len(set(names))
    for condition in client.conditions:
        spec = KIT.conditions[condition.name]
        if spec.region == "required":
            assert condition.region is not None
        if spec.region == "none":
            assert condition.region is None
        if condition.region is not None:
            assert condition.region.name in KIT.regions
        assert (condition.trimester is not None) == spec.trimester
        if spec.trimester:
            assert condition.trimester in (1, 2, 3)
    for flag in client.flags:
        assert flag.region.name in KIT.regions


@given(routines(KIT, client=clients(KIT, conditions=["kit_expecting"], min_conditions=1)))
def test_routines(routine):
    assert routine.style == "kit_style"
    assert routine.position in KIT.styles["kit_style"].positions
    assert 1 <= len(routine.steps) <= 6
    if routine.duration is not None:
        assert routine.duration == routine.total
    assert [c.name for c in routine.client.conditions] == ["kit_expecting"]
    report = validate(routine, KIT)
    assert "X002" not in report.codes()


def test_strategies_say_what_is_missing():
    empty = build_registry(use_entry_points=False)
    with pytest.raises(ValueError, match="style 'nope'"):
        steps(KIT, "nope")
    with pytest.raises(ValueError, match="no styles"):
        routines(empty)
    with pytest.raises(ValueError, match="min_conditions"):
        clients(KIT, conditions=["kit_tired"], min_conditions=2)
    with pytest.raises(ValueError):
        pressures(3, 2)


def test_registry_with_leaves_out_an_installed_copy_of_the_plugin(module_dir, monkeypatch):
    module = module_dir("mr_test_installed_copy", 'raise RuntimeError("old copy")\n')
    fake = [*BUILTIN_POINTS, EntryPoint("kit", module, "kit-dist", "0.9")]
    monkeypatch.setattr(discovery, "entry_points", lambda group=GROUP, path=None: list(fake))
    registry = registry_with(Kit(), "kit")
    assert registry.problems == ()
    provider = registry.provider("technique", "kit_glide")
    assert provider is not None
    assert provider.name == "kit"
    assert provider.distribution != "kit-dist"
    assert {p.name for p in registry.plugins} == {*BUILTIN_NAMES, "kit"}


def test_conditions_drawn_for_a_plan_are_known():
    # A plain smoke test of the st.data() path, which plugin authors use inside a test.
    @given(st.data())
    def inner(data):
        client = data.draw(clients(KIT, min_conditions=1))
        assert all(isinstance(c, Condition) for c in client.conditions)
        assert client.conditions

    inner()


def test_a_selection_naming_no_plugin_is_a_problem_with_a_suggestion():
    registry = build_registry(select="swedsh,chair")
    (problem,) = [p for p in registry.problems if p.plugin == "swedsh"]
    assert "did you mean 'swedish'" in problem.message
    assert not validate(a_routine("effleurage", "swedish"), registry).valid


def test_a_misspelt_hook_name_is_a_problem():
    class Typo:
        @hookimpl
        def massage_technique(self):  # the hook is massage_techniques
            return [TechniqueSpec("lost", PressureRange(1, 2))]

    registry = build_registry([("typo", Typo())], use_entry_points=False)
    (problem,) = registry.problems
    assert "massage_technique()" in problem.message and problem.plugin == "typo"
    assert registry.plugins[0].status == "failed"
