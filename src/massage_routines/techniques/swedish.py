"""Built-in plugin ``swedish``: the Swedish techniques and the ``swedish`` style (domain.md).

This module is a complete plugin, registered through the entry point group ``massage_routines``
exactly as a third-party package registers its own::

    [project.entry-points.massage_routines]
    swedish = "massage_routines.techniques.swedish"

It shows the shape every plugin takes: the data are module-level tuples of frozen records
(:data:`TECHNIQUES`, :data:`STYLES`) that anyone can import and inspect, and each hook function
marked with :data:`~massage_routines.plugins.hookimpl` just returns one of them. Nothing here
runs at import beyond building the records, so loading the plugin costs next to nothing.

Pressure is the 0-5 scale of domain.md (1 light, 3 ordinary Swedish depth, 5 full body weight);
a technique whose ``positions`` are not given can be done in every position. A style may use
techniques that other plugins provide: Swedish uses the chair plugin's ``compression`` and
``passive_stretch``.
"""

from __future__ import annotations

from massage_routines.plugins import hookimpl
from massage_routines.plugins.records import DurationRange, PressureRange, StyleSpec, TechniqueSpec
from massage_routines.techniques.shapes import SWEDISH_SHAPE

#: The plugins whose records this one builds on: its style uses the chair plugin's
#: ``compression`` and ``passive_stretch`` (see :mod:`massage_routines.plugins.api`).
massage_routines_requires = ("chair",)

#: The Swedish techniques of domain.md section 3.
TECHNIQUES: tuple[TechniqueSpec, ...] = (
    TechniqueSpec(
        "effleurage",
        PressureRange(1, 4),
        step_length=DurationRange("30s", "10m"),
        description="gliding strokes with the whole hand; opens, links and closes a region",
    ),
    TechniqueSpec(
        "petrissage",
        PressureRange(2, 4),
        never_on=("neck.anterior",),
        step_length=DurationRange("1m", "15m"),
        description="kneading and wringing: lifting and squeezing the muscle",
    ),
    TechniqueSpec(
        "friction",
        PressureRange(2, 4),
        step_length=DurationRange("30s", "10m"),
        description="circular warming friction with fingertips or thumbs",
    ),
    TechniqueSpec(
        "tapotement",
        PressureRange(1, 3),
        positions=("prone", "supine", "seated"),
        never_on=("back.lower", "neck", "abdomen", "chest", "head.face", "leg.*.knee_back"),
        step_length=DurationRange("15s", "3m"),
        family="percussion",
        description="percussion: hacking, cupping, tapping",
    ),
    TechniqueSpec(
        "vibration",
        PressureRange(1, 3),
        step_length=DurationRange("15s", "3m"),
        description="shaking or trembling a limb or muscle",
    ),
    TechniqueSpec(
        "nerve_strokes",
        PressureRange(1, 1),
        step_length=DurationRange("15s", "2m"),
        description="feathering with the fingertips; a closing stroke",
    ),
)

#: The ``swedish`` style of domain.md section 4; it reaches every region.
SWEDISH: StyleSpec = StyleSpec(
    "swedish",
    positions=("prone", "supine", "side_lying"),
    session_length=DurationRange("20m", "120m"),
    techniques=(
        "effleurage",
        "petrissage",
        "friction",
        "tapotement",
        "vibration",
        "nerve_strokes",
        "compression",
        "passive_stretch",
    ),
    shape=SWEDISH_SHAPE,
    reaches=None,
    description="full-body relaxation massage, region by region, pressure mostly 2-3",
)

#: Every style this plugin provides.
STYLES: tuple[StyleSpec, ...] = (SWEDISH,)


@hookimpl
def massage_techniques() -> tuple[TechniqueSpec, ...]:
    """The Swedish techniques: :data:`TECHNIQUES`."""
    return TECHNIQUES


@hookimpl
def massage_styles() -> tuple[StyleSpec, ...]:
    """The ``swedish`` style: :data:`STYLES`."""
    return STYLES
