"""The HTML sheet in a real browser (headless Chromium), as a person would see it.

Every example plan (valid and invalid) and a plan composed for every example client is
rendered, loaded, and checked after load: no console error, no failed load, every step in the
table, a body map that parses with a shape for every region of the tree, the banner exactly on
plans that fail the check, and a layout that fits the printable width of A4 (and so Letter).
Two sheets are also screenshot. Without Chromium: a failure under CI, a skip elsewhere.
"""

from __future__ import annotations

import struct
from typing import TYPE_CHECKING

import pytest

from massage_routines import (
    ComposeError,
    ComposeRequest,
    Duration,
    Routine,
    compose,
    default_registry,
    read_plan_file,
    render_html,
    validate,
)
from massage_routines.planfile.reader import read_client_file
from massage_routines.validation.engine import validate_read
from tests.browser import Browser, require_chromium
from tests.conftest import EXAMPLES, run_cli
from tests.render_helpers import SVG, drawn_regions, parse_sheet, svg_elements

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from massage_routines import Report

#: The printable width of A4 with the sheet's 12 mm margins, in CSS pixels (96 per inch);
#: Letter's is wider (192 mm), so a sheet that fits A4 fits Letter.
A4_PRINTABLE_PX = int((210 - 2 * 12) / 25.4 * 96)


def _sheets() -> list[tuple[str, Routine, Report]]:
    registry = default_registry()
    out = []
    for path in sorted((EXAMPLES / "plans").glob("*.yaml")) + sorted(
        (EXAMPLES / "invalid").glob("*.yaml")
    ):
        result = read_plan_file(path)
        if result.routine is not None:  # files that are no plan are not rendered (CLI test)
            out.append((path.stem, result.routine, validate_read(result, registry)))
    base = read_plan_file(EXAMPLES / "plans" / "swedish-back.yaml").routine
    assert base is not None
    for path in sorted((EXAMPLES / "clients").glob("*.yaml")):
        client = read_client_file(path).client
        try:
            routine = compose(ComposeRequest("swedish", Duration.parse("1h"), client=client))
        except ComposeError:  # no safe plan (fever): a plan with this client must be refused
            routine = Routine(base.name, base.style, base.steps, base.position, client=client)
            assert not validate(routine).valid
        out.append((f"client-{path.stem}", routine, validate(routine)))
    return out


SHEETS = _sheets()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    chromium = Browser(require_chromium())
    yield chromium
    chromium.close()


@pytest.mark.parametrize(("name", "routine", "report"), SHEETS, ids=[s[0] for s in SHEETS])
def test_the_sheet_reads_right_in_a_browser(
    browser: Browser, tmp_path: Path, name: str, routine: Routine, report: Report
) -> None:
    page = tmp_path / f"{name}.html"
    page.write_text(render_html(routine, report, source=f"{name}.yaml"), encoding="utf-8")
    loaded = browser.open(page.as_uri())
    assert loaded.console == []
    sheet = parse_sheet(loaded.dom)
    assert sheet.row_regions == [step.region.name for step in routine.steps]
    assert sheet.banner == (not report.valid)
    assert sheet.scripts == 0 and sheet.fetches == []
    drawn = drawn_regions(svg_elements(loaded.dom, "body-map"))
    assert [r for r in default_registry().regions if not drawn.get(r)] == []
    chart = svg_elements(loaded.dom, "pressure-chart")
    bars = [e for e in chart.iter(f"{SVG}rect") if e.get("class") == "bar"]
    assert len(bars) == len(routine.steps)
    browser.layout(A4_PRINTABLE_PX, media="print")
    widths = browser.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] <= widths[1], f"the printed sheet is wider than A4's printable width: {widths}"


def test_the_browser_check_sees_console_errors(browser: Browser, tmp_path: Path) -> None:
    page = tmp_path / "broken.html"
    page.write_text(
        '<!DOCTYPE html><p>x</p><img src="missing.png"><script>console.error("boom")</script>',
        encoding="utf-8",
    )
    console = browser.open(page.as_uri()).console
    assert any("boom" in line for line in console)
    assert any("missing.png" in line or "Failed to load" in line for line in console)


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


@pytest.mark.parametrize("plan", ["plans/swedish-back.yaml", "invalid/flag-touched.yaml"])
def test_a_screenshot_of_the_sheet_written_by_the_command(
    browser: Browser, tmp_path: Path, plan: str
) -> None:
    sheet = tmp_path / "sheet.html"
    done = run_cli("render", str(EXAMPLES / plan), "-o", str(sheet))
    assert done.returncode in (0, 1) and sheet.exists(), done.stderr
    loaded = browser.open(sheet.as_uri())
    assert loaded.console == []
    shot = tmp_path / "sheet.png"
    width, height = browser.screenshot(str(shot), width=900)
    assert _png_size(shot) == (width, height)
    assert height > 1200  # the whole sheet, not an empty page
    assert shot.stat().st_size > 40_000  # a page with text and pictures, not a blank one
    assert parse_sheet(loaded.dom).banner == ("invalid" in plan)
