"""Who is on the table: regions to leave alone, health conditions and a pressure cap."""

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


@attrs.frozen(repr=False, weakref_slot=False)
class Client(Value):
    """The client profile of a routine: flags, conditions and their own pressure cap."""

    flags: tuple[Flag, ...] = ()
    conditions: tuple[Condition, ...] = ()
    max_pressure: Pressure | None = None
