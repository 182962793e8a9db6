"""Finding the plugins: entry points of the group ``massage_routines``, cheaply.

``importlib.metadata`` costs about 60 ms to import on the machines we measure (it pulls in
``email``, ``zipfile``, ``csv`` and ``pathlib``), more than everything else the command line
needs to start. Entry points live in plain files (``*.dist-info/entry_points.txt``), so this
module reads them directly from the directories on ``sys.path``, the way ``importlib.metadata``
does: the first distribution of a name on the path wins. Anything it cannot read that way (a
zip file on the path) makes it fall back to ``importlib.metadata``, so the answer is always the
same as the standard library's; a test holds the two to that.
"""

from __future__ import annotations

import os
import re
import sys

import attrs

from massage_routines.value import Value

GROUP = "massage_routines"
_SECTION = re.compile(r"^\s*\[([^\]]+)\]\s*$")
_NORMALIZE = re.compile(r"[-_.]+")


@attrs.frozen(repr=False, weakref_slot=False)
class EntryPoint(Value):
    """One entry point: its name, its target (``module`` or ``module:attr``) and its source."""

    name: str
    value: str
    distribution: str
    version: str

    @property
    def module(self) -> str:
        """The module to import."""
        return self.value.partition(":")[0].strip()

    @property
    def attr(self) -> str | None:
        """The attribute of the module that is the plugin, or ``None`` for the module itself."""
        attr = self.value.partition(":")[2].split("[")[0].strip()
        return attr or None


def normalize(name: str) -> str:
    """A distribution name as PEP 503 compares it."""
    return _NORMALIZE.sub("-", name).lower()


def entry_points(group: str = GROUP, path: list[str] | None = None) -> list[EntryPoint]:
    """The entry points of ``group`` in the distributions on ``path`` (``sys.path``)."""
    search = sys.path if path is None else path
    seen: set[str] = set()
    found: list[EntryPoint] = []
    for entry in search:
        directory = entry or "."
        try:
            names = os.listdir(directory)
        except NotADirectoryError:
            return _stdlib_entry_points(group)
        except OSError:
            continue
        for name in sorted(names):
            if name.endswith(".dist-info"):
                stem = name[: -len(".dist-info")]
            elif name.endswith(".egg-info"):
                stem = name[: -len(".egg-info")]
            else:
                continue
            dist_name, _, version = stem.partition("-")
            key = normalize(dist_name)
            if key in seen:
                continue
            seen.add(key)
            meta_dir = os.path.join(directory, name)
            try:
                with open(os.path.join(meta_dir, "entry_points.txt"), encoding="utf-8") as handle:
                    text = handle.read()
            except OSError:
                continue
            points = _parse(text, group)
            if not points:
                continue
            real_name, real_version = _metadata_name(meta_dir, dist_name, version)
            found.extend(EntryPoint(n, v, real_name, real_version) for n, v in points)
    return found


def _parse(text: str, group: str) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    inside = False
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped or stripped[0] in "#;":
            continue
        section = _SECTION.match(line)
        if section:
            inside = section.group(1).strip() == group
            continue
        if inside and "=" in stripped:
            name, _, value = stripped.partition("=")
            out.append((name.strip(), value.strip()))
    return out


def _metadata_name(meta_dir: str, name: str, version: str) -> tuple[str, str]:
    """The distribution's own spelling of its name and its version, from its metadata."""
    for filename in ("METADATA", "PKG-INFO"):
        try:
            with open(os.path.join(meta_dir, filename), encoding="utf-8") as handle:
                for line in handle:
                    if not line.strip():
                        break
                    key, _, value = line.partition(":")
                    if key == "Name":
                        name = value.strip()
                    elif key == "Version":
                        version = value.strip()
            break
        except OSError:
            continue
    return name, version


def _stdlib_entry_points(group: str) -> list[EntryPoint]:
    from importlib import metadata

    out = []
    for point in metadata.entry_points(group=group):
        dist = point.dist
        name = dist.metadata["Name"] if dist is not None else "?"
        version = dist.version if dist is not None else "?"
        out.append(EntryPoint(point.name, point.value, name, version))
    return out
