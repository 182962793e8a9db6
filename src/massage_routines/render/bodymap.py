"""The body map: front and back views, each region shaded by time, with its top pressure.

One ``<svg>`` element, standalone (it carries its ``xmlns``), that HTML can inline as it is.
Every region of the tree is a ``<g class="region" data-region="NAME">`` (a region with children
holds theirs, so it is drawn as their union) with a ``<title>`` in words; a region with no shape
on either view is listed beside the figure instead, never dropped.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from massage_routines.model.regions import matches_pattern, pattern_within
from massage_routines.render import palette
from massage_routines.render.shapes import HEIGHT, OUTLINE, VIEWS, WIDTH, drawn
from massage_routines.render.text import xml_text
from massage_routines.render.words import minutes_words, region_words

if TYPE_CHECKING:
    from collections.abc import Mapping

    from massage_routines.model.regions import RegionTree
    from massage_routines.render.facts import Facts
    from massage_routines.render.shapes import Shape, View

_TOP = 24.0  # room for the view's title
_GAP = 20.0
_LEGEND_X = 2 * WIDTH + 2 * _GAP
_LEGEND_WIDTH = 250.0
_SVG_WIDTH = _LEGEND_X + _LEGEND_WIDTH
_SVG_HEIGHT = HEIGHT + _TOP + 10
_VIEW_TITLES = {"front": "Front", "back": "Back"}
_SIDE_MARKS = {"front": ("R", "L"), "back": ("L", "R")}  # viewer's left, viewer's right


def _number(value: float) -> str:
    return f"{value:g}"


def shape_element(shape: Shape, attributes: str) -> str:
    """The SVG element of one shape, with extra ``attributes`` (already escaped)."""
    n = [_number(v) for v in shape.numbers]
    if shape.kind == "rect":
        return (
            f'<rect x="{n[0]}" y="{n[1]}" width="{n[2]}" height="{n[3]}" '
            f'rx="{n[4] if len(n) > 4 else 0}" {attributes}/>'
        )
    if shape.kind == "ellipse":
        return f'<ellipse cx="{n[0]}" cy="{n[1]}" rx="{n[2]}" ry="{n[3]}" {attributes}/>'
    return f'<path d="{xml_text(shape.d)}" {attributes}/>'


def unshaped(
    facts: Facts, table: Mapping[str, tuple[Shape, ...]], tree: RegionTree
) -> tuple[str, ...]:
    """Regions (of the tree, of the plan's steps, of what is avoided) with nothing to draw."""
    names = dict.fromkeys(tree)
    names.update(dict.fromkeys(step.region.name for step in facts.routine.steps))
    names.update(dict.fromkeys(a.region for a in facts.avoided))
    return tuple(name for name in names if not drawn(name, table, tree))


def _description(facts: Facts, region: str) -> str:
    load = facts.load(region)
    words = region_words(region)
    if load.time and load.top is not None:
        from massage_routines.model.duration import Duration

        words += f": {minutes_words(Duration(load.time))}, up to pressure {int(load.top)}"
    else:
        words += ": not worked"
    avoided = facts.avoided_at(region)
    if avoided:
        words += "; leave alone (" + "; ".join(a.why for a in avoided) + ")"
    return words


class _Drawing:
    def __init__(
        self, facts: Facts, table: Mapping[str, tuple[Shape, ...]], tree: RegionTree
    ) -> None:
        self.facts = facts
        self.table = table
        self.tree = tree
        leaves = [name for name, shapes in table.items() if shapes]
        self.loads = {name: facts.load(name) for name in leaves}
        self.longest = max((load.time for load in self.loads.values()), default=0)
        self.sites = {
            name: [
                s
                for s in facts.sites
                if matches_pattern(name, s.region) or pattern_within(name, s.region)
            ]
            for name in leaves
        }
        self.labels: list[str] = []

    def region(self, name: str, view: View) -> str:
        """The group of ``name`` on ``view`` (its shapes and its children's), or ``""``."""
        own = [s for s in self.table.get(name, ()) if s.view == view]
        children = "".join(self.region(c, view) for c in self.tree.children(name))
        if not own and not children:
            return ""
        shapes = "".join(self._shape(name, shape) for shape in own)
        title = xml_text(_description(self.facts, name))
        return (
            f'<g class="region" data-region="{xml_text(name)}"><title>{title}</title>'
            f"{shapes}{children}</g>"
        )

    def _shape(self, name: str, shape: Shape) -> str:
        load = self.loads[name]
        fill = palette.time_fill(load.time, self.longest)
        out = [shape_element(shape, f'fill="{fill}" stroke="{palette.OUTLINE}" stroke-width="1"')]
        if self.facts.avoided_at(name):
            out.append(shape_element(shape, 'class="avoided" fill="url(#mr-hatch)" stroke="none"'))
        if self.sites[name]:
            out.append(
                shape_element(
                    shape,
                    f'class="site" fill="none" stroke="{palette.SITE}" stroke-width="2.2" '
                    f'stroke-dasharray="{palette.SITE_DASH}"',
                )
            )
        if load.top is not None:
            cx, cy = shape.centre
            self.labels.append(
                f'<text class="pressure" x="{_number(cx)}" y="{_number(cy + 4)}">'
                f"{int(load.top)}</text>"
            )
        return "".join(out)


def body_map_svg(facts: Facts, table: Mapping[str, tuple[Shape, ...]], tree: RegionTree) -> str:
    """The body map as one standalone ``<svg>`` element."""
    drawing = _Drawing(facts, table, tree)
    roots = list(tree.roots())
    roots += [n for n in table if n not in tree and n.rpartition(".")[0] not in tree]
    views = []
    for index, view in enumerate(VIEWS):
        x = index * (WIDTH + _GAP)
        drawing.labels = []
        outline = "".join(
            shape_element(s, f'fill="{palette.BODY}" stroke="none"')
            for s in OUTLINE
            if s.view == view
        )
        regions = "".join(drawing.region(name, view) for name in roots)
        left, right = _SIDE_MARKS[view]
        views.append(
            f'<g class="view" data-view="{view}" transform="translate({_number(x)},{_TOP})">'
            f'<text class="view-title" x="{WIDTH / 2:g}" y="-8">{_VIEW_TITLES[view]}</text>'
            f'<text class="side" x="12" y="{HEIGHT - 4:g}">{left}</text>'
            f'<text class="side" x="{WIDTH - 12:g}" y="{HEIGHT - 4:g}">{right}</text>'
            f"{outline}{regions}{''.join(drawing.labels)}</g>"
        )
    legend = _legend(drawing, unshaped(facts, table, tree))
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="body-map" role="img" '
        f'viewBox="0 0 {_SVG_WIDTH:g} {legend[1]:g}" width="{_SVG_WIDTH:g}" '
        f'height="{legend[1]:g}" font-family="sans-serif" font-size="11">'
        "<title>Body map: where the hands go, for how long, and how hard</title>"
        f"{_DEFS}{''.join(views)}{legend[0]}</svg>"
    )


_DEFS = (
    "<defs>"
    # black and white stripes: the hatching shows on the lightest and the darkest fill alike
    '<pattern id="mr-hatch" width="8" height="8" patternUnits="userSpaceOnUse" '
    'patternTransform="rotate(45)">'
    f'<line x1="1.5" y1="0" x2="1.5" y2="8" stroke="{palette.HATCH}" stroke-width="2"/>'
    '<line x1="4" y1="0" x2="4" y2="8" stroke="#fff" stroke-width="2"/>'
    "</pattern>"
    "<style>"
    "text.pressure{font-weight:bold;font-size:11px;text-anchor:middle;fill:#000;"
    "stroke:#fff;stroke-width:3px;paint-order:stroke;stroke-linejoin:round}"
    "text.view-title{font-weight:bold;font-size:13px;text-anchor:middle}"
    "text.side{font-size:11px;fill:#525252;text-anchor:middle}"
    "text.legend-title{font-weight:bold}"
    "</style>"
    "</defs>"
)


def _legend(drawing: _Drawing, missing: tuple[str, ...]) -> tuple[str, float]:
    """The legend beside the views, and the SVG's height that fits it."""
    x = _LEGEND_X
    y = _TOP + 4
    out = [f'<g class="legend" transform="translate({x:g},0)">']
    out.append(f'<text class="legend-title" x="0" y="{y:g}">Time on the region</text>')
    y += 8
    longest = drawing.longest
    bins = len(palette.TIME_SCALE)
    swatches = [(palette.UNWORKED, "not worked")]
    for i, colour in enumerate(palette.TIME_SCALE):
        low, high = longest * i / bins / 60_000, longest * (i + 1) / bins / 60_000
        label = f"{low:.1f} to {high:.1f} min" if longest > 0 else "—"
        swatches.append((colour, label))
    for colour, label in swatches:
        out.append(
            f'<rect x="0" y="{y:g}" width="18" height="12" fill="{colour}" '
            f'stroke="{palette.OUTLINE}"/><text x="26" y="{y + 10:g}">{xml_text(label)}</text>'
        )
        y += 17
    y += 8
    out.append(
        f'<rect x="0" y="{y:g}" width="18" height="14" fill="{palette.TIME_SCALE[1]}" '
        f'stroke="{palette.OUTLINE}"/><text class="pressure" x="9" y="{y + 11:g}">3</text>'
        f'<text x="26" y="{y + 11:g}">highest pressure, 0 (hold) to 5 (deep)</text>'
    )
    y += 22
    out.append(
        f'<rect x="0" y="{y:g}" width="18" height="14" fill="url(#mr-hatch)" '
        f'stroke="{palette.OUTLINE}"/><text x="26" y="{y + 11:g}">leave alone (flag or '
        "condition)</text>"
    )
    y += 22
    out.append(
        f'<rect x="0" y="{y:g}" width="18" height="14" fill="none" stroke="{palette.SITE}" '
        f'stroke-width="2.2" stroke-dasharray="{palette.SITE_DASH}"/>'
        f'<text x="26" y="{y + 11:g}">endangerment site: broad,</text>'
        f'<text x="26" y="{y + 24:g}">light contact only</text>'
    )
    y += 40
    out.append(
        f'<text x="0" y="{y:g}">Front: the client faces you,</text>'
        f'<text x="0" y="{y + 13:g}">so their left (L) is on your right.</text>'
    )
    y += 34
    if missing:
        out.append(
            f'<g class="unshaped"><text class="legend-title" x="0" y="{y:g}">'
            "Not on the figure</text>"
        )
        for name in missing:
            y += 14
            out.append(
                f'<text class="unshaped-region" data-region="{xml_text(name)}" x="0" '
                f'y="{y:g}">{xml_text(_description(drawing.facts, name))}</text>'
            )
        out.append("</g>")
        y += 10
    out.append("</g>")
    return "".join(out), max(_SVG_HEIGHT, y + 10)
