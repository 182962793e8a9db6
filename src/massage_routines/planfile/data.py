"""Plain Python data (dicts, lists, str, int, bool, None) → the reader's nodes.

So a routine given as data (parsed JSON, a dict built in an application) is structured by the
very same strict code as a plan file: same checks, same findings (with paths; no lines).
"""

from __future__ import annotations

from massage_routines.findings import Finding, PathParts, Severity
from massage_routines.planfile import codes, limits
from massage_routines.planfile.yaml_tree import Mapping, Node, Scalar, Sequence


def to_node(value: object) -> Node:
    """The node a YAML file holding ``value`` would give (with no place in a file)."""
    if isinstance(value, str):
        return Scalar(value, False, None)
    if value is None:
        return Scalar("null", True, None)
    if isinstance(value, bool):
        return Scalar("true" if value else "false", True, None)
    if isinstance(value, int | float):
        return Scalar(repr(value), True, None)
    if isinstance(value, dict):
        mapping = Mapping(None)
        for key, item in value.items():
            mapping.items[str(key)] = to_node(item)
        return mapping
    if isinstance(value, list | tuple):
        sequence = Sequence(None)
        sequence.items = [to_node(item) for item in value]
        return sequence
    return Scalar(f"<{type(value).__name__}>", False, None)


class _TooBig(Exception):
    """The data breaks a reader limit (the finding says which)."""

    def __init__(self, finding: Finding) -> None:
        super().__init__(finding.message)
        self.finding = finding


def checked_node(value: object) -> tuple[Node | None, list[Finding]]:
    """:func:`to_node` held to the reader's limits, for data from outside (a JSON body).

    Deeper than ``MAX_DEPTH`` (a structure that contains itself is infinitely deep), more than
    ``MAX_NODES`` values: ``(None, [the R008 or R012 finding])``, never a ``RecursionError``.
    A text longer than ``MAX_STRING_LENGTH`` is an ``R010`` finding and is cut, as in a file.
    """
    findings: list[Finding] = []
    count = [0]
    try:
        return _limited(value, (), 0, count, findings), findings
    except _TooBig as stop:
        return None, [*findings, stop.finding]


def _limited(
    value: object, path: PathParts, depth: int, count: list[int], findings: list[Finding]
) -> Node:
    count[0] += 1
    if count[0] > limits.MAX_NODES:
        raise _TooBig(
            Finding.at(
                codes.LIMIT_NODES,
                Severity.ERROR,
                f"the data holds more than {limits.MAX_NODES:,} values (MAX_NODES); "
                "no plan is this big",
                path,
            )
        )
    if isinstance(value, dict | list | tuple):
        if depth >= limits.MAX_DEPTH:
            raise _TooBig(
                Finding.at(
                    codes.LIMIT_DEPTH,
                    Severity.ERROR,
                    f"nesting deeper than {limits.MAX_DEPTH} levels (MAX_DEPTH); a plan needs 4",
                    path,
                )
            )
        if isinstance(value, dict):
            mapping = Mapping(None)
            for key, item in value.items():
                name = str(key)
                mapping.items[name] = _limited(item, (*path, name), depth + 1, count, findings)
            return mapping
        sequence = Sequence(None)
        sequence.items = [
            _limited(item, (*path, i), depth + 1, count, findings) for i, item in enumerate(value)
        ]
        return sequence
    if isinstance(value, str) and len(value) > limits.MAX_STRING_LENGTH:
        findings.append(
            Finding.at(
                codes.LIMIT_STRING,
                Severity.ERROR,
                f"a text of {len(value):,} characters is longer than the limit "
                f"(MAX_STRING_LENGTH = {limits.MAX_STRING_LENGTH:,})",
                path,
            )
        )
        return Scalar(value[: limits.MAX_STRING_LENGTH], False, None)
    return to_node(value)
