"""What may be done where, for one request: the questions the composer asks before each step.

:class:`Constraints` holds the client's :class:`~massage_routines.validation.profile.Profile`
(the same object the safety rules read), the style's reach, the regions the request includes and
the endangerment sites, and answers two questions, each cached per region:

- :meth:`Constraints.zone`: may a step on this region be done at all (``IN``), not at all
  (``OUT``: flagged, avoided, out of reach or not included), or only on parts of it
  (``PARTIAL``: something below it is off limits, so work its children instead)?
- :meth:`Constraints.verdict`: may this technique be done on this region in this position
  (``OK``, with the pressure levels it may take, within the style's band), not at all (``NO``:
  in a self-applied style, out of the person's reach too), or only on parts of it (``REFINE``:
  a site it is never used on, a ban, or the edge of the person's reach lies below the region)?
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING

from massage_routines.model.regions import contains, matches_pattern, pattern_within

if TYPE_CHECKING:
    from massage_routines.model.position import Position
    from massage_routines.plugins.records import SiteSpec, StyleSpec, TechniqueSpec
    from massage_routines.plugins.registry import Registry
    from massage_routines.validation.profile import CapLimit, Profile, RegionLimit


class Zone(enum.Enum):
    """Whether steps on a region are allowed: all of it, none of it, or parts of it."""

    IN = "in"
    OUT = "out"
    PARTIAL = "partial"


class Kind(enum.Enum):
    """A technique on a region: allowed, not allowed, or allowed only on parts of the region."""

    OK = "ok"
    NO = "no"
    REFINE = "refine"


class Verdict:
    """The answer for one technique on one region in one position.

    ``low``..``high`` are the levels allowed (the technique's range under every cap that binds
    the region); ``outer_high`` is the same without the caps that bind only through a region
    below this one (working the children instead may allow more). ``soft`` means allowed but
    better avoided (a discouraged technique, or one the style does not use). ``site_cap`` and
    ``sites`` are the lowest cap of the endangerment sites the region holds, and their names;
    ``cap`` is the client's cap (a condition's, or ``max_pressure``) that sets ``high``, if one
    does.
    """

    __slots__ = ("cap", "high", "kind", "low", "outer_high", "site_cap", "sites", "soft")

    def __init__(
        self,
        kind: Kind,
        low: int = 0,
        high: int = -1,
        *,
        outer_high: int = -1,
        soft: bool = False,
        site_cap: int | None = None,
        sites: tuple[str, ...] = (),
        cap: CapLimit | None = None,
    ) -> None:
        self.kind = kind
        self.cap = cap
        self.low = low
        self.high = high
        self.outer_high = outer_high
        self.soft = soft
        self.site_cap = site_cap
        self.sites = sites


_NO = Verdict(Kind.NO)
_REFINE = Verdict(Kind.REFINE)


class SiteFacts:
    """What the technique records and the endangerment sites say of one technique on one region,
    whoever the client is: ``kind`` (``NO`` on a site it is never used on, ``REFINE`` when such
    a site lies below), the levels ``low``..``high`` (its range under the caps of the sites the
    region is on), and the lowest cap of the sites it holds (``site_cap``, ``sites``)."""

    __slots__ = ("family", "high", "kind", "low", "site_cap", "sites")

    def __init__(self, spec: TechniqueSpec, region: str, sites: tuple[SiteSpec, ...]) -> None:
        name, family = spec.name, spec.family
        self.family = family
        self.kind = Kind.OK
        self.low, self.high = int(spec.pressure.low), int(spec.pressure.high)
        self.site_cap: int | None = None
        held: list[str] = []
        for pattern in spec.never_on:
            if matches_pattern(region, pattern):
                self.kind = Kind.NO
                return
            if pattern_within(region, pattern):
                self.kind = Kind.REFINE
        for site in sites:
            forbids = name in site.forbidden or (family is not None and family in site.forbidden)
            if matches_pattern(region, site.region):
                if forbids:
                    self.kind = Kind.NO
                    return
                if site.cap is not None:
                    self.high = min(self.high, int(site.cap))
            elif pattern_within(region, site.region):
                if forbids:
                    self.kind = Kind.REFINE
                elif site.cap is not None:
                    cap = int(site.cap)
                    self.site_cap = cap if self.site_cap is None else min(self.site_cap, cap)
                    held.append(_concrete(site.region, region))
        self.sites = tuple(held)


def _concrete(pattern: str, region: str) -> str:
    """A site pattern with its ``*`` taken from ``region`` where it has that segment:
    ``leg.*.knee_back`` in ``leg.left`` is ``leg.left.knee_back`` (in ``leg`` it stays)."""
    have = region.split(".")
    return ".".join(
        have[i] if part == "*" and i < len(have) else part
        for i, part in enumerate(pattern.split("."))
    )


class RegistryFacts:
    """What the composer asks of a registry whatever the request, worked out once per region
    (and technique) and kept for the registry's lifetime (:func:`facts_of`)."""

    def __init__(self, registry: Registry) -> None:
        self.registry = registry
        self.tree = registry.regions
        self.sites = registry.sites
        self._site_facts: dict[tuple[str, str], SiteFacts | None] = {}
        self._cap_sites: dict[str, bool] = {}
        self._holds: dict[str, bool] = {}
        self._children: dict[str, tuple[str, ...]] = {}
        self._within: dict[str, tuple[str, ...]] = {}

    def site_facts(self, technique: str, region: str) -> SiteFacts | None:
        """The technique's facts on ``region`` (``None`` for a technique nobody provides)."""
        key = (technique, region)
        try:
            return self._site_facts[key]
        except KeyError:
            pass
        spec = self.registry.techniques.get(technique)
        found = SiteFacts(spec, region, self.sites) if spec is not None else None
        self._site_facts[key] = found
        return found

    def cap_site(self, region: str) -> bool:
        """Whether ``region`` is on or inside an endangerment site with a pressure cap: a place
        worked only by broad, light strokes over a larger region, never on its own."""
        found = self._cap_sites.get(region)
        if found is None:
            found = self._cap_sites[region] = any(
                s.cap is not None and matches_pattern(region, s.region) for s in self.sites
            )
        return found

    def holds_cap_site(self, region: str) -> bool:
        """Whether an endangerment site with a cap lies strictly below ``region``."""
        found = self._holds.get(region)
        if found is None:
            found = self._holds[region] = any(
                s.cap is not None and pattern_within(region, s.region) for s in self.sites
            )
        return found

    def children(self, region: str) -> tuple[str, ...]:
        """The regions directly below ``region`` that may be worked on their own."""
        found = self._children.get(region)
        if found is None:
            found = self._children[region] = tuple(
                c for c in self.tree.children(region) if not self.cap_site(c)
            )
        return found

    def within(self, region: str) -> tuple[str, ...]:
        """The regions below ``region`` for specific work: its children, each replaced by its
        own children while it holds a capped site (``leg`` → thighs and calves, not the backs of
        the knees). ``(region,)`` when there are none."""
        found = self._within.get(region)
        if found is None:
            out: list[str] = []
            todo = list(self.children(region))
            while todo:
                name = todo.pop(0)
                inner = self.children(name) if self.holds_cap_site(name) else ()
                if inner:
                    todo[:0] = inner
                else:
                    out.append(name)
            found = self._within[region] = tuple(out) or (region,)
        return found


def facts_of(registry: Registry) -> RegistryFacts:
    """The :class:`RegistryFacts` of ``registry``, made on first use and kept with it
    (:meth:`~massage_routines.plugins.registry.Registry.derived`, the one per-registry cache)."""
    return registry.derived(RegistryFacts)


class Constraints:
    """Everything that limits the steps of one routine, asked region by region."""

    __slots__ = (
        "_verdicts",
        "_zones",
        "facts",
        "include",
        "profile",
        "reaches",
        "registry",
        "style",
        "tree",
    )

    def __init__(
        self,
        registry: Registry,
        style: StyleSpec,
        profile: Profile,
        include: tuple[str, ...] | None,
    ) -> None:
        self.registry = registry
        self.facts = facts_of(registry)
        self.style = style
        self.profile = profile
        self.tree = registry.regions
        self.reaches = style.reaches
        self.include = include
        self._zones: dict[str, Zone] = {}
        self._verdicts: dict[tuple[str, str, Position], Verdict] = {}

    # ---------------------------------------------------------------- regions

    def zone(self, region: str) -> Zone:
        """Whether a step on ``region`` may be done: all of it, none, or parts of it."""
        found = self._zones.get(region)
        if found is None:
            found = self._zones[region] = self._zone(region)
        return found

    def _zone(self, region: str) -> Zone:
        partial = False
        for limit in self.profile.avoid:
            where = limit.region
            if where is None:
                continue
            if contains(where, region):
                return Zone.OUT
            if contains(region, where):
                partial = True
        if self.reaches is not None and not any(matches_pattern(region, p) for p in self.reaches):
            if not any(pattern_within(region, p) for p in self.reaches):
                return Zone.OUT
            partial = True
        if self.include is not None and not any(contains(z, region) for z in self.include):
            if not any(contains(region, z) for z in self.include):
                return Zone.OUT
            partial = True
        return Zone.PARTIAL if partial else Zone.IN

    def blocked_by(self, region: str) -> RegionLimit | None:
        """The flag or avoided region that covers all of ``region``, if any."""
        for limit in self.profile.avoid:
            if limit.region is not None and contains(limit.region, region):
                return limit
        return None

    def reached(self, region: str) -> bool:
        """Whether the style reaches ``region`` (or something below it)."""
        if self.reaches is None:
            return True
        return any(matches_pattern(region, p) or pattern_within(region, p) for p in self.reaches)

    def children(self, region: str) -> tuple[str, ...]:
        """The regions directly below ``region`` that may be worked on their own: not the
        capped sites, unless the request names one (or a region inside one) itself."""
        if not self.include:
            return self.facts.children(region)
        facts = self.facts
        return tuple(
            c
            for c in self.tree.children(region)
            if not facts.cap_site(c) or any(contains(c, z) for z in self.include)
        )

    def within(self, region: str) -> tuple[str, ...]:
        """The regions below ``region`` for specific work (see :meth:`RegistryFacts.within`)."""
        return self.facts.within(region)

    # ---------------------------------------------------------------- techniques

    def verdict(self, technique: str, region: str, position: Position) -> Verdict:
        """May ``technique`` be done on ``region`` in ``position``, and at which levels?"""
        key = (technique, region, position)
        found = self._verdicts.get(key)
        if found is None:
            found = self._verdicts[key] = self._verdict(technique, region, position)
        return found

    def _verdict(self, name: str, region: str, position: Position) -> Verdict:
        facts = self.facts.site_facts(name, region)
        if facts is None or facts.kind is Kind.NO:
            return _NO
        spec = self.registry.techniques[name]
        if position not in spec.positions:
            return _NO
        family = facts.family
        refine = facts.kind is Kind.REFINE
        if self.style.self_applied:
            reach = self.registry.reach.get(name, ())
            if not any(matches_pattern(region, p) for p in reach):
                if not any(pattern_within(region, p) for p in reach):
                    return _NO
                refine = True
        profile = self.profile
        for ban in profile.forbid:
            if not ban.hits(name, family):
                continue
            if ban.region is None or contains(ban.region, region):
                return _NO
            if contains(region, ban.region):
                refine = True
        if refine:
            return _REFINE
        low = facts.low
        high = outer = facts.high
        band = self.style.pressure
        if band is not None:
            low, high = max(low, int(band.low)), min(high, int(band.high))
            outer = high
            if high < low:
                return _NO
        binding: CapLimit | None = None
        for cap in profile.caps:
            where = cap.region
            level = int(cap.level)
            if where is None or contains(where, region):
                outer = min(outer, level)
            elif contains(region, where):
                high = min(high, level)
            else:
                continue
            if level < facts.high and (binding is None or level < binding.level):
                binding = cap
        high = min(high, outer)
        if high < low:
            return _NO
        soft = name not in self.style.techniques or any(
            limit.applies(region) and limit.hits(name, family)
            for limit in profile.discourage_techniques
        )
        return Verdict(
            Kind.OK,
            low,
            high,
            outer_high=outer,
            soft=soft,
            site_cap=facts.site_cap,
            sites=facts.sites,
            cap=binding,
        )

    def why_not(self, name: str, region: str) -> str | None:
        """The client's limit that rules ``name`` out on ``region`` (a ban, a discouragement, or
        a cap below the technique's range), for adaptations; ``None`` when it is not the
        client's (a site, a position, the style)."""
        spec = self.registry.techniques.get(name)
        if spec is None:
            return None
        profile = self.profile
        for ban in profile.forbid:
            if ban.applies(region) and ban.hits(name, spec.family):
                what = name if name in ban.names else spec.family
                return f"{ban.source.label} rules out {what}"
        cap = profile.cap_at(region)
        if cap is not None and cap.level < spec.pressure.low:
            return (
                f"{cap.source.label} holds pressure at {int(cap.level)} or less, and {name} "
                f"needs {int(spec.pressure.low)}"
            )
        for limit in profile.discourage_techniques:
            if limit.applies(region) and limit.hits(name, spec.family):
                what = name if name in limit.names else spec.family
                return f"{limit.source.label} discourages {what}"
        return None
