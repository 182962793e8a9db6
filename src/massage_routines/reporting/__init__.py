"""The output formats of ``validate``: each module turns per-file results into text.

Every format is a pure function, ``render(results, options) -> Iterator[str]``, from the
:class:`~massage_routines.reporting.results.FileResult` of each checked file (in the order they
were checked) to the chunks of text to write; no I/O, no registry. The command line imports only
the module of the format chosen, so the other formats cost nothing at start-up.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from massage_routines.reporting.results import FileResult, Options

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


class Renderer(Protocol):
    """What a format module provides."""

    def __call__(self, results: Iterable[FileResult], options: Options) -> Iterator[str]: ...


def renderer(name: str) -> Renderer:
    """The ``render`` function of format ``name`` (one of :data:`FORMATS`)."""
    module = importlib.import_module(f"massage_routines.reporting.{FORMATS[name]}")
    render: Renderer = module.render
    return render
