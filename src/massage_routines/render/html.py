"""The HTML session sheet: one self-contained file (inline CSS and SVG, no scripts, nothing
fetched) that a therapist works from and that prints on A4 or Letter."""

from __future__ import annotations

from typing import TYPE_CHECKING

from massage_routines.render import sections
from massage_routines.render.text import xml_text as esc
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
    from collections.abc import Iterable, Mapping

    from massage_routines.findings import Report
    from massage_routines.model.routine import Routine
    from massage_routines.plugins.registry import Registry
    from massage_routines.render.advice import Advice
    from massage_routines.render.facts import Facts
    from massage_routines.render.shapes import Shape


def render_html(
    routine: Routine,
    report: Report | None = None,
    *,
    registry: Registry | None = None,
    advice: Iterable[Advice] | None = None,
    shapes: Mapping[str, tuple[Shape, ...]] | None = None,
    source: str | None = None,
) -> str:
    """The session sheet of ``routine`` as one self-contained HTML page.

    ``report``: the routine's validation report (the routine is validated when it is
    ``None``); a report with errors puts a "Not safe as written" banner with them on top, and
    the sheet is still drawn. ``advice``: the preparation and aftercare to show (default
    :func:`~massage_routines.render.advice.advice_for`: the plan's own advice, else the
    plugins'). ``shapes``: extra region shapes for the body map (see
    :mod:`massage_routines.render.shapes`). ``source``: the plan file's name for the footer.
    Every text from the plan is escaped.
    """
    from massage_routines.render.advice import advice_for
    from massage_routines.render.facts import facts_for

    facts = facts_for(routine, report, registry)
    items = tuple(advice) if advice is not None else advice_for(routine, facts.registry)
    parts = [
        _head(routine),
        f"<header><h1>{esc(routine.name)}</h1>"
        f'<p class="meta">{esc(sections.summary(facts))}</p></header>',
        _banner(facts),
        _client(facts),
        _reminders(facts),
        _timeline(facts),
        _turns(facts),
        _figures(facts, shapes),
        _advice(items),
        _footer(source),
        "</main></body></html>\n",
    ]
    return "".join(parts)


def _head(routine: Routine) -> str:
    from massage_routines.render.css import STYLESHEET

    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{esc(routine.name)}: session sheet</title><style>{STYLESHEET}</style></head>"
        '<body><main class="sheet">'
    )


def _banner(facts: Facts) -> str:
    if facts.valid:
        return f'<p class="checked">{esc(sections.checked_text(facts))}</p>'
    findings = "".join(
        f'<li><span class="code">{esc(f.code)}</span> {esc(sections.finding_text(f))}</li>'
        for f in facts.errors
    )
    return (
        '<section class="banner" id="not-safe" role="alert">'
        f"<h2>⚠ {sections.BANNER}</h2><p>{esc(sections.banner_text(facts))}</p>"
        f"<ul>{findings}</ul></section>"
    )


def _client(facts: Facts) -> str:
    lines = client_lines(facts.routine.client)
    if not lines:
        return (
            '<section class="client"><h2>Client</h2>'
            "<p>No client profile in this plan.</p></section>"
        )
    rows = "".join(
        f"<dt>{esc(heading)}</dt><dd>{esc('; '.join(items))}</dd>" for heading, items in lines
    )
    limits = ""
    if facts.limits:
        limits = (
            "<h3>What this asks of the session</h3><ul>"
            + "".join(f"<li>{esc(limit.text)}</li>" for limit in facts.limits)
            + "</ul>"
        )
    return (
        f'<section class="client"><h2>Client</h2><dl class="client">{rows}</dl>{limits}</section>'
    )


def _reminders(facts: Facts) -> str:
    if not facts.reminders:
        return ""
    items = "".join(
        f'<li>{esc(f.message)}{_times(n)} <span class="code">({esc(f.code)})</span></li>'
        for f, n in facts.reminders
    )
    return f'<section class="reminders"><h2>Condition reminders</h2><ul>{items}</ul></section>'


def _times(count: int) -> str:
    return f" ({count} times)" if count > 1 else ""


def _timeline(facts: Facts) -> str:
    turns = {turn.number: turn for turn in facts.turns}
    body = []
    for row in facts.rows:
        turn = turns.get(row.number)
        if turn is not None:
            body.append(
                f'<tr class="turn"><td colspan="8">↻ Turn the client: '
                f"{esc(position_words(turn.after))}</td></tr>"
            )
        step = row.step
        body.append(
            f'<tr class="step" data-step="{row.number}">'
            f'<td class="num">{row.number}</td>'
            f'<td class="num">{clock(row.start)}</td>'
            f'<td title="{esc(position_words(row.position))}">'
            f"{esc(position_short(row.position))}</td>"
            f'<td data-region="{esc(step.region.name)}">{esc(region_words(step.region.name))}</td>'
            f"<td>{esc(step.technique.replace('_', ' '))}</td>"
            f'<td class="nowrap">{esc(pressure_words(step.pressure))}</td>'
            f'<td class="num">{esc(minutes_words(step.duration))}</td>'
            f"<td>{esc(step.notes or '')}</td></tr>"
        )
    return (
        '<section class="timeline"><h2>Timeline</h2><table class="timeline"><thead><tr>'
        "<th>#</th><th>Start</th><th>Position</th><th>Region</th><th>Technique</th>"
        "<th>Pressure</th><th>Time</th><th>Notes</th></tr></thead>"
        f"<tbody>{''.join(body)}</tbody></table>"
        f'<p class="meta">Ends at {clock(facts.end)}.</p></section>'
    )


def _turns(facts: Facts) -> str:
    if not facts.turns:
        text = f"<p>{esc(sections.no_turns_text(facts))}</p>"
    else:
        text = (
            "<ul>"
            + "".join(f"<li>{esc(sections.turn_text(t))}</li>" for t in facts.turns)
            + "</ul>"
        )
    return f'<section class="turns"><h2>Where to turn the client</h2>{text}</section>'


def _figures(facts: Facts, extra: Mapping[str, tuple[Shape, ...]] | None) -> str:
    from massage_routines.render.bodymap import body_map_svg
    from massage_routines.render.chart import pressure_chart_svg
    from massage_routines.render.shapes import shape_table

    table = shape_table(extra)
    return (
        '<section class="figures"><h2>Where the hands go</h2>'
        f"<figure>{body_map_svg(facts, table, facts.registry.regions)}</figure>"
        f"<figure>{pressure_chart_svg(facts)}</figure></section>"
    )


def _advice(items: tuple[Advice, ...]) -> str:
    from massage_routines.render.advice import WHEN_HEADINGS

    out = ['<section class="advice"><h2>Preparation and aftercare</h2>']
    for when, heading in WHEN_HEADINGS.items():
        chosen = [a for a in items if a.when == when]
        if not chosen:
            continue
        out.append(f"<h3>{esc(heading)}</h3><ul>")
        out.extend(
            f"<li>{esc(a.text)}"
            + (f' <span class="source">({esc(a.source)})</span>' if a.source else "")
            + "</li>"
            for a in chosen
        )
        out.append("</ul>")
    if len(out) == 1:
        out.append("<p>No advice given.</p>")
    out.append("</section>")
    return "".join(out)


def _footer(source: str | None) -> str:
    from massage_routines import __version__

    plan = f" from {esc(source)}" if source else ""
    return (
        f"<footer>Session sheet{plan}, made by massage_routines {esc(__version__)}. It supports "
        "the therapist's judgement and does not replace it.</footer>"
    )
