"""The example plans of the craft findings (K001-K008): one that gets each code, one that does not.

Each pair differs in a line or two (the fix); ``explain`` and docs/rules.md show them, and
tests/test_rules_codes.py holds every pair to its code.
"""

from __future__ import annotations

BASE = """\
name: Back care
style: swedish
position: prone
steps:
  - technique: effleurage
    region: back
    pressure: 2
    duration: 5m
  - technique: petrissage
    region: back
    pressure: 3
    duration: 10m
  - technique: effleurage
    region: back
    pressure: 1
    duration: 5m
"""


def edit(old: str, new: str, base: str = BASE) -> str:
    """``base`` with ``old`` (found once) replaced by ``new``."""
    assert base.count(old) == 1, old
    return base.replace(old, new)


FIRST = "  - technique: effleurage\n    region: back\n    pressure: 2\n"
LAST = "  - technique: effleurage\n    region: back\n    pressure: 1\n"

WARM_UP = """\
name: Back care
style: swedish
position: prone
steps:
  - technique: effleurage
    region: back
    pressure: 2
    duration: 1m
  - technique: petrissage
    region: back
    pressure: 4
    duration: 4m
  - technique: petrissage
    region: back
    pressure: 3
    duration: 5m
  - technique: effleurage
    region: back
    pressure: 2
    duration: 10m
"""

FLUSH = """\
name: Back care
style: swedish
position: prone
steps:
  - technique: effleurage
    region: back
    pressure: 2
    duration: 3m
  - technique: petrissage
    region: back.upper
    pressure: 4
    duration: 4m
  - technique: petrissage
    region: neck.posterior
    pressure: 3
    duration: 6m
  - technique: effleurage
    region: neck.posterior
    pressure: 2
    duration: 7m
"""

DEEP = """\
name: Low back release
style: deep_tissue
position: prone
steps:
  - technique: effleurage
    region: back
    pressure: 2
    duration: 10m
  - technique: stripping
    region: back.upper
    pressure: 4
    duration: 5m
  - technique: stripping
    region: back.lower
    pressure: 4
    duration: 5m
  - technique: effleurage
    region: back
    pressure: 2
    duration: 10m
"""

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
