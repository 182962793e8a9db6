"""Inline suppression: ``# massage: ignore[E003]`` (or ``ignore[E003,C007]``) on a finding's line.

Comments are not in YAML's event stream, so the source lines are scanned, and only when the
text holds ``massage:``. A suppressed warning is still reported, as suppressed (JSON, JSON lines,
SARIF), and not counted in text. An error cannot be suppressed: the comment leaves it reported
and adds a warning (:data:`SUPPRESSION_REFUSED`) that says so.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from massage_routines.config import ALWAYS_IGNORABLE
from massage_routines.findings import Finding, Severity
from massage_routines.reporting import SUPPRESSION_MARKER
from massage_routines.validation.codes import SUPPRESSION_REFUSED

if TYPE_CHECKING:
    from collections.abc import Iterable

MARKER = SUPPRESSION_MARKER
_COMMENT = re.compile(r"(?:^|\s)#\s*massage:\s*ignore\[([^\]\n]*)\]")


def suppressions(text: str) -> dict[int, frozenset[str]]:
    """Line (1-based) → the codes its ``# massage: ignore[...]`` comment names."""
    if MARKER not in text:
        return {}
    found: dict[int, frozenset[str]] = {}
    for number, line in enumerate(text.splitlines(), 1):
        if MARKER in line:
            codes = frozenset(
                code.strip() for m in _COMMENT.finditer(line) for code in m[1].split(",")
            )
            if codes - {""}:
                found[number] = codes - {""}
    return found


def apply(
    findings: Iterable[Finding], marks: dict[int, frozenset[str]]
) -> tuple[list[Finding], list[Finding]]:
    """Split ``findings`` into (reported, suppressed) by the comments ``marks``.

    An error named by a comment stays reported, and a :data:`SUPPRESSION_REFUSED` warning on
    its line is added.
    """
    reported: list[Finding] = []
    suppressed: list[Finding] = []
    for finding in findings:
        named = finding.line is not None and finding.code in marks.get(finding.line, ())
        if not named:
            reported.append(finding)
        elif finding.is_error and not finding.code.startswith(ALWAYS_IGNORABLE):
            reported.append(finding)
            reported.append(
                Finding(
                    SUPPRESSION_REFUSED,
                    Severity.WARNING,
                    f"'# massage: ignore[{finding.code}]' does not suppress {finding.code}: it "
                    "is a safety error, and errors cannot be ignored; fix the plan instead",
                    finding.path,
                    finding.line,
                    finding.column,
                )
            )
        else:
            suppressed.append(finding)
    return reported, suppressed
