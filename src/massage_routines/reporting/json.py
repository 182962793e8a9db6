"""``json``: ``{"plans": [{"file", "valid", "findings", "suppressed"}, ...]}``, plan by plan."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from massage_routines.reporting.results import FileResult, Options


def render(results: Iterable[FileResult], options: Options) -> Iterator[str]:
    """One JSON document, written entry by entry so memory stays flat over many files."""
    yield '{"plans": ['
    separator = ""
    for result in results:
        yield separator + json.dumps(result.to_json())
        separator = ",\n  "
    yield "]}\n"
