"""Steps and routines: the plan itself."""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from massage_routines.model.client import Client
from massage_routines.model.duration import Duration, total_duration
from massage_routines.model.position import Position
from massage_routines.model.pressure import Pressure
from massage_routines.model.regions import Region
from massage_routines.value import Value

if TYPE_CHECKING:
    from collections.abc import Iterable

#: The plan format this library reads and writes.
PLAN_FORMAT = "massage-routine/1"


def _text(_: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str) or not value:
        raise ValueError(f"{attribute.name} must be non-empty text, not {value!r}")


@attrs.frozen(repr=False, weakref_slot=False)
class Step(Value):
    """One technique on one region at one pressure for a time, optionally in its own position."""

    technique: str = attrs.field(validator=_text)
    region: Region
    pressure: Pressure
    duration: Duration
    position: Position | None = None
    notes: str | None = None


def _steps(value: Iterable[Step]) -> tuple[Step, ...]:
    return tuple(value)


def _not_empty(
    _: object, attribute: attrs.Attribute[tuple[Step, ...]], value: tuple[Step, ...]
) -> None:
    if not value:
        raise ValueError("a routine has at least one step")


@attrs.frozen(repr=False, weakref_slot=False)
class Routine(Value):
    """An ordered list of steps with a style, a default position and optionally a client.

    ``duration`` is the planned total as the plan declares it (the steps should add up to it);
    :attr:`total` is what the steps actually add up to.
    """

    name: str = attrs.field(validator=_text)
    style: str = attrs.field(validator=_text)
    steps: tuple[Step, ...] = attrs.field(converter=_steps, validator=_not_empty)
    position: Position | None = None
    duration: Duration | None = None
    client: Client | None = None

    @property
    def total(self) -> Duration:
        """The sum of the steps' durations."""
        return total_duration([step.duration for step in self.steps])

    def position_of(self, step: Step) -> Position | None:
        """The position a step is done in: its own, else the routine's."""
        return step.position or self.position
