"""Which installed plugins load: ``MASSAGE_ROUTINES_PLUGINS`` and the command line's ``-p``.

=================  ==========================================================
unset, ``all``     every plugin installed
``none`` or empty  no plugin at all (nothing is known, so no plan is valid)
``a,b``            only the plugins (entry point names) ``a`` and ``b``
``-a,-b``          every plugin but ``a`` and ``b`` (``all,-a`` says the same)
=================  ==========================================================

Names are matched without regard to case (``SPORTS`` selects ``sports``). The command line's
``-p NAME`` / ``-p no:NAME`` (after pytest's) add to the environment's selection: see
:func:`combine`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

ENV_VAR = "MASSAGE_ROUTINES_PLUGINS"
#: Where a selection came from, as messages name it.
SOURCE = f"the plugin selection ({ENV_VAR} or -p)"


def _words(value: str) -> list[str]:
    return [w.strip().casefold() for w in value.split(",") if w.strip()]


def selection(value: str | None) -> Callable[[str], bool]:
    """Which plugin names ``MASSAGE_ROUTINES_PLUGINS`` lets load."""
    if value is None or value.strip().casefold() == "all":
        return lambda name: True
    words = _words(value)
    if not words or words == ["none"]:
        return lambda name: False
    excluded = {w[1:].strip() for w in words if w.startswith("-")}
    included = {w for w in words if not w.startswith("-") and w != "all"}
    if included and "all" not in words:
        return lambda name: name.casefold() in included and name.casefold() not in excluded
    return lambda name: name.casefold() not in excluded


def combine(environment: str | None, flags: Iterable[str]) -> str | None:
    """The selection of ``MASSAGE_ROUTINES_PLUGINS`` (``environment``) and the ``-p`` flags.

    ``-p no:NAME`` leaves ``NAME`` out, ``-p NAME`` adds it to a selection that names plugins
    (when the environment selects every plugin, it is loaded anyway). What the flags say of a
    name wins over what the variable says of it; among the flags, as in the variable,
    exclusions win. ``None`` when there is nothing to select (every plugin).
    """
    words = []
    for raw in flags:
        flag = raw.strip()
        if flag.casefold().startswith("no:"):
            words.append(f"-{flag[3:].strip()}")
        elif flag:
            words.append(flag)
    if not words:
        return environment
    given = [] if environment is None else _words(environment)
    if environment is not None and (not given or given == ["none"]):  # nothing selected
        if all(w.startswith("-") for w in words):
            return "none"
        return ",".join(words)
    flagged = {w.lstrip("-").strip().casefold() for w in words}
    kept = [w for w in given if w.lstrip("-").strip() not in flagged]  # the flags win
    if environment is None or not [w for w in given if not w.startswith("-") and w != "all"]:
        kept = ["all", *(w for w in kept if w != "all")]  # every plugin, but …
    elif not [w for w in kept if not w.startswith("-")]:  # it named only flagged plugins
        if all(w.startswith("-") for w in words):
            return "none"
        kept = []
    return ",".join([*kept, *words])


def unknown_names(value: str | None, plugins: Iterable[str]) -> list[tuple[str, str]]:
    """``(name, message)`` for each name in the selection that is no plugin (a typo would
    silently drop plugins); names differing from a plugin's only in case are that plugin."""
    if value is None:
        return []
    known = {name.casefold(): name for name in plugins}
    words = {w.lstrip("-").strip() for w in value.split(",")}
    words = {w for w in words if w and w.casefold() not in ("all", "none")}
    out = []
    for word in sorted(w for w in words if w.casefold() not in known):
        from massage_routines.planfile.structure import suggest

        out.append(
            (
                word,
                f"{SOURCE} names {word!r}, which is no installed plugin"
                f"{suggest(word.casefold(), known.values())}; the plugins are "
                f"{', '.join(sorted(known.values())) or 'none'}",
            )
        )
    return out
