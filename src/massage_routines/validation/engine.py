"""The rule engine: run every rule of the registry on a routine, failing closed.

>>> from massage_routines import validate_text
>>> report = validate_text(open("examples/plans/swedish-back.yaml").read())  # doctest: +SKIP
>>> report.valid  # doctest: +SKIP
True
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from massage_routines.findings import Finding, Report, Severity
from massage_routines.planfile import codes as reader_codes
from massage_routines.planfile.limits import MAX_FINDINGS
from massage_routines.validation import codes
from massage_routines.validation.context import Locator, RuleContext

if TYPE_CHECKING:
    from massage_routines.model.routine import Routine
    from massage_routines.planfile.reader import ReadResult
    from massage_routines.plugins.registry import Registry


def registry_findings(registry: Registry) -> list[Finding]:
    """Findings every report carries while the registry is not whole (fail closed)."""
    out = [
        Finding(
            codes.PLUGIN_PROBLEM,
            Severity.ERROR,
            f"{p.message}; no plan is valid until it is fixed or deselected",
        )
        for p in registry.problems
    ]
    if not registry.rules:
        out.append(
            Finding(
                codes.NO_RULES,
                Severity.ERROR,
                "no validation rule is loaded, so the plan's safety could not be checked",
            )
        )
    out.extend(
        Finding(
            codes.BUILTIN_DESELECTED,
            Severity.WARNING,
            f"the built-in plugin {p.name!r} is deselected (MASSAGE_ROUTINES_PLUGINS): "
            "what it provides is not checked",
        )
        for p in registry.deselected_builtins
    )
    return out


def run_rules(
    routine: Routine,
    registry: Registry,
    *,
    locate: Locator | None = None,
    step_index: tuple[int, ...] | None = None,
) -> list[Finding]:
    """The findings of every rule on ``routine``; a rule that fails is itself a finding."""
    context = RuleContext(routine, registry, locate=locate, step_index=step_index)
    findings: list[Finding] = []
    for rule in registry.rules:
        try:
            for finding in rule.check(context):
                if finding.__class__ is not Finding:
                    raise TypeError(f"yielded {type(finding).__name__}, not a Finding")
                findings.append(finding)
        except Exception as exc:  # a rule's failure fails the plan, it never passes it
            info = registry.provider("rule", rule.name)
            source = info.source if info else "a plugin registered in code"
            findings.append(
                Finding(
                    codes.RULE_FAILED,
                    Severity.ERROR,
                    f"rule {rule.name!r} of plugin {source} failed on this plan "
                    f"({type(exc).__name__}: {exc}); the plan could not be fully checked",
                )
            )
    return findings


def _registry(registry: Registry | None) -> Registry:
    if registry is not None:
        return registry
    from massage_routines.plugins.registry import default_registry

    return default_registry()


def validate(routine: Routine, registry: Registry | None = None) -> Report:
    """Check a routine built in code against every rule; findings carry paths, not lines."""
    registry = _registry(registry)
    findings = registry_findings(registry)
    findings.extend(run_rules(routine, registry))
    return Report.of(None, findings)


def validate_read(
    result: ReadResult, registry: Registry | None = None, *, file: str | None = None
) -> Report:
    """Check what :func:`~massage_routines.planfile.reader.read_plan_text` gave."""
    registry = _registry(registry)
    findings = list(result.findings)
    findings.extend(registry_findings(registry))
    if result.routine is not None:
        findings.extend(
            run_rules(result.routine, registry, locate=result.locate, step_index=result.step_index)
        )
    if len(findings) > MAX_FINDINGS:
        extra = len(findings) - MAX_FINDINGS
        findings = sorted(findings, key=lambda f: (f.line or 0, f.column or 0))[:MAX_FINDINGS]
        findings.append(
            Finding(
                reader_codes.TOO_MANY_FINDINGS,
                Severity.ERROR,
                f"{extra:,} more findings are not shown (MAX_FINDINGS = {MAX_FINDINGS:,})",
            )
        )
    return Report.of(file, findings)


def validate_text(
    text: str, registry: Registry | None = None, *, file: str | None = None
) -> Report:
    """Read a plan from its text and check it: every finding, located."""
    from massage_routines.planfile.reader import read_plan_text

    return validate_read(read_plan_text(text), registry, file=file)


def validate_file(path: str | os.PathLike[str], registry: Registry | None = None) -> Report:
    """Read a plan file and check it. ``OSError`` if the file cannot be read."""
    from massage_routines.planfile.reader import read_plan_file

    return validate_read(read_plan_file(path), registry, file=os.fspath(path))
