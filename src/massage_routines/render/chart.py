"""The pressure-over-time chart: one bar per step, as long as the step and as high as its pressure.

One standalone ``<svg>`` element. Position changes are dashed vertical lines with the new
position; the client's own pressure cap, when there is one, is a dashed horizontal line.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from massage_routines.model.pressure import Pressure
from massage_routines.render import palette
from massage_routines.render.text import xml_text
from massage_routines.render.words import (
    clock,
    minutes_words,
    position_words,
    pressure_words,
    region_words,
)

if TYPE_CHECKING:
    from massage_routines.render.facts import Facts

WIDTH, HEIGHT = 700.0, 230.0
_LEFT, _RIGHT, _TOP, _BOTTOM = 96.0, 30.0, 34.0, 34.0
_PLOT_W = WIDTH - _LEFT - _RIGHT
_PLOT_H = HEIGHT - _TOP - _BOTTOM
_LEVELS = len(Pressure) - 1


def _tick_step(end: int) -> int:
    """A tick every 1, 2, 5, 10, 15 or 30 minutes: about eight ticks in all."""
    for minutes in (1, 2, 5, 10, 15, 30, 60):
        if end / (minutes * 60_000) <= 10:
            return minutes * 60_000
    return 120 * 60_000


def pressure_chart_svg(facts: Facts) -> str:
    """The chart as one standalone ``<svg>`` element."""
    end = max(facts.end, 1)

    def x(ms: int) -> float:
        return _LEFT + _PLOT_W * ms / end

    def y(level: float) -> float:
        return _TOP + _PLOT_H * (1 - level / _LEVELS)

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="pressure-chart" role="img" '
        f'viewBox="0 0 {WIDTH:g} {HEIGHT:g}" width="{WIDTH:g}" height="{HEIGHT:g}" '
        'font-family="sans-serif" font-size="11">',
        "<title>Pressure over the session</title>",
        f'<text x="{_LEFT:g}" y="14" font-weight="bold" font-size="13">Pressure over time</text>',
    ]
    for level in Pressure:
        ly = y(level)
        out.append(
            f'<line x1="{_LEFT:g}" x2="{WIDTH - _RIGHT:g}" y1="{ly:.1f}" y2="{ly:.1f}" '
            'stroke="#d9d9d9"/>'
            f'<text x="{_LEFT - 6:g}" y="{ly + 4:.1f}" text-anchor="end">'
            f"{int(level)} {level.label}</text>"
        )
    step = _tick_step(end)
    for ms in range(0, end + 1, step):
        tx = x(ms)
        out.append(
            f'<line x1="{tx:.1f}" x2="{tx:.1f}" y1="{y(0):.1f}" y2="{y(0) + 4:.1f}" '
            'stroke="#525252"/>'
            f'<text x="{tx:.1f}" y="{y(0) + 16:.1f}" text-anchor="middle">{clock(ms)}</text>'
        )
    for row in facts.rows:
        step_ = row.step
        left = x(row.start)
        width = max(x(row.start + step_.duration.milliseconds) - left, 0.5)
        top = y(int(step_.pressure))
        height = max(y(0) - top, 2.0)
        title = xml_text(
            f"step {row.number}, {clock(row.start)}: {step_.technique.replace('_', ' ')} on the "
            f"{region_words(step_.region.name)}, {pressure_words(step_.pressure)}, "
            f"{minutes_words(step_.duration)}"
        )
        out.append(
            f'<rect class="bar" data-step="{row.number}" x="{left:.2f}" y="{y(0) - height:.2f}" '
            f'width="{width:.2f}" height="{height:.2f}" fill="{palette.BAR}" stroke="#fff" '
            f'stroke-width="0.6"><title>{title}</title></rect>'
        )
    for turn in facts.turns:
        tx = x(turn.at)
        out.append(
            f'<line class="turn" x1="{tx:.1f}" x2="{tx:.1f}" y1="{_TOP - 8:g}" y2="{y(0):.1f}" '
            'stroke="#000" stroke-dasharray="3 3"/>'
            f'<text x="{tx + 3:.1f}" y="{_TOP - 10:g}" font-size="10">turn: '
            f"{xml_text(position_words(turn.after))}</text>"
        )
    client = facts.routine.client
    if client is not None and client.max_pressure is not None:
        cy = y(int(client.max_pressure))
        out.append(
            f'<line class="cap" x1="{_LEFT:g}" x2="{WIDTH - _RIGHT:g}" y1="{cy:.1f}" '
            f'y2="{cy:.1f}" stroke="{palette.SITE}" stroke-width="2" stroke-dasharray="8 4"/>'
            f'<text x="{WIDTH - _RIGHT - 2:g}" y="{cy - 4:.1f}" text-anchor="end" '
            f'fill="{palette.SITE}">client\'s cap</text>'
        )
    out.append(
        f'<line x1="{_LEFT:g}" x2="{WIDTH - _RIGHT:g}" y1="{y(0):.1f}" y2="{y(0):.1f}" '
        'stroke="#525252"/></svg>'
    )
    return "".join(out)
