"""The official YAML test suite through our reader: it never misreads, never accepts bad YAML.

Every case of ``tests/yaml_suite/data`` (see its README) is read with ``build_tree`` and must
end in one of two ways:

- **refused** with at least one located finding (a line and a column); or
- **read**, and then the input is valid YAML and our node tree holds the same data as the
  suite's expected event stream (``test.event``) and, where the suite gives one, ``in.json``.

An invalid input (an ``error`` file) must be refused. Refusing a valid input is allowed: the
plan reader deliberately does not support everything (several documents, tags, non-text keys,
...; ``docs/limits.md`` lists what), so those count as refused, never as read wrongly.

How the data is compared, with the project's own scalar rules (``planfile/scalars.py``):
a quoted or block scalar is text; a plain scalar reads under YAML 1.2's core schema, strictly,
through ``resolve_plain`` (so ``0o14`` and ``0x1F`` stay text where ``in.json`` has numbers; that
is our rule, not a misreading, and only there is a plain text allowed to differ from ``in.json``).
Mapping keys are compared as their text (JSON keys are text too). An alias is the node it names.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path
from typing import Any

import pytest

from massage_routines.planfile.scalars import resolve_plain
from massage_routines.planfile.yaml_tree import Mapping, Node, Scalar, Sequence, build_tree

DATA = Path(__file__).parent / "yaml_suite" / "data"
CASES = sorted(
    str(path.parent.relative_to(DATA)) for path in DATA.rglob("in.yaml") if path.is_file()
)

_ESCAPES = {"\\\\": "\\", "\\n": "\n", "\\t": "\t", "\\r": "\r", "\\b": "\b", "\\0": "\0"}
_ESCAPE = re.compile(r"\\[\\ntrb0]")


class _Plain(str):
    """A plain scalar's text in the expected data (read through ``resolve_plain`` to compare)."""

    __slots__ = ()


def expected_documents(events: str) -> list[Any]:
    """The documents of a ``test.event`` stream as Python data (plain scalars as ``_Plain``)."""
    documents: list[Any] = []
    stack: list[list[Any]] = []
    anchors: dict[str, Any] = {}
    pending: list[tuple[list[Any], str | None]] = []  # open collections and their anchors

    def add(value: Any) -> None:
        if stack:
            stack[-1].append(value)
        else:
            documents.append(value)

    for line in events.splitlines():
        word, _, rest = line.partition(" ")
        if word in ("+MAP", "+SEQ"):
            anchor = next((p[1:] for p in rest.split() if p.startswith("&")), None)
            stack.append([])
            pending.append(([word], anchor))
        elif word in ("-MAP", "-SEQ"):
            items = stack.pop()
            (kind,), anchor = pending.pop()
            value: Any = items
            if kind == "+MAP":
                value = [(items[i], items[i + 1]) for i in range(0, len(items), 2)]
                value = ("map", value)
            if anchor is not None:
                anchors[anchor] = value
            add(value)
        elif word == "=VAL":
            anchor, tagged = None, False
            while rest[:1] in ("&", "<"):
                part, _, rest = rest.partition(" ")
                if part.startswith("&"):
                    anchor = part[1:]
                tagged = tagged or part.startswith("<")
            style, text = rest[:1], _ESCAPE.sub(lambda m: _ESCAPES[m.group()], rest[1:])
            value = _Plain(text) if style == ":" and not tagged else text
            if anchor is not None:
                anchors[anchor] = value
            add(value)
        elif word == "=ALI":
            add(anchors[rest[1:]])
    return documents


def tree_data(node: Node) -> Any:
    """Our node tree in the same shape as :func:`expected_documents`' data."""
    if isinstance(node, Scalar):
        return _Plain(node.value) if node.plain else node.value
    if isinstance(node, Sequence):
        return [tree_data(item) for item in node.items]
    assert isinstance(node, Mapping)
    return ("map", [(key, tree_data(value)) for key, value in node.items.items()])


def same_as_events(ours: Any, expected: Any) -> bool:
    if isinstance(expected, tuple):
        if not (isinstance(ours, tuple) and len(ours[1]) == len(expected[1])):
            return False
        return all(
            isinstance(key, str) and key == ours_key and same_as_events(ours_value, value)
            for (ours_key, ours_value), (key, value) in zip(ours[1], expected[1], strict=True)
        )
    if isinstance(expected, list):
        return (
            isinstance(ours, list)
            and len(ours) == len(expected)
            and all(same_as_events(a, b) for a, b in zip(ours, expected, strict=True))
        )
    return type(ours) is type(expected) and ours == expected


def same_as_json(ours: Any, expected: Any) -> bool:
    """Our data against ``in.json``'s, plain scalars read by our rules."""
    if isinstance(ours, tuple):
        return (
            isinstance(expected, dict)
            and len(expected) == len(ours[1])
            and all(key in expected and same_as_json(v, expected[key]) for key, v in ours[1])
        )
    if isinstance(ours, list):
        return (
            isinstance(expected, list)
            and len(ours) == len(expected)
            and all(same_as_json(a, b) for a, b in zip(ours, expected, strict=True))
        )
    if not isinstance(ours, _Plain):
        return isinstance(expected, str) and ours == expected
    value = resolve_plain(str(ours))
    if isinstance(value, str) and not isinstance(expected, str | dict | list):
        # Our rule: only the core schema's decimal forms are numbers (0o14, 0x1F stay text).
        return isinstance(expected, int | float) and value.lower().startswith(("0o", "0x"))
    if isinstance(value, float) and math.isnan(value):
        return expected is None or (isinstance(expected, float) and math.isnan(expected))
    return type(value) is type(expected) and value == expected


def json_documents(text: str) -> list[Any]:
    decoder = json.JSONDecoder()
    documents: list[Any] = []
    index = 0
    while True:
        while index < len(text) and text[index].isspace():
            index += 1
        if index >= len(text):
            return documents
        value, index = decoder.raw_decode(text, index)
        documents.append(value)


def verdict(case: str) -> tuple[str, str]:
    """How our reader does on ``case``: ``(outcome, detail)``.

    Outcomes: ``read`` (same data), ``refused`` (located finding), and the failures
    ``misread``, ``accepted`` (an invalid input read), ``unlocated`` (a finding with no place),
    ``crash`` (an exception).
    """
    folder = DATA / case
    text = (folder / "in.yaml").read_bytes().decode("utf-8")
    invalid = (folder / "error").exists()
    try:
        tree, findings = build_tree(text)
    except Exception as exc:  # a crash is what this test is here to find
        return "crash", repr(exc)
    if findings:
        unplaced = [f for f in findings if f.line is None or f.column is None]
        if unplaced:
            return "unlocated", f"{unplaced[0].code} {unplaced[0].message}"
        return "refused", f"{findings[0].code} {findings[0].message}"
    if invalid:
        return "accepted", "invalid YAML read without a finding"
    assert tree is not None
    ours = tree_data(tree)
    expected = expected_documents((folder / "test.event").read_text("utf-8"))
    if len(expected) != 1 or not same_as_events(ours, expected[0]):
        return "misread", f"ours {ours!r}, test.event {expected!r}"
    if (folder / "in.json").exists():
        documents = json_documents((folder / "in.json").read_text("utf-8"))
        if len(documents) != 1 or not same_as_json(ours, documents[0]):
            return "misread", f"ours {ours!r}, in.json {documents!r}"
    return "read", ""


def test_the_suite_is_here() -> None:
    assert len(CASES) == 402  # the README's commit: 402 cases, 94 of them invalid
    assert sum((DATA / case / "error").exists() for case in CASES) == 94


@pytest.mark.parametrize("case", CASES)
def test_case(case: str) -> None:
    outcome, detail = verdict(case)
    name = (DATA / case / "===").read_text("utf-8").strip()
    assert outcome in ("read", "refused"), f"{case} ({name}): {outcome}: {detail}"


def test_most_valid_inputs_are_read() -> None:
    """Refusing is allowed, but not as a way to pass: most valid single documents read."""
    read = sum(verdict(case)[0] == "read" for case in CASES)
    assert read >= 200


if __name__ == "__main__":  # python tests/test_yaml_suite.py: the counts and the failures
    import collections

    counts: collections.Counter[str] = collections.Counter()
    for case in CASES:
        outcome, detail = verdict(case)
        invalid = (DATA / case / "error").exists()
        counts[f"{'invalid' if invalid else 'valid'} {outcome}"] += 1
        if outcome not in ("read", "refused"):
            print(case, outcome, (DATA / case / "in.yaml").read_text()[:80].encode(), detail[:200])
    print(dict(sorted(counts.items())))
