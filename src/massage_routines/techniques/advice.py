"""Built-in plugin ``advice``: the general preparation and aftercare, for every client.

Registered through the entry point group ``massage_routines`` like any plugin (see
:mod:`massage_routines.techniques.swedish` for the pattern). Its records have no selector, so
every routine's client gets them: how to prepare, what to do during the session, and what to do
afterwards, including when to see a clinician. The few about the therapist and the appointment
(arrive early, say what you want, speak up during the session) are ``given_by="therapist"``:
someone massaging themselves at home gets the self-massage plugin's instead.

Advice for one style or one condition lives with the style or the condition, in the plugin that
provides it (``chair``, ``deep_tissue``, ``conditions``): deselecting that plugin then takes its
advice with it, rather than leaving advice that names a style nobody provides (a coherence
problem). A third-party plugin adds advice the same way, through ``massage_advice``.
"""

from __future__ import annotations

from massage_routines.plugins import hookimpl
from massage_routines.plugins.records import AdviceSpec

#: Where the general advice comes from: the seed material every session sheet starts from.
GENERAL_SOURCE = "general guidance"

#: The general list, for every client and every session.
ADVICE: tuple[AdviceSpec, ...] = (
    AdviceSpec(
        "arrive_early",
        "before",
        "Arrive a few minutes early, so that you can settle in.",
        source=GENERAL_SOURCE,
        given_by="therapist",
    ),
    AdviceSpec("hydrate_before", "before", "Drink some water beforehand.", source=GENERAL_SOURCE),
    AdviceSpec(
        "no_heavy_meal",
        "before",
        "Avoid a heavy meal in the hour or two before the session.",
        source=GENERAL_SOURCE,
    ),
    AdviceSpec(
        "loose_clothing", "before", "Wear loose, comfortable clothing.", source=GENERAL_SOURCE
    ),
    AdviceSpec(
        "communicate",
        "before",
        "Tell your therapist what you would like from the session, any areas of concern, and "
        "the pressure you like.",
        source=GENERAL_SOURCE,
        given_by="therapist",
    ),
    AdviceSpec(
        "breathe",
        "during",
        "Breathe deeply and slowly; say so at once if anything hurts or the pressure is too much.",
        source=GENERAL_SOURCE,
        given_by="therapist",
    ),
    AdviceSpec(
        "rest_after",
        "after",
        "Rest, or stretch gently, for a while afterwards; drink some water.",
        source=GENERAL_SOURCE,
    ),
    AdviceSpec(
        "see_a_clinician",
        "after",
        "Unusual pain, numbness or worsening symptoms: see a clinician before the next session.",
        source=GENERAL_SOURCE,
    ),
)


@hookimpl
def massage_advice() -> tuple[AdviceSpec, ...]:
    """The general advice: :data:`ADVICE`."""
    return ADVICE
