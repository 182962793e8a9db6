"""Plain Python data (dicts, lists, str, int, bool, None) → the reader's nodes.

So a routine given as data (parsed JSON, a dict built in an application) is structured by the
very same strict code as a plan file: same checks, same findings (with paths; no lines).
"""

from __future__ import annotations

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
