"""Every code of the built-in rules: its failing example gives it (with this severity, path, line
and column), and its near-identical passing example does not.

The examples are the ``fails`` and ``passes`` plans of each rule's CodeSpec, the very ones that
``massage-routines explain`` and docs/rules.md show, so what the docs promise is tested here.
"""

from __future__ import annotations

import difflib
import re

import pytest
import yaml

from massage_routines.findings import Report, Severity
from massage_routines.validation.rules import RULES, massage_rules
from tests.strategies_rules import check, only, registry

SPECS = {spec.code: spec for rule in RULES for spec in rule.codes}

#: code → (severity, path, line, column) of its first finding on the failing example.
EXPECTED = {
    "V001": ("error", "style", 2, 8),
    "V002": ("error", "steps[0].technique", 5, 16),
    "V003": ("error", "steps[1].region", 10, 13),
    "V004": ("error", "client.conditions[0]", 6, 7),
    "V005": ("error", "client.conditions[0]", 6, 7),
    "V006": ("error", "client.conditions[0]", 6, 7),
    "V007": ("error", "steps[0]", 4, 5),
    "V008": ("error", "position", 3, 11),
    "F001": ("error", "steps[1].region", 13, 13),
    "C001": ("error", "client.conditions[0]", 6, 7),
    "C002": ("error", "steps[1].region", 14, 13),
    "C003": ("error", "steps[1].pressure", 14, 15),
    "C004": ("error", "steps[2].technique", 16, 16),
    "C005": ("error", "position", 3, 11),
    "C006": ("error", "client.conditions[0]", 6, 7),
    "C007": ("warning", "client.conditions[0]", 6, 7),
    "C008": ("warning", "position", 3, 11),
    "C009": ("warning", "steps[1].technique", 13, 16),
    "C010": ("error", "steps[1].pressure", 13, 15),
    "E001": ("error", "steps[1].pressure", 11, 15),
    "E002": ("error", "steps[1].technique", 9, 16),
    "E003": ("warning", "steps[1].region", 10, 13),
    "T001": ("error", "steps[1].pressure", 11, 15),
    "T002": ("error", "steps[2].position", 17, 15),
    "T003": ("error", "steps[2].technique", 13, 16),
    "T004": ("warning", "steps[2].region", 14, 13),
    "T005": ("warning", "steps[0].duration", 8, 15),
    "S001": ("error", "position", 3, 11),
    "S002": ("error", "steps[1].region", 10, 13),
    "S003": ("warning", "steps[1].technique", 9, 16),
    "S004": ("warning", "steps", 5, 3),
    "S005": ("warning", "duration", 4, 11),
    "S006": ("error", "steps[1].region", 10, 13),
    "S007": ("error", "steps[2].pressure", 15, 15),
    "P001": ("error", "steps[1].pressure", 11, 15),
    "P002": ("warning", "steps[1].pressure", 11, 15),
    "K001": ("warning", "steps[0]", 5, 5),
    "K002": ("warning", "steps[2]", 13, 5),
    "K003": ("warning", "steps[1].pressure", 11, 15),
    "K004": ("warning", "steps[1].pressure", 11, 15),
    "K005": ("warning", "steps[1].technique", 9, 16),
    "K006": ("warning", "steps[2]", 13, 5),
    "K007": ("warning", "steps[1].region", 10, 13),
    "K008": ("warning", "steps[2]", 14, 5),
}


def _check(code: str, text: str) -> Report:
    """The craft codes (K) are off by default: their examples are checked with them on."""
    return check(text, craft=code.startswith("K"))


#: Codes whose failing example also gives other codes, and which (the data makes them go together:
#: every site that forbids tapotement is also on tapotement's never-on list; every self-massage
#: technique tops out where the style does).
ALSO = {"E002": {"T003"}, "S007": {"T001"}}


def test_the_codes_are_exactly_the_stable_ones() -> None:
    assert sorted(SPECS) == sorted(EXPECTED)
    assert len(SPECS) == sum(len(rule.codes) for rule in RULES), "a code is declared twice"


def test_the_plugin_hook_returns_every_rule() -> None:
    assert [r.name for r in massage_rules()] == [r.name for r in RULES]
    builtin = [r.name for r in registry().rules if _builtin(r.name)]
    assert builtin == [r.name for r in RULES]


def _builtin(rule: str) -> bool:
    info = registry().provider("rule", rule)
    return info is not None and info.builtin


@pytest.mark.parametrize("code", sorted(EXPECTED))
def test_failing_example_gives_the_code_at_its_place(code: str) -> None:
    spec = SPECS[code]
    severity, path, line, column = EXPECTED[code]
    report = _check(code, spec.fails)
    found = only(report, code)
    assert found, f"{code}'s failing example does not give it: {report.findings}"
    first = found[0]
    assert (first.severity.value, first.path, first.line, first.column) == (
        severity,
        path,
        line,
        column,
    )
    assert first.severity is spec.severity
    assert first.message and code not in first.message
    others = {f.code for f in report.findings} - {code}
    assert others == ALSO.get(code, set()), f"{code}'s failing example also gives {others}"
    assert report.valid is (spec.severity is Severity.WARNING)


@pytest.mark.parametrize("code", sorted(EXPECTED))
def test_passing_example_is_clean(code: str) -> None:
    report = _check(code, SPECS[code].passes)
    assert report.findings == (), report.findings


@pytest.mark.parametrize("code", sorted(EXPECTED))
def test_examples_are_near_identical(code: str) -> None:
    """The passing plan differs from the failing one in a line or two: it shows the fix."""
    spec = SPECS[code]
    diff = [
        line
        for line in difflib.unified_diff(spec.fails.splitlines(), spec.passes.splitlines(), n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]
    assert 1 <= len(diff) <= 4, diff


@pytest.mark.parametrize("code", sorted(EXPECTED))
def test_examples_are_complete_plans_in_yaml(code: str) -> None:
    spec = SPECS[code]
    for text in (spec.fails, spec.passes):
        plan = yaml.safe_load(text)
        assert {"name", "style", "steps"} <= set(plan)
        assert text.endswith("\n")


@pytest.mark.parametrize("code", sorted(EXPECTED))
def test_code_spec_is_documented(code: str) -> None:
    spec = SPECS[code]
    assert re.fullmatch(r"[a-z]+(-[a-z]+)*", spec.name)
    assert spec.summary.endswith(".")
    assert re.search(r"domain\.md sections? \d|plan-format\.md", spec.why), spec.why


def test_code_names_are_unique() -> None:
    names = [spec.name for spec in SPECS.values()]
    assert len(names) == len(set(names))


@pytest.mark.parametrize("code", sorted(c for c in EXPECTED if c.startswith("K")))
def test_craft_findings_are_off_by_default(code: str) -> None:
    assert only(check(SPECS[code].fails), code) == []
