"""What the sheet's sections say, in plain words, for the HTML and Markdown writers alike."""

from __future__ import annotations

from typing import TYPE_CHECKING

from massage_routines.render.words import clock, position_words

if TYPE_CHECKING:
    from massage_routines.findings import Finding
    from massage_routines.render.facts import Facts, Turn

BANNER = "Not safe as written"


def summary(facts: Facts) -> str:
    """ "swedish · 30 min (the steps add up to 30m) · 11 steps · starts face down (prone)"."""
    routine = facts.routine
    planned = f"{routine.duration} planned, " if routine.duration is not None else ""
    steps = len(routine.steps)
    first = facts.rows[0].position if facts.rows else routine.position
    return (
        f"Style: {routine.style.replace('_', ' ')} · {planned}the steps add up to "
        f"{routine.total} · {steps} step{'s' if steps != 1 else ''} · starts "
        f"{position_words(first)}"
    )


def banner_text(facts: Facts) -> str:
    """Why the banner is there."""
    errors = len(facts.errors)
    return (
        f"This plan failed the safety check with {errors} error{'s' if errors != 1 else ''}. "
        "Do not work from it until they are fixed; steps whose values could not be read are "
        "missing from the timeline."
    )


def checked_text(facts: Facts) -> str:
    """What the check said of a plan that passed."""
    warnings = sum(n for _, n in facts.reminders)
    if not warnings:
        return "Passed the safety check, with no warnings."
    return f"Passed the safety check, with {warnings} reminder{'s' if warnings != 1 else ''} below."


def finding_text(finding: Finding) -> str:
    """A finding as the sheet lists it: "line 14: message"."""
    where = f"line {finding.line}: " if finding.line is not None else ""
    if not where and finding.path:
        where = f"{finding.path}: "
    return f"{where}{finding.message}"


def turn_text(turn: Turn) -> str:
    """ "At 23:00, before step 9: from face down (prone) to face up (supine)"."""
    return (
        f"At {clock(turn.at)}, before step {turn.number}: from {position_words(turn.before)} "
        f"to {position_words(turn.after)}"
    )


def no_turns_text(facts: Facts) -> str:
    """What the turns section says when there is no change of position."""
    first = facts.rows[0].position if facts.rows else None
    return f"No change of position: the client stays {position_words(first)} throughout."
