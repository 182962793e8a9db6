"""``new-plugin NAME [--dir DIR]``: write a plugin package to start from.

Writes ``DIR/massage-NAME/`` (``DIR`` is the current directory by default): a
``pyproject.toml`` with the entry point (group ``massage_routines``), the dependency on
massage_routines, test extras and pytest's configuration; ``src/massage_NAME/plugin.py`` with
one working technique and every other hook as a commented example; tests that use
:mod:`massage_routines.testing` and the pytest plugin's fixtures; a README, a ``.gitignore``
and a CI workflow. Its tests pass as written (``pip install -e '.[test]' && pytest``).

``NAME`` is the plugin's entry point name and its technique's name: lower_snake ASCII
(``hot_stone``), not the name of a built-in plugin or record. Exit status: 0 written, 2 a bad
name or a directory that exists.
"""

from __future__ import annotations

import re
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import argparse
    from pathlib import Path

EXIT_OK, EXIT_USAGE = 0, 2
_NAME = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*\Z")

#: Template → where it goes in the package (``{package}`` is the import name).
FILES = {
    "pyproject.toml.tmpl": "pyproject.toml",
    "README.md.tmpl": "README.md",
    "gitignore.tmpl": ".gitignore",
    "ci.yml.tmpl": ".github/workflows/tests.yml",
    "package_init.py.tmpl": "src/{package}/__init__.py",
    "plugin.py.tmpl": "src/{package}/plugin.py",
    "conftest.py.tmpl": "tests/conftest.py",
    "test_plugin.py.tmpl": "tests/test_plugin.py",
}


def configure(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``new-plugin``."""
    parser.add_argument("name", metavar="NAME", help="the plugin's name, lower_snake: hot_stone")
    parser.add_argument(
        "--dir",
        default=".",
        metavar="DIR",
        help="where to write the package directory massage-NAME (default: here)",
    )


def _error(message: str) -> None:
    print(f"massage-routines new-plugin: error: {message}", file=sys.stderr)


def _snake(name: str) -> str:
    """``Hot-Stone`` → ``hot_stone``: the lower_snake name a user probably meant."""
    words = re.split(r"[^a-z0-9]+", re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", name).lower())
    snake = "_".join(w for w in words if w)
    return snake if _NAME.match(snake) else ""


def name_problem(name: str) -> str | None:
    """Why ``name`` cannot name a new plugin (with the name meant, when there is one)."""
    if _NAME.match(name):
        return _taken(name)
    meant = _snake(name)
    hint = f" (did you mean {meant!r}?)" if meant else ""
    return (
        f"{name!r} is not a plugin name{hint}: lower-case a-z, digits and single underscores, "
        "starting with a letter (hot_stone)"
    )


def _taken(name: str) -> str | None:
    """Why ``name`` is taken by a built-in plugin or record, or ``None``."""
    from massage_routines.plugins.discovery import entry_points
    from massage_routines.plugins.loading import BUILTIN_DISTRIBUTION
    from massage_routines.plugins.registry import build_registry

    builtin = [p for p in entry_points() if p.distribution == BUILTIN_DISTRIBUTION]
    if any(p.name == name for p in builtin):
        return f"{name!r} is the name of a built-in plugin: choose another"
    registry = build_registry(select="all", points=builtin)
    for kind, records in (
        ("technique", registry.techniques),
        ("style", registry.styles),
        ("condition", registry.conditions),
    ):
        if name in records:
            return f"{name!r} is the name of a built-in {kind}: choose another"
    if name in registry.families:
        return f"{name!r} is the name of a built-in family of techniques: choose another"
    return None


def render(name: str) -> dict[str, str]:
    """The package's files for plugin ``name``: relative path → text."""
    import string
    from importlib import resources

    from massage_routines import __version__
    from massage_routines.plugins.api import PLUGIN_API_VERSION

    major = int(PLUGIN_API_VERSION.split(".")[0])
    package = f"massage_{name}"
    values = {
        "name": name,
        "package": package,
        "dist": f"massage-{name.replace('_', '-')}",
        "api_version": PLUGIN_API_VERSION,
        "api_range": f">={major},<{major + 1}",
        "library_version": __version__,
    }
    folder = resources.files("massage_routines") / "plugin_template"
    return {
        target.format(package=package): string.Template(
            (folder / source).read_text(encoding="utf-8")
        ).substitute(values)
        for source, target in FILES.items()
    }


def write(name: str, directory: Path) -> Path:
    """Write the package for ``name`` under ``directory``; its root. ``FileExistsError`` if
    the package directory exists."""
    root = directory / f"massage-{name.replace('_', '-')}"
    files = render(name)
    root.mkdir(parents=True)
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def run(args: argparse.Namespace) -> int:
    """Check the name and write the package."""
    from pathlib import Path

    wrong = name_problem(args.name)
    if wrong is not None:
        _error(wrong)
        return EXIT_USAGE
    try:
        root = write(args.name, Path(args.dir))
    except FileExistsError as exc:
        _error(f"{exc.filename} exists: choose another name or --dir")
        return EXIT_USAGE
    except OSError as exc:
        _error(f"cannot write the package: {exc.strerror or exc}")
        return EXIT_USAGE
    print(
        f"wrote {root}: the plugin {args.name!r} (entry point group massage_routines)\n"
        f"next: cd {root} && pip install -e '.[test]' && pytest",
        file=sys.stderr,
    )
    return EXIT_OK
