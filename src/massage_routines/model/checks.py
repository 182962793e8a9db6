"""Field checks for objects built in code: as strict as a plan file, at construction.

Every model class checks its fields once, in ``__attrs_post_init__``: a fast test that every
field already has its exact kind (what the reader and the composer build), and only when one
does not, the slow path here, which converts the documented conveniences exactly or raises a
:class:`TypeError` (wrong kind) or :class:`ValueError` (right kind, wrong value) naming the
class and the field. The conveniences are what a plan file would accept:

- a region: a :class:`~massage_routines.model.regions.Region` or its name (``"back.lower"``);
- a pressure: a :class:`~massage_routines.model.pressure.Pressure`, a whole number 0..5 or a
  level name (``"firm"``), never a boolean, a float or the text ``"3"``;
- a duration: a :class:`~massage_routines.model.duration.Duration` or its text (``"15m"``,
  read by :meth:`~massage_routines.model.duration.Duration.parse`), never a bare number (nobody
  can tell minutes from seconds);
- a position: a :class:`~massage_routines.model.position.Position` or its name (``"prone"``,
  lower_snake text; which positions exist is the plugins', checked when a plan is validated);
- a flag (``cleared``): ``True`` or ``False`` only, never ``"false"`` or ``0``;
- a list of things: a tuple or a list of them, stored as a tuple (never a text).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NoReturn, TypeVar

from massage_routines.model.duration import Duration
from massage_routines.model.position import Position, is_position_name
from massage_routines.model.pressure import Pressure
from massage_routines.model.regions import Region, is_region_name

if TYPE_CHECKING:
    from collections.abc import Callable

T = TypeVar("T")


def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:59] + "…"


def wrong_kind(owner: str, field: str, expected: str, value: object) -> NoReturn:
    """Raise the :class:`TypeError` of a value of the wrong kind, naming the field."""
    raise TypeError(
        f"{owner}.{field} must be {expected}, not {_shown(value)} ({type(value).__name__})"
    )


def bad_value(owner: str, field: str, problem: str) -> NoReturn:
    """Raise the :class:`ValueError` of a value of the right kind that is not allowed."""
    raise ValueError(f"{owner}.{field}: {problem}")


def text(owner: str, field: str, value: object, *, empty_ok: bool = False) -> str:
    """Text (a ``str``; non-empty unless ``empty_ok``)."""
    if not isinstance(value, str):
        wrong_kind(owner, field, "text", value)
    value = str.__str__(value)  # a plain str, whatever subclass came in
    if not value and not empty_ok:
        bad_value(owner, field, "must not be empty")
    return value


def region(owner: str, field: str, value: object) -> Region:
    """A region, or a region's name."""
    if isinstance(value, Region):
        return value
    if isinstance(value, str) and not isinstance(value, Position):
        name = str.__str__(value)
        if not is_region_name(name):
            bad_value(
                owner, field, f"not a region name: {_shown(name)} (lower-case words joined by dots)"
            )
        return Region(name)
    wrong_kind(owner, field, "a Region or a region name such as 'back.lower'", value)


def pressure(owner: str, field: str, value: object) -> Pressure:
    """A pressure, a whole number 0..5 or a level name."""
    if isinstance(value, Pressure):
        return value
    if type(value) is int or isinstance(value, str):
        try:
            return Pressure.parse(int(value) if type(value) is int else str.__str__(value))
        except ValueError as exc:
            bad_value(owner, field, str(exc))
    wrong_kind(owner, field, "a Pressure, a whole number 0..5 or a level name", value)


def duration(owner: str, field: str, value: object) -> Duration:
    """A duration, or its text (``"15m"``)."""
    if isinstance(value, Duration):
        return value
    if isinstance(value, str):
        try:
            return Duration.parse(str.__str__(value))
        except ValueError as exc:
            bad_value(owner, field, str(exc))
    wrong_kind(
        owner, field, "a Duration or a duration text such as '15m' (a number has no unit)", value
    )


def position(owner: str, field: str, value: object) -> Position:
    """A position, or its name (lower_snake text; which positions exist is the plugins')."""
    if isinstance(value, Position):
        return value
    if isinstance(value, str):
        name = str.__str__(value)
        if not is_position_name(name):
            bad_value(
                owner,
                field,
                f"{_shown(value)} is not a position name (lower_snake words such as 'side_lying')",
            )
        return Position(name)
    wrong_kind(owner, field, "a Position or a position name such as 'prone'", value)


def boolean(owner: str, field: str, value: object) -> bool:
    """``True`` or ``False``, nothing else."""
    if value is True or value is False:
        return value
    wrong_kind(owner, field, "True or False", value)


def whole(owner: str, field: str, value: object, lo: int, hi: int) -> int:
    """A whole number (an ``int``, never a ``bool``) from ``lo`` to ``hi``."""
    if type(value) is not int:  # not a bool, not an IntEnum such as a Pressure
        wrong_kind(owner, field, f"a whole number {lo}..{hi}", value)
    number = int(value)
    if not lo <= number <= hi:
        bad_value(owner, field, f"must be {lo}..{hi}, not {number}")
    return number


def optional(
    check: Callable[[str, str, object], T], owner: str, field: str, value: object
) -> T | None:
    """``None``, or what ``check`` makes of ``value``."""
    return None if value is None else check(owner, field, value)


def items(owner: str, field: str, value: object, kind: type[T], what: str) -> tuple[T, ...]:
    """A tuple of ``kind`` from a tuple or a list of them."""
    if not isinstance(value, tuple | list):
        wrong_kind(owner, field, f"a tuple or list of {what}", value)
    for i, item in enumerate(value):
        if not isinstance(item, kind):
            wrong_kind(owner, f"{field}[{i}]", what, item)
    return tuple(value)


def assign(obj: object, **values: object) -> None:
    """Store checked values on a frozen instance (from ``__attrs_post_init__`` only)."""
    for name, value in values.items():
        object.__setattr__(obj, name, value)


def regions(owner: str, field: str, value: object) -> tuple[Region, ...]:
    """A tuple of regions from a tuple or a list of regions or names (never one bare text)."""
    if not isinstance(value, tuple | list):
        wrong_kind(owner, field, "a tuple or list of regions or region names", value)
    return tuple(region(owner, f"{field}[{i}]", item) for i, item in enumerate(value))
