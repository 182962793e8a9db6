"""The core model: durations, pressures, regions and their tree."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from massage_routines.model import (
    BASE_REGIONS,
    Condition,
    Duration,
    DurationError,
    Pressure,
    Region,
    RegionTree,
    Routine,
    Step,
)
from massage_routines.model.regions import matches_pattern, overlaps, pattern_within
from tests.strategies import durations, region_names


@given(durations)
def test_duration_text_round_trip(duration: Duration) -> None:
    assert Duration.parse(str(duration)) == duration


@given(durations)
def test_duration_text_is_canonical(duration: Duration) -> None:
    text = str(duration)
    assert text == str(Duration.parse(text))
    match = re.fullmatch(
        r"(?:([1-9]\d*)h)?(?:([1-9]\d*)m)?(?:((?:[1-9]\d*|0)(?:\.\d*[1-9])?)s)?", text
    )
    assert match is not None and text
    assert int(match.group(2) or 0) < 60 and float(match.group(3) or 0) < 60


@pytest.mark.parametrize(
    ("text", "ms"),
    [
        ("90s", 90_000),
        ("5m", 300_000),
        ("5min", 300_000),
        ("1m30s", 90_000),
        ("1h", 3_600_000),
        ("2.5m", 150_000),
        ("1.5h", 5_400_000),
        ("1h15m", 4_500_000),
        ("0.5s", 500),
    ],
)
def test_duration_forms_of_the_spec(text: str, ms: int) -> None:
    assert Duration.parse(text).milliseconds == ms


@pytest.mark.parametrize(
    ("ms", "text"),
    [
        (90_000, "1m30s"),
        (150_000, "2m30s"),
        (500, "0.5s"),
        (3_600_000, "1h"),
        (3_661_250, "1h1m1.25s"),
    ],
)
def test_duration_shortest_exact_form(ms: int, text: str) -> None:
    assert str(Duration(ms)) == text


@pytest.mark.parametrize("text", ["", "5", "0m", "0s", "1:30", "5 m", "m", "1.0001s", "-5m", "5x"])
def test_duration_rejects(text: str) -> None:
    with pytest.raises(DurationError):
        Duration.parse(text)


def test_duration_hint_for_sexagesimal() -> None:
    with pytest.raises(DurationError, match="base-60"):
        Duration.parse("1:30")


def test_pressure_names_and_levels() -> None:
    assert Pressure.parse("moderate") is Pressure.MODERATE
    assert Pressure.parse(5) is Pressure.DEEP
    assert [p.label for p in Pressure] == ["hold", "light", "moderate", "medium", "firm", "deep"]
    for bad in (True, False, 6, -1, 2.0, "hard", "3"):
        with pytest.raises(ValueError):
            Pressure.parse(bad)


@given(region_names, region_names)
def test_overlap_is_symmetric(a: str, b: str) -> None:
    assert overlaps(a, b) == overlaps(b, a)
    assert Region(a).overlaps(Region(b)) == overlaps(a, b)


@given(region_names, region_names)
def test_overlap_matches_ancestry(a: str, b: str) -> None:
    ancestors_a = {".".join(a.split(".")[:i]) for i in range(1, a.count(".") + 2)}
    ancestors_b = {".".join(b.split(".")[:i]) for i in range(1, b.count(".") + 2)}
    assert overlaps(a, b) == (a in ancestors_b or b in ancestors_a)


@given(st.sampled_from(BASE_REGIONS), st.sampled_from(BASE_REGIONS))
def test_overlap_matches_the_tree(a: str, b: str) -> None:
    tree = RegionTree()
    assert overlaps(a, b) == (b in tree.touching(a))
    assert Region(a).contains(Region(b)) == (b in tree.below(a))


def test_prefix_is_not_an_ancestor() -> None:
    assert not overlaps("back", "backside")
    assert not Region("leg").contains(Region("legacy"))


def test_tree_has_the_spec_regions_and_axillae() -> None:
    tree = RegionTree()
    assert "arm.left.axilla" in tree and "arm.right.axilla" in tree
    assert tree.children("back") == ("back.upper", "back.middle", "back.lower")
    assert tree.touching("leg.left") == (
        "leg",
        "leg.left",
        "leg.left.thigh",
        "leg.left.calf",
        "leg.left.knee_back",
    )
    with pytest.raises(ValueError, match="no parent"):
        RegionTree(["back.upper"])


def test_site_patterns() -> None:
    assert matches_pattern("leg.left.knee_back", "leg.*.knee_back")
    assert not matches_pattern("leg.left", "leg.*.knee_back")
    assert pattern_within("leg.left", "leg.*.knee_back")
    assert pattern_within("leg", "leg.*.knee_back")
    assert not pattern_within("leg.left.knee_back", "leg.*.knee_back")
    assert matches_pattern("neck.anterior", "neck")


def test_model_refuses_what_the_format_cannot_hold() -> None:
    with pytest.raises(ValueError):
        Region("Back")
    with pytest.raises(ValueError):
        Routine("x", "swedish", ())
    with pytest.raises(ValueError):
        Step("", Region("back"), Pressure.LIGHT, Duration(1000))
    with pytest.raises(ValueError):
        Condition("pregnancy", trimester=4)
    with pytest.raises(ValueError):
        Duration(0)
