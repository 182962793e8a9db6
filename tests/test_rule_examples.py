"""The helper that writes the example plans: what it writes reads back as what it was given."""

from __future__ import annotations

import doctest

from hypothesis import given
from hypothesis import strategies as st

from massage_routines.planfile.loading import load_routine
from massage_routines.validation.rules import examples
from massage_routines.validation.rules.examples import (
    back_care,
    client_block,
    conditions_block,
    plan,
    step_text,
)

_STEPS = st.tuples(
    st.sampled_from(["effleurage", "petrissage", "friction", "tapotement"]),
    st.sampled_from(["back", "back.upper", "leg.left.calf", "shoulder", "neck.posterior"]),
    st.integers(min_value=1, max_value=5),
    st.sampled_from(["30s", "3m", "10m", "1h"]),
    st.sampled_from([None, "prone", "supine", "seated", "side_lying"]),
)


def test_the_module_example_holds() -> None:
    assert doctest.testmod(examples).failed == 0


@given(
    steps=st.lists(_STEPS, min_size=1, max_size=4),
    position=st.sampled_from([None, "prone", "supine"]),
    duration=st.sampled_from([None, "20m", "1h"]),
    style=st.sampled_from(["swedish", "chair", "deep_tissue"]),
)
def test_a_plan_reads_back_as_its_parameters(
    steps: list[tuple[str, str, int, str, str | None]],
    position: str | None,
    duration: str | None,
    style: str,
) -> None:
    text = plan(*(step_text(*s) for s in steps), style=style, position=position, duration=duration)
    routine = load_routine(text, text=True)
    assert routine.name == "Back care"
    assert routine.style == style
    assert (str(routine.position) if routine.position else None) == position
    assert (str(routine.duration) if routine.duration else None) == duration
    read = [
        (
            s.technique,
            s.region.name,
            int(s.pressure),
            str(s.duration),
            str(s.position) if s.position else None,
        )
        for s in routine.steps
    ]
    assert read == steps


def test_back_care_starts_with_the_warm_up_and_keeps_the_client() -> None:
    client = conditions_block("osteoporosis", {"name": "heart_condition", "cleared": True})
    routine = load_routine(
        back_care(step_text("petrissage", "back.upper", 3), client=client), text=True
    )
    assert [(s.technique, s.region.name) for s in routine.steps] == [
        ("effleurage", "back"),
        ("petrissage", "back.upper"),
    ]
    assert routine.client is not None
    assert [(c.name, c.cleared) for c in routine.client.conditions] == [
        ("osteoporosis", False),
        ("heart_condition", True),
    ]


def test_client_block_writes_scalars_and_lists() -> None:
    text = back_care(client=client_block(max_pressure=2, flags=["shoulder.left", "back.lower"]))
    client = load_routine(text, text=True).client
    assert client is not None
    assert client.max_pressure is not None and int(client.max_pressure) == 2
    assert [f.region.name for f in client.flags] == ["shoulder.left", "back.lower"]
