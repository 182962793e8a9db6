"""The built-in plugins hold exactly the data of docs/domain.md (sections 2-5).

The tables below are written out by hand from docs/domain.md and compared with what the registry
loads through the entry points, so a typo in a plugin module (or in these tables) fails here.
docs/domain.md is parsed too, and the hand-written tables must match it: a change to the domain
reference that the data does not follow, or the reverse, fails as well.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any, NamedTuple

import pytest

from massage_routines.model.duration import Duration
from massage_routines.model.position import BUILT_IN, Position
from massage_routines.model.pressure import Pressure
from massage_routines.model.regions import BASE_REGIONS, matches_pattern, overlaps
from massage_routines.plugins.records import (
    AT_FOCUS,
    AT_REGION,
    Avoid,
    Cap,
    ConditionSpec,
    DiscouragePosition,
    DiscourageTechnique,
    Forbid,
    ForbidPosition,
    Move,
    NeedsClearance,
    Refuse,
    StyleSpec,
    Warn,
)
from massage_routines.plugins.registry import Registry, build_registry

DOMAIN_MD = Path(__file__).resolve().parents[1] / "docs" / "domain.md"

ALL = ("prone", "supine", "side_lying", "seated")
#: Where a person works on themselves with their hands.
SELF = ("seated", "supine", "side_lying", "standing")


@pytest.fixture(scope="module")
def registry() -> Registry:
    return build_registry(select="all")


def builtin_names(registry: Registry, kind: Any, names: Any) -> set[str]:
    """The names of ``kind`` that a built-in plugin provides."""
    out = set()
    for name in names:
        info = registry.provider(kind, name)
        assert info is not None, f"{kind} {name!r} has no provider"
        if info.builtin:
            out.add(name)
    return out


def test_no_plugin_problems(registry: Registry) -> None:
    assert registry.problems == ()
    loaded = {p.name for p in registry.plugins if p.status == "loaded"}
    assert {"swedish", "deep_tissue", "chair", "conditions", "sites"} <= loaded
    assert registry.families >= {"deep", "percussion"}


@pytest.mark.parametrize("module", ["swedish", "deep_tissue", "chair", "conditions", "sites"])
def test_plugin_is_coherent(module: str) -> None:
    """The library's own plugin checks find nothing wrong with the built-in plugins."""
    import importlib

    from massage_routines.testing import check_plugin

    plugin = importlib.import_module(f"massage_routines.techniques.{module}")
    assert check_plugin(plugin) == []


# ---------------------------------------------------------------- section 3: techniques


class T(NamedTuple):
    plugin: str
    pressure: tuple[int, int]
    positions: tuple[str, ...]
    never_on: tuple[str, ...]
    step: tuple[str, str]
    family: str | None


TECHNIQUES: dict[str, T] = {
    "effleurage": T("swedish", (1, 4), ALL, (), ("30s", "10m"), None),
    "petrissage": T("swedish", (2, 4), ALL, ("neck.anterior",), ("1m", "15m"), None),
    "friction": T("swedish", (2, 4), ALL, (), ("30s", "10m"), None),
    "tapotement": T(
        "swedish",
        (1, 3),
        ("prone", "supine", "seated"),
        ("back.lower", "neck", "abdomen", "chest", "head.face", "leg.*.knee_back"),
        ("15s", "3m"),
        "percussion",
    ),
    "vibration": T("swedish", (1, 3), ALL, (), ("15s", "3m"), None),
    "nerve_strokes": T("swedish", (1, 1), ALL, (), ("15s", "2m"), None),
    "stripping": T(
        "deep_tissue",
        (3, 5),
        ("prone", "supine", "side_lying"),
        ("neck.anterior", "abdomen", "leg.*.knee_back"),
        ("1m", "10m"),
        "deep",
    ),
    "cross_fiber_friction": T(
        "deep_tissue", (3, 5), ALL, ("neck.anterior", "abdomen"), ("30s", "20m"), "deep"
    ),
    "trigger_point": T(
        "deep_tissue",
        (3, 5),
        ALL,
        ("neck.anterior", "abdomen", "leg.*.knee_back"),
        ("30s", "5m"),
        "deep",
    ),
    "myofascial_release": T("deep_tissue", (2, 3), ALL, (), ("90s", "10m"), None),
    "pin_and_stretch": T("deep_tissue", (3, 4), ALL, ("neck.anterior",), ("1m", "5m"), "deep"),
    "compression": T("chair", (2, 4), ("seated", "prone"), ("neck.anterior",), ("30s", "5m"), None),
    "thumb_pressure": T(
        "chair", (3, 4), ("seated", "prone"), ("neck.anterior",), ("15s", "3m"), None
    ),
    "passive_stretch": T("chair", (1, 2), ("seated", "supine"), (), ("15s", "3m"), None),
    "self_kneading": T("self_massage", (1, 3), SELF, ("neck.anterior",), ("1m", "10m"), None),
    "fingertip_circles": T("self_massage", (1, 3), SELF, (), ("30s", "10m"), None),
    "foam_rolling": T(
        "self_massage",
        (2, 3),
        ("supine", "prone", "side_lying", "seated"),
        ("back.lower", "neck", "leg.*.knee_back"),
        ("30s", "5m"),
        None,
    ),
    "ball_pressure": T(
        "self_massage",
        (2, 3),
        ("standing", "supine", "seated"),
        ("back.lower", "neck", "leg.*.knee_back"),
        ("30s", "5m"),
        "deep",
    ),
    "heat_pack": T(
        "self_massage",
        (0, 0),
        (*ALL, "standing"),
        ("neck.anterior", "head.face"),
        ("5m", "15m"),
        "heat",
    ),
    "gentle_stretch": T("self_massage", (1, 2), SELF, (), ("30s", "5m"), None),
}


def test_technique_names(registry: Registry) -> None:
    assert builtin_names(registry, "technique", registry.techniques) == set(TECHNIQUES)


@pytest.mark.parametrize("name", sorted(TECHNIQUES))
def test_technique(registry: Registry, name: str) -> None:
    want = TECHNIQUES[name]
    spec = registry.techniques[name]
    assert spec.name == name
    assert (int(spec.pressure.low), int(spec.pressure.high)) == want.pressure
    assert sorted(spec.positions) == sorted(Position(p) for p in want.positions)
    assert len(set(spec.positions)) == len(spec.positions)
    assert sorted(spec.never_on) == sorted(want.never_on)
    assert spec.step_length.low == Duration.parse(want.step[0])
    assert spec.step_length.high == Duration.parse(want.step[1])
    assert spec.family == want.family
    assert spec.description
    provider = registry.provider("technique", name)
    assert provider is not None
    assert provider.name == want.plugin
    assert provider.builtin


def test_families(registry: Registry) -> None:
    families: dict[str, set[str]] = {}
    for name, spec in registry.techniques.items():
        if spec.family:
            families.setdefault(spec.family, set()).add(name)
    assert families["deep"] == {
        "stripping",
        "cross_fiber_friction",
        "trigger_point",
        "pin_and_stretch",
        "ball_pressure",  # a ball pressing one spot with body weight: the cautious side
    }
    assert families["percussion"] == {"tapotement"}
    assert families["heat"] == {"heat_pack"}


# ---------------------------------------------------------------- section 4: styles


class S(NamedTuple):
    plugin: str
    positions: tuple[str, ...]
    session: tuple[str, str]
    uses: frozenset[str]
    reaches: frozenset[str] | None


SWEDISH_USES = frozenset(
    {
        "effleurage",
        "petrissage",
        "friction",
        "tapotement",
        "vibration",
        "nerve_strokes",
        "compression",
        "passive_stretch",
    }
)

STYLES: dict[str, S] = {
    "swedish": S("swedish", ("prone", "supine", "side_lying"), ("20m", "120m"), SWEDISH_USES, None),
    "deep_tissue": S(
        "deep_tissue",
        ("prone", "supine", "side_lying"),
        ("30m", "120m"),
        SWEDISH_USES
        | {
            "stripping",
            "cross_fiber_friction",
            "trigger_point",
            "myofascial_release",
            "pin_and_stretch",
        },
        None,
    ),
    "chair": S(
        "chair",
        ("seated",),
        ("5m", "30m"),
        frozenset(
            {
                "compression",
                "thumb_pressure",
                "petrissage",
                "tapotement",
                "passive_stretch",
                "effleurage",
                "nerve_strokes",
            }
        ),
        frozenset({"head", "neck", "shoulder", "back", "arm", "hand"}),
    ),
    "self_massage": S(
        "self_massage",
        ("seated", "supine", "standing", "side_lying", "prone"),
        ("10m", "30m"),
        frozenset(
            {
                "self_kneading",
                "fingertip_circles",
                "foam_rolling",
                "ball_pressure",
                "heat_pack",
                "gentle_stretch",
            }
        ),
        frozenset({"neck", "shoulder", "back", "glutes", "abdomen", "arm", "hand", "leg", "foot"}),
    ),
}


def test_style_names(registry: Registry) -> None:
    assert builtin_names(registry, "style", registry.styles) == set(STYLES)


@pytest.mark.parametrize("name", sorted(STYLES))
def test_style(registry: Registry, name: str) -> None:
    want = STYLES[name]
    spec = registry.styles[name]
    assert spec.name == name
    assert spec.positions == tuple(Position(p) for p in want.positions)
    assert spec.session_length.low == Duration.parse(want.session[0])
    assert spec.session_length.high == Duration.parse(want.session[1])
    assert set(spec.techniques) == want.uses
    assert len(set(spec.techniques)) == len(spec.techniques)
    assert (None if spec.reaches is None else set(spec.reaches)) == want.reaches
    assert spec.description
    provider = registry.provider("style", name)
    assert provider is not None
    assert provider.name == want.plugin


# ---------------------------------------------------------------- section 4: session shapes


def shape_moves(style: StyleSpec) -> list[tuple[Position, Move]]:
    """(position, move) for every move of the style's shape; the link in each block's position."""
    out: list[tuple[Position, Move]] = []
    for block in style.shape.blocks:
        position = block.position or style.positions[0]
        for move in block.moves or style.shape.pattern:
            out.append((position, move))
        if style.shape.link is not None:
            out.append((position, style.shape.link))
    return out


@pytest.mark.parametrize("name", sorted(STYLES))
def test_shape_blocks(registry: Registry, name: str) -> None:
    """Every block has time and moves, is in one of the style's positions and within reach."""
    style = registry.styles[name]
    assert style.shape.blocks
    for block in style.shape.blocks:
        assert block.weight > 0
        assert block.moves or style.shape.pattern
        assert (block.position or style.positions[0]) in style.positions, (name, block)
        if block.region != AT_FOCUS:
            assert block.region in BASE_REGIONS, block.region
            if style.reaches is not None:
                assert any(matches_pattern(block.region, r) for r in style.reaches), block.region


@pytest.mark.parametrize("name", sorted(STYLES))
def test_shape_moves(registry: Registry, name: str) -> None:
    """Every move is feasible: the style uses its techniques, and each of them (whichever
    fallback the composer picks) can be done in the block's position at every pressure of the
    move's band."""
    style = registry.styles[name]
    moves = shape_moves(style)
    assert moves
    for position, move in moves:
        assert move.weight > 0
        assert move.techniques
        assert len(set(move.techniques)) == len(move.techniques)
        for technique in move.techniques:
            assert technique in style.techniques, (name, technique)
            spec = registry.techniques[technique]
            assert position in spec.positions, (name, technique, position)
            assert spec.pressure.low <= move.pressure.low, (name, technique, move.pressure)
            assert move.pressure.high <= spec.pressure.high, (name, technique, move.pressure)


def test_swedish_shape(registry: Registry) -> None:
    shape = registry.styles["swedish"].shape
    order = [(b.region, b.position) for b in shape.blocks]
    assert order == [
        ("back", "prone"),
        ("neck.posterior", "prone"),
        ("shoulder", "prone"),
        ("arm", "prone"),
        ("glutes", "prone"),
        ("leg", "prone"),
        ("leg", "supine"),
        ("arm", "supine"),
        ("neck", "supine"),
        ("head", "supine"),
    ]
    assert all(not b.moves for b in shape.blocks)  # every block uses the pattern
    weights = [b.weight for b in shape.blocks]
    assert weights[0] == max(weights) and weights.count(weights[0]) == 1  # the back first
    totals: dict[str, float] = {}
    for b in shape.blocks:
        totals[b.region] = totals.get(b.region, 0) + b.weight
    assert (
        totals["back"]
        > totals["leg"]
        > max(v for k, v in totals.items() if k not in ("back", "leg"))
    )
    # the published split: prone 40 min, supine 18 min
    prone = sum(b.weight for b in shape.blocks if b.position == "prone")
    supine = sum(b.weight for b in shape.blocks if b.position == "supine")
    assert prone / supine == pytest.approx(40 / 18)
    assert [m.techniques for m in shape.pattern] == [
        ("effleurage",),
        ("petrissage", "effleurage"),
        ("friction", "effleurage"),
        ("tapotement",),
        ("effleurage", "nerve_strokes"),
    ]
    for move in shape.pattern:
        assert move.pressure.low >= 1 and move.pressure.high <= 3
        assert move.target == "area"
    assert shape.link is not None
    assert shape.link.techniques == ("effleurage",)


def test_deep_tissue_shape(registry: Registry) -> None:
    shape = registry.styles["deep_tissue"].shape
    assert len(shape.blocks) == 1
    block = shape.blocks[0]
    assert block.region == AT_FOCUS
    phases = [
        (m.techniques, int(m.pressure.low), int(m.pressure.high), m.target) for m in block.moves
    ]
    assert phases == [
        (("effleurage",), 2, 3, "area"),
        (("petrissage", "effleurage"), 2, 3, "area"),
        (("stripping", "cross_fiber_friction", "trigger_point", "pin_and_stretch"), 4, 4, "within"),
        (("effleurage",), 2, 3, "area"),
    ]


CHAIR_TEMPLATE = [
    # (region, minutes, techniques of the moves, highest pressure)
    ("back", 1, [("effleurage",)], 1),
    ("back.upper", 3, [("compression", "effleurage"), ("compression", "effleurage")], 4),
    ("shoulder", 3, [("petrissage", "effleurage"), ("thumb_pressure", "compression")], 4),
    ("neck.posterior", 2, [("petrissage", "effleurage"), ("thumb_pressure", "petrissage")], 3),
    (
        "arm",
        2,
        [("compression", "petrissage"), ("petrissage", "effleurage"), ("passive_stretch",)],
        3,
    ),
    ("hand", 1, [("thumb_pressure", "compression", "effleurage")], 3),
    ("back.lower", 1.5, [("compression",)], 3),
    ("head.scalp", 0.75, [("petrissage", "effleurage")], 2),
    ("back.upper", 0.75, [("tapotement",), ("nerve_strokes",)], 3),
]


def test_chair_shape(registry: Registry) -> None:
    shape = registry.styles["chair"].shape
    got = [
        (
            b.region,
            b.weight,
            [m.techniques for m in b.moves],
            max(int(m.pressure.high) for m in b.moves),
        )
        for b in shape.blocks
    ]
    assert got == CHAIR_TEMPLATE
    assert sum(b.weight for b in shape.blocks) == pytest.approx(15)
    assert all(b.position == "seated" for b in shape.blocks)
    assert shape.pattern == () and shape.link is None
    low_back = shape.blocks[6]
    assert [m.techniques for m in low_back.moves] == [("compression",)]
    assert low_back.moves[0].pressure.high <= 3


# ---------------------------------------------------------------- section 2: sites

SITES: dict[str, tuple[int | None, frozenset[str]]] = {
    # region: (cap, forbidden techniques or families)
    "neck.anterior": (1, frozenset({"thumb_pressure", "trigger_point", "percussion"})),
    "leg.*.knee_back": (1, frozenset()),
    "arm.*.axilla": (2, frozenset()),
    "abdomen": (2, frozenset({"percussion"})),
    "back.lower": (None, frozenset({"percussion"})),
    "chest": (None, frozenset({"percussion"})),
    "head.face": (None, frozenset({"percussion"})),
}


def test_sites(registry: Registry) -> None:
    builtin = [s for s in registry.sites if (p := registry.provider("site", s.name)) and p.builtin]
    got = {
        s.region: (None if s.cap is None else int(s.cap), frozenset(s.forbidden)) for s in builtin
    }
    assert got == SITES
    assert len(builtin) == len(SITES)  # one record per region
    for site in builtin:
        provider = registry.provider("site", site.name)
        assert provider is not None
        assert provider.name == "sites"
        assert site.at_risk
        assert any(matches_pattern(r, site.region) for r in BASE_REGIONS), site.region


# ---------------------------------------------------------------- section 5: conditions

R = AT_REGION
T23 = frozenset({2, 3})


class C(NamedTuple):
    takes: str  # "none", "optional", "required" or "trimester"
    default: str | None
    effects: tuple[tuple[Any, ...], ...]


REFUSE = ("refuse", False, None)
CLEARANCE = ("clearance", None)


def avoid(region: str = R) -> tuple[Any, ...]:
    return ("avoid", region, None)


def cap(
    level: int, region: str | None = None, trimesters: frozenset[int] | None = None
) -> tuple[Any, ...]:
    return ("cap", level, region, trimesters)


def forbid(*names: str, region: str | None = None) -> tuple[Any, ...]:
    return ("forbid", frozenset(names), region, None)


CONDITIONS: dict[str, C] = {
    "fever": C("none", None, (REFUSE,)),
    "contagious_illness": C("none", None, (REFUSE,)),
    "contagious_skin_infection": C("optional", None, (REFUSE,)),
    "intoxication": C("none", None, (REFUSE,)),
    "dvt": C("optional", None, (REFUSE,)),
    "uncontrolled_hypertension": C("none", None, (REFUSE,)),
    "recent_chemotherapy": C("none", None, (REFUSE,)),
    "acute_heart_condition": C("none", None, (REFUSE,)),
    "open_wound": C("required", None, (avoid(),)),
    "burn": C("required", None, (avoid(),)),
    "bruise": C("required", None, (avoid(),)),
    "rash": C("required", None, (avoid(),)),
    "skin_infection": C("required", None, (avoid(),)),
    "acute_injury": C("required", None, (avoid(),)),
    "fracture": C("required", None, (avoid(),)),
    "recent_surgery": C("required", None, (avoid(), CLEARANCE)),
    "varicose_veins": C("optional", "leg", (cap(2, R), forbid("deep", region=R))),
    "dvt_history": C("optional", "leg", (cap(1, R), forbid("heat"))),
    "osteoporosis": C(
        "none", None, (cap(2), forbid("percussion", "passive_stretch", "pin_and_stretch"))
    ),
    "anticoagulants": C("none", None, (cap(2), forbid("deep"))),
    "bleeding_disorder": C("none", None, (cap(2), forbid("deep"))),
    "low_platelets": C("none", None, (cap(1),)),
    "hypertension": C("none", None, (CLEARANCE, ("warn", None))),
    "heart_condition": C("none", None, (CLEARANCE, cap(2))),
    "pacemaker": C("optional", "chest", (avoid(), ("discourage_position", "prone", None))),
    "cancer": C("optional", None, (CLEARANCE, cap(2), avoid())),
    "lymph_node_removal": C("required", None, (cap(2, R),)),
    "pregnancy": C(
        "trimester",
        None,
        (
            ("clearance", frozenset({1})),
            ("forbid_position", "prone", T23),
            cap(1, "abdomen", T23),
            ("discourage_position", "supine", T23),
            ("discourage_technique", frozenset({"deep"}), "leg", T23),
            forbid("heat", region="abdomen"),
        ),
    ),
    "numbness": C("optional", None, (CLEARANCE, avoid(), forbid("heat", region=R))),
    "radiating_pain": C("optional", None, (CLEARANCE, avoid())),
    "neuropathy": C("optional", None, (cap(1, R), forbid("heat", region=R))),
}


def normalize(effect: object) -> tuple[Any, ...]:
    """An effect as a comparable tuple, without its free text."""
    if isinstance(effect, Refuse):
        return ("refuse", effect.lifted_by_clearance, effect.trimesters)
    if isinstance(effect, NeedsClearance):
        return ("clearance", effect.trimesters)
    if isinstance(effect, Avoid):
        return ("avoid", effect.region, effect.trimesters)
    if isinstance(effect, Cap):
        return ("cap", int(effect.level), effect.region, effect.trimesters)
    if isinstance(effect, Forbid):
        return ("forbid", frozenset(effect.names), effect.region, effect.trimesters)
    if isinstance(effect, ForbidPosition):
        return ("forbid_position", str(effect.position), effect.trimesters)
    if isinstance(effect, Warn):
        return ("warn", effect.trimesters)
    if isinstance(effect, DiscouragePosition):
        return ("discourage_position", str(effect.position), effect.trimesters)
    if isinstance(effect, DiscourageTechnique):
        return ("discourage_technique", frozenset(effect.names), effect.region, effect.trimesters)
    raise AssertionError(f"unknown effect {effect!r}")


def takes(spec: ConditionSpec) -> str:
    if spec.trimester:
        assert spec.region == "none"
        return "trimester"
    return spec.region


def test_condition_names(registry: Registry) -> None:
    assert len(CONDITIONS) == 31
    assert builtin_names(registry, "condition", registry.conditions) == set(CONDITIONS)


@pytest.mark.parametrize("name", sorted(CONDITIONS))
def test_condition(registry: Registry, name: str) -> None:
    want = CONDITIONS[name]
    spec = registry.conditions[name]
    assert spec.name == name
    assert takes(spec) == want.takes
    assert spec.default_region == want.default
    assert Counter(normalize(e) for e in spec.effects) == Counter(want.effects)
    assert spec.description
    provider = registry.provider("condition", name)
    assert provider is not None
    assert provider.name == "conditions"


@pytest.mark.parametrize("name", sorted(CONDITIONS))
def test_condition_messages_say_what_to_do(registry: Registry, name: str) -> None:
    """A therapist reads these: each names the concern, then says what to do."""
    concern = re.compile(r"[a-z][^:]{2,60}: \S.{20,}")
    for effect in registry.conditions[name].effects:
        text = getattr(effect, "reason", None) or getattr(effect, "message", None)
        if isinstance(
            effect, Refuse | NeedsClearance | Warn | DiscouragePosition | DiscourageTechnique
        ):
            assert text and concern.fullmatch(text), (name, text)
        if isinstance(effect, Refuse):
            assert "no massage" in effect.reason, effect.reason
            assert "reschedule" in effect.reason or "refer" in effect.reason, effect.reason
        elif isinstance(effect, NeedsClearance):
            assert "cleared: true" in effect.reason, effect.reason
    if name == "pregnancy":
        supine = [e for e in registry.conditions[name].effects if isinstance(e, DiscouragePosition)]
        assert "side-lying preferred" in supine[0].message


def test_default_regions_are_known(registry: Registry) -> None:
    for spec in registry.conditions.values():
        if spec.default_region is not None:
            assert spec.region == "optional"
            assert spec.default_region in BASE_REGIONS


def test_effect_regions(registry: Registry) -> None:
    """Effects on AT_REGION only make sense where the condition takes a region."""
    for name, spec in registry.conditions.items():
        for effect in spec.effects:
            region = getattr(effect, "region", None)
            if region == AT_REGION:
                assert spec.region != "none", name
            elif region is not None:
                assert any(overlaps(region, r) for r in BASE_REGIONS), (name, region)


# ---------------------------------------------------------------- docs/domain.md itself


def section(number: int) -> str:
    text = DOMAIN_MD.read_text(encoding="utf-8")
    match = re.search(rf"^## {number}\. .*?(?=^## |\Z)", text, re.M | re.S)
    assert match, f"domain.md has no section {number}"
    return match.group(0)


def table_rows(text: str) -> list[list[str]]:
    """The body rows of the markdown tables in ``text`` whose first cell is a backticked name."""
    rows = []
    for line in text.splitlines():
        if line.startswith("| `"):
            rows.append([cell.strip() for cell in line.strip().strip("|").split("|")])
    return rows


def ticked(cell: str) -> list[str]:
    return re.findall(r"`([^`]+)`", cell)


def listed(cell: str) -> tuple[str, ...]:
    return tuple(word.strip().strip("`") for word in cell.split(",") if word.strip())


_UNIT = {"s": 1, "min": 60, "h": 3600}


def length_range(cell: str) -> tuple[Duration, Duration]:
    """``30 s – 10 min`` or ``1 – 15 min`` (the low end takes the high end's unit)."""
    low, high = (part.strip() for part in re.split(r"[–-]", cell))
    high_number, high_unit = high.split()
    parts = low.split()
    low_number, low_unit = (parts[0], parts[1]) if len(parts) == 2 else (parts[0], high_unit)
    return (
        Duration.of(seconds=float(low_number) * _UNIT[low_unit]),
        Duration.of(seconds=float(high_number) * _UNIT[high_unit]),
    )


def test_length_range_parser() -> None:
    assert length_range("30 s – 10 min") == (Duration.parse("30s"), Duration.parse("10m"))
    assert length_range("1 – 15 min") == (Duration.parse("1m"), Duration.parse("15m"))


def test_domain_technique_table() -> None:
    text = section(3)
    parsed: dict[str, T] = {}
    for cells in table_rows(text):
        name = ticked(cells[0])[0]
        numbers = [int(n) for n in re.findall(r"\d", cells[2])]
        low, high = numbers[0], numbers[-1]
        positions = ALL if cells[3] == "all" else listed(cells[3])
        never = () if cells[4] in ("—", "-", "") else tuple(ticked(cells[4]))
        step = length_range(cells[5])
        parsed[name] = T(
            cells[1], (low, high), positions, never, (str(step[0]), str(step[1])), None
        )
    deep = re.search(r"\(([^)]*)\)\s*form the family `(\w+)`", text)
    assert deep
    family = {n: deep.group(2) for n in ticked(deep.group(1))}
    for name, fam in re.findall(r"`(\w+)` forms the family `(\w+)`", text):
        family[name] = fam
    parsed = {n: t._replace(family=family.get(n)) for n, t in parsed.items()}

    assert set(parsed) == set(TECHNIQUES)
    for name, want in TECHNIQUES.items():
        got = parsed[name]
        assert got.plugin == want.plugin, name
        assert got.pressure == want.pressure, name
        assert set(got.positions) == set(want.positions), name
        assert set(got.never_on) == set(want.never_on), name
        assert tuple(Duration.parse(s) for s in got.step) == tuple(
            Duration.parse(s) for s in want.step
        ), name
        assert got.family == want.family, name


def test_domain_style_table() -> None:
    rows = {ticked(cells[0])[0]: cells for cells in table_rows(section(4))}
    assert set(rows) == set(STYLES)
    uses: dict[str, frozenset[str]] = {}
    for name in ("swedish", "chair", "deep_tissue", "self_massage"):  # deep_tissue: swedish's
        cell = rows[name][3]
        inherited = re.match(r"all of (\w+)'s, and (.*)", cell)
        if inherited:
            uses[name] = uses[inherited.group(1)] | set(listed(inherited.group(2)))
        else:
            uses[name] = frozenset(listed(cell))
    for name, want in STYLES.items():
        cells = rows[name]
        assert listed(cells[1]) == want.positions, name
        low, high = length_range(cells[2])
        assert (low, high) == tuple(Duration.parse(s) for s in want.session), name
        assert uses[name] == want.uses, name
        reaches = None if cells[4] == "every region" else frozenset(listed(cells[4]))
        assert reaches == want.reaches, name


def test_domain_sites_table() -> None:
    parsed: dict[str, tuple[int | None, frozenset[str]]] = {}
    for cells in table_rows(section(2)):
        rule = cells[2]
        level = re.search(r"pressure ≤ (\d)", rule)
        forbidden = set(ticked(rule))
        if "no tapotement" in rule:
            forbidden.add("percussion")
        for region in ticked(cells[0]):
            parsed[region] = (int(level.group(1)) if level else None, frozenset(forbidden))
    assert parsed == SITES


def test_domain_condition_table() -> None:
    parsed: dict[str, tuple[str, str | None]] = {}
    for cells in table_rows(section(5)):
        cell = cells[1]
        if not cell:
            how, default = "none", None
        elif cell.startswith("trimester"):
            how, default = "trimester", None
        elif "default" in cell:
            how, default = "optional", ticked(cell)[0]
        elif "optional" in cell:
            how, default = "optional", None
        else:
            assert "required" in cell, cell
            how, default = "required", None
        for name in ticked(cells[0]):
            parsed[name] = (how, default)
    assert set(parsed) == set(CONDITIONS)
    for name, want in CONDITIONS.items():
        assert parsed[name] == (want.takes, want.default), name
    # "refuse" in the effects column is exactly the conditions that refuse
    refusing = {
        n
        for cells in table_rows(section(5))
        if cells[2].startswith("refuse")
        for n in ticked(cells[0])
    }
    assert refusing == {n for n, c in CONDITIONS.items() if REFUSE in c.effects}


def plain_table(text: str, first_header: str) -> list[list[str]]:
    """The body rows of the markdown table in ``text`` whose header starts with ``first_header``."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(f"| {first_header} |"))
    rows = []
    for line in lines[start + 2 :]:
        if not line.startswith("|"):
            break
        rows.append([cell.strip() for cell in line.strip().strip("|").split("|")])
    return rows


def in_phase(block_region: str, phase_regions: tuple[str, ...]) -> bool:
    """A block belongs to a phase when it works one of its regions, or one side of it."""
    return any(block_region in (r, f"{r}.left", f"{r}.right") for r in phase_regions)


def test_domain_chair_split(registry: Registry) -> None:
    """The chair template's phases, in order: the shape's blocks give each its minutes and no
    more than its highest pressure."""
    phases = plain_table(section(4), "phase")
    assert len(phases) == 8
    blocks = list(registry.styles["chair"].shape.blocks)
    for cells in phases:
        regions = listed(cells[1])
        taken = []
        while blocks and in_phase(blocks[0].region, regions):
            taken.append(blocks.pop(0))
        assert taken, (cells, blocks[:1])
        assert sum(b.weight for b in taken) == pytest.approx(float(cells[2])), cells
        highest = max(int(m.pressure.high) for b in taken for m in b.moves)
        assert highest == int(cells[4]), cells
    assert not blocks
    assert sum(float(cells[2]) for cells in phases) == pytest.approx(15)


def test_domain_swedish_split(registry: Registry) -> None:
    """The published 60-minute split: the Swedish shape's time in each position, in order."""
    parts = [cells for cells in plain_table(section(4), "part") if cells[1]]
    want = [(Position(cells[1]), float(cells[3])) for cells in parts]
    shape = registry.styles["swedish"].shape
    got: list[tuple[Position, float]] = []
    for block in shape.blocks:
        position = Position(block.position or registry.styles["swedish"].positions[0])
        if got and got[-1][0] == position:
            got[-1] = (position, got[-1][1] + block.weight)
        else:
            got.append((position, block.weight))
    assert [p for p, _ in got] == [p for p, _ in want]
    assert [w for _, w in got] == pytest.approx([w for _, w in want])


def effects_in_words(cell: str) -> Counter[tuple[Any, ...]]:
    """The effects column of the condition table, as comparable tuples (trimesters aside)."""
    out: Counter[tuple[Any, ...]] = Counter()
    positions = {p.value for p in BUILT_IN}
    for raw in re.split(r";|\.\s", cell):
        clause = re.sub(r"\s*\([^)]*\)", "", raw).strip().rstrip(".")
        clause = clause.split(": ", 1)[-1] if re.match(r"[\w ]+: ", clause) else clause
        on = AT_REGION if clause.endswith("on the region") else None
        if clause.startswith("refuse"):
            out["refuse",] += 1
        elif "does not lift" in clause:
            continue
        elif clause.startswith("avoid the region"):
            out["avoid", AT_REGION] += 1
        elif clause == "clearance":
            out["clearance",] += 1
        elif cap_match := re.fullmatch(r"cap (\d)(?: on `([\w.]+)`)?(?: on the region)?", clause):
            out["cap", int(cap_match.group(1)), cap_match.group(2) or on] += 1
        elif clause.startswith("no "):
            where = re.search(r" on `([\w.]+)`$", clause)
            names = ticked(clause[: where.start()] if where else clause)
            if set(names) <= positions:
                out.update(("no_position", n) for n in names)
            else:
                out["forbid", frozenset(names), where.group(1) if where else on] += 1
        elif clause.startswith("a warning"):
            out["warning",] += 1
        else:
            raise AssertionError(f"an effect the test cannot read: {clause!r} in {cell!r}")
    return out


def effects_of(want: C) -> Counter[tuple[Any, ...]]:
    """The hand-written effects of ``want`` projected as :func:`effects_in_words` reads them."""
    out: Counter[tuple[Any, ...]] = Counter()
    for effect in want.effects:
        kind = effect[0]
        if kind in ("refuse", "clearance"):
            out[kind,] += 1
        elif kind == "avoid":
            out["avoid", effect[1]] += 1
        elif kind in ("cap", "forbid"):
            out[kind, effect[1], effect[2]] += 1
        elif kind == "forbid_position":
            out["no_position", effect[1]] += 1
        else:
            assert kind in ("warn", "discourage_position", "discourage_technique"), effect
            out["warning",] += 1
    return out


def test_effects_in_words() -> None:
    assert effects_in_words("cap 2 on the region; no `deep` on the region") == Counter(
        {("cap", 2, AT_REGION): 1, ("forbid", frozenset({"deep"}), AT_REGION): 1}
    )
    assert effects_in_words("trimester 1: clearance. Later: no `prone`; a warning") == Counter(
        {("clearance",): 1, ("no_position", "prone"): 1, ("warning",): 1}
    )
    with pytest.raises(AssertionError):
        effects_in_words("massage only on Tuesdays")


def test_domain_condition_effects() -> None:
    """Each row's effects column says what the built-in condition does."""
    rows = table_rows(section(5))
    seen = set()
    for cells in rows:
        for name in ticked(cells[0]):
            assert effects_in_words(cells[2]) == effects_of(CONDITIONS[name]), name
            seen.add(name)
    assert seen == set(CONDITIONS)


def test_domain_pressure_scale() -> None:
    """Section 1's scale: levels 0-5 with the names plans may write instead of the number."""
    rows = [
        cells
        for line in section(1).splitlines()
        if re.match(r"\| \d \|", line)
        for cells in [[c.strip() for c in line.strip().strip("|").split("|")]]
    ]
    got = {int(cells[0]): ticked(cells[1])[0] for cells in rows}
    assert got == {int(p): p.name.lower() for p in Pressure}
    assert all(Pressure.parse(name) == level for level, name in got.items())
