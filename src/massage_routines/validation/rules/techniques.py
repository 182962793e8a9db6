"""Techniques: each step within what its technique is (T001-T005).

domain.md section 3: a technique has a pressure range, the positions it can be done in, the sites
it is never used on (an error on the site or inside it, a warning on a larger region that holds
it) and a plausible step length (outside it: a warning). Steps whose technique is unknown are
left to the vocabulary rule.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from massage_routines.findings import Finding, Severity
from massage_routines.plugins.records import CodeSpec, RuleSpec
from massage_routines.validation.rules._index import index_of
from massage_routines.validation.rules.examples import back_care, plan, step_text

if TYPE_CHECKING:
    from collections.abc import Iterator

    from massage_routines.model.position import Position
    from massage_routines.validation.context import RuleContext
    from massage_routines.validation.rules._index import RegistryIndex, TechniqueIndex, Verdict

PRESSURE_RANGE = "T001"
POSITION = "T002"
NEVER_ON = "T003"
NEVER_ON_INSIDE = "T004"
STEP_LENGTH = "T005"
#: A step length is implausible when it is outside its technique's range by a second or more
#: (the ranges are in seconds and minutes; what rounding leaves over is no typo).
_SECOND = 1000


def check(ctx: RuleContext) -> Iterator[Finding]:
    """Pressure, position, never-on sites and step length of every step with a known technique."""
    index = index_of(ctx.registry)
    techniques = index.techniques
    verdicts = index.technique_verdicts
    position_of = ctx.position
    for i, step in enumerate(ctx.routine.steps):
        info = techniques.get(step.technique)
        if info is None:
            continue
        key = (
            step.technique,
            step.region.name,
            step.pressure,
            position_of(i),
            step.position is not None,
        )
        verdict = verdicts.get(key)
        if verdict is None:
            verdict = _verdict(index, info, key)
        if verdict:
            for code, severity, field, message in verdict:
                yield ctx.finding(code, severity, message, ctx.step_path(i, field))
        length = step.duration.milliseconds
        if length <= info.short - _SECOND or length >= info.long + _SECOND:
            yield ctx.warning(
                STEP_LENGTH,
                f"{step.duration} of {info.spec.name} is outside its plausible step length "
                f"({info.spec.step_length.low} to {info.spec.step_length.high}); check the "
                "duration, or split the step",
                ctx.step_path(i, "duration"),
            )


def _verdict(
    index: RegistryIndex,
    info: TechniqueIndex,
    key: tuple[str, str, int, Position | None, bool],
) -> Verdict:
    """What the technique's record says of such a step (kept per registry for known regions)."""
    _, region, pressure, position, own = key
    spec = info.spec
    out: list[tuple[str, Severity, str, str]] = []
    if pressure < info.low or pressure > info.high:
        out.append(
            (
                PRESSURE_RANGE,
                Severity.ERROR,
                "pressure",
                f"pressure {int(pressure)} is outside {spec.name}'s range {spec.pressure}; use "
                f"{spec.pressure} or another technique",
            )
        )
    if position is not None and position not in info.positions and position in index.position_names:
        out.append(
            (
                POSITION,
                Severity.ERROR,
                "position" if own else "technique",
                f"{spec.name} cannot be done {position} (the "
                f"{'step' if own else 'plan'}'s position); it is done "
                f"{', '.join(spec.positions)}",
            )
        )
    known = region in index.region_names
    never = info.never_at(region, known) if info.never_on else None
    if never is not None:
        for site in never[0]:
            where = region if region == site else f"{region} (inside {site})"
            out.append(
                (
                    NEVER_ON,
                    Severity.ERROR,
                    "technique",
                    f"{spec.name} is never used on {where}; choose another technique for {region}",
                )
            )
        for site in never[1]:
            out.append(
                (
                    NEVER_ON_INSIDE,
                    Severity.WARNING,
                    "region",
                    f"{region} holds {site}, where {spec.name} is never used: skip {site} while "
                    f"working {region}",
                )
            )
    verdict = tuple(out)
    if known:
        index.technique_verdicts[key] = verdict
    return verdict


def _plan(first: str, pressure: int) -> str:
    return plan(
        step_text("effleurage", "back", duration=first),
        step_text("petrissage", "back.upper", pressure),
    )


def _step(
    technique: str, region: str, pressure: int = 2, duration: str = "3m", position: str = ""
) -> str:
    return back_care(
        step_text("petrissage", "back.upper", duration="7m"),
        step_text(technique, region, pressure, duration, position or None),
    )


CODES = (
    CodeSpec(
        PRESSURE_RANGE,
        "technique-pressure",
        Severity.ERROR,
        "A step's pressure is outside its technique's range (petrissage is 2-4: it cannot be "
        "done at 1; nerve strokes are 1).",
        "domain.md section 3, the 'pressure' column: a technique done outside its range is "
        "another technique, or an unsafe one.",
        fails=_plan(first="10m", pressure=1),
        passes=_plan(first="10m", pressure=2),
    ),
    CodeSpec(
        POSITION,
        "technique-position",
        Severity.ERROR,
        "A step's technique cannot be done in the step's position (compression is seated or "
        "prone; passive stretches seated or supine).",
        "domain.md section 3, the 'positions' column.",
        fails=_step("compression", "back.upper", duration="3m", position="side_lying"),
        passes=_step("compression", "back.upper", duration="3m", position="prone"),
    ),
    CodeSpec(
        NEVER_ON,
        "technique-never-on",
        Severity.ERROR,
        "A step uses a technique on a site it is never used on, or inside one (tapotement on "
        "the neck, stripping on the back of the knee).",
        "domain.md section 3, the 'never on' column, which binds a step on the site or inside "
        "it (section 2).",
        fails=_step("tapotement", "neck.posterior"),
        passes=_step("tapotement", "shoulder"),
    ),
    CodeSpec(
        NEVER_ON_INSIDE,
        "technique-never-on-inside",
        Severity.WARNING,
        "A step uses a technique on a larger region that holds a site the technique is never "
        "used on (tapotement on a whole leg, which holds the back of the knee): skip the site.",
        "domain.md section 2: a step on a larger region that contains a site gets a warning; "
        "the therapist skips the site while working the region.",
        fails=_step("tapotement", "leg.left", pressure=1),
        passes=_step("tapotement", "leg.left.thigh", pressure=1),
    ),
    CodeSpec(
        STEP_LENGTH,
        "technique-step-length",
        Severity.WARNING,
        "A step is shorter or longer than is plausible for its technique (effleurage 30s-10m, "
        "tapotement 15s-3m), by a second or more.",
        "domain.md section 3, the 'step length' column: outside it is a warning, not an error "
        "(often a typo in the duration).",
        fails=_plan(first="15m", pressure=2),
        passes=_plan(first="10m", pressure=2),
    ),
)

RULE = RuleSpec(
    "techniques",
    check,
    CODES,
    "Each step within its technique's pressure range, positions, sites and step length.",
)
