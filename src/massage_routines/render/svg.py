"""The pictures alone, as one standalone SVG file: the body map above the pressure chart."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from massage_routines.render.text import xml_text

if TYPE_CHECKING:
    from collections.abc import Mapping

    from massage_routines.findings import Report
    from massage_routines.model.routine import Routine
    from massage_routines.plugins.registry import Registry
    from massage_routines.render.shapes import Shape

_SIZE = re.compile(r'width="([\d.]+)" height="([\d.]+)"')
_HEADER = 44.0


def _size(svg: str) -> tuple[float, float]:
    match = _SIZE.search(svg)
    if match is None:  # pragma: no cover - the pictures always say their size
        raise ValueError("an SVG without width and height")
    return float(match.group(1)), float(match.group(2))


def render_svg(
    routine: Routine,
    report: Report | None = None,
    *,
    registry: Registry | None = None,
    shapes: Mapping[str, tuple[Shape, ...]] | None = None,
) -> str:
    """The body map and the pressure chart of ``routine`` in one SVG document, headed by the
    plan's name and, for a plan that fails the check, "NOT SAFE AS WRITTEN"."""
    from massage_routines.render.bodymap import body_map_svg
    from massage_routines.render.chart import pressure_chart_svg
    from massage_routines.render.facts import facts_for
    from massage_routines.render.sections import BANNER
    from massage_routines.render.shapes import shape_table

    facts = facts_for(routine, report, registry)
    body = body_map_svg(facts, shape_table(shapes), facts.registry.regions)
    chart = pressure_chart_svg(facts)
    (bw, bh), (cw, ch) = _size(body), _size(chart)
    width = max(bw, cw)
    height = _HEADER + bh + ch
    header = f'<text x="8" y="22" font-size="16" font-weight="bold">{xml_text(routine.name)}</text>'
    if not facts.valid:
        errors = len(facts.errors)
        header += (
            f'<g class="banner"><rect x="{width - 330:g}" y="4" width="322" height="30" '
            'fill="#ffe14d" stroke="#000" stroke-width="3"/>'
            f'<text x="{width - 169:g}" y="25" text-anchor="middle" font-size="15" '
            f'font-weight="bold">⚠ {BANNER.upper()} ({errors} error{"s" if errors != 1 else ""})'
            "</text></g>"
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:g} {height:g}" '
        f'width="{width:g}" height="{height:g}" font-family="sans-serif">'
        f'<rect width="{width:g}" height="{height:g}" fill="#fff"/>{header}'
        f'<g transform="translate(0,{_HEADER:g})">{body}</g>'
        f'<g transform="translate(0,{_HEADER + bh:g})">{chart}</g></svg>\n'
    )
