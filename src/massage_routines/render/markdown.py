"""The session sheet as Markdown: the same sections as the HTML sheet, without the pictures."""

from __future__ import annotations

from typing import TYPE_CHECKING

from massage_routines.render import sections
from massage_routines.render.text import markdown_text as md
from massage_routines.render.words import (
    client_lines,
    clock,
    minutes_words,
    position_short,
    position_words,
    pressure_words,
    region_words,
)

if TYPE_CHECKING:
    from collections.abc import Iterable

    from massage_routines.findings import Report
    from massage_routines.model.routine import Routine
    from massage_routines.plugins.registry import Registry
    from massage_routines.render.advice import Advice


def render_markdown(
    routine: Routine,
    report: Report | None = None,
    *,
    registry: Registry | None = None,
    advice: Iterable[Advice] | None = None,
) -> str:
    """The session sheet of ``routine`` as Markdown (arguments as :func:`render_html`'s)."""
    from massage_routines.render.advice import WHEN_HEADINGS, advice_for
    from massage_routines.render.facts import facts_for

    facts = facts_for(routine, report, registry)
    items = tuple(advice) if advice is not None else advice_for(routine, facts.registry)
    out = [f"# {md(routine.name)}", "", md(sections.summary(facts)), ""]
    if facts.valid:
        out += [md(sections.checked_text(facts)), ""]
    else:
        out += [f"> **⚠ {sections.BANNER.upper()}**", ">", f"> {md(sections.banner_text(facts))}"]
        out += [">"] + [f"> - `{f.code}` {md(sections.finding_text(f))}" for f in facts.errors]
        out.append("")
    out += ["## Client", ""]
    lines = client_lines(routine.client)
    if not lines:
        out.append("No client profile in this plan.")
    out += [f"- **{md(heading)}:** {md('; '.join(items_))}" for heading, items_ in lines]
    out += [f"- {md(limit.text[0].upper() + limit.text[1:])}" for limit in facts.limits]
    out.append("")
    if facts.reminders:
        out += ["## Condition reminders", ""]
        out += [
            f"- {md(f.message)}{f' ({n} times)' if n > 1 else ''} (`{f.code}`)"
            for f, n in facts.reminders
        ]
        out.append("")
    out += [
        "## Timeline",
        "",
        "| # | Start | Position | Region | Technique | Pressure | Time | Notes |",
        "|--:|--:|---|---|---|---|--:|---|",
    ]
    turns = {turn.number: turn for turn in facts.turns}
    for row in facts.rows:
        turn = turns.get(row.number)
        if turn is not None:
            out.append(f"| | | **Turn the client: {md(position_words(turn.after))}** | | | | | |")
        step = row.step
        out.append(
            f"| {row.number} | {clock(row.start)} | {md(position_short(row.position))} "
            f"| {md(region_words(step.region.name))} | {md(step.technique.replace('_', ' '))} "
            f"| {md(pressure_words(step.pressure))} | {md(minutes_words(step.duration))} "
            f"| {md(step.notes or '')} |"
        )
    out += ["", f"Ends at {clock(facts.end)}.", "", "## Where to turn the client", ""]
    if facts.turns:
        out += [f"- {md(sections.turn_text(t))}" for t in facts.turns]
    else:
        out.append(md(sections.no_turns_text(facts)))
    out += ["", "## Preparation and aftercare", ""]
    for when, heading in WHEN_HEADINGS.items():
        chosen = [a for a in items if a.when == when]
        if chosen:
            out += [f"### {heading}", ""]
            out += [f"- {md(a.text)}{f' ({md(a.source)})' if a.source else ''}" for a in chosen]
            out.append("")
    return "\n".join(out).rstrip("\n") + "\n"
