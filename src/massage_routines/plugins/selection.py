"""Which installed plugins load: the ``MASSAGE_ROUTINES_PLUGINS`` selection.

=================  ==========================================================
unset, ``all``     every plugin installed
``none`` or empty  no plugin at all (nothing is known, so no plan is valid)
``a,b``            only the plugins (entry point names) ``a`` and ``b``
``-a,-b``          every plugin but ``a`` and ``b`` (``all,-a`` says the same)
=================  ==========================================================
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

ENV_VAR = "MASSAGE_ROUTINES_PLUGINS"


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


def unknown_names(value: str | None, plugins: Iterable[str]) -> list[tuple[str, str]]:
    """``(name, message)`` for each name in the selection that is no plugin (a typo would
    silently drop plugins)."""
    if value is None:
        return []
    known = set(plugins)
    words = {w.strip().lstrip("-") for w in value.split(",")} - {"", "all", "none"}
    out = []
    for word in sorted(words - known):
        from massage_routines.planfile.structure import suggest

        out.append(
            (
                word,
                f"{ENV_VAR} names {word!r}, which is no installed plugin"
                f"{suggest(word, known)}; the plugins are {', '.join(sorted(known)) or 'none'}",
            )
        )
    return out
