"""``limits --client CLIENT.yaml [--style STYLE] [--format text|json]``: what may be done where.

For every region of the tree: whether it is off limits, the highest pressure allowed, and the
techniques, families and positions not allowed there, each with its reason (see
:func:`massage_routines.client_limits.limits`). Exit status: 0 the limits were printed; 1 the client
profile has errors (each as ``FILE:LINE:COL: error CODE message``); 2 the command was used
wrongly (a file that cannot be read, an unknown style).
"""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING

from massage_routines.cli.main import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE

if TYPE_CHECKING:
    import argparse

    from massage_routines.client_limits import ClientLimits, NotAllowed


def configure(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``limits``."""
    parser.add_argument(
        "--client",
        metavar="CLIENT.yaml",
        required=True,
        help="a client profile: the plan's client block alone",
    )
    parser.add_argument("--style", help="also the style's limits (its reach and positions)")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format")


def _error(message: str) -> None:
    print(f"massage-routines limits: error: {message}", file=sys.stderr)


def run(args: argparse.Namespace) -> int:
    """Print the client's limits."""
    from massage_routines.client_limits import limits
    from massage_routines.planfile.reader import read_client_file
    from massage_routines.reporting.text import text_line

    try:
        result = read_client_file(args.client)
    except OSError as exc:
        _error(f"cannot read {args.client}: {exc.strerror or exc}")
        return EXIT_USAGE
    for finding in result.findings:
        print(text_line(args.client, finding), file=sys.stderr)
    if result.client is None or any(f.is_error for f in result.findings):
        if not result.findings:
            _error(f"{args.client} holds no client profile")
        return EXIT_FINDINGS
    try:
        found = limits(result.client, style=args.style)
    except ValueError as exc:
        _error(str(exc))
        return EXIT_USAGE
    if args.format == "json":
        json.dump(found.to_json(), sys.stdout, indent=1)
        sys.stdout.write("\n")
    else:
        _text(found)
    return EXIT_OK


def _names(items: tuple[NotAllowed, ...]) -> str:
    return ", ".join(f"{i.name} ({'; '.join(r.reason for r in i.reasons)})" for i in items)


def _text(found: ClientLimits) -> None:
    write = sys.stdout.write
    if found.refused:
        write("session refused: no region may be touched\n")
        for reason in found.refusals:
            write(f"  {reason.source}: {reason.reason}\n")
    if found.positions:
        write(f"positions not allowed: {_names(found.positions)}\n")
    for caution in found.cautions:
        write(f"caution: {caution}\n")
    if found.preferred_pressure is not None:
        write(f"preferred pressure: {found.preferred_pressure} (a preference, not a limit)\n")
    for region in found.regions:
        if found.refused:
            break
        if region.off_limits:
            why = "; ".join(f"{r.reason} ({r.source})" for r in region.off_limits_reasons)
            write(f"{region.region}: off limits: {why}\n")
            continue
        capped = ""
        if region.caps:
            binding = [c for c in region.caps if c.level == region.max_pressure]
            capped = f" ({'; '.join(c.reason.reason for c in binding)})"
        write(f"{region.region}: pressure at most {region.max_pressure}{capped}\n")
        if region.techniques:
            write(f"  techniques not allowed: {', '.join(t.name for t in region.techniques)}\n")
        for caution in region.cautions:
            write(f"  caution: {caution}\n")
