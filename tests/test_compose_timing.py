"""The composer's arithmetic: dividing time in whole shares, and settling pressure in order."""

from __future__ import annotations

from hypothesis import assume, given
from hypothesis import strategies as st

from massage_routines.composition.parts import Part
from massage_routines.composition.progression import settle
from massage_routines.composition.schedule import StepDraft, tick_of
from massage_routines.composition.timing import divide, seconds_between
from massage_routines.model.position import Position
from massage_routines.model.regions import RegionTree, overlaps
from massage_routines.practice import MAX_JUMP, WARM, WARM_UP_SECONDS

TREE = RegionTree()


def test_divide_examples() -> None:
    assert divide(100, [1, 1, 2]) == [25, 25, 50]
    assert divide(100, [1, 1, 2], lows=[40, 0, 0]) == [40, 20, 40]
    assert divide(10, [1, 2], highs=[None, 3]) == [7, 3]
    assert divide(0, [1, 2]) == [0, 0]
    assert divide(5, []) == []
    assert divide(10, [1, 1], lows=[8, 8]) == [5, 5]  # minimums over the total: by minimum
    assert divide(10, [1, 1], highs=[2, 3]) == [5, 5]  # maximums under the total: past them


@given(
    st.integers(0, 10_000),
    st.lists(st.tuples(st.floats(0, 10), st.integers(0, 300), st.integers(0, 600)), min_size=1),
)
def test_divide_adds_up_and_keeps_bounds_when_it_can(total, items) -> None:
    weights = [w for w, _, _ in items]
    lows = [lo for _, lo, _ in items]
    highs = [max(lo, hi) for _, lo, hi in items]
    shares = divide(total, weights, lows, highs)
    assert sum(shares) == total
    assert all(s >= 0 for s in shares)
    if sum(lows) <= total <= sum(highs):
        assert all(lo <= s <= hi for s, lo, hi in zip(shares, lows, highs, strict=True))


@given(st.integers(1, 10_000), st.lists(st.floats(0.1, 10), min_size=2, max_size=8))
def test_divide_is_proportional_within_a_share(total, weights) -> None:
    shares = divide(total, weights)
    scale = total / sum(weights)
    assert all(abs(s - w * scale) < 1 for s, w in zip(shares, weights, strict=True))


def test_seconds_between_and_ticks() -> None:
    assert seconds_between(15_000, 180_000) == (15, 180)
    assert seconds_between(500, 900) == (1, 1)
    assert seconds_between(1_500, 2_500) == (2, 2)
    assert [tick_of(s) for s in (1800, 1805, 1801)] == [15, 5, 1]


def _draft(region: str, low: int, high: int, level: int, seconds: int = 60) -> StepDraft:
    part = Part(region, "effleurage", low, high, level, 30, 600)
    return StepDraft(part, seconds, Position.PRONE, level)


steps_strategy = st.lists(
    st.tuples(
        st.sampled_from(["back", "back.upper", "back.lower", "leg", "leg.left", "neck"]),
        st.integers(0, 5),
        st.integers(0, 5),
        st.integers(0, 5),
    ),
    min_size=1,
    max_size=12,
)


@given(steps_strategy)
def test_settle_warms_up_and_changes_gradually_when_it_can(items) -> None:
    drafts = [_draft(r, min(a, b), max(a, b), c) for r, a, b, c in items]
    assume(all(d.part.low <= WARM for d in drafts))  # every step can warm its tissue itself
    settled = settle(drafts, TREE)
    for i, step in enumerate(settled):
        assert step.part.low <= step.level <= step.part.high
        earlier = settled[:i]
        if step.level > WARM:  # after at least WARM_UP_SECONDS of warm-up on its tissue
            assert (
                sum(
                    e.seconds
                    for e in earlier
                    if e.level <= WARM and overlaps(e.part.region, step.part.region)
                )
                >= WARM_UP_SECONDS
            )
    for i, step in enumerate(settled):
        before = [e for e in settled[:i] if overlaps(e.part.region, step.part.region)]
        if before and all(d.part.low == 0 and d.part.high == 5 for d in drafts):
            assert abs(before[-1].level - step.level) <= MAX_JUMP


def test_settle_lowers_the_step_before_a_stroke_that_cannot_rise() -> None:
    drafts = [_draft("back", 1, 3, 3), _draft("back", 3, 5, 5), _draft("back", 1, 1, 1)]
    settled = settle(drafts, TREE)
    assert [d.level for d in settled] == [3, 3, 1]


def test_settle_inserts_a_warm_up_before_a_technique_that_starts_deep() -> None:
    deep = StepDraft(Part("back", "hot", 4, 5, 5, 60, 600), 300, Position.PRONE, 5)

    def warm_up(step: StepDraft) -> StepDraft:
        step.seconds -= 120
        return _draft(step.part.region, 1, 3, 3, seconds=120)

    settled = settle([deep], TREE, warm_up)
    assert [(d.part.technique, d.level, d.seconds) for d in settled] == [
        ("effleurage", 3, 120),
        ("hot", 5, 180),
    ]
