"""``validate PLAN|FOLDER ... [--output-format FORMAT] [--select/--ignore CODES] [--craft] ...``.

Modelled on ruff and yamllint: output formats for people and for CI (``text``, ``json``,
``json-lines``, ``github``, ``sarif``, ``junit``), settings from ``[tool.massage_routines]``
(:mod:`massage_routines.config`), folders searched for plans, exit status 0 (all valid), 1 (a
plan is invalid) or 2 (the command was used wrongly, or a file could not be read).
"""

from __future__ import annotations

import argparse
import math
import os
import sys
from typing import TYPE_CHECKING, Any, TextIO

from massage_routines.cli.main import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Sequence

    from massage_routines.cli.checking import Outcome
    from massage_routines.config import Settings
    from massage_routines.findings import Report

#: Seconds the rules may take on one plan; a rule still running then is stopped (X003).
DEFAULT_TIME_BUDGET = 10.0
TIME_BUDGET_ENV = "MASSAGE_ROUTINES_TIME_BUDGET"
OUTPUT_FORMAT_ENV = "MASSAGE_ROUTINES_OUTPUT_FORMAT"
#: The formats (kept here too so that ``--help`` needs no import; a test checks they agree).
FORMATS = ("text", "json", "json-lines", "github", "sarif", "junit")


def seconds(text: str) -> float:
    """A time budget: seconds >= 0 (0 turns the budget off)."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not math.isfinite(value) or value < 0:
        raise argparse.ArgumentTypeError(f"a time budget is 0 or more seconds, not {text!r}")
    return value


def jobs(text: str) -> int:
    """A number of worker processes: 0 (one per CPU) or more."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of jobs: {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"jobs is 0 (one per CPU) or more, not {text!r}")
    return value


class _Codes(argparse.Action):
    """``--ignore C007,E003 --ignore T`` → ``["C007", "E003", "T"]``."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: str | Sequence[Any] | None,
        option_string: str | None = None,
    ) -> None:
        codes = [c.strip().upper() for c in str(values).split(",") if c.strip()]
        setattr(namespace, self.dest, [*(getattr(namespace, self.dest) or []), *codes])


def configure(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``validate``."""
    parser.add_argument(
        "plans",
        nargs="+",
        metavar="PLAN",
        help="plan files, or folders to search for *.yaml, *.yml and *.json ('-' reads stdin)",
    )
    parser.add_argument(
        "--output-format",
        "--format",
        dest="output_format",
        choices=FORMATS,
        default=None,
        help=f"output format (default ${OUTPUT_FORMAT_ENV}, the config's, else text)",
    )
    parser.add_argument("-o", "--output-file", metavar="FILE", help="write the output to FILE")
    parser.add_argument(
        "--strict", action="store_true", default=None, help="warnings make a plan invalid too"
    )
    for flag, what in (
        ("--select", "report only these warning codes or prefixes (errors always are)"),
        ("--extend-select", "report these codes or prefixes too"),
        ("--ignore", "do not report these warning codes or prefixes"),
    ):
        parser.add_argument(flag, action=_Codes, metavar="CODES", help=f"{what}; comma-separated")
    parser.add_argument(
        "--exclude", action="append", default=[], metavar="GLOB", help="skip matching files"
    )
    parser.add_argument("--config", metavar="FILE", help="settings file (default: found upward)")
    parser.add_argument("--isolated", action="store_true", help="ignore every settings file")
    parser.add_argument(
        "--statistics", action="store_true", help="show how many findings each code has"
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="no summary line")
    parser.add_argument(
        "--exit-zero", action="store_true", help="exit 0 even when a plan is invalid"
    )
    parser.add_argument("--stdin-filename", metavar="NAME", help="the name to show for '-'")
    parser.add_argument(
        "-j",
        "--jobs",
        type=jobs,
        default=1,
        metavar="N",
        help="check files in N processes (0: one per CPU); output keeps its order",
    )
    parser.add_argument(
        "--craft",
        action="store_true",
        help="also the craft findings (K…): how a therapist would run the session",
    )
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


def _usage_error(message: str) -> int:
    print(f"massage-routines: error: {message}", file=sys.stderr)
    return EXIT_USAGE


class Chosen:
    """What a run uses: the settings (``None`` when no settings file or selector applies, so
    that :mod:`massage_routines.config` is not imported at all), and the merged options."""

    __slots__ = ("config", "excludes", "output_format", "settings", "strict")

    def __init__(self, args: argparse.Namespace) -> None:
        """Merge the flags, the environment and the settings file (found upward, unless
        ``--isolated``). :class:`~massage_routines.config.ConfigError` when unusable."""
        from massage_routines.cli.checking import find_config

        path = None if args.isolated else (args.config or find_config(args.plans))
        selectors = args.select is not None or args.extend_select or args.ignore
        self.config: Settings | None = None
        self.settings: Settings | None = None
        if path or selectors:
            import attrs

            from massage_routines.config import Settings, load_config

            config = load_config(path) if path else Settings(root=os.getcwd())
            self.config = config
            self.settings = attrs.evolve(
                config,
                select=tuple(args.select) if args.select is not None else config.select,
                extend_select=(*config.extend_select, *(args.extend_select or ())),
                ignore=(*config.ignore, *(args.ignore or ())),
            )
        output_format = args.output_format or os.environ.get(OUTPUT_FORMAT_ENV, "").strip()
        if output_format and output_format not in FORMATS:
            from massage_routines.config import ConfigError

            raise ConfigError(
                f"{OUTPUT_FORMAT_ENV}={output_format!r} is not one of {', '.join(FORMATS)}"
            )
        config_format = self.config.output_format if self.config else None
        self.output_format: str = output_format or config_format or "text"
        self.strict = bool(args.strict) or bool(self.config and self.config.strict)
        self.excludes = [(os.getcwd(), g) for g in args.exclude]
        if self.config:
            self.excludes += [(self.config.root, g) for g in self.config.exclude]


def colour_wanted(stream: object) -> bool:
    """Colour on a terminal; ``NO_COLOR`` turns it off, ``FORCE_COLOR`` on (as Python does)."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty()) and os.environ.get("TERM") != "dumb"


def run(args: argparse.Namespace) -> int:
    """Check every plan (files and folders), report in the chosen format, and exit 0, 1 or 2."""
    budget = args.time_budget
    if budget is None:
        from_env = os.environ.get(TIME_BUDGET_ENV, "").strip()
        try:
            budget = seconds(from_env) if from_env else DEFAULT_TIME_BUDGET
        except argparse.ArgumentTypeError as exc:
            return _usage_error(f"{TIME_BUDGET_ENV}: {exc}")
    try:
        chosen = Chosen(args)
        codes = _check_codes(
            chosen, args, need_names=args.statistics or chosen.output_format == "sarif"
        )
    except ValueError as exc:  # ConfigError, without importing its module for nothing
        return _usage_error(str(exc))
    paths = _paths(args, chosen)
    if not paths:
        print("massage-routines: warning: no plan files found", file=sys.stderr)
    stdin = None
    if "-" in paths:
        from massage_routines.planfile.limits import MAX_FILE_BYTES

        # no more than a plan may be: the size limit reports the rest
        stdin = sys.stdin.buffer.read(MAX_FILE_BYTES + 1)
    from massage_routines.cli.checking import check_files, worker_count

    outcomes = check_files(
        paths,
        chosen.settings,
        budget,
        jobs=worker_count(args.jobs),
        stdin=stdin,
        stdin_name=args.stdin_filename,
        craft=args.craft,
    )
    if getattr(args, "traceback", False):  # --traceback: main prints them at the end
        outcomes = _keeping_tracebacks(outcomes, args.tracebacks)
    tally = _Tally(strict=chosen.strict)
    if args.output_file:
        from massage_routines.cli.files import atomic_output

        try:
            with atomic_output(args.output_file) as stream:
                _write(stream, tally.count(outcomes), args, chosen, codes, colour=False)
        except OSError as exc:
            return _usage_error(f"cannot write {args.output_file}: {exc.strerror or exc}")
    else:
        colour = colour_wanted(sys.stdout)
        _write(sys.stdout, tally.count(outcomes), args, chosen, codes, colour=colour)
    if tally.unreadable:
        return EXIT_USAGE
    return EXIT_FINDINGS if tally.invalid and not args.exit_zero else EXIT_OK


def _keeping_tracebacks(
    outcomes: Iterable[Outcome], tracebacks: list[tuple[str, str]]
) -> Iterator[Outcome]:
    """The outcomes as they come, noting each crashed rule's traceback for ``--traceback``."""
    for outcome in outcomes:
        report = outcome[0]
        if report is not None:
            tracebacks.extend(
                (f"{f.code} in {report.file}", f.traceback) for f in report.findings if f.traceback
            )
        yield outcome


def _paths(args: argparse.Namespace, chosen: Chosen) -> list[str]:
    excludes = chosen.excludes
    if not excludes and all(not os.path.isdir(p) for p in args.plans if p != "-"):
        return list(args.plans)  # the common case costs no more than it did
    from massage_routines.cli.paths import Excludes, plan_files

    return plan_files(args.plans, Excludes(excludes))


def _check_codes(
    chosen: Chosen, args: argparse.Namespace, *, need_names: bool
) -> dict[str, tuple[str, str]]:
    """Check the config file's selectors and the flags' against the known codes; the codes'
    names and summaries if ``need_names``."""
    if chosen.settings is None and not need_names:
        return {}
    from massage_routines.config import Settings, check_selectors
    from massage_routines.findings import Severity
    from massage_routines.plugins.registry import default_registry
    from massage_routines.validation.explain import code_infos

    infos = code_infos(default_registry())
    severities = {c: i.severity is Severity.ERROR for c, i in infos.items()}
    if chosen.config is not None:
        check_selectors(chosen.config, severities)
    given = Settings(
        select=tuple(args.select) if args.select is not None else None,
        extend_select=tuple(args.extend_select or ()),
        ignore=tuple(args.ignore or ()),
    )
    check_selectors(given, severities, flags=True)
    return {code: (info.name, info.summary) for code, info in infos.items()}


class _Tally:
    """Counts, while the results stream through, what the exit status needs."""

    def __init__(self, *, strict: bool) -> None:
        self.strict = strict
        self.invalid = self.unreadable = 0

    def count(self, outcomes: Iterable[Outcome]) -> Iterator[Report]:
        for result, problem in outcomes:
            if result is None:
                self.unreadable += 1
                print(f"massage-routines: error: {problem}", file=sys.stderr)
                continue
            self.invalid += not result.passes(strict=self.strict)
            yield result


def _write(
    stream: TextIO,
    reports: Iterable[Report],
    args: argparse.Namespace,
    chosen: Chosen,
    codes: dict[str, tuple[str, str]],
    *,
    colour: bool,
) -> None:
    from massage_routines import __version__
    from massage_routines.reporting import Options

    options = Options(
        strict=chosen.strict, colour=colour, quiet=args.quiet, version=__version__, codes=codes
    )
    chunks: Iterable[str]
    if args.statistics:
        from massage_routines.reporting.statistics import render

        chunks = render(reports, options, as_json=chosen.output_format == "json")
    else:
        from massage_routines.reporting import renderer

        chunks = renderer(chosen.output_format)(reports, options)
    write = stream.write
    for chunk in chunks:
        write(chunk)
