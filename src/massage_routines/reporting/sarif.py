"""``sarif``: a SARIF 2.1.0 log (for GitHub code scanning and other SARIF viewers).

One run; each finding is a result with its rule id (the code), level, message and place (a
finding with no place in the file points at 1:1, as in the text format); a suppressed finding
carries ``suppressions: [{"kind": "inSource"}]``. The rules the results use are described in
``tool.driver.rules`` (written after the results, so the log is streamed file by file).
"""

from __future__ import annotations

import json
import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from massage_routines.findings import Finding, Report
    from massage_routines.reporting import Options

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://pypi.org/project/massage_routines/"


def artifact_uri(file: str) -> str:
    """A file name as a SARIF artifact URI: relative paths stay relative (``/`` separated),
    absolute ones become ``file://`` URIs."""
    if os.path.isabs(file):
        from pathlib import Path

        return Path(file).as_uri()
    from urllib.parse import quote

    return quote(file.replace(os.sep, "/"))


def _result(uri: str, finding: Finding, *, suppressed: bool) -> dict[str, object]:
    location: dict[str, object] = {
        "physicalLocation": {
            "artifactLocation": {"uri": uri},
            "region": {"startLine": finding.line or 1, "startColumn": finding.column or 1},
        }
    }
    if finding.path:
        location["logicalLocations"] = [{"fullyQualifiedName": finding.path}]
    result: dict[str, object] = {
        "ruleId": finding.code,
        "level": finding.severity.value,
        "message": {"text": finding.message},
        "locations": [location],
    }
    if suppressed:
        result["suppressions"] = [{"kind": "inSource"}]
    return result


def _rule(code: str, level: str, options: Options) -> dict[str, object]:
    name, summary = options.codes.get(code, ("", ""))
    rule: dict[str, object] = {"id": code, "defaultConfiguration": {"level": level}}
    if name:
        rule["name"] = name
    if summary:
        rule["shortDescription"] = {"text": summary}
    return rule


def render(reports: Iterable[Report], options: Options) -> Iterator[str]:
    """The log, written result by result."""
    yield f'{{"$schema": "{SCHEMA}", "version": "2.1.0", "runs": [{{"results": ['
    levels: dict[str, str] = {}
    separator = "\n  "
    for report in reports:
        uri = artifact_uri(report.file or "<plan>")
        for suppressed, findings in ((False, report.findings), (True, report.suppressed)):
            for finding in findings:
                levels.setdefault(finding.code, finding.severity.value)
                entry = _result(uri, finding, suppressed=suppressed)
                yield separator + json.dumps(entry)
                separator = ",\n  "
    driver: dict[str, object] = {
        "name": "massage-routines",
        "informationUri": INFORMATION_URI,
        "rules": [_rule(code, levels[code], options) for code in sorted(levels)],
    }
    if options.version:
        driver["version"] = options.version
    tool = json.dumps({"driver": driver})
    yield f'\n], "tool": {tool}, "columnKind": "unicodeCodePoints"}}]}}\n'
