"""``validate PLAN [PLAN ...] [--format text|json] [--strict]``."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import argparse

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


def configure(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``validate``."""
    parser.add_argument("plans", nargs="+", metavar="PLAN", help="plan files ('-' reads stdin)")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    parser.add_argument("--strict", action="store_true", help="warnings make a plan invalid too")


def run(args: argparse.Namespace) -> int:
    """Check every plan, one at a time; report as we go."""
    from massage_routines.cli.output import JsonOutput, TextOutput
    from massage_routines.planfile.reader import read_plan_bytes, read_plan_file
    from massage_routines.plugins.registry import default_registry
    from massage_routines.validation.engine import validate_read

    registry = default_registry()
    output = (JsonOutput if args.format == "json" else TextOutput)(sys.stdout, strict=args.strict)
    unreadable = 0
    for path in args.plans:
        try:
            if path == "-":
                result = read_plan_bytes(sys.stdin.buffer.read())
            else:
                result = read_plan_file(path)
        except OSError as exc:
            unreadable += 1
            reason = exc.strerror or str(exc)
            print(f"massage-routines: error: cannot read {path}: {reason}", file=sys.stderr)
            continue
        output.report(validate_read(result, registry, file="<stdin>" if path == "-" else path))
    output.close()
    if unreadable:
        return EXIT_USAGE
    return EXIT_FINDINGS if output.invalid else EXIT_OK
