"""Saying what changed: the adaptations of one composition, each with the limit that caused it.

The stages record what they decide (the resolver: techniques replaced or left out; the position
chooser: positions moved; the parts: pressure held under a cap). This module adds what is seen
only by comparing the session with the style's shape (regions left out or worked around, blocks
shortened or left out for time) and the client's preferences (preferred pressure, areas of
concern taken as focus), as :class:`~massage_routines.composition.adaptations.Adaptation`
records.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from massage_routines.composition.adaptations import Adaptation
from massage_routines.composition.constraints import Zone
from massage_routines.model.regions import contains

if TYPE_CHECKING:
    from massage_routines.composition.constraints import Constraints
    from massage_routines.composition.positions import PositionChooser
    from massage_routines.composition.resolve import ResolvedBlock, ResolvedMove, Resolver
    from massage_routines.model.client import Client
    from massage_routines.model.duration import Duration
    from massage_routines.plugins.records import StyleSpec
    from massage_routines.validation.profile import Profile


def concerns(
    client: Client,
    include: tuple[str, ...] | None,
    constraints: Constraints,
    adapted: list[Adaptation],
) -> tuple[str, ...]:
    """The client's areas of concern that can be the session's focus (the request names none):
    known, reached by the style, inside what the request includes and not off limits."""
    out: list[str] = []
    tree = constraints.tree
    for region in client.areas_of_concern:
        name = region.name
        if name not in tree or not constraints.reached(name):
            adapted.append(
                Adaptation(
                    "region_left_out",
                    None,
                    f"the area of concern {name} is not a focus: "
                    f"{constraints.style.name} does not reach it",
                )
            )
            continue
        if include is not None and not any(contains(z, name) for z in include):
            continue  # the request chose the regions
        limit = constraints.blocked_by(name)
        if limit is not None:
            adapted.append(
                Adaptation(
                    "region_left_out",
                    name,
                    f"the area of concern {name} is left alone: {limit.source.label} covers it",
                )
            )
            continue
        out.append(name)
        adapted.append(Adaptation("focus", name, f"focus on {name}: the client's area of concern"))
    return tuple(out)


def preference(
    client: Client | None, style: StyleSpec, profile: Profile, adapted: list[Adaptation]
) -> int | None:
    """The client's preferred pressure (``None``: none), with what holds it back said."""
    if client is None or client.preferred_pressure is None:
        return None
    wanted = int(client.preferred_pressure)
    adapted.append(
        Adaptation(
            "preference",
            None,
            f"worked at the client's preferred pressure {wanted} where the style and the "
            "client's limits allow",
        )
    )
    for cap in profile.caps:
        if cap.level < wanted:
            where = f" on {cap.region}" if cap.region else ""
            adapted.append(
                Adaptation(
                    "preference",
                    cap.region,
                    f"the preferred pressure {wanted} is held at {int(cap.level)}{where}: "
                    f"{cap.source.label}",
                )
            )
    bands = [m.pressure for b in style.shape.blocks for m in b.moves] + [
        m.pressure for m in style.shape.pattern
    ]
    if bands:
        top = max(int(b.high) for b in bands)
        low = min(int(b.low) for b in bands)
        if wanted > top:
            adapted.append(
                Adaptation(
                    "preference",
                    None,
                    f"the preferred pressure {wanted} is above {style.name}'s work (at most "
                    f"{top}): ask for deep tissue for firmer work",
                )
            )
        elif wanted < low:
            adapted.append(
                Adaptation(
                    "preference",
                    None,
                    f"the preferred pressure {wanted} is below some of {style.name}'s work "
                    f"(from {low}): those moves are at their lightest",
                )
            )
    return wanted


def positions(chooser: PositionChooser, style: StyleSpec, adapted: list[Adaptation]) -> None:
    """The positions the client's conditions moved, and blocks no position was allowed for."""
    for wanted, (chosen, limit) in chooser.moved.items():
        verb = "rules out" if limit in chooser.profile.forbid_positions else "discourages"
        adapted.append(
            Adaptation(
                "position_changed",
                None,
                f"{chosen} rather than {wanted}: {limit.source.label} {verb} {wanted}",
            )
        )
    for area in dict.fromkeys(chooser.unplaced):
        adapted.append(
            Adaptation(
                "region_left_out",
                area,
                f"{area} left out: the client's conditions rule out every position "
                f"{style.name} works it in",
            )
        )


def blocks(
    resolved: list[ResolvedBlock],
    kept: list[ResolvedBlock],
    resolver: Resolver,
    constraints: Constraints,
    *,
    duration: Duration,
    adapted: list[Adaptation],
) -> None:
    """Regions left out or worked around for the client, blocks shortened or left out for
    time, and the caps that held pressure down."""
    profile = constraints.profile
    worked = {b.area for b in kept}
    for draft in resolver.empty:
        area = draft.area
        if area in worked:
            continue  # another block works it (the focus work, another position)
        limit = constraints.blocked_by(area)
        if limit is not None:
            reason = f"{area} left out: {limit.source.label} covers it"
        elif constraints.zone(area) is Zone.OUT:
            continue  # outside what the request includes, or what the style reaches
        else:
            reason = f"{area} left out: nothing the style does there is allowed for this client"
        adapted.append(Adaptation("region_left_out", area, reason))
    for block in resolved:
        if constraints.zone(block.area) is not Zone.PARTIAL:
            continue
        for limit in profile.avoid:
            where = limit.region
            if where is not None and where != block.area and contains(block.area, where):
                adapted.append(
                    Adaptation(
                        "worked_around",
                        block.area,
                        f"{block.area} worked around {where}: {limit.source.label}",
                    )
                )
    by_order = {b.order: b for b in kept}
    shortened: list[str] = []
    for block in resolved:
        now = by_order.get(block.order)
        if now is None:
            adapted.append(
                Adaptation(
                    "did_not_fit",
                    block.area,
                    f"{block.area} ({block.position}) left out: it does not fit in a "
                    f"{duration} session beside the rest",
                )
            )
            continue
        still = {_what(m) for m in now.moves}  # (the opening may have made a move gentler)
        gone = [m for m in block.moves if _what(m) not in still and m.role in ("work", "vary")]
        names = dict.fromkeys(p.technique for m in gone for p in m.parts)
        if names:
            shortened.append(f"{block.area} ({block.position}) without {', '.join(names)}")
    if shortened:
        adapted.append(
            Adaptation(
                "shortened",
                None,
                f"shortened to fit {duration}: {'; '.join(shortened)}",
            )
        )
    capped: dict[str, list[str]] = {}
    for block in kept:
        for move in block.moves:
            for part in move.parts:
                if part.capped is not None:
                    capped.setdefault(part.capped, []).append(part.region)
    for label, regions in capped.items():
        cap = next((c for c in profile.caps if c.source.label == label), None)
        level = f" at {int(cap.level)} or less" if cap is not None else ""
        where = ", ".join(dict.fromkeys(regions))
        region = cap.region if cap is not None else None
        adapted.append(
            Adaptation("pressure_capped", region, f"pressure held{level} on {where}: {label}")
        )


def _what(move: ResolvedMove) -> tuple[tuple[str, str], ...]:
    """What a move does (technique and region of each part), whatever its levels and notes."""
    return tuple((p.technique, p.region) for p in move.parts)
