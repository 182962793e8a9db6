"""Reading plan files: bytes or text → a routine and every finding, each with its place.

>>> result = read_plan_text("name: x\\nstyle: swedish\\nsteps: []\\n")
>>> [f.code for f in result.findings]
['R108']
"""

from __future__ import annotations

import os

import attrs

from massage_routines.findings import Finding, PathParts, Severity
from massage_routines.model.client import Client
from massage_routines.model.routine import Routine
from massage_routines.planfile import codes, limits
from massage_routines.planfile.structure import Structurer
from massage_routines.planfile.yaml_tree import Node, build_tree, locate
from massage_routines.value import Value

_BOM = b"\xef\xbb\xbf"


@attrs.frozen(repr=False, weakref_slot=False)
class ReadResult(Value):
    """What reading a plan gave: the routine (``None`` if it could not be built) and findings.

    ``step_index[i]`` is the place in the file's ``steps`` list of ``routine.steps[i]`` (steps
    with bad values are left out of the routine, so the two can differ); ``flag_index`` and
    ``condition_index`` do the same for the client's flags and conditions. :meth:`locate` finds
    the line and column of any path in the file.
    """

    routine: Routine | None
    findings: tuple[Finding, ...]
    tree: Node | None = attrs.field(default=None, eq=False, repr=False)
    step_index: tuple[int, ...] = ()
    flag_index: tuple[int, ...] = ()
    condition_index: tuple[int, ...] = ()

    def locate(self, parts: PathParts) -> tuple[int | None, int | None]:
        """The 1-based line and column of the value at ``parts`` (or its nearest parent)."""
        return locate(self.tree, parts)


def read_plan_bytes(data: bytes) -> ReadResult:
    """Read a plan from the bytes of a file (UTF-8, at most ``MAX_FILE_BYTES``)."""
    return read_plan_source(data)[0]


def read_plan_source(source: bytes | str | os.PathLike[str]) -> tuple[ReadResult, str | None]:
    """Read a plan from a file's bytes or from its path (``OSError`` if it cannot be read), and
    give its text too (``None`` when it has none: too large, not UTF-8), so what else needs the
    text (the inline suppressions) does not read the file again."""
    text, problems = _text_of(source) if isinstance(source, bytes) else _read_file(source)
    result = ReadResult(None, problems) if text is None else read_plan_text(text)
    return result, text


def _text_of(data: bytes, size: int | None = None) -> tuple[str | None, tuple[Finding, ...]]:
    """The text of a file's bytes, or the finding that says why there is none.

    ``size`` is the file's size when only its first ``MAX_FILE_BYTES`` + 1 bytes were read.
    """
    if len(data) > limits.MAX_FILE_BYTES:
        if size is None:
            size = len(data)
        # a pipe or a device has no size: say only that it is too large
        shown = f"{size:,} bytes" if size >= len(data) else "more than that"
        return None, _finding(
            codes.LIMIT_FILE_SIZE,
            f"the file is larger than any plan ({shown}; the limit, "
            f"MAX_FILE_BYTES, is {limits.MAX_FILE_BYTES:,} bytes)",
            1,
            1,
        )
    if data.startswith(_BOM):
        data = data[3:]
    try:
        return data.decode("utf-8"), ()
    except UnicodeDecodeError as exc:
        prefix = data[: exc.start].decode("utf-8", "replace")
        line = prefix.count("\n") + 1
        column = len(prefix) - (prefix.rfind("\n") + 1) + 1
        return None, _finding(
            codes.NOT_UTF8,
            f"byte 0x{data[exc.start]:02x} at offset {exc.start} is not UTF-8; "
            "save the file as UTF-8",
            line,
            column,
        )


def _read_file(path: str | os.PathLike[str]) -> tuple[str | None, tuple[Finding, ...]]:
    """A file's text, reading at most ``MAX_FILE_BYTES`` + 1 bytes of it."""
    with open(path, "rb") as handle:
        data = handle.read(limits.MAX_FILE_BYTES + 1)
        size = os.fstat(handle.fileno()).st_size if len(data) > limits.MAX_FILE_BYTES else None
    return _text_of(data, size)


def read_plan_text(text: str) -> ReadResult:
    """Read a plan from its text."""
    if len(text) > limits.MAX_FILE_BYTES:
        return ReadResult(
            None,
            _finding(
                codes.LIMIT_FILE_SIZE,
                f"the plan is larger than any plan ({len(text):,} characters; the limit, "
                f"MAX_FILE_BYTES, is {limits.MAX_FILE_BYTES:,})",
                1,
                1,
            ),
        )
    tree, findings = build_tree(text)
    return read_tree(tree, findings)


def read_tree(tree: Node | None, findings: list[Finding]) -> ReadResult:
    """Structure a plan's node tree (from YAML text, or from plain data) into a routine,
    adding to ``findings`` what is wrong with it; ``None`` when nothing could be read."""
    if tree is None:
        return ReadResult(None, tuple(findings))
    structurer = Structurer()
    structurer.findings = findings
    routine, index = structurer.plan(tree)
    return ReadResult(
        routine,
        tuple(findings),
        tree,
        index,
        tuple(structurer.flag_index),
        tuple(structurer.condition_index),
    )


@attrs.frozen(repr=False, weakref_slot=False)
class ClientReadResult(Value):
    """What reading a client profile file gave: the client (``None`` if unusable) and findings."""

    client: Client | None
    findings: tuple[Finding, ...]


def read_client_text(text: str) -> ClientReadResult:
    """Read a client profile: the ``client`` block of the plan format, on its own."""
    tree, findings = build_tree(text)
    if tree is None:
        return ClientReadResult(None, tuple(findings))
    structurer = Structurer()
    structurer.findings = findings
    client = structurer.client(tree, ())
    return ClientReadResult(client, tuple(findings))


def read_client_file(path: str | os.PathLike[str]) -> ClientReadResult:
    """Read a client profile file. ``OSError`` if it cannot be read."""
    text, problems = _read_file(path)
    return ClientReadResult(None, problems) if text is None else read_client_text(text)


def read_plan_file(path: str | os.PathLike[str]) -> ReadResult:
    """Read a plan file. ``OSError`` if it cannot be read; every other problem is a finding.

    At most ``MAX_FILE_BYTES`` + 1 bytes are read, so a huge file costs nothing to reject.
    """
    return read_plan_source(path)[0]


def _finding(code: str, message: str, line: int | None, column: int | None) -> tuple[Finding]:
    return (Finding(code, Severity.ERROR, message, "", line, column),)
