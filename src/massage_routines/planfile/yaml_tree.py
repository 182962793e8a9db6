"""Plan text → a tree of located YAML nodes, strictly and within the reader's limits.

The tree is built from libyaml's event stream (PyYAML's ``CParser``), never through PyYAML's
constructors: nothing is converted behind our back (``no`` stays the text ``no``, ``1:30`` stays
``1:30``), every node keeps its place in the file, duplicate keys and tags are findings, and
nesting and alias expansion are bounded as the events arrive. (libyaml's own composer recurses
in C and crashes the interpreter on deep nesting, so it is not used; this builder recurses at
most ``MAX_DEPTH`` levels.)

Nodes keep libyaml's mark and work out their 1-based line and column only when asked: a valid
plan never pays for places it does not report.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import yaml
from yaml import events as ev

from massage_routines.findings import Finding, PathParts, Severity
from massage_routines.planfile import codes, limits
from massage_routines.planfile.yaml_checks import LONE_INDICATORS, check, suspicious

if TYPE_CHECKING:
    from collections.abc import Callable


def _libyaml_parser() -> Any:
    """libyaml's parser, PyYAML's private compiled ``CParser``; ``None`` where PyYAML lacks it."""
    try:
        from yaml._yaml import CParser
    except ImportError:
        return None
    return CParser


CParser = _libyaml_parser()


class Node:
    """A YAML node and its place in the file (``mark``: libyaml's, 0-based; ``None`` for data)."""

    __slots__ = ("mark",)

    kind = "a value"

    def __init__(self, mark: Any) -> None:
        self.mark = mark

    @property
    def line(self) -> int | None:
        """1-based line, or ``None`` for a node that is not from a file."""
        return None if self.mark is None else self.mark.line + 1

    @property
    def column(self) -> int | None:
        """1-based column, or ``None`` for a node that is not from a file."""
        return None if self.mark is None else self.mark.column + 1


class Scalar(Node):
    """A scalar as written: its text, and whether it was plain (unquoted and untagged)."""

    __slots__ = ("plain", "value")

    kind = "a scalar"

    def __init__(self, value: str, plain: bool, mark: Any) -> None:
        self.mark = mark
        self.value = value
        self.plain = plain


class Mapping(Node):
    """A mapping: ``items`` maps each key's text to its value; ``keys`` to the key's mark."""

    __slots__ = ("items", "keys")

    kind = "a mapping"

    def __init__(self, mark: Any) -> None:
        self.mark = mark
        self.items: dict[str, Node] = {}
        self.keys: dict[str, Any] = {}

    def key_place(self, key: str) -> tuple[int | None, int | None]:
        """The 1-based line and column of ``key`` itself."""
        mark = self.keys.get(key)
        return (None, None) if mark is None else (mark.line + 1, mark.column + 1)


class Sequence(Node):
    """A list of nodes."""

    __slots__ = ("items",)

    kind = "a list"

    def __init__(self, mark: Any) -> None:
        self.mark = mark
        self.items: list[Node] = []


#: Tags that change nothing about how the value is read.
_HARMLESS_TAGS = frozenset(
    {"tag:yaml.org,2002:str", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq", "!"}
)
_SCALAR = ev.ScalarEvent
_ALIAS = ev.AliasEvent
_MAPPING_START = ev.MappingStartEvent
_MAPPING_END = ev.MappingEndEvent
_SEQUENCE_END = ev.SequenceEndEvent


class _Stop(Exception):
    """Building the tree cannot go on (a limit was hit or the YAML is malformed)."""


class _Builder:
    """Turns events into nodes, recording findings instead of raising."""

    def __init__(self, next_event: Callable[[], Any], findings: list[Finding]) -> None:
        self.next = next_event
        self.findings = findings
        self.anchors: dict[str, Node] = {}
        self.sizes: dict[int, int] = {}
        self.count = 0  # nodes so far, aliases weighing what they expand to
        self.expanded = 0  # nodes added by aliases
        #: findings whose path is found once the tree is built: (index, node, key or None)
        self.unplaced: list[tuple[int, Node, str | None]] = []
        #: a sign that libyaml may have misread the text (see ``yaml_checks``)
        self.suspect = False

    def add(
        self,
        code: str,
        message: str,
        mark: Any,
        node: Node | None = None,
        key: str | None = None,
    ) -> None:
        if node is not None:
            self.unplaced.append((len(self.findings), node, key))
        line, column = (None, None) if mark is None else (mark.line + 1, mark.column + 1)
        self.findings.append(Finding(code, Severity.ERROR, message, "", line, column))

    def build(self) -> Node | None:
        next_event = self.next
        next_event()  # StreamStartEvent
        if next_event().__class__ is ev.StreamEndEvent:
            self.findings.append(
                Finding(
                    codes.EMPTY_FILE,
                    Severity.ERROR,
                    "the file holds no plan (it is empty or only comments)",
                    "",
                    1,
                    1,
                )
            )
            return None
        root = self.node(next_event(), 0)  # the event after DocumentStartEvent
        next_event()  # DocumentEndEvent
        event = next_event()
        if event.__class__ is ev.DocumentStartEvent:
            self.add(
                codes.SEVERAL_DOCUMENTS,
                "the file holds more than one YAML document; a plan file holds one routine",
                event.start_mark,
            )
        return root

    def scalar(self, event: Any) -> Scalar:
        """Any scalar, the slow way: tags, anchors and long texts are looked at."""
        tag = event.tag
        value = event.value
        node = Scalar(value, not event.style and tag is None, event.start_mark)
        if event.style:
            self.styled(event)
        self.count += 1
        if tag is not None and tag not in _HARMLESS_TAGS:
            self.add(
                codes.UNSUPPORTED_TAG,
                f"YAML tags are not used in plans: {tag!r}; write the value as it is",
                node.mark,
                node,
            )
        if len(value) > limits.MAX_STRING_LENGTH:
            self.add(
                codes.LIMIT_STRING,
                f"a text of {len(value):,} characters is longer than the limit "
                f"(MAX_STRING_LENGTH = {limits.MAX_STRING_LENGTH:,})",
                node.mark,
                node,
            )
            node.value = value[: limits.MAX_STRING_LENGTH]
        if event.anchor is not None:
            self.anchors[event.anchor] = node
            self.sizes[id(node)] = 1
        return node

    def node(self, event: Any, depth: int) -> Node:
        """The node that starts with ``event``; collections recurse, at most MAX_DEPTH deep."""
        cls = event.__class__
        if cls is _SCALAR:
            return self.scalar(event)
        if cls is _ALIAS:
            return self.alias(event)
        mark = event.start_mark
        if depth >= limits.MAX_DEPTH:
            self.add(
                codes.LIMIT_DEPTH,
                f"nesting deeper than {limits.MAX_DEPTH} levels (MAX_DEPTH); a plan needs 4",
                mark,
            )
            raise _Stop
        self.count += 1
        if self.count > limits.MAX_NODES:
            self.too_many(mark)
        start = self.count
        next_event = self.next
        depth += 1
        max_string = limits.MAX_STRING_LENGTH
        collection: Mapping | Sequence
        if cls is _MAPPING_START:
            collection = mapping = Mapping(mark)
            items = mapping.items
            keys = mapping.keys
            while True:
                key_event = next_event()
                if key_event.__class__ is _MAPPING_END:
                    break
                if self.count > limits.MAX_NODES:
                    self.too_many(key_event.start_mark)
                if (
                    key_event.__class__ is _SCALAR
                    and key_event.tag is None
                    and key_event.anchor is None
                    and len(key_event.value) <= max_string
                ):
                    key: Node | str = key_event.value
                    key_mark = key_event.start_mark
                    self.count += 1
                else:
                    key = self.node(key_event, depth)
                    key_mark = key.mark
                value_event = next_event()
                if (
                    value_event.__class__ is _SCALAR
                    and value_event.tag is None
                    and value_event.anchor is None
                    and len(value_event.value) <= max_string
                ):
                    style = value_event.style
                    value: Node = Scalar(value_event.value, not style, value_event.start_mark)
                    if style:
                        self.styled(value_event)
                    self.count += 1
                else:
                    value = self.node(value_event, depth)
                if key.__class__ is str and key not in items:
                    items[key] = value
                    keys[key] = key_mark
                else:
                    self.odd_key(mapping, key, key_mark, value)
        else:  # SequenceStartEvent
            collection = sequence = Sequence(mark)
            append = sequence.items.append
            while True:
                item_event = next_event()
                item_class = item_event.__class__
                if item_class is _SEQUENCE_END:
                    break
                if self.count > limits.MAX_NODES:
                    self.too_many(item_event.start_mark)
                if (
                    item_class is _SCALAR
                    and item_event.tag is None
                    and item_event.anchor is None
                    and len(item_event.value) <= max_string
                ):
                    style = item_event.style
                    append(Scalar(item_event.value, not style, item_event.start_mark))
                    if style:
                        self.styled(item_event)
                    self.count += 1
                else:
                    append(self.node(item_event, depth))
        if event.flow_style:
            self.flow(collection, mark, item_event if cls is not _MAPPING_START else key_event)
        tag = event.tag
        if tag is not None and tag not in _HARMLESS_TAGS:
            self.add(
                codes.UNSUPPORTED_TAG, f"YAML tags are not used in plans: {tag!r}", mark, collection
            )
        if event.anchor is not None:
            self.anchors[event.anchor] = collection
            self.sizes[id(collection)] = self.count - start + 1
        return collection

    def styled(self, event: Any) -> None:
        """A quoted or block scalar: note the signs of what libyaml may misread."""
        if event.style in "|>":
            value = event.value
            self.suspect = self.suspect or not value or value[0] == "\n"
        elif event.end_mark.line != event.start_mark.line:
            self.suspect = True

    def flow(self, collection: Mapping | Sequence, mark: Any, end: Any) -> None:
        """A flow collection: note the signs of what libyaml may misread."""
        if end.start_mark.line != mark.line:
            self.suspect = True
            return
        values = collection.items.values() if isinstance(collection, Mapping) else collection.items
        for item in values:
            if isinstance(item, Scalar) and item.plain and item.value in LONE_INDICATORS:
                self.suspect = True
        if isinstance(collection, Mapping) and LONE_INDICATORS.intersection(collection.items):
            self.suspect = True

    def too_many(self, mark: Any) -> None:
        self.add(
            codes.LIMIT_NODES,
            f"the file holds more than {limits.MAX_NODES:,} values (MAX_NODES); "
            "no plan is this big",
            mark,
        )
        raise _Stop

    def alias(self, event: Any) -> Node:
        target = self.anchors.get(event.anchor)
        if target is None:  # an alias inside its own anchor: a recursive structure
            self.add(
                codes.YAML_SYNTAX,
                f"alias *{event.anchor} names no anchor defined before it "
                "(recursive aliases are not allowed)",
                event.start_mark,
            )
            raise _Stop
        size = self.sizes.get(id(target), 1)
        self.count += size  # an alias weighs what it expands to
        self.expanded += size
        if self.expanded > limits.MAX_ALIAS_EXPANSION:
            self.add(
                codes.LIMIT_ALIASES,
                f"aliases expand to more than {limits.MAX_ALIAS_EXPANSION:,} nodes "
                "(MAX_ALIAS_EXPANSION)",
                event.start_mark,
            )
            raise _Stop
        return target

    def odd_key(self, mapping: Mapping, key: Node | str, mark: Any, value: Node) -> None:
        """A key that is not plain text (tagged, anchored, an alias), or is given twice."""
        if not isinstance(key, str):
            if isinstance(key, Scalar):  # a tagged or anchored key, or an alias of a scalar
                if key.value not in mapping.items:  # its entry counts like any other
                    mapping.items[key.value] = value
                    mapping.keys[key.value] = mark
                    return
                key = key.value
            else:
                self.add(
                    codes.WRONG_KIND, f"a mapping key must be a plain name, not {key.kind}", mark
                )
                return
        first_line, _ = mapping.key_place(key)
        self.add(
            codes.DUPLICATE_KEY,
            f"key {key!r} is given twice in this mapping "
            f"(first on line {first_line}); the second would silently win",
            mark,
            mapping,
            key,
        )


def build_tree(text: str, _prefix: bool = False) -> tuple[Node | None, list[Finding]]:
    """Parse ``text`` into a located node tree; findings for everything wrong on the way.

    Returns ``(None, findings)`` when no tree could be built (a syntax error, a limit, no
    document). Never raises for any text.
    """
    findings: list[Finding] = []
    if CParser is None:
        return None, [_NO_LIBYAML]
    parser = CParser(text)
    builder = _Builder(parser.get_event, findings)
    try:
        root = builder.build()
    except _Stop:
        root = None
    except yaml.MarkedYAMLError as exc:
        if exc.problem == _LIBYAML_TOO_DEEP and not _prefix:
            # libyaml (PyYAML >= 6.0.4) stops nesting at 1000 levels before we see the events
            # that would reach MAX_DEPTH: read what comes before its stop, where ours is.
            findings.append(_too_deep(text, exc.problem_mark))
            parser.dispose()
            return None, findings
        problem = " ".join((exc.problem or "malformed YAML").split())
        context = " " + " ".join(exc.context.split()) if exc.context else ""
        builder.add(
            codes.YAML_SYNTAX,
            f"not valid YAML: {problem}{context}",
            exc.problem_mark or exc.context_mark,
        )
        root = None
    except yaml.YAMLError as exc:  # ReaderError: a character YAML does not allow
        line, column = _place(text, getattr(exc, "position", None))
        character = getattr(exc, "character", None)
        if isinstance(character, str):
            what = f"the character U+{ord(character):04X} is not allowed in YAML"
        elif isinstance(character, int):
            what = f"the character U+{character:04X} is not allowed in YAML"
        else:
            what = " ".join(str(exc).split())
        findings.append(
            Finding(codes.YAML_SYNTAX, Severity.ERROR, f"not valid YAML: {what}", "", line, column)
        )
        root = None
    finally:
        parser.dispose()
    if root is not None and (builder.suspect or suspicious(text)):
        again = CParser(text)
        try:
            misread = check(text, again.get_event)
        finally:
            again.dispose()
        if misread is not None:
            return None, [*findings, misread]
    if builder.unplaced and root is not None:
        paths = _paths(root)
        for index, node, key in builder.unplaced:
            parts = paths.get(id(node))
            if parts is not None:
                found = findings[index]
                where = (*parts, key) if key is not None else parts
                findings[index] = Finding.at(
                    found.code, found.severity, found.message, where, found.line, found.column
                )
    return root, findings


#: The one message where PyYAML was installed without libyaml.
_NO_LIBYAML = Finding(
    codes.YAML_SYNTAX,
    Severity.ERROR,
    "cannot read YAML: this PyYAML has no libyaml (yaml._yaml.CParser), which the plan reader "
    "needs; install a PyYAML built with libyaml (pip install --force-reinstall PyYAML)",
    "",
    1,
    1,
)

#: libyaml's own nesting limit (1000 levels, PyYAML >= 6.0.4): far past MAX_DEPTH.
_LIBYAML_TOO_DEEP = "exceeded maximum nesting depth"


def _too_deep(text: str, mark: Any) -> Finding:
    """The R008 for a text libyaml found nested too deep: ours, at the level past MAX_DEPTH."""
    end = mark.index  # libyaml counts characters
    for found in build_tree(text[:end], _prefix=True)[1]:
        if found.code == codes.LIMIT_DEPTH:
            return found
    return Finding(  # not reached by any text we know of; R008 all the same
        codes.LIMIT_DEPTH,
        Severity.ERROR,
        f"nesting deeper than {limits.MAX_DEPTH} levels (MAX_DEPTH); a plan needs 4",
        "",
        mark.line + 1,
        mark.column + 1,
    )


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
            todo.extend((value, (*parts, key)) for key, value in node.items.items())
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
            child = node.items.get(part)
        if child is None:
            break
        node = child
    return node.line, node.column
