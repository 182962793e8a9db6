"""Checks for plugin authors: is a plugin coherent, and a registry with it for its tests.

:func:`check_records` and :func:`check_plugin` use the registry's own checker
(:mod:`massage_routines.plugins.coherence`), so a plugin that passes them loads without a
problem, and one that fails them would make every plan invalid.
"""

from __future__ import annotations

import types
from typing import TYPE_CHECKING

from massage_routines.plugins import hookspecs
from massage_routines.plugins.coherence import Checker, near
from massage_routines.plugins.markers import PROJECT
from massage_routines.plugins.records import RECORD_KINDS, RuleSpec

if TYPE_CHECKING:
    from collections.abc import Iterable

    from massage_routines.plugins.discovery import EntryPoint
    from massage_routines.plugins.registry import Registry

__all__ = ["check_examples", "check_plugin", "check_records", "registry_with"]

#: The hooks that return records, and the record type each returns.
_RECORD_HOOKS: dict[str, type] = dict(RECORD_KINDS)
#: Every hook name of the project (``massage_compose`` too).
_HOOK_NAMES: frozenset[str] = frozenset(
    name for name in vars(hookspecs) if getattr(getattr(hookspecs, name), f"{PROJECT}_spec", None)
)


def _module_of(plugin: object) -> str | None:
    if isinstance(plugin, types.ModuleType):
        return plugin.__name__
    return getattr(type(plugin), "__module__", None)


def _installed_points(
    plugin: object, name: str | None, *, installed: bool = True
) -> list[EntryPoint]:
    """The installed entry points, without those of ``plugin`` itself (by module or by name);
    with ``installed=False``, the built-in ones only."""
    from massage_routines.plugins.discovery import entry_points
    from massage_routines.plugins.loading import BUILTIN_DISTRIBUTION

    module = _module_of(plugin)
    return [
        point
        for point in entry_points()
        if point.module != module
        and (name is None or point.name != name)
        and (installed or point.distribution == BUILTIN_DISTRIBUTION)
    ]


def _entry_name(plugin: object) -> str | None:
    """The entry point name of an installed copy of ``plugin`` (by module), if any."""
    from massage_routines.plugins.discovery import entry_points

    module = _module_of(plugin)
    return next((p.name for p in entry_points() if p.module == module), None)


def registry_with(
    plugin: object,
    name: str = "plugin-under-test",
    *,
    select: str = "all",
    installed: bool = True,
    also: Iterable[tuple[str, object]] = (),
) -> Registry:
    """The installed plugins plus ``plugin``, as its tests want them.

    An installed copy of the plugin itself (an entry point to the same module, or of the same
    ``name``) is left out, so the tests see the code under test exactly once whether or not the
    package is installed. ``select`` is the ``MASSAGE_ROUTINES_PLUGINS`` selection to apply
    (``all`` by default, so the caller's environment does not change the tests).

    With ``installed=False`` only the built-in plugins are loaded beside ``plugin`` (and the
    ``(name, plugin)`` pairs of ``also``): another installed package's problem (a clash, a
    broken import) then cannot break this plugin's tests.
    """
    from massage_routines.plugins.registry import build_registry

    return build_registry(
        [(name, plugin), *also],
        select=select,
        points=_installed_points(plugin, name, installed=installed),
    )


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
    return [p.message for p in Checker(registry, plugin_name).run(records)]


def check_plugin(
    plugin: object,
    registry: Registry | None = None,
    *,
    name: str | None = None,
    examples: bool = True,
) -> list[str]:
    """What is wrong with a plugin (a module or object with hook functions), as messages.

    Calls each of the plugin's hooks and checks what they return with :func:`check_records`,
    against ``registry`` (by default :func:`registry_with` the plugin: the installed plugins
    with this one in place of any installed copy, ``name`` being its entry point name, found
    from an installed copy when not given). Also reports hooks that raise or return what is
    not a record, functions named like a hook but not marked with ``@hookimpl`` (the host would
    never call them), marked functions whose name is no hook (a misspelling, which makes the
    plugin broken), and a ``massage_routines_api`` range that does not hold this library's.

    When all that is clean (and ``examples``), the example plans of every code its rules
    declare are run: ``CodeSpec.fails`` must give the code (with its severity), and
    ``CodeSpec.passes`` must give neither the code nor any error.
    """
    problems: list[str] = []
    owner = name
    if registry is None:
        # The installed plugins with this one in place of any installed copy: plugins that
        # need this one (massage_routines_requires) then load, and its own records are not
        # counted as clashes (``plugin_name``).
        owner = name or _entry_name(plugin) or "plugin-under-test"
        registry = registry_with(plugin, owner)
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
            problems.append(f"{attr}() is marked @hookimpl but is no hook{near(attr, _HOOK_NAMES)}")
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
    from massage_routines.plugins.api import api_problem

    wrong = api_problem(plugin, owner or "under test")
    if wrong is not None:
        problems.append(wrong)
    problems.extend(check_records(records, registry, plugin_name=owner))
    rules = [r for r in records if isinstance(r, RuleSpec)]
    if examples and not problems and any(c.fails or c.passes for r in rules for c in r.codes):
        problems.extend(check_examples(rules, _with(plugin, owner, registry)))
    return problems


def _with(plugin: object, name: str | None, registry: Registry) -> Registry:
    """``registry`` if ``plugin`` is in it, else the installed plugins and ``plugin``."""
    if registry.manager.is_registered(plugin):
        return registry
    return registry_with(plugin, name or "plugin-under-test")


def check_examples(rules: Iterable[RuleSpec], registry: Registry) -> list[str]:
    """Run the example plans of the rules' codes against ``registry`` (which holds the rules):
    what does not give its code, or gives it where it must not, as messages."""
    from massage_routines.validation.engine import validate_text

    if registry.problems:
        first = registry.problems[0].message
        return [f"the code examples could not be run: the registry has problems ({first})"]
    problems: list[str] = []
    for rule in rules:
        for spec in rule.codes:
            where = f"rule {rule.name!r}: {spec.code}"
            if spec.fails:
                report = validate_text(spec.fails, registry)
                found = [f for f in report.findings if f.code == spec.code]
                if not found:
                    shown = ", ".join(report.codes()) or "nothing"
                    problems.append(f"{where}: the failing example gives {shown}, not {spec.code}")
                elif all(f.severity is not spec.severity for f in found):
                    problems.append(
                        f"{where}: the failing example gives it as {found[0].severity}, not "
                        f"{spec.severity}"
                    )
            if spec.passes:
                report = validate_text(spec.passes, registry)
                if spec.code in report.codes():
                    problems.append(f"{where}: the passing example gives {spec.code}")
                errors = sorted({f.code for f in report.errors})
                if errors:
                    problems.append(
                        f"{where}: the passing example is not valid (errors {', '.join(errors)})"
                    )
    return problems
