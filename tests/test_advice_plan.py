"""The plan's own ``advice`` field: the model, strict reading (located R1xx findings), writing,
the converter, and round trips."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from massage_routines import (
    Advice,
    PlanError,
    Routine,
    read_plan_text,
    structure,
    unstructure,
    write_plan,
)
from massage_routines.model.routine import WHEN
from tests.strategies import routines

PLAN = """\
name: Back care
style: swedish
position: prone
steps:
  - technique: effleurage
    region: back
    pressure: 2
    duration: 10m
"""

ADVICE = """\
advice:
  - when: before
    text: Drink some water beforehand.
    source: general guidance
  - when: after
    text: Rise slowly.
"""


# ---------------------------------------------------------------- the model


def test_advice_items_are_strict() -> None:
    assert Advice("after", "Rise slowly.").source is None
    with pytest.raises(ValueError, match=r"Advice\.when: 'later' is not one of"):
        Advice("later", "x")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"Advice\.when must be"):
        Advice(1, "x")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=r"Advice\.text: must not be empty"):
        Advice("after", "")
    with pytest.raises(TypeError, match=r"Advice\.text must be text"):
        Advice("after", 3)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=r"Advice\.source: must not be empty"):
        Advice("after", "x", "")


def test_a_routine_takes_advice_as_a_list_or_tuple_and_nothing_else() -> None:
    routine = read_plan_text(PLAN).routine
    assert routine is not None and routine.advice == ()
    item = Advice("after", "Rise slowly.")
    listed = Routine(routine.name, routine.style, list(routine.steps), advice=[item])
    assert listed.advice == (item,)
    # Wrong types on purpose: the model must refuse them at run time too.
    with pytest.raises(TypeError, match=r"Routine\.advice\[0\] must be Advice objects"):
        Routine(routine.name, routine.style, routine.steps, advice=("Rise slowly.",))  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"Routine\.advice must be a tuple or list"):
        Routine(routine.name, routine.style, routine.steps, advice="Rise slowly.")  # type: ignore[arg-type]


# ---------------------------------------------------------------- reading and writing


def test_a_plan_with_advice_reads_and_writes_back() -> None:
    result = read_plan_text(PLAN + ADVICE)
    assert result.findings == ()
    routine = result.routine
    assert routine is not None
    assert routine.advice == (
        Advice("before", "Drink some water beforehand.", "general guidance"),
        Advice("after", "Rise slowly."),
    )
    text = write_plan(routine)
    assert text.index("steps:") < text.index("advice:")  # written last, after the steps
    assert "source" not in text.split("Rise slowly.")[1]  # no source written when there is none
    assert read_plan_text(text).routine == routine
    data = unstructure(routine)
    assert data["advice"][1] == {"when": "after", "text": "Rise slowly."}
    assert structure(data, Routine) == routine
    assert structure({"when": "during", "text": "Breathe."}, Advice) == Advice("during", "Breathe.")


def test_no_advice_writes_no_key_and_null_means_absent() -> None:
    routine = read_plan_text(PLAN + "advice:\n").routine
    assert routine is not None and routine.advice == ()
    assert "advice" not in write_plan(routine)
    assert read_plan_text(PLAN + "advice: []\n").routine == routine


#: plan text after the steps → (code, path, line, column) of its one finding.
BAD = {
    "when not one of three": (
        "advice:\n  - when: later\n    text: Rest.\n",
        ("R113", "advice[0].when", 10, 11),
    ),
    "when misspelt": (
        "advice:\n  - when: afterr\n    text: Rest.\n",
        ("R113", "advice[0].when", 10, 11),
    ),
    "text missing": ("advice:\n  - when: after\n", ("R102", "advice[0]", 10, 5)),
    "when missing": ("advice:\n  - text: Rest.\n", ("R102", "advice[0]", 10, 5)),
    "unknown key": (
        "advice:\n  - when: after\n    txt: Rest.\n    text: Rest.\n",
        ("R101", "advice[0].txt", 11, 5),
    ),
    "not a list": ("advice: Rest.\n", ("R103", "advice", 9, 9)),
    "item not a mapping": ("advice:\n  - Rest.\n", ("R103", "advice[0]", 10, 5)),
    "empty text": ('advice:\n  - when: after\n    text: ""\n', ("R112", "advice[0].text", 11, 11)),
    "text a number": (
        "advice:\n  - when: after\n    text: 3\n",
        ("R103", "advice[0].text", 11, 11),
    ),
    "empty source": (
        'advice:\n  - when: after\n    text: Rest.\n    source: ""\n',
        ("R112", "advice[0].source", 12, 13),
    ),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_a_bad_advice_entry_is_a_located_reader_error(case: str) -> None:
    tail, (code, path, line, column) = BAD[case]
    result = read_plan_text(PLAN + tail)
    assert [(f.code, f.path, f.line, f.column) for f in result.findings] == [
        (code, path, line, column)
    ]
    assert all(f.severity.value == "error" for f in result.findings)
    # the bad item is left out (an unknown key, as in a step, leaves the item's good values);
    # the rest of the plan is still read, and checked by the rules
    kept = (Advice("after", "Rest."),) if case == "unknown key" else ()
    assert result.routine is not None and result.routine.advice == kept


def test_the_r113_message_suggests_the_nearest_when() -> None:
    finding = read_plan_text(PLAN + "advice:\n  - when: afterr\n    text: Rest.\n").findings[0]
    assert finding.message == (
        "'afterr' is not when advice applies (did you mean 'after'?); use before, during or after"
    )


def test_a_good_item_beside_a_bad_one_is_kept() -> None:
    tail = "advice:\n  - when: later\n    text: Rest.\n  - when: after\n    text: Rise slowly.\n"
    result = read_plan_text(PLAN + tail)
    assert [f.code for f in result.findings] == ["R113"]
    assert result.routine is not None
    assert result.routine.advice == (Advice("after", "Rise slowly."),)


def test_structuring_bad_advice_raises_plan_error_with_the_finding() -> None:
    with pytest.raises(PlanError) as caught:
        structure({"when": "soon", "text": "x"}, Advice)
    assert [f.code for f in caught.value.findings] == ["R113"]


# ---------------------------------------------------------------- round trip (property)

_items = st.builds(
    Advice,
    when=st.sampled_from(WHEN),
    text=st.text(min_size=1, max_size=40),
    source=st.none() | st.text(min_size=1, max_size=20),
)


@given(routines, st.lists(_items, max_size=4))
def test_any_advice_round_trips_through_yaml_and_data(routine: Routine, items) -> None:
    routine = Routine(
        routine.name,
        routine.style,
        routine.steps,
        routine.position,
        routine.duration,
        routine.client,
        tuple(items),
    )
    result = read_plan_text(write_plan(routine))
    assert result.findings == ()
    assert result.routine == routine
    assert structure(unstructure(routine), Routine) == routine
