"""Positions of the client during a step: lower_snake names that plugins provide.

A :class:`Position` is its name, as text (``Position("prone") == "prone"``). Which positions
exist is data: each comes from a plugin's
:class:`~massage_routines.plugins.records.PositionSpec` record (hook ``massage_positions``);
the four a therapist works in come with the library, ``standing`` with the self-massage plugin.
The model checks only that a name is well written; a plan naming a position no plugin provides
gets a vocabulary finding (``V008``).
"""

from __future__ import annotations

import re
from typing import ClassVar

_NAME = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*\Z")
#: Positions made so far, by name: one object per name, so ``is`` compares as ``==``. Bounded,
#: since plan files may name any number of unknown positions: past the bound a new name gets
#: an object of its own (equal, but not the same object).
_INTERNED: dict[str, Position] = {}
_INTERN_LIMIT = 4096


def is_position_name(name: str) -> bool:
    """Whether ``name`` is well written for a position: lower_snake ASCII (``side_lying``)."""
    return _NAME.match(name) is not None


class Position(str):
    """Where the client lies, sits or stands: a plan's default, or one step's override.

    ``Position("prone")`` returns the one object for that name (``Position.PRONE``). The name
    must be lower_snake ASCII text: anything else raises :class:`TypeError` (not text) or
    :class:`ValueError` (badly written), naming the position. Whether a plugin provides the
    position is the registry's business, not this class's.
    """

    __slots__ = ()

    PRONE: ClassVar[Position]
    """Face down."""
    SUPINE: ClassVar[Position]
    """Face up."""
    SIDE_LYING: ClassVar[Position]
    """On one side, usually with pillows; preferred late in pregnancy."""
    SEATED: ClassVar[Position]
    """In a massage chair, clothed (or on a chair at home)."""
    STANDING: ClassVar[Position]
    """On one's feet: self-massage against a wall (a ball between the back and the wall)."""

    def __new__(cls, name: object) -> Position:
        """The position called ``name`` (a :class:`Position` is returned as it is)."""
        if isinstance(name, Position):
            return name
        if not isinstance(name, str):
            raise TypeError(f"Position.name must be text, not {name!r:.60} ({type(name).__name__})")
        found = _INTERNED.get(name)
        if found is not None:
            return found
        plain = str.__str__(name)
        if not is_position_name(plain):
            raise ValueError(
                f"Position.name: {plain!r:.60} is not a position name "
                "(lower_snake ASCII words such as 'side_lying')"
            )
        made = str.__new__(cls, plain)
        if len(_INTERNED) >= _INTERN_LIMIT:
            return made
        return _INTERNED.setdefault(plain, made)

    @property
    def value(self) -> str:
        """The name, as plain text (as the enum this class replaces gave it)."""
        return str.__str__(self)

    @property
    def name(self) -> str:
        """The name, as plain text."""
        return str.__str__(self)

    @property
    def words(self) -> str:
        """The name as words: underscores as spaces (``side lying``)."""
        return str.__str__(self).replace("_", " ")

    def __repr__(self) -> str:
        return f"Position({str.__str__(self)!r})"

    def __str__(self) -> str:
        return str.__str__(self)

    def __format__(self, spec: str) -> str:
        return format(str.__str__(self), spec)

    def __reduce__(self) -> tuple[type[Position], tuple[str]]:
        return (Position, (str.__str__(self),))

    def __copy__(self) -> Position:
        return self

    def __deepcopy__(self, memo: object) -> Position:
        return self


Position.PRONE = Position("prone")
Position.SUPINE = Position("supine")
Position.SIDE_LYING = Position("side_lying")
Position.SEATED = Position("seated")
Position.STANDING = Position("standing")

#: The positions a therapist works a client in (on the table or in the chair): a technique's
#: positions when its record gives none (``standing`` is for self-massage against a wall).
THERAPIST_POSITIONS: tuple[Position, ...] = (
    Position.PRONE,
    Position.SUPINE,
    Position.SIDE_LYING,
    Position.SEATED,
)
#: The positions that come with the library and its built-in plugins, in this order.
BUILT_IN: tuple[Position, ...] = (*THERAPIST_POSITIONS, Position.STANDING)
#: Kept for older callers: the built-in positions.
ALL: tuple[Position, ...] = BUILT_IN
