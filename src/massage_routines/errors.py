"""The library's exceptions: one base class, and every error pickles to an equal error.

Catch :class:`MassageRoutinesError` for "the library refused this input"; each subclass is also
a :class:`ValueError`, as before. An exception that crosses a process boundary (a
``multiprocessing`` pool, ``concurrent.futures``) is pickled and rebuilt from what
``__reduce__`` gives: the default passes the message to ``__init__``, which for an error that
takes findings or reasons builds something else, or raises in the parent's result thread and
hangs the pool. Each error here therefore rebuilds from its own data.

This module imports nothing at run time beyond the standard library's builtins: the model and
the reader raise these errors on the command line's start-up path.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Iterable

    from massage_routines.findings import Finding


class MassageRoutinesError(Exception):
    """The base of every error the library raises on purpose (bad input, no safe routine)."""

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), self.args)


class DurationError(MassageRoutinesError, ValueError):
    """A text that is not a duration; the message says what to write instead."""


class PlanError(MassageRoutinesError, ValueError):
    """Data that is not a valid routine (or part of one); ``findings`` says every problem."""

    def __init__(self, findings: Iterable[Finding]) -> None:
        self.findings: tuple[Finding, ...] = tuple(findings)
        shown = "; ".join(f"{f.path or '(plan)'}: {f.message}" for f in self.findings[:5])
        more = f" (and {len(self.findings) - 5} more)" if len(self.findings) > 5 else ""
        super().__init__(shown + more)

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.findings,))


class ComposeError(MassageRoutinesError, ValueError):
    """No safe routine can be made for a request; ``reasons`` says why, one reason each.

    The message joins the reasons, so ``str(error)`` is readable on its own.
    """

    def __init__(self, reasons: Iterable[str]) -> None:
        self.reasons: tuple[str, ...] = tuple(reasons) or ("no safe routine could be composed",)
        super().__init__("no safe routine: " + "; ".join(self.reasons))

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.reasons,))
