"""Where each region is drawn on the body map: a table, region → shapes on the front or back view.

Shapes are data, not drawing code: :data:`SHAPES` maps a region name to the simple shapes
(rectangles with rounded corners, ellipses, or an SVG path) that draw it on the front and/or the
back view of a figure :data:`WIDTH` × :data:`HEIGHT` units large. The figure faces the viewer on
the front view, so the client's left is on the viewer's right there, and on the viewer's left on
the back view.

Only the leaves of the tree have shapes of their own; a region with children is drawn as its
children (``leg`` is ``leg.left`` and ``leg.right``; ``leg.left`` is its thigh, calf and knee).

Plugins: a region a plugin adds has no shape here and the body map lists it beside the figure,
with its time and pressure, rather than dropping it. :func:`shape_table` takes extra shapes, the
mapping a plugin hook for shapes (``massage_region_shapes() -> {region: (Shape, ...)}``) would
give, and lets them add regions or replace the drawing of one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

import attrs

from massage_routines.value import Value

if TYPE_CHECKING:
    from collections.abc import Mapping

    from massage_routines.model.regions import RegionTree

View = Literal["front", "back"]
VIEWS: tuple[View, ...] = ("front", "back")
#: The size of one view of the figure, in SVG user units.
WIDTH, HEIGHT = 200.0, 400.0


@attrs.frozen(repr=False, weakref_slot=False)
class Shape(Value):
    """One shape of a region on one view.

    ``kind`` is ``rect`` (``numbers`` = x, y, width, height, corner radius), ``ellipse``
    (cx, cy, rx, ry) or ``path`` (``d`` is the path data, ``numbers`` = the label's x, y).
    """

    view: View
    kind: Literal["rect", "ellipse", "path"]
    numbers: tuple[float, ...]
    d: str = ""

    @property
    def centre(self) -> tuple[float, float]:
        """Where the shape's label goes."""
        n = self.numbers
        if self.kind == "rect":
            return n[0] + n[2] / 2, n[1] + n[3] / 2
        return n[0], n[1]

    def mirrored(self) -> Shape:
        """The same shape on the other side of the body's midline."""
        n = self.numbers
        if self.kind == "rect":
            return Shape(self.view, "rect", (WIDTH - n[0] - n[2], *n[1:]))
        if self.kind == "ellipse":
            return Shape(self.view, "ellipse", (WIDTH - n[0], *n[1:]))
        raise ValueError("a path is not mirrored; give both sides")


def rect(view: View, *box: float) -> Shape:
    """A rectangle with rounded corners: x, y, width, height and the corner radius (6)."""
    x, y, w, h, *r = box
    return Shape(view, "rect", (x, y, w, h, r[0] if r else 6))


def ellipse(view: View, cx: float, cy: float, rx: float, ry: float) -> Shape:
    """An ellipse."""
    return Shape(view, "ellipse", (cx, cy, rx, ry))


_R, _E = rect, ellipse
#: Regions in the middle of the body, drawn as given.
_MIDDLE: dict[str, tuple[Shape, ...]] = {
    "head.scalp": (_R("front", 82, 4, 36, 16, 12), _R("back", 82, 4, 36, 50, 18)),
    "head.face": (_R("front", 84, 18, 32, 36, 14),),
    "neck.anterior": (_R("front", 91, 55, 18, 14, 4),),
    "neck.posterior": (_R("back", 91, 55, 18, 14, 4),),
    "chest": (_R("front", 76, 72, 48, 42),),
    "abdomen": (_R("front", 78, 116, 44, 50),),
    "back.upper": (_R("back", 76, 72, 48, 34),),
    "back.middle": (_R("back", 76, 108, 48, 28),),
    "back.lower": (_R("back", 76, 138, 48, 28),),
}
#: Regions on both sides, given for the client's right (the viewer's left on the front view,
#: the viewer's right on the back view); the left is their mirror image.
_PAIRED: dict[str, tuple[Shape, ...]] = {
    "shoulder.{side}": (_E("front", 69, 78, 17, 9), _E("back", 131, 78, 17, 9)),
    "glutes.{side}": (_R("back", 101, 168, 22, 32, 9),),
    "arm.{side}.axilla": (_E("front", 68, 96, 6, 9), _E("back", 132, 96, 5, 8)),
    "arm.{side}.upper": (_R("front", 46, 88, 14, 54), _R("back", 140, 88, 14, 54)),
    "arm.{side}.forearm": (_R("front", 43, 144, 14, 52), _R("back", 143, 144, 14, 52)),
    "hand.{side}": (_E("front", 49, 209, 8, 12), _E("back", 151, 209, 8, 12)),
    "leg.{side}.thigh": (_R("front", 79, 172, 20, 98, 9), _R("back", 101, 202, 20, 68, 9)),
    "leg.{side}.knee_back": (_R("back", 102, 272, 18, 14, 5),),
    "leg.{side}.calf": (_R("front", 81, 288, 17, 72, 8), _R("back", 102, 288, 17, 72, 8)),
    "foot.{side}": (_E("front", 88, 374, 9, 13), _E("back", 111, 368, 8, 9)),
}

#: The body map's shapes of every leaf region of the base tree.
SHAPES: Mapping[str, tuple[Shape, ...]] = {
    **_MIDDLE,
    **{name.format(side="right"): shapes for name, shapes in _PAIRED.items()},
    **{
        name.format(side="left"): tuple(s.mirrored() for s in shapes)
        for name, shapes in _PAIRED.items()
    },
}

#: Parts of the figure that are no region (knees from the front, the hips): drawn grey, under.
OUTLINE: tuple[Shape, ...] = (
    rect("front", 78, 160, 44, 16, 6),
    rect("front", 80, 268, 18, 22, 7),
    rect("front", 102, 268, 18, 22, 7),
)


def shape_table(
    extra: Mapping[str, tuple[Shape, ...]] | None = None,
) -> Mapping[str, tuple[Shape, ...]]:
    """:data:`SHAPES` with ``extra`` (say, a plugin's shapes) added or replacing entries."""
    if not extra:
        return SHAPES
    return {**SHAPES, **extra}


def drawn(region: str, table: Mapping[str, tuple[Shape, ...]], tree: RegionTree) -> bool:
    """Whether ``region`` has a shape, or (for a region of the tree) something below it has."""
    if table.get(region):
        return True
    return region in tree and any(table.get(name) for name in tree.below(region))
