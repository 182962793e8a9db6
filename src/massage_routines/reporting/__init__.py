"""The output formats of ``validate``: each module turns per-file reports into text.

Every format is a pure function, ``render(reports, options) -> Iterator[str]``, from the
:class:`~massage_routines.findings.Report` of each checked file (in the order they were
checked; its ``suppressed`` findings are those an inline comment silenced) and the
:class:`Options` to the chunks of text to write: no I/O,
no registry. The command line imports only the module of the format chosen, so the other
formats cost nothing at start-up.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator

    from massage_routines.findings import Report

    #: What a format module's ``render`` is.
    Renderer = Callable[[Iterable[Report], "Options"], Iterator[str]]

#: What an inline suppression comment holds (``# massage: ignore[C007]``); the source of a plan
#: is scanned for them (by :mod:`.suppress`) only when it holds this.
SUPPRESSION_MARKER = "massage:"
#: Format name → module of this package. ``text`` is the default.
FORMATS: dict[str, str] = {
    "text": "text",
    "json": "json",
    "json-lines": "jsonlines",
    "github": "github",
    "sarif": "sarif",
    "junit": "junit",
}


def renderer(name: str) -> Renderer:
    """The ``render`` function of format ``name`` (one of :data:`FORMATS`)."""
    module = importlib.import_module(f"massage_routines.reporting.{FORMATS[name]}")
    render: Renderer = module.render
    return render


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
