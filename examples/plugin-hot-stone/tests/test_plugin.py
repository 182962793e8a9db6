"""Tests of the hot stone plugin, with the helpers massage_routines gives plugin authors.

Run them from the plugin's directory (``pytest``): ``pyproject.toml`` puts ``src`` on the path,
or install the package first (``pip install -e '.[test]'``).
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from massage_hot_stone import plugin

from massage_routines.model.regions import overlaps
from massage_routines.testing import check_plugin, clients, registry_with, routines
from massage_routines.validation.engine import validate

#: The installed plugins (the built-in ones among them) plus this one, loaded once.
REGISTRY = registry_with(plugin, "hot_stone")
PROPERTY = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

needs_rules = pytest.mark.skipif(
    not REGISTRY.rules, reason="massage_routines has no validation rules loaded"
)


def test_the_plugin_is_coherent_with_the_installed_plugins():
    assert check_plugin(plugin) == []


def test_the_registry_holds_the_plugin_without_problems():
    assert REGISTRY.problems == ()
    assert "hot_stone" in REGISTRY.techniques
    assert "hot_stone" in REGISTRY.styles
    assert "heat_sensitivity" in REGISTRY.conditions
    assert "back.upper.paraspinals" in REGISTRY.regions
    assert "heat" in REGISTRY.families
    provider = REGISTRY.provider("technique", "hot_stone")
    assert provider is not None and provider.name == "hot_stone"


@PROPERTY
@given(routines(REGISTRY, style="hot_stone", client=st.none()))
def test_no_rule_fails_on_a_hot_stone_routine(routine):
    report = validate(routine, REGISTRY)
    # X001: a plugin problem; X002: a rule raised on this plan. Neither may happen.
    assert not {"X001", "X002"} & set(report.codes())


@needs_rules
@PROPERTY
@given(
    routines(
        REGISTRY,
        style="hot_stone",
        client=clients(REGISTRY, conditions=["heat_sensitivity"], min_conditions=1, max_flags=0),
    )
)
def test_hot_stones_are_an_error_where_the_client_is_heat_sensitive(routine):
    condition = routine.client.conditions[0]
    where = condition.region.name if condition.region is not None else None
    report = validate(routine, REGISTRY)
    for i, step in enumerate(routine.steps):
        if step.technique == "hot_stone" and (where is None or overlaps(where, step.region.name)):
            assert not report.valid
            assert any(f.is_error and f.path.startswith(f"steps[{i}]") for f in report.findings), (
                f"hot_stone at steps[{i}] on {step.region} passed for heat_sensitivity on {where}"
            )
