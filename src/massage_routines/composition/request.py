"""What a caller asks the composer for, and the error it gets when no safe routine exists.

>>> from massage_routines.model import Duration
>>> request = ComposeRequest("swedish", Duration.parse("30m"), focus=("back.lower",))
>>> request.focus
(Region(name='back.lower'),)
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

import attrs

from massage_routines.errors import ComposeError
from massage_routines.model import checks
from massage_routines.model.client import Client
from massage_routines.model.duration import Duration
from massage_routines.model.regions import Region
from massage_routines.value import Value

__all__ = ["GOALS", "ComposeError", "ComposeRequest", "Goal"]

#: Regions as a request takes them: a tuple or list of regions or names, or one of them.
Regions = tuple[Region | str, ...] | list[Region | str] | Region | str

#: What a session is for: it changes the techniques' shares, the pressure and the close.
Goal = Literal["relaxation", "pain_relief", "mobility"]
#: Every goal, in the order ``--goal`` lists them.
GOALS: tuple[Goal, ...] = ("relaxation", "pain_relief", "mobility")


def _regions(field: str, values: Regions) -> tuple[Region, ...]:
    """Regions from regions or names (or one of them), without repeats, in the order given."""
    if isinstance(values, str | Region):
        values = (values,)
    out: dict[str, Region] = {}
    for region in checks.regions("ComposeRequest", field, values):
        out.setdefault(region.name, region)
    return tuple(out.values())


def _focus(values: Regions) -> tuple[Region, ...]:
    return _regions("focus", values)


def _optional_include(
    values: Regions | None,
) -> tuple[Region, ...] | None:
    return None if values is None else _regions("include", values)


def _duration(value: Duration | str) -> Duration:
    return checks.duration("ComposeRequest", "duration", value)


def _goal(_: object, __: attrs.Attribute[Goal | None], value: object) -> None:
    if value is not None and value not in GOALS:
        if not isinstance(value, str):
            checks.wrong_kind("ComposeRequest", "goal", f"one of {', '.join(GOALS)} or None", value)
        checks.bad_value(
            "ComposeRequest", "goal", f"must be one of {', '.join(GOALS)} (or None), not {value!r}"
        )


def _options(value: Mapping[str, str] | None) -> dict[str, str]:
    """The style options, as a new dict of text to text (checked against the style later)."""
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        checks.wrong_kind("ComposeRequest", "options", "a mapping of option names to values", value)
    out: dict[str, str] = {}
    for key, item in value.items():
        if not isinstance(key, str) or not isinstance(item, str):
            checks.wrong_kind(
                "ComposeRequest", "options", "option names and values that are text", (key, item)
            )
        out[key] = item
    return out


@attrs.frozen(repr=False, weakref_slot=False)
class ComposeRequest(Value):
    """A request for a routine: "30 minutes of Swedish, focus on the lower back".

    ``focus`` regions get the largest share of the time (deep tissue works exactly those);
    ``include`` limits the session to these regions (``None``: what the style's shape covers);
    ``client`` is who is on the table (read through the same profile the safety rules use);
    ``goal`` shifts the session towards ``relaxation`` (long gliding strokes, lighter pressure,
    a calm close), ``pain_relief`` (more time and pressure on the focus regions) or
    ``mobility`` (friction, stretches and the joints). The same ``seed`` gives the same routine;
    ``name`` is the routine's name (one is made up when ``None``). ``options`` are the style's
    options (``{"timing": "pre_event"}``; see
    :class:`~massage_routines.plugins.records.StyleOption`): the composer checks them against
    the style, and an unknown option or value is a :class:`ComposeError`.

    A duration outside the style's session length (Swedish 20 minutes to 2 hours) is refused
    with the range, unless ``any_length`` is true: then the session is composed (up to
    :data:`~massage_routines.composition.checks.MAX_SESSION_MS`) and the adaptations say so.

    Region names are accepted as strings too: ``focus=("back.lower",)``, and so is a duration's
    text: ``ComposeRequest("chair", "15m")``. Anything else of the wrong kind raises a
    ``TypeError`` (a wrong value a ``ValueError``) naming the field, here and not in the composer.
    """

    style: str
    duration: Duration = attrs.field(converter=_duration)
    focus: tuple[Region, ...] = attrs.field(default=(), converter=_focus)
    include: tuple[Region, ...] | None = attrs.field(default=None, converter=_optional_include)
    client: Client | None = None
    goal: Goal | None = attrs.field(default=None, validator=_goal)
    seed: int = 0
    name: str | None = None
    any_length: bool = False
    options: Mapping[str, str] = attrs.field(
        factory=dict, converter=_options, hash=False, kw_only=True
    )

    def __attrs_post_init__(self) -> None:
        checks.text("ComposeRequest", "style", self.style)
        if self.client is not None and not isinstance(self.client, Client):
            checks.wrong_kind("ComposeRequest", "client", "a Client or None", self.client)
        if type(self.seed) is not int:  # not a bool
            checks.wrong_kind("ComposeRequest", "seed", "a whole number", self.seed)
        if self.name is not None:
            checks.text("ComposeRequest", "name", self.name)
        checks.boolean("ComposeRequest", "any_length", self.any_length)
