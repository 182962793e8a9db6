"""Plain Python data (dicts, lists, str, int, bool, None) → the reader's nodes.

So a routine given as data (parsed JSON, a dict built in an application) is structured by the
very same strict code as a plan file: same checks, same findings (with paths; no lines).
"""

from __future__ import annotations

from massage_routines.planfile.yaml_tree import Mapping, Node, Scalar, Sequence


def to_node(value: object) -> Node:
    """The node a YAML file holding ``value`` would give (no place in a file: line 0)."""
    if isinstance(value, str):
        return Scalar(value, False, 0, 0)
    if value is None:
        return Scalar("null", True, 0, 0)
    if isinstance(value, bool):
        return Scalar("true" if value else "false", True, 0, 0)
    if isinstance(value, int | float):
        return Scalar(repr(value), True, 0, 0)
    if isinstance(value, dict):
        mapping = Mapping(0, 0)
        for key, item in value.items():
            key_node = Scalar(str(key), not isinstance(key, str), 0, 0)
            mapping.items[str(key)] = (key_node, to_node(item))
        return mapping
    if isinstance(value, list | tuple):
        sequence = Sequence(0, 0)
        sequence.items = [to_node(item) for item in value]
        return sequence
    return Scalar(f"<{type(value).__name__}>", False, 0, 0)
