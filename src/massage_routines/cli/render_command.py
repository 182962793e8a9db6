"""``render PLAN [--format html|markdown|svg] [-o FILE] [--force]``: a sheet people read.

Reads and checks the plan as ``validate`` does, then writes its session sheet: to stdout (no
``-o``, or ``-o -``), or atomically to ``-o FILE`` (an existing file is replaced only with
``--force``). A plan that fails the check is still rendered, under a "Not safe as written"
banner with its findings. Exit status: 0 the sheet was written for a plan that passed; 1 the
sheet was written but the plan failed the check, or the file could not be read as a plan at all
(its findings go to stderr as ``FILE:LINE:COL: SEVERITY CODE message``, and nothing is
written); 2 the command was used wrongly (a file that cannot be opened, an output file that
exists).
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from massage_routines.cli.main import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE

if TYPE_CHECKING:
    import argparse

    from massage_routines.findings import Report
    from massage_routines.model.routine import Routine
    from massage_routines.plugins.registry import Registry

FORMATS = ("html", "markdown", "svg")


def configure(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``render``."""
    parser.add_argument("plan", metavar="PLAN", help="the plan file ('-' reads stdin)")
    parser.add_argument(
        "--format", choices=FORMATS, default="html", help="what to write (default html)"
    )
    parser.add_argument(
        "-o", "--output", metavar="FILE", help="write here, not to stdout ('-': stdout)"
    )
    parser.add_argument("--force", action="store_true", help="replace FILE if it exists")


def _error(message: str) -> None:
    print(f"massage-routines render: error: {message}", file=sys.stderr)


def run(args: argparse.Namespace) -> int:
    """Check the plan, render it, write it."""
    from massage_routines.planfile.limits import MAX_FILE_BYTES
    from massage_routines.planfile.reader import read_plan_bytes, read_plan_file
    from massage_routines.plugins.registry import default_registry
    from massage_routines.reporting.text import text_line
    from massage_routines.validation.engine import validate_read

    file = "<stdin>" if args.plan == "-" else args.plan
    try:
        if args.plan == "-":
            result = read_plan_bytes(sys.stdin.buffer.read(MAX_FILE_BYTES + 1))
        else:
            result = read_plan_file(args.plan)
    except OSError as exc:
        _error(f"cannot read {args.plan}: {exc.strerror or exc}")
        return EXIT_USAGE
    registry = default_registry()
    report = validate_read(result, registry, file=file)
    if result.routine is None:
        for finding in report.findings:
            print(text_line(file, finding), file=sys.stderr)
        _error(f"{file} could not be read as a plan, so there is nothing to render")
        return EXIT_FINDINGS
    text = _render(args.format, result.routine, report, registry, file)
    status = EXIT_OK if report.valid else EXIT_FINDINGS
    if not report.valid:
        from massage_routines.text import plural

        print(
            f"massage-routines render: {file} is not safe as written "
            f"({plural(len(report.errors), 'error')}); the sheet says so",
            file=sys.stderr,
        )
    if args.output is None or args.output == "-":
        sys.stdout.write(text)
        return status
    from massage_routines.cli.files import write_output

    if not write_output(text, args.output, force=args.force, command="render"):
        return EXIT_USAGE
    print(f"wrote {args.output}: {args.format} sheet of {result.routine.name}", file=sys.stderr)
    return status


def _render(fmt: str, routine: Routine, report: Report, registry: Registry, file: str) -> str:
    from massage_routines.render import render_html, render_markdown, render_svg

    if fmt == "markdown":
        return render_markdown(routine, report, registry=registry)
    if fmt == "svg":
        return render_svg(routine, report, registry=registry)
    return render_html(routine, report, registry=registry, source=file)
