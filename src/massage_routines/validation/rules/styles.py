"""Styles: each step within what the plan's style is, and the session's length (S001-S007).

domain.md section 4: a position the style does not use, or a region it cannot reach, is an error
(a chair massage is seated and stays above the waist); a technique it does not use, or a session
outside its usual length, is a warning. In a self-applied style (self-massage) a step the person
cannot reach on themselves with its technique is an error (the techniques' reach records), and
so is a step outside the style's pressure band. A declared ``duration`` that the steps do not add
up to (within a minute) is a warning too (plan-format.md, "Duration"). Plans whose style is
unknown are left to the vocabulary rule.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from massage_routines.findings import Finding, PathParts, Severity
from massage_routines.model.duration import Duration
from massage_routines.plugins.records import CodeSpec, RuleSpec
from massage_routines.validation.rules._index import count_position, index_of, position_note
from massage_routines.validation.rules.examples import plan, step_text

if TYPE_CHECKING:
    from collections.abc import Iterator

    from massage_routines.model.position import Position
    from massage_routines.validation.context import RuleContext
    from massage_routines.validation.rules._index import StyleIndex

STYLE_POSITION = "S001"
STYLE_REACH = "S002"
STYLE_TECHNIQUE = "S003"
SESSION_LENGTH = "S004"
DURATION_MISMATCH = "S005"
SELF_REACH = "S006"
STYLE_PRESSURE = "S007"

#: How far the declared duration may be from the steps' total.
TOLERANCE_MS = 60_000


def check(ctx: RuleContext) -> Iterator[Finding]:
    """Positions, reach and techniques of every step, then the session's length."""
    routine = ctx.routine
    total = 0
    for step in routine.steps:
        total += step.duration.milliseconds
    declared = routine.duration
    if declared is not None and abs(declared.milliseconds - total) > TOLERANCE_MS:
        yield ctx.warning(
            DURATION_MISMATCH,
            f"the plan says {declared} but its steps add up to {Duration(total)}; make them agree "
            "(within a minute)",
            ("duration",),
        )
    if ctx.style is None:
        return
    index = index_of(ctx.registry)
    style = index.styles[ctx.style.name]
    if total < style.low or total > style.high:
        length = style.spec.session_length
        yield ctx.warning(
            SESSION_LENGTH,
            f"the steps add up to {Duration(total)}, outside a {style.spec.name} session "
            f"({length.low} to {length.high})",
            ("duration",) if declared is not None else ("steps",),
        )
    known = index.region_names
    positions = style.positions
    uses = style.techniques
    reaches_all = style.reaches is None
    own_reach = style.own_reach
    low, high = style.pressure_low, style.pressure_high
    wrong: dict[PathParts, tuple[Position, int]] = {}
    for i, step in enumerate(routine.steps):
        if not low <= step.pressure <= high:
            yield ctx.error(
                STYLE_PRESSURE,
                f"pressure {int(step.pressure)} is outside {style.spec.name}'s pressure "
                f"{style.spec.pressure}; keep to {style.spec.pressure}",
                ctx.step_path(i, "pressure"),
            )
        if own_reach is not None and step.technique in index.technique_names:
            name = step.region.name
            if not style.self_reached(step.technique, name, name in known):
                where = own_reach.get(step.technique)
                yield ctx.error(
                    SELF_REACH,
                    f"a person cannot reach {name} on themselves with {step.technique}"
                    + (
                        f"; it reaches {', '.join(where)}"
                        if where
                        else "; no plugin says where it reaches (a ReachSpec record)"
                    ),
                    ctx.step_path(i, "region"),
                )
        position = ctx.position(i)
        if position is not None and position not in positions and position in index.position_names:
            count_position(wrong, ctx.position_path(i), position)
        if not reaches_all:
            name = step.region.name
            if not style.reached(name, name in known):
                yield ctx.error(
                    STYLE_REACH,
                    f"{style.spec.name} does not reach {name}; it works "
                    f"{', '.join(style.reaches or ())}",
                    ctx.step_path(i, "region"),
                )
        if step.technique not in uses and step.technique in index.technique_names:
            yield ctx.warning(
                STYLE_TECHNIQUE,
                f"{step.technique} is not a {style.spec.name} technique; is this the style you "
                "meant?",
                ctx.step_path(i, "technique"),
            )
    for path, (position, count) in wrong.items():
        yield _position(ctx, style, path, position, count)


def _position(
    ctx: RuleContext, style: StyleIndex, path: PathParts, position: Position, count: int
) -> Finding:
    return ctx.error(
        STYLE_POSITION,
        f"{style.spec.name} is not done {position}{position_note(path, count)}; it is done "
        f"{', '.join(style.spec.positions)}",
        path,
    )


def _chair(position: str, region: str) -> str:
    return plan(
        step_text("compression", "back.upper", duration="5m"),
        step_text("petrissage", region, duration="5m"),
        name="Office chair",
        style="chair",
        position=position,
    )


def _self(*steps: str) -> str:
    """A self-massage of the lower back at home: a heat pack first, then ``steps``."""
    return plan(
        step_text("heat_pack", "back.lower", 0),
        *steps,
        name="Low back at home",
        style="self_massage",
        position="seated",
    )


def _plan(
    technique: str = "petrissage", first: str = "10m", second: str = "10m", duration: str = ""
) -> str:
    return plan(
        step_text("effleurage", "back", duration=first),
        step_text(technique, "back.upper", 3, second),
        duration=duration or None,
    )


CODES = (
    CodeSpec(
        STYLE_POSITION,
        "style-position",
        Severity.ERROR,
        "A step is done in a position the plan's style does not use (a chair massage is "
        "seated). The finding is where the position is written: on the step, or once on the "
        "plan.",
        "domain.md section 4: 'A step in a position the style does not use is an error'.",
        fails=_chair(position="prone", region="shoulder"),
        passes=_chair(position="seated", region="shoulder"),
    ),
    CodeSpec(
        STYLE_REACH,
        "style-reach",
        Severity.ERROR,
        "A step is on a region the plan's style cannot reach (a chair massage works head, neck, "
        "shoulders, back, arms and hands).",
        "domain.md section 4: 'A region the style cannot reach is an error'.",
        fails=_chair(position="seated", region="leg.left.calf"),
        passes=_chair(position="seated", region="arm.left.forearm"),
    ),
    CodeSpec(
        STYLE_TECHNIQUE,
        "style-technique",
        Severity.WARNING,
        "A step uses a technique the plan's style does not use (stripping in a Swedish massage).",
        "domain.md section 4: 'A technique the style does not use is a warning'.",
        fails=_plan(technique="stripping"),
        passes=_plan(technique="friction"),
    ),
    CodeSpec(
        SESSION_LENGTH,
        "session-length",
        Severity.WARNING,
        "The steps add up to a session shorter or longer than the style's usual length (Swedish "
        "20-120 min, deep tissue 30-120, chair 5-30, self-massage 10-30).",
        "domain.md section 4, 'session length (outside: warning)'.",
        fails=_plan(first="5m", second="5m"),
        passes=_plan(),
    ),
    CodeSpec(
        DURATION_MISMATCH,
        "duration-mismatch",
        Severity.WARNING,
        "The plan's `duration` differs from what its steps add up to by more than a minute.",
        "plan-format.md, 'Duration': the steps must add up to the planned total within one "
        "minute; otherwise a warning, since it is not a matter of safety.",
        fails=_plan(duration="30m"),
        passes=_plan(duration="20m"),
    ),
    CodeSpec(
        SELF_REACH,
        "self-reach",
        Severity.ERROR,
        "In a self-applied style (self_massage), a step on a region the person cannot reach on "
        "themselves with the step's technique (their own hands do not reach the upper back).",
        "domain.md section 4, 'At home': what a person reaches is data (ReachSpec records, "
        "which plugins may add to); a technique with no reach record is never self-applied.",
        fails=_self(step_text("self_kneading", "back.upper", 2, "3m")),
        passes=_self(step_text("self_kneading", "back.lower", 2, "3m")),
    ),
    CodeSpec(
        STYLE_PRESSURE,
        "style-pressure",
        Severity.ERROR,
        "A step's pressure is outside its style's pressure band (self-massage is light to "
        "medium: 0-3).",
        "domain.md section 4, 'At home': light to medium pressure, guided by comfort (seed 004).",
        fails=_self(
            step_text("self_kneading", "back.lower", 2, "3m"),
            step_text("fingertip_circles", "back.lower", 4, "3m"),
        ),
        passes=_self(
            step_text("self_kneading", "back.lower", 2, "3m"),
            step_text("fingertip_circles", "back.lower", 3, "3m"),
        ),
    ),
)

RULE = RuleSpec(
    "styles",
    check,
    CODES,
    "Each step in a position, on a region and with a technique of the plan's style; the "
    "session's length.",
)
