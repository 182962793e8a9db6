"""The plan files a ``validate`` command names: folders are searched, excludes applied.

A folder gives its ``*.yaml``, ``*.yml`` and ``*.json`` files, recursively, in sorted order (so
output is stable); hidden folders (``.git``, ``.venv``) are skipped. An exclude glob without a
``/`` matches any part of a path (a file or folder name: ``drafts``, ``*.bak.yaml``); one with a
``/`` matches the whole path relative to its base folder (the current folder for ``--exclude``,
the config file's folder for its ``exclude``). Excludes apply to files named on the command
line too (so a pre-commit hook honours them); ``-`` (stdin) is never excluded.
"""

from __future__ import annotations

import os
from fnmatch import fnmatchcase
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

PLAN_SUFFIXES = (".yaml", ".yml", ".json")


class Excludes:
    """Exclude globs, each with the folder its ``/`` patterns are relative to."""

    def __init__(self, patterns: Sequence[tuple[str, str]]) -> None:
        self.names = [p for _, p in patterns if "/" not in p.rstrip("/")]
        self.paths = [
            os.path.join(os.path.abspath(base), p.rstrip("/")).replace(os.sep, "/")
            for base, p in patterns
            if "/" in p.rstrip("/")
        ]

    def __bool__(self) -> bool:
        return bool(self.names or self.paths)

    def excluded(self, path: str) -> bool:
        """Whether ``path`` (a file or folder) is excluded."""
        if not self:
            return False
        absolute = os.path.abspath(path).replace(os.sep, "/")
        if any(fnmatchcase(absolute, p) for p in self.paths):
            return True
        parts = os.path.normpath(path).replace(os.sep, "/").split("/")
        return any(fnmatchcase(part, p) for part in parts for p in self.names)


def plan_files(arguments: Sequence[str], excludes: Excludes) -> list[str]:
    """The files to check, in order: each argument as given (a file, missing or not, or
    ``-``) or, for a folder, the plan files under it, sorted."""
    files: list[str] = []
    for argument in arguments:
        if argument != "-" and os.path.isdir(argument):
            files.extend(_walk(argument, excludes))
        elif argument == "-" or not excludes.excluded(argument):
            files.append(argument)
    return files


def _walk(top: str, excludes: Excludes) -> list[str]:
    found = []
    for folder, dirs, names in os.walk(top):
        dirs[:] = sorted(
            d
            for d in dirs
            if not d.startswith(".") and not excludes.excluded(os.path.join(folder, d))
        )
        for name in sorted(names):
            path = os.path.join(folder, name)
            if name.endswith(PLAN_SUFFIXES) and not excludes.excluded(path):
                found.append(path)
    return found
