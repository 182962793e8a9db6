"""Steps and routines: the plan itself, with the advice the client gets."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

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


@attrs.frozen(repr=False, weakref_slot=False)
class Step(Value):
    """One technique on one region at one pressure for a time, optionally in its own position."""

    technique: str
    region: Region
    pressure: Pressure
    duration: Duration
    position: Position | None = None
    notes: str | None = None

    def __attrs_post_init__(self) -> None:
        technique, position, notes = self.technique, self.position, self.notes
        if (
            technique.__class__ is not str
            or not technique
            or self.region.__class__ is not Region
            or self.pressure.__class__ is not Pressure
            or self.duration.__class__ is not Duration
            or (position is not None and position.__class__ is not Position)
            or (notes is not None and notes.__class__ is not str)
        ):
            from massage_routines.model import checks  # only on the slow path

            checks.assign(
                self,
                technique=checks.text("Step", "technique", technique),
                region=checks.region("Step", "region", self.region),
                pressure=checks.pressure("Step", "pressure", self.pressure),
                duration=checks.duration("Step", "duration", self.duration),
                position=checks.optional(checks.position, "Step", "position", position),
                notes=None if notes is None else checks.text("Step", "notes", notes, empty_ok=True),
            )


#: When a piece of advice applies: before, during or after the session.
When = Literal["before", "during", "after"]
#: Every :data:`When`, in the order a sheet shows them.
WHEN: tuple[When, ...] = ("before", "during", "after")


@attrs.frozen(repr=False, weakref_slot=False)
class Advice(Value):
    """One piece of preparation or aftercare for the client, as a plan carries it.

    ``when`` is ``"before"``, ``"during"`` or ``"after"`` the session; ``text`` is what the
    client reads; ``source`` optionally says where the advice comes from (a citation).
    Plugins give advice as :class:`~massage_routines.plugins.records.AdviceSpec` records;
    :func:`massage_routines.client_advice.with_advice` turns those that fit into these.
    """

    when: When
    text: str
    source: str | None = None

    def __attrs_post_init__(self) -> None:
        when, text, source = self.when, self.text, self.source
        if (
            when not in WHEN
            or text.__class__ is not str
            or not text
            or (source is not None and (source.__class__ is not str or not source))
        ):
            from massage_routines.model import checks  # only on the slow path

            if not isinstance(when, str):
                checks.wrong_kind("Advice", "when", "'before', 'during' or 'after'", when)
            if when not in WHEN:
                checks.bad_value(
                    "Advice", "when", f"{when!r} is not one of 'before', 'during', 'after'"
                )
            checks.assign(
                self,
                when=str.__str__(when),
                text=checks.text("Advice", "text", text),
                source=checks.optional(checks.text, "Advice", "source", source),
            )


#: The exact kind of a checked step (``map(type, ...)`` runs in C: no Python loop per step).
_STEP = frozenset({Step})
_ADVICE = frozenset({Advice})


def _as_tuple(value: Any) -> Any:
    """A tuple from any iterable but a text or a mapping (those are left to the check)."""
    if value.__class__ is tuple or isinstance(value, str | bytes | dict):
        return value
    try:
        return tuple(value)
    except TypeError:
        return value


def _steps(value: Iterable[Step]) -> tuple[Step, ...]:
    """Steps from any iterable of them."""
    return _as_tuple(value)  # type: ignore[no-any-return]


def _advice(value: Iterable[Advice]) -> tuple[Advice, ...]:
    """Advice from any iterable of it."""
    return _as_tuple(value)  # type: ignore[no-any-return]


@attrs.frozen(repr=False, weakref_slot=False)
class Routine(Value):
    """An ordered list of steps with a style, a default position and optionally a client.

    ``duration`` is the planned total as the plan declares it (the steps should add up to it);
    :attr:`total` is what the steps actually add up to. ``advice`` is the preparation and
    aftercare the plan carries (``compose`` fills it; empty when the plan gives none).
    """

    name: str
    style: str
    steps: tuple[Step, ...] = attrs.field(converter=_steps)
    position: Position | None = None
    duration: Duration | None = None
    client: Client | None = None
    advice: tuple[Advice, ...] = attrs.field(default=(), converter=_advice)

    def __attrs_post_init__(self) -> None:
        name, style, steps = self.name, self.style, self.steps
        position, duration, client = self.position, self.duration, self.client
        advice = self.advice
        if (
            name.__class__ is not str
            or not name
            or style.__class__ is not str
            or not style
            or steps.__class__ is not tuple
            or (position is not None and position.__class__ is not Position)
            or (duration is not None and duration.__class__ is not Duration)
            or (client is not None and client.__class__ is not Client)
            or not _STEP.issuperset(map(type, steps))
            or advice.__class__ is not tuple
            or not _ADVICE.issuperset(map(type, advice))
        ):
            from massage_routines.model import checks  # only on the slow path

            if client is not None and not isinstance(client, Client):
                checks.wrong_kind("Routine", "client", "a Client or None", client)
            checks.assign(
                self,
                name=checks.text("Routine", "name", name),
                style=checks.text("Routine", "style", style),
                steps=checks.items("Routine", "steps", steps, Step, "Step objects"),
                position=checks.optional(checks.position, "Routine", "position", position),
                duration=checks.optional(checks.duration, "Routine", "duration", duration),
                advice=checks.items("Routine", "advice", advice, Advice, "Advice objects"),
            )
        if not self.steps:
            raise ValueError("Routine.steps: a routine has at least one step")

    @property
    def total(self) -> Duration:
        """The sum of the steps' durations."""
        return total_duration([step.duration for step in self.steps])

    def position_of(self, step: Step) -> Position | None:
        """The position a step is done in: its own, else the routine's."""
        return step.position or self.position
