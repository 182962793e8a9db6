"""Built-in plugin ``chair``: the chair-massage techniques and the ``chair`` style (domain.md).

Registered through the entry point group ``massage_routines`` like any plugin (see
:mod:`massage_routines.techniques.swedish` for the pattern every built-in plugin follows). The
data are module-level tuples of records; the hooks return them.

Chair massage is seated, clothed and without oil, so the style uses only the ``seated``
position (a step in any other is an error) and reaches only what a seated client offers: head,
neck, shoulders, back, arms and hands. Its techniques are mostly pressing ones; ``compression``
and ``passive_stretch`` are used by the Swedish style too.
"""

from __future__ import annotations

from massage_routines.plugins import hookimpl
from massage_routines.plugins.records import (
    AdviceSpec,
    DurationRange,
    PressureRange,
    StyleSpec,
    TechniqueSpec,
)
from massage_routines.techniques.shapes import CHAIR_SHAPE

#: The plugins whose records this one builds on: its style uses the Swedish plugin's
#: ``effleurage``, ``petrissage``, ``tapotement`` and ``nerve_strokes`` (see
#: :mod:`massage_routines.plugins.api`).
massage_routines_requires = ("swedish",)

#: The chair techniques of domain.md section 3.
TECHNIQUES: tuple[TechniqueSpec, ...] = (
    TechniqueSpec(
        "compression",
        PressureRange(2, 4),
        positions=("seated", "prone"),
        never_on=("neck.anterior",),
        step_length=DurationRange("30s", "5m"),
        description="palm, fist or forearm: press, hold, release",
    ),
    TechniqueSpec(
        "thumb_pressure",
        PressureRange(3, 4),
        positions=("seated", "prone"),
        never_on=("neck.anterior",),
        step_length=DurationRange("15s", "3m"),
        description="point pressure with the thumb",
    ),
    TechniqueSpec(
        "passive_stretch",
        PressureRange(1, 2),
        positions=("seated", "supine"),
        step_length=DurationRange("15s", "3m"),
        description="the therapist moves a relaxed limb or the neck into a stretch",
    ),
)

#: The ``chair`` style of domain.md section 4.
CHAIR: StyleSpec = StyleSpec(
    "chair",
    positions=("seated",),
    session_length=DurationRange("5m", "30m"),
    techniques=(
        "compression",
        "thumb_pressure",
        "petrissage",
        "tapotement",
        "passive_stretch",
        "effleurage",
        "nerve_strokes",
    ),
    shape=CHAIR_SHAPE,
    reaches=("head", "neck", "shoulder", "back", "arm", "hand"),
    description="seated, clothed, no oil; usually 15 minutes at pressure 2-4",
)

#: Every style this plugin provides.
STYLES: tuple[StyleSpec, ...] = (CHAIR,)

#: Advice for a chair session (domain.md section 4: seated, clothed, no oil; S33).
ADVICE: tuple[AdviceSpec, ...] = (
    AdviceSpec(
        "chair_clothed",
        "before",
        "You stay clothed and seated, and no oil is used: there is no need to change.",
        styles=("chair",),
        source="domain.md section 4 (S33)",
    ),
)


@hookimpl
def massage_techniques() -> tuple[TechniqueSpec, ...]:
    """The chair techniques: :data:`TECHNIQUES`."""
    return TECHNIQUES


@hookimpl
def massage_styles() -> tuple[StyleSpec, ...]:
    """The ``chair`` style: :data:`STYLES`."""
    return STYLES


@hookimpl
def massage_advice() -> tuple[AdviceSpec, ...]:
    """Advice for a chair session: :data:`ADVICE`."""
    return ADVICE
