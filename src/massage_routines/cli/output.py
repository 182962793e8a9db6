"""How findings are shown: ``FILE:LINE:COL: SEVERITY CODE message`` lines, or JSON."""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from massage_routines.reporting.text import text_line

if TYPE_CHECKING:
    from massage_routines.findings import Report

__all__ = ["JsonOutput", "TextOutput", "text_line"]


class TextOutput:
    """Findings as they come, then a summary line."""

    def __init__(self, out: TextIO, *, strict: bool) -> None:
        self.out = out
        self.strict = strict
        self.plans = self.invalid = self.errors = self.warnings = 0

    def report(self, report: Report) -> None:
        file = report.file or "<plan>"
        write = self.out.write
        for finding in report.findings:
            write(text_line(file, finding) + "\n")
        self.plans += 1
        errors = len(report.errors)
        self.errors += errors
        self.warnings += len(report.findings) - errors
        if not report.passes(strict=self.strict):
            self.invalid += 1

    def close(self) -> None:
        def plural(n: int, word: str) -> str:
            return f"{n} {word}{'' if n == 1 else 's'}"

        valid = self.plans - self.invalid
        self.out.write(
            f"{plural(self.plans, 'plan')} checked: {valid} valid, {self.invalid} invalid "
            f"({plural(self.errors, 'error')}, {plural(self.warnings, 'warning')})\n"
        )


class JsonOutput:
    """``{"plans": [...]}``, written plan by plan so memory stays flat over many files."""

    def __init__(self, out: TextIO, *, strict: bool) -> None:
        self.out = out
        self.strict = strict
        import json

        self.dumps = json.dumps
        self.first = True
        self.invalid = 0
        out.write('{"plans": [')

    def report(self, report: Report) -> None:
        entry = report.to_json()
        entry["valid"] = report.passes(strict=self.strict)
        if not entry["valid"]:
            self.invalid += 1
        self.out.write(("" if self.first else ",\n  ") + self.dumps(entry))
        self.first = False

    def close(self) -> None:
        self.out.write("]}\n")
