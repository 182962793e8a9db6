"""Checking plan files for ``validate``: the settings file that applies (:func:`find_config`),
one file → its :class:`Report`, and many files, in order, in this process or (``-j N``) in
worker processes.

Everything that crosses to a worker and back pickles: paths, :class:`Settings`, and the
reports (attrs values). ``settings`` is ``None`` when no settings file or selector
applies: every finding is reported, and :mod:`massage_routines.config` is not even imported.
"""

from __future__ import annotations

import functools
import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    from massage_routines.config import Settings
    from massage_routines.findings import Finding, Report

#: Settings files, in the order they are looked for in each folder.
CONFIG_FILES = ("massage-routines.toml", "pyproject.toml")
#: Fewer files than this are checked in this process whatever ``--jobs`` says: starting workers
#: costs more than it saves.
PARALLEL_MIN_FILES = 8
#: Outcome of one file: its result, or (when it cannot be read) why not.
Outcome = tuple["Report | None", "str | None"]


def check_file(
    path: str,
    settings: Settings | None,
    budget: float | None,
    *,
    stdin: bytes | None = None,
    name: str | None = None,
    craft: bool = False,
) -> Outcome:
    """Read, validate and filter one file (``-`` is ``stdin``'s bytes), shown as ``name``;
    ``craft`` adds the craft findings (K…)."""
    from massage_routines.findings import Finding, Report, Severity
    from massage_routines.planfile.reader import read_plan_source
    from massage_routines.plugins.registry import default_registry
    from massage_routines.validation.codes import INTERNAL_ERROR
    from massage_routines.validation.engine import validate_read

    file = name or ("<stdin>" if path == "-" else path)
    text = None
    try:
        result, text = read_plan_source(stdin if stdin is not None else path)
        report = validate_read(result, default_registry(), file=file, budget=budget, craft=craft)
    except OSError as exc:
        return None, f"cannot read {path}: {exc.strerror or exc}"
    except Exception as exc:  # a bug of ours: this plan fails, the others are still checked
        message = (
            f"internal error while checking this plan ({type(exc).__name__}: {exc}); "
            "it was not fully checked, so it is not valid; please report this"
        )
        report = Report(file, (Finding(INTERNAL_ERROR, Severity.ERROR, message),))
    return finish(report, file, settings, text=text), None


def finish(report: Report, file: str, settings: Settings | None, *, text: str | None) -> Report:
    """Apply inline suppressions (read from the file's ``text``, if it has one) and the
    selectors to a report."""
    from massage_routines.findings import Report

    findings = list(report.findings)
    suppressed: list[Finding] = []
    if findings and text is not None:
        from massage_routines.reporting import SUPPRESSION_MARKER

        if SUPPRESSION_MARKER in text:
            from massage_routines.reporting.suppress import apply, suppressions

            findings, suppressed = apply(findings, suppressions(text))
    if settings is not None and settings.filters:
        where = None if file == "<stdin>" else file  # --stdin-filename counts as a path
        findings = [
            f for f in findings if settings.reports(f.code, is_error=f.is_error, file=where)
        ]
    return Report(file, findings, suppressed)


def check_files(
    paths: Sequence[str],
    settings: Settings | None,
    budget: float | None,
    *,
    jobs: int = 1,
    stdin: bytes | None = None,
    stdin_name: str | None = None,
    craft: bool = False,
) -> Iterator[Outcome]:
    """The outcome of each path, in the order of ``paths`` (``-`` is ``stdin``)."""
    if jobs > 1 and len(paths) >= PARALLEL_MIN_FILES:
        yield from _parallel(
            paths, settings, budget, jobs, stdin=stdin, stdin_name=stdin_name, craft=craft
        )
        return
    for path in paths:
        if path == "-":
            yield check_file(
                path, settings, budget, stdin=stdin or b"", name=stdin_name, craft=craft
            )
        else:
            yield check_file(path, settings, budget, craft=craft)


def _parallel(
    paths: Sequence[str],
    settings: Settings | None,
    budget: float | None,
    jobs: int,
    *,
    stdin: bytes | None,
    stdin_name: str | None,
    craft: bool,
) -> Iterator[Outcome]:
    from massage_routines.cli.workers import chunked, in_parallel
    from massage_routines.plugins.registry import default_registry, plugin_flags

    default_registry()  # loaded once here: forked workers inherit it
    chunks = chunked(paths, jobs)
    work = functools.partial(
        _check_chunk,
        settings=settings,
        budget=budget,
        stdin=stdin,
        stdin_name=stdin_name,
        craft=craft,
    )
    lost = functools.partial(_not_checked, stdin_name=stdin_name)
    yield from in_parallel(chunks, work, jobs, lost=lost, plugin_flags=plugin_flags())


def _check_chunk(
    chunk: Sequence[str],
    *,
    settings: Settings | None,
    budget: float | None,
    stdin: bytes | None,
    stdin_name: str | None,
    craft: bool,
) -> list[Outcome]:
    return list(
        check_files(chunk, settings, budget, stdin=stdin, stdin_name=stdin_name, craft=craft)
    )


def _not_checked(path: str, why: str, *, stdin_name: str | None) -> Outcome:
    """The outcome of a file whose worker process died before it sent the file's outcome."""
    from massage_routines.findings import Finding, Report, Severity
    from massage_routines.validation.codes import INTERNAL_ERROR

    file = (stdin_name or "<stdin>") if path == "-" else path
    message = f"not checked: {why}; so it is not valid; please report this"
    return Report(file, (Finding(INTERNAL_ERROR, Severity.ERROR, message),)), None


def worker_count(jobs: int) -> int:
    """``-j 0`` means one worker per CPU this process may use."""
    if jobs > 0:
        return jobs
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def find_config(paths: Sequence[str]) -> str | None:
    """The settings file for ``paths``: looked for upward from their common folder (the current
    folder when there is none, e.g. for stdin). ``None`` when there is none."""
    real = [os.path.abspath(p) for p in paths if p != "-"]
    if real:
        start = os.path.commonpath(real)
        if not os.path.isdir(start):
            start = os.path.dirname(start)
    else:
        start = os.getcwd()
    folder = start
    while True:
        for name in CONFIG_FILES:
            candidate = os.path.join(folder, name)
            if os.path.isfile(candidate) and (name != "pyproject.toml" or _has_section(candidate)):
                return candidate
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


def _has_section(path: str) -> bool:
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            text = handle.read()
    except OSError:
        return False
    return "tool.massage_routines" in text or "tool.massage-routines" in text
