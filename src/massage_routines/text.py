"""Small helpers for the words of messages: counts, lists of names, "did you mean".

One home for how the library words things, so that every message says them the same way. The
module imports nothing at start-up (``difflib`` only when a suggestion is looked for): the plan
reader and the rules use it on every run.

>>> plural(1, "step"), plural(3, "step")
('1 step', '3 steps')
>>> listing(["prone", "seated"]), listing([], empty="none")
('prone, seated', 'none')
>>> suggest("efleurage", ["effleurage", "petrissage"])
" (did you mean 'effleurage'?)"
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable

#: Words longer than this get no suggestion (comparing them costs time for nothing).
SUGGEST_MAX = 100


def plural(n: int, word: str) -> str:
    """``1 step``, ``3 steps``."""
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def listing(
    items: Iterable[str], *, empty: str = "", limit: int | None = None, sort: bool = True
) -> str:
    """``a, b, c`` (sorted unless ``sort`` is false); ``empty`` when there are none; at most
    ``limit`` of them, then ``...``."""
    shown = sorted(items) if sort else list(items)
    if not shown:
        return empty
    if limit is not None and len(shown) > limit:
        return ", ".join(shown[:limit]) + ", ..."
    return ", ".join(shown)


def suggest(word: str, choices: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` when a choice is close to ``word``, else ``""``."""
    if len(word) > SUGGEST_MAX:
        return ""
    import difflib

    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""
