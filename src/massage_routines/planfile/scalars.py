"""How a plain (unquoted) YAML scalar reads: YAML 1.2's core schema, taken strictly.

``no``, ``yes``, ``on`` and ``off`` are text (YAML 1.1 made them booleans); ``1:30`` is text (1.1
made it 90); ``0x1F`` and ``1_000`` are text. Quoted scalars are always text.
"""

from __future__ import annotations

import re

_NULL = frozenset({"", "~", "null", "Null", "NULL"})
_TRUE = frozenset({"true", "True", "TRUE"})
_FALSE = frozenset({"false", "False", "FALSE"})
#: What YAML 1.1 (and PyYAML's default loader) would have turned into booleans.
YAML11_BOOLEANS = frozenset(
    {
        "yes",
        "Yes",
        "YES",
        "no",
        "No",
        "NO",
        "on",
        "On",
        "ON",
        "off",
        "Off",
        "OFF",
        "y",
        "Y",
        "n",
        "N",
    }
)
_INT = re.compile(r"[-+]?[0-9]+\Z")
_FLOAT = re.compile(
    r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?\Z|[-+]?\.(?:inf|Inf|INF)\Z|\.(?:nan|NaN|NAN)\Z"
)
#: First characters a plain scalar needs before YAML could read it as anything but text.
MAYBE_NOT_TEXT = frozenset("0123456789+-.~nNtTfF")
#: Digits beyond which a whole number is read as infinite (it is out of every range anyway).
_LONGEST_INT = 300


def resolve_plain(text: str) -> bool | int | float | str | None:
    """The value of a plain scalar under the core schema (null, bool, int, float, else text)."""
    if text and text[0] not in MAYBE_NOT_TEXT:
        return text
    if text in _NULL:
        return None
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    if _INT.match(text):
        if len(text) > _LONGEST_INT:  # int() refuses more than 4300 digits; no plan needs 20
            return float("-inf") if text.startswith("-") else float("inf")
        return int(text)
    if _FLOAT.match(text):
        lowered = text.lower()
        if lowered.endswith(".inf"):
            return float("-inf") if lowered.startswith("-") else float("inf")
        if lowered == ".nan":
            return float("nan")
        return float(text)
    return text


def describe(value: object) -> str:
    """How a message names a value: ``the number 5``, ``true``, ``null``, ``the text 'x'``."""
    if value is None:
        return "null (nothing)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value in (float("inf"), float("-inf")):
        return "a number far too large"
    if isinstance(value, int | float):
        return f"the number {value}"
    return f"the text {shorten(str(value))!r}"


def shorten(text: str, longest: int = 60) -> str:
    """``text`` cut to ``longest`` characters, with an ellipsis if it was cut."""
    return text if len(text) <= longest else text[: longest - 1] + "…"
