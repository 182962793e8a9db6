"""Helpers for testing plugins: hypothesis strategies over a registry, and coherence checks.

For plugin authors (and the library's own tests)::

    from hypothesis import given
    from massage_routines.testing import check_plugin, registry_with, routines
    from massage_routines.validation.engine import validate

    import my_plugin

    REGISTRY = registry_with(my_plugin, "my_plugin")

    def test_coherent():
        assert check_plugin(my_plugin) == []

    @given(routines(REGISTRY, style="my_style"))
    def test_no_rule_crashes(routine):
        assert "X002" not in validate(routine, REGISTRY).codes()

The strategies draw from whatever the registry holds (its region tree, techniques, styles and
conditions), so they cover a plugin's additions as well as the built-in records. By default
:func:`steps` and :func:`routines` draw steps that agree with their technique's and style's own
records (pressure range, step length, positions, sites the technique is never used on, the
style's reach); such a routine may still break a site's cap, a client's condition or the
warm-up rule: finding those is the rules' job.

This module imports :mod:`hypothesis`, a test dependency: nothing else in the library imports
it.
"""

from __future__ import annotations

import difflib
import math
import types
from typing import TYPE_CHECKING

from hypothesis import strategies as st

from massage_routines.findings import Severity
from massage_routines.model.client import Client, Condition, Flag
from massage_routines.model.duration import Duration
from massage_routines.model.position import Position
from massage_routines.model.pressure import Pressure
from massage_routines.model.regions import BASE_REGIONS, Region, is_region_name, matches_pattern
from massage_routines.model.routine import Routine, Step
from massage_routines.plugins import hookspecs
from massage_routines.plugins.markers import PROJECT
from massage_routines.plugins.records import (
    AT_FOCUS,
    AT_REGION,
    EFFECT_TYPES,
    RECORD_KINDS,
    Avoid,
    Block,
    Cap,
    ConditionSpec,
    DiscourageTechnique,
    DurationRange,
    Forbid,
    Move,
    PressureRange,
    RegionSpec,
    RuleSpec,
    SiteSpec,
    StyleSpec,
    TechniqueSpec,
)

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from hypothesis.strategies import SearchStrategy

    from massage_routines.plugins.discovery import EntryPoint
    from massage_routines.plugins.registry import Kind, Registry

__all__ = [
    "check_plugin",
    "check_records",
    "clients",
    "durations",
    "pressures",
    "regions",
    "registry_with",
    "routines",
    "steps",
]

#: The hooks that return records, and the record type each returns.
_RECORD_HOOKS: dict[str, type] = dict(RECORD_KINDS)
#: Every hook name of the project (``massage_compose`` too).
_HOOK_NAMES: frozenset[str] = frozenset(
    name for name in vars(hookspecs) if getattr(getattr(hookspecs, name), f"{PROJECT}_spec", None)
)
_KIND_OF: dict[type, Kind] = {
    RegionSpec: "region",
    TechniqueSpec: "technique",
    StyleSpec: "style",
    SiteSpec: "site",
    ConditionSpec: "condition",
    RuleSpec: "rule",
}

# ---------------------------------------------------------------- registries


def _module_of(plugin: object) -> str | None:
    if isinstance(plugin, types.ModuleType):
        return plugin.__name__
    return getattr(type(plugin), "__module__", None)


def _installed_points(plugin: object, name: str | None) -> list[EntryPoint]:
    """The installed entry points, without those of ``plugin`` itself (by module or by name)."""
    from massage_routines.plugins.discovery import entry_points

    module = _module_of(plugin)
    return [
        point
        for point in entry_points()
        if point.module != module and (name is None or point.name != name)
    ]


def registry_with(
    plugin: object, name: str = "plugin-under-test", *, select: str = "all"
) -> Registry:
    """The installed plugins plus ``plugin``, as its tests want them.

    An installed copy of the plugin itself (an entry point to the same module, or of the same
    ``name``) is left out, so the tests see the code under test exactly once whether or not the
    package is installed. ``select`` is the ``MASSAGE_ROUTINES_PLUGINS`` selection to apply
    (``all`` by default, so the caller's environment does not change the tests).
    """
    from massage_routines.plugins.registry import build_registry

    return build_registry([(name, plugin)], select=select, points=_installed_points(plugin, name))


def _require(items: Sequence[object], what: str) -> None:
    if not items:
        raise ValueError(f"the registry has no {what} to draw from (is a plugin missing?)")


# ---------------------------------------------------------------- strategies


def regions(
    registry: Registry, within: str | Iterable[str] | None = None
) -> SearchStrategy[Region]:
    """Regions of the registry's tree; with ``within``, only those at or below those names
    (``*`` stands for one segment, as in ``leg.*.knee_back``)."""
    names = list(registry.regions)
    if within is not None:
        patterns = [within] if isinstance(within, str) else list(within)
        names = [n for n in names if any(matches_pattern(n, p) for p in patterns)]
    _require(names, f"regions within {within!r}" if within is not None else "regions")
    return st.sampled_from([registry.regions[n] for n in names])


def pressures(low: int = 0, high: int = 5) -> SearchStrategy[Pressure]:
    """Pressure levels from ``low`` to ``high`` (0-5, both included)."""
    if not 0 <= low <= high <= 5:
        raise ValueError(f"pressures({low}, {high}): need 0 <= low <= high <= 5")
    return st.sampled_from([Pressure(level) for level in range(low, high + 1)])


def durations(
    low: str | Duration = "15s", high: str | Duration = "20m"
) -> SearchStrategy[Duration]:
    """Durations from ``low`` to ``high``, in whole seconds where the range holds one."""
    bounds = DurationRange(low, high)
    first = math.ceil(bounds.low.milliseconds / 1000)
    last = bounds.high.milliseconds // 1000
    if first <= last:
        return st.integers(first, last).map(lambda s: Duration(s * 1000))
    return st.integers(bounds.low.milliseconds, bounds.high.milliseconds).map(Duration)


def _style(registry: Registry, style: str | StyleSpec | None) -> StyleSpec | None:
    if style is None or isinstance(style, StyleSpec):
        return style
    try:
        return registry.styles[style]
    except KeyError:
        known = ", ".join(sorted(registry.styles)) or "none"
        raise ValueError(f"no plugin provides the style {style!r} (known: {known})") from None


def _style_regions(registry: Registry, style: StyleSpec | None) -> list[str]:
    names = list(registry.regions)
    if style is not None and style.reaches is not None:
        names = [n for n in names if any(matches_pattern(n, r) for r in style.reaches)]
    return names


def _usable(
    registry: Registry, style: StyleSpec | None
) -> list[tuple[TechniqueSpec, tuple[Position, ...], tuple[str, ...]]]:
    """Techniques that fit the records: each with the positions and regions it may use."""
    reach = _style_regions(registry, style)
    names = style.techniques if style is not None else tuple(registry.techniques)
    out = []
    for name in names:
        spec = registry.techniques.get(name)
        if spec is None:
            continue
        positions = tuple(p for p in spec.positions if style is None or p in style.positions)
        places = tuple(
            r for r in reach if not any(matches_pattern(r, site) for site in spec.never_on)
        )
        if positions and places:
            out.append((spec, positions, places))
    return out


@st.composite
def _fitting_step(
    draw: st.DrawFn,
    usable: list[tuple[TechniqueSpec, tuple[Position, ...], tuple[str, ...]]],
    registry: Registry,
    default: Position | None,
) -> Step:
    spec, positions, places = draw(st.sampled_from(usable))
    region = registry.regions[draw(st.sampled_from(places))]
    pressure = draw(pressures(int(spec.pressure.low), int(spec.pressure.high)))
    duration = draw(durations(spec.step_length.low, spec.step_length.high))
    position = draw(st.sampled_from(positions))
    return Step(spec.name, region, pressure, duration, None if position == default else position)


@st.composite
def _any_step(
    draw: st.DrawFn, registry: Registry, style: StyleSpec | None, default: Position | None
) -> Step:
    techniques = list(style.techniques if style is not None else registry.techniques)
    technique = draw(st.sampled_from(techniques))
    region = draw(regions(registry))
    position = draw(st.none() | st.sampled_from(list(Position)))
    return Step(
        technique,
        region,
        draw(pressures()),
        draw(durations("1s", "30m")),
        None if position == default else position,
    )


def _step_strategy(
    registry: Registry,
    style: StyleSpec | None,
    default: Position | None,
    respect_records: bool,
) -> SearchStrategy[Step]:
    if not respect_records:
        _require(list(style.techniques if style else registry.techniques), "techniques")
        return _any_step(registry, style, default)
    usable = _usable(registry, style)
    where = f" for the style {style.name!r}" if style is not None else ""
    _require(usable, f"techniques that fit their records{where}")
    return _fitting_step(usable, registry, default)


def steps(
    registry: Registry,
    style: str | StyleSpec | None = None,
    *,
    default_position: Position | None = None,
    respect_records: bool = True,
) -> SearchStrategy[Step]:
    """Steps with the registry's techniques (the style's, when given) and regions.

    With ``respect_records`` (the default) a step keeps to its technique's pressure range,
    step length, positions and ``never_on`` sites, and to the style's positions and reach; a
    step whose position is ``default_position`` leaves its own position unset. Without it,
    any technique name of the style, any region, pressure, position and a length of 1 s-30 min.
    """
    return _step_strategy(registry, _style(registry, style), default_position, respect_records)


@st.composite
def _condition(draw: st.DrawFn, registry: Registry, name: str) -> Condition:
    spec = registry.conditions.get(name)
    region: Region | None = None
    trimester: int | None = None
    if spec is not None:
        if spec.region == "required" or (spec.region == "optional" and draw(st.booleans())):
            region = draw(regions(registry))
        if spec.trimester:
            trimester = draw(st.integers(1, 3))
    return Condition(name, region, trimester, draw(st.booleans()))


@st.composite
def _client(
    draw: st.DrawFn,
    registry: Registry,
    names: list[str],
    *,
    min_conditions: int,
    max_conditions: int,
    max_flags: int,
) -> Client:
    chosen = draw(
        st.lists(
            st.sampled_from(names), min_size=min_conditions, max_size=max_conditions, unique=True
        )
        if names
        else st.just([])
    )
    conditions = tuple(draw(_condition(registry, name)) for name in chosen)
    flags = tuple(
        draw(
            st.lists(
                st.builds(
                    Flag, regions(registry), st.none() | st.sampled_from(["bruise", "asked"])
                ),
                max_size=max_flags,
            )
        )
    )
    cap = draw(st.none() | pressures())
    return Client(flags, conditions, cap)


def clients(
    registry: Registry,
    *,
    conditions: Iterable[str] | None = None,
    min_conditions: int = 0,
    max_conditions: int = 3,
    max_flags: int = 2,
) -> SearchStrategy[Client]:
    """Client profiles: flags, conditions with the details each takes, and a pressure cap.

    Conditions are drawn (without repeats) from ``conditions``, or from every condition of the
    registry. Each gets a region when its record requires one (and sometimes when one is
    optional), a trimester 1-3 when the record takes one, and ``cleared`` either way.
    """
    names = sorted(registry.conditions) if conditions is None else list(conditions)
    if min_conditions > len(names):
        raise ValueError(f"clients(): min_conditions={min_conditions} but only {len(names)} names")
    return _client(
        registry,
        names,
        min_conditions=min_conditions,
        max_conditions=min(max_conditions, len(names)),
        max_flags=max_flags,
    )


@st.composite
def _routine(
    draw: st.DrawFn,
    registry: Registry,
    style_names: list[str],
    *,
    client: SearchStrategy[Client | None],
    min_steps: int,
    max_steps: int,
    respect_records: bool,
    declare_duration: bool | None,
) -> Routine:
    style = registry.styles[draw(st.sampled_from(style_names))]
    position = draw(st.sampled_from(style.positions)) if style.positions else None
    made = draw(
        st.lists(
            _step_strategy(registry, style, position, respect_records),
            min_size=min_steps,
            max_size=max_steps,
        )
    )
    declare = draw(st.booleans()) if declare_duration is None else declare_duration
    total = Duration(sum(s.duration.milliseconds for s in made))
    return Routine(
        name=f"generated {style.name}",
        style=style.name,
        steps=tuple(made),
        position=position,
        duration=total if declare else None,
        client=draw(client),
    )


def routines(
    registry: Registry,
    style: str | Iterable[str] | None = None,
    *,
    client: SearchStrategy[Client | None] | None = None,
    min_steps: int = 1,
    max_steps: int = 6,
    respect_records: bool = True,
    declare_duration: bool | None = None,
) -> SearchStrategy[Routine]:
    """Routines of the registry's styles (or of ``style``, a name or several).

    The routine's position is one of its style's; its steps are drawn by :func:`steps`.
    ``client`` is a strategy for the client (``None`` draws either no client or one of
    :func:`clients`; pass ``st.none()`` for none). ``declare_duration`` sets the routine's
    ``duration`` to the steps' total (``None``: sometimes).
    """
    if style is None:
        names = sorted(registry.styles)
    else:
        names = [style] if isinstance(style, str) else list(style)
    _require(names, "styles")
    for name in names:
        style_spec = _style(registry, name)
        assert style_spec is not None
        if respect_records:
            _require(_usable(registry, style_spec), f"techniques that fit the style {name!r}")
    if client is None:
        client = st.none() | clients(registry)
    return _routine(
        registry,
        names,
        client=client,
        min_steps=min_steps,
        max_steps=max_steps,
        respect_records=respect_records,
        declare_duration=declare_duration,
    )


# ---------------------------------------------------------------- coherence


class _Checker:
    """Checks records against each other and against a registry; collects messages."""

    def __init__(self, registry: Registry | None, owner: str | None) -> None:
        self.registry = registry
        self.owner = owner
        self.problems: list[str] = []
        self.regions: set[str] = set(BASE_REGIONS)
        self.by_kind: dict[Kind, dict[str, object]] = {kind: {} for kind in _KIND_OF.values()}

    def report(self, message: str) -> None:
        self.problems.append(message)

    # --- what is known: the registry's records (but the owner's own) and the new records

    def _registry_has(self, kind: Kind, name: str) -> str | None:
        """The source of the registry's record of that name, unless it is the owner's."""
        if self.registry is None:
            return None
        info = self.registry.provider(kind, name)
        if info is None or info.name == self.owner:
            return None
        return info.source

    def _known_regions(self) -> set[str]:
        names = set(BASE_REGIONS)
        if self.registry is not None:
            for name in self.registry.regions:
                info = self.registry.provider("region", name)
                if info is None or info.name != self.owner:
                    names.add(name)
        return names

    def technique(self, name: str) -> TechniqueSpec | None:
        spec = self.by_kind["technique"].get(name)
        if isinstance(spec, TechniqueSpec):
            return spec
        if self.registry is not None and self._registry_has("technique", name):
            return self.registry.techniques.get(name)
        return None

    def families(self) -> set[str]:
        out = {
            t.family
            for t in self.by_kind["technique"].values()
            if isinstance(t, TechniqueSpec) and t.family
        }
        if self.registry is not None:
            out |= {
                t.family
                for n, t in self.registry.techniques.items()
                if t.family and self._registry_has("technique", n)
            }
        return out

    def run(self, records: Iterable[object]) -> list[str]:
        listed = list(records)
        for record in listed:
            kind = _KIND_OF.get(type(record))
            if kind is None:
                self.report(
                    f"{record!r} is not a record (expected one of "
                    f"{', '.join(t.__name__ for t in _KIND_OF)})"
                )
                continue
            name = getattr(record, "name", None)
            if not isinstance(name, str) or not name:
                self.report(f"{kind} {record!r} has no name")
                continue
            if name in self.by_kind[kind]:
                self.report(f"{kind} {name!r} is provided twice")
                continue
            elsewhere = self._registry_has(kind, name)
            if elsewhere is not None:
                self.report(f"{kind} {name!r} is provided by {elsewhere} too")
            self.by_kind[kind][name] = record
        self.regions = self._region_tree()
        for record in listed:
            if isinstance(record, TechniqueSpec):
                self.check_technique(record)
            elif isinstance(record, StyleSpec):
                self.check_style(record)
            elif isinstance(record, SiteSpec):
                self.check_site(record)
            elif isinstance(record, ConditionSpec):
                self.check_condition(record)
            elif isinstance(record, RuleSpec):
                self.check_rule(record)
        return self.problems

    # --- regions

    def _region_tree(self) -> set[str]:
        known = self._known_regions()
        new = [r for r in self.by_kind["region"].values() if isinstance(r, RegionSpec)]
        for spec in sorted(new, key=lambda r: r.name.count(".")):
            name = spec.name
            parent = name.rpartition(".")[0]
            if not is_region_name(name):
                self.report(
                    f"region {name!r} is not a region name (lower-case words joined by dots)"
                )
            elif name in known:
                self.report(f"region {name!r} is already in the region tree")
            elif not parent or parent not in known:
                self.report(
                    f"region {name!r} has no parent in the tree{self._near(parent or name, known)}"
                )
            else:
                known.add(name)
        return known

    @staticmethod
    def _near(name: str, choices: Iterable[str]) -> str:
        close = difflib.get_close_matches(name, sorted(choices), n=1, cutoff=0.6)
        return f" (did you mean {close[0]!r}?)" if close else ""

    def region(self, what: str, region: str | None) -> None:
        if region is None or region in (AT_REGION, AT_FOCUS):
            return
        if "*" in region:
            if any(matches_pattern(n, region) for n in self.regions):
                return
        elif region in self.regions:
            return
        self.report(f"{what}: {region!r} is not a known region{self._near(region, self.regions)}")

    # --- values

    def pressure_range(self, what: str, value: object) -> bool:
        if not isinstance(value, PressureRange):
            self.report(f"{what}: {value!r} is not a PressureRange")
            return False
        low_ok = self.pressure(f"{what} low", value.low)
        high_ok = self.pressure(f"{what} high", value.high)
        return low_ok and high_ok and self.ordered(what, value.low, value.high)

    def pressure(self, what: str, value: object) -> bool:
        if type(value) is bool or not isinstance(value, int) or not 0 <= value <= 5:
            self.report(f"{what}: {value!r} is not a pressure level 0-5")
            return False
        return True

    def ordered(self, what: str, low: object, high: object) -> bool:
        if low > high:  # type: ignore[operator]
            self.report(f"{what}: low {low} is above high {high}")
            return False
        return True

    def positions(self, what: str, values: object) -> tuple[Position, ...]:
        good = []
        for value in values if isinstance(values, tuple) else ():
            if isinstance(value, Position):
                good.append(value)
            else:
                self.report(f"{what}: {value!r} is not a position ({', '.join(Position)})")
        if not good:
            self.report(f"{what}: no position")
        return tuple(good)

    def name_used(self, what: str, name: str) -> None:
        if self.technique(name) is None and name not in self.families():
            self.report(
                f"{what}: {name!r} is no technique or family{self._near(name, self._names())}"
            )

    def _names(self) -> set[str]:
        out = set(self.by_kind["technique"]) | self.families()
        if self.registry is not None:
            out |= {n for n in self.registry.techniques if self._registry_has("technique", n)}
        return out

    # --- records

    def check_technique(self, spec: TechniqueSpec) -> None:
        what = f"technique {spec.name!r}"
        self.pressure_range(f"{what}: pressure", spec.pressure)
        self.positions(f"{what}: positions", spec.positions)
        for site in spec.never_on:
            self.region(f"{what}: never_on", site)
        if not isinstance(spec.step_length, DurationRange):
            self.report(f"{what}: step_length {spec.step_length!r} is not a DurationRange")
        else:
            self.ordered(f"{what}: step_length", spec.step_length.low, spec.step_length.high)

    def check_style(self, spec: StyleSpec) -> None:
        what = f"style {spec.name!r}"
        positions = self.positions(f"{what}: positions", spec.positions)
        if isinstance(spec.session_length, DurationRange):
            self.ordered(
                f"{what}: session_length", spec.session_length.low, spec.session_length.high
            )
        else:
            self.report(f"{what}: session_length {spec.session_length!r} is not a DurationRange")
        if not spec.techniques:
            self.report(f"{what}: uses no technique")
        for name in spec.techniques:
            technique = self.technique(name)
            if technique is None:
                self.report(
                    f"{what}: uses {name!r}, which no plugin provides"
                    f"{self._near(name, self._names())}"
                )
            elif positions and not set(technique.positions) & set(positions):
                self.report(
                    f"{what}: uses {name!r}, which cannot be done in any of its positions "
                    f"({', '.join(positions)})"
                )
        for region in spec.reaches or ():
            self.region(f"{what}: reaches", region)
        shape = spec.shape
        if not shape.blocks:
            self.report(
                f"{what}: its shape has no blocks, so the composer cannot lay out a session"
            )
        for i, block in enumerate(shape.blocks):
            self.check_block(spec, f"{what}: shape block {i} ({block.region})", block)
        for i, move in enumerate(shape.pattern):
            self.check_move(spec, f"{what}: shape pattern move {i}", move)
        if shape.link is not None:
            self.check_move(spec, f"{what}: shape link", shape.link)

    def check_block(self, style: StyleSpec, what: str, block: Block) -> None:
        self.region(what, block.region)
        if (
            style.reaches is not None
            and block.region not in (AT_FOCUS, AT_REGION)
            and not any(matches_pattern(block.region, r) for r in style.reaches)
        ):
            self.report(f"{what}: the style does not reach {block.region!r}")
        if not block.weight > 0:
            self.report(f"{what}: weight {block.weight} is not above 0")
        if block.position is not None and block.position not in style.positions:
            self.report(f"{what}: position {block.position} is not one of the style's")
        if not block.moves and not style.shape.pattern:
            self.report(f"{what}: has no moves and the shape has no pattern")
        for i, move in enumerate(block.moves):
            self.check_move(style, f"{what} move {i}", move)

    def check_move(self, style: StyleSpec, what: str, move: Move) -> None:
        if not move.weight > 0:
            self.report(f"{what}: weight {move.weight} is not above 0")
        if move.target not in ("area", "within"):
            self.report(f"{what}: target {move.target!r} is not 'area' or 'within'")
        band_ok = self.pressure_range(f"{what}: pressure", move.pressure)
        if not move.techniques:
            self.report(f"{what}: names no technique")
        for name in move.techniques:
            technique = self.technique(name)
            if technique is None:
                self.report(f"{what}: uses {name!r}, which no plugin provides")
                continue
            if name not in style.techniques:
                self.report(f"{what}: uses {name!r}, which the style does not list")
            band, own = move.pressure, technique.pressure
            if band_ok and not (own.low <= band.low and band.high <= own.high):
                self.report(f"{what}: pressure {band} is outside {name!r}'s range {own}")

    def check_site(self, spec: SiteSpec) -> None:
        what = f"site {spec.name!r}"
        self.region(f"{what}: region", spec.region)
        if spec.cap is not None:
            self.pressure(f"{what}: cap", spec.cap)
        for name in spec.forbidden:
            self.name_used(f"{what}: forbidden", name)
        if spec.cap is None and not spec.forbidden:
            self.report(f"{what}: neither caps pressure nor forbids anything")

    def check_condition(self, spec: ConditionSpec) -> None:
        what = f"condition {spec.name!r}"
        if spec.region not in ("none", "optional", "required"):
            self.report(f"{what}: region {spec.region!r} is not 'none', 'optional' or 'required'")
        if spec.default_region is not None:
            self.region(f"{what}: default_region", spec.default_region)
            if spec.region != "optional":
                self.report(f"{what}: default_region is only used when the region is optional")
        has_region = spec.region != "none"
        if not spec.effects:
            self.report(f"{what}: has no effects")
        for i, effect in enumerate(spec.effects):
            at = f"{what}: effect {i} ({type(effect).__name__})"
            if not isinstance(effect, EFFECT_TYPES):
                self.report(f"{what}: effect {i} {effect!r} is not an effect")
                continue
            trimesters = effect.trimesters
            if trimesters is not None:
                if not spec.trimester:
                    self.report(f"{at}: has trimesters, but the condition takes no trimester")
                if not trimesters or not trimesters <= {1, 2, 3}:
                    self.report(f"{at}: trimesters {sorted(trimesters)} are not within 1-3")
            if isinstance(effect, Avoid | Cap | Forbid | DiscourageTechnique):
                self.region(at, effect.region)
                if isinstance(effect, Avoid) and effect.region == AT_REGION and not has_region:
                    self.report(f"{at}: avoids the condition's region, but it takes none")
            if isinstance(effect, Cap):
                self.pressure(f"{at}: level", effect.level)
            if isinstance(effect, Forbid | DiscourageTechnique):
                for name in effect.names:
                    self.name_used(at, name)

    def check_rule(self, spec: RuleSpec) -> None:
        what = f"rule {spec.name!r}"
        if not callable(spec.check):
            self.report(f"{what}: check is not callable")
        if not spec.codes:
            self.report(f"{what}: declares no finding code")
        seen: set[str] = set()
        others: dict[str, str] = {}
        if self.registry is not None:
            for name, (_, rule) in self.registry.codes().items():
                source = self._registry_has("rule", rule.name)
                if source is not None:
                    others[name] = f"rule {rule.name!r} of {source}"
        for other in self.by_kind["rule"].values():
            if isinstance(other, RuleSpec) and other is not spec:
                for other_code in other.codes:
                    others.setdefault(other_code.code, f"rule {other.name!r}")
        for code in spec.codes:
            if code.code in seen:
                self.report(f"{what}: declares the code {code.code!r} twice")
            seen.add(code.code)
            if code.code in others:
                self.report(
                    f"{what}: the code {code.code!r} is also declared by {others[code.code]}"
                )
            if not isinstance(code.severity, Severity):
                self.report(f"{what}: code {code.code!r} has severity {code.severity!r}")


def check_records(
    records: Iterable[object], registry: Registry | None = None, *, plugin_name: str | None = None
) -> list[str]:
    """What is incoherent in ``records`` (records of any kind), as messages; ``[]`` if nothing.

    The records are checked against each other and against ``registry`` (the other plugins they
    build on: their regions, techniques and families; ``None`` for the base region tree only).
    Records the registry has from the plugin named ``plugin_name`` are the records' own older
    copy and are not counted as duplicates. It reports: names given twice (or by the registry
    too); pressures outside 0-5 and ranges whose low is above their high; positions that are
    not positions; regions the tree does not have (and new regions without a parent); styles
    using techniques nobody provides or cannot do in their positions, and shapes with
    inconsistent moves; sites and conditions whose effects name unknown regions, techniques or
    families, or that can never apply; rules without codes or reusing another rule's codes.
    """
    return _Checker(registry, plugin_name).run(records)


def check_plugin(
    plugin: object, registry: Registry | None = None, *, name: str | None = None
) -> list[str]:
    """What is wrong with a plugin (a module or object with hook functions), as messages.

    Calls each of the plugin's hooks and checks what they return with :func:`check_records`,
    against ``registry`` (by default the installed plugins, without any installed copy of this
    one). Also reports hooks that raise or return what is not a record, functions named like a
    hook but not marked with ``@hookimpl`` (the host would never call them), and marked
    functions whose name is no hook (a misspelling, which makes the plugin broken).
    """
    problems: list[str] = []
    owner = name
    if registry is None:
        from massage_routines.plugins.registry import build_registry

        registry = build_registry(select="all", points=_installed_points(plugin, name))
    elif owner is None:
        owner = registry.manager.get_name(plugin)
    marker = f"{PROJECT}_impl"
    records: list[object] = []
    for attr in sorted(dir(plugin)):
        if attr.startswith("__"):
            continue
        function = getattr(plugin, attr, None)
        marked = callable(function) and getattr(function, marker, None) is not None
        if marked and attr not in _HOOK_NAMES:
            near = difflib.get_close_matches(attr, sorted(_HOOK_NAMES), n=1)
            hint = f" (did you mean {near[0]!r}?)" if near else ""
            problems.append(f"{attr}() is marked @hookimpl but is no hook{hint}")
            continue
        if attr not in _HOOK_NAMES:
            continue
        if not marked:
            problems.append(f"{attr}() is not marked with @hookimpl, so it is never called")
            continue
        if attr not in _RECORD_HOOKS:
            continue
        record_type = _RECORD_HOOKS[attr]
        try:
            returned = function()  # type: ignore[misc]
            got = list(returned or ())
        except Exception as exc:  # the plugin's code: report, do not raise
            problems.append(f"{attr}() raised {type(exc).__name__}: {exc}")
            continue
        for record in got:
            if isinstance(record, record_type):
                records.append(record)
            else:
                problems.append(
                    f"{attr}() returned {type(record).__name__}, not {record_type.__name__}"
                )
    problems.extend(check_records(records, registry, plugin_name=owner))
    return problems
