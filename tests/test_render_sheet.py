"""The sheet, the body map and the chart as a program reads them back (the browser test shows
them to a real browser): every step, every region, escaping, the banner, the encodings."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING

import pytest
from hypothesis import given, settings

from massage_routines import (
    Routine,
    build_registry,
    default_registry,
    read_plan_file,
    render_html,
    render_markdown,
    render_svg,
    validate,
)
from massage_routines.model.regions import overlaps
from massage_routines.plugins import hookimpl
from massage_routines.plugins.records import RegionSpec
from massage_routines.render import palette
from massage_routines.render.advice import Advice
from massage_routines.render.shapes import SHAPES, Shape, rect
from massage_routines.techniques.advice import ADVICE as GENERAL_ADVICE
from massage_routines.validation.engine import validate_read
from tests.conftest import EXAMPLES
from tests.render_helpers import (
    SVG,
    drawn_regions,
    parse_sheet,
    svg_elements,
    unshaped_regions,
)
from tests.strategies import routines

if TYPE_CHECKING:
    from pathlib import Path

    from massage_routines.findings import Report

PLANS = sorted((EXAMPLES / "plans").glob("*.yaml"))
INVALID = sorted((EXAMPLES / "invalid").glob("*.yaml"))


def _read(path: Path) -> tuple[Routine, Report]:
    result = read_plan_file(path)
    assert result.routine is not None
    return result.routine, validate_read(result, default_registry())


@pytest.mark.parametrize("path", PLANS, ids=lambda p: p.stem)
def test_every_step_is_in_the_timeline_in_order(path: Path) -> None:
    routine, report = _read(path)
    sheet = parse_sheet(render_html(routine, report))
    assert len(sheet.rows) == len(routine.steps)
    assert sheet.row_regions == [step.region.name for step in routine.steps]
    for row, step in zip(sheet.rows, routine.steps, strict=True):
        assert step.technique.replace("_", " ") in row
        assert any(f"({int(step.pressure)})" in cell for cell in row)
    assert not sheet.banner
    assert sheet.scripts == 0 and sheet.fetches == []


@pytest.mark.parametrize("path", PLANS, ids=lambda p: p.stem)
def test_the_body_map_has_a_shape_for_every_region_of_the_tree(path: Path) -> None:
    routine, report = _read(path)
    page = render_html(routine, report)
    drawn = drawn_regions(svg_elements(page, "body-map"))
    tree = default_registry().regions
    assert {name for name in tree if drawn.get(name, 0) == 0} == set()
    svg_elements(page, "pressure-chart")  # parses too


def test_a_plan_that_fails_the_check_gets_the_banner_and_is_still_drawn() -> None:
    routine, report = _read(EXAMPLES / "invalid" / "flag-touched.yaml")
    page = render_html(routine, report)
    sheet = parse_sheet(page)
    assert sheet.banner
    assert "Not safe as written" in page and "F001" in page
    assert len(sheet.rows) == len(routine.steps)
    # the flagged lower back is hatched on the body map
    svg = svg_elements(page, "body-map")
    hatched = {
        g.get("data-region")
        for g in svg.iter(f"{SVG}g")
        if any(e.get("class") == "avoided" for e in g)
    }
    assert "back.lower" in hatched and "back.upper" not in hatched


def test_a_routine_built_in_code_is_checked_when_no_report_is_given() -> None:
    routine, _ = _read(EXAMPLES / "invalid" / "flag-touched.yaml")
    assert parse_sheet(render_html(routine)).banner
    assert "NOT SAFE AS WRITTEN" in render_markdown(routine)
    assert "NOT SAFE AS WRITTEN" in render_svg(routine)
    valid, _ = _read(EXAMPLES / "plans" / "swedish-back.yaml")
    assert not parse_sheet(render_html(valid)).banner
    assert "NOT SAFE" not in render_markdown(valid) + render_svg(valid)


def test_plan_text_is_escaped_everywhere() -> None:
    routine, _ = _read(EXAMPLES / "plans" / "swedish-back.yaml")
    evil = "<script>alert(1)</script> & | ]]>"
    step = routine.steps[0].__class__(
        routine.steps[0].technique,
        routine.steps[0].region,
        routine.steps[0].pressure,
        routine.steps[0].duration,
        notes=evil,
    )
    hostile = Routine(evil, routine.style, (step, *routine.steps[1:]), routine.position)
    page = render_html(hostile)
    assert "<script>" not in page and parse_sheet(page).scripts == 0
    assert "&lt;script&gt;" in page
    ET.fromstring(render_svg(hostile).split("\n", 1)[1])  # the name is in the SVG, escaped
    assert "<script>" not in render_markdown(hostile)


def test_the_advice_given_is_the_advice_shown() -> None:
    routine, _ = _read(EXAMPLES / "plans" / "swedish-back.yaml")
    page = render_html(routine)
    assert all(a.text in page for a in GENERAL_ADVICE)
    own = (Advice("after", "Sit up slowly.", source="hypertension"),)
    page = render_html(routine, advice=own)
    assert "Sit up slowly." in page and "Preparation and aftercare" in page
    assert GENERAL_ADVICE[0].text not in page


class _RegionPlugin:
    @hookimpl
    def massage_regions(self) -> list[RegionSpec]:
        return [RegionSpec("back.upper.rhomboids", "between the shoulder blades")]


def test_a_region_with_no_shape_is_listed_beside_the_figure_and_a_plugin_shape_is_drawn() -> None:
    registry = build_registry([("rhomboids", _RegionPlugin())], select="all")
    assert "back.upper.rhomboids" in registry.regions
    routine, _ = _read(EXAMPLES / "plans" / "swedish-back.yaml")
    svg = svg_elements(render_html(routine, registry=registry), "body-map")
    assert unshaped_regions(svg) == {"back.upper.rhomboids"}
    extra = {"back.upper.rhomboids": (rect("back", 90, 80, 20, 20),)}
    svg = svg_elements(render_html(routine, registry=registry, shapes=extra), "body-map")
    assert unshaped_regions(svg) == set()
    assert drawn_regions(svg)["back.upper.rhomboids"] == 1


def _fill_and_label(svg: ET.Element, region: str) -> tuple[str, str | None]:
    for group in svg.iter(f"{SVG}g"):
        if group.get("data-region") == region:
            shape = next(e for e in group if e.tag in (f"{SVG}rect", f"{SVG}ellipse"))
            return str(shape.get("fill")), group.findtext(f"{SVG}title")
    raise AssertionError(f"{region} is not drawn")


@settings(max_examples=40)
@given(routines)
def test_shading_and_numbers_follow_the_steps(routine: Routine) -> None:
    page = render_html(routine)
    sheet = parse_sheet(page)
    assert len(sheet.rows) == len(routine.steps)
    assert sheet.banner == (not validate(routine).valid)
    svg = svg_elements(page, "body-map")
    drawn = drawn_regions(svg)
    tree = default_registry().regions
    assert all(drawn.get(name, 0) > 0 for name in tree)
    listed = unshaped_regions(svg)
    for step in routine.steps:  # every step's region is drawn or listed, never dropped
        assert step.region.name in drawn or step.region.name in listed
    times = {
        leaf: sum(s.duration.milliseconds for s in routine.steps if overlaps(s.region.name, leaf))
        for leaf in SHAPES
    }
    longest = max(times.values())
    for leaf, time in times.items():
        fill, _ = _fill_and_label(svg, leaf)
        if time == 0:
            assert fill == palette.UNWORKED
        elif time == longest:
            assert fill == palette.TIME_SCALE[-1]
        else:
            assert fill in palette.TIME_SCALE
    labels = {(e.get("x"), e.get("y")): e.text for e in svg.iter(f"{SVG}text")}
    assert labels  # the side marks at least
    for leaf in SHAPES:
        top = max(
            (int(s.pressure) for s in routine.steps if overlaps(s.region.name, leaf)),
            default=None,
        )
        _, title = _fill_and_label(svg, leaf)
        assert title is not None
        assert (f"up to pressure {top}" in title) == (top is not None)


def test_shapes_of_the_two_sides_mirror_each_other() -> None:
    for name, shapes in SHAPES.items():
        if ".left" in name:
            right = SHAPES[name.replace(".left", ".right")]
            assert tuple(s.mirrored() for s in right) == shapes
    assert Shape("front", "rect", (10, 0, 20, 5, 0)).mirrored().numbers[0] == 170
