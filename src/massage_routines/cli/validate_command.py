"""``validate PLAN [PLAN ...] [--format text|json] [--strict] [--time-budget SECONDS]``."""

from __future__ import annotations

import argparse
import math
import os
import sys

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
#: Seconds the rules may take on one plan; a rule still running then is stopped (X003).
DEFAULT_TIME_BUDGET = 10.0
TIME_BUDGET_ENV = "MASSAGE_ROUTINES_TIME_BUDGET"


def seconds(text: str) -> float:
    """A time budget: seconds >= 0 (0 turns the budget off)."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not math.isfinite(value) or value < 0:
        raise argparse.ArgumentTypeError(f"a time budget is 0 or more seconds, not {text!r}")
    return value


def configure(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``validate``."""
    parser.add_argument("plans", nargs="+", metavar="PLAN", help="plan files ('-' reads stdin)")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    parser.add_argument("--strict", action="store_true", help="warnings make a plan invalid too")
    parser.add_argument(
        "--time-budget",
        type=seconds,
        default=None,
        metavar="SECONDS",
        help=(
            "seconds the safety rules may take on each plan; a rule still running then is "
            f"stopped and the plan fails (X003). 0: no limit. Default ${TIME_BUDGET_ENV}, "
            f"else {DEFAULT_TIME_BUDGET:g}"
        ),
    )


def run(args: argparse.Namespace) -> int:
    """Check every plan, one at a time; report as we go."""
    from massage_routines.cli.output import JsonOutput, TextOutput
    from massage_routines.findings import Finding, Report, Severity
    from massage_routines.planfile.limits import MAX_FILE_BYTES
    from massage_routines.planfile.reader import read_plan_bytes, read_plan_file
    from massage_routines.plugins.registry import default_registry
    from massage_routines.validation.codes import INTERNAL_ERROR
    from massage_routines.validation.engine import validate_read

    budget = args.time_budget
    if budget is None:
        from_env = os.environ.get(TIME_BUDGET_ENV, "").strip()
        try:
            budget = seconds(from_env) if from_env else DEFAULT_TIME_BUDGET
        except argparse.ArgumentTypeError as exc:
            print(f"massage-routines: error: {TIME_BUDGET_ENV}: {exc}", file=sys.stderr)
            return EXIT_USAGE
    registry = default_registry()
    output = (JsonOutput if args.format == "json" else TextOutput)(sys.stdout, strict=args.strict)
    unreadable = 0
    for path in args.plans:
        file = "<stdin>" if path == "-" else path
        try:
            if path == "-":  # no more than a plan may be: the size limit reports the rest
                result = read_plan_bytes(sys.stdin.buffer.read(MAX_FILE_BYTES + 1))
            else:
                result = read_plan_file(path)
            report = validate_read(result, registry, file=file, budget=budget)
        except OSError as exc:
            unreadable += 1
            reason = exc.strerror or str(exc)
            print(f"massage-routines: error: cannot read {path}: {reason}", file=sys.stderr)
            continue
        except Exception as exc:  # a bug of ours: this plan fails, the others are still checked
            message = (
                f"internal error while checking this plan ({type(exc).__name__}: {exc}); "
                "it was not fully checked, so it is not valid; please report this"
            )
            report = Report(file, (Finding(INTERNAL_ERROR, Severity.ERROR, message),))
        output.report(report)
        if getattr(args, "traceback", False):  # --traceback: main prints them at the end
            args.tracebacks.extend(
                (f"{f.code} in {file}", f.traceback) for f in report.findings if f.traceback
            )
    output.close()
    if unreadable:
        return EXIT_USAGE
    return EXIT_FINDINGS if output.invalid else EXIT_OK
