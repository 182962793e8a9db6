"""Preparation and aftercare for a routine's client: the advice records of the plugins that fit.

Plugins give advice through the ``massage_advice`` hook
(:func:`massage_routines.plugins.hookspecs.massage_advice`) as
:class:`~massage_routines.plugins.records.AdviceSpec` records, each for everyone or for some
styles, goals and conditions. :func:`advice` picks the records that fit a routine;
:func:`with_advice` writes them into the routine's own ``advice`` field (what ``compose`` hands
out, and what a plan file carries).

A routine records no goal, so advice meant for a goal is given only when the caller knows the
goal (``compose`` does: it passes the request's). The order never depends on the order plugins
load in: by when (before, during, after), then general advice (no selector) before specific
advice (the fewer selectors, the earlier), then by name.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from massage_routines.model.routine import WHEN, Advice

if TYPE_CHECKING:
    from collections.abc import Iterable

    from massage_routines.model.routine import Routine
    from massage_routines.plugins.records import AdviceSpec
    from massage_routines.plugins.registry import Registry

__all__ = ["advice", "advice_items", "applies", "with_advice"]


def applies(
    spec: AdviceSpec,
    routine: Routine,
    goal: str | None = None,
    *,
    self_applied: bool | None = None,
) -> bool:
    """Whether ``spec`` is for ``routine``'s session (composed for ``goal``, when known; of a
    self-applied style or not, when known).

    Every selector the record gives must match: the routine's style is one of its ``styles``,
    ``goal`` is one of its ``goals``, the client has one of its ``conditions``, and its
    ``given_by`` is ``"self"`` for a self-applied style, ``"therapist"`` for any other.
    """
    if spec.given_by is not None and spec.given_by != _given_by(self_applied):
        return False
    if spec.styles and routine.style not in spec.styles:
        return False
    if spec.goals and goal not in spec.goals:
        return False
    if spec.conditions:
        client = routine.client
        names = {c.name for c in client.conditions} if client is not None else set()
        if names.isdisjoint(spec.conditions):
            return False
    return True


def _given_by(self_applied: bool | None) -> str | None:
    """Who gives a session: the person themselves, a therapist, or (``None``) not known."""
    if self_applied is None:
        return None
    return "self" if self_applied else "therapist"


def _usable(spec: AdviceSpec) -> bool:
    """Whether the record can be shown: a known ``when`` and a text. Others are plugin problems
    (the registry reports them, and no plan is valid meanwhile); they are not shown."""
    return spec.when in WHEN and isinstance(spec.text, str) and bool(spec.text.strip())


def _order(spec: AdviceSpec) -> tuple[int, int, str]:
    selectors = bool(spec.styles) + bool(spec.goals) + bool(spec.conditions)
    return WHEN.index(spec.when), selectors, spec.name


def advice(
    routine: Routine, registry: Registry | None = None, *, goal: str | None = None
) -> tuple[AdviceSpec, ...]:
    """The advice records for ``routine``'s client, in the order a sheet shows them.

    :param routine: the routine (its style and its client's conditions select the advice).
    :param registry: the plugins to ask (the installed ones when ``None``).
    :param goal: the goal the routine was composed for (``relaxation``, ``pain_relief``,
        ``mobility``), if known; advice meant for a goal is left out without it.

    A record the registry reports as a problem because it cannot be shown (a ``when`` other
    than the three, no text) is left out; so is advice for one kind of session (``given_by``)
    when the routine's style is unknown.
    """
    if registry is None:
        from massage_routines.plugins.registry import default_registry

        registry = default_registry()
    style = registry.styles.get(routine.style)
    own = style.self_applied if style is not None else None
    chosen = (
        s for s in registry.advice if _usable(s) and applies(s, routine, goal, self_applied=own)
    )
    return tuple(sorted(chosen, key=_order))


def advice_items(specs: Iterable[AdviceSpec]) -> tuple[Advice, ...]:
    """The plan's advice items (when, text, source) of advice records, in the same order."""
    return tuple(Advice(s.when, s.text, s.source or None) for s in specs)


def with_advice(
    routine: Routine, registry: Registry | None = None, *, goal: str | None = None
) -> Routine:
    """``routine`` with its ``advice`` field set to :func:`advice`'s (any earlier advice is
    replaced): what ``compose`` hands out, so the plan file carries its preparation and
    aftercare."""
    return attrs.evolve(routine, advice=advice_items(advice(routine, registry, goal=goal)))
