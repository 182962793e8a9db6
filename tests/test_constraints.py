"""The declared lower bounds are the tested ones: constraints/lowest.txt (what .ci/run's second
test run installs) pins each dependency to exactly the lower bound pyproject.toml declares."""

from __future__ import annotations

import re
import tomllib

from tests.conftest import ROOT

CONSTRAINTS = ROOT / "constraints"
#: ``name>=version`` at the start of a requirement (extras and markers are not used here).
LOWER_BOUND = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*>=\s*([0-9][^,;\s]*)")


def normal(name: str) -> str:
    """A distribution name as pip compares them (PEP 503)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(path: str) -> dict[str, str]:
    """``name==version`` lines of a constraints file, by normalised name."""
    found: dict[str, str] = {}
    for text in (CONSTRAINTS / path).read_text(encoding="utf-8").splitlines():
        line = text.split("#", 1)[0].strip()
        if line:
            name, version = line.split("==")
            found[normal(name)] = version.strip()
    return found


def bounds(requirements: list[str]) -> dict[str, str | None]:
    """Each requirement's lower bound (``None`` when it declares none)."""
    found: dict[str, str | None] = {}
    for requirement in requirements:
        match = LOWER_BOUND.match(requirement)
        name = match.group(1) if match else re.split(r"[^A-Za-z0-9._-]", requirement.strip())[0]
        found[normal(name)] = match.group(2) if match else None
    return found


PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
RUNTIME = bounds(PROJECT["dependencies"])
DEV = bounds(PROJECT["optional-dependencies"]["dev"])
LOWEST = pins("lowest.txt")


def test_every_runtime_dependency_is_tested_at_its_declared_lower_bound() -> None:
    assert RUNTIME, "pyproject.toml declares no dependencies"
    assert {name: LOWEST.get(name) for name in RUNTIME} == RUNTIME


def test_the_test_tools_are_tested_at_their_declared_lower_bounds() -> None:
    for tool in ("pytest", "hypothesis", "pytest-cov", "hatchling"):
        assert DEV[tool] is not None, f"the dev extra gives {tool} no lower bound"
        assert LOWEST.get(tool) == DEV[tool], tool


def test_every_pin_is_a_declared_lower_bound() -> None:
    declared = {**DEV, **RUNTIME}
    assert {name: declared.get(name) for name in LOWEST} == LOWEST


def test_the_known_good_set_pins_every_dependency() -> None:
    known = pins("newest-known-good.txt")
    assert set(RUNTIME) | set(DEV) <= set(known)
