"""Null means absent: an optional key written ``null``, ``~`` or empty is checked as if left out.

For every optional key at every level of a plan (the plan, its client, a step, a flag, a
condition), the plan with ``key: null`` and the plan without the key get the same findings
(codes, severities and paths; lines and columns may differ), from a file and from plain data.
"""

from __future__ import annotations

import copy
from typing import Any

import yaml
from hypothesis import given
from hypothesis import strategies as st

from massage_routines import PlanError, Routine, structure, validate_text
from massage_routines.planfile.structure import (
    CLIENT_KEYS,
    CONDITION_KEYS,
    FLAG_KEYS,
    PLAN_KEYS,
    STEP_KEYS,
)

#: The optional keys of each level (everything but the required ones).
OPTIONAL = {
    "plan": tuple(k for k in PLAN_KEYS if k not in ("name", "style", "steps")),
    "client": CLIENT_KEYS,
    "step": tuple(k for k in STEP_KEYS if k not in ("technique", "region", "pressure", "duration")),
    "flag": tuple(k for k in FLAG_KEYS if k != "region"),
    "condition": tuple(k for k in CONDITION_KEYS if k != "name"),
}
NULLS = ("null", "~", "", "Null", "NULL")

_VALUES: dict[str, st.SearchStrategy[Any]] = {
    "format": st.sampled_from(["massage-routine/1", "massage-routine/2"]),
    "duration": st.sampled_from(["30m", "10m", "20m"]),
    "position": st.sampled_from(["prone", "supine", "side_lying", "seated"]),
    "max_pressure": st.integers(0, 5),
    "preferred_pressure": st.integers(0, 5),
    "areas_of_concern": st.lists(st.sampled_from(["back.lower", "neck", "leg.left"]), max_size=2),
    "notes": st.sampled_from(["slowly", "ask first"]),
    "reason": st.sampled_from(["bruise", "asked"]),
    "region": st.sampled_from(["arm.right.forearm", "leg", "back.lower"]),
    "trimester": st.integers(1, 3),
    "cleared": st.booleans(),
}


def _some(draw: st.DrawFn, level: str) -> dict[str, Any]:
    return {
        key: draw(_VALUES[key]) for key in OPTIONAL[level] if key in _VALUES and draw(st.booleans())
    }


@st.composite
def plans(draw: st.DrawFn) -> dict[str, Any]:
    """Plans that exercise the rules that depend on optional keys (positions, conditions, caps)."""
    steps = [
        {
            "technique": draw(st.sampled_from(["effleurage", "petrissage", "tapotement"])),
            "region": draw(st.sampled_from(["back", "back.lower", "leg.left", "abdomen"])),
            "pressure": draw(st.integers(1, 4)),
            "duration": "5m",
            **_some(draw, "step"),
        }
        for _ in range(draw(st.integers(1, 3)))
    ]
    plan: dict[str, Any] = {
        "name": "Null or absent",
        "style": draw(st.sampled_from(["swedish", "deep_tissue", "chair"])),
        **_some(draw, "plan"),
        "steps": steps,
    }
    plan.pop("client", None)
    if draw(st.booleans()):
        client: dict[str, Any] = _some(draw, "client")
        client["flags"] = [
            {"region": draw(st.sampled_from(["leg.right", "shoulder.left"])), **_some(draw, "flag")}
            for _ in range(draw(st.integers(0, 2)))
        ]
        names = ["pregnancy", "open_wound", "osteoporosis", "heart_condition", "varicose_veins"]
        client["conditions"] = [
            {"name": name, **_some(draw, "condition")}
            for name in draw(st.lists(st.sampled_from(names), max_size=2, unique=True))
        ]
        plan["client"] = client
    return plan


@st.composite
def nulled(draw: st.DrawFn) -> tuple[dict[str, Any], dict[str, Any], str]:
    """A plan without one optional key, the same plan with that key null, and the null's text."""
    plan = draw(plans())
    places: list[tuple[dict[str, Any], str]] = [(plan, "plan")]
    client = plan.get("client")
    if client is not None:
        places.append((client, "client"))
        places += [(f, "flag") for f in client["flags"]]
        places += [(c, "condition") for c in client["conditions"]]
    places += [(s, "step") for s in plan["steps"]]
    index = draw(st.integers(0, len(places) - 1))
    key = draw(st.sampled_from(OPTIONAL[places[index][1]]))
    places[index][0].pop(key, None)
    without = copy.deepcopy(plan)
    places[index][0][key] = None
    return without, plan, draw(st.sampled_from(NULLS))


def _text(plan: dict[str, Any], null: str = "null") -> str:
    text = yaml.safe_dump(plan, sort_keys=False, default_flow_style=False)
    assert text.count(": null\n") <= 1
    return text.replace(": null\n", f": {null}\n" if null else ":\n")


def _seen(text: str) -> list[tuple[str, str, str]]:
    return [(f.code, f.severity.value, f.path) for f in validate_text(text).findings]


def _structured(plan: dict[str, Any]) -> object:
    try:
        return structure(plan, Routine)
    except PlanError as exc:
        return sorted((f.code, f.path) for f in exc.findings)


@given(nulled())
def test_a_null_key_is_checked_as_if_it_were_absent(case: tuple[Any, Any, str]) -> None:
    without, with_null, null = case
    assert _seen(_text(with_null, null)) == _seen(_text(without))


@given(nulled())
def test_a_none_in_plain_data_is_the_key_left_out(case: tuple[Any, Any, str]) -> None:
    without, with_null, _ = case
    assert _structured(with_null) == _structured(without)


def test_a_null_position_does_not_switch_off_the_position_checks() -> None:
    text = (
        "name: x\nstyle: swedish\nposition: null\n"
        "client:\n  conditions:\n    - {name: pregnancy, trimester: 2}\n"
        "steps:\n  - {technique: effleurage, region: back, pressure: 2, duration: 5m}\n"
    )
    assert "V007" in [f.code for f in validate_text(text).errors]


def test_a_null_cleared_is_not_cleared_and_not_an_error() -> None:
    text = (
        "name: x\nstyle: swedish\nposition: prone\n"
        "client:\n  conditions:\n    - {name: osteoporosis, cleared: ~}\n"
        "steps:\n  - {technique: effleurage, region: back, pressure: 2, duration: 5m}\n"
    )
    assert validate_text(text).codes() == validate_text(text.replace(", cleared: ~", "")).codes()
