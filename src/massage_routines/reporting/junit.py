"""``junit``: JUnit XML, one test case per plan file (CI systems show it as a test report).

An invalid plan is a failed test case whose text lists its findings; a valid plan's warnings
go in its ``system-out``. The counts come first in the document, so it is written at the end.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape, quoteattr

from massage_routines.reporting import plural
from massage_routines.reporting.text import text_line

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from massage_routines.findings import Report
    from massage_routines.reporting import Options

#: Characters XML 1.0 cannot hold at all, even escaped.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _clean(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def _case(report: Report, options: Options) -> str:
    file = report.file or "<plan>"
    findings = report.findings
    name = quoteattr(_clean(file))
    head = f'    <testcase name={name} classname="massage-routines" file={name}>'
    lines = escape(_clean("".join(text_line(file, f) + "\n" for f in findings)))
    if not report.passes(strict=options.strict):
        errors = len(report.errors)
        summary = f"{plural(errors, 'error')}, {plural(len(findings) - errors, 'warning')}"
        body = f'<failure message="{summary}" type="invalid-plan">{lines}</failure>'
        return f"{head}\n      {body}\n    </testcase>\n"
    if findings:
        return f"{head}\n      <system-out>{lines}</system-out>\n    </testcase>\n"
    return f"{head}</testcase>\n"


def render(reports: Iterable[Report], options: Options) -> Iterator[str]:
    """The whole document (the counts in its first lines need every result first)."""
    cases = []
    failures = 0
    for report in reports:
        cases.append(_case(report, options))
        failures += not report.passes(strict=options.strict)
    counts = f'tests="{len(cases)}" failures="{failures}" errors="0"'
    yield '<?xml version="1.0" encoding="UTF-8"?>\n'
    yield f'<testsuites name="massage-routines" {counts}>\n'
    yield f'  <testsuite name="massage-routines validate" {counts} skipped="0">\n'
    yield from cases
    yield "  </testsuite>\n</testsuites>\n"
