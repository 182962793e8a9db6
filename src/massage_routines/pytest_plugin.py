"""Fixtures for testing a massage_routines plugin with pytest.

Turn it on in the plugin's ``tests/conftest.py`` (or with ``pytest -p
massage_routines.pytest_plugin``)::

    pytest_plugins = ["massage_routines.pytest_plugin"]

and name the plugin under test in ``pyproject.toml``::

    [tool.pytest.ini_options]
    massage_plugin = "massage_hot_stone.plugin"   # module, or module:attribute
    massage_plugin_name = "hot_stone"            # its entry point name

or per test with ``@pytest.mark.massage_plugin("massage_hot_stone.plugin", name="hot_stone")``,
or by overriding the :func:`massage_plugin` fixture (return ``(name, plugin object)``).

The fixtures:

``massage_registry``
    a registry of the built-in plugins plus only the plugin under test (another installed
    package cannot break the tests; an installed copy of the plugin itself is left out);
``validate_plan_text``
    ``validate_plan_text(text) -> Report``, checked against ``massage_registry``;
``compose_request``
    ``compose_request(style, duration, **request_fields) -> Routine``, composed with
    ``massage_registry`` (it raises :class:`~massage_routines.errors.ComposeError` when no safe
    routine exists).

The library also declares this module as a ``pytest11`` entry point (named like the module, so
``pytest_plugins`` and ``-p`` find it already loaded when pytest loads entry points). It only
adds fixtures, an ini option and a marker: nothing changes for a test that does not use them.
It imports nothing heavy until a fixture is used.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from collections.abc import Callable

    from massage_routines.findings import Report
    from massage_routines.model.routine import Routine
    from massage_routines.plugins.registry import Registry

_INI = "massage_plugin"
_INI_NAME = "massage_plugin_name"
_MARKER = "massage_plugin"
#: Registries already built, by plugin object identity and name (one per test session).
_BUILT: dict[tuple[int, str], Registry] = {}


def pytest_addoption(parser: pytest.Parser) -> None:
    """The ini options naming the plugin under test."""
    parser.addini(_INI, "the massage_routines plugin under test: 'module' or 'module:attribute'")
    parser.addini(_INI_NAME, "the entry point name of the plugin under test")


def pytest_configure(config: pytest.Config) -> None:
    """Declare the marker (so ``--strict-markers`` knows it)."""
    config.addinivalue_line(
        "markers",
        f"{_MARKER}(target, name=None): the massage_routines plugin under test "
        "('module' or 'module:attribute', or the plugin object)",
    )


def load_target(target: object) -> object:
    """The plugin a target names: ``"pkg.module"`` or ``"pkg.module:attr"`` (or an object)."""
    if not isinstance(target, str):
        return target
    module_name, _, attr = target.partition(":")
    module = importlib.import_module(module_name.strip())
    return getattr(module, attr.strip()) if attr.strip() else module


def _default_name(target: object, plugin: object) -> str:
    """The entry point name an installed copy of ``plugin`` has, else its module's last part."""
    from massage_routines.plugins.discovery import entry_points

    module = getattr(plugin, "__name__", None) or type(plugin).__module__
    for point in entry_points():
        if point.module == module:
            return point.name
    text = target if isinstance(target, str) else module
    return text.partition(":")[0].rsplit(".", 1)[-1]


@pytest.fixture
def massage_plugin(request: pytest.FixtureRequest) -> tuple[str, object] | None:
    """``(name, plugin)`` under test, from the marker or the ini options; ``None`` for none.

    Override it in a ``conftest.py`` to give the plugin object yourself.
    """
    marker = request.node.get_closest_marker(_MARKER)
    name: str | None
    if marker is not None:
        if not marker.args:
            raise pytest.UsageError(f"@pytest.mark.{_MARKER} needs the plugin: 'module[:attr]'")
        target: object = marker.args[0]
        name = marker.kwargs.get("name")
    else:
        target = str(request.config.getini(_INI) or "").strip()
        name = str(request.config.getini(_INI_NAME) or "").strip() or None
        if not target:
            return None
    plugin = load_target(target)
    return (name or _default_name(target, plugin), plugin)


@pytest.fixture
def massage_registry(massage_plugin: tuple[str, object] | None) -> Registry:
    """The built-in plugins plus only the plugin under test (built once per plugin)."""
    from massage_routines.plugins.discovery import entry_points
    from massage_routines.plugins.loading import BUILTIN_DISTRIBUTION
    from massage_routines.plugins.registry import build_registry
    from massage_routines.testing.checks import registry_with

    if massage_plugin is None:
        key = (0, "")
        if key not in _BUILT:
            builtin = [p for p in entry_points() if p.distribution == BUILTIN_DISTRIBUTION]
            _BUILT[key] = build_registry(select="all", points=builtin)
        return _BUILT[key]
    name, plugin = massage_plugin
    key = (id(plugin), name)
    if key not in _BUILT:
        _BUILT[key] = registry_with(plugin, name, installed=False)
    return _BUILT[key]


@pytest.fixture
def validate_plan_text(massage_registry: Registry) -> Callable[..., Report]:
    """``validate_plan_text(text, file=None) -> Report`` against ``massage_registry``."""
    from massage_routines.validation.engine import validate_text

    def check(text: str, *, file: str | None = None) -> Report:
        return validate_text(text, massage_registry, file=file)

    return check


@pytest.fixture
def compose_request(massage_registry: Registry) -> Callable[..., Routine]:
    """``compose_request(style, duration, **fields) -> Routine`` with ``massage_registry``
    (``fields`` are :class:`~massage_routines.composition.request.ComposeRequest`'s)."""
    from massage_routines.composition.composer import compose
    from massage_routines.composition.request import ComposeRequest

    def make(style: str, duration: Any, **fields: Any) -> Routine:
        return compose(ComposeRequest(style, duration, **fields), massage_registry)

    return make
