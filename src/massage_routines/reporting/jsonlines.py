"""``json-lines``: one JSON object per finding (reported or suppressed), one per line."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from massage_routines.findings import Report
    from massage_routines.reporting import Options


def render(reports: Iterable[Report], options: Options) -> Iterator[str]:
    """``{"file", "code", "severity", "message", "path", "line", "column", "suppressed"}``
    lines; a file with no finding gives no line."""
    for report in reports:
        lines = []
        for suppressed, findings in ((False, report.findings), (True, report.suppressed)):
            for finding in findings:
                entry = {"file": report.file, **finding.to_json(), "suppressed": suppressed}
                lines.append(json.dumps(entry) + "\n")
        if lines:
            yield "".join(lines)
