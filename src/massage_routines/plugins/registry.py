"""The registry: every technique, style, condition, region, site and rule the plugins provide.

One :class:`pluggy.PluginManager` loads the plugins of the entry point group
``massage_routines`` (the built-in ones register exactly that way) the first time something needs
them, and :func:`default_registry` keeps the result for the life of the process.

Choosing what loads: the environment variable ``MASSAGE_ROUTINES_PLUGINS``:

=================  ==========================================================
unset, ``all``     every plugin installed
``none`` or empty  no plugin at all (nothing is known, so no plan is valid)
``a,b``            only the plugins (entry point names) ``a`` and ``b``
``-a,-b``          every plugin but ``a`` and ``b`` (``all,-a`` says the same)
=================  ==========================================================

``massage-routines techniques`` shows what loaded, from which distribution, and what failed.

Failing closed: a plugin that cannot be imported, whose hook raises or returns something that is
not a record, that provides a name another plugin provides too, or that refers to a name nobody
provides is a :class:`PluginProblem`. Every report carries an error finding for each problem, so
no plan is valid while a plugin is broken; deselecting the plugin is the way out.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Literal, cast

import attrs
import pluggy

from massage_routines.model.regions import BASE_REGIONS, RegionTree, is_region_name
from massage_routines.plugins import hookspecs
from massage_routines.plugins.discovery import GROUP, EntryPoint, entry_points
from massage_routines.plugins.markers import PROJECT
from massage_routines.plugins.records import (
    AT_FOCUS,
    AT_REGION,
    RECORD_KINDS,
    Avoid,
    Cap,
    ConditionSpec,
    DiscourageTechnique,
    Forbid,
    RuleSpec,
    SiteSpec,
    StyleSpec,
    TechniqueSpec,
)
from massage_routines.value import Value

if TYPE_CHECKING:
    from massage_routines.plugins.records import CodeSpec

ENV_VAR = "MASSAGE_ROUTINES_PLUGINS"
#: The distribution whose plugins are the built-in ones.
BUILTIN_DISTRIBUTION = "massage_routines"

Kind = Literal["region", "technique", "style", "site", "condition", "rule"]
#: (hook, kind of record, record class), from the records' own table.
_HOOKS: tuple[tuple[str, Kind, type], ...] = tuple(
    (hook, cast("Kind", hook.removeprefix("massage_").removesuffix("s")), record)
    for hook, record in RECORD_KINDS.items()
)


@attrs.frozen(repr=False, weakref_slot=False)
class PluginInfo(Value):
    """A plugin and where it comes from; ``status`` is ``loaded``, ``failed`` or ``deselected``."""

    name: str
    distribution: str
    version: str
    status: Literal["loaded", "failed", "deselected"]
    error: str | None = None

    @property
    def builtin(self) -> bool:
        """Whether the plugin ships with massage_routines."""
        return self.distribution == BUILTIN_DISTRIBUTION

    @property
    def source(self) -> str:
        """``name (distribution version)``, as messages show it."""
        if not self.distribution:
            return f"{self.name} (registered in code)"
        return f"{self.name} ({self.distribution} {self.version})"


@attrs.frozen(repr=False, weakref_slot=False)
class PluginProblem(Value):
    """Something wrong with a plugin that makes every plan unverifiable until it is fixed."""

    plugin: str
    message: str


@attrs.frozen(eq=False)
class Registry:
    """What the loaded plugins provide, by name, with provenance and problems.

    Built by :func:`build_registry`; :func:`default_registry` is the process-wide one.
    """

    regions: RegionTree
    techniques: Mapping[str, TechniqueSpec]
    styles: Mapping[str, StyleSpec]
    sites: tuple[SiteSpec, ...]
    conditions: Mapping[str, ConditionSpec]
    rules: tuple[RuleSpec, ...]
    plugins: tuple[PluginInfo, ...]
    problems: tuple[PluginProblem, ...]
    provenance: Mapping[tuple[Kind, str], PluginInfo]
    manager: pluggy.PluginManager = attrs.field(repr=False)
    families: frozenset[str] = frozenset()

    def provider(self, kind: Kind, name: str) -> PluginInfo | None:
        """The plugin that provided ``name`` of ``kind``."""
        return self.provenance.get((kind, name))

    def codes(self) -> dict[str, tuple[CodeSpec, RuleSpec]]:
        """Every finding code the rules declare, with its rule."""
        return {code.code: (code, rule) for rule in self.rules for code in rule.codes}

    @property
    def deselected_builtins(self) -> tuple[PluginInfo, ...]:
        """Built-in plugins the user chose not to load."""
        return tuple(p for p in self.plugins if p.builtin and p.status == "deselected")


def selection(value: str | None) -> Callable[[str], bool]:
    """Which plugin names ``MASSAGE_ROUTINES_PLUGINS`` lets load."""
    if value is None or value.strip() == "all":
        return lambda name: True
    words = [w.strip() for w in value.split(",") if w.strip()]
    if not words or words == ["none"]:
        return lambda name: False
    excluded = {w[1:] for w in words if w.startswith("-")}
    included = {w for w in words if not w.startswith("-") and w != "all"}
    if included and "all" not in words:
        return lambda name: name in included and name not in excluded
    return lambda name: name not in excluded


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
    manager = pluggy.PluginManager(PROJECT)
    manager.add_hookspecs(hookspecs)
    wanted = selection(os.environ.get(ENV_VAR) if select is None else select)
    infos: dict[str, PluginInfo] = {}
    problems: list[PluginProblem] = []

    def register(info: PluginInfo, load: Callable[[], object]) -> None:
        if not wanted(info.name):
            infos[info.name] = attrs.evolve(info, status="deselected")
            return
        try:
            plugin = load()
            manager.register(plugin, name=info.name)
        except Exception as exc:  # any failure of third-party code is reported, not raised
            cause = f"{type(exc).__name__}: {exc}"
            infos[info.name] = attrs.evolve(info, status="failed", error=cause)
            problems.append(
                PluginProblem(info.name, f"plugin {info.source} failed to load: {cause}")
            )
            return
        infos[info.name] = info

    if use_entry_points:
        for point in entry_points(GROUP) if points is None else points:
            info = PluginInfo(point.name, point.distribution, point.version, "loaded")
            if point.name in infos:
                problems.append(
                    PluginProblem(
                        point.name,
                        f"two plugins are named {point.name!r}: {infos[point.name].source} "
                        f"and {info.source}",
                    )
                )
                continue
            register(info, lambda p=point: _load(p))  # type: ignore[misc]
    for name, plugin in plugins:
        register(PluginInfo(name, "", "", "loaded"), lambda p=plugin: p)  # type: ignore[misc]

    _check_hook_names(manager, infos, problems)
    _check_selection(select if select is not None else os.environ.get(ENV_VAR), infos, problems)
    gathered = _gather(manager, infos, problems)
    regions = _region_tree(gathered["region"], problems)
    techniques: dict[str, TechniqueSpec] = {n: r for n, (r, _) in gathered["technique"].items()}  # type: ignore[misc]
    families = frozenset(t.family for t in techniques.values() if t.family)
    registry = Registry(
        regions=regions,
        techniques=techniques,
        styles={n: r for n, (r, _) in gathered["style"].items()},  # type: ignore[misc]
        sites=tuple(r for r, _ in gathered["site"].values()),  # type: ignore[misc]
        conditions={n: r for n, (r, _) in gathered["condition"].items()},  # type: ignore[misc]
        rules=tuple(r for r, _ in gathered["rule"].values()),  # type: ignore[misc]
        plugins=tuple(infos.values()),
        problems=tuple(problems),
        provenance={
            (kind, name): infos[plugin]
            for kind, records in gathered.items()
            for name, (_, plugin) in records.items()
        },
        manager=manager,
        families=families,
    )
    _check_references(registry, problems)
    return attrs.evolve(registry, problems=tuple(problems)) if problems else registry


def _load(point: EntryPoint) -> object:
    import importlib

    module = importlib.import_module(point.module)
    return getattr(module, point.attr) if point.attr else module


def _gather(
    manager: pluggy.PluginManager,
    infos: dict[str, PluginInfo],
    problems: list[PluginProblem],
) -> dict[Kind, dict[str, tuple[object, str]]]:
    """Call each plugin's hooks on their own, so each record and each failure has its plugin."""
    gathered: dict[Kind, dict[str, tuple[object, str]]] = {kind: {} for _, kind, _ in _HOOKS}
    for hook_name, kind, record_type in _HOOKS:
        caller = getattr(manager.hook, hook_name)
        for impl in caller.get_hookimpls():  # registration order
            plugin = impl.plugin_name
            source = infos[plugin].source if plugin in infos else plugin
            try:
                records = list(impl.function() or ())
            except Exception as exc:
                problems.append(
                    PluginProblem(
                        plugin, f"plugin {source}: {hook_name}() raised {type(exc).__name__}: {exc}"
                    )
                )
                _mark_failed(infos, plugin, f"{hook_name}() raised {type(exc).__name__}: {exc}")
                continue
            for record in records:
                if not isinstance(record, record_type):
                    message = (
                        f"plugin {source}: {hook_name}() returned {type(record).__name__}, "
                        f"not {record_type.__name__}"
                    )
                    problems.append(PluginProblem(plugin, message))
                    _mark_failed(infos, plugin, message)
                    continue
                name: str = record.name  # type: ignore[attr-defined]
                earlier = gathered[kind].get(name)
                if earlier is not None:
                    first = infos[earlier[1]].source if earlier[1] in infos else earlier[1]
                    problems.append(
                        PluginProblem(
                            plugin,
                            f"two plugins provide the {kind} {name!r}: {first} and {source}; "
                            f"deselect one with {ENV_VAR}",
                        )
                    )
                    continue
                gathered[kind][name] = (record, plugin)
    return gathered


def _check_selection(
    value: str | None, infos: dict[str, PluginInfo], problems: list[PluginProblem]
) -> None:
    """A name in the selection that is no plugin is a typo that would silently drop plugins."""
    if value is None:
        return
    words = {w.strip().lstrip("-") for w in value.split(",")} - {"", "all", "none"}
    for word in sorted(words - set(infos)):
        from massage_routines.planfile.structure import suggest

        problems.append(
            PluginProblem(
                word,
                f"{ENV_VAR} names {word!r}, which is no installed plugin"
                f"{suggest(word, infos)}; the plugins are {', '.join(sorted(infos)) or 'none'}",
            )
        )


def _check_hook_names(
    manager: pluggy.PluginManager, infos: dict[str, PluginInfo], problems: list[PluginProblem]
) -> None:
    """A function marked as a hook whose name no hook has (a typo) would silently do nothing."""
    for name in dir(manager.hook):
        caller = getattr(manager.hook, name, None)
        if not isinstance(caller, pluggy.HookCaller) or caller.spec is not None:
            continue
        for impl in caller.get_hookimpls():
            plugin = impl.plugin_name
            source = infos[plugin].source if plugin in infos else plugin
            message = f"plugin {source} implements {name}(), which is no massage_routines hook"
            problems.append(PluginProblem(plugin, message))
            _mark_failed(infos, plugin, message)


def _mark_failed(infos: dict[str, PluginInfo], plugin: str, error: str) -> None:
    info = infos.get(plugin)
    if info is not None and info.status == "loaded":
        infos[plugin] = attrs.evolve(info, status="failed", error=error)


def _region_tree(
    gathered: dict[str, tuple[object, str]], problems: list[PluginProblem]
) -> RegionTree:
    names = list(BASE_REGIONS)
    known = set(names)
    pending = sorted(gathered, key=lambda n: n.count("."))
    for name in pending:
        plugin = gathered[name][1]
        parent = name.rpartition(".")[0]
        if not is_region_name(name):
            problems.append(
                PluginProblem(plugin, f"plugin {plugin}: {name!r} is not a region name")
            )
        elif name in known:
            continue
        elif not parent or parent not in known:
            problems.append(
                PluginProblem(plugin, f"plugin {plugin}: region {name!r} has no parent in the tree")
            )
        else:
            names.append(name)
            known.add(name)
    return RegionTree(names)


def _pattern_known(pattern: str, regions: RegionTree) -> bool:
    if "*" not in pattern:
        return pattern in regions
    from massage_routines.model.regions import matches_pattern

    return any(matches_pattern(name, pattern) for name in regions)


def _check_references(registry: Registry, problems: list[PluginProblem]) -> None:
    """Names that records use must exist: a dangling one is a problem of the plugin that used it."""
    regions = registry.regions
    names = set(registry.techniques) | registry.families

    def owner(kind: Kind, name: str) -> str:
        info = registry.provider(kind, name)
        return info.source if info else name

    def need_region(kind: Kind, name: str, region: str | None, what: str) -> None:
        if region is None or region in (AT_REGION, AT_FOCUS):
            return
        if not _pattern_known(region, regions):
            problems.append(
                PluginProblem(
                    owner(kind, name), f"{kind} {name!r}: {what} {region!r} is not a known region"
                )
            )

    for technique in registry.techniques.values():
        for site in technique.never_on:
            need_region("technique", technique.name, site, "never_on site")
    for style in registry.styles.values():
        for used in style.techniques:
            if used not in registry.techniques:
                problems.append(
                    PluginProblem(
                        owner("style", style.name),
                        f"style {style.name!r} uses {used!r}, which no plugin provides",
                    )
                )
        for region in style.reaches or ():
            need_region("style", style.name, region, "reaches")
        moves = [move for block in style.shape.blocks for move in block.moves]
        moves.extend(style.shape.pattern)
        if style.shape.link is not None:
            moves.append(style.shape.link)
        for block in style.shape.blocks:
            need_region("style", style.name, block.region, "block region")
        for move in moves:
            for used in move.techniques:
                if used not in registry.techniques:
                    problems.append(
                        PluginProblem(
                            owner("style", style.name),
                            f"style {style.name!r}: its shape uses {used!r}, "
                            "which no plugin provides",
                        )
                    )
    for spec in registry.sites:
        need_region("site", spec.name, spec.region, "region")
        for used in spec.forbidden:
            if used not in names:
                problems.append(
                    PluginProblem(
                        owner("site", spec.name),
                        f"site {spec.name!r} forbids {used!r}, which is no technique or family",
                    )
                )
    for condition in registry.conditions.values():
        need_region("condition", condition.name, condition.default_region, "default region")
        for effect in condition.effects:
            if isinstance(effect, Avoid | Cap | Forbid | DiscourageTechnique):
                need_region("condition", condition.name, effect.region, "region")
            if isinstance(effect, Forbid | DiscourageTechnique):
                for used in effect.names:
                    if used not in names:
                        problems.append(
                            PluginProblem(
                                owner("condition", condition.name),
                                f"condition {condition.name!r} names {used!r}, "
                                "which is no technique or family",
                            )
                        )


_DEFAULT: Registry | None = None


def default_registry() -> Registry:
    """The process-wide registry of the installed plugins, loaded on first use."""
    global _DEFAULT  # noqa: PLW0603
    if _DEFAULT is None:
        _DEFAULT = build_registry()
    return _DEFAULT


def reset_default_registry() -> None:
    """Forget the process-wide registry (after installing a plugin, or in tests)."""
    global _DEFAULT  # noqa: PLW0603
    _DEFAULT = None
