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

    def __attrs_post_init__(self) -> None:
        reason = self.reason
        if self.region.__class__ is not Region or (
            reason is not None and reason.__class__ is not str
        ):
            from massage_routines.model import checks  # only on the slow path

            checks.assign(
                self,
                region=checks.region("Flag", "region", self.region),
                reason=None
                if reason is None
                else checks.text("Flag", "reason", reason, empty_ok=True),
            )


@attrs.frozen(repr=False, weakref_slot=False)
class Condition(Value):
    """A health condition from the condition vocabulary, with the details it takes.

    ``region`` places a local condition (``open_wound`` on ``arm.right.forearm``); ``trimester``
    is pregnancy's (1, 2 or 3); ``cleared`` means a clinician cleared the client for massage,
    which lifts a "needs clearance" refusal. What each name does to a session is data in the
    condition records that plugins provide.
    """

    name: str
    region: Region | None = None
    trimester: int | None = None
    cleared: bool = False

    def __attrs_post_init__(self) -> None:
        name, region, trimester = self.name, self.region, self.trimester
        if (
            name.__class__ is not str
            or not name
            or (region is not None and region.__class__ is not Region)
            or (
                trimester is not None
                and (trimester.__class__ is not int or not 1 <= trimester <= 3)
            )
            or (self.cleared is not True and self.cleared is not False)
        ):
            from massage_routines.model import checks  # only on the slow path

            checks.assign(
                self,
                name=checks.text("Condition", "name", name),
                region=checks.optional(checks.region, "Condition", "region", region),
                trimester=None
                if trimester is None
                else checks.whole("Condition", "trimester", trimester, 1, 3),
                cleared=checks.boolean("Condition", "cleared", self.cleared),
            )


_FLAG = frozenset({Flag})
_CONDITION = frozenset({Condition})


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
    areas_of_concern: tuple[Region, ...] = ()

    def __attrs_post_init__(self) -> None:
        flags, conditions, areas = self.flags, self.conditions, self.areas_of_concern
        cap, preferred = self.max_pressure, self.preferred_pressure
        if (
            flags.__class__ is not tuple
            or conditions.__class__ is not tuple
            or (cap is not None and cap.__class__ is not Pressure)
            or (preferred is not None and preferred.__class__ is not Pressure)
            or not _FLAG.issuperset(map(type, flags))
            or not _CONDITION.issuperset(map(type, conditions))
        ):
            from massage_routines.model import checks  # only on the slow path

            checks.assign(
                self,
                flags=checks.items("Client", "flags", flags, Flag, "Flag objects"),
                conditions=checks.items(
                    "Client", "conditions", conditions, Condition, "Condition objects"
                ),
                max_pressure=checks.optional(checks.pressure, "Client", "max_pressure", cap),
                preferred_pressure=checks.optional(
                    checks.pressure, "Client", "preferred_pressure", preferred
                ),
            )
        if areas:  # the order given, without repeats
            from massage_routines.model import checks

            kept: dict[str, Region] = {}
            for area in checks.regions("Client", "areas_of_concern", areas):
                kept.setdefault(area.name, area)
            checks.assign(self, areas_of_concern=tuple(kept.values()))
        elif areas.__class__ is not tuple:
            from massage_routines.model import checks

            checks.assign(
                self, areas_of_concern=checks.regions("Client", "areas_of_concern", areas)
            )
