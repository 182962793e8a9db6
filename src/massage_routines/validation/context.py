"""What a rule sees: the routine, the registry, the client's profile, and a way to report."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from massage_routines.findings import Finding, PathParts, Severity
from massage_routines.validation.profile import Profile

if TYPE_CHECKING:
    from massage_routines.model.position import Position
    from massage_routines.model.routine import Routine, Step
    from massage_routines.plugins.records import StyleSpec, TechniqueSpec
    from massage_routines.plugins.registry import Registry

Locator = Callable[[PathParts], tuple[int | None, int | None]]


def _nowhere(parts: PathParts) -> tuple[int | None, int | None]:
    return None, None


class RuleContext:
    """A routine under check, as a rule sees it.

    ``steps()`` yields ``(i, step)``; ``step_path(i, "pressure")`` is the path of a step's
    value in the plan (the file's numbering, even when bad steps were left out); ``error`` and
    ``warning`` make findings located in the file. ``profile`` is the client resolved against the
    registry (flags, caps, bans); ``style`` and ``technique(i)`` are the records, or ``None``
    for names no plugin knows (the vocabulary rule reports those).
    """

    __slots__ = (
        "_client_index",
        "_index",
        "_locate",
        "_positions",
        "_profile",
        "_techniques",
        "craft",
        "registry",
        "routine",
        "style",
    )

    def __init__(
        self,
        routine: Routine,
        registry: Registry,
        *,
        locate: Locator | None = None,
        step_index: tuple[int, ...] | None = None,
        flag_index: tuple[int, ...] | None = None,
        condition_index: tuple[int, ...] | None = None,
        craft: bool = False,
    ) -> None:
        self.routine = routine
        #: Whether the craft findings (K…, off by default) were asked for.
        self.craft = craft
        self.registry = registry
        self.style: StyleSpec | None = registry.styles.get(routine.style)
        self._locate = locate or _nowhere
        self._index = step_index if step_index else tuple(range(len(routine.steps)))
        self._profile: Profile | None = None
        self._client_index = (flag_index, condition_index)
        techniques = registry.techniques
        self._techniques = [techniques.get(step.technique) for step in routine.steps]
        default = routine.position
        if default is None and self.style is not None and len(self.style.positions) == 1:
            default = self.style.positions[0]
        self._positions = [step.position or default for step in routine.steps]

    @property
    def profile(self) -> Profile:
        """The client's flags, conditions and cap, resolved against the registry."""
        if self._profile is None:
            flag_index, condition_index = self._client_index
            self._profile = Profile(
                self.routine.client,
                self.registry,
                flag_index=flag_index,
                condition_index=condition_index,
            )
        return self._profile

    def steps(self) -> Iterator[tuple[int, Step]]:
        """``(i, step)`` for every step of the routine."""
        return enumerate(self.routine.steps)

    def technique(self, i: int) -> TechniqueSpec | None:
        """The record of step ``i``'s technique, or ``None`` if no plugin provides it."""
        return self._techniques[i]

    def position(self, i: int) -> Position | None:
        """Step ``i``'s position: its own, the routine's, or the style's only one."""
        return self._positions[i]

    def step_path(self, i: int, *fields: str) -> PathParts:
        """The path of step ``i`` (or of one of its fields) in the plan."""
        return ("steps", self._index[i], *fields)

    def position_path(self, i: int) -> PathParts:
        """Where step ``i``'s position is written: on the step, or on the plan."""
        if self.routine.steps[i].position is not None:
            return self.step_path(i, "position")
        return ("position",) if self.routine.position is not None else self.step_path(i)

    def finding(self, code: str, severity: Severity, message: str, path: PathParts) -> Finding:
        """A finding at ``path``, located in the file when the routine came from one."""
        line, column = self._locate(path)
        return Finding.at(code, severity, message, path, line, column)

    def error(self, code: str, message: str, path: PathParts = ()) -> Finding:
        """An error finding at ``path``."""
        return self.finding(code, Severity.ERROR, message, path)

    def warning(self, code: str, message: str, path: PathParts = ()) -> Finding:
        """A warning finding at ``path``."""
        return self.finding(code, Severity.WARNING, message, path)
