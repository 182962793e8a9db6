"""Helpers for testing plugins: hypothesis strategies over a registry, and coherence checks.

For plugin authors (and the library's own tests)::

    from hypothesis import given
    from massage_routines.testing import check_plugin, registry_with, routines
    from massage_routines.validation.engine import validate

    import my_plugin

    REGISTRY = registry_with(my_plugin, "my_plugin")

    def test_coherent():
        assert check_plugin(my_plugin) == []

    @given(routines(REGISTRY, style="my_style"))
    def test_no_rule_crashes(routine):
        assert "X002" not in validate(routine, REGISTRY).codes()

The strategies (:mod:`massage_routines.testing.strategies`) import :mod:`hypothesis`, a test
dependency: nothing else in the library imports this package. The checks
(:mod:`massage_routines.testing.checks`) are the registry's own coherence checker.
"""

from __future__ import annotations

from massage_routines.testing.checks import (
    check_examples,
    check_plugin,
    check_records,
    registry_with,
)
from massage_routines.testing.strategies import (
    clients,
    durations,
    pressures,
    regions,
    routines,
    steps,
)

__all__ = [
    "check_examples",
    "check_plugin",
    "check_records",
    "clients",
    "durations",
    "pressures",
    "regions",
    "registry_with",
    "routines",
    "steps",
]
