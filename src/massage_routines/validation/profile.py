"""A client's profile resolved against the registry: what may not be touched, caps, bans.

Both the safety rules and the composer read the client through a :class:`Profile`, so what the
validator refuses and what the composer avoids are the same thing by construction. Each
constraint keeps its *source* (the path of the flag or condition that set it) so findings can
say why.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from massage_routines.model.regions import matches_pattern, overlaps
from massage_routines.plugins.records import (
    AT_REGION,
    Avoid,
    Cap,
    ConditionSpec,
    DiscouragePosition,
    DiscourageTechnique,
    Forbid,
    ForbidPosition,
    NeedsClearance,
    Refuse,
    Warn,
)

if TYPE_CHECKING:
    from massage_routines.findings import PathParts
    from massage_routines.model.client import Client, Condition
    from massage_routines.model.position import Position
    from massage_routines.model.pressure import Pressure
    from massage_routines.plugins.records import Effect, SiteSpec, TechniqueSpec
    from massage_routines.plugins.registry import Registry


class _Working:
    """A working value of the profile: slotted, compared and hashed by its fields.

    Plain classes rather than attrs ones on purpose: they are internal, built per plan, and
    making an attrs class costs start-up time on every ``validate`` (bench/profile_startup.py).
    """

    __slots__ = ()
    _fields: tuple[str, ...] = ()

    def _key(self) -> tuple[object, ...]:
        return tuple(getattr(self, name) for name in self._fields)

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash((type(self), self._key()))

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._fields)
        return f"{type(self).__name__}({shown})"


class Source(_Working):
    """Where a constraint comes from: its path in the plan and a label for messages."""

    __slots__ = ("label", "path")
    _fields: tuple[str, ...] = ("path", "label")

    def __init__(self, path: PathParts, label: str) -> None:
        self.path = path
        self.label = label


class RegionLimit(_Working):
    """A constraint on a region (``None``: everywhere) from a source."""

    __slots__ = ("region", "source")
    _fields: tuple[str, ...] = ("region", "source")

    def __init__(self, region: str | None, source: Source) -> None:
        self.region = region
        self.source = source

    def applies(self, region: str) -> bool:
        """Whether a step on ``region`` is bound by it (overlap, as flags)."""
        return self.region is None or overlaps(self.region, region)


class CapLimit(RegionLimit):
    """No step above ``level`` on the region."""

    __slots__ = ("level",)
    _fields: tuple[str, ...] = ("region", "source", "level")

    def __init__(self, region: str | None, source: Source, *, level: Pressure) -> None:
        super().__init__(region, source)
        self.level = level


class NameLimit(RegionLimit):
    """Techniques or families (``names``) not used on the region; ``message`` for warnings."""

    __slots__ = ("message", "names")
    _fields: tuple[str, ...] = ("region", "source", "names", "message")

    def __init__(
        self, region: str | None, source: Source, *, names: frozenset[str], message: str = ""
    ) -> None:
        super().__init__(region, source)
        self.names = names
        self.message = message

    def hits(self, technique: str, family: str | None) -> bool:
        """Whether the technique (or its family) is one of the names."""
        return technique in self.names or (family is not None and family in self.names)


class PositionLimit(_Working):
    """A position that is forbidden (or discouraged, with ``message``)."""

    __slots__ = ("message", "position", "source")
    _fields: tuple[str, ...] = ("position", "source", "message")

    def __init__(self, position: Position, source: Source, message: str = "") -> None:
        self.position = position
        self.source = source
        self.message = message


class Notice(_Working):
    """A refusal, a clearance that is missing, or a warning: one finding for the plan."""

    __slots__ = ("message", "source")
    _fields: tuple[str, ...] = ("message", "source")

    def __init__(self, message: str, source: Source) -> None:
        self.message = message
        self.source = source


class ConditionUse(_Working):
    """A client's condition with its record (``None`` when no plugin knows the name)."""

    __slots__ = ("condition", "index", "spec")
    _fields: tuple[str, ...] = ("index", "condition", "spec")

    def __init__(self, index: int, condition: Condition, spec: ConditionSpec | None) -> None:
        self.index = index
        self.condition = condition
        self.spec = spec

    @property
    def path(self) -> PathParts:
        """``("client", "conditions", index)``."""
        return ("client", "conditions", self.index)

    @property
    def region(self) -> str | None:
        """The region the condition names, or its default region."""
        if self.condition.region is not None:
            return self.condition.region.name
        return self.spec.default_region if self.spec else None

    def active(self, effect: Effect) -> bool:
        """Whether an effect applies to this client (its trimester, where it has one)."""
        if effect.trimesters is None:
            return True
        return self.condition.trimester in effect.trimesters


class Profile:
    """Everything the client's flags, conditions and cap ask of a routine.

    ``avoid`` (flags and avoided regions), ``caps`` (conditions' caps and the client's
    ``max_pressure``), ``forbid`` (techniques and families), ``forbid_positions``, the
    discouraged positions and techniques (warnings), and ``refusals``, ``clearances`` and
    ``warnings`` (one finding each). Conditions no plugin knows are in ``unknown``.

    The endangerment sites bind every client alike: ``sites`` are the registry's, and
    :meth:`sites_at`, :meth:`site_caps_at` and :meth:`site_bans_at` say which bind a step on a
    region (it is on the site or inside it: the sites rule's ``E001``/``E002``), so that the rules,
    the composer and :func:`~massage_routines.client_limits.limits` read one answer.
    """

    __slots__ = (
        "_caps_at",
        "_sites_at",
        "avoid",
        "caps",
        "clearances",
        "conditions",
        "discourage_positions",
        "discourage_techniques",
        "flags",
        "forbid",
        "forbid_positions",
        "refusals",
        "sites",
        "unknown",
        "warnings",
    )

    def __init__(
        self,
        client: Client | None,
        registry: Registry,
        *,
        flag_index: tuple[int, ...] | None = None,
        condition_index: tuple[int, ...] | None = None,
    ) -> None:
        """Resolve ``client`` against ``registry``.

        ``flag_index`` / ``condition_index`` map the client's flags and conditions to their
        places in the file (where some were left out for bad values), for the findings' paths.
        """
        self.flags: list[RegionLimit] = []
        self.avoid: list[RegionLimit] = []
        self.caps: list[CapLimit] = []
        self.forbid: list[NameLimit] = []
        self.forbid_positions: list[PositionLimit] = []
        self.discourage_positions: list[PositionLimit] = []
        self.discourage_techniques: list[NameLimit] = []
        self.refusals: list[Notice] = []
        self.clearances: list[Notice] = []
        self.warnings: list[Notice] = []
        self.conditions: list[ConditionUse] = []
        self.unknown: list[ConditionUse] = []
        self._caps_at: dict[str, CapLimit | None] = {}
        self.sites: tuple[SiteSpec, ...] = tuple(registry.sites)
        self._sites_at: dict[str, tuple[SiteSpec, ...]] = {}
        if client is None:
            return
        for n, flag in enumerate(client.flags):
            i = flag_index[n] if flag_index else n
            reason = f" ({flag.reason})" if flag.reason else ""
            limit = RegionLimit(
                flag.region.name,
                Source(("client", "flags", i), f"the flag on {flag.region.name}{reason}"),
            )
            self.flags.append(limit)
            self.avoid.append(limit)
        if client.max_pressure is not None:
            self.caps.append(
                CapLimit(
                    None,
                    Source(("client", "max_pressure"), "the client's max_pressure"),
                    level=client.max_pressure,
                )
            )
        for n, condition in enumerate(client.conditions):
            i = condition_index[n] if condition_index else n
            use = ConditionUse(i, condition, registry.conditions.get(condition.name))
            self.conditions.append(use)
            if use.spec is None:
                self.unknown.append(use)
                continue
            for effect in use.spec.effects:
                if use.active(effect):
                    self._add(use, effect)

    def _add(self, use: ConditionUse, effect: Effect) -> None:
        name = use.condition.name
        region = use.region
        where = f" on {region}" if region else ""
        source = Source(use.path, f"{name} ({'client.conditions'}[{use.index}])")
        if isinstance(effect, Refuse):
            if not (effect.lifted_by_clearance and use.condition.cleared):
                self.refusals.append(Notice(effect.reason, source))
        elif isinstance(effect, NeedsClearance):
            if not use.condition.cleared:
                self.clearances.append(Notice(effect.reason, source))
        elif isinstance(effect, Avoid):
            target = region if effect.region == AT_REGION else effect.region
            if target is not None:
                self.avoid.append(RegionLimit(target, Source(use.path, f"{name}{where}")))
        elif isinstance(effect, Cap):
            target = region if effect.region == AT_REGION else effect.region
            self.caps.append(CapLimit(target, source, level=effect.level))
        elif isinstance(effect, Forbid):
            target = region if effect.region == AT_REGION else effect.region
            self.forbid.append(NameLimit(target, source, names=frozenset(effect.names)))
        elif isinstance(effect, ForbidPosition):
            self.forbid_positions.append(PositionLimit(effect.position, source))
        elif isinstance(effect, DiscouragePosition):
            self.discourage_positions.append(PositionLimit(effect.position, source, effect.message))
        elif isinstance(effect, DiscourageTechnique):
            target = region if effect.region == AT_REGION else effect.region
            self.discourage_techniques.append(
                NameLimit(target, source, names=frozenset(effect.names), message=effect.message)
            )
        elif isinstance(effect, Warn):
            self.warnings.append(Notice(effect.message, source))

    # ---------------------------------------------------------------- questions

    def cap_at(self, region: str) -> CapLimit | None:
        """The lowest cap that binds a step on ``region``, or ``None``."""
        try:
            return self._caps_at[region]
        except KeyError:
            pass
        binding = [cap for cap in self.caps if cap.applies(region)]
        lowest = min(binding, key=lambda c: c.level) if binding else None
        self._caps_at[region] = lowest
        return lowest

    def forbidden(self, technique: TechniqueSpec | str, region: str) -> list[NameLimit]:
        """The bans that a technique on ``region`` breaks."""
        if isinstance(technique, str):
            name, family = technique, None
        else:
            name, family = technique.name, technique.family
        return [
            limit for limit in self.forbid if limit.applies(region) and limit.hits(name, family)
        ]

    def sites_at(self, region: str) -> tuple[SiteSpec, ...]:
        """The endangerment sites a step on ``region`` is on or inside (they bind it)."""
        found = self._sites_at.get(region)
        if found is None:
            found = tuple(site for site in self.sites if matches_pattern(region, site.region))
            self._sites_at[region] = found
        return found

    def site_caps_at(self, region: str) -> list[CapLimit]:
        """The caps of the sites a step on ``region`` is on or inside, lowest first."""
        caps = [
            CapLimit(site.region, _site_source(site), level=site.cap)
            for site in self.sites_at(region)
            if site.cap is not None
        ]
        return sorted(caps, key=lambda c: c.level)

    def site_bans_at(self, region: str) -> list[NameLimit]:
        """The techniques and families the sites a step on ``region`` is on or inside forbid."""
        return [
            NameLimit(site.region, _site_source(site), names=frozenset(site.forbidden))
            for site in self.sites_at(region)
            if site.forbidden
        ]


def _site_source(site: SiteSpec) -> Source:
    label = f"the endangerment site {site.name} ({site.at_risk} at risk)"
    return Source(("sites", site.name), label)
