"""Loading plugins: register them with pluggy and call their record hooks one plugin at a time.

Failing closed: a plugin that cannot be imported, whose hook raises or returns something that is
not a record, or that implements a hook that does not exist is a :class:`PluginProblem`; the
others still load.

Why each plugin's record hook is called on its own (``impl.function()``) rather than through
``manager.hook.<name>()``: pluggy's call returns the results of every plugin in one list, with
no word of which plugin gave which (and drops ``None``), and one raising plugin aborts the whole
call. The host needs each record's plugin (for ``techniques``, for conflicts, for blaming the
right plugin) and a failure per plugin. ``PluginManager.subset_hook_caller`` would give that
through pluggy, but it puts the plugins in a set, and plugins that are not hashable (a
``types.SimpleNamespace``, say) are allowed. What plugin authors lose on these eight hooks:
``hookwrapper``/``wrapper`` implementations, ``tryfirst``/``trylast`` (the order is the
registration order, which matters only for listing) and pluggy's tracing
(``add_hookcall_monitoring``). ``massage_compose`` is called through pluggy, so all of these
apply to it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

import attrs
import pluggy

from massage_routines.plugins import hookspecs
from massage_routines.plugins.clashes import Provided
from massage_routines.plugins.coherence import near
from massage_routines.plugins.discovery import GROUP, EntryPoint, entry_points
from massage_routines.plugins.markers import PROJECT
from massage_routines.plugins.records import RECORD_KINDS
from massage_routines.value import Value

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

#: The module attribute a plugin declares its API range with (see plugins.api).
API_ATTRIBUTE = "massage_routines_api"
#: The distribution whose plugins are the built-in ones.
BUILTIN_DISTRIBUTION = "massage_routines"


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
    #: The exception behind the problem, when there is one (its ``__traceback__`` leads into
    #: the plugin's code). Not compared, hashed or shown, so problems stay values.
    exception: BaseException | None = attrs.field(default=None, eq=False, repr=False, kw_only=True)

    def traceback(self) -> str | None:
        """The exception's traceback as text (what ``--traceback`` prints), or ``None``."""
        if self.exception is None:
            return None
        import traceback

        return "".join(traceback.format_exception(self.exception))


def load_plugins(
    plugins: Iterable[tuple[str, object]],
    *,
    use_entry_points: bool,
    wanted: Callable[[str], bool],
    points: list[EntryPoint] | None,
) -> tuple[pluggy.PluginManager, dict[str, PluginInfo], list[PluginProblem]]:
    """Register the selected plugins: the manager, every plugin's info, and the problems."""
    manager = pluggy.PluginManager(PROJECT)
    manager.add_hookspecs(hookspecs)
    infos: dict[str, PluginInfo] = {}
    problems: list[PluginProblem] = []

    def register(info: PluginInfo, load: Callable[[], object]) -> None:
        if not wanted(info.name):
            infos[info.name] = attrs.evolve(info, status="deselected")
            return
        try:
            plugin = load()
            wrong = None
            if getattr(plugin, API_ATTRIBUTE, None) is not None:  # parsed only when declared
                from massage_routines.plugins.api import api_problem

                wrong = api_problem(plugin, info.source)
            if wrong is None:
                manager.register(plugin, name=info.name)
        except Exception as exc:  # any failure of third-party code is reported, not raised
            cause = f"{type(exc).__name__}: {exc}"
            infos[info.name] = attrs.evolve(info, status="failed", error=cause)
            problems.append(
                PluginProblem(
                    info.name, f"plugin {info.source} failed to load: {cause}", exception=exc
                )
            )
            return
        if wrong is not None:
            infos[info.name] = attrs.evolve(info, status="failed", error=wrong)
            problems.append(PluginProblem(info.name, wrong))
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
    check_hook_names(manager, infos, problems)
    return manager, infos, problems


def _load(point: EntryPoint) -> object:
    import importlib

    module = importlib.import_module(point.module)
    return getattr(module, point.attr) if point.attr else module


def gather(
    manager: pluggy.PluginManager,
    infos: dict[str, PluginInfo],
    problems: list[PluginProblem],
) -> list[Provided]:
    """Call each plugin's record hooks on their own, so each record and failure has its plugin."""
    provided: list[Provided] = []
    for hook_name, record_type in RECORD_KINDS.items():
        caller = getattr(manager.hook, hook_name)
        for impl in caller.get_hookimpls():  # registration order
            plugin = impl.plugin_name
            source = infos[plugin].source if plugin in infos else plugin
            try:
                records = list(impl.function() or ())
            except Exception as exc:
                problems.append(
                    PluginProblem(
                        plugin,
                        f"plugin {source}: {hook_name}() raised {type(exc).__name__}: {exc}",
                        exception=exc,
                    )
                )
                mark_failed(infos, plugin, f"{hook_name}() raised {type(exc).__name__}: {exc}")
                continue
            for record in records:
                if type(record) is not record_type:
                    message = (
                        f"plugin {source}: {hook_name}() returned {type(record).__name__}, "
                        f"not {record_type.__name__}"
                    )
                    problems.append(PluginProblem(plugin, message))
                    mark_failed(infos, plugin, message)
                    continue
                provided.append(Provided(record, plugin, source))
    return provided


def check_hook_names(
    manager: pluggy.PluginManager, infos: dict[str, PluginInfo], problems: list[PluginProblem]
) -> None:
    """A function marked as a hook whose name no hook has (a typo) would silently do nothing."""
    callers = {
        name: caller
        for name in dir(manager.hook)
        if isinstance(caller := getattr(manager.hook, name, None), pluggy.HookCaller)
    }
    hooks = [name for name, caller in callers.items() if caller.spec is not None]
    for name, caller in callers.items():
        if caller.spec is not None:
            continue
        for impl in caller.get_hookimpls():
            plugin = impl.plugin_name
            source = infos[plugin].source if plugin in infos else plugin
            message = (
                f"plugin {source} implements {name}(), which is no massage_routines hook"
                f"{near(name, hooks)}"
            )
            problems.append(PluginProblem(plugin, message))
            mark_failed(infos, plugin, message)


def mark_failed(infos: dict[str, PluginInfo], plugin: str, error: str) -> None:
    """Show ``plugin`` as failed (with ``error``) unless it already is."""
    info = infos.get(plugin)
    if info is not None and info.status == "loaded":
        infos[plugin] = attrs.evolve(info, status="failed", error=error)
