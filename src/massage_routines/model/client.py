"""Who is on the table: regions to leave alone, health conditions, a pressure cap, preferences."""

from __future__ import annotations

import attrs

from massage_routines.model.pressure import Pressure
from massage_routines.model.regions import Region
from massage_routines.value import Value


@attrs.frozen(repr=False, weakref_slot=False)
class Flag(Value):
    """A region the therapist must not touch at all (it covers everything below it too)."""

    region: Region
    reason: str | None = None


def _name(_: object, __: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str) or not value:
        raise ValueError(f"a condition's name must be non-empty text, not {value!r}")


def _trimester(_: object, __: attrs.Attribute[int | None], value: int | None) -> None:
    if value is not None and (type(value) is not int or not 1 <= value <= 3):
        raise ValueError(f"a trimester is 1, 2 or 3, not {value!r}")


@attrs.frozen(repr=False, weakref_slot=False)
class Condition(Value):
    """A health condition from the condition vocabulary, with the details it takes.

    ``region`` places a local condition (``open_wound`` on ``arm.right.forearm``); ``trimester``
    is pregnancy's (1, 2 or 3); ``cleared`` means a clinician cleared the client for massage,
    which lifts a "needs clearance" refusal. What each name does to a session is data in the
    condition records that plugins provide.
    """

    name: str = attrs.field(validator=_name)
    region: Region | None = None
    trimester: int | None = attrs.field(default=None, validator=_trimester)
    cleared: bool = False


def _areas(values: object) -> tuple[Region, ...]:
    """Areas of concern in the order given, without repeats."""
    out: dict[str, Region] = {}
    for value in values:  # type: ignore[attr-defined]
        out.setdefault(value.name, value)
    return tuple(out.values())


@attrs.frozen(repr=False, weakref_slot=False)
class Client(Value):
    """The client profile of a routine: flags, conditions, their own cap and their preferences.

    ``max_pressure`` is a limit (no step may go above it); ``preferred_pressure`` is only a wish
    (the pressure the composer works at where the client's limits allow, and says so where they
    do not), so a preference above a cap is not an error. ``areas_of_concern`` are the regions
    the client asked to have worked on; the composer treats them as focus when a request names
    none.
    """

    flags: tuple[Flag, ...] = ()
    conditions: tuple[Condition, ...] = ()
    max_pressure: Pressure | None = None
    preferred_pressure: Pressure | None = None
    areas_of_concern: tuple[Region, ...] = attrs.field(default=(), converter=_areas)
