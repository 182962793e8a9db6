"""The words of messages: counts, lists of names and suggestions are said one way."""

from __future__ import annotations

import doctest

from hypothesis import given
from hypothesis import strategies as st

from massage_routines import text
from massage_routines.text import listing, plural, suggest

_NAMES = st.lists(st.from_regex(r"[a-z_]{1,12}", fullmatch=True), max_size=12)


def test_the_module_examples_hold() -> None:
    assert doctest.testmod(text).failed == 0


@given(st.integers(min_value=0, max_value=10**6))
def test_plural_says_the_count_and_a_plural_word_unless_one(n: int) -> None:
    said = plural(n, "step")
    assert said.split() == [str(n), "step" if n == 1 else "steps"]


@given(_NAMES, st.integers(min_value=1, max_value=15))
def test_listing_shows_the_first_names_sorted_then_an_ellipsis(
    names: list[str], limit: int
) -> None:
    said = listing(names, empty="none", limit=limit)
    if not names:
        assert said == "none"
        return
    shown = said.split(", ")
    if len(names) > limit:
        assert shown[-1] == "..."
        shown = shown[:-1]
    assert shown == sorted(names)[:limit]


def test_listing_keeps_the_order_when_asked() -> None:
    assert listing(["supine", "prone"], sort=False) == "supine, prone"


def test_suggest_names_a_close_choice_and_nothing_for_a_far_or_huge_word() -> None:
    assert suggest("petrisage", ["effleurage", "petrissage"]) == " (did you mean 'petrissage'?)"
    assert suggest("xyz", ["effleurage", "petrissage"]) == ""
    assert suggest("petrissage" * 20, ["petrissage" * 20]) == ""
