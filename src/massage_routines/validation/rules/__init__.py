"""The built-in safety rules of domain.md, registered as a plugin (entry point ``rules``).

One rule per family, each in its own module, each declaring every code it gives with an example
plan that triggers it and one that does not (``massage-routines explain CODE`` shows them):

==============  ==========  ==============================================================
rule            codes       what
==============  ==========  ==============================================================
vocabulary      V001-V008   every name is known; conditions have the details they need
flags           F001        no step touches a flagged region
conditions      C001-C010   refusals, clearances, avoided regions, caps, bans, warnings
sites           E001-E003   endangerment sites take broad, light contact
techniques      T001-T005   each step within its technique's range, positions, sites, length
styles          S001-S007   each step within its style (its reach, its pressure); the length
progression     P001-P002   warm-up before deep work; gradual pressure changes
craft           K001-K008   how a therapist would run it (off by default: ``--craft``)
==============  ==========  ==============================================================

The example plans are written with :mod:`~massage_routines.validation.rules.examples` (each
says how it differs from the usual "Back care" session); what the rules share lives in
``_index`` (per-registry tables, paths, the plan's position) and :mod:`massage_routines.text`
(how counts, names and suggestions are worded).

The rules read numbers and names from the records plugins provide (techniques, styles, sites,
conditions), never from constants of their own, so a plugin or an application can change them;
the facts of good practice the composer follows too (warm-up, gradual pressure, the craft) have
one home, :mod:`massage_routines.practice`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from massage_routines.plugins.markers import hookimpl
from massage_routines.validation.rules import (
    conditions,
    craft,
    flags,
    progression,
    sites,
    styles,
    techniques,
    vocabulary,
)

if TYPE_CHECKING:
    from massage_routines.plugins.records import RuleSpec

#: Every built-in rule, in the order they run.
RULES: tuple[RuleSpec, ...] = (
    vocabulary.RULE,
    flags.RULE,
    conditions.RULE,
    sites.RULE,
    techniques.RULE,
    styles.RULE,
    progression.RULE,
    craft.RULE,
)


@hookimpl
def massage_rules() -> list[RuleSpec]:
    """Every built-in rule."""
    return list(RULES)
