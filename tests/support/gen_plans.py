# Copied from the project's reference material: shared/peers/gen_plans.py
# (the benchmark's plan generator and what it shares with the peers). The original carries no
# licence notice or author line of its own; it came to the project with that reference material.
# Unchanged apart from the import of peer_common, now tests.support.peer_common,
# so that a fresh clone runs tests/test_rules_generated.py without shared/ beside it.
# To refresh: copy the file again and re-apply that change; ruff skips this file (pyproject).
"""Deterministic generator of massage plan files (shared/spec/plan-format.md, shared/domain.md).

    python ../shared/peers/gen_plans.py OUT [--steps 20] [--count 1] [--seed 1]   K plans of N steps
    python ../shared/peers/gen_plans.py OUT --bad                                  the bad plans (+ 1 good)
    python ../shared/peers/gen_plans.py OUT --suite                                all that run_peers.py uses

The same seed gives the same bytes. Good plans follow the session shapes of domain.md section 4
(Swedish region by region, deep tissue on two or three areas, the 15-minute chair sequence) and
pass every error rule of domain.md: no step touches a flag or an avoided site, each pressure is
within its technique's range and under every cap (client, condition, endangerment site), each
technique is one the style uses, done in a position both allow and never on a site it must not
touch, chair steps stay seated and within its reach, work at 4 or 5 is warmed up to, conditions
that need clearance carry `cleared: true`, and no condition refuses the session. They also avoid
the warnings that a careful planner avoids (step lengths, pressure jumps of more than 2,
percussion over the kidneys, prone with a pacemaker, supine late in pregnancy); a 20-step plan
books a usual session length, and `duration`, when given, is the exact sum of the steps. The
emitted YAML is yamllint-clean under its default config.
"""
import argparse
import copy
import functools
import json
import random
import sys
from pathlib import Path

import yaml

from tests.support.peer_common import (  # copied: was peers/peer_common.py beside this file
    CONDITIONS, FORMAT, PRESSURE_NAMES, REGIONS, TECHNIQUES, overlaps,
)

PRESSURE_WORD = {v: k for k, v in PRESSURE_NAMES.items()}

# ---------------------------------------------------------------- domain.md, as data

ALL = ("prone", "supine", "side_lying", "seated")
# technique: (pressure lo, hi, positions, never on, family, step length in seconds lo, hi)  (section 3)
TECH = {
    "effleurage": (1, 4, ALL, (), "", 30, 600),
    "petrissage": (2, 4, ALL, ("neck.anterior",), "", 60, 900),
    "friction": (2, 4, ALL, (), "", 30, 600),
    "tapotement": (1, 3, ("prone", "supine", "seated"),
                   ("back.lower", "neck", "abdomen", "chest", "head.face", "leg.*.knee_back"), "percussion",
                   15, 180),
    "vibration": (1, 3, ALL, (), "", 15, 180),
    "nerve_strokes": (1, 1, ALL, (), "", 15, 120),
    "stripping": (3, 5, ("prone", "supine", "side_lying"), ("neck.anterior", "abdomen", "leg.*.knee_back"),
                  "deep", 60, 600),
    "cross_fiber_friction": (3, 5, ALL, ("neck.anterior", "abdomen"), "deep", 30, 1200),
    "trigger_point": (3, 5, ALL, ("neck.anterior", "abdomen", "leg.*.knee_back"), "deep", 30, 300),
    "myofascial_release": (2, 3, ALL, (), "", 90, 600),
    "pin_and_stretch": (3, 4, ALL, ("neck.anterior",), "deep", 60, 300),
    "compression": (2, 4, ("seated", "prone"), ("neck.anterior",), "", 30, 300),
    "thumb_pressure": (3, 4, ("seated", "prone"), ("neck.anterior",), "", 15, 180),
    "passive_stretch": (1, 2, ("seated", "supine"), (), "", 15, 180),
}
assert tuple(TECH) == TECHNIQUES
SWEDISH_USES = ("effleurage", "petrissage", "friction", "tapotement", "vibration", "nerve_strokes",
                "compression", "passive_stretch")
# style: (positions, techniques it uses, regions it reaches or None for all, usual bookings in minutes)
STYLES = {
    "swedish": (("prone", "supine", "side_lying"), SWEDISH_USES, None, (30, 45, 60, 60, 75, 90, 120)),
    "deep_tissue": (("prone", "supine", "side_lying"),
                    SWEDISH_USES + ("stripping", "cross_fiber_friction", "trigger_point", "myofascial_release",
                                    "pin_and_stretch"), None, (45, 60, 60, 75, 90, 120)),
    "chair": (("seated",), ("compression", "thumb_pressure", "petrissage", "tapotement", "passive_stretch",
                            "effleurage", "nerve_strokes"), ("head", "neck", "shoulder", "back", "arm", "hand"),
              (10, 15, 15, 20, 30)),
}
SESSION_MINUTES = {"swedish": (20, 120), "deep_tissue": (30, 120), "chair": (5, 30)}
ENDANGERED = (("neck.anterior", 1), ("leg.*.knee_back", 1), ("arm.*.axilla", 2), ("abdomen", 2))  # section 2

# Conditions a good plan may carry (never one that refuses the session), and what they need.
REFUSING = {"fever", "contagious_illness", "contagious_skin_infection", "intoxication", "dvt",
            "uncontrolled_hypertension", "recent_chemotherapy", "acute_heart_condition"}
LOCAL = ("open_wound", "burn", "bruise", "rash", "skin_infection", "acute_injury", "fracture")
GOOD_CONDITIONS = tuple(c for c in CONDITIONS if c not in REFUSING)
SITES = {  # where a condition with a region plausibly is
    "local": ("arm.right.forearm", "arm.left.forearm", "arm.left.upper", "hand.left", "hand.right", "foot.left",
              "foot.right", "leg.left.calf", "leg.right.calf", "leg.left.thigh", "leg.right.thigh",
              "shoulder.right", "shoulder.left", "back.upper", "back.middle", "glutes.left", "head.scalp",
              "head.face", "chest"),
    "recent_surgery": ("shoulder.right", "shoulder.left", "leg.left", "leg.right", "abdomen", "back.lower",
                       "hand.right", "arm.left.forearm", "leg.right.knee_back"),
    "legs": ("leg", "leg.left", "leg.right", "leg.left.calf", "leg.right.calf"),
    "cancer": ("chest", "abdomen", "back.lower", "arm.left", "leg.right.thigh", "head.face"),
    "limb": ("arm.left", "arm.right", "leg.left", "leg.right"),
    "nerves": ("hand.left", "hand.right", "arm.left", "arm.right.forearm", "leg.left", "leg.right", "foot.left",
               "foot.right", "leg.left.thigh"),
    "neuropathy": ("foot", "foot.left", "foot.right", "hand", "leg.left", "leg.right.calf"),
}

# ---------------------------------------------------------------- the region tree

DEPTH = {r: r.count(".") for r in REGIONS}
UNDER = {r: tuple(x for x in REGIONS if x == r or x.startswith(r + ".")) for r in REGIONS}   # r and below
ABOVE = {r: tuple(r.rsplit(".", k)[0] for k in range(DEPTH[r] + 1)) for r in REGIONS}     # r and above
TOUCHING = {r: tuple(dict.fromkeys(ABOVE[r] + UNDER[r])) for r in REGIONS}                  # overlaps r


def matches(a: str, b: str) -> bool:
    """Ancestor-or-self either way; '*' in a pattern stands for one segment (leg.*.knee_back)."""
    return all(x == y or "*" in (x, y) for x, y in zip(a.split("."), b.split(".")))


def inside(region: str, site: str) -> bool:
    """The region is the site or lies within it: domain.md's rules bind it."""
    return matches(region, site) and region.count(".") >= site.count(".")


def contains(region: str, site: str) -> bool:
    """The site lies strictly within the region (a step there only earns a warning)."""
    return matches(region, site) and region.count(".") < site.count(".")


# Realism, not safety: where a technique is not used, and what each position cannot reach.
NOT_USED_ON = {
    "passive_stretch": ("back", "glutes", "chest", "abdomen", "head", "neck.anterior", "arm.*.axilla",
                        "leg.*.knee_back"),
    "thumb_pressure": ("chest", "abdomen", "head.face", "arm.*.axilla", "leg.*.knee_back"),
    "trigger_point": ("chest", "head.face", "arm.*.axilla", "hand", "foot"),
    "compression": ("chest", "abdomen", "head.face", "neck", "arm.*.axilla", "leg.*.knee_back"),
    "stripping": ("head", "hand", "foot", "chest", "arm.*.axilla"),
    "cross_fiber_friction": ("head", "chest", "arm.*.axilla", "leg.*.knee_back"),
    "pin_and_stretch": ("head", "back", "chest", "abdomen", "glutes", "arm.*.axilla", "leg.*.knee_back"),
    "myofascial_release": ("head.face", "arm.*.axilla", "leg.*.knee_back"),
    "friction": ("arm.*.axilla", "leg.*.knee_back", "neck.anterior"),
    "petrissage": ("head.face", "leg.*.knee_back"),
    "tapotement": ("hand", "foot", "arm.*.axilla"),
}
SENSITIVE = ("neck.anterior", "arm.*.axilla", "leg.*.knee_back")
DEEPEST = {"head": 3, "hand": 3, "chest": 3, "foot": 4, "neck": 4, "arm": 4}   # 5 is for large muscles
OUT_OF_REACH = {"prone": ("chest", "abdomen", "head.face", "neck.anterior"),
                "supine": ("back", "glutes", "leg.*.knee_back"),
                "side_lying": ("chest", "head.face"),
                "seated": ("head.face", "neck.anterior", "arm.*.axilla")}
# The areas of one pass over the body, in the order a therapist takes them (section 4).
PASS = {"prone": ("back", "neck.posterior", "shoulder", "arm.left", "arm.right", "glutes", "leg.left",
                  "leg.right", "foot"),
        "supine": ("leg.left", "leg.right", "foot", "arm.left", "arm.right", "hand", "abdomen", "chest", "neck",
                   "head"),
        "side_lying": ("back", "neck.posterior", "shoulder", "glutes", "leg.left", "leg.right", "arm.left",
                       "arm.right", "hand", "foot", "head.scalp")}
DEEP_FOCUS = ("back", "neck", "shoulder", "leg", "glutes", "arm")
FOCUS = {  # focus: (plan name, the areas worked for it)
    "back": ("Back relief", ("back",)), "neck": ("Desk neck", ("neck.posterior", "neck")),
    "shoulder": ("Shoulder release", ("shoulder",)), "leg": ("Runner's legs", ("leg.left", "leg.right")),
    "foot": ("Tired feet", ("foot",)), "arm": ("Climber's forearms", ("arm.left", "arm.right")),
    "head": ("Tension headache", ("head.scalp", "head")), "glutes": ("Hip and glute reset", ("glutes",)),
    "hand": ("Typist's hands", ("hand",)),
}
# A block of steps on one area: (technique, wanted pressure, on the area itself or a region within it).
SWEDISH_MIDDLE = (("petrissage", (2, 3)),) * 3 + (("friction", (2, 3)),) * 2 + (
    ("tapotement", (2, 3)), ("vibration", (1, 2)), ("compression", (2, 3)), ("passive_stretch", (1, 2)))
DEEP_SPECIFIC = (("stripping", (4, 5)),) * 3 + (("cross_fiber_friction", (4, 5)),) * 2 + (
    ("trigger_point", (4, 5)),) * 2 + (("pin_and_stretch", (3, 4)), ("myofascial_release", (2, 3)),
                                       ("compression", (3, 4)))
ARM = (("compression", (2, 3), "area"), ("petrissage", (2, 3), "sub"), ("passive_stretch", (1, 2), "area"))
CHAIR_SEQUENCE = (  # the 15-minute chair massage of section 4, as (area, steps)
    ("back", (("effleurage", (1, 1), "area"),)),
    ("back.upper", (("compression", (3, 3), "area"), ("compression", (2, 3), "sub"))),
    ("shoulder", (("petrissage", (3, 3), "area"), ("thumb_pressure", (3, 4), "sub"))),
    ("neck.posterior", (("petrissage", (2, 2), "area"), ("thumb_pressure", (3, 3), "area"))),
    ("arm.left", ARM),
    ("arm.right", ARM),
    ("hand", (("compression", (2, 3), "sub"), ("thumb_pressure", (3, 3), "sub"))),
    ("back.lower", (("compression", (2, 3), "area"),)),
    ("head.scalp", (("petrissage", (2, 2), "area"), ("compression", (2, 2), "area"))),
    ("back.upper", (("tapotement", (2, 3), "area"),)),
    ("back", (("nerve_strokes", (1, 1), "area"),)),
)
ORDER = {"effleurage": 0, "petrissage": 1, "compression": 1, "myofascial_release": 1, "friction": 2,
         "stripping": 3, "cross_fiber_friction": 3, "trigger_point": 3, "thumb_pressure": 3, "pin_and_stretch": 4,
         "tapotement": 5, "vibration": 5, "passive_stretch": 6, "nerve_strokes": 7}
INSTEAD = {  # what a therapist does when a technique is not possible here
    "stripping": ("cross_fiber_friction", "trigger_point", "myofascial_release", "petrissage"),
    "cross_fiber_friction": ("stripping", "friction", "myofascial_release"),
    "trigger_point": ("thumb_pressure", "compression", "cross_fiber_friction", "myofascial_release"),
    "pin_and_stretch": ("passive_stretch", "myofascial_release", "petrissage"),
    "thumb_pressure": ("compression", "petrissage"),
    "compression": ("petrissage",),
    "tapotement": ("vibration",),
    "passive_stretch": ("vibration",),
    "friction": ("petrissage",),
    "myofascial_release": ("petrissage",),
    "vibration": ("nerve_strokes",),
    "nerve_strokes": ("effleurage",),
}
REASONS = ["bruise", "sunburn", "fresh tattoo", "recent sprain", "rash", "client preference", "ticklish",
           "old injury"]
NOTES = ["slow, follow the breath", "check in about pressure", "warm the tissue first",
         "work with the grain of the muscle", "ease off near the spine", "client loves this part"]


# ---------------------------------------------------------------- the client

class Rules:
    """What a client's profile allows: avoided regions, caps, banned techniques, positions."""

    def __init__(self):
        self.avoid, self.caps, self.bans = [], [], []   # regions; (region or None, cap); (region or None, name)
        self.no_positions = set()                        # errors (pregnancy 2-3: prone)
        self.shun_positions = set()                      # warnings (pacemaker: prone; pregnancy 2-3: supine)
        self.no_deep_on = []                             # warnings (pregnancy 2-3: deep work on the legs)

    def cap(self, region: str) -> int:
        return min([c for r, c in self.caps if r is None or overlaps(region, r)], default=5)

    def deep_work(self) -> bool:
        """Whether deep tissue work (pressure 4-5, the deep family) is open to this client at all."""
        return (min([c for r, c in self.caps if r is None], default=5) >= 4
                and not any(r is None and what == "deep" for r, what in self.bans))

    def banned(self, technique: str, region: str) -> bool:
        family = TECH[technique][4]
        return (any((r is None or overlaps(region, r)) and what in (technique, family) for r, what in self.bans)
                or family == "deep" and any(overlaps(region, r) for r in self.no_deep_on))


def make_condition(name: str, rng: random.Random, rules: Rules):
    """The condition as a client writes it (bare or a mapping), and its effects on `rules`."""
    entry = {"name": name}
    if name in LOCAL:
        entry["region"] = rng.choice(SITES["local"])
        rules.avoid.append(entry["region"])
    elif name == "recent_surgery":
        entry.update(region=rng.choice(SITES["recent_surgery"]), cleared=True)
        rules.avoid.append(entry["region"])
    elif name in ("varicose_veins", "dvt_history"):
        if rng.random() < 0.6:
            entry["region"] = rng.choice(SITES["legs"])
        region = entry.get("region", "leg")
        rules.caps.append((region, 2 if name == "varicose_veins" else 1))
        if name == "varicose_veins":
            rules.bans.append((region, "deep"))
    elif name == "osteoporosis":
        if rng.random() < 0.3:
            entry["cleared"] = True
        rules.caps.append((None, 2))
        rules.bans += [(None, "percussion"), (None, "passive_stretch"), (None, "pin_and_stretch")]
    elif name in ("anticoagulants", "bleeding_disorder"):
        rules.caps.append((None, 2))
        rules.bans.append((None, "deep"))
    elif name == "low_platelets":
        rules.caps.append((None, 1))
    elif name in ("hypertension", "heart_condition"):
        entry["cleared"] = True
        if name == "heart_condition":
            rules.caps.append((None, 2))
    elif name == "pacemaker":
        if rng.random() < 0.4:
            entry["region"] = "chest"
        rules.avoid.append(entry.get("region", "chest"))
        rules.shun_positions.add("prone")
    elif name == "cancer":
        entry["cleared"] = True
        if rng.random() < 0.5:
            entry["region"] = rng.choice(SITES["cancer"])
            rules.avoid.append(entry["region"])
        rules.caps.append((None, 2))
    elif name == "lymph_node_removal":
        entry["region"] = rng.choice(SITES["limb"])
        rules.caps.append((entry["region"], 2))
    elif name == "pregnancy":
        entry["trimester"] = rng.choice((1, 2, 2, 3))
        if entry["trimester"] == 1 or rng.random() < 0.3:
            entry["cleared"] = True
        if entry["trimester"] > 1:
            rules.no_positions.add("prone")
            rules.shun_positions.add("supine")
            rules.caps.append(("abdomen", 1))
            rules.no_deep_on.append("leg")
    elif name in ("numbness", "radiating_pain"):
        entry["cleared"] = True
        if rng.random() < 0.6:
            entry["region"] = rng.choice(SITES["nerves"])
            rules.avoid.append(entry["region"])
    elif name == "neuropathy":
        if rng.random() < 0.7:
            entry["region"] = rng.choice(SITES["neuropathy"])
        rules.caps.append((entry.get("region"), 1))
    else:
        raise AssertionError(name)
    return name if len(entry) == 1 and rng.random() < 0.6 else entry


def make_client(rng: random.Random, min_flags: int):
    """A client block (never empty) and the Rules it sets."""
    client, rules = {}, Rules()
    flaggable = [r for r in REGIONS if "." in r or r in ("chest", "abdomen", "foot", "hand")]
    for _ in range(100):
        n_flags = rng.choices((0, 1, 2), weights=(4, 4, 2))[0] if not min_flags else rng.randint(min_flags, 2)
        n_conditions = rng.choices((0, 1, 2), weights=(3, 4, 3))[0]
        if n_flags or n_conditions:
            break
    flags = []
    for region in rng.sample(flaggable, n_flags):
        rules.avoid.append(region)
        flags.append({"region": region, "reason": rng.choice(REASONS)} if rng.random() < 0.5 else region)
    conditions = [make_condition(name, rng, rules) for name in rng.sample(GOOD_CONDITIONS, n_conditions)]
    if flags:
        client["flags"] = flags
    if conditions:
        client["conditions"] = conditions
    if rng.random() < 0.3:
        client["max_pressure"] = rng.choice((2, 3, 3, 4))
        rules.caps.append((None, client["max_pressure"]))
    return client, rules


# ---------------------------------------------------------------- the steps

class Session:
    """Builds the steps of one plan, block by block, each step checked against every rule."""

    def __init__(self, rng: random.Random, style: str, rules: Rules):
        self.rng, self.style, self.rules = rng, style, rules
        self.positions, self.uses, self.reach, _ = STYLES[style]
        self.steps = []             # (technique, region, pressure, position)
        self.last = {}              # region -> (index, pressure) of the last step on it
        self.warmed = set()         # regions worked at 3 or less
        self.area = None            # the area of the last block

    def usable(self, region: str, position: str) -> bool:
        """A step in this position may be on this region (flags, avoided sites, reach)."""
        return (not any(overlaps(region, a) for a in self.rules.avoid)
                and not any(inside(region, x) for x in OUT_OF_REACH[position])
                and (self.reach is None or region.split(".")[0] in self.reach))

    def areas(self, area: str, position: str) -> list:
        """The area, or where a flag sits inside it, the largest usable regions within it."""
        if self.usable(area, position):
            return [area]
        return [r for r in UNDER[area] if self.usable(r, position)
                and not any(self.usable(a, position) for a in ABOVE[r][1:] if a in UNDER[area])]

    def allows_anywhere(self, technique: str, position: str) -> bool:
        """The style uses the technique, and the technique, the style and the client allow the position."""
        return (technique in self.uses and position in TECH[technique][2] and position in self.positions
                and position not in self.rules.no_positions)

    def allows(self, technique: str, region: str, position: str) -> bool:
        """... and on this region: not on (nor around) a site it is never used on, not banned there."""
        never = TECH[technique][3]
        return (self.allows_anywhere(technique, position)
                and not any(inside(region, site) or contains(region, site) for site in never)
                and not any(inside(region, x) for x in NOT_USED_ON.get(technique, ()))
                and not self.rules.banned(technique, region))

    def pressures(self, technique: str, region: str):
        """(lo, hi) that every rule allows for this step now, or None."""
        lo, hi = TECH[technique][:2]
        hi = min(hi, self.rules.cap(region), DEEPEST.get(region.split(".")[0], 5),
                 *(cap for site, cap in ENDANGERED if inside(region, site)))
        if not any(r in self.warmed for r in TOUCHING[region]):
            hi = min(hi, 3)                                 # warm-up before 4 or 5
        # no jump of more than 2 from the last step on this region, nor from the last one overlapping it
        latest = max((self.last[r] for r in TOUCHING[region] if r in self.last), default=None)
        for _, q in filter(None, (latest, self.last.get(region))):
            lo, hi = max(lo, q - 2), min(hi, q + 2)
        return (lo, hi) if lo <= hi else None

    def add(self, technique: str, want: tuple, area: str, target: str, position: str) -> bool:
        """Put the technique (or what a therapist does instead) on the area or within it."""
        rng = self.rng
        for t in (technique, *INSTEAD.get(technique, ()), "effleurage", "nerve_strokes"):
            if not self.allows_anywhere(t, position):
                continue
            if target == "area":
                regions = self.areas(area, position)
            else:
                regions = [r for r in UNDER[area] if self.usable(r, position)]
                regions = [r for r in regions if r != area] or regions
            regions = rng.sample(regions, len(regions))
            if rng.random() < 0.9:     # the armpit, the back of the knee, the throat: now and then only
                regions.sort(key=lambda r: any(inside(r, site) for site in SENSITIVE))
            for region in regions:
                if not self.allows(t, region, position):
                    continue
                span = self.pressures(t, region)
                if span is None:
                    continue
                lo, hi = max(span[0], want[0]), min(span[1], want[1])
                pressure = rng.randint(lo, hi) if lo <= hi else (span[1] if want[0] > span[1] else span[0])
                self.last[region] = (len(self.steps), pressure)
                if pressure <= 3:
                    self.warmed.add(region)
                self.steps.append((t, region, pressure, position))
                return True
        return False

    def pick(self, entries, position: str, k: int) -> list:
        """k of the entries that the style and position allow; no more repeats than the pool has."""
        pool = [e for e in entries if self.allows_anywhere(e[0], position)] or [("effleurage", (2, 3))]
        chosen = self.rng.sample(pool, min(k, len(pool)))
        return chosen + self.rng.choices(pool, k=k - len(chosen))

    def block(self, area: str, size: int, position: str, deep: bool) -> list:
        """The steps of one area, as domain.md section 4 shapes them."""
        rng = self.rng
        opening = [("effleurage", (2, 3) if deep else (2, 2), "area")]
        if not deep:   # effleurage, then petrissage, friction, tapotement..., then effleurage or nerve strokes
            closing = [rng.choice([("effleurage", (2, 2), "area"), ("nerve_strokes", (1, 1), "area")])]
            middle = [(t, p, "sub" if rng.random() < 0.7 else "area")
                      for t, p in self.pick(SWEDISH_MIDDLE, position, max(size - 2, 1))]
            steps = opening + sorted(middle, key=lambda s: ORDER[s[0]]) + closing
        else:          # warm up at 2-3, specific work at 4-5, flush at 2-3
            warm = [("petrissage", (2, 3), rng.choice(["area", "sub"]))]
            flush = [("petrissage", (2, 3), "area")] if size >= 5 else []
            specific = [(t, p, "sub")
                        for t, p in self.pick(DEEP_SPECIFIC, position, max(size - 3 - len(flush), 0))]
            steps = opening + warm + sorted(specific, key=lambda s: ORDER[s[0]]) + flush
            steps.append(("effleurage", (2, 3), "area"))
        return steps[:size]

    def run(self, blocks, n_steps: int, once: bool = False):
        """Blocks of (area, position, size, deep or chair steps), cycled until n_steps steps."""
        stalled = 0
        while len(self.steps) < n_steps:
            for area, position, size, shape in blocks:
                room = n_steps - len(self.steps)
                if room <= 0:
                    break
                if isinstance(shape, tuple):
                    entries = list(shape)
                else:
                    entries = self.block(area, min(size + (area == self.area), room), position, shape)
                    if area == self.area and len(entries) > 1:
                        entries = entries[1:]      # the tissue is warm: no second opening stroke
                before = len(self.steps)
                for technique, want, target in entries[:room]:
                    self.add(technique, want, area, target, position)
                self.area = area
                stalled = stalled + 1 if len(self.steps) == before else 0
                if stalled > 50:
                    raise RuntimeError(f"cannot place steps ({self.style}, {self.rules.__dict__})")
            if once:
                break
        return self.steps


PHASES = {  # the positions of a session, in order, as often as they come
    "swedish": [("prone", "supine")] * 6 + [("prone",)] * 2 + [("supine",), ("side_lying",), ("side_lying",),
                                                                 ("side_lying", "supine")],
    "deep_tissue": [("prone",)] * 5 + [("prone", "supine")] * 3 + [("side_lying",), ("supine",)],
}


def phases(rng: random.Random, style: str, rules: Rules) -> list:
    """The positions of the session, in order (prone then supine is the usual Swedish split)."""
    if style == "chair":
        return ["seated"]
    options = PHASES[style]
    avoid = rules.no_positions | rules.shun_positions
    fitting = [o for o in options if not avoid & set(o)]
    return list(rng.choice(fitting or [("side_lying",)]))


def make_steps(rng: random.Random, style: str, rules: Rules, n_steps: int):
    """(focus, steps) for a plan of n_steps steps."""
    session = Session(rng, style, rules)
    order = phases(rng, style, rules)
    first = order[0]

    def workable(area, position):
        return bool(session.areas(area, position)) and not any(inside(area, x) for x in OUT_OF_REACH[position])

    foci = [f for f, (_, areas) in FOCUS.items()
            if any(workable(a, first) for a in areas) and (session.reach is None or f in session.reach)]
    if style == "deep_tissue":   # deep work on large muscles, where the client may have it
        foci = [f for f in foci if f in DEEP_FOCUS] or foci
        deep_ok = [f for f in foci if any(workable(a, first) and rules.cap(a) >= 4
                                           and not rules.banned("stripping", a) for a in FOCUS[f][1])]
        foci = deep_ok or foci
    focus = rng.choice(sorted(foci))
    focus_areas = [a for a in FOCUS[focus][1] if workable(a, first)][:1 if focus in ("neck", "head") else 2]

    if style == "chair":   # settle, the sequence (the focus twice), then hacking and nerve strokes
        blocks = [(area, "seated", len(entries), entries) for area, entries in CHAIR_SEQUENCE]
        opening, middle, closing = blocks[:1], blocks[1:-2], blocks[-2:]
        middle = middle + [b for b in middle if b[0].split(".")[0] == focus]
        session.run(opening, 1, once=True)
        session.run(middle, max(n_steps - len(closing), 1))
        session.run(closing, n_steps, once=True)
        return focus, session.run(middle, n_steps)

    deep = style == "deep_tissue"
    blocks = []
    for i, position in enumerate(order):
        share = n_steps if len(order) == 1 else round(n_steps * (0.7 if i == 0 else 0.3))
        areas = [a for a in PASS[position] if workable(a, position)]
        if i == 0:
            areas = focus_areas + [a for a in areas if a not in focus_areas]
        if deep:   # one to three focus regions rather than the whole body
            areas = areas[:rng.randint(2, 3)] if i == 0 else areas[:rng.randint(1, 2)]
        planned, j = 0, 0
        while planned < share:
            area = areas[j % len(areas)]
            j += 1
            big = area in focus_areas and i == 0
            size = rng.randint(6, 10) if big else rng.randint(4, 8) if deep else rng.randint(3, 6)
            if share - planned - size < 3:     # no scrap of a block at the end
                size = share - planned
            blocks.append((area, position, size, deep))
            planned += size
    session.run(blocks, n_steps, once=True)
    # where a step could not be placed, more of the last position's areas
    return focus, session.run([b for b in blocks if b[1] == order[-1]], n_steps)


# ---------------------------------------------------------------- durations

def lengths(technique: str) -> list:
    """Step lengths a therapist writes for this technique, within its plausible range (15 s grid)."""
    lo, hi = TECH[technique][5:]
    nice = (15, 30, 45, 60, 90, 120, 150, 180, 240, 300, 360, 420, 480, 600)
    return [s for s in nice if lo <= s <= min(hi, 480)]


def durations(rng: random.Random, style: str, techniques: list) -> list:
    """Seconds for each step; for a plan of usual length they add up to a booked session."""
    secs = [rng.choice(lengths(t)[:6]) for t in techniques]
    lo = sum(TECH[t][5] for t in techniques)
    hi = sum(TECH[t][6] for t in techniques)
    low, high = SESSION_MINUTES[style]
    hi = min(hi, 270 * len(techniques))   # at most 4.5 minutes a step on average
    targets = [m * 60 for m in STYLES[style][3] if low <= m <= high and lo <= m * 60 <= hi]
    if not targets or len(techniques) > 40:      # a long synthetic plan books no session
        return secs
    target = rng.choice(targets)
    while (diff := target - sum(secs)) != 0:
        step = 30 if abs(diff) >= 30 else 15
        sign = 1 if diff > 0 else -1
        movable = [i for i, t in enumerate(techniques) if TECH[t][5] <= secs[i] + sign * step <= TECH[t][6]]
        tidy = [i for i in movable if (secs[i] + sign * step) % 30 == 0 or secs[i] + sign * step < 60]
        if not movable:
            if step == 15:
                raise AssertionError("cannot fit durations")
            step = 15
            movable = [i for i, t in enumerate(techniques) if TECH[t][5] <= secs[i] + sign * 15 <= TECH[t][6]]
            tidy = movable
        i = rng.choice(tidy or movable)
        secs[i] += sign * step
    return secs


def canonical(seconds: int) -> str:
    """Shortest exact form: 90 -> 1m30s, 3600 -> 1h."""
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    return "".join(f"{v}{unit}" for v, unit in ((h, "h"), (m, "m"), (s, "s")) if v)


def written(seconds: int, rng: random.Random) -> str:
    """The ways people write a duration: 1m30s, 90s, 1.5m, 5min, 5m, 1h, 1.5h."""
    forms = [canonical(seconds), canonical(seconds), f"{seconds}s"]
    if seconds % 60 == 0:
        forms += [f"{seconds // 60}min", f"{seconds // 60}m"]
    elif seconds > 60 and seconds % 15 == 0:
        forms.append(f"{seconds / 60:g}m")
    if seconds >= 3600 and seconds % 900 == 0:
        forms.append(f"{seconds / 3600:g}h")
    return rng.choice(forms)


# ---------------------------------------------------------------- plans

def make_plan(rng: random.Random, n_steps: int, with_client: bool = False) -> dict:
    client, rules = {}, Rules()
    if with_client or rng.random() < 0.7:
        client, rules = make_client(rng, min_flags=1 if with_client else 0)
    style = rng.choices(list(STYLES), weights=(6, 3, 1))[0]
    if style == "deep_tissue" and not rules.deep_work():
        style = "swedish"      # nobody books deep tissue for a client capped at 2 or 3
    focus, chosen = make_steps(rng, style, rules, n_steps)
    seconds = durations(rng, style, [t for t, *_ in chosen])
    plan_position = chosen[0][3]

    steps = []
    for (technique, region, pressure, position), secs in zip(chosen, seconds):
        step = {"technique": technique, "region": region,
                "pressure": pressure if rng.random() < 0.6 else PRESSURE_WORD[pressure],
                "duration": written(secs, rng)}
        if position != plan_position:
            step["position"] = position
        if rng.random() < 0.1:
            step["notes"] = rng.choice(NOTES)
        steps.append(step)

    plan = {"format": FORMAT} if rng.random() < 0.5 else {}
    plan["name"] = f"{FOCUS[focus][0]}, {style.replace('_', ' ')}"
    plan["style"] = style
    if rng.random() < 0.7:
        plan["duration"] = written(sum(seconds), rng)
    plan["position"] = plan_position
    if client:
        plan["client"] = client
    plan["steps"] = steps
    return plan


class Raw(str):
    """A scalar written as is, e.g. `1:30` or `yes`, to get YAML 1.1 surprises into a file."""


@functools.lru_cache(maxsize=None)
def _reads_back(text: str) -> bool:
    return "\n" not in text and yaml.load(text, Loader=yaml.CSafeLoader) == text


def scalar(value) -> str:
    """Plain where YAML reads it back as the same string, else double-quoted."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Raw) or not isinstance(value, str):
        return str(value)
    return value if _reads_back(value) else json.dumps(value)


def emit(node, indent: int = 0):
    """Block-style YAML lines; sequences indented under their key (yamllint's default)."""
    pad = " " * indent
    if isinstance(node, dict):
        for key, value in node.items():
            if isinstance(value, (dict, list)) and value:
                yield f"{pad}{key}:"
                yield from emit(value, indent + 2)
            else:
                yield f"{pad}{key}: {'[]' if value == [] else scalar(value)}"
    else:
        for item in node:
            if isinstance(item, dict):
                lines = list(emit(item, indent + 2))
                yield f"{pad}- {lines[0].lstrip()}"
                yield from lines[1:]
            else:
                yield f"{pad}- {scalar(item)}"


def to_yaml(plan: dict, comment: str = "") -> str:
    head = ["---"] + ([f"# {comment}"] if comment else [])
    return "\n".join(head + list(emit(plan))) + "\n"


# The contract's own example (spec/plan-format.md), as it is: valid under every rule of domain.md.
CONTRACT_EXAMPLE = {
    "format": FORMAT, "name": "Lower back relief", "style": "swedish", "duration": "20m",
    "position": "prone",
    "client": {"flags": ["shoulder.left", {"region": "leg.right.calf", "reason": "bruise"}],
               "conditions": ["varicose_veins", {"name": "open_wound", "region": "arm.right.forearm"},
                              {"name": "hypertension", "cleared": True}],
               "max_pressure": 3},
    "steps": [
        {"technique": "effleurage", "region": "back", "pressure": "moderate", "duration": "3m"},
        {"technique": "petrissage", "region": "back.lower", "pressure": 3, "duration": "5m",
         "position": "side_lying", "notes": "slow, follow the breath"},
        {"technique": "friction", "region": "back.upper", "pressure": 3, "duration": "4m"},
        {"technique": "petrissage", "region": "neck.posterior", "pressure": 2, "duration": "4m"},
        {"technique": "effleurage", "region": "back", "pressure": 2, "duration": "4m"},
    ],
}


def _set(path: str, value):
    """A mutation that sets plan[...path...] = value; path like 'steps.1.duration'."""
    def mutate(plan):
        *parents, last = [int(p) if p.isdigit() else p for p in path.split(".")]
        node = plan
        for p in parents:
            node = node[p]
        node[last] = value
    return mutate


def _osteoporosis_tapotement(plan):
    """Osteoporosis (cap 2, no percussion), every pressure within its cap, and one short tapotement."""
    plan["client"]["conditions"].append("osteoporosis")
    for step in plan["steps"]:
        step["pressure"] = min(PRESSURE_NAMES.get(step["pressure"], step["pressure"]), 2)
    plan["steps"][2].update(technique="tapotement", duration="3m")   # 3 minutes at most
    plan["steps"][3]["duration"] = "5m"                               # the steps still add up to 20m


def _rename(path: str, old: str, new: str):
    def mutate(plan):
        step = plan
        for p in path.split("."):
            step = step[int(p) if p.isdigit() else p]
        step[new] = step.pop(old)
    return mutate


# name -> (what is wrong, mutation of CONTRACT_EXAMPLE or a text edit of its YAML); each has that one fault
BAD = {
    "flag-exact": ("a step on a flagged region", _set("steps.3.region", "leg.right.calf")),
    "flag-ancestor": ("a step on an ancestor of a flag (shoulder vs shoulder.left)",
                      _set("steps.2.region", "shoulder")),
    "flag-descendant": ("a step under a flagged region (flag back, step back.lower)",
                        lambda p: p["client"]["flags"].append("back")),
    "unknown-technique": ("technique 'efleurage' (typo)", _set("steps.0.technique", "efleurage")),
    "bare-duration": ("duration: 5 (no unit)", _set("steps.1.duration", 5)),
    "duplicate-key": ("`region` given twice in one step (both values valid)",
                      ("    region: back.upper\n", "    region: back.upper\n    region: back.middle\n")),
    "unknown-region": ("region 'back.lowr' (typo)", _set("steps.1.region", "back.lowr")),
    "pressure-range": ("pressure: 6 (the scale is 0..5)", _set("steps.2.pressure", 6)),
    "pressure-yes": ("pressure: yes (a YAML 1.1 boolean)", _set("steps.2.pressure", Raw("yes"))),
    "sexagesimal-duration": ("duration: 1:30 (90 in YAML 1.1)", _set("steps.2.duration", Raw("1:30"))),
    "zero-duration": ("duration: 0m", _set("steps.0.duration", "0m")),
    "unknown-key": ("step key 'presure' (typo)", _rename("steps.2", "pressure", "presure")),
    "unknown-condition": ("condition 'varicose_vein' (typo)", _set("client.conditions.0", "varicose_vein")),
    "no-steps": ("steps: [] (at least one is required)", _set("steps", [])),
    "osteoporosis-tapotement": ("tapotement for a client with osteoporosis (a safety rule beyond flags)",
                                _osteoporosis_tapotement),
}


def bad_plans() -> dict:
    """{file name: (what is wrong, YAML text)}; plus the contract example as the good control."""
    out = {"good-contract-example.yaml":
           ("nothing (control)", to_yaml(CONTRACT_EXAMPLE, "the contract's example"))}
    for name, (why, change) in BAD.items():
        if isinstance(change, tuple):   # a text edit
            text = to_yaml(CONTRACT_EXAMPLE, f"BAD: {why}")
            assert text.count(change[0]) == 1, change
            text = text.replace(*change)
        else:
            plan = copy.deepcopy(CONTRACT_EXAMPLE)
            change(plan)
            text = to_yaml(plan, f"BAD: {why}")
        out[f"bad-{name}.yaml"] = (why, text)
    return out


def write_plans(out: Path, n_steps: int, count: int, seed: int, with_client=False, name=None) -> list:
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        rng = random.Random(f"{seed}/{n_steps}/{i}")
        path = out / (name or f"plan-{i:04d}.yaml")
        path.write_text(to_yaml(make_plan(rng, n_steps, with_client), f"gen_plans seed={seed} i={i}"))
        paths.append(path)
    return paths


def write_bad(out: Path) -> dict:
    """Writes them; returns {file name: what is wrong}."""
    out.mkdir(parents=True, exist_ok=True)
    plans = bad_plans()
    for name, (_, text) in plans.items():
        (out / name).write_text(text)
    return {name: why for name, (why, _) in plans.items()}


def write_suite(out: Path, seed: int = 1, batch: int = 1000) -> None:
    """typical.yaml (20 steps, with flags), steps-200.yaml, steps-2000.yaml, batch/, bad/."""
    for n in (20, 200, 2000):
        write_plans(out, n, 1, seed, with_client=True, name="typical.yaml" if n == 20 else f"steps-{n}.yaml")
    write_plans(out / "batch", 20, batch, seed)
    write_bad(out / "bad")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", type=Path)
    ap.add_argument("--steps", type=int, default=20)
    ap.add_argument("--count", type=int, default=1)
    ap.add_argument("--seed", type=int, default=1)
    mode = ap.add_mutually_exclusive_group()
    mode.add_argument("--bad", action="store_true", help="write the bad plans and the good control")
    mode.add_argument("--suite", action="store_true", help="write everything run_peers.py uses")
    args = ap.parse_args()
    if args.bad:
        write_bad(args.out)
    elif args.suite:
        write_suite(args.out, args.seed)
    else:
        write_plans(args.out, args.steps, args.count, args.seed)


if __name__ == "__main__":
    main()
