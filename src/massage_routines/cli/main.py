"""``massage-routines``: the command line's entry point and its subcommands.

Exit status, after ruff and the plan-format contract: 0 all good, 1 a plan has an error finding
(or, with ``--strict``, a warning) or no safe plan could be composed, 2 the command was used
wrongly (an unknown option, a file that cannot be read). No traceback reaches the user: an
unexpected failure is reported in one line and exits 2, and never as "valid".

Each subcommand lives in its own module with ``configure(parser)`` and ``run(args) -> int``;
the modules import what they need when they run, so ``--help`` and start-up stay cheap.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

COMMANDS = {
    "validate": "check plan files against the format and every safety rule",
    "compose": "compose a safe routine for a request and write it as a plan",
    "techniques": "list the styles, techniques and conditions the plugins provide",
    "limits": "what may be done to a client, region by region (pressure, techniques, positions)",
    "explain": "describe a finding code: what it checks, why, and examples",
    "render": "write a plan's session sheet (HTML, Markdown) or its body map and chart (SVG)",
    "schema": "print the JSON Schema of plan files or client profiles (for editors)",
}

#: The exit statuses of every subcommand (the module docstring says when each is given); the
#: subcommands import them from here (this module is loaded first, so it costs them nothing).
EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def _module(name: str) -> object:
    import importlib

    return importlib.import_module(f"massage_routines.cli.{name}_command")


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The argument parser; only the subcommand named in ``argv`` gets its arguments.

    Every subcommand is listed (for ``--help``), but configuring all of them costs start-up
    time for nothing, so only the one being run is (all of them when ``argv`` is ``None``).
    """
    chosen = next((a for a in argv if not a.startswith("-")), None) if argv is not None else None
    parser = _Parser(
        prog="massage-routines",
        description="Compose massage routines and check them for safety.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True
    for name, summary in COMMANDS.items():
        command = sub.add_parser(name, help=summary, description=summary)
        if chosen is None or chosen == name:
            _module(name).configure(command)  # type: ignore[attr-defined]
    return parser


def _version() -> str:
    from massage_routines import __version__

    return __version__


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    _forgiving_streams()
    if argv is None:
        argv = sys.argv[1:]
    args = build_parser(argv).parse_args(argv)
    try:
        return int(_module(args.command).run(args))  # type: ignore[attr-defined]
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_FINDINGS
    except Exception as exc:  # last resort: one line, never a traceback, never "valid"
        print(
            f"massage-routines: internal error: {type(exc).__name__}: {exc} "
            "(nothing was reported valid; please report this)",
            file=sys.stderr,
        )
        return EXIT_USAGE


def _forgiving_streams() -> None:
    """Output never fails on encoding: what a stream cannot encode is written escaped.

    An ASCII-only stdout (``LANG=C`` with a pipe, ``PYTHONIOENCODING=ascii``) then shows
    ``\\xe9`` for ``é`` instead of losing every finding to a ``UnicodeEncodeError``.
    """
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):  # a closed or detached stream
                reconfigure(errors="backslashreplace")


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())
