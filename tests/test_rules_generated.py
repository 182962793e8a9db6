"""The benchmark's generated plans (tests/support/gen_plans.py, copied from shared/peers/): every
good plan passes with no error (warnings allowed: they keep the endangerment-site reminder),
every bad plan fails.

The generator writes plans that follow every rule of domain.md; the bad plans are the contract's
example with one fault each.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

import pytest

from massage_routines.validation.engine import validate_file
from tests.strategies_rules import registry
from tests.support import gen_plans

if TYPE_CHECKING:
    from pathlib import Path


@pytest.fixture(scope="module")
def suite(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("plans")
    gen_plans.write_suite(out)
    return out


def _good(suite: Path) -> list[Path]:
    return [
        suite / "typical.yaml",
        suite / "steps-200.yaml",
        suite / "steps-2000.yaml",
        suite / "bad" / "good-contract-example.yaml",
        *sorted((suite / "batch").glob("*.yaml")),
    ]


def test_every_good_plan_has_no_error(suite: Path) -> None:
    paths = _good(suite)
    assert len(paths) == 1004
    warnings: Counter[str] = Counter()
    failures = []
    for path in paths:
        report = validate_file(path, registry())
        if report.errors:
            failures.append((path.name, [(f.code, f.path, f.message) for f in report.errors]))
        warnings.update(f.code for f in report.warnings)
    assert failures == []
    # The reminder about a site inside a larger region is the one warning the generator keeps.
    assert warnings["E003"] > 0
    assert set(warnings) <= {"E003", "C007", "S004"}, warnings


def test_the_contract_example_is_clean(suite: Path) -> None:
    report = validate_file(suite / "bad" / "good-contract-example.yaml", registry())
    # Its cleared hypertension keeps the reminder to let the client rise slowly.
    assert [(f.code, f.path) for f in report.findings] == [("C007", "client.conditions[2]")]


#: bad plan → the code that must catch it (each has exactly one fault).
BAD = {
    "bad-flag-exact.yaml": "F001",
    "bad-flag-ancestor.yaml": "F001",
    "bad-flag-descendant.yaml": "F001",
    "bad-unknown-technique.yaml": "V002",
    "bad-bare-duration.yaml": "R105",
    "bad-duplicate-key.yaml": "R006",
    "bad-unknown-region.yaml": "V003",
    "bad-pressure-range.yaml": "R104",
    "bad-pressure-yes.yaml": "R104",
    "bad-sexagesimal-duration.yaml": "R105",
    "bad-zero-duration.yaml": "R105",
    "bad-unknown-key.yaml": "R101",
    "bad-unknown-condition.yaml": "V004",
    "bad-no-steps.yaml": "R108",
    "bad-osteoporosis-tapotement.yaml": "C004",
}


def test_every_bad_plan_has_an_error(suite: Path) -> None:
    names = sorted(p.name for p in (suite / "bad").glob("bad-*.yaml"))
    assert names == sorted(BAD)
    for name in names:
        report = validate_file(suite / "bad" / name, registry())
        assert not report.valid, name
        assert BAD[name] in {f.code for f in report.errors}, (name, report.findings)


def test_flag_plans_name_the_flag(suite: Path) -> None:
    report = validate_file(suite / "bad" / "bad-flag-ancestor.yaml", registry())
    (finding,) = report.errors
    assert finding.path == "steps[2].region"
    assert "shoulder.left" in finding.message and "client.flags[0]" in finding.message


def test_osteoporosis_tapotement_is_the_ban(suite: Path) -> None:
    report = validate_file(suite / "bad" / "bad-osteoporosis-tapotement.yaml", registry())
    (finding,) = report.errors
    assert (finding.code, finding.path) == ("C004", "steps[2].technique")
    assert "osteoporosis" in finding.message and "percussion" in finding.message
