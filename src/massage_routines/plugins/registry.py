"""The registry: every technique, style, condition, region, site, rule, piece of advice and
reach the plugins provide.

One :class:`pluggy.PluginManager` loads the plugins of the entry point group
``massage_routines`` (the built-in ones register exactly that way) the first time something needs
them, and :func:`default_registry` keeps the result for the life of the process.

The work is split by job: :mod:`~massage_routines.plugins.selection` (which plugins load,
``MASSAGE_ROUTINES_PLUGINS``), :mod:`~massage_routines.plugins.loading` (registering them and
calling their hooks), :mod:`~massage_routines.plugins.names` (how names are written),
:mod:`~massage_routines.plugins.clashes` (one name from several plugins: conflicts and
replacements), :mod:`~massage_routines.plugins.coherence` (codes and references: one checker,
shared with :mod:`massage_routines.testing`); this module puts the result together.

``massage-routines techniques`` shows what loaded, from which distribution, and what failed.

Failing closed: a plugin that cannot be imported, whose hook raises or returns something that is
not a record, that writes a name wrongly, that provides a name another plugin provides too
(without ``replaces=``), that declares a code another rule declares, or that refers to a name
nobody provides is a :class:`PluginProblem`. Every report carries an error finding for each
problem, so no plan is valid while a plugin is broken; deselecting the plugin is the way out.

The registry is read-only: its mappings are :class:`types.MappingProxyType`, its sequences
tuples, and its attributes frozen, so a rule or a compose hook cannot change what the next plan
is checked against (a write raises, and the engine reports the rule as failed).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, TypeVar

import attrs
import pluggy

from massage_routines.model.regions import BASE_REGIONS, RegionTree
from massage_routines.plugins import clashes, coherence, needs
from massage_routines.plugins.clashes import Conflict, Replacement
from massage_routines.plugins.loading import (
    BUILTIN_DISTRIBUTION,
    PluginInfo,
    PluginProblem,
    gather,
    load_plugins,
)
from massage_routines.plugins.records import (
    BASE_POSITIONS,
    AdviceSpec,
    ConditionSpec,
    Kind,
    PositionSpec,
    ReachSpec,
    RuleSpec,
    SiteSpec,
    StyleSpec,
    TechniqueSpec,
)
from massage_routines.plugins.selection import ENV_VAR, combine, selection, unknown_names

if TYPE_CHECKING:
    from massage_routines.plugins.discovery import EntryPoint
    from massage_routines.plugins.records import CodeSpec

__all__ = [
    "BUILTIN_DISTRIBUTION",
    "ENV_VAR",
    "Conflict",
    "Kind",
    "PluginInfo",
    "PluginProblem",
    "Registry",
    "Replacement",
    "build_registry",
    "default_registry",
    "loaded_default_registry",
    "reset_default_registry",
    "select_plugins",
    "selection",
]

T = TypeVar("T")


def _tuple(items: Iterable[Any]) -> tuple[Any, ...]:
    return tuple(items)


def _read_only(mapping: Mapping[Any, Any]) -> Mapping[Any, Any]:
    return mapping if isinstance(mapping, MappingProxyType) else MappingProxyType(dict(mapping))


@attrs.frozen(eq=False)
class Registry:
    """What the loaded plugins provide, by name, with provenance and problems (read-only).

    Built by :func:`build_registry`; :func:`default_registry` is the process-wide one.
    ``conflicts`` are names two plugins provide (neither record is used); ``replacements`` are
    records used in place of another plugin's (each gives every report an ``X007`` warning).
    ``advice`` is every piece of preparation and aftercare, in the order the plugins gave it
    (:func:`massage_routines.advice` picks and orders those that fit a routine).
    """

    regions: RegionTree
    techniques: Mapping[str, TechniqueSpec] = attrs.field(converter=_read_only)
    styles: Mapping[str, StyleSpec] = attrs.field(converter=_read_only)
    sites: tuple[SiteSpec, ...] = attrs.field(converter=_tuple)
    conditions: Mapping[str, ConditionSpec] = attrs.field(converter=_read_only)
    rules: tuple[RuleSpec, ...] = attrs.field(converter=_tuple)
    plugins: tuple[PluginInfo, ...] = attrs.field(converter=_tuple)
    problems: tuple[PluginProblem, ...] = attrs.field(converter=_tuple)
    provenance: Mapping[tuple[Kind, str], PluginInfo] = attrs.field(converter=_read_only)
    manager: pluggy.PluginManager = attrs.field(repr=False)
    families: frozenset[str] = attrs.field(default=frozenset(), converter=frozenset)
    conflicts: tuple[Conflict, ...] = attrs.field(default=(), converter=_tuple)
    replacements: tuple[Replacement, ...] = attrs.field(default=(), converter=_tuple)
    advice: tuple[AdviceSpec, ...] = attrs.field(default=(), converter=_tuple)
    #: Technique → the regions a person reaches on themselves with it (every
    #: :class:`~massage_routines.plugins.records.ReachSpec` of the technique, added up).
    reach: Mapping[str, tuple[str, ...]] = attrs.field(factory=dict, converter=_read_only)
    #: The reach records in use, as the plugins gave them.
    reach_records: tuple[ReachSpec, ...] = attrs.field(default=(), converter=_tuple)
    #: Every position a plan may use, by name: the base positions, then the plugins'
    #: (:class:`~massage_routines.plugins.records.PositionSpec`), in that order.
    positions: Mapping[str, PositionSpec] = attrs.field(
        factory=lambda: {p.name: p for p in BASE_POSITIONS}, converter=_read_only
    )
    _derived: dict[object, object] = attrs.field(factory=dict, init=False, repr=False)

    def provider(self, kind: Kind, name: str) -> PluginInfo | None:
        """The plugin that provided ``name`` of ``kind``."""
        return self.provenance.get((kind, name))

    def codes(self) -> dict[str, tuple[CodeSpec, RuleSpec]]:
        """Every finding code the rules declare, with its rule."""
        return {code.code: (code, rule) for rule in self.rules for code in rule.codes}

    def unknown_style(self, name: str) -> str:
        """What to say of a style no plugin in use provides: the nearest names, the styles
        there are, and the plugins not in use (deselected or failed), one of which may have
        provided it."""
        from massage_routines.text import listing, suggest

        said = (
            f"unknown style {name!r}{suggest(name, self.styles)}; the styles are "
            f"{listing(self.styles, empty='none (no plugin in use provides any)')}"
        )
        idle = [f"{p.name} ({p.status})" for p in self.plugins if p.status != "loaded"]
        return f"{said}; plugins not in use: {', '.join(idle)}" if idle else said

    @property
    def deselected_builtins(self) -> tuple[PluginInfo, ...]:
        """Built-in plugins the user chose not to load."""
        return tuple(p for p in self.plugins if p.builtin and p.status == "deselected")

    def derived(self, build: Callable[[Registry], T]) -> T:
        """``build(self)``, computed once per registry and kept with it (thread-safe).

        The one home for what code precomputes from a registry (the rules' index, the
        composer's constraints): the registry is read-only, so the result never goes stale, and
        it lives exactly as long as the registry. ``build`` is the cache key, so pass the same
        function (or class) every time.
        """
        try:
            return self._derived[build]  # type: ignore[return-value]
        except KeyError:
            pass
        with _LOCK:
            if build not in self._derived:
                self._derived[build] = build(self)
            return self._derived[build]  # type: ignore[return-value]


_LOCK = threading.RLock()


def build_registry(
    plugins: Iterable[tuple[str, object]] = (),
    *,
    use_entry_points: bool = True,
    select: str | None = None,
    points: list[EntryPoint] | None = None,
) -> Registry:
    """Load the plugins and gather what they provide.

    :param plugins: extra ``(name, plugin object)`` pairs to register (tests, applications).
    :param use_entry_points: load the installed plugins of the entry point group.
    :param select: the selection, as ``MASSAGE_ROUTINES_PLUGINS`` (read from the environment
        when ``None``).
    :param points: the entry points to consider (found on ``sys.path`` when ``None``).
    """
    chosen = os.environ.get(ENV_VAR) if select is None else select
    manager, infos, problems = load_plugins(
        plugins, use_entry_points=use_entry_points, wanted=selection(chosen), points=points
    )
    problems.extend(PluginProblem(w, m) for w, m in unknown_names(chosen, infos))
    provided = needs.drop_unmet(manager, infos, problems, gather(manager, infos, problems))
    settled = clashes.resolve(provided)
    known, incoherent = coherence.check_loaded(settled.used, settled.conflicts)
    problems.extend(PluginProblem(p.plugin or "", p.message) for p in settled.problems)
    problems.extend(PluginProblem(p.plugin or "", p.message) for p in incoherent)
    used = settled.used
    base = set(BASE_REGIONS)
    extra = sorted((n for n in known if n not in base), key=lambda n: (n.count("."), n))
    techniques = {n: p.record for n, p in used["technique"].items()}
    return Registry(
        regions=RegionTree([*BASE_REGIONS, *extra]),
        techniques=techniques,
        styles={n: p.record for n, p in used["style"].items()},
        sites=tuple(p.record for p in used["site"].values()),
        conditions={n: p.record for n, p in used["condition"].items()},
        rules=tuple(p.record for p in used["rule"].values()),
        plugins=tuple(infos.values()),
        problems=tuple(problems),
        provenance={
            (kind, name): infos[item.plugin]
            for kind, records in used.items()
            for name, item in records.items()
            if item.plugin in infos
        },
        manager=manager,
        families=frozenset(t.family for t in techniques.values() if t.family),  # type: ignore[attr-defined]
        conflicts=settled.conflicts,
        replacements=settled.replacements,
        advice=tuple(p.record for p in used["advice"].values()),
        reach=_reach(p.record for p in used["reach"].values()),
        reach_records=tuple(p.record for p in used["reach"].values()),
        positions=_positions(p.record for p in used["position"].values()),
    )


def _positions(records: Iterable[object]) -> dict[str, PositionSpec]:
    """The base positions, then the plugins' (a plugin's base name is a problem, not used)."""
    out = {p.name: p for p in BASE_POSITIONS}
    for record in records:
        if isinstance(record, PositionSpec) and record.name not in out:
            out[record.name] = record
    return out


def _reach(records: Iterable[object]) -> dict[str, tuple[str, ...]]:
    """Technique → its reach regions, from every reach record (in order, without repeats)."""
    out: dict[str, dict[str, None]] = {}
    for record in records:
        if isinstance(record, ReachSpec):
            out.setdefault(record.technique, {}).update(dict.fromkeys(record.regions))
    return {name: tuple(regions) for name, regions in out.items()}


_DEFAULT: Registry | None = None
#: The command line's ``-p`` flags, combined with ``MASSAGE_ROUTINES_PLUGINS``.
_FLAGS: tuple[str, ...] = ()


def default_registry() -> Registry:
    """The process-wide registry of the installed plugins, loaded on first use.

    Its selection is ``MASSAGE_ROUTINES_PLUGINS`` and the flags given to
    :func:`select_plugins` (the command line's ``-p NAME`` / ``-p no:NAME``).
    """
    global _DEFAULT  # noqa: PLW0603
    if _DEFAULT is None:
        _DEFAULT = build_registry(select=combine(os.environ.get(ENV_VAR), _FLAGS))
    return _DEFAULT


def loaded_default_registry() -> Registry | None:
    """The process-wide registry if it has been loaded, else ``None`` (loads nothing)."""
    return _DEFAULT


def select_plugins(flags: Iterable[str]) -> None:
    """Use ``-p`` flags (``NAME``, ``no:NAME``) beside ``MASSAGE_ROUTINES_PLUGINS`` for the
    process-wide registry (from now on: it is reloaded on next use)."""
    global _FLAGS  # noqa: PLW0603
    _FLAGS = tuple(flags)
    reset_default_registry()


def plugin_flags() -> tuple[str, ...]:
    """The flags last given to :func:`select_plugins` (to give a worker process the same)."""
    return _FLAGS


def reset_default_registry() -> None:
    """Forget the process-wide registry (after installing a plugin, or in tests)."""
    global _DEFAULT  # noqa: PLW0603
    _DEFAULT = None
