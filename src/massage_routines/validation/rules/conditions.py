"""Conditions: what the client's health conditions and their own cap ask of the session (C001-C010).

The conditions' effects are data (domain.md section 5): refusals, clearances, avoided regions,
caps, banned techniques and positions, warnings. The :class:`~massage_routines.validation.
profile.Profile` resolves them for the client once; this rule holds every step against them.
Every effect that names a region binds each step whose region overlaps it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from massage_routines.findings import Finding, PathParts, Severity, render_path
from massage_routines.plugins.records import CodeSpec, RuleSpec
from massage_routines.validation.rules._index import (
    NO_CAP,
    count_position,
    index_of,
    limits_at,
    position_note,
    region_table,
)
from massage_routines.validation.rules.examples import (
    WARM_BACK,
    ConditionItem,
    back_care,
    client_block,
    conditions_block,
    plan,
    step_text,
)

if TYPE_CHECKING:
    from collections.abc import Iterator

    from massage_routines.model.position import Position
    from massage_routines.plugins.records import TechniqueSpec
    from massage_routines.validation.context import RuleContext
    from massage_routines.validation.profile import (
        CapLimit,
        NameLimit,
        PositionLimit,
        Profile,
        RegionLimit,
    )

REFUSED = "C001"
AVOIDED = "C002"
CAPPED = "C003"
FORBIDDEN_TECHNIQUE = "C004"
FORBIDDEN_POSITION = "C005"
NEEDS_CLEARANCE = "C006"
CONDITION_WARNING = "C007"
DISCOURAGED_POSITION = "C008"
DISCOURAGED_TECHNIQUE = "C009"
CLIENT_CAP = "C010"

_MAX_PRESSURE: PathParts = ("client", "max_pressure")


def check(ctx: RuleContext) -> Iterator[Finding]:
    """The session-wide notices, then every step against the profile's limits."""
    client = ctx.routine.client
    if client is None or not (client.conditions or client.max_pressure is not None):
        return
    profile = ctx.profile
    yield from _notices(ctx, profile)
    yield from _steps(ctx, profile)
    if profile.forbid_positions:
        yield from _positions(ctx, profile.forbid_positions, FORBIDDEN_POSITION)
    if profile.discourage_positions:
        yield from _positions(ctx, profile.discourage_positions, DISCOURAGED_POSITION)


def _condition_name(profile: Profile, path: PathParts) -> str:
    index = path[2] if len(path) > 2 else None
    if isinstance(index, int) and 0 <= index < len(profile.conditions):
        return profile.conditions[index].condition.name
    return "a condition"


def _notices(ctx: RuleContext, profile: Profile) -> Iterator[Finding]:
    for notice in profile.refusals:
        name = _condition_name(profile, notice.source.path)
        yield ctx.error(
            REFUSED,
            f"{notice.message} ({name} rules the session out, whatever else the plan says)",
            notice.source.path,
        )
    for notice in profile.clearances:
        name = _condition_name(profile, notice.source.path)
        how = (
            ""
            if "cleared" in notice.message
            else ": once the client is cleared, write `cleared: true`"
        )
        yield ctx.error(
            NEEDS_CLEARANCE,
            f"{notice.message} ({name} needs a clinician's clearance{how})",
            notice.source.path,
        )
    for notice in profile.warnings:
        name = _condition_name(profile, notice.source.path)
        yield ctx.warning(CONDITION_WARNING, f"{notice.message} ({name})", notice.source.path)


def _steps(ctx: RuleContext, profile: Profile) -> Iterator[Finding]:
    avoid = [a for a in profile.avoid if a.source.path[1] == "conditions"]
    caps = profile.caps
    forbid = profile.forbid
    discourage = profile.discourage_techniques
    if not (avoid or caps or forbid or discourage):
        return
    index = index_of(ctx.registry)
    known = index.region_names
    table = region_table(avoid, index) if avoid else None
    cap_at = profile.cap_at
    # What binds a region, worked out once per region the routine uses: avoided regions it
    # touches, and the lowest cap on it.
    regions: dict[str, tuple[list[RegionLimit] | None, int]] = {}
    bans: dict[tuple[str, str], tuple[list[NameLimit], list[NameLimit]]] = {}
    techniques = ctx.registry.techniques
    for i, step in enumerate(ctx.routine.steps):
        name = step.region.name
        binding = regions.get(name)
        if binding is None:
            hits = None
            if table is not None:
                hits = table.get(name) if name in known else limits_at(name, table, avoid, index)
            cap = cap_at(name) if caps else None
            binding = regions[name] = (hits, NO_CAP if cap is None else int(cap.level))
        if binding[0]:
            for limit in binding[0]:
                yield ctx.error(
                    AVOIDED,
                    f"step on {name} touches {limit.region}, which {limit.source.label} "
                    f"({render_path(limit.source.path)}) keeps out of the session; leave "
                    "it out or work around it",
                    ctx.step_path(i, "region"),
                )
        if step.pressure > binding[1]:
            yield from _over_caps(ctx, caps, i, name, int(step.pressure))
        if forbid or discourage:
            technique = techniques.get(step.technique)
            if technique is None:
                continue
            key = (technique.name, name)
            found = bans.get(key)
            if found is None:
                found = bans[key] = (
                    profile.forbidden(technique, name) if forbid else [],
                    [
                        d
                        for d in discourage
                        if d.applies(name) and d.hits(technique.name, technique.family)
                    ],
                )
            if found[0] or found[1]:
                yield from _bans(ctx, i, technique, name, found)


def _over_caps(
    ctx: RuleContext, caps: list[CapLimit], i: int, region: str, pressure: int
) -> Iterator[Finding]:
    broken = [c for c in caps if pressure > c.level and c.applies(region)]
    conditions = [c for c in broken if c.source.path != _MAX_PRESSURE]
    if conditions:
        cap = min(conditions, key=lambda c: c.level)
        on = f" on {cap.region}" if cap.region is not None else ""
        yield ctx.error(
            CAPPED,
            f"pressure {pressure} on {region} exceeds the cap of {int(cap.level)}{on} for "
            f"{cap.source.label}; use {int(cap.level)} or less",
            ctx.step_path(i, "pressure"),
        )
    for cap in broken:
        if cap.source.path == _MAX_PRESSURE:
            yield ctx.error(
                CLIENT_CAP,
                f"pressure {pressure} on {region} exceeds the client's max_pressure of "
                f"{int(cap.level)}; use {int(cap.level)} or less",
                ctx.step_path(i, "pressure"),
            )


def _what(technique: TechniqueSpec, limit: NameLimit) -> str:
    if technique.name in limit.names:
        return technique.name
    return f"{technique.name} (family {technique.family})"


def _bans(
    ctx: RuleContext,
    i: int,
    technique: TechniqueSpec,
    region: str,
    found: tuple[list[NameLimit], list[NameLimit]],
) -> Iterator[Finding]:
    for limit in found[0]:
        on = f" on {limit.region}" if limit.region is not None else ""
        yield ctx.error(
            FORBIDDEN_TECHNIQUE,
            f"{_what(technique, limit)} on {region} is not used{on} with {limit.source.label}; "
            "choose another technique",
            ctx.step_path(i, "technique"),
        )
    for limit in found[1]:
        on = f" on {limit.region}" if limit.region is not None else ""
        why = f": {limit.message}" if limit.message else ""
        yield ctx.warning(
            DISCOURAGED_TECHNIQUE,
            f"{_what(technique, limit)} on {region} is discouraged{on} with "
            f"{limit.source.label}{why}",
            ctx.step_path(i, "technique"),
        )


def _positions(ctx: RuleContext, limits: list[PositionLimit], code: str) -> Iterator[Finding]:
    """One finding per place a position is written (the plan's, once; a step's own, each)."""
    by_position: dict[Position, list[PositionLimit]] = {}
    for limit in limits:
        by_position.setdefault(limit.position, []).append(limit)
    places: dict[PathParts, tuple[Position, int]] = {}
    for i, _ in ctx.steps():
        position = ctx.position(i)
        if position is None or position not in by_position:
            continue
        count_position(places, ctx.position_path(i), position)
    for path, (position, count) in places.items():
        used = position_note(path, count)
        for limit in by_position[position]:
            if code == FORBIDDEN_POSITION:
                yield ctx.error(
                    code,
                    f"{position}{used} is not allowed with {limit.source.label}; choose another "
                    "position",
                    path,
                )
            else:
                why = f": {limit.message}" if limit.message else ""
                yield ctx.warning(
                    code, f"{position}{used} is discouraged with {limit.source.label}{why}", path
                )


_PREGNANT = {"name": "pregnancy", "trimester": 2}
_BRUISE = {"name": "bruise", "region": "shoulder.left"}


def _plan(
    *items: ConditionItem, position: str = "prone", region: str = "back.upper", pressure: int = 2
) -> str:
    return back_care(
        step_text("petrissage", region, pressure),
        position=position,
        client=conditions_block(*items),
    )


def _tapotement(technique: str) -> str:
    return back_care(
        step_text("petrissage", "back.upper", duration="7m"),
        step_text(technique, "back.upper", duration="3m"),
        client=conditions_block("osteoporosis"),
    )


def _deep_legs(region: str) -> str:
    return plan(
        step_text("effleurage", "leg.left.thigh"),
        step_text("stripping", region, 3),
        WARM_BACK,
        name="Legs and back",
        style="deep_tissue",
        position="side_lying",
        client=conditions_block(_PREGNANT),
    )


def _max(cap: int) -> str:
    return back_care(
        step_text("petrissage", "back.upper", 3), client=client_block(max_pressure=cap)
    )


CODES = (
    CodeSpec(
        REFUSED,
        "condition-refuses",
        Severity.ERROR,
        "A condition of the client rules out massage today (fever, an acute DVT, intoxication...).",
        "domain.md section 5, 'refuse': no session today, whatever else the plan says; for the "
        "built-in conditions not even a clearance lifts it.",
        fails=_plan("fever"),
        passes=_plan("osteoporosis"),
    ),
    CodeSpec(
        AVOIDED,
        "condition-avoids-region",
        Severity.ERROR,
        "A step touches a region a condition keeps out of the session (a wound, a fracture, the "
        "pacemaker's site): the same region, one inside it or one that holds it.",
        "domain.md section 5, 'avoid R': no step may touch R, exactly as a flag.",
        fails=_plan(_BRUISE, region="shoulder"),
        passes=_plan(_BRUISE, region="back.upper"),
    ),
    CodeSpec(
        CAPPED,
        "condition-cap",
        Severity.ERROR,
        "A step's pressure is above a cap a condition sets (everywhere, or on a region that "
        "overlaps the step's).",
        "domain.md section 5, 'cap N [on R]' (osteoporosis 2, low platelets 1, varicose veins 2 "
        "on the legs...): fragile bone, vessels or blood do not take more.",
        fails=_plan("osteoporosis", pressure=3),
        passes=_plan("osteoporosis", pressure=2),
    ),
    CodeSpec(
        FORBIDDEN_TECHNIQUE,
        "condition-forbids-technique",
        Severity.ERROR,
        "A step uses a technique, or one of a family (deep, percussion), that a condition rules "
        "out (everywhere, or on a region that overlaps the step's).",
        "domain.md section 5, 'no FAMILY or TECHNIQUE [on R]': percussion on osteoporotic bone, "
        "deep work with anticoagulants.",
        fails=_tapotement("tapotement"),
        passes=_tapotement("vibration"),
    ),
    CodeSpec(
        FORBIDDEN_POSITION,
        "condition-forbids-position",
        Severity.ERROR,
        "A step is done in a position a condition rules out (prone late in pregnancy). The "
        "finding is where the position is written: on the step, or once on the plan.",
        "domain.md section 5, 'no POSITION'.",
        fails=_plan(_PREGNANT),
        passes=_plan(_PREGNANT, position="side_lying"),
    ),
    CodeSpec(
        NEEDS_CLEARANCE,
        "condition-needs-clearance",
        Severity.ERROR,
        "A condition needs a clinician's clearance and the plan does not say `cleared: true`.",
        "domain.md section 5, 'clearance': an error unless the condition says `cleared: true` "
        "(plan-format.md, 'The client').",
        fails=_plan("heart_condition"),
        passes=_plan({"name": "heart_condition", "cleared": True}),
    ),
    CodeSpec(
        CONDITION_WARNING,
        "condition-warning",
        Severity.WARNING,
        "A condition asks for the therapist's attention (let a client with hypertension rise "
        "slowly).",
        "domain.md section 5, 'warn': a warning, for the therapist's attention.",
        fails=_plan({"name": "hypertension", "cleared": True}),
        passes=_plan({"name": "heart_condition", "cleared": True}),
    ),
    CodeSpec(
        DISCOURAGED_POSITION,
        "condition-discourages-position",
        Severity.WARNING,
        "A step is done in a position a condition discourages (prone with a pacemaker, supine "
        "late in pregnancy). The finding is where the position is written.",
        "domain.md section 5: pacemaker 'warn about prone'; pregnancy 'warn about supine "
        "(side-lying preferred)'.",
        fails=_plan("pacemaker"),
        passes=_plan("pacemaker", position="side_lying"),
    ),
    CodeSpec(
        DISCOURAGED_TECHNIQUE,
        "condition-discourages-technique",
        Severity.WARNING,
        "A step uses a technique a condition discourages on its region (deep work on the legs "
        "late in pregnancy).",
        "domain.md section 5, pregnancy in trimesters 2-3: 'warn on deep on legs'.",
        fails=_deep_legs("leg.left.thigh"),
        passes=_deep_legs("back.upper"),
    ),
    CodeSpec(
        CLIENT_CAP,
        "client-max-pressure",
        Severity.ERROR,
        "A step's pressure is above the client's own `max_pressure`.",
        "The plan format's `client.max_pressure` is a cap the client asked for; like a "
        "condition's cap (domain.md section 5) no step may go above it.",
        fails=_max(2),
        passes=_max(3),
    ),
)

RULE = RuleSpec(
    "conditions",
    check,
    CODES,
    "Refusals, clearances, avoided regions, caps, banned techniques and positions of the "
    "client's conditions, and the client's own max_pressure.",
)
