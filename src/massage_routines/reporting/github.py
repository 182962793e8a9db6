"""``github``: GitHub Actions workflow commands, so findings show as annotations on the diff.

``::error file=F,line=L,col=C,title=massage-routines (CODE)::message``; see GitHub's "Workflow
commands" reference for the escaping of ``%``, line breaks, ``:`` and ``,``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from massage_routines.findings import Report
    from massage_routines.reporting import Options


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def render(reports: Iterable[Report], options: Options) -> Iterator[str]:
    """One ``::error`` or ``::warning`` line per reported finding (suppressed ones are left out)."""
    for report in reports:
        file = _property(report.file or "<plan>")
        for finding in report.findings:
            line = finding.line if finding.line is not None else 1
            column = finding.column if finding.column is not None else 1
            title = _property(f"massage-routines ({finding.code})")
            yield (
                f"::{finding.severity.value} file={file},line={line},col={column},"
                f"title={title}::{_data(f'{finding.code} {finding.message}')}\n"
            )
