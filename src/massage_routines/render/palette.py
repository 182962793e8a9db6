"""The colours and marks of the pictures, in one place, chosen to read with colour blindness.

Time is a single-hue sequential scale (light to dark blue, ColorBrewer "Blues"), so order reads
as lightness alone; pressure is a number written on the shape; regions to leave alone are
hatched; endangerment sites have a dashed outline. Nothing relies on telling red from green.
"""

from __future__ import annotations

#: Fill of a region the session does not work.
UNWORKED = "#ffffff"
#: Fills for the four time bins, least to most time.
TIME_SCALE: tuple[str, ...] = ("#c6dbef", "#6baed6", "#2171b5", "#08306b")
#: The outline of every region, and the grey of what is no region.
OUTLINE = "#525252"
BODY = "#e0e0e0"
#: Hatching over a region to leave alone.
HATCH = "#000000"
#: The dashed outline of an endangerment site (dark orange; the dashes carry the meaning).
SITE = "#b35806"
SITE_DASH = "4 2"
#: The pressure chart's bars.
BAR = "#2171b5"


def time_bin(time: int, longest: int) -> int:
    """The bin (0..3) of ``time`` ms on a scale up to ``longest`` ms; ``time`` > 0."""
    if longest <= 0:
        return 0
    return min(len(TIME_SCALE) - 1, max(0, -(-time * len(TIME_SCALE) // longest) - 1))


def time_fill(time: int, longest: int) -> str:
    """The fill of a region worked ``time`` ms when the most-worked one has ``longest`` ms."""
    return UNWORKED if time <= 0 else TIME_SCALE[time_bin(time, longest)]
