"""The rule engine: run every rule of the registry on a routine, failing closed.

A rule that raises, or yields something that is not a finding, fails the plan (``X002``). A rule
that never returns is stopped by the time budget, when one is asked for (``budget=`` seconds,
which the command line always passes): one ``ITIMER_REAL`` timer is armed per plan around the
rule loop, and when it fires the rule that was running is named in an ``X003`` error. The timer
needs the main thread and a rule that returns to Python now and then; see ``docs/limits.md``.

>>> from massage_routines import validate_text
>>> report = validate_text(open("examples/plans/swedish-back.yaml").read())  # doctest: +SKIP
>>> report.valid  # doctest: +SKIP
True
"""

from __future__ import annotations

import os
import signal
import threading
from typing import TYPE_CHECKING, Any

from massage_routines.findings import Finding, Report, Severity
from massage_routines.planfile import codes as reader_codes
from massage_routines.planfile.limits import MAX_FINDINGS
from massage_routines.validation import codes
from massage_routines.validation.context import Locator, RuleContext

if TYPE_CHECKING:
    from massage_routines.model.routine import Routine
    from massage_routines.planfile.reader import ReadResult
    from massage_routines.plugins.records import RuleSpec
    from massage_routines.plugins.registry import Registry


def registry_findings(registry: Registry) -> list[Finding]:
    """Findings every report carries while the registry is not whole (fail closed)."""
    return list(registry.derived(_registry_findings))


def _registry_findings(registry: Registry) -> tuple[Finding, ...]:
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
            f"the built-in plugin {p.name!r} is deselected (-p no:{p.name} or "
            "MASSAGE_ROUTINES_PLUGINS): what it provides is not checked",
        )
        for p in registry.deselected_builtins
    )
    out.extend(
        Finding(codes.REPLACED_RECORD, Severity.WARNING, replaced.message)
        for replaced in registry.replacements
    )
    return tuple(out)


class _BudgetSpent(BaseException):
    """The plan's time budget ran out (raised by the timer's signal handler).

    A ``BaseException``, so that a rule's own ``except Exception`` does not swallow it.
    """


#: Once the budget is spent, the timer fires again this often (seconds) until the loop ends,
#: in case a rule catches the first interruption and carries on.
_REFIRE = 0.05


def run_rules(
    routine: Routine,
    registry: Registry,
    *,
    locate: Locator | None = None,
    step_index: tuple[int, ...] | None = None,
    flag_index: tuple[int, ...] | None = None,
    condition_index: tuple[int, ...] | None = None,
    budget: float | None = None,
    craft: bool = False,
) -> list[Finding]:
    """The findings of every rule on ``routine``; a rule that fails is itself a finding.

    :param budget: seconds all the rules together may take on this plan; a rule still running
        when it runs out is stopped and named in an ``X003`` error (the rules after it do not
        run). ``None`` or ``0``: no budget. The budget works only in the main thread and when no
        other ``ITIMER_REAL`` timer is armed; elsewhere the rules run without one.
    :param craft: also give the craft findings (``K…`` warnings: how a therapist would run the
        session), off by default.
    """
    context = RuleContext(
        routine,
        registry,
        locate=locate,
        step_index=step_index,
        flag_index=flag_index,
        condition_index=condition_index,
        craft=craft,
    )
    findings: list[Finding] = []
    if budget and _TIMER and threading.current_thread() is threading.main_thread():
        _run_timed(context, registry, findings, budget)
    else:
        _run(context, registry, findings)
    return findings


def _run(
    context: RuleContext,
    registry: Registry,
    findings: list[Finding],
    running: list[RuleSpec | None] | None = None,
) -> None:
    """Every rule in turn; ``running[0]`` is the rule being run (for the timer's ``X003``)."""
    for rule in registry.rules:
        if running is not None:
            running[0] = rule
        try:
            for finding in rule.check(context):
                if (
                    finding.__class__ is not Finding
                    or finding.severity.__class__ is not Severity
                    or finding.code.__class__ is not str
                    or finding.message.__class__ is not str
                    or finding.path.__class__ is not str
                    or finding.path_parts.__class__ is not tuple
                    or finding.line.__class__ not in _PLACE
                    or finding.column.__class__ not in _PLACE
                ):
                    raise TypeError(_malformed(finding))
                findings.append(finding)
        except Exception as exc:  # a rule's failure fails the plan, it never passes it
            findings.append(
                Finding(
                    codes.RULE_FAILED,
                    Severity.ERROR,
                    f"rule {rule.name!r} of plugin {_source(registry, rule)} failed on this "
                    f"plan ({type(exc).__name__}: {exc}); the plan could not be fully checked",
                    traceback=_traceback(exc),
                )
            )


def _traceback(exc: BaseException) -> str:
    """The exception's traceback as text (kept on the ``X002`` finding for ``--traceback``)."""
    import traceback

    return "".join(traceback.format_exception(exc))


#: The types of a finding's line and column.
_PLACE = (int, type(None))


def _malformed(finding: object) -> str:
    """What is wrong with something a rule yielded in place of a well-formed finding.

    A finding whose severity is not a :class:`Severity` (the text ``"error"``) would not count
    as an error, and one with a line that is not a number would break the JSON output: both fail
    the rule, like anything that is not a finding at all.
    """
    if finding.__class__ is not Finding or not isinstance(finding, Finding):
        return f"yielded {type(finding).__name__}, not a Finding"
    if finding.severity.__class__ is not Severity:
        return f"yielded a Finding whose severity is {finding.severity!r}, not a Severity"
    for field in ("code", "message", "path"):
        value = getattr(finding, field)
        if value.__class__ is not str:
            return f"yielded a Finding whose {field} is {type(value).__name__}, not str"
    if finding.path_parts.__class__ is not tuple:
        return "yielded a Finding whose path_parts is not a tuple"
    return "yielded a Finding whose line or column is not a whole number or None"


def _source(registry: Registry, rule: RuleSpec) -> str:
    info = registry.provider("rule", rule.name)
    return info.source if info else "a plugin registered in code"


_TIMER = hasattr(signal, "setitimer")  # not on Windows


def _run_timed(
    context: RuleContext, registry: Registry, findings: list[Finding], budget: float
) -> None:
    """:func:`_run` under one timer of ``budget`` seconds: one timer per plan, not per rule.

    The signal handler is installed for the plan and put back after it. When another timer is
    already armed (a test runner's, a fuzzer's), it is left alone and the rules run untimed.
    """
    running = [True]  # cleared once the loop is over: a late signal then raises nothing

    def on_alarm(signum: int, frame: Any) -> None:
        if running[0]:
            raise _BudgetSpent

    previous = signal.signal(signal.SIGALRM, on_alarm)
    try:
        other = signal.setitimer(signal.ITIMER_REAL, budget, _REFIRE)
        if other[0]:  # someone else's timer: theirs wins, and the rules run without ours
            running[0] = False
            signal.setitimer(signal.ITIMER_REAL, *other)
            signal.signal(signal.SIGALRM, _handler(previous))
            previous = on_alarm  # nothing left to restore
            _run(context, registry, findings)
            return
        current: list[RuleSpec | None] = [None]
        try:
            _run(context, registry, findings, current)
            running[0] = False
        except _BudgetSpent:
            running[0] = False
            findings.append(_timeout(registry, current[0], budget))
    except _BudgetSpent:  # the timer fired again in the instants before ``running`` was cleared
        running[0] = False
        if not any(f.code == codes.RULE_TIMEOUT for f in findings):
            findings.append(_timeout(registry, None, budget))
    finally:
        running[0] = False
        if previous is not on_alarm:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, _handler(previous))


def _handler(previous: Any) -> Any:
    """A handler ``signal.signal`` can put back (``None``: one not set from Python)."""
    return signal.SIG_DFL if previous is None else previous


def _timeout(registry: Registry, rule: RuleSpec | None, budget: float) -> Finding:
    what = f"rule {rule.name!r} of plugin {_source(registry, rule)}" if rule else "the rules"
    return Finding(
        codes.RULE_TIMEOUT,
        Severity.ERROR,
        f"{what} did not finish within the time budget of {budget:g} s for this plan and was "
        "stopped (the rules after it did not run); the plan could not be fully checked",
    )


def _registry(registry: Registry | None) -> Registry:
    if registry is not None:
        return registry
    from massage_routines.plugins.registry import default_registry

    return default_registry()


def validate(
    routine: Routine,
    registry: Registry | None = None,
    *,
    budget: float | None = None,
    craft: bool = False,
) -> Report:
    """Check a routine built in code against every rule; findings carry paths, not lines.

    ``budget``: seconds the rules may take on it (see :func:`run_rules`); none by default.
    ``craft``: also the craft findings (``K…``), off by default.
    """
    registry = _registry(registry)
    findings = registry_findings(registry)
    findings.extend(run_rules(routine, registry, budget=budget, craft=craft))
    return Report.of(None, findings)


def validate_read(
    result: ReadResult,
    registry: Registry | None = None,
    *,
    file: str | None = None,
    budget: float | None = None,
    craft: bool = False,
) -> Report:
    """Check what :func:`~massage_routines.planfile.reader.read_plan_text` gave.

    ``budget``: seconds the rules may take on it (see :func:`run_rules`); none by default.
    ``craft``: also the craft findings (``K…``), off by default.
    """
    registry = _registry(registry)
    findings = list(result.findings)
    findings.extend(registry_findings(registry))
    if result.routine is not None:
        findings.extend(
            run_rules(
                result.routine,
                registry,
                locate=result.locate,
                step_index=result.step_index,
                flag_index=result.flag_index,
                condition_index=result.condition_index,
                budget=budget,
                craft=craft,
            )
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
    text: str,
    registry: Registry | None = None,
    *,
    file: str | None = None,
    budget: float | None = None,
    craft: bool = False,
) -> Report:
    """Read a plan from its text and check it: every finding, located.

    ``budget``: seconds the rules may take on it (see :func:`run_rules`); none by default.
    ``craft``: also the craft findings (``K…``), off by default.
    """
    from massage_routines.planfile.reader import read_plan_text

    return validate_read(read_plan_text(text), registry, file=file, budget=budget, craft=craft)


def validate_data(
    data: object,
    registry: Registry | None = None,
    *,
    file: str | None = None,
    budget: float | None = None,
    craft: bool = False,
) -> Report:
    """Check a plan given as plain data (a parsed JSON body, a dict) in one call.

    The data goes through the plan reader's own strict structurer, so the codes and paths are
    those a file with the same content would get (no lines: the data has no place in a file).
    Each finding's ``path_parts`` gives its place as a tuple (``("steps", 2, "region")``).
    Data deeper or larger than any plan is an ``R008`` or ``R012`` error, never a crash.

    >>> report = validate_data({"name": "x", "style": "swedish", "steps": []})
    >>> report.codes()
    ['R108']
    """
    from massage_routines.planfile.data import checked_node
    from massage_routines.planfile.reader import read_tree

    tree, findings = checked_node(data)
    return validate_read(read_tree(tree, findings), registry, file=file, budget=budget, craft=craft)


def validate_file(
    path: str | os.PathLike[str],
    registry: Registry | None = None,
    *,
    budget: float | None = None,
    craft: bool = False,
) -> Report:
    """Read a plan file and check it. ``OSError`` if the file cannot be read.

    ``budget``: seconds the rules may take on it (see :func:`run_rules`); none by default.
    ``craft``: also the craft findings (``K…``), off by default.
    """
    from massage_routines.planfile.reader import read_plan_file

    return validate_read(
        read_plan_file(path), registry, file=os.fspath(path), budget=budget, craft=craft
    )
