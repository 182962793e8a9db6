"""The public names: listed once in ``_EXPORTS``, and the listings derived from it cannot drift.

``massage_routines/__init__.py`` names each public name with its module in ``_EXPORTS`` (the
lazy loader reads it); ``__all__`` is derived from it, and the ``TYPE_CHECKING`` block repeats
the names for type checkers only. These tests hold the three together.
"""

from __future__ import annotations

import ast
import importlib
import subprocess
import sys
from pathlib import Path

import pytest

import massage_routines

INIT = Path(massage_routines.__file__)
EXPORTS: dict[str, str] = massage_routines._EXPORTS


def _type_checking_imports() -> dict[str, str]:
    """Name → module of every import under ``if TYPE_CHECKING:`` in __init__.py."""
    tree = ast.parse(INIT.read_text(encoding="utf-8"))
    blocks = [
        node
        for node in tree.body
        if isinstance(node, ast.If)
        and isinstance(node.test, ast.Name)
        and node.test.id == "TYPE_CHECKING"
    ]
    assert len(blocks) == 1
    found: dict[str, str] = {}
    for node in blocks[0].body:
        assert isinstance(node, ast.ImportFrom), ast.dump(node)
        assert node.module is not None and node.level == 0
        for alias in node.names:
            # `X as X` is how a type checker is told the name is re-exported
            assert alias.asname == alias.name, alias.name
            assert alias.name not in found, f"{alias.name} imported twice"
            found[alias.name] = node.module
    return found


def test_the_type_checking_imports_are_exactly_the_exports_from_the_same_modules() -> None:
    assert _type_checking_imports() == EXPORTS


def test_all_is_the_exports_sorted() -> None:
    assert massage_routines.__all__ == sorted(EXPORTS)
    assert len(set(massage_routines.__all__)) == len(massage_routines.__all__)


@pytest.mark.parametrize("name", sorted(EXPORTS))
def test_each_name_is_the_object_of_its_module(name: str) -> None:
    module = importlib.import_module(EXPORTS[name])
    assert getattr(massage_routines, name) is getattr(module, name)
    assert name in dir(massage_routines)


@pytest.mark.parametrize(
    "name", [n for n in sorted(EXPORTS) if not n.isupper() and n != "hookimpl"]
)
def test_each_class_and_function_says_what_it_is(name: str) -> None:
    doc = getattr(massage_routines, name).__doc__
    assert doc and doc.strip(), f"{name} has no docstring"


def test_an_unknown_name_is_an_attribute_error_naming_it() -> None:
    with pytest.raises(AttributeError, match="no_such_name"):
        _ = massage_routines.no_such_name


def test_importing_the_package_loads_none_of_its_modules() -> None:
    code = (
        "import sys, massage_routines\n"
        "print(sorted(m for m in sys.modules if m.startswith('massage_routines')))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "['massage_routines']"
