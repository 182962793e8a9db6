"""Plan text → a tree of located YAML nodes, strictly and within the reader's limits.

The tree is built from libyaml's event stream (PyYAML's ``CParser``), never through PyYAML's
constructors: nothing is converted behind our back (``no`` stays the text ``no``, ``1:30`` stays
``1:30``), every node keeps its 1-based line and column, duplicate keys and tags are findings, and
nesting and alias expansion are bounded as the events arrive (libyaml's own composer recurses in
C and crashes on deep nesting, so it is not used).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import yaml
from yaml import events as ev
from yaml._yaml import CParser

from massage_routines.findings import Finding, PathParts, Severity, render_path
from massage_routines.planfile import codes, limits

if TYPE_CHECKING:
    from collections.abc import Callable


class Node:
    """A YAML node with its 1-based place in the file."""

    __slots__ = ("column", "line")

    kind = "a value"

    def __init__(self, line: int, column: int) -> None:
        self.line = line
        self.column = column


class Scalar(Node):
    """A scalar as written: its text, and whether it was plain (unquoted and untagged)."""

    __slots__ = ("plain", "value")

    kind = "a scalar"

    def __init__(self, value: str, plain: bool, line: int, column: int) -> None:
        super().__init__(line, column)
        self.value = value
        self.plain = plain


class Mapping(Node):
    """A mapping: ``items`` maps each key's text to (the key node, the value node)."""

    __slots__ = ("items",)

    kind = "a mapping"

    def __init__(self, line: int, column: int) -> None:
        super().__init__(line, column)
        self.items: dict[str, tuple[Scalar, Node]] = {}


class Sequence(Node):
    """A list of nodes."""

    __slots__ = ("items",)

    kind = "a list"

    def __init__(self, line: int, column: int) -> None:
        super().__init__(line, column)
        self.items: list[Node] = []


#: Tags that change nothing about how the value is read.
_HARMLESS_TAGS = frozenset(
    {"tag:yaml.org,2002:str", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq", "!"}
)


class _Stop(Exception):
    """Building the tree cannot go on (a limit was hit or the YAML is malformed)."""


class _Builder:
    """Turns events into nodes, recording findings instead of raising."""

    def __init__(self, findings: list[Finding]) -> None:
        self.findings = findings
        self.anchors: dict[str, Node] = {}
        self.sizes: dict[int, int] = {}
        self.count = 0
        self.expanded = 0
        #: findings whose path is found once the tree is built: (index, node, key or None)
        self.unplaced: list[tuple[int, Node, str | None]] = []

    def add(
        self,
        code: str,
        message: str,
        line: int | None,
        column: int | None,
        node: Node | None = None,
        key: str | None = None,
    ) -> None:
        if node is not None:
            self.unplaced.append((len(self.findings), node, key))
        self.findings.append(Finding(code, Severity.ERROR, message, "", line, column))

    def build(self, next_event: Callable[[], ev.Event]) -> Node | None:
        event = next_event()  # StreamStartEvent
        event = next_event()
        if isinstance(event, ev.StreamEndEvent):
            self.add(codes.EMPTY_FILE, "the file holds no plan (it is empty or only comments)", 1, 1)
            return None
        root = self.document(next_event)
        event = next_event()
        if isinstance(event, ev.DocumentStartEvent):
            mark = event.start_mark
            self.add(
                codes.SEVERAL_DOCUMENTS,
                "the file holds more than one YAML document; a plan file holds one routine",
                mark.line + 1,
                mark.column + 1,
            )
        return root

    def document(self, next_event: Callable[[], ev.Event]) -> Node | None:
        # Iterative, with an explicit stack: [node, pending key node or None, start count]
        stack: list[list[object]] = []
        root: Node | None = None
        findings_add = self.add
        max_depth = limits.MAX_DEPTH
        max_string = limits.MAX_STRING_LENGTH
        scalar_event, alias_event = ev.ScalarEvent, ev.AliasEvent
        mapping_start, sequence_start = ev.MappingStartEvent, ev.SequenceStartEvent
        while True:
            event = next_event()
            cls = event.__class__
            node: Node
            if cls is scalar_event:
                mark = event.start_mark
                tag = event.tag
                value = event.value
                plain = not event.style and tag is None
                node = Scalar(value, plain, mark.line + 1, mark.column + 1)
                if tag is not None and tag not in _HARMLESS_TAGS:
                    findings_add(
                        codes.UNSUPPORTED_TAG,
                        f"YAML tags are not used in plans: {tag!r}; write the value as it is",
                        mark.line + 1,
                        mark.column + 1,
                        node,
                    )
                if len(value) > max_string:
                    findings_add(
                        codes.LIMIT_STRING,
                        f"a text of {len(value):,} characters is longer than the limit "
                        f"(MAX_STRING_LENGTH = {max_string:,})",
                        mark.line + 1,
                        mark.column + 1,
                        node,
                    )
                    node.value = value[:max_string]
                self.count += 1
                if event.anchor is not None:
                    self.anchors[event.anchor] = node
                    self.sizes[id(node)] = 1
            elif cls is mapping_start or cls is sequence_start:
                mark = event.start_mark
                if len(stack) >= max_depth:
                    findings_add(
                        codes.LIMIT_DEPTH,
                        f"nesting deeper than {max_depth} levels (MAX_DEPTH); a plan needs 4",
                        mark.line + 1,
                        mark.column + 1,
                    )
                    raise _Stop
                collection: Node = (
                    Mapping(mark.line + 1, mark.column + 1)
                    if cls is mapping_start
                    else Sequence(mark.line + 1, mark.column + 1)
                )
                tag = event.tag
                if tag is not None and tag not in _HARMLESS_TAGS:
                    findings_add(
                        codes.UNSUPPORTED_TAG,
                        f"YAML tags are not used in plans: {tag!r}",
                        mark.line + 1,
                        mark.column + 1,
                        collection,
                    )
                self.count += 1
                stack.append([collection, None, self.count, event.anchor])
                continue
            elif cls is alias_event:
                mark = event.start_mark
                target = self.anchors.get(event.anchor)
                if target is None:  # libyaml reports unknown anchors itself; be safe anyway
                    findings_add(
                        codes.YAML_SYNTAX,
                        f"alias *{event.anchor} names no anchor defined before it (recursive aliases are not allowed)",
                        mark.line + 1,
                        mark.column + 1,
                    )
                    raise _Stop
                size = self.sizes.get(id(target), 1)
                self.count += size  # an alias weighs what it expands to
                self.expanded += size
                if self.expanded > limits.MAX_ALIAS_EXPANSION:
                    findings_add(
                        codes.LIMIT_ALIASES,
                        "aliases expand to more than "
                        f"{limits.MAX_ALIAS_EXPANSION:,} nodes (MAX_ALIAS_EXPANSION)",
                        mark.line + 1,
                        mark.column + 1,
                    )
                    raise _Stop
                node = target
            else:  # MappingEndEvent, SequenceEndEvent (DocumentStart is consumed by build)
                if cls is ev.DocumentStartEvent:
                    continue
                if cls is ev.DocumentEndEvent:
                    return root
                top = stack.pop()
                node = top[0]  # type: ignore[assignment]
                anchor = top[3]
                if anchor is not None:
                    self.anchors[anchor] = node  # type: ignore[index]
                    self.sizes[id(node)] = self.count - top[2] + 1  # type: ignore[operator]
            # attach the finished node to its parent
            if not stack:
                root = node
                continue
            parent = stack[-1]
            container = parent[0]
            if container.__class__ is Sequence:
                container.items.append(node)  # type: ignore[attr-defined]
            elif parent[1] is None:  # a key
                parent[1] = node
            else:
                key = parent[1]
                parent[1] = None
                self.put(container, key, node)  # type: ignore[arg-type]

    def put(self, mapping: Mapping, key: Node, value: Node) -> None:
        if not isinstance(key, Scalar):
            self.add(
                codes.WRONG_KIND,
                f"a mapping key must be a plain name, not {key.kind}",
                key.line,
                key.column,
            )
            return
        first = mapping.items.get(key.value)
        if first is not None:
            self.add(
                codes.DUPLICATE_KEY,
                f"key {key.value!r} is given twice in this mapping "
                f"(first on line {first[0].line}); the second would silently win",
                key.line,
                key.column,
                mapping,
                key.value,
            )
            return
        mapping.items[key.value] = (key, value)


def build_tree(text: str) -> tuple[Node | None, list[Finding]]:
    """Parse ``text`` into a located node tree; findings for everything wrong on the way.

    Returns ``(None, findings)`` when no tree could be built (a syntax error, a limit, no
    document). Never raises for any text.
    """
    findings: list[Finding] = []
    parser = CParser(text)
    builder = _Builder(findings)
    try:
        root = builder.build(parser.get_event)
    except _Stop:
        root = None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or "malformed YAML"
        context = f" {exc.context}" if exc.context else ""
        builder.add(
            codes.YAML_SYNTAX,
            f"not valid YAML: {problem}{context}",
            mark.line + 1 if mark else None,
            mark.column + 1 if mark else None,
        )
        root = None
    except yaml.YAMLError as exc:  # ReaderError: a character YAML does not allow
        line, column = _place(text, getattr(exc, "position", None))
        builder.add(codes.YAML_SYNTAX, f"not valid YAML: {exc}", line, column)
        root = None
    finally:
        parser.dispose()
    if builder.unplaced and root is not None:
        paths = _paths(root)
        for index, node, key in builder.unplaced:
            parts = paths.get(id(node))
            if parts is not None:
                found = findings[index]
                path = render_path((*parts, key) if key is not None else parts)
                findings[index] = Finding(
                    found.code, found.severity, found.message, path, found.line, found.column
                )
    return root, findings


def _paths(root: Node) -> dict[int, PathParts]:
    """The path of every node in the tree, by identity (the first path of a shared node)."""
    out: dict[int, PathParts] = {}
    todo: list[tuple[Node, PathParts]] = [(root, ())]
    while todo:
        node, parts = todo.pop()
        if id(node) in out:
            continue
        out[id(node)] = parts
        if isinstance(node, Mapping):
            todo.extend((value, (*parts, key)) for key, (_, value) in node.items.items())
        elif isinstance(node, Sequence):
            todo.extend((item, (*parts, i)) for i, item in enumerate(node.items))
    return out


def _place(text: str, byte_offset: int | None) -> tuple[int | None, int | None]:
    if byte_offset is None:
        return None, None
    prefix = text.encode("utf-8")[:byte_offset].decode("utf-8", "replace")
    line = prefix.count("\n") + 1
    return line, len(prefix) - (prefix.rfind("\n") + 1) + 1


def locate(root: Node | None, parts: PathParts) -> tuple[int | None, int | None]:
    """The line and column of the value at ``parts``, or of the nearest enclosing value."""
    node = root
    if node is None:
        return None, None
    for part in parts:
        child: Node | None = None
        if isinstance(part, int):
            if isinstance(node, Sequence) and 0 <= part < len(node.items):
                child = node.items[part]
        elif isinstance(node, Mapping):
            entry = node.items.get(part)
            if entry is not None:
                child = entry[1]
        if child is None:
            break
        node = child
    return node.line, node.column
