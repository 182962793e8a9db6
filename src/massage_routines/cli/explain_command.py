"""``explain CODE``: what a finding code checks, why, and a plan that fails and one that passes."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from massage_routines.cli.main import EXIT_OK, EXIT_USAGE

if TYPE_CHECKING:
    import argparse


def configure(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``explain``."""
    parser.add_argument("code", nargs="?", help="a finding code, e.g. F001 (omit to list them all)")


def run(args: argparse.Namespace) -> int:
    """Print the explanation; exit 2 for a code nobody declares."""
    from massage_routines.plugins.registry import default_registry
    from massage_routines.validation import explain

    registry = default_registry()
    if not args.code:
        for code, summary in explain.all_codes(registry):
            print(f"{code}  {summary}")
        return EXIT_OK
    code = args.code.strip().upper()
    text = explain.explain(code, registry)
    if text is None:
        from massage_routines.text import suggest

        known = [c for c, _ in explain.all_codes(registry)]
        print(
            f"massage-routines: error: no finding has the code {code!r}{suggest(code, known)}",
            file=sys.stderr,
        )
        return EXIT_USAGE
    print(text)
    return EXIT_OK
