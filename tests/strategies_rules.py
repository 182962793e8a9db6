"""Shared helpers of the rule tests: registries, plan text, and Hypothesis strategies.

The built-in data (``massage_routines/techniques``) is written concurrently with the rules; until
it lands, :func:`domain_registry` registers :data:`DOMAIN`, a transcription of domain.md
sections 2-5, next to the built-in rules plugin. Once the built-in plugins provide techniques and
conditions, the tests use them instead (``build_registry(select="all")``), so the same tests check
the real data.
"""

from __future__ import annotations

import functools
import types
from typing import TYPE_CHECKING

from hypothesis import strategies as st

from massage_routines.model import Client, Condition, Duration, Flag, Position, Pressure, Region
from massage_routines.model.regions import BASE_REGIONS
from massage_routines.model.routine import Routine, Step
from massage_routines.plugins.markers import hookimpl
from massage_routines.plugins.records import (
    AT_REGION,
    Avoid,
    Block,
    Cap,
    ConditionSpec,
    DiscouragePosition,
    DiscourageTechnique,
    DurationRange,
    Forbid,
    ForbidPosition,
    Move,
    NeedsClearance,
    PressureRange,
    Refuse,
    SessionShape,
    SiteSpec,
    StyleSpec,
    TechniqueSpec,
    Warn,
)
from massage_routines.plugins.registry import Registry, build_registry
from massage_routines.validation import rules as builtin_rules
from massage_routines.validation.engine import validate, validate_text

if TYPE_CHECKING:
    from collections.abc import Iterable

    from massage_routines.findings import Finding, Report

ALL = ("prone", "supine", "side_lying", "seated")

# ---------------------------------------------------------------- domain.md, as records

_TECHNIQUES = (
    TechniqueSpec("effleurage", PressureRange(1, 4), ALL, (), DurationRange("30s", "10m")),
    TechniqueSpec(
        "petrissage", PressureRange(2, 4), ALL, "neck.anterior", DurationRange("1m", "15m")
    ),
    TechniqueSpec("friction", PressureRange(2, 4), ALL, (), DurationRange("30s", "10m")),
    TechniqueSpec(
        "tapotement",
        PressureRange(1, 3),
        ("prone", "supine", "seated"),
        ("back.lower", "neck", "abdomen", "chest", "head.face", "leg.*.knee_back"),
        DurationRange("15s", "3m"),
        family="percussion",
    ),
    TechniqueSpec("vibration", PressureRange(1, 3), ALL, (), DurationRange("15s", "3m")),
    TechniqueSpec("nerve_strokes", PressureRange(1, 1), ALL, (), DurationRange("15s", "2m")),
    TechniqueSpec(
        "stripping",
        PressureRange(3, 5),
        ("prone", "supine", "side_lying"),
        ("neck.anterior", "abdomen", "leg.*.knee_back"),
        DurationRange("1m", "10m"),
        family="deep",
    ),
    TechniqueSpec(
        "cross_fiber_friction",
        PressureRange(3, 5),
        ALL,
        ("neck.anterior", "abdomen"),
        DurationRange("30s", "20m"),
        family="deep",
    ),
    TechniqueSpec(
        "trigger_point",
        PressureRange(3, 5),
        ALL,
        ("neck.anterior", "abdomen", "leg.*.knee_back"),
        DurationRange("30s", "5m"),
        family="deep",
    ),
    TechniqueSpec("myofascial_release", PressureRange(2, 3), ALL, (), DurationRange("90s", "10m")),
    TechniqueSpec(
        "pin_and_stretch",
        PressureRange(3, 4),
        ALL,
        "neck.anterior",
        DurationRange("1m", "5m"),
        family="deep",
    ),
    TechniqueSpec(
        "compression",
        PressureRange(2, 4),
        ("seated", "prone"),
        "neck.anterior",
        DurationRange("30s", "5m"),
    ),
    TechniqueSpec(
        "thumb_pressure",
        PressureRange(3, 4),
        ("seated", "prone"),
        "neck.anterior",
        DurationRange("15s", "3m"),
    ),
    TechniqueSpec(
        "passive_stretch", PressureRange(1, 2), ("seated", "supine"), (), DurationRange("15s", "3m")
    ),
)

_SWEDISH = (
    "effleurage",
    "petrissage",
    "friction",
    "tapotement",
    "vibration",
    "nerve_strokes",
    "compression",
    "passive_stretch",
)
_SHAPE = SessionShape(
    blocks=(Block("back", 2),),
    pattern=(Move("effleurage", PressureRange(2, 2)), Move("petrissage", PressureRange(2, 3))),
)
_STYLES = (
    StyleSpec(
        "swedish", ("prone", "supine", "side_lying"), DurationRange("20m", "120m"), _SWEDISH, _SHAPE
    ),
    StyleSpec(
        "deep_tissue",
        ("prone", "supine", "side_lying"),
        DurationRange("30m", "120m"),
        (
            *_SWEDISH,
            "stripping",
            "cross_fiber_friction",
            "trigger_point",
            "myofascial_release",
            "pin_and_stretch",
        ),
        _SHAPE,
    ),
    StyleSpec(
        "chair",
        ("seated",),
        DurationRange("5m", "30m"),
        (
            "compression",
            "thumb_pressure",
            "petrissage",
            "tapotement",
            "passive_stretch",
            "effleurage",
            "nerve_strokes",
        ),
        _SHAPE,
        reaches=("head", "neck", "shoulder", "back", "arm", "hand"),
    ),
)

_SITES = (
    SiteSpec(
        "anterior_neck",
        "neck.anterior",
        "carotid artery and sinus, jugular vein, trachea",
        cap=1,
        forbidden=("thumb_pressure", "trigger_point", "tapotement"),
    ),
    SiteSpec(
        "popliteal_fossa", "leg.*.knee_back", "popliteal artery and vein, tibial nerve", cap=1
    ),
    SiteSpec("axilla", "arm.*.axilla", "brachial plexus, axillary vessels, lymph nodes", cap=2),
    SiteSpec(
        "abdomen", "abdomen", "liver, spleen, xiphoid tip, hernia", cap=2, forbidden="tapotement"
    ),
    SiteSpec("kidneys", "back.lower", "kidneys", forbidden="tapotement"),
    SiteSpec("sternum", "chest", "sternum", forbidden="tapotement"),
    SiteSpec("face", "head.face", "eyes, facial bones", forbidden="tapotement"),
)

_T23 = frozenset({2, 3})


def _conditions() -> list[ConditionSpec]:
    out: list[ConditionSpec] = []
    for name in (
        "fever",
        "contagious_illness",
        "intoxication",
        "uncontrolled_hypertension",
        "recent_chemotherapy",
        "acute_heart_condition",
    ):
        out.append(ConditionSpec(name, (Refuse(f"no massage with {name.replace('_', ' ')}"),)))
    for name in ("contagious_skin_infection", "dvt"):
        out.append(ConditionSpec(name, (Refuse(f"no massage with {name}"),), region="optional"))
    for name in (
        "open_wound",
        "burn",
        "bruise",
        "rash",
        "skin_infection",
        "acute_injury",
        "fracture",
    ):
        out.append(ConditionSpec(name, (Avoid(),), region="required"))
    out += [
        ConditionSpec(
            "recent_surgery",
            (Avoid(), NeedsClearance("a surgeon's clearance first")),
            region="required",
        ),
        ConditionSpec(
            "varicose_veins",
            (Cap(2, AT_REGION), Forbid("deep", AT_REGION)),
            region="optional",
            default_region="leg",
        ),
        ConditionSpec("dvt_history", (Cap(1, AT_REGION),), region="optional", default_region="leg"),
        ConditionSpec(
            "osteoporosis", (Cap(2), Forbid(("percussion", "passive_stretch", "pin_and_stretch")))
        ),
        ConditionSpec("anticoagulants", (Cap(2), Forbid("deep"))),
        ConditionSpec("bleeding_disorder", (Cap(2), Forbid("deep"))),
        ConditionSpec("low_platelets", (Cap(1),)),
        ConditionSpec(
            "hypertension",
            (NeedsClearance("a physician's clearance"), Warn("let the client rise slowly")),
        ),
        ConditionSpec("heart_condition", (NeedsClearance("a physician's clearance"), Cap(2))),
        ConditionSpec(
            "pacemaker",
            (Avoid(), DiscouragePosition("prone", "prone presses on the device")),
            region="optional",
            default_region="chest",
        ),
        ConditionSpec(
            "cancer",
            (NeedsClearance("an oncologist's clearance"), Cap(2), Avoid()),
            region="optional",
        ),
        ConditionSpec("lymph_node_removal", (Cap(2, AT_REGION),), region="required"),
        ConditionSpec(
            "pregnancy",
            (
                NeedsClearance(
                    "seek guidance first in the first trimester", trimesters=frozenset({1})
                ),
                ForbidPosition("prone", trimesters=_T23),
                Cap(1, "abdomen", trimesters=_T23),
                DiscouragePosition("supine", "side-lying is preferred", trimesters=_T23),
                DiscourageTechnique("deep", "leg", "no deep work on the legs", trimesters=_T23),
            ),
            trimester=True,
        ),
        ConditionSpec(
            "numbness", (NeedsClearance("refer to a clinician first"), Avoid()), region="optional"
        ),
        ConditionSpec(
            "radiating_pain",
            (NeedsClearance("refer to a clinician first"), Avoid()),
            region="optional",
        ),
        ConditionSpec("neuropathy", (Cap(1, AT_REGION),), region="optional"),
    ]
    return out


DOMAIN = types.SimpleNamespace(
    massage_techniques=hookimpl(lambda: list(_TECHNIQUES)),
    massage_styles=hookimpl(lambda: list(_STYLES)),
    massage_sites=hookimpl(lambda: list(_SITES)),
    massage_conditions=hookimpl(_conditions),
)


@functools.cache
def domain_registry() -> Registry:
    """The built-in plugins when their data has landed, else DOMAIN plus the built-in rules."""
    registry = build_registry(select="all")
    if registry.techniques and registry.conditions and registry.rules:
        return registry
    return build_registry([("domain", DOMAIN), ("rules", builtin_rules)], use_entry_points=False)


def registry_with(*plugins: tuple[str, object]) -> Registry:
    """The domain registry's plugins plus ``plugins`` (each ``(name, plugin object)``)."""
    base = domain_registry()
    if base.provider("rule", "flags") is not None and base.provider("rule", "flags").builtin:  # type: ignore[union-attr]
        return build_registry(list(plugins), select="all")
    return build_registry(
        [("domain", DOMAIN), ("rules", builtin_rules), *plugins], use_entry_points=False
    )


def check(text: str) -> Report:
    """Validate plan text against the domain registry."""
    return validate_text(text, domain_registry())


def check_routine(routine: Routine) -> Report:
    """Validate a routine built in code against the domain registry."""
    return validate(routine, domain_registry())


def codes_of(findings: Iterable[Finding]) -> set[str]:
    return {f.code for f in findings}


def errors_of(report: Report, codes: Iterable[str] | None = None) -> list[Finding]:
    wanted = set(codes) if codes is not None else None
    return [f for f in report.errors if wanted is None or f.code in wanted]


# ---------------------------------------------------------------- strategies

REGIONS = BASE_REGIONS
TECHNIQUES = tuple(t.name for t in _TECHNIQUES)
CONDITIONS = tuple(c.name for c in _conditions())
LOCAL_CONDITIONS = (
    "open_wound",
    "burn",
    "bruise",
    "rash",
    "skin_infection",
    "acute_injury",
    "fracture",
)

regions = st.sampled_from(REGIONS).map(Region)
pressures = st.sampled_from(tuple(Pressure))
positions = st.sampled_from(tuple(Position))
durations = st.sampled_from((15, 30, 60, 90, 120, 180, 300, 600)).map(
    lambda s: Duration.of(seconds=s)
)


@st.composite
def steps(draw: st.DrawFn) -> Step:
    return Step(
        technique=draw(st.sampled_from(TECHNIQUES)),
        region=draw(regions),
        pressure=draw(pressures),
        duration=draw(durations),
        position=draw(st.none() | positions),
    )


@st.composite
def conditions(draw: st.DrawFn) -> Condition:
    name = draw(st.sampled_from(CONDITIONS))
    region = None
    trimester = None
    if name in (*LOCAL_CONDITIONS, "recent_surgery", "lymph_node_removal"):
        region = draw(regions)
    elif name in ("varicose_veins", "dvt_history", "pacemaker", "cancer", "neuropathy", "numbness"):
        region = draw(st.none() | regions)
    if name == "pregnancy":
        trimester = draw(st.sampled_from((1, 2, 3)))
    return Condition(name, region, trimester, draw(st.booleans()))


@st.composite
def clients(draw: st.DrawFn) -> Client:
    flags = draw(st.lists(regions.map(Flag), max_size=2))
    conds = draw(st.lists(conditions(), max_size=2))
    max_pressure = draw(st.none() | pressures)
    return Client(tuple(flags), tuple(conds), max_pressure)


@st.composite
def routines(
    draw: st.DrawFn, *, client: bool = True, min_steps: int = 1, max_steps: int = 12
) -> Routine:
    style = draw(st.sampled_from(("swedish", "deep_tissue", "chair")))
    return Routine(
        name="generated",
        style=style,
        steps=tuple(draw(st.lists(steps(), min_size=min_steps, max_size=max_steps))),
        position=draw(st.none() | positions),
        client=draw(clients()) if client else None,
    )
