"""``schema plan|client``: the JSON Schema (Draft 2020-12) of plan files or client profiles,
made from the installed plugins (see docs/editors.md)."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import argparse


def configure(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``schema``."""
    parser.add_argument("kind", choices=("plan", "client"), help="which file's schema")
    parser.add_argument("-o", "--output-file", metavar="FILE", help="write it to FILE")


def run(args: argparse.Namespace) -> int:
    """Print (or write) the schema; exit 0, or 2 when the file cannot be written."""
    import json

    from massage_routines.schema import client_schema, plan_schema

    schema = plan_schema() if args.kind == "plan" else client_schema()
    text = json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
    if not args.output_file:
        sys.stdout.write(text)
        return 0
    from massage_routines.cli.files import atomic_output

    try:
        with atomic_output(args.output_file) as stream:
            stream.write(text)
    except OSError as exc:
        print(
            f"massage-routines: error: cannot write {args.output_file}: {exc.strerror or exc}",
            file=sys.stderr,
        )
        return 2
    return 0
