"""What libyaml misreads or wrongly accepts, caught from its event marks and the text around them.

libyaml (and so PyYAML) reads a few valid inputs as different data (``&a:b x`` gives the text
``:b x``; ``{?foo: bar}`` the key ``foo``; ``|+`` at the end of a file without a line break) and
accepts a few invalid ones (``"x"# comment``, ``[a,\\nb]`` under a key at the margin, ``[-]``).
:func:`check` reads the events again and refuses each of these with a located R004 finding.

It costs a second parse, so :func:`build_tree` runs it only when the text or the tree shows a
sign of one of them (:func:`suspicious`, and the builder's own signs): a typical plan has none.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import Any

from yaml import events as ev

from massage_routines.findings import Finding, Severity
from massage_routines.planfile import codes

#: Plain scalars that are only an indicator: libyaml reads ``[-]`` as the text ``-``.
LONE_INDICATORS = frozenset({"-", "?", ":"})
_AFTER_NAME = frozenset(" \t\r\n,[]{}")
_SPACE = frozenset(" \t\r\n\x85\u2028\u2029")
#: What libyaml counts as a line break.
_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def split_lines(text: str) -> list[str]:
    """``text``'s lines as libyaml counts them (its marks' ``line`` indexes this list)."""
    return _BREAK.split(text)


def suspicious(text: str) -> bool:
    """Whether ``text`` has a sign of a misreading the tree cannot show (cheap: C-speed finds)."""
    if "?" in text or "&" in text or "*" in text or text[-1:] in (" ", "\t"):
        return True
    at = text.find("#")
    while at > 0:
        if text[at - 1] not in _SPACE:
            return True
        at = text.find("#", at + 1)
    return False


class _Refuse(Exception):
    def __init__(self, message: str, line: int, column: int) -> None:
        super().__init__(message)
        self.finding = Finding(
            codes.YAML_SYNTAX, Severity.ERROR, f"not valid YAML: {message}", "", line, column
        )


def check(text: str, get_event: Any) -> Finding | None:
    """The first misreading in ``text`` (whose events ``get_event`` gives again), or ``None``."""
    try:
        _Checker(text).run(get_event)
    except _Refuse as refused:
        return refused.finding
    return None


class _Checker:
    def __init__(self, text: str) -> None:
        self.text = text
        self.lines = split_lines(text)
        #: where scalars' text lies: a ``#`` in there is text, elsewhere a comment
        self.starts: list[int] = []
        self.ends: list[int] = []

    def run(self, get_event: Any) -> None:
        text = self.text
        block: list[int] = []  # columns of the open block collections
        flow: list[Any] = []  # start marks of the open flow collections
        outer: tuple[Any, int] | None = None  # the outermost open flow collection, its indent
        while True:
            event = get_event()
            if event is None or event.__class__ in (ev.StreamEndEvent, ev.DocumentEndEvent):
                break  # the builder reads one document: so does the check
            cls = event.__class__
            if cls in (ev.MappingStartEvent, ev.SequenceStartEvent, ev.ScalarEvent, ev.AliasEvent):
                self.node_start(event)
            if cls in (ev.MappingStartEvent, ev.SequenceStartEvent):
                if event.flow_style:
                    if not flow:
                        outer = (event.start_mark, block[-1] if block else -1)
                    flow.append(event.start_mark)
                else:
                    block.append(event.start_mark.column)
            elif cls in (ev.MappingEndEvent, ev.SequenceEndEvent):
                if flow:
                    flow.pop()
                    if not flow and outer is not None:
                        start, indent = outer
                        self.indented(start.line, event.start_mark.line, indent, True)
                elif block:
                    block.pop()
            elif cls is ev.ScalarEvent:
                self.scalar(event, bool(flow), block[-1] if block else -1)
        mark: Any = None if event is None else event.end_mark
        self.comments(len(text) if mark is None else mark.index)

    def node_start(self, event: Any) -> None:
        text = self.text
        mark = event.start_mark
        if mark.index and text[mark.index - 1] == "?":
            raise _Refuse(
                "'?' right before a value marks a key for this YAML reader; "
                "write '? ' with a space, or quote the text",
                mark.line + 1,
                mark.column,
            )
        anchor = event.anchor
        if anchor is not None:
            sign = "*" if event.__class__ is ev.AliasEvent else "&"
            at = text.find(sign + anchor, mark.index)
            after = at + len(anchor) + 1
            if at < 0 or (after < len(text) and text[after] not in _AFTER_NAME):
                raise _Refuse(
                    f"the name after {sign!r} may hold only letters, digits, '-' and '_' here",
                    mark.line + 1,
                    mark.column + 1,
                )

    def scalar(self, event: Any, in_flow: bool, indent: int) -> None:
        start, end = event.start_mark, event.end_mark
        style = event.style
        if not style and in_flow and event.value in LONE_INDICATORS:
            raise _Refuse(
                f"{event.value!r} alone is not a value inside [ ] or {{ }}; quote it",
                start.line + 1,
                start.column + 1,
            )
        if style in ("|", ">"):
            self.block_scalar(event)
            body = self.text.find("\n", start.index) + 1 or end.index
            self.starts.append(body)
        else:
            self.starts.append(start.index)
            if style and not in_flow and end.line > start.line:
                self.indented(start.line, end.line, indent, False)
        self.ends.append(end.index)

    def block_scalar(self, event: Any) -> None:
        text, lines = self.text, self.lines
        start, end = event.start_mark, event.end_mark
        last = len(text) - len(lines[-1]) - 1  # where the file's last line break is (about)
        if text[-1:] not in _SPACE - {" ", "\t"} and not lines[-1].strip() and end.index >= last:
            raise _Refuse(
                "a block scalar ('|' or '>') that ends the file needs a final line break",
                len(lines),
                1,
            )
        header = lines[start.line][start.column :].split("#", 1)[0]
        if any(c.isdigit() for c in header):
            return
        widest = 0
        for number in range(start.line + 1, len(lines)):
            line = lines[number]
            if line.strip(" "):
                spaces = len(line) - len(line.lstrip(" "))
                if widest > spaces:
                    raise _Refuse(
                        "blank lines at the start of a block scalar have more spaces than "
                        "its first line",
                        start.line + 2,
                        1,
                    )
                return
            widest = max(widest, len(line))

    def indented(self, first: int, last: int, indent: int, comments: bool) -> None:
        """Each line after ``first`` up to ``last`` is indented more than ``indent``."""
        for number in range(first + 1, last + 1):
            line = self.lines[number]
            content = line.lstrip(" \t")
            if not content or (comments and content.startswith("#")):
                continue
            spaces = len(line) - len(line.lstrip(" "))
            if spaces <= indent:
                raise _Refuse(
                    "a value continued on the next line must be indented more than its key "
                    "or '-' (with spaces, not tabs)",
                    number + 1,
                    spaces + 1,
                )

    def comments(self, end: int) -> None:
        text = self.text
        at = text.find("#", 0, end)
        while at > 0:
            if text[at - 1] not in _SPACE:
                inside = bisect_right(self.starts, at) - 1
                if inside < 0 or at >= self.ends[inside]:
                    before = split_lines(text[:at])
                    raise _Refuse(
                        "a comment needs a space before '#'", len(before), len(before[-1]) + 1
                    )
            at = text.find("#", at + 1, end)
