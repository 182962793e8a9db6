"""Flags: no step may touch a region the client flagged (F001).

A flag covers its region and everything below it, and a step touches its region and everything
below it, so they collide when one region is the other or an ancestor of it
(plan-format.md, "Regions"): a flag on ``back.lower`` is touched by a step on ``back``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from massage_routines.findings import Finding, Severity, render_path
from massage_routines.plugins.records import CodeSpec, RuleSpec
from massage_routines.validation.rules._index import index_of, limits_at, region_table
from massage_routines.validation.rules.examples import WARM_BACK, client_block, plan, step_text

if TYPE_CHECKING:
    from collections.abc import Iterator

    from massage_routines.validation.context import RuleContext

FLAGGED = "F001"


def check(ctx: RuleContext) -> Iterator[Finding]:
    """A finding for each step and each flag it touches."""
    if ctx.routine.client is None or not ctx.routine.client.flags:
        return
    flags = ctx.profile.flags
    index = index_of(ctx.registry)
    table = region_table(flags, index)
    known = index.region_names
    for i, step in enumerate(ctx.routine.steps):
        name = step.region.name
        hits = table.get(name) if name in known else limits_at(name, table, flags, index)
        if not hits:
            continue
        for flag in hits:
            if flag.region == name:
                how = "is flagged"
            elif name.startswith(flag.region + "."):  # type: ignore[operator]
                how = f"lies inside the flagged region {flag.region}"
            else:
                how = f"holds the flagged region {flag.region}"
            yield ctx.error(
                FLAGGED,
                f"step on {name} touches {flag.source.label} ({render_path(flag.source.path)}): "
                f"{name} {how}; leave it out or work around it",
                ctx.step_path(i, "region"),
            )


def _plan(region: str) -> str:
    return plan(
        WARM_BACK,
        step_text("petrissage", region),
        name="Back and shoulders",
        client=client_block(flags=["shoulder.left"]),
    )


CODES = (
    CodeSpec(
        FLAGGED,
        "flagged-region",
        Severity.ERROR,
        "A step touches a region the client flagged: the same region, one inside it, or one "
        "that holds it.",
        "A flag is a region the therapist must not touch at all (plan-format.md, and "
        "domain.md section 5: an avoided region works as a flag). A step on `shoulder` touches "
        "a flag on `shoulder.left`, and a flag on `back` is touched by a step on `back.lower`.",
        fails=_plan("shoulder"),
        passes=_plan("back.upper"),
    ),
)

RULE = RuleSpec("flags", check, CODES, "No step touches a flagged region.")
