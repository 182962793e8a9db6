"""Hypothesis strategies over a registry: regions, pressures, durations, steps, clients, routines.

The strategies draw from whatever the registry holds (its region tree, techniques, styles and
conditions), so they cover a plugin's additions as well as the built-in records. By default
:func:`steps` and :func:`routines` draw steps that agree with their technique's and style's own
records (pressure range, step length, positions, sites the technique is never used on, the
style's reach); such a routine may still break a site's cap, a client's condition or the
warm-up rule: finding those is the rules' job.

This module imports :mod:`hypothesis`, a test dependency: nothing else in the library imports
it. Import it from :mod:`massage_routines.testing`.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from hypothesis import strategies as st

from massage_routines.model.client import Client, Condition, Flag
from massage_routines.model.duration import Duration
from massage_routines.model.position import Position
from massage_routines.model.pressure import Pressure
from massage_routines.model.regions import Region, matches_pattern
from massage_routines.model.routine import Routine, Step
from massage_routines.plugins.records import DurationRange, StyleSpec, TechniqueSpec

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from hypothesis.strategies import SearchStrategy

    from massage_routines.plugins.registry import Registry

__all__ = ["clients", "durations", "pressures", "regions", "routines", "steps"]


def _require(items: Sequence[object], what: str) -> None:
    if not items:
        raise ValueError(f"the registry has no {what} to draw from (is a plugin missing?)")


# ---------------------------------------------------------------- strategies


def regions(
    registry: Registry, within: str | Iterable[str] | None = None
) -> SearchStrategy[Region]:
    """Regions of the registry's tree; with ``within``, only those at or below those names
    (``*`` stands for one segment, as in ``leg.*.knee_back``)."""
    names = list(registry.regions)
    if within is not None:
        patterns = [within] if isinstance(within, str) else list(within)
        names = [n for n in names if any(matches_pattern(n, p) for p in patterns)]
    _require(names, f"regions within {within!r}" if within is not None else "regions")
    return st.sampled_from([registry.regions[n] for n in names])


def pressures(low: int = 0, high: int = 5) -> SearchStrategy[Pressure]:
    """Pressure levels from ``low`` to ``high`` (0-5, both included)."""
    if not 0 <= low <= high <= 5:
        raise ValueError(f"pressures({low}, {high}): need 0 <= low <= high <= 5")
    return st.sampled_from([Pressure(level) for level in range(low, high + 1)])


def durations(
    low: str | Duration = "15s", high: str | Duration = "20m"
) -> SearchStrategy[Duration]:
    """Durations from ``low`` to ``high``, in whole seconds where the range holds one."""
    bounds = DurationRange(low, high)
    first = math.ceil(bounds.low.milliseconds / 1000)
    last = bounds.high.milliseconds // 1000
    if first <= last:
        return st.integers(first, last).map(lambda s: Duration(s * 1000))
    return st.integers(bounds.low.milliseconds, bounds.high.milliseconds).map(Duration)


def _style(registry: Registry, style: str | StyleSpec | None) -> StyleSpec | None:
    if style is None or isinstance(style, StyleSpec):
        return style
    try:
        return registry.styles[style]
    except KeyError:
        from massage_routines.text import listing

        known = listing(registry.styles, empty="none")
        raise ValueError(f"no plugin provides the style {style!r} (known: {known})") from None


def _style_regions(registry: Registry, style: StyleSpec | None) -> list[str]:
    names = list(registry.regions)
    if style is not None and style.reaches is not None:
        names = [n for n in names if any(matches_pattern(n, r) for r in style.reaches)]
    return names


def _usable(
    registry: Registry, style: StyleSpec | None
) -> list[tuple[TechniqueSpec, tuple[Position, ...], tuple[str, ...]]]:
    """Techniques that fit the records: each with the positions and regions it may use."""
    reach = _style_regions(registry, style)
    names = style.techniques if style is not None else tuple(registry.techniques)
    out = []
    for name in names:
        spec = registry.techniques.get(name)
        if spec is None:
            continue
        positions = tuple(p for p in spec.positions if style is None or p in style.positions)
        places = tuple(
            r for r in reach if not any(matches_pattern(r, site) for site in spec.never_on)
        )
        if positions and places:
            out.append((spec, positions, places))
    return out


@st.composite
def _fitting_step(
    draw: st.DrawFn,
    usable: list[tuple[TechniqueSpec, tuple[Position, ...], tuple[str, ...]]],
    registry: Registry,
    default: Position | None,
) -> Step:
    spec, positions, places = draw(st.sampled_from(usable))
    region = registry.regions[draw(st.sampled_from(places))]
    pressure = draw(pressures(int(spec.pressure.low), int(spec.pressure.high)))
    duration = draw(durations(spec.step_length.low, spec.step_length.high))
    position = draw(st.sampled_from(positions))
    return Step(spec.name, region, pressure, duration, None if position == default else position)


@st.composite
def _any_step(
    draw: st.DrawFn, registry: Registry, style: StyleSpec | None, default: Position | None
) -> Step:
    techniques = list(style.techniques if style is not None else registry.techniques)
    technique = draw(st.sampled_from(techniques))
    region = draw(regions(registry))
    position = draw(st.none() | st.sampled_from([Position(p) for p in registry.positions]))
    return Step(
        technique,
        region,
        draw(pressures()),
        draw(durations("1s", "30m")),
        None if position == default else position,
    )


def _step_strategy(
    registry: Registry,
    style: StyleSpec | None,
    default: Position | None,
    respect_records: bool,
) -> SearchStrategy[Step]:
    if not respect_records:
        _require(list(style.techniques if style else registry.techniques), "techniques")
        return _any_step(registry, style, default)
    usable = _usable(registry, style)
    where = f" for the style {style.name!r}" if style is not None else ""
    _require(usable, f"techniques that fit their records{where}")
    return _fitting_step(usable, registry, default)


def steps(
    registry: Registry,
    style: str | StyleSpec | None = None,
    *,
    default_position: Position | None = None,
    respect_records: bool = True,
) -> SearchStrategy[Step]:
    """Steps with the registry's techniques (the style's, when given) and regions.

    With ``respect_records`` (the default) a step keeps to its technique's pressure range,
    step length, positions and ``never_on`` sites, and to the style's positions and reach; a
    step whose position is ``default_position`` leaves its own position unset. Without it,
    any technique name of the style, any region, pressure, position and a length of 1 s-30 min.
    """
    return _step_strategy(registry, _style(registry, style), default_position, respect_records)


@st.composite
def _condition(draw: st.DrawFn, registry: Registry, name: str) -> Condition:
    spec = registry.conditions.get(name)
    region: Region | None = None
    trimester: int | None = None
    if spec is not None:
        if spec.region == "required" or (spec.region == "optional" and draw(st.booleans())):
            region = draw(regions(registry))
        if spec.trimester:
            trimester = draw(st.integers(1, 3))
    return Condition(name, region, trimester, draw(st.booleans()))


@st.composite
def _client(
    draw: st.DrawFn,
    registry: Registry,
    names: list[str],
    *,
    min_conditions: int,
    max_conditions: int,
    max_flags: int,
) -> Client:
    chosen = draw(
        st.lists(
            st.sampled_from(names), min_size=min_conditions, max_size=max_conditions, unique=True
        )
        if names
        else st.just([])
    )
    conditions = tuple(draw(_condition(registry, name)) for name in chosen)
    flags = tuple(
        draw(
            st.lists(
                st.builds(
                    Flag, regions(registry), st.none() | st.sampled_from(["bruise", "asked"])
                ),
                max_size=max_flags,
            )
        )
    )
    cap = draw(st.none() | pressures())
    return Client(flags, conditions, cap)


def clients(
    registry: Registry,
    *,
    conditions: Iterable[str] | None = None,
    min_conditions: int = 0,
    max_conditions: int = 3,
    max_flags: int = 2,
) -> SearchStrategy[Client]:
    """Client profiles: flags, conditions with the details each takes, and a pressure cap.

    Conditions are drawn (without repeats) from ``conditions``, or from every condition of the
    registry. Each gets a region when its record requires one (and sometimes when one is
    optional), a trimester 1-3 when the record takes one, and ``cleared`` either way.
    """
    names = sorted(registry.conditions) if conditions is None else list(conditions)
    if min_conditions > len(names):
        raise ValueError(f"clients(): min_conditions={min_conditions} but only {len(names)} names")
    return _client(
        registry,
        names,
        min_conditions=min_conditions,
        max_conditions=min(max_conditions, len(names)),
        max_flags=max_flags,
    )


@st.composite
def _routine(
    draw: st.DrawFn,
    registry: Registry,
    style_names: list[str],
    *,
    client: SearchStrategy[Client | None],
    min_steps: int,
    max_steps: int,
    respect_records: bool,
    declare_duration: bool | None,
) -> Routine:
    style = registry.styles[draw(st.sampled_from(style_names))]
    position = draw(st.sampled_from(style.positions)) if style.positions else None
    made = draw(
        st.lists(
            _step_strategy(registry, style, position, respect_records),
            min_size=min_steps,
            max_size=max_steps,
        )
    )
    declare = draw(st.booleans()) if declare_duration is None else declare_duration
    total = Duration(sum(s.duration.milliseconds for s in made))
    return Routine(
        name=f"generated {style.name}",
        style=style.name,
        steps=tuple(made),
        position=position,
        duration=total if declare else None,
        client=draw(client),
    )


def routines(
    registry: Registry,
    style: str | Iterable[str] | None = None,
    *,
    client: SearchStrategy[Client | None] | None = None,
    min_steps: int = 1,
    max_steps: int = 6,
    respect_records: bool = True,
    declare_duration: bool | None = None,
) -> SearchStrategy[Routine]:
    """Routines of the registry's styles (or of ``style``, a name or several).

    The routine's position is one of its style's; its steps are drawn by :func:`steps`.
    ``client`` is a strategy for the client (``None`` draws either no client or one of
    :func:`clients`; pass ``st.none()`` for none). ``declare_duration`` sets the routine's
    ``duration`` to the steps' total (``None``: sometimes).
    """
    if style is None:
        names = sorted(registry.styles)
    else:
        names = [style] if isinstance(style, str) else list(style)
    _require(names, "styles")
    for name in names:
        style_spec = _style(registry, name)
        assert style_spec is not None
        if respect_records:
            _require(_usable(registry, style_spec), f"techniques that fit the style {name!r}")
    if client is None:
        client = st.none() | clients(registry)
    return _routine(
        registry,
        names,
        client=client,
        min_steps=min_steps,
        max_steps=max_steps,
        respect_records=respect_records,
        declare_duration=declare_duration,
    )
