"""Writing a command's output file: atomically, and saying in one line why it could not be.

The writing itself is :func:`massage_routines.planfile.writer.save_text`, the library's one
atomic writer: a temporary file beside the target, renamed over it, so a reader never sees half
a file and a failed run leaves the previous one as it was.
"""

from __future__ import annotations

import contextlib
import io
import sys
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from collections.abc import Iterator


def write_output(text: str, path: str, *, force: bool, command: str, suffix: str = ".tmp") -> bool:
    """Write ``text`` to ``path`` atomically (an existing file only with ``force``).

    On failure, say why on stderr as ``massage-routines COMMAND: error: …`` and return False
    (the command then exits with ``EXIT_USAGE``); nothing is left half-written.
    """
    from massage_routines.planfile.writer import save_text

    try:
        save_text(text, path, overwrite=force, suffix=suffix)
    except FileExistsError:
        why = f"{path} exists; pass --force to replace it"
    except OSError as exc:
        why = f"cannot write {path}: {exc.strerror or exc}"
    else:
        return True
    print(f"massage-routines {command}: error: {why}", file=sys.stderr)
    return False


@contextlib.contextmanager
def atomic_output(path: str) -> Iterator[TextIO]:
    """A text stream that becomes ``path`` (replacing it) when the block ends without an
    exception (``validate -o``, ``schema -o``)."""
    from massage_routines.planfile.writer import save_text

    stream = io.StringIO(newline="\n")
    yield stream
    save_text(stream.getvalue(), path, overwrite=True)
