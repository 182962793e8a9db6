"""Built-in plugin ``deep_tissue``: the deep-tissue techniques and style (domain.md).

Registered through the entry point group ``massage_routines`` like any plugin (see
:mod:`massage_routines.techniques.swedish` for the pattern every built-in plugin follows). The
data are module-level tuples of records; the hooks return them.

Four techniques form the family ``deep`` (``stripping``, ``cross_fiber_friction``,
``trigger_point``, ``pin_and_stretch``): conditions such as ``anticoagulants`` or
``varicose_veins`` forbid the family as a whole, so a technique another plugin adds with
``family="deep"`` is forbidden along with them. ``myofascial_release`` is slow and light (2-3),
so it is in no family.

The ``deep_tissue`` style uses every technique of the Swedish style too; its shape works one to
three focus regions (warm-up, specific work at 4-5, flush), not the whole body.
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
from massage_routines.techniques.shapes import DEEP_TISSUE_SHAPE

#: The plugins whose records this one builds on: its style uses the chair plugin's
#: ``compression`` and ``passive_stretch`` (see :mod:`massage_routines.plugins.api`).
massage_routines_requires = ("chair",)

#: The family that conditions forbid when deep work is unsafe.
DEEP = "deep"

#: The deep-tissue techniques of domain.md section 3.
TECHNIQUES: tuple[TechniqueSpec, ...] = (
    TechniqueSpec(
        "stripping",
        PressureRange(3, 5),
        positions=("prone", "supine", "side_lying"),
        never_on=("neck.anterior", "abdomen", "leg.*.knee_back"),
        step_length=DurationRange("1m", "10m"),
        family=DEEP,
        description="slow deep glide along the muscle fibres",
    ),
    TechniqueSpec(
        "cross_fiber_friction",
        PressureRange(3, 5),
        never_on=("neck.anterior", "abdomen"),
        step_length=DurationRange("30s", "20m"),
        family=DEEP,
        description="friction across the fibres at the lesion, no oil",
    ),
    TechniqueSpec(
        "trigger_point",
        PressureRange(3, 5),
        never_on=("neck.anterior", "abdomen", "leg.*.knee_back"),
        step_length=DurationRange("30s", "5m"),
        family=DEEP,
        description="ischemic compression held on a trigger point",
    ),
    TechniqueSpec(
        "myofascial_release",
        PressureRange(2, 3),
        step_length=DurationRange("90s", "10m"),
        description="sustained stretch of the fascia, no oil",
    ),
    TechniqueSpec(
        "pin_and_stretch",
        PressureRange(3, 4),
        never_on=("neck.anterior",),
        step_length=DurationRange("1m", "5m"),
        family=DEEP,
        description="pin the muscle, then move the joint to stretch it under the contact",
    ),
)

#: The ``deep_tissue`` style of domain.md section 4: everything Swedish uses, and the deep
#: techniques; it reaches every region.
DEEP_TISSUE: StyleSpec = StyleSpec(
    "deep_tissue",
    positions=("prone", "supine", "side_lying"),
    session_length=DurationRange("30m", "120m"),
    techniques=(
        "effleurage",
        "petrissage",
        "friction",
        "tapotement",
        "vibration",
        "nerve_strokes",
        "compression",
        "passive_stretch",
        "stripping",
        "cross_fiber_friction",
        "trigger_point",
        "myofascial_release",
        "pin_and_stretch",
    ),
    shape=DEEP_TISSUE_SHAPE,
    reaches=None,
    description="focused work on one to three regions; agree pressure with the client first",
)

#: Every style this plugin provides.
STYLES: tuple[StyleSpec, ...] = (DEEP_TISSUE,)

#: Advice for a deep-tissue session (domain.md section 4: pressure is agreed first; S10-S12).
ADVICE: tuple[AdviceSpec, ...] = (
    AdviceSpec(
        "deep_tissue_agree_pressure",
        "during",
        "Deep work should feel strong but never sharp: say at once if the pressure is more "
        "than you want, and your therapist will ease off.",
        styles=("deep_tissue",),
        source="domain.md section 4 (S10, S11)",
    ),
    AdviceSpec(
        "deep_tissue_soreness",
        "after",
        "Some soreness for a day or two is common after deep work: drink water, and rest the "
        "areas that were worked.",
        styles=("deep_tissue",),
        source="domain.md section 4 (S10, S11)",
    ),
)


@hookimpl
def massage_techniques() -> tuple[TechniqueSpec, ...]:
    """The deep-tissue techniques: :data:`TECHNIQUES`."""
    return TECHNIQUES


@hookimpl
def massage_styles() -> tuple[StyleSpec, ...]:
    """The ``deep_tissue`` style: :data:`STYLES`."""
    return STYLES


@hookimpl
def massage_advice() -> tuple[AdviceSpec, ...]:
    """Advice for a deep-tissue session: :data:`ADVICE`."""
    return ADVICE
