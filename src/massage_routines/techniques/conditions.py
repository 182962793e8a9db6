"""Built-in plugin ``conditions``: the health conditions of domain.md section 5 and their effects.

After Walton: a condition rarely bans massage wholesale; it names the concern and adjusts
pressure, site, position and length. Each :class:`~massage_routines.plugins.records.ConditionSpec`
says whether the client's condition takes a region (``region``: ``"none"``, ``"optional"``,
``"required"``, with a ``default_region`` where domain.md gives one) or a trimester, and lists
its effects as records:

=======================  ==================================================================
``Refuse``               no session today; the built-in data never let a clearance lift it
``NeedsClearance``       an error until the condition says ``cleared: true``
``Avoid(AT_REGION)``     no step may touch the condition's region (nothing if none is given)
``Cap(N, region)``       no step above N on the region (everywhere when ``None``, or when it
                         is ``AT_REGION`` and the condition gives no region)
``Forbid(names)``        techniques or families (``deep``, ``percussion``) not used
``ForbidPosition``       no step in that position
``Warn``, ``Discourage*``  warnings for the therapist
=======================  ==================================================================

Every effect that names a region binds each step whose region overlaps it. Reasons and messages
are read by a therapist: each says what to do, not only what is wrong.

:data:`ADVICE` is what the client reads (preparation and aftercare, the ``massage_advice``
hook), for the conditions where domain.md section 5 supports it: rise slowly with high blood
pressure, bring the clearance a condition needs, see a clinician first about numbness, and so on.
"""

from __future__ import annotations

from massage_routines.plugins import hookimpl
from massage_routines.plugins.records import (
    AT_REGION,
    AdviceSpec,
    Avoid,
    Cap,
    ConditionSpec,
    DiscouragePosition,
    DiscourageTechnique,
    Forbid,
    ForbidPosition,
    NeedsClearance,
    Refuse,
    Warn,
)

#: Pregnancy effects that apply in the first trimester only.
FIRST_TRIMESTER: frozenset[int] = frozenset({1})
#: Pregnancy effects that apply in the second and third trimesters.
LATER_TRIMESTERS: frozenset[int] = frozenset({2, 3})

#: Conditions that refuse the session outright (no clearance lifts them).
REFUSALS: tuple[ConditionSpec, ...] = (
    ConditionSpec(
        "fever",
        (Refuse("fever: no massage today; reschedule when the fever has gone"),),
        description="a raised temperature",
    ),
    ConditionSpec(
        "contagious_illness",
        (
            Refuse(
                "contagious illness: no massage today; reschedule when the client is no longer "
                "contagious"
            ),
        ),
        description="a cold, flu or other illness that spreads",
    ),
    ConditionSpec(
        "contagious_skin_infection",
        (
            Refuse(
                "contagious skin infection: no massage today, wherever it is (hands and linen "
                "spread it); reschedule when it has healed"
            ),
        ),
        region="optional",
        description="impetigo, ringworm, scabies and the like",
    ),
    ConditionSpec(
        "intoxication",
        (Refuse("intoxication: no massage today; reschedule when the client is sober"),),
        description="under the influence of alcohol or drugs",
    ),
    ConditionSpec(
        "dvt",
        (
            Refuse(
                "deep vein thrombosis (acute or suspected): no massage; refer the client to a "
                "physician now (a clot can travel to the lungs); a clearance does not lift this"
            ),
        ),
        region="optional",
        description="deep vein thrombosis, acute or suspected",
    ),
    ConditionSpec(
        "uncontrolled_hypertension",
        (
            Refuse(
                "uncontrolled high blood pressure: no massage today; refer the client to their "
                "physician and reschedule once it is under control"
            ),
        ),
        description="high blood pressure that medication does not control",
    ),
    ConditionSpec(
        "recent_chemotherapy",
        (
            Refuse(
                "chemotherapy in the last 72 hours: no massage today; reschedule for at least "
                "72 hours after the treatment"
            ),
        ),
        description="a chemotherapy treatment within the last 72 hours",
    ),
    ConditionSpec(
        "acute_heart_condition",
        (
            Refuse(
                "acute heart condition: no massage; refer the client to a physician, and call "
                "emergency services if there is chest pain or breathlessness now"
            ),
        ),
        description="a heart attack, unstable angina or heart failure that is not stable",
    ),
)

#: Local conditions that keep every step off their region (the region is required).
LOCAL: tuple[ConditionSpec, ...] = tuple(
    ConditionSpec(name, (Avoid(AT_REGION),), region="required", description=description)
    for name, description in (
        ("open_wound", "an open wound: no contact on or around it"),
        ("burn", "a burn, including sunburn: no contact until it has healed"),
        ("bruise", "a bruise: no pressure on it"),
        ("rash", "a rash: no contact until its cause is known"),
        ("skin_infection", "a local skin infection that is not contagious"),
        ("acute_injury", "a sprain, strain or tear in its first days: no massage on it"),
        ("fracture", "a broken bone, healing or suspected: no massage on it"),
    )
)

#: Conditions that adjust the session: caps, bans, positions, clearances and warnings.
ADJUSTMENTS: tuple[ConditionSpec, ...] = (
    ConditionSpec(
        "recent_surgery",
        (
            Avoid(AT_REGION),
            NeedsClearance(
                "recent surgery: get the surgeon's clearance first, then mark the condition "
                "cleared: true; keep off the surgical site"
            ),
        ),
        region="required",
        description="an operation in recent weeks; the region is the surgical site",
    ),
    ConditionSpec(
        "varicose_veins",
        (Cap(2, AT_REGION), Forbid(("deep",), AT_REGION)),
        region="optional",
        default_region="leg",
        description="twisted, swollen veins, usually in the legs",
    ),
    ConditionSpec(
        "dvt_history",
        (Cap(1, AT_REGION), Forbid(("heat",))),
        region="optional",
        default_region="leg",
        description=(
            "a deep vein thrombosis in the past, now treated; no heat anywhere (heat widens the "
            "vessels; S127 lists DVT against heat therapy)"
        ),
    ),
    ConditionSpec(
        "osteoporosis",
        (Cap(2), Forbid(("percussion", "passive_stretch", "pin_and_stretch"))),
        description="fragile bones",
    ),
    ConditionSpec(
        "anticoagulants",
        (Cap(2), Forbid(("deep",))),
        description="blood thinners: the client bruises easily",
    ),
    ConditionSpec(
        "bleeding_disorder",
        (Cap(2), Forbid(("deep",))),
        description="haemophilia or another disorder of clotting",
    ),
    ConditionSpec(
        "low_platelets",
        (Cap(1),),
        description="a low platelet count (after chemotherapy, say)",
    ),
    ConditionSpec(
        "hypertension",
        (
            NeedsClearance(
                "high blood pressure (on medication): get the physician's clearance first, then "
                "mark the condition cleared: true"
            ),
            Warn(
                "high blood pressure: at the end of the session have the client sit up for a "
                "moment and rise slowly (the medication can make them dizzy)"
            ),
        ),
        description="high blood pressure controlled with medication",
    ),
    ConditionSpec(
        "heart_condition",
        (
            NeedsClearance(
                "heart condition: get the physician's clearance first, then mark the condition "
                "cleared: true; keep pressure at 2 or below"
            ),
            Cap(2),
        ),
        description="a stable heart condition",
    ),
    ConditionSpec(
        "pacemaker",
        (
            Avoid(AT_REGION),
            DiscouragePosition(
                "prone",
                "pacemaker: lying face down presses on the device; prefer supine or side-lying, "
                "or pad around it and check the client is comfortable",
            ),
        ),
        region="optional",
        default_region="chest",
        description="an implanted pacemaker or defibrillator; the region is where it sits",
    ),
    ConditionSpec(
        "cancer",
        (
            NeedsClearance(
                "cancer: get the oncology team's clearance first, then mark the condition "
                "cleared: true; keep pressure at 2 or below and off the tumour site"
            ),
            Cap(2),
            Avoid(AT_REGION),
        ),
        region="optional",
        description="cancer, in treatment or recent; the region is the tumour site",
    ),
    ConditionSpec(
        "lymph_node_removal",
        (Cap(2, AT_REGION),),
        region="required",
        description="lymph nodes removed; the region is the limb or quadrant they drained",
    ),
    ConditionSpec(
        "pregnancy",
        (
            NeedsClearance(
                "pregnancy, first trimester: sources disagree; get the midwife's or physician's "
                "clearance first, then mark the condition cleared: true",
                trimesters=FIRST_TRIMESTER,
            ),
            ForbidPosition("prone", trimesters=LATER_TRIMESTERS),
            Cap(1, "abdomen", trimesters=LATER_TRIMESTERS),
            # Every trimester, the cautious side: S122 lists "abdomen of women who are
            # pregnant" against heat without a trimester.
            Forbid(("heat",), "abdomen"),
            DiscouragePosition(
                "supine",
                "pregnancy: side-lying preferred; lying flat on the back can press on the vena "
                "cava, so if supine, raise the head and wedge a pillow under the right hip",
                trimesters=LATER_TRIMESTERS,
            ),
            DiscourageTechnique(
                ("deep",),
                "leg",
                "pregnancy: the risk of clots is higher; no deep work on the legs, use broad, "
                "light strokes instead",
                trimesters=LATER_TRIMESTERS,
            ),
        ),
        trimester=True,
        description="pregnancy; takes the trimester (1, 2 or 3)",
    ),
    ConditionSpec(
        "numbness",
        (
            NeedsClearance(
                "numbness: refer the client to a clinician first to find the cause; go ahead "
                "once cleared (mark the condition cleared: true), off the numb area"
            ),
            Avoid(AT_REGION),
            # Numb skin cannot feel a burn (S120, S121): no heat on it, and without a region
            # no heat anywhere.
            Forbid(("heat",), AT_REGION),
        ),
        region="optional",
        description="loss of feeling; the region is where it is felt",
    ),
    ConditionSpec(
        "radiating_pain",
        (
            NeedsClearance(
                "radiating pain: refer the client to a clinician first (a nerve may be "
                "compressed); go ahead once cleared (mark the condition cleared: true), off the "
                "painful area"
            ),
            Avoid(AT_REGION),
        ),
        region="optional",
        description="pain that shoots along a limb; the region is where it is felt",
    ),
    ConditionSpec(
        "neuropathy",
        # Neuropathic skin cannot feel a burn (S120, S127): no heat on it either.
        (Cap(1, AT_REGION), Forbid(("heat",), AT_REGION)),
        region="optional",
        description=(
            "nerve damage (diabetic, after chemotherapy): the client may not feel too much "
            "pressure or heat; without a region the cap of 1 and the ban on heat apply everywhere"
        ),
    ),
)

#: Every condition of domain.md section 5.
CONDITIONS: tuple[ConditionSpec, ...] = REFUSALS + LOCAL + ADJUSTMENTS

#: Where the condition advice comes from.
SECTION_5 = "domain.md section 5"

#: Advice for clients with some of the conditions, as domain.md section 5 supports it.
ADVICE: tuple[AdviceSpec, ...] = (
    AdviceSpec(
        "bring_clearance",
        "before",
        "Bring your clinician's clearance for massage (your surgeon's, physician's or oncology "
        "team's) to the session.",
        conditions=("recent_surgery", "hypertension", "heart_condition", "cancer"),
        source=SECTION_5,
    ),
    AdviceSpec(
        "clinician_first",
        "before",
        "Numbness, or pain that shoots along a limb: see a clinician first to find the cause, "
        "and bring their clearance.",
        conditions=("numbness", "radiating_pain"),
        source=SECTION_5,
    ),
    AdviceSpec(
        "pacemaker_where",
        "before",
        "Tell your therapist where your device sits: no pressure goes on it, and you will not "
        "lie face down on it.",
        conditions=("pacemaker",),
        source=SECTION_5,
    ),
    AdviceSpec(
        "pregnancy_side_lying",
        "before",
        "From the second trimester you will lie on your side, supported by pillows, rather than "
        "face down or flat on your back; say if a position is uncomfortable.",
        conditions=("pregnancy",),
        source=f"{SECTION_5} (S78)",
    ),
    AdviceSpec(
        "rise_slowly",
        "after",
        "At the end of the session, sit up for a moment and rise slowly: blood pressure "
        "medication can make you dizzy.",
        conditions=("hypertension",),
        source=SECTION_5,
    ),
    AdviceSpec(
        "bruising",
        "after",
        "You bruise more easily than most, so the pressure stays light; tell your therapist "
        "about any bruise that appears after the session.",
        conditions=("anticoagulants", "bleeding_disorder", "low_platelets"),
        source=SECTION_5,
    ),
    AdviceSpec(
        "clot_signs",
        "after",
        "New pain, swelling, warmth or redness in a leg: see a clinician at once (it can be a "
        "clot).",
        conditions=("dvt_history",),
        source=f"{SECTION_5} (S56)",
    ),
)


@hookimpl
def massage_conditions() -> tuple[ConditionSpec, ...]:
    """The conditions of domain.md: :data:`CONDITIONS`."""
    return CONDITIONS


@hookimpl
def massage_advice() -> tuple[AdviceSpec, ...]:
    """Advice for clients with some of the conditions: :data:`ADVICE`."""
    return ADVICE
