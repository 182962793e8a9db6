"""Placing a move: which regions it is done on, with which technique, at which level.

A move of a session shape names an area (the block's region, or the regions within it), a list
of techniques to choose from and a pressure band. :func:`place` turns it into :class:`Part`
records, one per step: it takes the first technique the client, the sites and the position
allow on the area, and where something below the area is off limits (a flag, a region the
style does not reach, a site the technique is never used on, a ban, a lower cap) it works the
largest regions below it that are safe instead, each with the first technique allowed there.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from massage_routines.composition.constraints import Kind, Zone
from massage_routines.composition.timing import seconds_between
from massage_routines.model.position import Position
from massage_routines.plugins.records import PressureRange

if TYPE_CHECKING:
    from massage_routines.composition.constraints import Constraints, Verdict


@attrs.frozen
class Part:
    """One step-to-be: a technique on a region, the levels allowed there and the level aimed at,
    and the technique's plausible step length in whole seconds (``short``..``long``).

    ``capped`` names the client's cap that holds the level below the aim; ``instead`` says why
    the move's first technique gave way to this one, when the client's limits are why.
    """

    region: str
    technique: str
    low: int
    high: int
    level: int
    short: int
    long: int
    notes: str | None = None
    capped: str | None = None
    instead: str | None = None


@attrs.frozen
class Aim:
    """What a move asks for: techniques to try in order, a pressure band, the level aimed at
    (within the band) and the position it is done in."""

    techniques: tuple[str, ...]
    band: PressureRange
    level: int
    position: Position
    #: The technique the move asked for first, once the aim tries only later ones.
    first: str | None = None

    def from_technique(self, i: int) -> Aim:
        """The same aim, trying the techniques from the ``i``-th on."""
        if not i:
            return self
        first = self.first or self.techniques[0]
        return attrs.evolve(self, techniques=self.techniques[i:], first=first)


def place(constraints: Constraints, area: str, aim: Aim, *, within: bool = False) -> list[Part]:
    """The parts of a move on ``area`` (or, ``within``, on the regions below it).

    Each part gets the level closest to ``aim.level`` that its technique, the caps and the sites
    allow there. An empty list means the move cannot be done anywhere on the area.
    """
    starts = constraints.within(area) if within else (area,)
    out: list[Part] = []
    for region in starts:
        out.extend(_assign(constraints, region, aim))
    return out


def _assign(constraints: Constraints, region: str, aim: Aim) -> list[Part]:
    zone = constraints.zone(region)
    if zone is Zone.OUT:
        return []
    if zone is Zone.PARTIAL:
        return _refine(constraints, region, aim)
    fallback: Part | None = None
    for i, technique in enumerate(aim.techniques):
        verdict = constraints.verdict(technique, region, aim.position)
        if verdict.kind is Kind.NO:
            continue
        if verdict.kind is Kind.REFINE:
            parts = _refine(constraints, region, aim.from_technique(i))
            if parts:
                return parts
            continue
        whole = min(aim.level, verdict.high)
        if whole < min(aim.level, verdict.outer_high):
            # A cap on a region below this one holds the whole region down: work the parts,
            # if that lets any of them go deeper.
            parts = _refine(constraints, region, aim.from_technique(i))
            if any(p.level > whole for p in parts):
                return parts
        part = _part(constraints, region, technique, verdict, aim)
        if part.notes is not None:
            # It holds a site this level is too much for: work around the site, part by part
            # (the thigh and the calf, not the back of the knee), rather than with a reminder.
            parts = _refine(constraints, region, aim.from_technique(i))
            if parts and all(p.notes is None for p in parts):
                return parts
        first = aim.first or aim.techniques[0]
        if first != technique:
            why = constraints.why_not(first, region)
            if why is not None:
                part = attrs.evolve(part, instead=f"{technique} instead of {first}: {why}")
        if not verdict.soft:
            return [part]
        if fallback is None:
            fallback = part
    return [fallback] if fallback is not None else []


def _refine(constraints: Constraints, region: str, aim: Aim) -> list[Part]:
    out: list[Part] = []
    for child in constraints.children(region):
        out.extend(_assign(constraints, child, aim))
    return out


def _part(
    constraints: Constraints, region: str, technique: str, verdict: Verdict, aim: Aim
) -> Part:
    chosen = min(max(aim.level, verdict.low), verdict.high)
    notes = None
    if verdict.site_cap is not None and chosen > verdict.site_cap:
        eased = min(verdict.high, verdict.site_cap)
        if eased >= max(verdict.low, int(aim.band.low)):
            chosen = eased
        else:
            where = ", ".join(verdict.sites)
            notes = f"ease off over {where} (at most {verdict.site_cap} there)"
    spec = constraints.registry.techniques[technique]
    short, long = seconds_between(
        spec.step_length.low.milliseconds, spec.step_length.high.milliseconds
    )
    capped = None
    cap = verdict.cap
    if cap is not None and chosen < aim.level and chosen == int(cap.level):
        capped = cap.source.label
    high = verdict.high
    if notes is None and verdict.site_cap is not None and chosen <= verdict.site_cap < high:
        high = verdict.site_cap  # a later nudge stays within what the held sites take
    return Part(region, technique, verdict.low, high, chosen, short, long, notes, capped)
