"""Shared helpers of the rule tests: the registry, checking plan text, and Hypothesis strategies.

The registry is the installed built-in plugins (``build_registry(select="all")``): the tests check
the rules against the real data of ``massage_routines/techniques``. The strategies build on
:mod:`massage_routines.testing`, whose routines keep to their techniques' and styles' records, so
what the properties find is the business of the safety rules under test.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from hypothesis import strategies as st

from massage_routines import testing
from massage_routines.model.client import Client, Condition, Flag
from massage_routines.model.pressure import Pressure
from massage_routines.plugins.registry import Registry, build_registry
from massage_routines.validation.engine import validate, validate_text

if TYPE_CHECKING:
    from collections.abc import Iterable

    from hypothesis.strategies import SearchStrategy

    from massage_routines.findings import Finding, Report
    from massage_routines.model.routine import Routine

#: The caps of the cap family: a condition's, the client's own, an endangerment site's.
CAP_CODES = frozenset({"C003", "C010", "E001"})


@functools.cache
def registry() -> Registry:
    """The installed plugins, built-in ones included; they must load cleanly."""
    built = build_registry(select="all")
    assert not built.problems, built.problems
    assert built.techniques and built.conditions and built.rules, "the built-in data is missing"
    return built


def registry_with(*plugins: tuple[str, object]) -> Registry:
    """The installed plugins plus ``plugins`` (each ``(name, plugin object)``)."""
    return build_registry(list(plugins), select="all")


def check(text: str, reg: Registry | None = None, *, craft: bool = False) -> Report:
    """Validate plan text (with the craft findings too when ``craft``)."""
    return validate_text(text, reg or registry(), craft=craft)


def check_routine(routine: Routine, reg: Registry | None = None) -> Report:
    """Validate a routine built in code."""
    return validate(routine, reg or registry())


def codes_of(findings: Iterable[Finding]) -> set[str]:
    return {f.code for f in findings}


def error_codes(report: Report) -> set[str]:
    return {f.code for f in report.errors}


def only(report: Report, code: str) -> list[Finding]:
    """The findings of one code."""
    return [f for f in report.findings if f.code == code]


# ---------------------------------------------------------------- strategies


def region_names() -> list[str]:
    return list(registry().regions)


def routines(
    *, client: SearchStrategy[Client | None] | None = None, max_steps: int = 8
) -> SearchStrategy[Routine]:
    """Routines of every style, whose steps keep to their technique's and style's records."""
    return testing.routines(
        registry(), client=client if client is not None else st.none(), max_steps=max_steps
    )


def clients(max_flags: int = 2) -> SearchStrategy[Client]:
    return testing.clients(registry(), max_flags=max_flags)


def flags() -> SearchStrategy[Flag]:
    return testing.regions(registry()).map(Flag)


@st.composite
def conditions(draw: st.DrawFn) -> Condition:
    """One known condition with the details its record takes (region, trimester, cleared)."""
    client = draw(testing.clients(registry(), min_conditions=1, max_conditions=1, max_flags=0))
    return client.conditions[0]


def lowered(pressure: Pressure, by: int) -> Pressure:
    return Pressure(max(0, int(pressure) - by))
