"""What may be done to a client, region by region: the numbers a device or an app needs.

:func:`limits` answers, for every region of the tree, whether it is off limits, the highest
pressure allowed there, and the techniques, families and positions not allowed there, each with
its reason (the flag, condition, endangerment site, cap or style that causes it). It reads the
client through the same :class:`~massage_routines.validation.profile.Profile` as the safety
rules, so a step inside the limits passes them and a step beyond them does not (a property test
holds the two together).

What the limits leave to the technique's own record: its pressure range (``T001``) and the
positions it can be done in (``T002``); and to the session's shape: warm-up and progression
(``P001``/``P002``), the session's length. The limits are about the client, the sites and the
style.

>>> from massage_routines import Client, Flag, Region
>>> found = limits(Client(flags=(Flag(Region("shoulder.left")),)))
>>> found.region("shoulder.left.upper").off_limits  # doctest: +SKIP
True
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from massage_routines.findings import render_path
from massage_routines.model.regions import matches_pattern, pattern_within
from massage_routines.validation.profile import Profile
from massage_routines.validation.rules._index import index_of
from massage_routines.value import Value

if TYPE_CHECKING:
    from massage_routines.model.client import Client
    from massage_routines.model.position import Position
    from massage_routines.plugins.records import StyleSpec
    from massage_routines.plugins.registry import Registry
    from massage_routines.validation.profile import Source

#: The highest pressure there is (no cap binds).
TOP_PRESSURE = 5


@attrs.frozen(repr=False, weakref_slot=False)
class Reason(Value):
    """Why something is limited: what kind of thing (``flag``, ``condition``, ``client``,
    ``site``, ``technique``, ``style``), where it is (``client.flags[0]``, ``sites.axilla``), and
    in words."""

    kind: str
    source: str
    reason: str

    def to_json(self) -> dict[str, object]:
        """``{"kind", "source", "reason"}``."""
        return {"kind": self.kind, "source": self.source, "reason": self.reason}


@attrs.frozen(repr=False, weakref_slot=False)
class PressureCap(Value):
    """No step above ``level`` here, because of ``reason``."""

    level: int
    reason: Reason

    def to_json(self) -> dict[str, object]:
        """``{"level", "kind", "source", "reason"}``."""
        return {"level": self.level, **self.reason.to_json()}


@attrs.frozen(repr=False, weakref_slot=False)
class NotAllowed(Value):
    """A technique, family or position that is not allowed, with every reason."""

    name: str
    reasons: tuple[Reason, ...]

    def to_json(self) -> dict[str, object]:
        """``{"name", "reasons": [...]}``."""
        return {"name": self.name, "reasons": [r.to_json() for r in self.reasons]}


@attrs.frozen(repr=False, weakref_slot=False)
class RegionLimits(Value):
    """What may be done on one region.

    ``off_limits`` (with ``off_limits_reasons``) overrides everything else: nothing may touch
    it. ``max_pressure`` is the highest level every cap allows (``caps`` lists them all: the
    conditions', the client's, the sites', the style's band); ``min_pressure`` the lowest (the
    style's band, else 0);
    ``preferred_pressure`` is the client's preference, not a limit. ``cautions`` are warnings
    (a site the region holds, a discouraged technique): allowed, with care.
    """

    region: str
    parent: str | None
    children: tuple[str, ...]
    off_limits_reasons: tuple[Reason, ...]
    max_pressure: int
    caps: tuple[PressureCap, ...]
    preferred_pressure: int | None
    techniques: tuple[NotAllowed, ...]
    families: tuple[NotAllowed, ...]
    positions: tuple[NotAllowed, ...]
    cautions: tuple[str, ...]
    #: The lowest pressure allowed: 0, or the style's lowest (a style with a pressure band).
    min_pressure: int = 0

    @property
    def off_limits(self) -> bool:
        """Whether nothing may touch the region."""
        return bool(self.off_limits_reasons)

    def allows(self, technique: str, pressure: int, position: Position | str | None) -> bool:
        """Whether a step with ``technique`` at ``pressure`` in ``position`` is within limits."""
        return not (
            self.off_limits
            or pressure > self.max_pressure
            or pressure < self.min_pressure
            or any(t.name == technique for t in self.techniques)
            or (position is not None and any(p.name == str(position) for p in self.positions))
        )

    def to_json(self) -> dict[str, object]:
        """The region's limits as ``limits --format json`` prints them."""
        return {
            "region": self.region,
            "parent": self.parent,
            "children": list(self.children),
            "off_limits": self.off_limits,
            "off_limits_reasons": [r.to_json() for r in self.off_limits_reasons],
            "max_pressure": self.max_pressure,
            "min_pressure": self.min_pressure,
            "caps": [c.to_json() for c in self.caps],
            "preferred_pressure": self.preferred_pressure,
            "techniques_not_allowed": [t.to_json() for t in self.techniques],
            "families_not_allowed": [f.to_json() for f in self.families],
            "positions_not_allowed": [p.to_json() for p in self.positions],
            "cautions": list(self.cautions),
        }


@attrs.frozen(repr=False, weakref_slot=False)
class ClientLimits(Value):
    """A client's limits on every region of the tree (see :func:`limits`).

    ``refusals`` are what rules the whole session out (a refusing condition, a clearance not
    given, a condition no plugin knows, a region the tree does not know): with any, every region
    is off limits (fail closed, as the validator).
    """

    style: str | None
    refusals: tuple[Reason, ...]
    positions: tuple[NotAllowed, ...]
    preferred_pressure: int | None
    regions: tuple[RegionLimits, ...]
    #: Warnings for the whole session, not limits: discouraged positions, reminders (C007, C008).
    cautions: tuple[str, ...] = ()

    @property
    def refused(self) -> bool:
        """Whether no session may be given at all."""
        return bool(self.refusals)

    def region(self, name: str) -> RegionLimits:
        """The limits on ``name``; ``KeyError`` for a region not in the tree."""
        for found in self.regions:
            if found.region == name:
                return found
        raise KeyError(name)

    def to_json(self) -> dict[str, object]:
        """Everything, as ``limits --format json`` prints it."""
        return {
            "style": self.style,
            "refused": self.refused,
            "refusals": [r.to_json() for r in self.refusals],
            "positions_not_allowed": [p.to_json() for p in self.positions],
            "preferred_pressure": self.preferred_pressure,
            "cautions": list(self.cautions),
            "regions": [r.to_json() for r in self.regions],
        }


def limits(
    client: Client | None, *, style: str | None = None, registry: Registry | None = None
) -> ClientLimits:
    """What may be done to ``client`` on every region of the tree, each limit with its reason.

    ``style``: also the style's limits (the regions it does not reach, the positions it does
    not use); ``ValueError`` naming the known styles when no plugin provides it. A step inside
    the limits (not off limits, pressure at most ``max_pressure``, technique and position not
    listed) passes the client's, the sites' and the style's safety rules.
    """
    if registry is None:
        from massage_routines.plugins.registry import default_registry

        registry = default_registry()
    spec: StyleSpec | None = None
    if style is not None:
        spec = registry.styles.get(style)
        if spec is None:
            raise ValueError(registry.unknown_style(style))
    profile = Profile(client, registry)
    refusals = _refusals(profile, registry)
    positions = _positions(profile, spec, tuple(registry.positions))
    preferred = None
    if client is not None and client.preferred_pressure is not None:
        preferred = int(client.preferred_pressure)
    regions = tuple(
        _region(
            name,
            registry,
            profile,
            style=spec,
            refusals=refusals,
            positions=positions,
            preferred=preferred,
        )
        for name in registry.regions
    )
    cautions = tuple(
        [
            f"{p.position.value} discouraged with {p.source.label}"
            + (f": {p.message}" if p.message else "")
            for p in profile.discourage_positions
        ]
        + [f"{n.message} ({n.source.label})" for n in profile.warnings]
    )
    return ClientLimits(style, refusals, positions, preferred, regions, cautions)


def _reason(source: Source) -> Reason:
    path = source.path
    if path[:1] == ("sites",):
        kind = "site"
    elif path[:2] == ("client", "flags"):
        kind = "flag"
    elif path[:2] == ("client", "conditions"):
        kind = "condition"
    else:
        kind = "client"
    return Reason(kind, render_path(path), source.label)


def _refusals(profile: Profile, registry: Registry) -> tuple[Reason, ...]:
    out = [
        Reason("condition", render_path(n.source.path), f"{n.message} ({n.source.label})")
        for n in (*profile.refusals, *profile.clearances)
    ]
    out.extend(
        Reason(
            "condition",
            render_path(use.path),
            f"unknown condition {use.condition.name!r}: it cannot be checked, so nothing is "
            "allowed",
        )
        for use in profile.unknown
    )
    # A region the tree does not know (a typo) cannot be kept out: fail closed, as V003 does.
    known = registry.regions
    out.extend(
        Reason(
            "flag",
            render_path(flag.source.path),
            f"unknown region {flag.region!r} in a flag: it cannot be kept out, so nothing is "
            "allowed",
        )
        for flag in profile.flags
        if flag.region is not None and flag.region not in known
    )
    out.extend(
        Reason(
            "condition",
            render_path(use.path),
            f"unknown region {use.region!r} for {use.condition.name}: it cannot be kept out, so "
            "nothing is allowed",
        )
        for use in profile.conditions
        if use.condition.region is not None and use.condition.region.name not in known
    )
    return tuple(out)


def _positions(
    profile: Profile, style: StyleSpec | None, known: tuple[str, ...]
) -> tuple[NotAllowed, ...]:
    reasons: dict[str, list[Reason]] = {}
    for limit in profile.forbid_positions:
        reasons.setdefault(limit.position.value, []).append(_reason(limit.source))
    if style is not None:
        for name in known:
            if name not in style.positions:
                reasons.setdefault(name, []).append(
                    Reason(
                        "style",
                        f"styles.{style.name}",
                        f"{style.name} is done {', '.join(style.positions)}",
                    )
                )
    return tuple(NotAllowed(name, tuple(why)) for name, why in sorted(reasons.items()))


def _region(
    name: str,
    registry: Registry,
    profile: Profile,
    *,
    style: StyleSpec | None,
    refusals: tuple[Reason, ...],
    positions: tuple[NotAllowed, ...],
    preferred: int | None,
) -> RegionLimits:
    off = list(refusals)
    off.extend(_reason(limit.source) for limit in profile.avoid if limit.applies(name))
    if (
        style is not None
        and style.reaches is not None
        and not any(matches_pattern(name, r) for r in style.reaches)
    ):
        off.append(
            Reason(
                "style",
                f"styles.{style.name}",
                f"{style.name} does not reach {name}; it works {', '.join(style.reaches)}",
            )
        )
    caps = [
        PressureCap(int(cap.level), _reason(cap.source))
        for cap in (*(c for c in profile.caps if c.applies(name)), *profile.site_caps_at(name))
    ]
    lowest = 0
    if style is not None and style.pressure is not None:
        band = Reason("style", f"styles.{style.name}", f"{style.name} is done at {style.pressure}")
        caps.append(PressureCap(int(style.pressure.high), band))
        lowest = int(style.pressure.low)
    caps.sort(key=lambda c: c.level)
    highest = min((c.level for c in caps), default=TOP_PRESSURE)
    bans = [*(b for b in profile.forbid if b.applies(name)), *profile.site_bans_at(name)]
    style_index = index_of(registry).styles.get(style.name) if style is not None else None
    techniques: list[NotAllowed] = []
    for technique in registry.techniques.values():
        why = [_reason(ban.source) for ban in bans if ban.hits(technique.name, technique.family)]
        why.extend(
            Reason(
                "technique",
                f"techniques.{technique.name}",
                f"{technique.name} is never used on {site}",
            )
            for site in technique.never_on
            if matches_pattern(name, site)
        )
        if style_index is not None and not style_index.self_reached(
            technique.name, name, name in registry.regions
        ):
            why.append(
                Reason(
                    "style",
                    f"styles.{style_index.spec.name}",
                    f"a person cannot reach {name} on themselves with {technique.name}",
                )
            )
        if why:
            techniques.append(NotAllowed(technique.name, tuple(why)))
    family_names = {t.family for t in registry.techniques.values() if t.family}
    families: dict[str, list[Reason]] = {}
    for ban in bans:
        for banned in sorted(ban.names):
            if banned in family_names or banned not in registry.techniques:
                families.setdefault(banned, []).append(_reason(ban.source))
    cautions = _cautions(name, registry, profile)
    return RegionLimits(
        name,
        name.rpartition(".")[0] or None,
        registry.regions.children(name),
        tuple(off),
        highest,
        tuple(caps),
        preferred,
        tuple(techniques),
        tuple(NotAllowed(f, tuple(why)) for f, why in sorted(families.items())),
        positions,
        cautions,
        lowest,
    )


def _cautions(name: str, registry: Registry, profile: Profile) -> tuple[str, ...]:
    """Warnings, not limits: sites the region holds, discouraged techniques."""
    out: list[str] = []
    for site in registry.sites:
        if not matches_pattern(name, site.region) and pattern_within(name, site.region):
            asks = []
            if site.cap is not None:
                asks.append(f"at most {int(site.cap)}")
            if site.forbidden:
                asks.append(f"no {', '.join(site.forbidden)}")
            if asks:
                out.append(
                    f"holds the endangerment site {site.name} at {site.region} ({site.at_risk} "
                    f"at risk), which takes {' and '.join(asks)}: ease off or skip it"
                )
    for limit in profile.discourage_techniques:
        if limit.applies(name):
            why = f": {limit.message}" if limit.message else ""
            out.append(
                f"{', '.join(sorted(limit.names))} discouraged with {limit.source.label}{why}"
            )
    return tuple(out)
