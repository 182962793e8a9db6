"""The ``hot_stone`` plugin: what hot stone massage adds to massage_routines.

Each function below is a hook implementation (marked with ``@hookimpl``) that returns records.
massage_routines calls each hook once, when it first builds its registry, and keeps the records
by name with this plugin as their provider. The records are plain data: the built-in safety
rules enforce them and the composer follows them; this plugin has no rule code of its own.

- a region, ``back.upper.paraspinals``, where stones are laid along the spine;
- a technique, ``hot_stone``, in its own family ``heat`` so that conditions can forbid it;
- a style, ``hot_stone``, which mixes the stones with three Swedish strokes (provided by the
  built-in ``swedish`` plugin: a style may use another plugin's techniques);
- a condition, ``heat_sensitivity``, which forbids the ``heat`` family.
"""

from __future__ import annotations

from massage_routines.plugins import hookimpl
from massage_routines.plugins.records import (
    AT_REGION,
    Block,
    ConditionSpec,
    DurationRange,
    Forbid,
    Move,
    PressureRange,
    RegionSpec,
    SessionShape,
    StyleSpec,
    TechniqueSpec,
)

#: The family of techniques that use heat; ``heat_sensitivity`` forbids it.
HEAT = "heat"


@hookimpl
def massage_regions() -> list[RegionSpec]:
    """A finer region under ``back.upper`` (its parent must exist in the tree)."""
    return [
        RegionSpec(
            "back.upper.paraspinals",
            "the muscles either side of the upper spine, where stones are laid in rows",
        )
    ]


@hookimpl
def massage_techniques() -> list[TechniqueSpec]:
    """The ``hot_stone`` technique: heated stones glided with oil, or laid and left."""
    return [
        TechniqueSpec(
            "hot_stone",
            PressureRange(1, 3),
            positions=("prone", "supine", "side_lying"),
            never_on=("head.face", "neck.anterior", "leg.*.knee_back"),
            step_length=DurationRange("1m", "10m"),
            family=HEAT,
            description="heated smooth stones, glided with oil or laid and left; light to medium",
        )
    ]


#: The usual round on each area: spread oil, work with the stones, knead, close.
_PATTERN = (
    Move("effleurage", PressureRange(1, 2)),
    Move("hot_stone", PressureRange(2, 3), weight=3),
    Move("petrissage", PressureRange(2, 3)),
    Move("nerve_strokes", PressureRange(1, 1), weight=0.5),
)


@hookimpl
def massage_styles() -> list[StyleSpec]:
    """The ``hot_stone`` style and the shape the composer follows to build one."""
    return [
        StyleSpec(
            "hot_stone",
            positions=("prone", "supine", "side_lying"),
            session_length=DurationRange("30m", "90m"),
            techniques=("effleurage", "petrissage", "nerve_strokes", "hot_stone"),
            shape=SessionShape(
                blocks=(
                    # The back takes the largest share, prone; the stones start along the spine.
                    Block(
                        "back.upper.paraspinals",
                        weight=1,
                        moves=(
                            Move("effleurage", PressureRange(1, 2)),
                            Move("hot_stone", PressureRange(2, 3), weight=3),
                        ),
                    ),
                    Block("back", weight=3),
                    Block("glutes", weight=1),
                    # Then supine: shoulders and feet.
                    Block("shoulder", weight=1, position="supine"),
                    Block("foot", weight=1, position="supine"),
                ),
                pattern=_PATTERN,
                link=Move("effleurage", PressureRange(1, 2), weight=0.5),
            ),
            description="heated stones with Swedish strokes, light to medium pressure",
        )
    ]


@hookimpl
def massage_conditions() -> list[ConditionSpec]:
    """``heat_sensitivity``: no heat where the client is sensitive (everywhere if no region)."""
    return [
        ConditionSpec(
            "heat_sensitivity",
            effects=(Forbid((HEAT,), region=AT_REGION),),
            region="optional",
            description="reduced or unreliable sense of heat: no heated stones there",
        )
    ]
