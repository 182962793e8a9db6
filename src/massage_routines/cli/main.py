"""``massage-routines``: the command line's entry point and its subcommands.

Exit status, after ruff and the plan-format contract: 0 all good, 1 a plan has an error finding
(or, with ``--strict``, a warning) or no safe plan could be composed, 2 the command was used
wrongly (an unknown option, a file that cannot be read). No traceback reaches the user unless
asked for: an unexpected failure is reported in one line and exits 2, and never as "valid".

Global options, before or after the command: ``-p NAME`` / ``-p no:NAME`` (repeatable) select
plugins beside ``MASSAGE_ROUTINES_PLUGINS``; ``--traceback`` (or
``MASSAGE_ROUTINES_TRACEBACK=1``) prints, on stderr after the output, the traceback of each
failing plugin, of each rule that crashed on a plan (``X002``) and of an internal error.

Each subcommand lives in its own module with ``configure(parser)`` and ``run(args) -> int``;
the modules import what they need when they run, so ``--help`` and start-up stay cheap.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from typing import TYPE_CHECKING, Any

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
    "new-plugin": "write a new plugin package to start from (entry point, hooks, tests, README)",
}

#: Set to 1 to get ``--traceback`` without the option.
TRACEBACK_ENV = "MASSAGE_ROUTINES_TRACEBACK"
#: The global options that take a value (so the value is not taken for the command).
_VALUED = ("-p", "--plugin")

#: The exit statuses of every subcommand (the module docstring says when each is given); the
#: subcommands import them from here (this module is loaded first, so it costs them nothing).
EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


class _Formatter(argparse.HelpFormatter):
    """argparse's help layout, with the terminal's width found without importing ``shutil``
    (argparse does, with ``zlib``, ``bz2`` and ``lzma``: about 5 ms of every start)."""

    def __init__(
        self,
        prog: str,
        indent_increment: int = 2,
        max_help_position: int = 24,
        width: int | None = None,
    ) -> None:
        if width is None:
            width = _terminal_columns() - 2  # as argparse does
        super().__init__(prog, indent_increment, max_help_position, width)


def _terminal_columns() -> int:
    """The terminal's width as :func:`shutil.get_terminal_size` gives it: ``COLUMNS``, else
    standard output's terminal, else 80."""
    try:
        columns = int(os.environ.get("COLUMNS", ""))
    except ValueError:
        columns = 0
    if columns > 0:
        return columns
    try:
        columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
    except (AttributeError, ValueError, OSError):
        columns = 0
    return columns or 80


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def _module(name: str) -> object:
    import importlib

    return importlib.import_module(f"massage_routines.cli.{name.replace('-', '_')}_command")


def _global_options(parser: argparse.ArgumentParser, *, after: bool) -> None:
    """``-p`` and ``--traceback``, given before the command or after it (``after``)."""
    parser.add_argument(
        "-p",
        "--plugin",
        action="append",
        dest="plugins_after" if after else "plugins",
        default=argparse.SUPPRESS if after else [],
        metavar="NAME",
        help=(
            "load the plugin NAME (beside MASSAGE_ROUTINES_PLUGINS), or leave it out with "
            "'no:NAME'; repeatable, names in any case"
        ),
    )
    parser.add_argument(
        "--traceback",
        action="store_true",
        dest="traceback_after" if after else "traceback",
        default=argparse.SUPPRESS if after else False,
        help=f"show the traceback of a failing plugin or rule on stderr (or {TRACEBACK_ENV}=1)",
    )


def _command_of(argv: Sequence[str]) -> str | None:
    """The subcommand named in ``argv`` (skipping the global options' values)."""
    skip = False
    for arg in argv:
        if skip:
            skip = False
        elif arg in _VALUED:
            skip = True
        elif not arg.startswith("-"):
            return arg
    return None


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The argument parser; only the subcommand named in ``argv`` gets its arguments.

    Every subcommand is listed (for ``--help``), but configuring all of them costs start-up
    time for nothing, so only the one being run is (all of them when ``argv`` is ``None``).
    """
    chosen = _command_of(argv) if argv is not None else None
    parser = _Parser(
        prog="massage-routines",
        description="Compose massage routines and check them for safety.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    _global_options(parser, after=False)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True
    for name, summary in COMMANDS.items():
        command = sub.add_parser(name, help=summary, description=summary)
        _global_options(command, after=True)
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
    plugins = [*args.plugins, *getattr(args, "plugins_after", [])]
    args.traceback = (
        args.traceback
        or getattr(args, "traceback_after", False)
        or os.environ.get(TRACEBACK_ENV, "").strip() not in ("", "0")
    )
    #: ``(where, traceback text)`` a command found (a rule's crash); printed at the end.
    args.tracebacks = []
    if plugins:
        from massage_routines.plugins.registry import select_plugins

        select_plugins(plugins)
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
        if args.traceback:
            import traceback

            args.tracebacks.append(("the internal error", "".join(traceback.format_exception(exc))))
        return EXIT_USAGE
    finally:
        if args.traceback:
            _print_tracebacks(args.tracebacks)
        if plugins:
            from massage_routines.plugins.registry import select_plugins

            select_plugins(())


def _print_tracebacks(found: list[tuple[str, str]]) -> None:
    """``--traceback``: the failing plugins' tracebacks, then the rules', on stderr."""
    loaded = sys.modules.get("massage_routines.plugins.registry")  # no import just for this
    registry = loaded.loaded_default_registry() if loaded is not None else None
    shown = [
        (f"plugin {p.plugin}", text)
        for p in (registry.problems if registry is not None else ())
        if (text := p.traceback()) is not None
    ]
    for where, text in [*shown, *found]:
        print(f"--- traceback of {where} ---", file=sys.stderr)
        sys.stderr.write(text if text.endswith("\n") else text + "\n")


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
    """Console-script entry point (and ``python -m massage_routines``)."""
    exit_now(main())


def exit_now(status: int) -> None:
    """End the process with ``status`` once its output is out, skipping the interpreter's
    tear-down.

    Freeing every module and object one by one is work the operating system does at once when
    the process ends: about a tenth of a ``validate`` on one plan. What must happen still does:
    the ``atexit`` functions run (a plugin's, logging's, coverage's) and both streams are
    flushed. While another thread runs, this is plain :func:`sys.exit`, which waits for it.
    """
    import atexit
    import threading

    if threading.active_count() > 1:
        sys.exit(status)
    atexit._run_exitfuncs()  # what the interpreter runs before its tear-down
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe or stream: nothing more can be said
            status = status or EXIT_FINDINGS
    os._exit(status)
