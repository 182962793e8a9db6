"""Dividing time: whole seconds shared by weight, each share kept within its bounds.

:func:`divide` is the one tool: a total number of seconds, a weight and bounds for each item,
and back come whole seconds that add up to the total exactly. Within the bounds the shares are
in proportion to the weights (the items that would fall below their minimum get it, those that
would go above their maximum get that, and the rest share what is left); whole seconds are
handed out by the largest remainder, so no share is more than a second from its exact value.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence


def seconds_between(low_ms: int, high_ms: int) -> tuple[int, int]:
    """The whole seconds inside ``low_ms``..``high_ms`` (at least one second, low ≤ high)."""
    low = max(1, math.ceil(low_ms / 1000))
    high = max(low, high_ms // 1000)
    return low, high


def divide(
    total: int,
    weights: Sequence[float],
    lows: Sequence[int] | None = None,
    highs: Sequence[int | None] | None = None,
) -> list[int]:
    """Whole shares of ``total`` in proportion to ``weights``, within ``lows``..``highs``.

    The shares always add up to ``total``. When the minimums alone exceed the total, the total
    is shared in proportion to the minimums; when the maximums cannot take it all, the rest
    goes by weight to the items with no maximum (or past the maximums). ``None`` is no maximum.

    >>> divide(100, [1, 1, 2])
    [25, 25, 50]
    >>> divide(100, [1, 1, 2], lows=[40, 0, 0])
    [40, 20, 40]
    >>> divide(10, [1, 2], highs=[None, 3])
    [7, 3]
    """
    n = len(weights)
    if n == 0:
        return []
    low = list(lows) if lows is not None else [0] * n
    high: list[int | None] = list(highs) if highs is not None else [None] * n
    if total <= 0:
        return [0] * n
    if sum(low) >= total:
        return _largest_remainder(total, [float(v) for v in low] if sum(low) else list(weights))
    bounded = all(h is not None for h in high)
    if bounded and sum(h for h in high if h is not None) <= total:
        base = [h if h is not None else 0 for h in high]
        extra = _largest_remainder(total - sum(base), list(weights))
        return [b + e for b, e in zip(base, extra, strict=True)]
    largest = max(weights)
    if not 0 < largest < math.inf:
        weights = [1.0] * n
    else:  # relative to the largest, and the negligible ones as none (no overflow from them)
        weights = [w / largest if w >= largest * 1e-9 else 0.0 for w in weights]
    weight = sum(weights)
    scale = total / weight
    if not all(
        lo <= scale * w and (hi is None or scale * w <= hi)
        for w, lo, hi in zip(weights, low, high, strict=True)
    ):
        scale = _level(total, weights, low, high)
    exact = [_clamp(scale * w, lo, hi) for w, lo, hi in zip(weights, low, high, strict=True)]
    deficit = total - sum(exact)
    if deficit > 1e-9:  # the weighted items are full: the rest goes evenly where there is room
        room = [None if h is None else h - e for e, h in zip(exact, high, strict=True)]
        spare = [0.0 if r is not None and r <= 0 else 1.0 for r in room]
        more = _level(deficit, spare, [0] * n, room)
        exact = [e + _clamp(more * w, 0, r) for e, w, r in zip(exact, spare, room, strict=True)]
    return _round(total, exact, high)


def _clamp(value: float, low: float, high: float | None) -> float:
    if value < low:
        return float(low)
    if high is not None and value > high:
        return float(high)
    return value


def _level(
    total: float, weights: Sequence[float], low: Sequence[float], high: Sequence[float | None]
) -> float:
    """The scale ``s`` at which ``sum(clamp(s * w))`` is ``total`` (piecewise linear in ``s``)."""
    points = {0.0}
    for w, lo, hi in zip(weights, low, high, strict=True):
        if w > 0:
            points.add(lo / w)
            if hi is not None:
                points.add(hi / w)

    def filled(scale: float) -> float:
        return sum(_clamp(scale * w, lo, hi) for w, lo, hi in zip(weights, low, high, strict=True))

    ordered = sorted(points)
    before, at_before = ordered[0], filled(ordered[0])
    for point in ordered[1:]:
        at_point = filled(point)
        if at_point >= total:
            if at_point == at_before:
                return point
            return before + (total - at_before) * (point - before) / (at_point - at_before)
        before, at_before = point, at_point
    slope = sum(w for w, hi in zip(weights, high, strict=True) if hi is None and w > 0)
    return before + (total - at_before) / slope if slope > 0 else before


def _round(total: int, exact: list[float], high: list[int | None]) -> list[int]:
    """Whole numbers adding up to ``total``, each the floor or ceiling of its exact share."""
    cleaned = [round(v, 6) for v in exact]
    out = [math.floor(v) for v in cleaned]
    left = total - sum(out)
    order = sorted(range(len(out)), key=lambda i: (out[i] - cleaned[i], i))
    for i in order:
        if left <= 0:
            break
        if high[i] is None or out[i] < high[i]:  # type: ignore[operator]
            out[i] += 1
            left -= 1
    if left > 0:  # every item is at its maximum: the rest goes to the first
        out[0] += left
    return out


def _largest_remainder(total: int, shares: list[float]) -> list[int]:
    weight = sum(shares)
    if weight <= 0:
        shares, weight = [1.0] * len(shares), float(len(shares))
    return _round(total, [total * s / weight for s in shares], [None] * len(shares))
