"""Good practice in numbers: the one home of the facts the composer follows and the rules check.

domain.md section 1 (progression) and section 4 (session shapes) as constants, read by the
composer (:mod:`massage_routines.composition`), the progression rule (P001, P002) and the craft
rule (K001-K009), so that what the composer does and what the validator asks are one fact each.

- :data:`WARM`, :data:`MAX_JUMP`: the deepest level that warms tissue up, and the largest change
  of pressure between steps on the same tissue;
- :data:`WARM_UP_SECONDS`: how long tissue is warmed at :data:`WARM` or less before work at 4-5;
- :data:`CALM`, :data:`OPENING_TECHNIQUES`, :data:`CLOSING_TECHNIQUES`: a session opens with a
  light broad stroke and closes calmly (unless its style says otherwise: :func:`opening_of`,
  :func:`closing_of`);
- :data:`LIMBS`, :data:`SIDES`: limbs are worked one side at a time;
- :data:`VARIED_SECONDS`: deep work this long varies its techniques;
- :data:`BALANCE`: how far apart the two sides of a limb may be in time.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from massage_routines.plugins.records import StyleSpec

#: The deepest level that warms tissue up: a step at 4 or 5 needs earlier time at this or less.
WARM = 3
#: The largest change of pressure between consecutive steps on the same tissue.
MAX_JUMP = 2
#: Seconds of work at :data:`WARM` or less on the same tissue before a step at 4 or 5 (craft).
WARM_UP_SECONDS = 120
#: The most a session's opening stroke and its close are pressed.
CALM = 2
#: The light, broad strokes a session opens with.
OPENING_TECHNIQUES: tuple[str, ...] = ("effleurage",)
#: The calm strokes a session closes with.
CLOSING_TECHNIQUES: tuple[str, ...] = ("effleurage", "nerve_strokes")
#: The regions worked one side at a time (``arm.left``, then ``arm.right``).
LIMBS: tuple[str, ...] = ("arm", "leg", "hand", "foot")
#: The two sides of a limb, in the order they are worked.
SIDES: tuple[str, ...] = ("left", "right")
#: A run of consecutive steps at 4 or 5 lasting this many seconds or more uses more than one
#: technique (stripping, cross-fibre friction, trigger points, pin and stretch).
VARIED_SECONDS = 300
#: The two sides of a limb are balanced when their times differ by at most this share of the
#: longer one, or by at most :data:`BALANCE_SECONDS`.
BALANCE = 0.25
BALANCE_SECONDS = 60


def opening_of(style: StyleSpec | None) -> tuple[str, ...]:
    """The techniques a session of ``style`` opens with: the style's own (``StyleSpec.opening``:
    heat in self-massage), else :data:`OPENING_TECHNIQUES`."""
    own = None if style is None else style.opening
    return OPENING_TECHNIQUES if own is None else own


def closing_of(style: StyleSpec | None) -> tuple[str, ...]:
    """The techniques a session of ``style`` closes with: the style's own
    (``StyleSpec.closing``), else :data:`CLOSING_TECHNIQUES`."""
    own = None if style is None else style.closing
    return CLOSING_TECHNIQUES if own is None else own


def side_of(region: str) -> tuple[str, str] | None:
    """``(limb, side)`` of a region on one side of a limb (``leg.left.calf`` →
    ``("leg", "left")``), else ``None``."""
    limb, _, rest = region.partition(".")
    if limb not in LIMBS or not rest:
        return None
    side = rest.partition(".")[0]
    return (limb, side) if side in SIDES else None


def unsided(region: str) -> bool:
    """Whether ``region`` is a whole limb pair (``leg``, ``arm``): both sides at once."""
    return region in LIMBS
