"""``--statistics``: how many findings each code has, most frequent first (as ruff shows it)."""

from __future__ import annotations

import json
from collections import Counter
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from massage_routines.findings import Report
    from massage_routines.reporting import Options


def counts(reports: Iterable[Report]) -> list[tuple[str, str, int]]:
    """``(code, severity, count)`` of the reported findings, by count (descending) then code."""
    counter: Counter[tuple[str, str]] = Counter()
    for report in reports:
        counter.update((f.code, f.severity.value) for f in report.findings)
    return sorted(
        ((code, severity, n) for (code, severity), n in counter.items()),
        key=lambda row: (-row[2], row[0]),
    )


def render(reports: Iterable[Report], options: Options, *, as_json: bool = False) -> Iterator[str]:
    """A table ``COUNT  CODE  [severity] name``, or (``as_json``) a JSON list of the same."""
    rows = counts(reports)
    if as_json:
        entries = [
            {"code": c, "name": options.codes.get(c, ("", ""))[0], "severity": s, "count": n}
            for c, s, n in rows
        ]
        yield json.dumps(entries, indent=2) + "\n"
        return
    width = max((len(str(n)) for _, _, n in rows), default=1)
    for code, severity, n in rows:
        name = options.codes.get(code, ("", ""))[0]
        yield f"{n:>{width}}\t{code}\t[{severity}]" + (f" {name}" if name else "") + "\n"
