"""Plugins that need other plugins (``massage_routines_requires``): one problem, not many.

A style that uses another plugin's techniques would, with that plugin deselected, give an
unknown-technique problem for every move, each blaming the style's plugin. A plugin that
declares what it needs instead gets one problem naming both plugins, and none of its records
is used (nor its ``massage_compose``). A need that is itself dropped drops its dependants too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from massage_routines.plugins.loading import PluginProblem

if TYPE_CHECKING:
    import pluggy

    from massage_routines.plugins.clashes import Provided
    from massage_routines.plugins.loading import PluginInfo


#: The module attribute a plugin declares the plugins it needs with.
REQUIRES_ATTRIBUTE = "massage_routines_requires"


def requirements(plugin: object) -> tuple[str, ...] | str:
    """The plugins ``plugin`` declares it needs, or a message if the declaration is wrong."""
    declared = getattr(plugin, REQUIRES_ATTRIBUTE, ())
    if isinstance(declared, str):
        declared = (declared,)
    if not isinstance(declared, tuple | list | frozenset | set) or not all(
        isinstance(name, str) and name for name in declared
    ):
        return f"{REQUIRES_ATTRIBUTE} = {declared!r} is not a tuple of plugin names"
    return tuple(declared)


def _why(need: str, infos: dict[str, PluginInfo]) -> str:
    info = infos.get(need)
    if info is None:
        from massage_routines.planfile.structure import suggest

        return f"which is not installed{suggest(need, infos)}"
    if info.status == "deselected":
        return "which is deselected (MASSAGE_ROUTINES_PLUGINS or -p)"
    return "which failed (see its own problem)"


def drop_unmet(
    manager: pluggy.PluginManager,
    infos: dict[str, PluginInfo],
    problems: list[PluginProblem],
    provided: list[Provided],
) -> list[Provided]:
    """``provided`` without the records of plugins whose needs are not loaded (reported once)."""
    dropped: set[str] = set()
    changed = True
    while changed:
        changed = False
        for name, plugin in manager.list_name_plugin():
            info = infos.get(name)
            if name in dropped or info is None or info.status == "deselected":
                continue
            needs = requirements(plugin)
            if isinstance(needs, str):
                message = f"plugin {info.source}: {needs}"
            else:
                unmet = [n for n in needs if n in dropped or _status(infos, n) != "loaded"]
                if not unmet:
                    continue
                need = unmet[0]
                shown = infos[need].source if need in infos else repr(need)
                message = (
                    f"plugin {info.source} needs plugin {shown}, {_why(need, infos)}: none of "
                    f"{name}'s records is used until {need} is selected (or {name} deselected)"
                )
            problems.append(PluginProblem(name, message))
            if info.status == "loaded":
                infos[name] = attrs.evolve(info, status="failed", error=message)
            dropped.add(name)
            changed = True
    for name in dropped:
        if manager.get_plugin(name) is not None:
            manager.unregister(name=name)
    return [item for item in provided if item.plugin not in dropped]


def _status(infos: dict[str, PluginInfo], name: str) -> str | None:
    info = infos.get(name)
    return info.status if info is not None else None
