"""``-o FILE``: output written to a temporary file beside it, then renamed over it, so a reader
never sees half a report and a failed run leaves the previous file as it was."""

from __future__ import annotations

import contextlib
import os
import tempfile
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from collections.abc import Iterator


@contextlib.contextmanager
def atomic_output(path: str) -> Iterator[TextIO]:
    """A text stream that becomes ``path`` when the block ends without an exception."""
    folder = os.path.dirname(os.path.abspath(path))
    handle, temporary = tempfile.mkstemp(prefix=".massage-routines-", dir=folder)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temporary, 0o666 & ~umask)  # mkstemp's 0600 is for secrets, not reports
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
