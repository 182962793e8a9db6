# Copied from the project's reference material: shared/peers/peers/peer_common.py
# (the benchmark's plan generator and what it shares with the peers). The original carries no
# licence notice or author line of its own; it came to the project with that reference material.
# Unchanged apart from this header,
# so that a fresh clone runs tests/test_rules_generated.py without shared/ beside it.
# To refresh: copy the file again and re-apply that change; ruff skips this file (pyproject).
"""What the peers share: the plan vocabulary and its small rules.

Region tree, styles, positions and pressure names come from the contract
(shared/spec/plan-format.md). Techniques and conditions come from the domain reference
(shared/domain.md): the 14 techniques of its section 3 and the 31 conditions of its section 5,
each condition with the details its "takes" column gives.
"""
import re
import sys
from pathlib import Path

import yaml

FORMAT = "massage-routine/1"
REGIONS = (
    "head", "head.scalp", "head.face",
    "neck", "neck.posterior", "neck.anterior",
    "shoulder", "shoulder.left", "shoulder.right",
    "back", "back.upper", "back.middle", "back.lower",
    "glutes", "glutes.left", "glutes.right",
    "chest", "abdomen",
    "arm", "arm.left", "arm.right",
    "arm.left.upper", "arm.left.forearm", "arm.left.axilla",
    "arm.right.upper", "arm.right.forearm", "arm.right.axilla",
    "hand", "hand.left", "hand.right",
    "leg", "leg.left", "leg.right",
    "leg.left.thigh", "leg.left.calf", "leg.left.knee_back",
    "leg.right.thigh", "leg.right.calf", "leg.right.knee_back",
    "foot", "foot.left", "foot.right",
)
STYLES = ("swedish", "deep_tissue", "chair")
POSITIONS = ("prone", "supine", "side_lying", "seated")
TECHNIQUES = ("effleurage", "petrissage", "friction", "tapotement", "vibration", "nerve_strokes",
              "stripping", "cross_fiber_friction", "trigger_point", "myofascial_release",
              "pin_and_stretch", "compression", "thumb_pressure", "passive_stretch")
PRESSURE_NAMES = {"hold": 0, "light": 1, "moderate": 2, "medium": 3, "firm": 4, "deep": 5}

# Conditions by what they take besides `name` and `cleared` (which any condition may take).
CONDITIONS_PLAIN = ("fever", "contagious_illness", "intoxication", "uncontrolled_hypertension",
                    "recent_chemotherapy", "acute_heart_condition", "osteoporosis", "anticoagulants",
                    "bleeding_disorder", "low_platelets", "hypertension", "heart_condition")
CONDITIONS_REGION_OPTIONAL = ("contagious_skin_infection", "dvt", "varicose_veins", "dvt_history",
                              "pacemaker", "cancer", "numbness", "radiating_pain", "neuropathy")
CONDITIONS_REGION_REQUIRED = ("open_wound", "burn", "bruise", "rash", "skin_infection", "acute_injury",
                              "fracture", "recent_surgery", "lymph_node_removal")
CONDITIONS_TRIMESTER = ("pregnancy",)
CONDITIONS = (CONDITIONS_PLAIN + CONDITIONS_REGION_OPTIONAL + CONDITIONS_REGION_REQUIRED
              + CONDITIONS_TRIMESTER)
CONDITIONS_BARE = CONDITIONS_PLAIN + CONDITIONS_REGION_OPTIONAL   # may be written as a bare name
_TAKES_REGION = frozenset(CONDITIONS_REGION_OPTIONAL + CONDITIONS_REGION_REQUIRED)
_NEEDS_REGION = frozenset(CONDITIONS_REGION_REQUIRED)

_NUM = r"(\d+(?:\.\d+)?)"
DURATION_RE = re.compile(rf"(?:{_NUM}h)?(?:{_NUM}(?:min|m))?(?:{_NUM}s)?")


def parse_duration(value) -> float:
    """'1m30s' -> 90.0; a bare number, a bad string or a zero length raises ValueError."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        raise ValueError("duration needs a unit, e.g. 5m or 300s")
    match = DURATION_RE.fullmatch(value) if isinstance(value, str) and value else None
    if not match:
        raise ValueError(f"not a duration: {value!r} (e.g. 90s, 5m, 1m30s, 1h)")
    h, m, s = (float(g or 0) for g in match.groups())
    if h * 3600 + m * 60 + s <= 0:
        raise ValueError(f"duration must be positive, not {value!r}")
    return h * 3600 + m * 60 + s


def parse_pressure(value) -> int:
    """0..5 or a pressure name -> 0..5; anything else (booleans too) raises ValueError."""
    if type(value) is int and 0 <= value <= 5:
        return value
    if isinstance(value, str) and value in PRESSURE_NAMES:
        return PRESSURE_NAMES[value]
    raise ValueError(f"pressure must be 0..5 or one of {', '.join(PRESSURE_NAMES)}, not {value!r}")


def condition_details(name: str, region, trimester) -> str:
    """'' when the condition takes the details given (domain.md section 5), else the problem."""
    if region is not None and name not in _TAKES_REGION:
        return f"condition {name!r} takes no region"
    if region is None and name in _NEEDS_REGION:
        return f"condition {name!r} needs a region"
    if trimester is None and name == "pregnancy":
        return "pregnancy needs a trimester (1..3)"
    if trimester is not None and name != "pregnancy":
        return f"condition {name!r} takes no trimester"
    return ""


def overlaps(a: str, b: str) -> bool:
    """Regions collide when one is the other or an ancestor of it."""
    return a == b or a.startswith(b + ".") or b.startswith(a + ".")


def flag_collisions(flags, step_regions) -> list:
    """The one safety rule: no step may touch a flagged region."""
    return [f"steps[{i}].region: {region!r} touches flagged region {flag!r}"
            for i, region in enumerate(step_regions) for flag in flags if overlaps(region, flag)]


def load_yaml(path):
    return yaml.load(Path(path).read_bytes(), Loader=yaml.CSafeLoader)


def run_cli(validate_file, paths) -> int:
    """Validate every file, print `FILE: error` lines; exit status 1 if any plan is invalid."""
    if not paths:
        print("usage: PLAN [PLAN ...]", file=sys.stderr)
        return 2
    invalid = 0
    for path in paths:
        errors = validate_file(path)
        invalid += bool(errors)
        for error in errors:
            print(f"{path}: {error}")
    print(f"{len(paths)} plan(s) checked, {invalid} invalid", file=sys.stderr)
    return 1 if invalid else 0
