"""Vocabulary: every name a plan uses must be one a plugin provides (V001-V008).

A safety check that drops what it does not understand is not a safety check: an unknown style,
technique, region, condition or position is an error, with the nearest known names. Details a
condition needs (its region, pregnancy's trimester) must be given, and only where they mean
something.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from massage_routines.findings import Finding, Severity
from massage_routines.plugins.records import CodeSpec, RuleSpec
from massage_routines.text import listing, plural, suggest
from massage_routines.validation.rules._index import index_of, item_path, written
from massage_routines.validation.rules.examples import conditions_block, plan, step_text

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from massage_routines.findings import PathParts
    from massage_routines.validation.context import RuleContext
    from massage_routines.validation.rules._index import RegistryIndex

UNKNOWN_STYLE = "V001"
UNKNOWN_TECHNIQUE = "V002"
UNKNOWN_REGION = "V003"
UNKNOWN_CONDITION = "V004"
CONDITION_REGION = "V005"
CONDITION_TRIMESTER = "V006"
NO_POSITION = "V007"
UNKNOWN_POSITION = "V008"


def _known(names: Iterable[str]) -> str:
    return listing(names, empty="none (no plugin provides any)", limit=8)


def check(ctx: RuleContext) -> Iterator[Finding]:
    """Every unknown name, and every condition detail that is missing or out of place."""
    index = index_of(ctx.registry)
    routine = ctx.routine
    steps = routine.steps
    registry = ctx.registry
    if ctx.style is None:
        yield ctx.error(
            UNKNOWN_STYLE,
            f"unknown style {routine.style!r}{suggest(routine.style, registry.styles)}; "
            f"the styles are {_known(registry.styles)}",
            ("style",),
        )
    techniques = index.technique_names
    if not techniques.issuperset([s.technique for s in steps]):
        said: dict[str, str] = {}  # one message per unknown name, however often it is used
        for i, step in enumerate(steps):
            name = step.technique
            if name not in techniques:
                message = said.get(name)
                if message is None:
                    message = said[name] = (
                        f"unknown technique {name!r}{suggest(name, techniques)}; "
                        f"the techniques are {_known(techniques)}"
                    )
                yield ctx.error(UNKNOWN_TECHNIQUE, message, ctx.step_path(i, "technique"))
    known = index.region_names
    if not known.issuperset([s.region.name for s in steps]):
        said = {}
        for i, step in enumerate(steps):
            name = step.region.name
            if name not in known:
                message = said.get(name)
                if message is None:
                    message = said[name] = _unknown_region(name, index)
                yield ctx.error(UNKNOWN_REGION, message, ctx.step_path(i, "region"))
    yield from _unknown_positions(ctx)
    if (
        ctx.style is not None
        and len(ctx.style.positions) != 1
        and routine.position is None
        and not written(ctx, ("position",))
    ):
        yield from _positions(ctx)
    if routine.client is not None:
        yield from _client(ctx)


def _unknown_region(name: str, index: RegistryIndex) -> str:
    """The message of an unknown region: the nearest names, and the regions under its parent."""
    known = index.region_names
    message = f"unknown region {name!r}{suggest(name, known)}"
    parent = name.rpartition(".")[0]
    while parent and parent not in known:
        parent = parent.rpartition(".")[0]
    if parent:
        below = index.tree.children(parent)
        if below:
            message += f"; under {parent} there are {', '.join(below)}"
    return message


def _unknown_positions(ctx: RuleContext) -> Iterator[Finding]:
    """Each position the plan writes (its own, a step's) that no plugin provides."""
    positions = ctx.registry.positions
    routine = ctx.routine
    written_at: list[tuple[str, PathParts]] = []
    if routine.position is not None and routine.position not in positions:
        written_at.append((routine.position, ("position",)))
    for i, step in enumerate(routine.steps):
        if step.position is not None and step.position not in positions:
            written_at.append((step.position, ctx.step_path(i, "position")))
    known = [str.__str__(n) for n in positions] if written_at else []
    for name, path in written_at:
        yield ctx.error(
            UNKNOWN_POSITION,
            f"unknown position {str(name)!r}{suggest(name, known)}; the positions are "
            f"{_known(known)} (a plugin may add more)",
            path,
        )


def _positions(ctx: RuleContext) -> Iterator[Finding]:
    style = ctx.style
    assert style is not None
    choices = ", ".join(style.positions)
    for i, _ in ctx.steps():
        if ctx.position(i) is None:
            yield ctx.error(
                NO_POSITION,
                f"this step has no position: give `position` on the step, or once for the plan "
                f"(style {style.name} uses {choices})",
                ctx.step_path(i),
            )


def _client(ctx: RuleContext) -> Iterator[Finding]:
    index = index_of(ctx.registry)
    known = index.region_names
    profile = ctx.profile
    for limit in profile.flags:
        region = limit.region
        if region is not None and region not in known:
            path = item_path(ctx, limit.source.path, "region")
            yield ctx.error(UNKNOWN_REGION, _unknown_region(region, index) + " in a flag", path)
    client = ctx.routine.client
    assert client is not None
    for i, area in enumerate(client.areas_of_concern):
        if area.name not in known:
            yield ctx.error(
                UNKNOWN_REGION,
                _unknown_region(area.name, index) + " in the areas of concern",
                ("client", "areas_of_concern", i),
            )
    for use in profile.conditions:
        condition = use.condition
        spec = use.spec
        if spec is None:
            names = index.condition_names
            yield ctx.error(
                UNKNOWN_CONDITION,
                f"unknown condition {condition.name!r}{suggest(condition.name, names)}: a "
                "condition the library does not know cannot be checked, so the plan is not valid; "
                f"use one of the {plural(len(names), 'known condition')} (`massage-routines "
                "techniques` lists them)",
                item_path(ctx, use.path, "name"),
            )
            continue
        if condition.region is not None:
            if spec.region == "none":
                yield ctx.error(
                    CONDITION_REGION,
                    f"{condition.name} applies to the whole client and takes no region; "
                    f"remove `region: {condition.region.name}`",
                    (*use.path, "region"),
                )
            elif condition.region.name not in known:
                yield ctx.error(
                    UNKNOWN_REGION,
                    _unknown_region(condition.region.name, index) + f" for {condition.name}",
                    (*use.path, "region"),
                )
        elif spec.region == "required":
            yield ctx.error(
                CONDITION_REGION,
                f"{condition.name} needs the region it is on, e.g. "
                f"`{{name: {condition.name}, region: arm.right.forearm}}`: without it nothing "
                "can be kept away from it",
                use.path,
            )
        if condition.trimester is not None:
            if not spec.trimester:
                yield ctx.error(
                    CONDITION_TRIMESTER,
                    f"{condition.name} takes no trimester; remove "
                    f"`trimester: {condition.trimester}`",
                    (*use.path, "trimester"),
                )
        elif spec.trimester:
            yield ctx.error(
                CONDITION_TRIMESTER,
                f"{condition.name} needs `trimester: 1`, `2` or `3`: what is safe depends on it",
                use.path,
            )


def _plan(
    client: str = "",
    technique: str = "effleurage",
    region: str = "back.upper",
    style: str = "swedish",
    position: str | None = "prone",
) -> str:
    return plan(
        step_text(technique, "back"),
        step_text("petrissage", region, 3),
        style=style,
        position=position,
        client=client,
    )


CODES = (
    CodeSpec(
        UNKNOWN_STYLE,
        "unknown-style",
        Severity.ERROR,
        "The plan's style is one no plugin provides.",
        "A style decides which positions, techniques and regions are right (domain.md section 4); "
        "a plan whose style is unknown cannot be checked against it.",
        fails=_plan(style="swedsh"),
        passes=_plan(),
    ),
    CodeSpec(
        UNKNOWN_TECHNIQUE,
        "unknown-technique",
        Severity.ERROR,
        "A step's technique is one no plugin provides.",
        "Each technique carries its pressure range, positions and the sites it is never used on "
        "(domain.md section 3); an unknown one cannot be checked. The message suggests the "
        "nearest known name.",
        fails=_plan(technique="efleurage"),
        passes=_plan(),
    ),
    CodeSpec(
        UNKNOWN_REGION,
        "unknown-region",
        Severity.ERROR,
        "A step, a flag, a condition or an area of concern names a region that is not in the "
        "region tree.",
        "Flags, caps and endangerment sites are matched by region (domain.md sections 2 and 5); "
        "a misspelt region would silently escape them. The message names the nearest regions.",
        fails=_plan(region="back.lowr"),
        passes=_plan(region="back.lower"),
    ),
    CodeSpec(
        UNKNOWN_CONDITION,
        "unknown-condition",
        Severity.ERROR,
        "The client has a condition no plugin knows.",
        "domain.md section 5: a condition the library does not know is an error; it must never "
        "be dropped silently, since what it would forbid cannot be checked.",
        fails=_plan(conditions_block("varicose_vein")),
        passes=_plan(conditions_block("varicose_veins")),
    ),
    CodeSpec(
        CONDITION_REGION,
        "condition-region",
        Severity.ERROR,
        "A condition that needs a region has none, or a condition that takes none has one.",
        "A local condition (an open wound, a fracture) is kept away from by its region (domain.md "
        "section 5, the 'takes' column); without it the plan cannot be checked, and a region on "
        "a whole-body condition suggests a misunderstanding.",
        fails=_plan(conditions_block("open_wound")),
        passes=_plan(conditions_block({"name": "open_wound", "region": "arm.right.forearm"})),
    ),
    CodeSpec(
        CONDITION_TRIMESTER,
        "condition-trimester",
        Severity.ERROR,
        "Pregnancy without its trimester, or a trimester on another condition.",
        "What is safe in pregnancy depends on the trimester (domain.md section 5: clearance in "
        "the first, no prone and a light abdomen later), so it must be given.",
        fails=_plan(conditions_block("pregnancy"), position="side_lying"),
        passes=_plan(
            conditions_block({"name": "pregnancy", "trimester": 2}), position="side_lying"
        ),
    ),
    CodeSpec(
        NO_POSITION,
        "no-position",
        Severity.ERROR,
        "A step has no position: none on the step, none on the plan, and the style has several.",
        "Positions decide what is allowed (a technique's positions, a pregnancy's 'no prone', "
        "domain.md sections 3-5); a step in an unknown position cannot be checked.",
        fails=_plan(position=None),
        passes=_plan(),
    ),
    CodeSpec(
        UNKNOWN_POSITION,
        "unknown-position",
        Severity.ERROR,
        "The plan or a step names a position no plugin provides.",
        "Positions are data (the base four, plus what plugins add): what a position allows "
        "(a technique's positions, a pregnancy's 'no prone', domain.md sections 3-5) cannot be "
        "checked for one nobody knows. The message suggests the nearest known name.",
        fails=_plan(position="side_lyin"),
        passes=_plan(position="side_lying"),
    ),
)

RULE = RuleSpec(
    "vocabulary",
    check,
    CODES,
    "Every style, technique, region, condition and position is known, and conditions have the "
    "details they need.",
)
