"""Session shapes of the built-in styles: how the composer lays out a session (domain.md section 4).

A :class:`~massage_routines.plugins.records.SessionShape` is data: an ordered run of
:class:`~massage_routines.plugins.records.Block` records (a region, its share of the session's
time, the position it is done in) and the :class:`~massage_routines.plugins.records.Move`
records done on it (techniques, a pressure band, a share of the block's time). Block weights are
relative: the composer scales them to the requested duration. Where the chair template gives
minutes, the weights *are* those minutes.

``Move.techniques`` lists fallbacks in order: the composer uses the first technique the client's
conditions, the region's endangerment sites and the pressure caps allow, and drops the move when
none is allowed (tapotement "where allowed" is a move with no fallback). A block on a limb pair
(``arm``, ``leg``) is worked one side at a time, each side with half the block's weight.

A plugin author shapes a new style the same way: copy one of these and change the numbers.
"""

from __future__ import annotations

from massage_routines.plugins.records import AT_FOCUS, Block, Move, PressureRange, SessionShape

# ---------------------------------------------------------------- Swedish

#: The moves of one Swedish block: effleurage → petrissage → friction → tapotement (where
#: allowed) → effleurage or nerve strokes, pressure mostly 2-3. Kneading and friction fall back
#: to effleurage where they are not allowed (``neck.anterior``, a cap of 1). A move's band lies
#: within the range of every technique it names, so the closing stroke is at 1 (nerve strokes
#: are only ever 1).
SWEDISH_PATTERN: tuple[Move, ...] = (
    Move(("effleurage",), PressureRange(1, 2), weight=2),
    Move(("petrissage", "effleurage"), PressureRange(2, 3), weight=3),
    Move(("friction", "effleurage"), PressureRange(2, 3), weight=2),
    Move(("tapotement",), PressureRange(2, 3), weight=1),
    Move(("effleurage", "nerve_strokes"), PressureRange(1, 1), weight=1),
)

#: Effleurage joins one region to the next in a Swedish session.
SWEDISH_LINK: Move = Move(("effleurage",), PressureRange(1, 2))

#: The published 60-minute split, in its order: prone 40 min (back, posterior neck, shoulders,
#: arms, glutes, legs), turn, supine 18 min (legs, arms, neck, face and head). Weights are
#: minutes; the back gets the largest share (about a quarter, as in 20-25 of 75-110 min), the
#: legs the next largest (8 prone + 5 supine).
SWEDISH_BLOCKS: tuple[Block, ...] = (
    Block("back", 14, position="prone"),
    Block("neck.posterior", 4, position="prone"),
    Block("shoulder", 5, position="prone"),
    Block("arm", 5, position="prone"),
    Block("glutes", 4, position="prone"),
    Block("leg", 8, position="prone"),
    Block("leg", 5, position="supine"),
    Block("arm", 4, position="supine"),
    Block("neck", 4, position="supine"),
    Block("head", 5, position="supine"),
)

#: Swedish massage, region by region: every block uses :data:`SWEDISH_PATTERN`.
SWEDISH_SHAPE: SessionShape = SessionShape(
    blocks=SWEDISH_BLOCKS, pattern=SWEDISH_PATTERN, link=SWEDISH_LINK
)

# ---------------------------------------------------------------- deep tissue

#: The specific work of deep tissue: four alternatives, aimed within the focus region. domain.md
#: says 4-5; the band is 4 because a move's band lies within the range of every technique it
#: names and ``pin_and_stretch`` tops out at 4 (5, full body weight, is used sparingly: a
#: therapist writes it into a plan by hand).
DEEP_SPECIFIC_WORK: Move = Move(
    ("stripping", "cross_fiber_friction", "trigger_point", "pin_and_stretch"),
    PressureRange(4, 4),
    weight=5,
    target="within",
)

#: One block per focus region (one to three of them): warm up at 2-3 with effleurage then
#: petrissage, specific work at 4, flush at 2-3. The warm-up also satisfies the rule that a
#: step at 4 or 5 needs earlier time at 3 or less on the same region (two minutes of it, as
#: the craft asks); the composer varies the specific work across its four techniques, one move
#: each, as the client and the time allow.
DEEP_TISSUE_SHAPE: SessionShape = SessionShape(
    blocks=(
        Block(
            AT_FOCUS,
            moves=(
                Move(("effleurage",), PressureRange(2, 3), weight=1.5),
                Move(("petrissage", "effleurage"), PressureRange(2, 3), weight=1.5),
                DEEP_SPECIFIC_WORK,
                Move(("effleurage",), PressureRange(2, 3), weight=2),
            ),
        ),
    ),
)

# ---------------------------------------------------------------- chair

#: The 15-minute chair template, seated, clothed, no oil, pressure 2-4. Weights are minutes
#: (1 + 3 + 3 + 2 + 3 + 1.5 + 0.75 + 0.75 = 15); "arms and hands with a stretch" (3 min) is an
#: arm block (2) that ends with the stretch and a hand block (1), since a block has one region.
CHAIR_BLOCKS: tuple[Block, ...] = (
    # settle with light contact
    Block("back", 1, moves=(Move(("effleurage",), PressureRange(1, 1)),), position="seated"),
    # upper back: palming, then compressions
    Block(
        "back.upper",
        3,
        moves=(
            Move(("compression", "effleurage"), PressureRange(2, 3), weight=1),
            Move(("compression", "effleurage"), PressureRange(3, 4), weight=2),
        ),
        position="seated",
    ),
    # trapezius: kneading, then thumb pressure
    Block(
        "shoulder",
        3,
        moves=(
            Move(("petrissage", "effleurage"), PressureRange(2, 3), weight=1.5),
            Move(("thumb_pressure", "compression"), PressureRange(3, 4), weight=1.5),
        ),
        position="seated",
    ),
    # posterior neck
    Block(
        "neck.posterior",
        2,
        moves=(
            Move(("petrissage", "effleurage"), PressureRange(2, 3), weight=1),
            Move(("thumb_pressure", "petrissage"), PressureRange(3, 3), weight=1),
        ),
        position="seated",
    ),
    # arms, with a stretch (one side, then the other: a minute each)
    Block(
        "arm",
        2,
        moves=(
            Move(("compression", "petrissage"), PressureRange(2, 3), weight=1),
            Move(("petrissage", "effleurage"), PressureRange(2, 3), weight=1),
            Move(("passive_stretch",), PressureRange(1, 2), weight=1),
        ),
        position="seated",
    ),
    # hands (half a minute each): thumb pressure over the palm
    Block(
        "hand",
        1,
        moves=(Move(("thumb_pressure", "compression", "effleurage"), PressureRange(3, 3)),),
        position="seated",
    ),
    # low back: light compression only, at most 3
    Block(
        "back.lower",
        1.5,
        moves=(Move(("compression",), PressureRange(2, 3)),),
        position="seated",
    ),
    # scalp
    Block(
        "head.scalp",
        0.75,
        moves=(Move(("petrissage", "effleurage"), PressureRange(2, 2)),),
        position="seated",
    ),
    # close: hacking on the upper back, then nerve strokes
    Block(
        "back.upper",
        0.75,
        moves=(
            Move(("tapotement",), PressureRange(2, 3)),
            Move(("nerve_strokes",), PressureRange(1, 1)),
        ),
        position="seated",
    ),
)

#: Chair massage: the fixed template of :data:`CHAIR_BLOCKS`, no pattern, no link.
CHAIR_SHAPE: SessionShape = SessionShape(blocks=CHAIR_BLOCKS)

# ---------------------------------------------------------------- self-massage

#: Self-massage at home on each focus region (domain.md section 4, "At home"; seed 004): seated,
#: heat first (half the block: 5-15 minutes of a 10-30 minute session, which the pack's own
#: step length keeps it within), then gentle kneading and fingertip circles at 1-2 ...
SELF_MASSAGE_WARM: Block = Block(
    AT_FOCUS,
    6,
    moves=(
        Move(("heat_pack",), PressureRange(0, 0), weight=3),
        Move(("self_kneading", "fingertip_circles"), PressureRange(1, 2), weight=1.5),
        Move(("fingertip_circles", "self_kneading"), PressureRange(1, 2), weight=1.5),
    ),
    position="seated",
)

#: ... then, lying on the floor, the roller or the ball at 2-3 where they reach and are allowed,
#: and a gentle stretch to close.
SELF_MASSAGE_FLOOR: Block = Block(
    AT_FOCUS,
    6,
    moves=(
        Move(("foam_rolling", "ball_pressure"), PressureRange(2, 3), weight=3),
        Move(("gentle_stretch",), PressureRange(1, 2), weight=2),
    ),
    position="supine",
)

#: Self-massage: warm and knead seated, then roll or press and stretch on the floor (one turn).
SELF_MASSAGE_SHAPE: SessionShape = SessionShape(blocks=(SELF_MASSAGE_WARM, SELF_MASSAGE_FLOOR))
