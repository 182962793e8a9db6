"""The pluggy markers of the ``massage_routines`` project.

Plugin modules mark their hook functions with :data:`hookimpl`::

    from massage_routines.plugins import hookimpl

    @hookimpl
    def massage_techniques():
        return [TechniqueSpec("hot_stone", PressureRange(1, 3))]
"""

from __future__ import annotations

import pluggy

PROJECT = "massage_routines"
#: Marks a function of a plugin as the implementation of a hook.
hookimpl = pluggy.HookimplMarker(PROJECT)
#: Marks a hook specification (used by :mod:`massage_routines.plugins.hookspecs` only).
hookspec = pluggy.HookspecMarker(PROJECT)
