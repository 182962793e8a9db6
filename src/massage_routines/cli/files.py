"""Writing a command's output file: atomically, and saying in one line why it could not be."""

from __future__ import annotations

import sys


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
