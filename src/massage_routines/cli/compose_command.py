"""``compose --style STYLE --duration D [--focus REGION ...] [--include REGION ...] [--goal G]
[--client CLIENT.yaml] [--opt KEY=VALUE ...] [--seed N] [--name NAME] [--any-length]
[-o PLAN.yaml] [--force]``.

Writes a plan that ``validate`` passes as it is: to stdout, or atomically to ``-o PLAN.yaml``
(an existing file is replaced only with ``--force``). What was changed for the client, the
request or the time (regions left out or worked around, pressure capped, techniques replaced,
the position, blocks that did not fit) is printed on stderr, one ``adapted:`` line each, and
kept in the notes of the plan's steps. A duration outside the style's session length is refused
with the range, unless ``--any-length`` is given. Exit status: 0 the plan was written; 1 no
safe plan exists for the request (the reasons go to stderr and no plan is written) or the
client profile has errors (each as ``FILE:LINE:COL: error CODE message``); 2 the command was
used wrongly (a bad duration or region, an unknown style, an option the style does not have
or a value it does not allow, a file that cannot be read, a plan file that exists).
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from massage_routines.cli.main import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE

if TYPE_CHECKING:
    import argparse

    from massage_routines.model.client import Client
    from massage_routines.plugins.registry import Registry

_GOALS = ("relaxation", "pain_relief", "mobility")


def configure(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``compose``."""
    parser.add_argument("--style", required=True, help="the style: swedish, deep_tissue, chair …")
    parser.add_argument(
        "--duration", required=True, metavar="D", help="the session's length: 30m, 1h, 1h30m …"
    )
    parser.add_argument(
        "--focus",
        nargs="+",
        action="extend",
        default=[],
        metavar="REGION",
        help="regions that get the largest share (back.lower, shoulder …)",
    )
    parser.add_argument(
        "--include",
        nargs="+",
        action="extend",
        default=None,
        metavar="REGION",
        help="work only these regions (default: what the style's session covers)",
    )
    parser.add_argument("--goal", choices=_GOALS, help="shift the session towards a goal")
    parser.add_argument(
        "--client", metavar="CLIENT.yaml", help="a client profile: the plan's client block alone"
    )
    parser.add_argument(
        "--opt",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="a style option (repeatable): timing=pre_event … ('techniques' lists them)",
    )
    parser.add_argument("--seed", type=int, default=0, help="the same seed gives the same plan")
    parser.add_argument("--name", help="the plan's name (made up from the request by default)")
    parser.add_argument(
        "--any-length",
        action="store_true",
        help="compose a duration outside the style's usual session length",
    )
    parser.add_argument("-o", "--output", metavar="PLAN.yaml", help="write here, not to stdout")
    parser.add_argument("--force", action="store_true", help="replace PLAN.yaml if it exists")


def _error(message: str) -> None:
    print(f"massage-routines compose: error: {message}", file=sys.stderr)


def _regions(names: list[str], what: str, registry: Registry) -> list[str] | None:
    """The names, or ``None`` after reporting the first that is not a known region."""
    from massage_routines.model.regions import is_region_name
    from massage_routines.text import suggest

    for name in names:
        if not is_region_name(name):
            _error(f"{what} {name!r} is not a region name (lower-case words joined by dots)")
            return None
        if name not in registry.regions:
            _error(f"{what}: unknown region {name!r}{suggest(name, registry.regions)}")
            return None
    return names


def _client(path: str) -> tuple[Client | None, int]:
    """The client profile at ``path`` and the exit status so far (0 when it is usable)."""
    from massage_routines.planfile.reader import read_client_file
    from massage_routines.reporting.text import text_line

    try:
        result = read_client_file(path)
    except OSError as exc:
        _error(f"cannot read {path}: {exc.strerror or exc}")
        return None, EXIT_USAGE
    errors = [f for f in result.findings if f.is_error]
    for finding in result.findings:
        print(text_line(path, finding), file=sys.stderr)
    if errors or result.client is None:
        if not result.findings:
            _error(f"{path} holds no client profile")
        return None, EXIT_FINDINGS
    return result.client, EXIT_OK


def _options(given: list[str]) -> dict[str, str] | None:
    """``--opt KEY=VALUE`` as a mapping, or ``None`` after reporting one that is not."""
    options: dict[str, str] = {}
    for item in given:
        key, equals, value = item.partition("=")
        key, value = key.strip(), value.strip()
        if not equals or not key or not value:
            _error(f"--opt {item!r}: write KEY=VALUE (timing=pre_event, say)")
            return None
        if key in options and options[key] != value:
            _error(f"--opt {key} is given twice ({options[key]!r} and {value!r})")
            return None
        options[key] = value
    return options


def _is_text(argument: str) -> bool:
    """Whether a command-line argument is text (not bytes Python kept as lone surrogates)."""
    try:
        argument.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def run(args: argparse.Namespace) -> int:
    """Compose the plan and write it, or say why no safe plan exists."""
    from massage_routines.cli.files import write_output
    from massage_routines.composition.composer import compose_with_adaptations
    from massage_routines.composition.request import ComposeError, ComposeRequest
    from massage_routines.model.duration import Duration, DurationError
    from massage_routines.planfile.writer import write_plan
    from massage_routines.plugins.registry import default_registry

    try:
        duration = Duration.parse(args.duration)
    except DurationError as exc:
        _error(f"--duration: {exc}")
        return EXIT_USAGE
    registry = default_registry()
    if args.style not in registry.styles:
        _error(registry.unknown_style(args.style))
        return EXIT_USAGE
    options = _options(args.opt)
    if options is None:
        return EXIT_USAGE
    from massage_routines.plugins.options import option_problems

    wrong = option_problems(registry.styles[args.style], options)
    for problem in wrong:
        _error(f"--opt: {problem}")
    if wrong:
        return EXIT_USAGE
    focus = _regions(args.focus, "--focus", registry)
    include = _regions(args.include, "--include", registry) if args.include is not None else []
    if focus is None or include is None:
        return EXIT_USAGE
    client = None
    if args.client is not None:
        client, status = _client(args.client)
        if status != EXIT_OK:
            return status
    if args.name is not None and not args.name.strip():
        _error("--name must not be empty")
        return EXIT_USAGE
    if args.name is not None and not _is_text(args.name):
        _error(f"--name {args.name!r} is not text: it holds bytes that are not UTF-8")
        return EXIT_USAGE
    request = ComposeRequest(
        args.style,
        duration,
        focus=tuple(focus),
        include=tuple(include) if args.include is not None else None,
        client=client,
        goal=args.goal,
        seed=args.seed,
        name=args.name,
        any_length=args.any_length,
        options=options,
    )
    try:
        done = compose_with_adaptations(request, registry)
    except ComposeError as exc:
        print("massage-routines compose: no safe plan for this request:", file=sys.stderr)
        for reason in exc.reasons:
            print(f"  - {reason}", file=sys.stderr)
        return EXIT_FINDINGS
    routine = done.routine
    for adaptation in done.adaptations:
        print(f"adapted: {adaptation}", file=sys.stderr)
    if args.output is None:
        sys.stdout.write(write_plan(routine))
        return EXIT_OK
    text = write_plan(routine)
    if not write_output(text, args.output, force=args.force, command="compose", suffix=".yaml.tmp"):
        return EXIT_USAGE
    print(
        f"wrote {args.output}: {routine.name} ({len(routine.steps)} steps, {routine.total})",
        file=sys.stderr,
    )
    return EXIT_OK
