"""The built-in safety rules of domain.md, registered as a plugin (entry point ``rules``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from massage_routines.plugins.markers import hookimpl

if TYPE_CHECKING:
    from massage_routines.plugins.records import RuleSpec


@hookimpl
def massage_rules() -> list[RuleSpec]:
    """Every built-in rule."""
    return []
