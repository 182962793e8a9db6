"""How the output formats show reports: :class:`Options`."""

from __future__ import annotations


class Options:
    """How to show reports: ``strict`` (a warning fails a plan too), ``colour`` (text only,
    ANSI), ``quiet`` (no summary line), ``version`` (the tool's, for SARIF) and ``codes`` (code
    → (name, summary), for SARIF's rule descriptions and statistics; a code missing from it is
    shown by its code alone).

    A plain class, not an attrs value: it is display options, not a model, and building an
    attrs class costs start-up time on every ``validate`` (bench/profile_startup.py).
    """

    __slots__ = ("codes", "colour", "quiet", "strict", "version")

    def __init__(
        self,
        *,
        strict: bool = False,
        colour: bool = False,
        quiet: bool = False,
        version: str = "",
        codes: dict[str, tuple[str, str]] | None = None,
    ) -> None:
        self.strict = strict
        self.colour = colour
        self.quiet = quiet
        self.version = version
        self.codes = codes or {}


def plural(n: int, word: str) -> str:
    """``1 plan``, ``2 plans``."""
    return f"{n} {word}{'' if n == 1 else 's'}"
