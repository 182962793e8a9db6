"""``-o FILE``: output written to a temporary file beside it, then renamed over it, so a reader
never sees half a report and a failed run leaves the previous file as it was.

The writing itself is :func:`massage_routines.planfile.writer.save_text`, the library's one
atomic writer (``compose -o`` and ``render -o`` use it too); this only gathers the stream.
"""

from __future__ import annotations

import contextlib
import io
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from collections.abc import Iterator


@contextlib.contextmanager
def atomic_output(path: str) -> Iterator[TextIO]:
    """A text stream that becomes ``path`` when the block ends without an exception."""
    from massage_routines.planfile.writer import save_text

    stream = io.StringIO(newline="\n")
    yield stream
    save_text(stream.getvalue(), path, overwrite=True)
