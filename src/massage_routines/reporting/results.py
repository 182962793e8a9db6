"""What the output formats are given: each file's findings, after filtering, and display options."""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from massage_routines.findings import Finding, Severity
from massage_routines.value import Value

if TYPE_CHECKING:
    from collections.abc import Iterable


def _findings(findings: Iterable[Finding]) -> tuple[Finding, ...]:
    return tuple(findings)


@attrs.frozen(repr=False, weakref_slot=False)
class FileResult(Value):
    """One checked file as the formats show it.

    ``findings`` are the findings reported (after ``--select``/``--ignore`` and per-file
    ignores); ``suppressed`` those an inline ``# massage: ignore[CODE]`` comment silenced, which
    JSON, JSON lines and SARIF show as suppressed and text does not count; ``valid`` is whether
    the file passes (with ``--strict``, a reported warning fails it too).
    """

    file: str
    findings: tuple[Finding, ...] = attrs.field(converter=_findings)
    suppressed: tuple[Finding, ...] = attrs.field(default=(), converter=_findings)
    valid: bool = True

    @property
    def errors(self) -> int:
        """How many reported findings are errors."""
        return sum(1 for f in self.findings if f.severity is Severity.ERROR)

    def to_json(self) -> dict[str, object]:
        """The file as one entry of the JSON format's ``plans`` list."""
        return {
            "file": self.file,
            "valid": self.valid,
            "findings": [f.to_json() for f in self.findings],
            "suppressed": [f.to_json() for f in self.suppressed],
        }


class Options:
    """How to show results: ``colour`` (text only, ANSI), ``quiet`` (no summary line),
    ``version`` (the tool's, for SARIF) and ``codes`` (code → (name, summary), for SARIF's
    rule descriptions and statistics; codes missing from it are shown by their code alone).

    A plain class, not an attrs value: it is display options, not a model, and building an
    attrs class costs start-up time on every ``validate`` (bench/profile_startup.py).
    """

    __slots__ = ("codes", "colour", "quiet", "version")

    def __init__(
        self,
        *,
        colour: bool = False,
        quiet: bool = False,
        version: str = "",
        codes: dict[str, tuple[str, str]] | None = None,
    ) -> None:
        self.colour = colour
        self.quiet = quiet
        self.version = version
        self.codes = codes or {}


def plural(n: int, word: str) -> str:
    """``1 plan``, ``2 plans``."""
    return f"{n} {word}{'' if n == 1 else 's'}"
