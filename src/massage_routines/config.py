"""Settings of ``validate`` from ``[tool.massage_routines]`` in ``pyproject.toml`` (or a
``massage-routines.toml``), and the ``--select``/``--ignore`` logic they share with the flags.

Modelled on ruff: a selector is a code (``C007``) or a prefix of codes (``C``, ``E00``); the
longest selector matching a code decides between ``select``/``extend-select`` and ``ignore``
(an ignore wins a tie). Without ``select`` every code is selected. **Safety errors are always
reported**: only warnings (and craft findings, family ``K``) can be deselected or ignored, and
an ignore that would cover an error code is refused (a usage error naming the code).

The file is found (:func:`massage_routines.cli.checking.find_config`) upward from the checked
files' common folder (or the current folder); a ``pyproject.toml`` counts only when it has the
section. This module and ``tomllib`` are imported only when such a file is found or a selector
is given, so the default ``validate FILE`` costs no more than a few ``stat`` calls.
"""

from __future__ import annotations

import os
import re
from fnmatch import fnmatchcase
from typing import TYPE_CHECKING

import attrs

from massage_routines.value import Value

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

SECTION = "massage_routines"  # [tool.massage_routines] in pyproject.toml
#: Code families whose findings can be ignored whatever their severity (craft findings).
ALWAYS_IGNORABLE = ("K",)
_SELECTOR = r"[A-Z][A-Z0-9]*\Z"
_KEYS = frozenset(
    {
        "select",
        "ignore",
        "extend-select",
        "per-file-ignores",
        "strict",
        "output-format",
        "exclude",
    }
)


class ConfigError(ValueError):
    """A setting that cannot be used (a usage error, exit status 2); the message says why."""


@attrs.frozen(repr=False, weakref_slot=False)
class Settings(Value):
    """What ``validate`` reports. ``per_file_ignores``: (glob, selectors) pairs, the glob
    matched against the file's path relative to ``root`` (the config file's folder) or its
    name. ``source``: the config file these came from, if any."""

    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    strict: bool = False
    output_format: str | None = None
    exclude: tuple[str, ...] = ()
    root: str = "."
    source: str | None = None

    @property
    def filters(self) -> bool:
        """Whether any selector is set (when not, every finding is reported)."""
        return bool(
            self.select is not None or self.extend_select or self.ignore or self.per_file_ignores
        )

    def reports(self, code: str, *, is_error: bool, file: str | None = None) -> bool:
        """Whether a finding with ``code`` is reported (errors always are, but ``K`` ones)."""
        if is_error and not code.startswith(ALWAYS_IGNORABLE):
            return True
        ignore: Iterable[str] = self.ignore
        if file is not None and self.per_file_ignores:
            ignore = [*ignore, *self.ignores_for(file)]
        chosen = _longest(code, ("",) if self.select is None else self.select)
        chosen = max(chosen, _longest(code, self.extend_select))
        return chosen > _longest(code, ignore)

    def ignores_for(self, file: str) -> list[str]:
        """The per-file-ignore selectors that apply to ``file``."""
        relative = os.path.relpath(os.path.abspath(file), os.path.abspath(self.root))
        relative = relative.replace(os.sep, "/")
        name = os.path.basename(file)
        return [
            selector
            for pattern, selectors in self.per_file_ignores
            if fnmatchcase(relative, pattern) or fnmatchcase(name, pattern)
            for selector in selectors
        ]


def _longest(code: str, selectors: Iterable[str]) -> int:
    """The length of the longest selector that is a prefix of ``code``, or -1."""
    return max((len(s) for s in selectors if code.startswith(s)), default=-1)


def check_selectors(
    settings: Settings, severities: Mapping[str, bool], *, flags: bool = False
) -> None:
    """Refuse an unknown selector, and an ignore covering a safety error.

    ``severities``: every known code → whether it is an error. The message names the setting
    and its file (``settings.source``), or the flag when ``flags``.
    """

    def label(key: str) -> str:
        if flags:
            return f"--{key}"
        return f"{settings.source}: {key}" if settings.source else key

    given: list[tuple[str, str]] = [(label("select"), s) for s in settings.select or ()]
    given += [(label("extend-select"), s) for s in settings.extend_select]
    ignores = [(label("ignore"), s) for s in settings.ignore]
    ignores += [
        (label(f"per-file-ignores[{pattern!r}]"), s)
        for pattern, selectors in settings.per_file_ignores
        for s in selectors
    ]
    for where, selector in [*given, *ignores]:
        if not re.match(_SELECTOR, selector):
            raise ConfigError(f"{where}: {selector!r} is not a code or a prefix of codes")
        if not any(code.startswith(selector) for code in severities):
            raise ConfigError(f"{where}: {selector!r} matches no known code")
    for where, selector in ignores:
        errors = sorted(
            code
            for code, is_error in severities.items()
            if is_error and code.startswith(selector) and not code.startswith(ALWAYS_IGNORABLE)
        )
        if errors:
            shown = ", ".join(errors[:8]) + (", ..." if len(errors) > 8 else "")
            raise ConfigError(
                f"{where}: {selector!r} would ignore safety errors ({shown}); errors cannot be "
                "ignored, only warnings can: ignore the warning codes themselves"
            )


def load_config(path: str) -> Settings:
    """The settings of a config file. :class:`ConfigError` if it is unreadable or wrong."""
    import tomllib

    try:
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read the settings: {exc}") from None
    if os.path.basename(path) == "pyproject.toml":
        tool = data.get("tool", {})
        table = tool.get(SECTION, tool.get("massage-routines", {}))
        where = f"{path}: [tool.{SECTION}]"
    else:
        table, where = data, path
    return settings_from(table, where, root=os.path.dirname(os.path.abspath(path)), source=path)


def settings_from(table: object, where: str, *, root: str, source: str | None) -> Settings:
    """Settings from a config table (the parsed TOML). :class:`ConfigError` if wrong."""
    if not isinstance(table, dict):
        raise ConfigError(f"{where}: the settings must be a table")
    unknown = sorted(set(table) - _KEYS)
    if unknown:
        raise ConfigError(
            f"{where}: unknown setting {unknown[0]!r} (known: {', '.join(sorted(_KEYS))})"
        )

    def codes(key: str) -> tuple[str, ...]:
        value = table[key]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            example = '["drafts"]' if key == "exclude" else '["C007"]'
            raise ConfigError(f"{where}: {key} must be a list of texts, like {example}")
        return tuple(value)

    per_file = table.get("per-file-ignores", {})
    if not isinstance(per_file, dict):
        raise ConfigError(f"{where}: per-file-ignores must be a table of glob = [codes]")
    pairs = []
    for pattern, value in per_file.items():
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{where}: per-file-ignores {pattern!r} must be a list of codes")
        pairs.append((pattern, tuple(value)))
    strict = table.get("strict", False)
    if not isinstance(strict, bool):
        raise ConfigError(f"{where}: strict must be true or false")
    output_format = table.get("output-format")
    if output_format is not None:
        from massage_routines.reporting import FORMATS

        if output_format not in FORMATS:
            raise ConfigError(
                f"{where}: output-format {output_format!r} is not one of {', '.join(FORMATS)}"
            )
    return Settings(
        select=codes("select") if "select" in table else None,
        extend_select=codes("extend-select") if "extend-select" in table else (),
        ignore=codes("ignore") if "ignore" in table else (),
        per_file_ignores=tuple(pairs),
        strict=strict,
        output_format=output_format,
        exclude=codes("exclude") if "exclude" in table else (),
        root=root,
        source=source,
    )
