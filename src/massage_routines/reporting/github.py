"""``github``: GitHub Actions workflow commands, so findings show as annotations on the diff.

``::error file=F,line=L,col=C,title=massage-routines (CODE)::message``; see GitHub's "Workflow
commands" reference for the escaping of ``%``, line breaks, ``:`` and ``,``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from massage_routines.reporting.results import FileResult, Options


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def render(results: Iterable[FileResult], options: Options) -> Iterator[str]:
    """One ``::error`` or ``::warning`` line per reported finding (suppressed ones are left out)."""
    for result in results:
        file = _property(result.file)
        for finding in result.findings:
            line = finding.line if finding.line is not None else 1
            column = finding.column if finding.column is not None else 1
            title = _property(f"massage-routines ({finding.code})")
            yield (
                f"::{finding.severity.value} file={file},line={line},col={column},"
                f"title={title}::{_data(f'{finding.code} {finding.message}')}\n"
            )
