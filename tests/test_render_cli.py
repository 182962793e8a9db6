"""``render`` on the command line: formats, output files, exit statuses, and start-up."""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from tests.conftest import EXAMPLES, ROOT, run_cli
from tests.render_helpers import parse_sheet

SWEDISH = str(EXAMPLES / "plans" / "swedish-back.yaml")
FLAGGED = str(EXAMPLES / "invalid" / "flag-touched.yaml")


def test_html_goes_to_stdout_by_default_and_with_dash() -> None:
    for extra in ((), ("-o", "-")):
        done = run_cli("render", SWEDISH, *extra)
        assert done.returncode == 0, done.stderr
        assert done.stdout.startswith("<!DOCTYPE html>")
        assert len(parse_sheet(done.stdout).rows) == 11


def test_writes_a_file_and_replaces_it_only_with_force(tmp_path: Path) -> None:
    out = tmp_path / "sheet.html"
    done = run_cli("render", SWEDISH, "-o", str(out))
    assert done.returncode == 0 and "wrote" in done.stderr
    first = out.read_text(encoding="utf-8")
    assert "Swedish back, neck and shoulders" in first
    again = run_cli("render", SWEDISH, "--format", "markdown", "-o", str(out))
    assert again.returncode == 2 and "--force" in again.stderr
    assert out.read_text(encoding="utf-8") == first
    forced = run_cli("render", SWEDISH, "--format", "markdown", "-o", str(out), "--force")
    assert forced.returncode == 0
    assert out.read_text(encoding="utf-8").startswith("# Swedish back")
    assert [p.name for p in tmp_path.iterdir()] == ["sheet.html"]  # no temporary left


def test_markdown_and_svg_formats() -> None:
    md = run_cli("render", SWEDISH, "--format", "markdown")
    assert md.returncode == 0
    assert md.stdout.count("\n| ") == 11 + 1  # the header and a row per step
    svg = run_cli("render", SWEDISH, "--format", "svg")
    assert svg.returncode == 0
    root = ET.fromstring(svg.stdout.split("\n", 1)[1])
    assert root.tag == "{http://www.w3.org/2000/svg}svg"


def test_a_plan_that_fails_the_check_is_rendered_with_the_banner_and_exits_1() -> None:
    done = run_cli("render", FLAGGED)
    assert done.returncode == 1
    assert parse_sheet(done.stdout).banner
    assert "not safe as written" in done.stderr


def test_a_file_that_is_no_plan_exits_1_with_its_findings_and_writes_nothing(
    tmp_path: Path,
) -> None:
    out = tmp_path / "sheet.html"
    done = run_cli("render", str(EXAMPLES / "invalid" / "not-yaml.yaml"), "-o", str(out))
    assert done.returncode == 1
    assert "not-yaml.yaml:3:6: error R004" in done.stderr
    assert not out.exists()


def test_a_missing_file_is_a_usage_error() -> None:
    done = run_cli("render", "no/such/plan.yaml")
    assert done.returncode == 2
    assert "cannot read" in done.stderr and "Traceback" not in done.stderr


def test_stdin() -> None:
    done = run_cli("render", "-", "--format", "markdown", stdin=Path(SWEDISH).read_bytes())
    assert done.returncode == 0 and "| 11 |" in done.stdout


def _loaded_after(*argv: str) -> tuple[list[str], str]:
    """The massage_routines.render modules in sys.modules after ``main(argv)``, and the
    ``-X importtime`` report of the run."""
    import subprocess

    probe = (
        "import sys\n"
        "from massage_routines.cli.main import main\n"
        f"main({list(argv)!r})\n"
        "names = [m for m in sys.modules if m.startswith('massage_routines.render')]\n"
        "print('RENDER', sorted(names))\n"
    )
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", probe],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
        timeout=120,
    )
    line = next(x for x in done.stdout.splitlines() if x.startswith("RENDER "))
    return eval(line.removeprefix("RENDER ")), done.stderr


def test_validate_does_not_import_render() -> None:
    loaded, importtime = _loaded_after("validate", SWEDISH)
    assert loaded == []
    assert "massage_routines.validation" in importtime  # importtime did list the imports
    assert "massage_routines.render" not in importtime
    # the probe does see render where it is loaded
    loaded, importtime = _loaded_after("render", SWEDISH, "--format", "markdown")
    assert "massage_routines.render" in loaded
    assert "massage_routines.render" in importtime


def test_the_readme_shows_a_rendered_sheet_that_is_small() -> None:
    import re

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    pictures = re.findall(r"!\[[^\]]*\]\((docs/images/[^)]+\.png)\)", readme)
    assert pictures
    for picture in pictures:
        data = (ROOT / picture).read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) < 300_000
