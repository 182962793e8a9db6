"""Built-in plugin ``self_massage``: self-massage at home, the person's own hands (domain.md).

Registered through the entry point group ``massage_routines`` like every built-in plugin (see
:mod:`massage_routines.techniques.swedish` for the pattern). The seed material (seed 004): "At
home, individuals may use simple self-massage methods such as gentle kneading, circular motions
with the fingertips, or a foam roller to target muscle tension. Application of heat packs before
massage can further enhance relaxation. [...] Both approaches encourage individuals to listen to
their bodies and adjust pressure to personal comfort."

It is the first style whose hands belong to the client, so three things are data here (and it
adds the position ``standing``, :data:`POSITIONS`, for ball work against a wall):

- **reach** (:data:`REACH`, :class:`~massage_routines.plugins.records.ReachSpec` records): where
  a person reaches on their own body with each technique. The style says ``self_applied=True``,
  so a step outside its technique's reach is an error (``S006``); another plugin may add reach
  for these techniques, or give its own technique a reach;
- **pressure**: light to medium only, 0-3 (every technique's range tops out at 3, and the style
  says ``pressure=PressureRange(0, 3)``: a step above it is an error, ``S007``);
- **safety**: the foam roller is never used on the lower back, the neck or the back of the
  knee, the ball never on the neck, the lower back or the back of the knee (``never_on``); heat
  is the family ``heat``, which the conditions forbid over an acute injury, an open wound, a
  bruise, a burn (all avoided outright), after a DVT, on numb or neuropathic skin and on the
  abdomen in pregnancy (:mod:`massage_routines.techniques.conditions`).

Sources (docs/domain.md): S120-S123 and S127 (heat), S124-S126 (foam roller and ball). Where they
disagree, the cautious side: a ball pressing one spot with body weight is in the family
``deep`` (the family of the techniques that work a spot with weight), so every condition that
rules out deep work rules it out too.
"""

from __future__ import annotations

from massage_routines.plugins import hookimpl
from massage_routines.plugins.records import (
    AdviceSpec,
    DurationRange,
    PositionSpec,
    PressureRange,
    ReachSpec,
    StyleSpec,
    TechniqueSpec,
)
from massage_routines.techniques.shapes import SELF_MASSAGE_SHAPE

#: The self-massage techniques (domain.md section 3, "At home").
TECHNIQUES: tuple[TechniqueSpec, ...] = (
    TechniqueSpec(
        "self_kneading",
        PressureRange(1, 3),
        positions=("seated", "supine", "side_lying", "standing"),
        never_on=("neck.anterior",),
        step_length=DurationRange("1m", "10m"),
        description="gentle kneading with one's own hand: squeeze, lift, release",
    ),
    TechniqueSpec(
        "fingertip_circles",
        PressureRange(1, 3),
        positions=("seated", "supine", "side_lying", "standing"),
        step_length=DurationRange("30s", "10m"),
        description="small circles with the fingertips, moving the skin over the muscle",
    ),
    TechniqueSpec(
        "foam_rolling",
        PressureRange(2, 3),
        positions=("supine", "prone", "side_lying", "seated"),
        never_on=("back.lower", "neck", "leg.*.knee_back"),
        step_length=DurationRange("30s", "5m"),
        description="rolling slowly over a foam roller on the floor, body weight on the muscle",
    ),
    TechniqueSpec(
        "ball_pressure",
        PressureRange(2, 3),
        positions=("standing", "supine", "seated"),
        never_on=("back.lower", "neck", "leg.*.knee_back"),
        step_length=DurationRange("30s", "5m"),
        family="deep",
        description="leaning on a massage or tennis ball against a wall or the floor",
    ),
    TechniqueSpec(
        "heat_pack",
        PressureRange(0, 0),
        positions=("seated", "supine", "prone", "side_lying", "standing"),
        never_on=("neck.anterior", "head.face"),
        step_length=DurationRange("5m", "15m"),
        family="heat",
        description="a warm (never hot) pack, wrapped in a towel, resting still before the massage",
    ),
    TechniqueSpec(
        "gentle_stretch",
        PressureRange(1, 2),
        positions=("seated", "supine", "side_lying", "standing"),
        step_length=DurationRange("30s", "5m"),
        description="a slow stretch, held without bouncing, short of any pain",
    ),
)

#: The hands reach the neck, the shoulders, the arms, the other hand, the legs (the seed names
#: thighs and calves; seated, the back of the knee, which the sites hold at 1, and the feet are
#: in reach too), and of the back only the lower back, partly: the upper and middle back are
#: out of reach.
HANDS: tuple[str, ...] = ("neck", "shoulder", "arm", "hand", "leg", "foot", "back.lower")

#: Where a person reaches on their own body with each technique.
REACH: tuple[ReachSpec, ...] = (
    ReachSpec("self_kneading_hands", "self_kneading", HANDS, "with one's own hands"),
    ReachSpec(
        "fingertip_circles_hands",
        "fingertip_circles",
        (*HANDS, "abdomen"),
        "with one's own fingertips (gentle circles on the belly too)",
    ),
    ReachSpec(
        "foam_rolling_floor",
        "foam_rolling",
        ("back.upper", "back.middle", "glutes", "leg"),
        "lying on a roller on the floor: upper and middle back, glutes, legs",
    ),
    ReachSpec(
        "ball_pressure_wall",
        "ball_pressure",
        ("back.upper", "shoulder", "glutes"),
        "a ball between the body and a wall or the floor: upper back, shoulders, glutes",
    ),
    ReachSpec(
        "heat_pack_placed",
        "heat_pack",
        ("neck", "shoulder", "back", "glutes", "abdomen", "arm", "hand", "leg", "foot"),
        "a pack laid on, leant against or strapped to the area",
    ),
    ReachSpec(
        "gentle_stretch_self",
        "gentle_stretch",
        ("neck", "shoulder", "back", "glutes", "arm", "hand", "leg", "foot"),
        "stretches a person does on their own (the ankle and toes too)",
    ),
)

#: The ``self_massage`` style: the person works on themselves, 10-30 minutes, pressure 0-3.
SELF_MASSAGE: StyleSpec = StyleSpec(
    "self_massage",
    positions=("seated", "supine", "standing", "side_lying", "prone"),
    session_length=DurationRange("10m", "30m"),
    techniques=tuple(t.name for t in TECHNIQUES),
    shape=SELF_MASSAGE_SHAPE,
    # Where any of its techniques reaches (each technique's own reach is narrower).
    reaches=("neck", "shoulder", "back", "glutes", "abdomen", "arm", "hand", "leg", "foot"),
    description=(
        "self-massage at home: heat first, gentle kneading and fingertip circles, then a foam "
        "roller or a ball, then a gentle stretch; light to medium pressure, by comfort"
    ),
    self_applied=True,
    pressure=PressureRange(0, 3),
    opening=("heat_pack", "fingertip_circles"),
    closing=("gentle_stretch", "fingertip_circles"),
)

#: Every style this plugin provides.
STYLES: tuple[StyleSpec, ...] = (SELF_MASSAGE,)

#: What a person massaging themselves at home is told before, during and after (the seed
#: material: heat packs before massage, listening to the body, comfort guiding pressure).
ADVICE: tuple[AdviceSpec, ...] = (
    AdviceSpec(
        "self_massage_heat_first",
        "before",
        "Warm the area first: a warm (never hot) heat pack for 5 to 15 minutes, over a layer of "
        "cloth. Never on numb skin, a bruise, a wound, a burn or a fresh injury.",
        styles=("self_massage",),
        source="domain.md section 4, self-massage at home (seed material; S120, S121)",
    ),
    AdviceSpec(
        "self_massage_comfort",
        "during",
        "Let comfort guide the pressure: firm is fine, pain is not. Ease off, or stop, if "
        "anything hurts, tingles or goes numb.",
        styles=("self_massage",),
        source="domain.md section 4, self-massage at home (seed material)",
    ),
)


@hookimpl
def massage_techniques() -> tuple[TechniqueSpec, ...]:
    """The self-massage techniques: :data:`TECHNIQUES`."""
    return TECHNIQUES


#: The position self-massage adds to the base ones: standing against a wall (ball work).
POSITIONS: tuple[PositionSpec, ...] = (
    PositionSpec(
        "standing",
        "On one's feet: self-massage against a wall (a ball between the back and the wall).",
    ),
)


@hookimpl
def massage_positions() -> tuple[PositionSpec, ...]:
    """The positions self-massage adds: :data:`POSITIONS` (``standing``)."""
    return POSITIONS


@hookimpl
def massage_reach() -> tuple[ReachSpec, ...]:
    """Where a person reaches on themselves with each technique: :data:`REACH`."""
    return REACH


@hookimpl
def massage_styles() -> tuple[StyleSpec, ...]:
    """The ``self_massage`` style: :data:`STYLES`."""
    return STYLES


@hookimpl
def massage_advice() -> tuple[AdviceSpec, ...]:
    """Heat first, comfort guides the pressure: :data:`ADVICE`."""
    return ADVICE
