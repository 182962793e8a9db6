"""The plugin API version, and what a plugin module may declare about what it needs.

A plugin module (or object) may declare, as plain attributes:

``massage_routines_api = ">=1,<2"``
    the plugin API versions it works with: comparators (``>=``, ``>``, ``<=``, ``<``, ``==``,
    ``!=``) joined by commas, versions of dotted whole numbers (``1``, ``1.2``; missing parts
    count as 0). A plugin whose range does not hold :data:`PLUGIN_API_VERSION` is not loaded,
    and the problem names the plugin, its range and the library's API version.
``massage_routines_requires = ("swedish",)``
    the plugins (entry point names) whose records it builds on. When one of them is not
    installed, is deselected or failed, the plugin is not used either, and there is one
    problem naming both plugins (not one unknown-name error per record that refers to them).

Both are read with ``getattr``: declaring nothing costs nothing (this module is imported only
when a plugin declares a range), and the range is parsed here, without :mod:`packaging`, so
start-up stays cheap. The needs are followed by :mod:`~massage_routines.plugins.needs`.
"""

from __future__ import annotations

import re

from massage_routines.plugins.loading import API_ATTRIBUTE

#: The version of the plugin API: the hooks, the records and what the host does with them.
#: The major number changes when a plugin written for the previous one may break.
PLUGIN_API_VERSION = "1.0"

_COMPARATOR = re.compile(r"\s*(>=|<=|==|!=|>|<)\s*(\d+(?:\.\d+)*)\s*\Z")


class RangeError(ValueError):
    """A version range that cannot be read."""


def _version(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split("."))


def _padded(a: tuple[int, ...], b: tuple[int, ...]) -> tuple[tuple[int, ...], tuple[int, ...]]:
    width = max(len(a), len(b))
    return a + (0,) * (width - len(a)), b + (0,) * (width - len(b))


def parse_range(text: object) -> list[tuple[str, tuple[int, ...]]]:
    """``">=1,<2"`` as ``[(">=", (1,)), ("<", (2,))]``; :class:`RangeError` if it is not one."""
    if not isinstance(text, str) or not text.strip():
        raise RangeError(f"{text!r} is not a version range such as '>=1,<2'")
    out = []
    for part in text.split(","):
        match = _COMPARATOR.match(part)
        if match is None:
            raise RangeError(
                f"{text!r} is not a version range such as '>=1,<2' (comparators >=, >, <=, <, "
                "==, != and versions of dotted whole numbers, joined by commas)"
            )
        out.append((match.group(1), _version(match.group(2))))
    return out


def in_range(version: str, text: str) -> bool:
    """Whether ``version`` (``"1.0"``) is in the range ``text`` (``">=1,<2"``)."""
    have = _version(version)
    for op, bound in parse_range(text):
        left, right = _padded(have, bound)
        holds = {
            ">=": left >= right,
            ">": left > right,
            "<=": left <= right,
            "<": left < right,
            "==": left == right,
            "!=": left != right,
        }[op]
        if not holds:
            return False
    return True


def api_problem(plugin: object, source: str) -> str | None:
    """Why ``plugin`` (as ``source`` shows it) cannot load with this API; ``None`` if it can."""
    declared = getattr(plugin, API_ATTRIBUTE, None)
    if declared is None:
        return None
    try:
        fits = in_range(PLUGIN_API_VERSION, declared)
    except RangeError as exc:
        return f"plugin {source}: {API_ATTRIBUTE} = {exc}"
    if fits:
        return None
    return (
        f"plugin {source} needs the massage_routines plugin API {declared}, but this "
        f"massage_routines has plugin API {PLUGIN_API_VERSION}: upgrade the plugin (or "
        "massage_routines), or deselect it"
    )
