"""Plan values in words, and escaping: the text a person reads on a sheet."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from hypothesis import given
from hypothesis import strategies as st

from massage_routines import BASE_REGIONS, Duration, Pressure
from massage_routines.render.text import markdown_text, xml_text
from massage_routines.render.words import clock, minutes_words, pressure_words, region_words
from tests.strategies import region_names


def test_region_words_read_as_a_person_says_them() -> None:
    assert region_words("leg.left.calf") == "left calf"
    assert region_words("back.upper") == "upper back"
    assert region_words("arm.right.upper") == "right upper arm"
    assert region_words("leg.right.knee_back") == "back of the right knee"
    assert region_words("neck.anterior") == "front of the neck"
    assert region_words("leg") == "legs"
    assert region_words("back.upper.rhomboids") == "rhomboids (upper back)"


def test_no_two_regions_of_the_tree_share_their_words() -> None:
    words = [region_words(name) for name in BASE_REGIONS]
    assert len(set(words)) == len(words)


@given(region_names)
def test_every_region_name_has_words_that_keep_its_side(name: str) -> None:
    words = region_words(name)
    assert words.strip()
    for side in ("left", "right"):
        if side in name.split("."):
            assert side in words


@given(region_names, region_names)
def test_words_tell_apart_different_regions(a: str, b: str) -> None:
    plurals = {"arms", "legs", "hands", "feet", "shoulders"}  # "leg" reads as "legs"
    if a != b and not {a, b} & plurals:
        assert region_words(a) != region_words(b)


def test_pressure_time_and_clock_words() -> None:
    assert pressure_words(Pressure.MEDIUM) == "medium (3)"
    assert minutes_words(Duration.parse("1m30s")) == "1 min 30 s"
    assert minutes_words(Duration.parse("1h")) == "60 min"
    assert minutes_words(Duration.parse("0.5s")) == "0.5 s"
    assert minutes_words(Duration.parse("15s")) == "15 s"
    assert clock(0) == "0:00"
    assert clock(Duration.parse("41m").milliseconds) == "41:00"
    assert clock(Duration.parse("1h2m5s").milliseconds) == "1:02:05"


def _xml_can_hold(c: str) -> bool:
    n = ord(c)
    if c in "\t\n\r":
        return True
    return (0x20 <= n <= 0xD7FF and n != 0x7F) or 0xE000 <= n <= 0xFFFD or n > 0xFFFF


@given(st.text())
def test_escaped_text_is_xml_that_reads_back_as_the_text(text: str) -> None:
    element = ET.fromstring(f'<p title="{xml_text(text)}">{xml_text(text)}</p>')
    # what XML cannot hold is replaced (never dropped); XML itself normalises line ends
    expected = "".join(c if _xml_can_hold(c) else "\ufffd" for c in text)
    expected = expected.replace("\r\n", "\n").replace("\r", "\n")
    assert (element.text or "") == expected
    assert element.get("title") == expected.replace("\n", " ").replace("\t", " ")


@given(st.text())
def test_markdown_text_is_one_line_without_markup(text: str) -> None:
    out = markdown_text(text)
    assert "\n" not in out
    assert "<" not in out
    # every | is escaped, so a table cell cannot be split
    assert all(out[i - 1] == "\\" for i, c in enumerate(out) if c == "|")
