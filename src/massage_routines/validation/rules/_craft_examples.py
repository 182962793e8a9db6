"""The example plans of the craft findings (K001-K008): one that gets each code, one that does not.

Each pair differs in a line or two (the fix); ``explain`` and docs/rules.md show them, and
tests/test_rules_codes.py holds every pair to its code.
"""

from __future__ import annotations

from massage_routines.validation.rules.examples import plan, step_text

BASE = plan(
    step_text("effleurage", "back", 2, "5m"),
    step_text("petrissage", "back", 3, "10m"),
    step_text("effleurage", "back", 1, "5m"),
)


def edit(old: str, new: str, base: str = BASE) -> str:
    """``base`` with ``old`` (found once) replaced by ``new``."""
    assert base.count(old) == 1, old
    return base.replace(old, new)


#: The opening and the closing step of :data:`BASE` without their lengths (for :func:`edit`).
FIRST = "  - technique: effleurage\n    region: back\n    pressure: 2\n"
LAST = "  - technique: effleurage\n    region: back\n    pressure: 1\n"

WARM_UP = plan(
    step_text("effleurage", "back", 2, "1m"),
    step_text("petrissage", "back", 4, "4m"),
    step_text("petrissage", "back", 3, "5m"),
    step_text("effleurage", "back", 2, "10m"),
)

FLUSH = plan(
    step_text("effleurage", "back", 2, "3m"),
    step_text("petrissage", "back.upper", 4, "4m"),
    step_text("petrissage", "neck.posterior", 3, "6m"),
    step_text("effleurage", "neck.posterior", 2, "7m"),
)

DEEP = plan(
    step_text("effleurage", "back", 2, "10m"),
    step_text("stripping", "back.upper", 4, "5m"),
    step_text("stripping", "back.lower", 4, "5m"),
    step_text("effleurage", "back", 2, "10m"),
    name="Low back release",
    style="deep_tissue",
)

LIMB = edit(
    "  - technique: petrissage\n",
    "  - technique: effleurage\n    region: leg\n    pressure: 1\n    duration: 5m\n"
    "  - technique: petrissage\n",
)

REPEAT = edit(
    "  - technique: petrissage\n",
    "  - technique: petrissage\n    region: back\n    pressure: 3\n    duration: 5m\n"
    "  - technique: petrissage\n",
)

TURN = edit(
    "  - technique: petrissage\n",
    "  - technique: effleurage\n    region: head\n    pressure: 1\n    duration: 5m\n"
    "    position: supine\n  - technique: petrissage\n",
)
