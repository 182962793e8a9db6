"""``text``: one ``FILE:LINE:COL: SEVERITY CODE message`` line per finding, then a summary."""

from __future__ import annotations

from typing import TYPE_CHECKING

from massage_routines.reporting import plural

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from massage_routines.findings import Finding, Report
    from massage_routines.reporting import Options

_BOLD, _RED, _YELLOW, _RESET = "\x1b[1m", "\x1b[31m", "\x1b[33m", "\x1b[0m"


def text_line(file: str, finding: Finding, *, colour: bool = False) -> str:
    """One finding as a text line (a finding with no place in the file points at 1:1)."""
    line = finding.line if finding.line is not None else 1
    column = finding.column if finding.column is not None else 1
    severity = finding.severity.value
    if not colour:
        return f"{file}:{line}:{column}: {severity} {finding.code} {finding.message}"
    tint = _RED if finding.is_error else _YELLOW
    return (
        f"{_BOLD}{file}:{line}:{column}:{_RESET} {tint}{severity}{_RESET} "
        f"{_BOLD}{finding.code}{_RESET} {finding.message}"
    )


def render(reports: Iterable[Report], options: Options) -> Iterator[str]:
    """The findings of each file as they come, then (unless ``quiet``) one summary line.

    Suppressed findings are neither shown nor counted.
    """
    plans = invalid = errors = warnings = 0
    for report in reports:
        findings = report.findings
        if findings:
            file = report.file or "<plan>"
            yield "".join(text_line(file, f, colour=options.colour) + "\n" for f in findings)
        plans += 1
        invalid += not report.passes(strict=options.strict)
        found = len(report.errors)
        errors += found
        warnings += len(findings) - found
    if not options.quiet:
        yield (
            f"{plural(plans, 'plan')} checked: {plans - invalid} valid, {invalid} invalid "
            f"({plural(errors, 'error')}, {plural(warnings, 'warning')})\n"
        )
