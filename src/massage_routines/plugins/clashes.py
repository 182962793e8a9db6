"""Settling names several plugins provide: a conflict (neither record used) or a replacement.

A record whose name another plugin provides too is a *conflict*: neither is used. A record that
says ``replaces="<plugin>"`` is used in place of that plugin's record, and the registry reports
it (``X007``) on every plan. Badly written names (:mod:`~massage_routines.plugins.names`) are
dropped here too, with a message saying which record they read as.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from massage_routines.plugins.names import canonical, name_problem, replaces_problem
from massage_routines.plugins.records import KIND_OF, Kind, TechniqueSpec

if TYPE_CHECKING:
    from collections.abc import Iterable


class Provided(NamedTuple):
    """A record as a plugin provided it: the record, the plugin's name and how to show it.

    (The values of this module are named tuples: immutable, and cheaper to define than attrs
    classes on the start-up path of ``validate``.)
    """

    record: object
    plugin: str
    source: str


class Conflict(NamedTuple):
    """Two or more plugins provide one name, none says it replaces the others: none is used."""

    kind: Kind
    name: str
    plugins: tuple[str, ...]
    sources: tuple[str, ...]
    #: The families the conflicting technique records give (known, though unused).
    families: frozenset[str] = frozenset()

    @property
    def message(self) -> str:
        """The problem, naming the plugins to choose from."""
        return (
            f"the {self.kind} {self.name!r} is provided by {' and by '.join(self.sources)}: "
            f"neither is used until one is deselected (MASSAGE_ROUTINES_PLUGINS=-"
            f"{self.plugins[-1]}, say), or one says replaces=... on its record"
        )


class Replacement(NamedTuple):
    """A record used in place of another plugin's record of the same name."""

    kind: Kind
    name: str
    plugin: str
    source: str
    replaces: str

    @property
    def message(self) -> str:
        """The warning every report carries."""
        return (
            f"the {self.kind} {self.name!r} of plugin {self.source} replaces the one of plugin "
            f"{self.replaces!r}: what the replaced record said is not checked"
        )


class Incoherence(NamedTuple):
    """One problem: the plugin it belongs to (``None``: the records under test) and what."""

    plugin: str | None
    message: str


class Resolution(NamedTuple):
    """Which records are used after names, clashes and replacements are settled."""

    used: dict[Kind, dict[str, Provided]]
    conflicts: tuple[Conflict, ...]
    replacements: tuple[Replacement, ...]
    problems: tuple[Incoherence, ...]


def resolve(provided: Iterable[Provided]) -> Resolution:
    """Settle names: drop badly written ones, keep one record per name, or none on a conflict."""
    problems: list[Incoherence] = []
    groups: dict[tuple[Kind, str], list[Provided]] = {}
    good: dict[str, list[tuple[Kind, Provided]]] = {}
    bad: list[tuple[Kind, Provided]] = []
    for item in provided:
        kind = KIND_OF[type(item.record)]
        name = getattr(item.record, "name", None)
        if name_problem(kind, name) is not None:
            bad.append((kind, item))
            continue
        assert isinstance(name, str)
        good.setdefault(canonical(name), []).append((kind, item))
        wrong = replaces_problem(kind, name, getattr(item.record, "replaces", None))
        if wrong is not None:
            problems.append(Incoherence(item.plugin, f"plugin {item.source}: {wrong}"))
            continue
        groups.setdefault((kind, name), []).append(item)
    for kind, item in bad:
        message = name_problem(kind, getattr(item.record, "name", None))
        name = getattr(item.record, "name", "")
        alike = [
            f"{other.source}'s {k} {getattr(other.record, 'name', '')!r}"
            for k, other in good.get(canonical(name) if isinstance(name, str) else "", [])
        ]
        also = f"; it reads as {', '.join(alike)}" if alike else ""
        problems.append(Incoherence(item.plugin, f"plugin {item.source}: {message}{also}"))
    used: dict[Kind, dict[str, Provided]] = {kind: {} for kind in KIND_OF.values()}
    conflicts: list[Conflict] = []
    replacements: list[Replacement] = []
    for (kind, name), items in groups.items():
        chosen, replacement, conflict = _settle(kind, name, items)
        if conflict is not None:
            conflicts.append(conflict)
            problems.append(Incoherence(conflict.plugins[-1], conflict.message))
            continue
        assert chosen is not None
        used[kind][name] = chosen
        if replacement is not None:
            replacements.append(replacement)
    return Resolution(used, tuple(conflicts), tuple(replacements), tuple(problems))


def _settle(
    kind: Kind, name: str, items: list[Provided]
) -> tuple[Provided | None, Replacement | None, Conflict | None]:
    """One name's records: the one used, the replacement warning, or the conflict."""
    replacing = [i for i in items if getattr(i.record, "replaces", None) is not None]
    others = {i.plugin for i in items}
    if len(replacing) == 1:
        item = replacing[0]
        target = getattr(item.record, "replaces", None)
        rest = others - {item.plugin}
        if isinstance(target, str) and rest <= {target}:
            return item, Replacement(kind, name, item.plugin, item.source, target), None
    if len(items) == 1:
        return items[0], None, None
    return (
        None,
        None,
        Conflict(
            kind,
            name,
            tuple(i.plugin for i in items),
            tuple(f"plugin {i.source}" for i in items),
            frozenset(
                i.record.family
                for i in items
                if isinstance(i.record, TechniqueSpec) and i.record.family
            ),
        ),
    )
