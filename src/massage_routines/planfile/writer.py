"""Writing plans: a routine → plan YAML that reads back to an equal routine."""

from __future__ import annotations

import errno
import os
from typing import TYPE_CHECKING

import yaml

from massage_routines.planfile.converter import unstructure
from massage_routines.planfile.scalars import resolve_plain

if TYPE_CHECKING:
    from massage_routines.model.routine import Routine


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """PyYAML's dumper, quoting every text our reader would not read back as text.

    PyYAML already quotes what YAML 1.1 would read as something else (``no``, ``1:30``); the
    reader follows YAML 1.2's core schema, where ``0E0`` is a number too, so those are quoted here.
    """


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if resolve_plain(value).__class__ is not str:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="'")
    return dumper.represent_str(value)


_Dumper.add_representer(str, _text)


def _dump(data: object) -> str:
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)


def write_plan(routine: Routine) -> str:
    """The plan file text of ``routine``, in canonical form (``format`` first, keys in order)."""
    return _dump(unstructure(routine))


def save_plan(routine: Routine, path: str | os.PathLike[str], *, overwrite: bool = False) -> None:
    """Write ``routine`` to ``path`` atomically: a temporary file beside it, then a rename.

    A failure leaves any earlier file as it was; an existing file is replaced only with
    ``overwrite``, else :class:`FileExistsError`.
    """
    save_text(write_plan(routine), path, overwrite=overwrite, suffix=".yaml.tmp")


def save_text(
    text: str, path: str | os.PathLike[str], *, overwrite: bool = False, suffix: str = ".tmp"
) -> None:
    """Write ``text`` to ``path`` atomically (as :func:`save_plan` does; ``render -o`` too)."""
    import tempfile

    target = os.fspath(path)
    if not overwrite and os.path.exists(target):
        raise FileExistsError(f"{target} exists; pass overwrite=True (--force) to replace it")
    directory = os.path.dirname(os.path.abspath(target))
    fd, temporary = tempfile.mkstemp(prefix=".massage-", suffix=suffix, dir=directory)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        # mkstemp's 0600 is for secrets; a plan, a sheet or a report gets the usual mode
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)
        if overwrite:
            os.replace(temporary, target)
        else:
            _place_new(temporary, target)
        _sync_directory(directory)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise


#: What ``os.link`` says on a file system that has no hard links.
_NO_LINKS = frozenset(
    {errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.ENOSYS, errno.EXDEV, errno.EMLINK}
)


def _place_new(temporary: str, target: str) -> None:
    """Move the finished file into place unless ``target`` exists (even one made meanwhile)."""
    try:
        os.link(temporary, target)  # atomic, and fails if the target appeared meanwhile
    except OSError as exc:
        if exc.errno not in _NO_LINKS:
            raise
        # no hard links on this file system (FAT, some network file systems)
        if os.path.exists(target):
            raise FileExistsError(f"{target} exists") from None
        os.replace(temporary, target)  # the window between the check and the rename is tiny
        return
    os.unlink(temporary)


def _sync_directory(directory: str) -> None:
    """Make the rename itself durable where the platform allows it."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
