"""``json``: ``{"plans": [{"file", "valid", "findings", "suppressed"}, ...]}``, plan by plan.

``valid`` is whether the plan passes (with ``strict``, a warning fails it); ``suppressed`` lists
the findings an inline comment silenced, in the shape of ``findings``.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from massage_routines.findings import Report
    from massage_routines.reporting import Options


def render(reports: Iterable[Report], options: Options) -> Iterator[str]:
    """One JSON document, written entry by entry so memory stays flat over many files."""
    yield '{"plans": ['
    separator = ""
    for report in reports:
        entry = report.to_json()
        entry["valid"] = report.passes(strict=options.strict)
        entry["suppressed"] = [f.to_json() for f in report.suppressed]
        yield separator + json.dumps(entry)
        separator = ",\n  "
    yield "]}\n"
