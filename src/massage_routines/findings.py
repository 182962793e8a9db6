"""Findings and reports: what checking a plan says, located in the plan file where possible."""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING

import attrs

from massage_routines.value import Value

if TYPE_CHECKING:
    from collections.abc import Iterable

#: A place in a plan, from its root: ``("steps", 2, "pressure")`` is ``steps[2].pressure``.
PathParts = tuple[str | int, ...]


class Severity(enum.StrEnum):
    """``error`` makes a plan invalid; ``warning`` does too under ``--strict``."""

    ERROR = "error"
    WARNING = "warning"


def render_path(parts: PathParts) -> str:
    """``("steps", 2, "pressure")`` → ``"steps[2].pressure"``; ``()`` → ``""`` (the whole plan)."""
    out = []
    for part in parts:
        if isinstance(part, int):
            out.append(f"[{part}]")
        elif out:
            out.append(f".{part}")
        else:
            out.append(part)
    return "".join(out)


@attrs.frozen(repr=False, weakref_slot=False)
class Finding(Value):
    """One problem in a plan.

    ``code`` is a stable identifier (``F001``) that ``explain`` describes and users can filter
    on; ``path`` names the offending value from the plan's root (``steps[2].region``, ``""``
    for the whole plan); ``line`` and ``column`` are 1-based and point at that value in the file,
    or are ``None`` where the finding has no place in a file (a routine built in code).
    ``path_parts`` is the same place as a tuple (``("steps", 2, "region")``), for programs:
    :meth:`at` builds both from the tuple, and it is ``()`` on a finding made with a ``path``
    only (one a plugin built itself). It takes no part in comparisons (``path`` says the same).
    """

    code: str
    severity: Severity
    message: str
    path: str = ""
    line: int | None = None
    column: int | None = None
    path_parts: PathParts = attrs.field(default=(), kw_only=True, eq=False)
    #: The traceback of the rule that crashed (``X002``), as text: what ``--traceback`` shows.
    #: Not compared or shown, so findings stay values; text, so reports pickle.
    traceback: str | None = attrs.field(default=None, eq=False, repr=False, kw_only=True)

    @classmethod
    def at(  # noqa: PLR0917 (the constructor's own order)
        cls,
        code: str,
        severity: Severity,
        message: str,
        parts: PathParts,
        line: int | None = None,
        column: int | None = None,
    ) -> Finding:
        """A finding at ``parts``: its ``path`` rendered from them, ``path_parts`` the tuple."""
        return cls(code, severity, message, render_path(parts), line, column, path_parts=parts)

    @property
    def is_error(self) -> bool:
        """Whether this finding makes the plan invalid."""
        return self.severity is Severity.ERROR

    def to_json(self) -> dict[str, object]:
        """The finding as the JSON output of ``validate --format json`` shows it."""
        return {
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
            "path": self.path,
            "path_parts": list(self.path_parts),
            "line": self.line,
            "column": self.column,
        }


def _findings(findings: Iterable[Finding]) -> tuple[Finding, ...]:
    return tuple(findings)


def _sort_key(finding: Finding) -> tuple[int, int, str]:
    return (finding.line or 0, finding.column or 0, finding.code)


@attrs.frozen(repr=False, weakref_slot=False)
class Report(Value):
    """Everything checking one plan found. A plan is valid when no finding is an error.

    The validator fails closed: a plan that could not be fully checked (a rule crashed, a
    plugin is broken, a name is unknown) carries an error finding saying so, so it is never
    :attr:`valid`.
    """

    file: str | None
    findings: tuple[Finding, ...] = attrs.field(converter=_findings)
    #: Warnings an inline ``# massage: ignore[CODE]`` comment silenced (``validate`` shows them
    #: as suppressed; they count for nothing).
    suppressed: tuple[Finding, ...] = attrs.field(default=(), converter=_findings)

    @classmethod
    def of(cls, file: str | None, findings: Iterable[Finding]) -> Report:
        """A report with its findings in file order (line, column, code)."""
        return cls(file, tuple(sorted(findings, key=_sort_key)))

    @property
    def errors(self) -> tuple[Finding, ...]:
        """The error findings."""
        return tuple(f for f in self.findings if f.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[Finding, ...]:
        """The warning findings."""
        return tuple(f for f in self.findings if f.severity is Severity.WARNING)

    @property
    def valid(self) -> bool:
        """No error findings (warnings are allowed)."""
        return not any(f.severity is Severity.ERROR for f in self.findings)

    def passes(self, *, strict: bool = False) -> bool:
        """Valid, and with ``strict`` also free of warnings."""
        return not self.findings if strict else self.valid

    def codes(self) -> list[str]:
        """The codes of the findings, in order (handy in tests and filters)."""
        return [f.code for f in self.findings]

    def to_json(self) -> dict[str, object]:
        """The report as one entry of ``validate --format json``'s ``plans`` list."""
        return {
            "file": self.file,
            "valid": self.valid,
            "findings": [f.to_json() for f in self.findings],
        }
