"""Escaping untrusted plan text for HTML, SVG (XML) and Markdown: the one place that does it.

Plans are untrusted input: every text a plan gives (its name, notes, reasons, finding messages
that quote it) goes through :func:`xml_text` before it reaches HTML or SVG, and through
:func:`markdown_text` before it reaches Markdown.
"""

from __future__ import annotations

import html
import re

#: Characters XML 1.0 does not allow at all (not even as references), and lone surrogates.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~>-])")
_WHITESPACE = re.compile(r"\s+")


def xml_text(text: str) -> str:
    """``text`` safe inside an HTML or SVG element or a quoted attribute."""
    return html.escape(_NOT_XML.sub("\ufffd", text), quote=True)


def markdown_text(text: str) -> str:
    """``text`` safe in a Markdown paragraph or table cell: one line, HTML escaped, and no
    character that Markdown would read as markup (``|`` would split a table cell)."""
    one_line = _WHITESPACE.sub(" ", text).strip()
    # quotes stay as they are: Markdown gives them no meaning, and in an escaped ``&#x27;`` the
    # ``#`` would be escaped next, which breaks the reference (a reader saw "&#x27;" for "'")
    escaped = html.escape(_NOT_XML.sub("\ufffd", one_line), quote=False)
    return _MARKDOWN_SPECIAL.sub(r"\\\1", escaped)
