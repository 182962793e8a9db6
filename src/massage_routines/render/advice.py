"""Preparation and aftercare: the advice a sheet shows, before, during and after a session.

:func:`advice_for` is **the one place the advice hook will feed** (issue 14, part 3: plugins
giving advice records by style, goal and condition). Until that hook exists it returns the
general list of the seed material, the same for everyone; the sheet takes whatever sequence of
:class:`Advice` it is given (``render_html(..., advice=...)``), so the hook changes this module
alone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

import attrs

from massage_routines.value import Value

if TYPE_CHECKING:
    from massage_routines.model.routine import Routine
    from massage_routines.plugins.registry import Registry

When = Literal["before", "during", "after"]
#: The order, and the headings, the sheet shows advice in.
WHEN_HEADINGS: dict[When, str] = {
    "before": "Before the session",
    "during": "During the session",
    "after": "After the session",
}
#: Where the general advice comes from.
SEED = "general advice"


@attrs.frozen(repr=False, weakref_slot=False)
class Advice(Value):
    """One piece of advice for the client: when it applies, what it says, and who says it."""

    when: When
    text: str
    source: str = SEED


#: The seed material's list, for every client and every session.
GENERAL_ADVICE: tuple[Advice, ...] = (
    Advice("before", "Arrive a few minutes early, so that you can settle in."),
    Advice("before", "Drink some water beforehand."),
    Advice("before", "Avoid a heavy meal in the hour or two before the session."),
    Advice("before", "Wear loose, comfortable clothing."),
    Advice("during", "Breathe deeply and slowly; say so at once if anything hurts."),
    Advice("after", "Rest, or stretch gently, for a while afterwards; drink some water."),
    Advice(
        "after",
        "Unusual pain, numbness or worsening symptoms: see a clinician before the next session.",
    ),
)


def advice_for(routine: Routine, registry: Registry | None = None) -> tuple[Advice, ...]:
    """The advice for ``routine``'s client, in the order of :data:`WHEN_HEADINGS`.

    Today: :data:`GENERAL_ADVICE` whatever the routine. This is where the advice hook will
    plug in: it will ask ``registry``'s plugins for the records that fit the routine's style,
    goal and the client's conditions, and add them to the general list.
    """
    _ = routine, registry  # the hook will read both
    return GENERAL_ADVICE
