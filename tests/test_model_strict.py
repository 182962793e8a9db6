"""Objects built in code are as strict as files: every public constructor checks its fields.

The property: for every field of every public model constructor, a value is accepted exactly
when this file's own statement of the field's kind (``ACCEPTS``, written from the plan format,
independently of the library's checks) accepts it; anything else raises a ``TypeError`` or
``ValueError`` that names the class and the field, at construction.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from massage_routines import (
    Client,
    ComposeError,
    ComposeRequest,
    Condition,
    Duration,
    DurationError,
    Flag,
    Position,
    Pressure,
    Region,
    Routine,
    Step,
    compose,
    validate,
)

if TYPE_CHECKING:
    from collections.abc import Callable

_REGION_NAME = re.compile(r"[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*\Z")
_LEVELS = {"hold", "light", "moderate", "medium", "firm", "deep"}
#: A position name: lower_snake ASCII (which positions exist is the plugins', not the model's).
_POSITION_NAME = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*\Z")


def _duration_text(value: object) -> bool:
    if not isinstance(value, str):
        return False
    try:
        Duration.parse(value)
    except DurationError:
        return False
    return True


def text(value: object) -> bool:
    return isinstance(value, str) and value != ""


def any_text(value: object) -> bool:
    return isinstance(value, str)


def region(value: object) -> bool:
    return isinstance(value, Region) or (
        isinstance(value, str)
        and not isinstance(value, Position)
        and _REGION_NAME.match(value) is not None
    )


def pressure(value: object) -> bool:
    return (
        isinstance(value, Pressure)
        or (type(value) is int and 0 <= value <= 5)
        or (isinstance(value, str) and value in _LEVELS)
    )


def duration(value: object) -> bool:
    return isinstance(value, Duration) or _duration_text(value)


def position(value: object) -> bool:
    return isinstance(value, Position) or (
        isinstance(value, str) and _POSITION_NAME.match(value) is not None
    )


def boolean(value: object) -> bool:
    return value is True or value is False


def trimester(value: object) -> bool:
    return value is None or (type(value) is int and 1 <= value <= 3)


def optional(check: Callable[[object], bool]) -> Callable[[object], bool]:
    return lambda value: value is None or check(value)


def items_of(check: Callable[[object], bool], *, empty: bool = True) -> Callable[[object], bool]:
    return lambda value: (
        isinstance(value, tuple | list) and (empty or len(value) > 0) and all(map(check, value))
    )


def kind(cls: type) -> Callable[[object], bool]:
    return lambda value: isinstance(value, cls)


def request_regions(value: object) -> bool:
    return region(value) or items_of(region)(value)


R, P, D = Region("back"), Pressure.MODERATE, Duration.parse("5m")
STEP = Step("effleurage", R, P, D)
FLAG = Flag(Region("leg.left"))
CONDITION = Condition("osteoporosis")

#: For each public constructor: valid arguments, and what each field accepts.
CASES: dict[type, tuple[dict[str, Any], dict[str, Callable[[object], bool]]]] = {
    Region: ({"name": "back.lower"}, {"name": lambda v: type(v) is str and region(v)}),
    Duration: ({"milliseconds": 1000}, {"milliseconds": lambda v: type(v) is int and v > 0}),
    Flag: ({"region": R, "reason": None}, {"region": region, "reason": optional(any_text)}),
    Condition: (
        {"name": "pregnancy", "region": None, "trimester": 2, "cleared": False},
        {"name": text, "region": optional(region), "trimester": trimester, "cleared": boolean},
    ),
    Step: (
        {"technique": "effleurage", "region": R, "pressure": P, "duration": D},
        {
            "technique": text,
            "region": region,
            "pressure": pressure,
            "duration": duration,
            "position": optional(position),
            "notes": optional(any_text),
        },
    ),
    Client: (
        {},
        {
            "flags": items_of(kind(Flag)),
            "conditions": items_of(kind(Condition)),
            "max_pressure": optional(pressure),
            "preferred_pressure": optional(pressure),
            "areas_of_concern": items_of(region),
        },
    ),
    Routine: (
        {"name": "x", "style": "swedish", "steps": (STEP,)},
        {
            "name": text,
            "style": text,
            "steps": items_of(kind(Step), empty=False),
            "position": optional(position),
            "duration": optional(duration),
            "client": optional(kind(Client)),
        },
    ),
    ComposeRequest: (
        {"style": "swedish", "duration": Duration.parse("30m")},
        {
            "style": text,
            "duration": duration,
            "focus": request_regions,
            "include": optional(request_regions),
            "client": optional(kind(Client)),
            "goal": lambda v: v is None or v in ("relaxation", "pain_relief", "mobility"),
            "seed": lambda v: type(v) is int,
            "name": optional(text),
        },
    ),
}

#: Values near the edge of every kind, and the wrong kinds people pass.
NEAR = [
    None, True, False, 0, 1, 2, 3, 5, 6, -1, 2.0, 3.5, float("nan"),
    "", " ", "3", "false", "true", "no", "back", "back.lower", "Back", "back..lower", "leg.left",
    "firm", "FIRM", "prone", "Prone", "seated", "15m", "90s", "5 minutes", "0s", "relaxation",
    b"back", [], (), ["back"], ("back.lower", "neck"), [3], {}, {"region": "back"},
    R, P, D, Position.PRONE, Pressure.DEEP, STEP, FLAG, CONDITION, (STEP,), [STEP], (FLAG,),
    [CONDITION], (R,), Client(), object(),
]  # fmt: skip
values = st.sampled_from(NEAR) | st.one_of(
    st.integers(-10, 10),
    st.floats(allow_nan=False),
    st.text(max_size=12),
    st.lists(st.sampled_from(NEAR[:30]), max_size=3),
)
fields = st.sampled_from([(cls, name) for cls, (_, spec) in CASES.items() for name in spec])


def test_every_field_against_every_near_value() -> None:
    """The property's core, exhaustively over the values at the edges of every kind."""
    for cls, (_, spec) in CASES.items():
        for name in spec:
            for value in NEAR:
                _check(cls, name, value)


@given(fields, values)
def test_a_field_takes_exactly_the_values_of_its_kind(field: tuple[type, str], value: Any) -> None:
    _check(*field, value)


def _check(cls: type, name: str, value: object) -> None:
    base, spec = CASES[cls]
    arguments = {**base, name: value}
    if spec[name](value):
        built = cls(**arguments)
        assert getattr(built, name) is not None or value is None
    else:
        with pytest.raises((TypeError, ValueError)) as caught:
            cls(**arguments)
        assert f"{cls.__name__}.{name}" in str(caught.value), (cls, name, value, caught.value)
        assert not isinstance(caught.value, AttributeError)


@given(fields, values)
def test_what_is_accepted_is_stored_in_its_kind(field: tuple[type, str], value: Any) -> None:
    cls, name = field
    base, spec = CASES[cls]
    if not spec[name](value):
        return
    stored = getattr(cls(**{**base, name: value}), name)
    if value is None:
        assert stored is None
    elif name in ("region",) or (cls is Region):
        assert isinstance(stored, Region | str)
    elif name in ("pressure", "max_pressure", "preferred_pressure"):
        assert isinstance(stored, Pressure)
        assert stored is (value if isinstance(value, Pressure) else Pressure.parse(value))
    elif name == "duration":
        assert isinstance(stored, Duration)
    elif name == "position":
        assert isinstance(stored, Position) and stored == value
    elif name in ("flags", "conditions", "steps", "areas_of_concern", "focus", "include"):
        assert isinstance(stored, tuple)


def test_a_text_false_is_not_cleared() -> None:
    with pytest.raises(TypeError, match=r"Condition\.cleared must be True or False"):
        Condition("heart_condition", cleared="false")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"Condition\.cleared"):
        Condition("heart_condition", cleared=0)  # type: ignore[arg-type]


def test_a_step_of_the_wrong_kind_is_refused_before_the_rules_see_it() -> None:
    with pytest.raises(ValueError, match=r"Step\.pressure"):
        Step("effleurage", R, 7, D)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"Step\.duration"):
        Step("effleurage", R, P, 300)  # type: ignore[arg-type]
    # the documented conveniences convert exactly
    step = Step("effleurage", "back.lower", 3, "1m30s", "prone")  # type: ignore[arg-type]
    assert step == Step(
        "effleurage", Region("back.lower"), Pressure.MEDIUM, Duration(90_000), Position.PRONE
    )
    assert (
        validate(Routine("x", "swedish", [step])).codes()
        == validate(Routine("x", "swedish", (step,))).codes()
    )


def test_a_request_with_a_duration_text_composes() -> None:
    request = ComposeRequest("chair", "15m")
    assert request.duration == Duration.parse("15m")
    assert compose(request).total == Duration.parse("15m")
    with pytest.raises(TypeError, match=r"ComposeRequest\.duration"):
        ComposeRequest("chair", 15)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=r"ComposeRequest\.duration"):
        ComposeRequest("chair", "15 minutes")


def test_an_uncleared_client_is_refused_by_compose() -> None:
    client = Client(conditions=(Condition("heart_condition"),))
    with pytest.raises(ComposeError):
        compose(ComposeRequest("swedish", Duration.parse("30m"), client=client))
