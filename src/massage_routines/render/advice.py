"""Preparation and aftercare on the sheet: the plan's own advice, else the plugins'.

The advice itself is plugin data (the ``massage_advice`` hook; the general list is the built-in
plugin :mod:`massage_routines.techniques.advice`), picked for a routine by
:func:`massage_routines.client_advice.advice`. This module only decides what a sheet shows and
under which headings.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from massage_routines.model.routine import Advice, When

if TYPE_CHECKING:
    from massage_routines.model.routine import Routine
    from massage_routines.plugins.registry import Registry

__all__ = ["WHEN_HEADINGS", "Advice", "advice_for"]

#: The order, and the headings, the sheet shows advice in.
WHEN_HEADINGS: dict[When, str] = {
    "before": "Before the session",
    "during": "During the session",
    "after": "After the session",
}


def advice_for(routine: Routine, registry: Registry | None = None) -> tuple[Advice, ...]:
    """What the sheet of ``routine`` shows as preparation and aftercare.

    The plan's own ``advice`` when it has some (a composed plan does); otherwise the advice the
    plugins of ``registry`` give for the routine's style and client
    (:func:`massage_routines.client_advice.advice`; no goal is known for a plan).
    """
    if routine.advice:
        return routine.advice
    from massage_routines.client_advice import advice, advice_items

    return advice_items(advice(routine, registry))
