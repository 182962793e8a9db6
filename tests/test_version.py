"""The version is written in one place, ``massage_routines.__version__``, and costs nothing."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import massage_routines

ROOT = Path(__file__).resolve().parents[1]


def test_version_is_written_once() -> None:
    """pyproject.toml declares the version dynamic and tells hatchling where to read it."""
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in pyproject["project"]
    assert "version" in pyproject["project"]["dynamic"]
    path = ROOT / pyproject["tool"]["hatch"]["version"]["path"]
    assert path.resolve() == Path(massage_routines.__file__).resolve()
    written = re.findall(r'^__version__ = "([^"]+)"$', path.read_text(encoding="utf-8"), re.M)
    assert written == [massage_routines.__version__]
    assert re.fullmatch(r"\d+\.\d+\.\d+(\.dev\d+|(a|b|rc)\d+)?", massage_routines.__version__)


def test_version_costs_no_metadata_lookup() -> None:
    """Reading ``__version__`` imports neither importlib.metadata nor any submodule."""
    code = (
        "import sys, massage_routines as m; v = m.__version__; "
        "print(sorted(n for n in sys.modules if n.startswith(('importlib.metadata', "
        "'massage_routines.'))))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"
