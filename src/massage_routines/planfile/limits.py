"""Resource limits of the plan reader: each is a named constant, and each breach is a finding.

A plan is a few kilobytes of YAML; these limits are far above any real plan and far below what
would let a hostile file cost more than a fraction of a second or a few megabytes to reject.
"""

from __future__ import annotations

#: Largest plan file, in bytes (a 2,000-step plan is about 200 KiB).
MAX_FILE_BYTES = 1024 * 1024
#: Deepest nesting of mappings and lists (a plan needs 4).
MAX_DEPTH = 32
#: Most nodes that aliases may add by expanding anchors (the "billion laughs" guard).
MAX_ALIAS_EXPANSION = 10_000
#: Most nodes (keys, values, items) in one file, aliases counted as what they expand to
#: (a 10,000-step plan has about 130,000).
MAX_NODES = 200_000
#: Most steps in one routine.
MAX_STEPS = 10_000
#: Longest text value, in characters (names, notes, reasons).
MAX_STRING_LENGTH = 10_000
#: Most findings reported for one file; the rest are counted in a last finding.
MAX_FINDINGS = 1_000
