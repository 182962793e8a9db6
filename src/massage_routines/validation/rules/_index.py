"""What the rules precompute once per registry, so that checking a step is a few dict lookups.

A :class:`RegistryIndex` is built the first time a rule sees a registry and kept with the
registry (:meth:`Registry.derived <massage_routines.plugins.registry.Registry.derived>`, the one
home of per-registry caches; registries are read-only), so it lives exactly as long as the
registry. Region tables are
filled lazily per region name that plans actually use, and only for names in the region tree (an
unknown name is worked out each time and not kept, so hostile plans cannot grow the tables).
"""

from __future__ import annotations

import weakref
from typing import TYPE_CHECKING

from massage_routines.findings import PathParts, Severity
from massage_routines.model.regions import matches_pattern, overlaps, pattern_within
from massage_routines.text import plural

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from massage_routines.model.position import Position
    from massage_routines.plugins.records import SiteSpec, StyleSpec, TechniqueSpec
    from massage_routines.plugins.registry import Registry
    from massage_routines.validation.context import RuleContext
    from massage_routines.validation.profile import RegionLimit

#: What a rule says of one kind of step, worked out once per registry: (code, severity, the
#: step's field the finding points at, message) for each finding; empty when all is well.
Verdict = tuple[tuple[str, Severity, str, str], ...]

#: Above every pressure: "no cap".
NO_CAP = 6


class SitesAt:
    """The sites a step on one region is on or inside (``inside``), and those it holds
    (``within``: the region is larger than the site)."""

    __slots__ = ("inside", "within")

    def __init__(self, region: str, sites: Iterable[SiteSpec]) -> None:
        inside: list[SiteSpec] = []
        within: list[SiteSpec] = []
        for site in sites:
            if matches_pattern(region, site.region):
                inside.append(site)
            elif pattern_within(region, site.region):
                within.append(site)
        self.inside = tuple(inside)
        self.within = tuple(within)


class TechniqueIndex:
    """A technique's numbers as plain ints and sets, and its never-on sites per region."""

    __slots__ = (
        "_never",
        "family",
        "high",
        "long",
        "low",
        "never_on",
        "positions",
        "short",
        "spec",
    )

    def __init__(self, spec: TechniqueSpec) -> None:
        self.spec = spec
        self.family = spec.family
        self.low = int(spec.pressure.low)
        self.high = int(spec.pressure.high)
        self.positions = frozenset(spec.positions)
        self.short = spec.step_length.low.milliseconds
        self.long = spec.step_length.high.milliseconds
        self.never_on = spec.never_on
        self._never: dict[str, tuple[tuple[str, ...], tuple[str, ...]] | None] = {}

    def never_at(self, region: str, known: bool) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
        """``(sites the region is on or inside, sites it holds)`` of the never-on list, or None."""
        try:
            return self._never[region]
        except KeyError:
            pass
        inside = tuple(p for p in self.never_on if matches_pattern(region, p))
        within = tuple(
            p for p in self.never_on if not matches_pattern(region, p) and pattern_within(region, p)
        )
        entry = (inside, within) if inside or within else None
        if known:
            self._never[region] = entry
        return entry


class StyleIndex:
    """A style's positions, techniques and reach as sets; reach decided per region name."""

    __slots__ = (
        "_reach",
        "_self_reach",
        "high",
        "low",
        "own_reach",
        "positions",
        "pressure_high",
        "pressure_low",
        "reaches",
        "spec",
        "techniques",
    )

    def __init__(self, spec: StyleSpec, reach: Mapping[str, tuple[str, ...]]) -> None:
        self.spec = spec
        self.positions = frozenset(spec.positions)
        self.techniques = frozenset(spec.techniques)
        self.reaches = spec.reaches
        self.low = spec.session_length.low.milliseconds
        self.high = spec.session_length.high.milliseconds
        self._reach: dict[str, bool] = {}
        #: Technique → where a person reaches with it, when the style is self-applied.
        self.own_reach = reach if spec.self_applied else None
        self._self_reach: dict[tuple[str, str], bool] = {}
        band = spec.pressure
        self.pressure_low = 0 if band is None else int(band.low)
        self.pressure_high = 5 if band is None else int(band.high)

    def self_reached(self, technique: str, region: str, known: bool) -> bool:
        """Whether a person reaches ``region`` on themselves with ``technique`` (always, for a
        style that is not self-applied; never, for a technique with no reach record)."""
        if self.own_reach is None:
            return True
        key = (technique, region)
        try:
            return self._self_reach[key]
        except KeyError:
            pass
        ok = any(matches_pattern(region, r) for r in self.own_reach.get(technique, ()))
        if known:
            self._self_reach[key] = ok
        return ok

    def reached(self, region: str, known: bool) -> bool:
        """Whether the style reaches a step on ``region`` (it is at or below a reached region)."""
        if self.reaches is None:
            return True
        try:
            return self._reach[region]
        except KeyError:
            pass
        ok = any(matches_pattern(region, r) for r in self.reaches)
        if known:
            self._reach[region] = ok
        return ok


class RegistryIndex:
    """Everything the built-in rules look up per step, for one registry."""

    def __init__(self, registry: Registry) -> None:
        self.registry = weakref.ref(registry)
        self.tree = registry.regions
        self.region_names = frozenset(registry.regions)
        self.technique_names = frozenset(registry.techniques)
        #: Positions some plugin provides (an unknown one is V008's alone).
        self.position_names = frozenset(registry.positions)
        self.condition_names = frozenset(registry.conditions)
        self.techniques = {name: TechniqueIndex(spec) for name, spec in registry.techniques.items()}
        self.styles = {
            name: StyleIndex(spec, registry.reach) for name, spec in registry.styles.items()
        }
        self.sites = registry.sites
        #: (region, technique, pressure) → what the endangerment sites say of such a step.
        self.site_verdicts: dict[tuple[str, str, int], Verdict] = {}
        #: (technique, region, pressure, position, own position?) → what the technique says.
        self.technique_verdicts: dict[tuple[str, str, int, Position | None, bool], Verdict] = {}
        #: Known region name → the sites a step on it is on, inside or holds (filled lazily).
        self.sites_table: dict[str, SitesAt | None] = {}
        #: Known region name → every known region that overlaps it.
        self.touching_of = {name: self.tree.touching(name) for name in self.region_names}
        self._chains: dict[str, tuple[str, ...]] = {
            name: _chain(name) for name in self.region_names
        }

    def chain(self, region: str) -> tuple[str, ...]:
        """The ancestors from the top, then the region: ``("leg", "leg.left", "leg.left.calf")``."""
        chain = self._chains.get(region)
        return chain if chain is not None else _chain(region)

    def sites_at(self, region: str) -> SitesAt | None:
        """The sites a step on ``region`` is on, inside, or holds; None when there are none."""
        try:
            return self.sites_table[region]
        except KeyError:
            pass
        found = SitesAt(region, self.sites)
        entry = found if found.inside or found.within else None
        if region in self.region_names:
            self.sites_table[region] = entry
        return entry

    def touching(self, region: str) -> tuple[str, ...]:
        """Every known region that overlaps ``region`` (its ancestors, itself, all below it)."""
        return self.tree.touching(region)


def _chain(region: str) -> tuple[str, ...]:
    parts = region.split(".")
    return tuple(".".join(parts[: k + 1]) for k in range(len(parts)))


_last: RegistryIndex | None = None  # the index used last: every rule of a run asks for it


def index_of(registry: Registry) -> RegistryIndex:
    """The index of ``registry``, built on first use and kept with it
    (:meth:`~massage_routines.plugins.registry.Registry.derived`)."""
    global _last  # noqa: PLW0603
    last = _last
    if last is not None and last.registry() is registry:
        return last
    index = registry.derived(RegistryIndex)
    _last = index
    return index


def region_table(
    limits: Iterable[RegionLimit], index: RegistryIndex
) -> dict[str, list[RegionLimit]]:
    """Known region name → the limits (flags, avoided regions) a step on it would touch.

    Built from the tree (a limit on ``leg.left`` is touched from ``leg``, ``leg.left`` and
    everything below it), so a step costs one lookup; see :func:`limits_at` for unknown names.
    """
    table: dict[str, list[RegionLimit]] = {}
    for limit in limits:
        if limit.region is None:
            continue
        for name in index.touching(limit.region):
            table.setdefault(name, []).append(limit)
    return table


def limits_at(
    region: str,
    table: Mapping[str, list[RegionLimit]],
    limits: Iterable[RegionLimit],
    index: RegistryIndex,
) -> list[RegionLimit] | None:
    """The limits a step on ``region`` touches (from ``table``, or worked out for unknown names)."""
    if region in index.region_names:
        return table.get(region)
    hits = [
        limit for limit in limits if limit.region is not None and overlaps(limit.region, region)
    ]
    return hits or None


def item_path(ctx: RuleContext, base: PathParts, key: str) -> PathParts:
    """``base + (key,)`` when the item at ``base`` is a mapping in the file, else ``base``.

    Flags and conditions are written bare (``- shoulder.left``) or as mappings (``- region:
    ...``); a finding about the region or the name points at the value either way. (A bare item
    locates ``base + (key,)`` at the item itself, its nearest enclosing value.)
    """
    inner = (*base, key)
    here = ctx.finding("", Severity.WARNING, "", base)
    there = ctx.finding("", Severity.WARNING, "", inner)
    if here.line is None or (here.line, here.column) == (there.line, there.column):
        return base
    return inner


def written(ctx: RuleContext, path: PathParts) -> bool:
    """Whether the plan file has a value at ``path`` (a key the reader could not use, say).

    A path that is not in the file locates its nearest enclosing value, so the two differ.
    """
    here = ctx.finding("", Severity.WARNING, "", path)
    there = ctx.finding("", Severity.WARNING, "", path[:-1])
    return here.line is not None and (here.line, here.column) != (there.line, there.column)


#: Where the plan's own position is written (a step's own is under ``steps``).
PLAN_POSITION: PathParts = ("position",)


def count_position(
    places: dict[PathParts, tuple[Position, int]], path: PathParts, position: Position
) -> None:
    """Count one step whose ``position`` is written at ``path`` (one finding per place)."""
    seen = places.get(path)
    places[path] = (position, 1 if seen is None else seen[1] + 1)


def position_note(path: PathParts, count: int) -> str:
    """`` (the plan's position, used by 3 steps)`` for the plan's position, else ``""``."""
    if path != PLAN_POSITION:
        return ""
    return f" (the plan's position, used by {plural(count, 'step')})"
