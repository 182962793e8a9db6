"""Body regions: dotted names in a tree (``back.lower``), and the tree the library ships.

A step on a region touches that region and everything below it; a flag on a region covers it and
everything below it. Two regions therefore *overlap* when one is the other or an ancestor of it.
Plugins may add finer regions under the tree (see :func:`massage_routines.plugins.hookspecs`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping

import attrs

from massage_routines.value import Value

_NAME = re.compile(r"[a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)*\Z")


def is_region_name(name: str) -> bool:
    """Whether ``name`` is written as a region name: lower-case words joined by dots."""
    return _NAME.match(name) is not None


def _check_name(_: object, __: attrs.Attribute[str], value: str) -> None:
    if value.__class__ is not str:  # a str subclass (an enum member, say) is not a name
        raise TypeError(
            f"Region.name must be text such as 'back.lower', not {value!r} ({type(value).__name__})"
        )
    if not is_region_name(value):
        raise ValueError(
            f"Region.name: not a region name: {value!r} (lower-case words joined by dots)"
        )


@attrs.frozen(order=True, repr=False, weakref_slot=False)
class Region(Value):
    """A place on the body, named by its path in the region tree (``leg.left.calf``).

    A region is a name: it says nothing about whether the name is known. Which regions exist is
    the :class:`RegionTree`'s business (the base tree plus what plugins add).
    """

    name: str = attrs.field(validator=_check_name)

    @property
    def parts(self) -> tuple[str, ...]:
        """The dotted segments: ``("leg", "left", "calf")``."""
        return tuple(self.name.split("."))

    @property
    def parent(self) -> Region | None:
        """The region directly above, or ``None`` for a top-level region."""
        head, dot, _ = self.name.rpartition(".")
        return Region(head) if dot else None

    @property
    def depth(self) -> int:
        """0 for a top-level region (``leg``), 1 for ``leg.left`` and so on."""
        return self.name.count(".")

    def contains(self, other: Region) -> bool:
        """Whether ``other`` is this region or lies below it."""
        return contains(self.name, other.name)

    def overlaps(self, other: Region) -> bool:
        """Whether one region is the other or an ancestor of it (symmetric)."""
        return overlaps(self.name, other.name)

    def __str__(self) -> str:
        return self.name


def contains(outer: str, inner: str) -> bool:
    """Whether region name ``inner`` is ``outer`` or lies below it."""
    return inner == outer or inner.startswith(outer + ".")


def overlaps(a: str, b: str) -> bool:
    """Whether region names ``a`` and ``b`` collide: one is the other or an ancestor of it."""
    if len(a) < len(b):
        return b.startswith(a) and b[len(a)] == "."
    if len(a) > len(b):
        return a.startswith(b) and a[len(b)] == "."
    return a == b


def matches_pattern(region: str, pattern: str) -> bool:
    """Whether ``region`` is at or below ``pattern``, where ``*`` in the pattern is any one segment.

    ``matches_pattern("leg.left.knee_back", "leg.*.knee_back")`` is true, and so is
    ``matches_pattern("neck.anterior", "neck")``.
    """
    if "*" not in pattern:
        return contains(pattern, region)
    want = pattern.split(".")
    have = region.split(".")
    if len(have) < len(want):
        return False
    return all(w in ("*", h) for w, h in zip(want, have, strict=False))


def pattern_within(region: str, pattern: str) -> bool:
    """Whether the site ``pattern`` lies strictly inside ``region``.

    ``leg.left`` holds ``leg.*.knee_back``; ``leg.left.knee_back`` does not (it *is* the site).
    """
    want = pattern.split(".")
    have = region.split(".")
    if len(have) >= len(want):
        return False
    return all(w in ("*", h) for w, h in zip(want, have, strict=False))


#: The region tree of the plan format (plan-format.md), with the axillae of domain.md.
BASE_REGIONS: tuple[str, ...] = (
    "head", "head.scalp", "head.face",
    "neck", "neck.posterior", "neck.anterior",
    "shoulder", "shoulder.left", "shoulder.right",
    "back", "back.upper", "back.middle", "back.lower",
    "glutes", "glutes.left", "glutes.right",
    "chest",
    "abdomen",
    "arm", "arm.left", "arm.right",
    "arm.left.upper", "arm.left.forearm", "arm.left.axilla",
    "arm.right.upper", "arm.right.forearm", "arm.right.axilla",
    "hand", "hand.left", "hand.right",
    "leg", "leg.left", "leg.right",
    "leg.left.thigh", "leg.left.calf", "leg.left.knee_back",
    "leg.right.thigh", "leg.right.calf", "leg.right.knee_back",
    "foot", "foot.left", "foot.right",
)  # fmt: skip


class RegionTree(Mapping[str, Region]):
    """The known regions, by name, in tree order; every region's parent is in the tree too.

    Built from the base tree and the regions plugins add. Lookups are by name:
    ``"back.lower" in tree``, ``tree.children("back")``, ``tree.touching("leg.left")``.
    """

    __slots__ = ("_children", "_regions", "_touching")

    def __init__(self, names: Iterable[str] = BASE_REGIONS) -> None:
        regions: dict[str, Region] = {}
        children: dict[str, list[str]] = {}
        for name in names:
            if name in regions:
                continue
            region = Region(name)
            parent = region.parent
            if parent is not None and parent.name not in regions:
                raise ValueError(f"region {name!r} has no parent {parent.name!r} in the tree")
            regions[name] = region
            children.setdefault(name, [])
            if parent is not None:
                children[parent.name].append(name)
        self._regions = regions
        self._children = {k: tuple(v) for k, v in children.items()}
        self._touching: dict[str, tuple[str, ...]] = {}

    def __getitem__(self, name: str) -> Region:
        return self._regions[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._regions)

    def __len__(self) -> int:
        return len(self._regions)

    def __contains__(self, name: object) -> bool:
        return name in self._regions

    def children(self, name: str) -> tuple[str, ...]:
        """The regions directly below ``name``."""
        return self._children.get(name, ())

    def below(self, name: str) -> tuple[str, ...]:
        """``name`` and every known region below it, in tree order."""
        out = [name]
        for child in self._children.get(name, ()):
            out.extend(self.below(child))
        return tuple(out)

    def touching(self, name: str) -> tuple[str, ...]:
        """Every known region that overlaps ``name``: its ancestors, itself and all below it."""
        cached = self._touching.get(name)
        if cached is None:
            parts = name.split(".")
            above = tuple(".".join(parts[:i]) for i in range(1, len(parts)))
            cached = above + (self.below(name) if name in self._regions else (name,))
            self._touching[name] = cached
        return cached

    def roots(self) -> tuple[str, ...]:
        """The top-level regions."""
        return tuple(name for name in self._regions if "." not in name)
