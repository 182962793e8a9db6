"""What a caller asks the composer for, and the error it gets when no safe routine exists.

>>> from massage_routines.model import Duration
>>> request = ComposeRequest("swedish", Duration.parse("30m"), focus=("back.lower",))
>>> request.focus
(Region(name='back.lower'),)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

import attrs

from massage_routines.errors import ComposeError
from massage_routines.model.client import Client
from massage_routines.model.duration import Duration
from massage_routines.model.regions import Region
from massage_routines.value import Value

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ["GOALS", "ComposeError", "ComposeRequest", "Goal"]

#: What a session is for: it changes the techniques' shares, the pressure and the close.
Goal = Literal["relaxation", "pain_relief", "mobility"]
#: Every goal, in the order ``--goal`` lists them.
GOALS: tuple[Goal, ...] = ("relaxation", "pain_relief", "mobility")


def _regions(values: Iterable[Region | str]) -> tuple[Region, ...]:
    """Regions from regions or names, without repeats, in the order given."""
    if isinstance(values, str | Region):
        values = (values,)
    out: dict[str, Region] = {}
    for value in values:
        region = value if isinstance(value, Region) else Region(value)
        out.setdefault(region.name, region)
    return tuple(out.values())


def _optional_regions(values: Iterable[Region | str] | None) -> tuple[Region, ...] | None:
    return None if values is None else _regions(values)


def _goal(_: object, __: attrs.Attribute[Goal | None], value: object) -> None:
    if value is not None and value not in GOALS:
        raise ValueError(f"goal must be one of {', '.join(GOALS)} (or None), not {value!r}")


@attrs.frozen(repr=False, weakref_slot=False)
class ComposeRequest(Value):
    """A request for a routine: "30 minutes of Swedish, focus on the lower back".

    ``focus`` regions get the largest share of the time (deep tissue works exactly those);
    ``include`` limits the session to these regions (``None``: what the style's shape covers);
    ``client`` is who is on the table (read through the same profile the safety rules use);
    ``goal`` shifts the session towards ``relaxation`` (long gliding strokes, lighter pressure,
    a calm close), ``pain_relief`` (more time and pressure on the focus regions) or
    ``mobility`` (friction, stretches and the joints). The same ``seed`` gives the same routine;
    ``name`` is the routine's name (one is made up when ``None``).

    A duration outside the style's session length (Swedish 20 minutes to 2 hours) is refused
    with the range, unless ``any_length`` is true: then the session is composed (up to
    :data:`~massage_routines.composition.checks.MAX_SESSION_MS`) and the adaptations say so.

    Region names are accepted as strings too: ``focus=("back.lower",)``.
    """

    style: str
    duration: Duration
    focus: tuple[Region, ...] = attrs.field(default=(), converter=_regions)
    include: tuple[Region, ...] | None = attrs.field(default=None, converter=_optional_regions)
    client: Client | None = None
    goal: Goal | None = attrs.field(default=None, validator=_goal)
    seed: int = 0
    name: str | None = None
    any_length: bool = False
