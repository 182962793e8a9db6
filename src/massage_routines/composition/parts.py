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

if TYPE_CHECKING:
    from massage_routines.composition.constraints import Constraints, Verdict
    from massage_routines.model.position import Position
    from massage_routines.plugins.records import PressureRange


#: How many steps a move may be split into to keep clear of a site that only asks for lighter
#: pressure (more than that, and the move is done on the whole region with a note instead).
CLEAN_SPLIT = 2


@attrs.frozen
class Part:
    """One step-to-be: a technique on a region, the levels allowed there and the level aimed at,
    and the technique's plausible step length in whole seconds (``short``..``long``)."""

    region: str
    technique: str
    low: int
    high: int
    level: int
    short: int
    long: int
    notes: str | None = None


def place(
    constraints: Constraints,
    area: str,
    techniques: tuple[str, ...],
    band: PressureRange,
    level: int,
    position: Position,
    *,
    within: bool = False,
) -> list[Part]:
    """The parts of a move on ``area`` (or, ``within``, on the regions below it).

    ``level`` is the pressure aimed at (within ``band``); each part gets the level closest to
    it that the technique, the caps and the sites allow there. An empty list means the move
    cannot be done anywhere on the area.
    """
    starts = constraints.within(area) if within else (area,)
    out: list[Part] = []
    for region in starts:
        out.extend(_assign(constraints, region, techniques, band, level, position))
    return out


def _assign(
    constraints: Constraints,
    region: str,
    techniques: tuple[str, ...],
    band: PressureRange,
    level: int,
    position: Position,
) -> list[Part]:
    zone = constraints.zone(region)
    if zone is Zone.OUT:
        return []
    if zone is Zone.PARTIAL:
        return _refine(constraints, region, techniques, band, level, position)
    fallback: Part | None = None
    for i, technique in enumerate(techniques):
        verdict = constraints.verdict(technique, region, position)
        if verdict.kind is Kind.NO:
            continue
        if verdict.kind is Kind.REFINE:
            parts = _refine(constraints, region, techniques[i:], band, level, position)
            if parts:
                return parts
            continue
        if verdict.high < min(level, verdict.outer_high):
            # A cap on a region below this one holds the whole region down: work the parts.
            parts = _refine(constraints, region, techniques[i:], band, level, position)
            if parts:
                return parts
        part = _part(constraints, region, technique, verdict, band, level)
        if part.notes is not None:
            # It holds a site this level is too much for: work the parts around the site
            # instead, when that takes no more than a step or two (the supine neck: its back).
            parts = _refine(constraints, region, techniques[i:], band, level, position)
            if parts and len(parts) <= CLEAN_SPLIT and all(p.notes is None for p in parts):
                return parts
        if not verdict.soft:
            return [part]
        if fallback is None:
            fallback = part
    return [fallback] if fallback is not None else []


def _refine(
    constraints: Constraints,
    region: str,
    techniques: tuple[str, ...],
    band: PressureRange,
    level: int,
    position: Position,
) -> list[Part]:
    out: list[Part] = []
    for child in constraints.children(region):
        out.extend(_assign(constraints, child, techniques, band, level, position))
    return out


def _part(
    constraints: Constraints,
    region: str,
    technique: str,
    verdict: Verdict,
    band: PressureRange,
    level: int,
) -> Part:
    chosen = min(max(level, verdict.low), verdict.high)
    notes = None
    if verdict.site_cap is not None and chosen > verdict.site_cap:
        eased = min(verdict.high, verdict.site_cap)
        if eased >= max(verdict.low, int(band.low)):
            chosen = eased
        else:
            where = ", ".join(verdict.sites)
            notes = f"ease off over {where} (at most {verdict.site_cap} there)"
    spec = constraints.registry.techniques[technique]
    short, long = seconds_between(
        spec.step_length.low.milliseconds, spec.step_length.high.milliseconds
    )
    return Part(region, technique, verdict.low, verdict.high, chosen, short, long, notes)
