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
    if len(data) > limits.MAX_FILE_BYTES:
        return _failed(
            codes.LIMIT_FILE_SIZE,
            f"the file is larger than any plan ({len(data):,} bytes; the limit, "
            f"MAX_FILE_BYTES, is {limits.MAX_FILE_BYTES:,})",
            1,
            1,
        )
    text, problem = _decode(data)
    if problem is not None:
        return problem
    return read_plan_text(text)


def _decode(data: bytes) -> tuple[str, ReadResult | None]:
    if data.startswith(_BOM):
        data = data[3:]
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        prefix = data[: exc.start].decode("utf-8", "replace")
        line = prefix.count("\n") + 1
        column = len(prefix) - (prefix.rfind("\n") + 1) + 1
        return "", _failed(
            codes.NOT_UTF8,
            f"byte 0x{data[exc.start]:02x} at offset {exc.start} is not UTF-8; "
            "save the file as UTF-8",
            line,
            column,
        )


def read_plan_text(text: str) -> ReadResult:
    """Read a plan from its text."""
    if len(text) > limits.MAX_FILE_BYTES:
        return _failed(
            codes.LIMIT_FILE_SIZE,
            f"the plan is larger than any plan ({len(text):,} characters; the limit, "
            f"MAX_FILE_BYTES, is {limits.MAX_FILE_BYTES:,})",
            1,
            1,
        )
    tree, findings = build_tree(text)
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
    with open(path, "rb") as handle:
        data = handle.read(limits.MAX_FILE_BYTES + 1)
    result = read_plan_bytes(data) if len(data) > limits.MAX_FILE_BYTES else None
    if result is not None:
        return ClientReadResult(None, result.findings)
    text, problem = _decode(data)
    if problem is not None:
        return ClientReadResult(None, problem.findings)
    return read_client_text(text)


def read_plan_file(path: str | os.PathLike[str]) -> ReadResult:
    """Read a plan file. ``OSError`` if it cannot be read; every other problem is a finding.

    At most ``MAX_FILE_BYTES`` + 1 bytes are read, so a huge file costs nothing to reject.
    """
    with open(path, "rb") as handle:
        data = handle.read(limits.MAX_FILE_BYTES + 1)
        if len(data) > limits.MAX_FILE_BYTES:
            size = os.fstat(handle.fileno()).st_size
            shown = f"{size:,} bytes" if size > limits.MAX_FILE_BYTES else "more than that"
            return _failed(
                codes.LIMIT_FILE_SIZE,
                f"the file is larger than any plan ({shown}; the limit, "
                f"MAX_FILE_BYTES, is {limits.MAX_FILE_BYTES:,} bytes)",
                1,
                1,
            )
    return read_plan_bytes(data)


def _failed(code: str, message: str, line: int | None, column: int | None) -> ReadResult:
    return ReadResult(None, (Finding(code, Severity.ERROR, message, "", line, column),))
