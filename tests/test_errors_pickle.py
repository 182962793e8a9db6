"""Exceptions cross process boundaries: every public error pickles to an equal error.

Before, ``PlanError`` rebuilt itself from its message (a string taken for findings) and a
``multiprocessing`` pool whose worker raised it hung for ever; ``ComposeError`` came back with
one "reason" per character of its message.
"""

from __future__ import annotations

import multiprocessing
import pickle

import pytest
from hypothesis import given
from hypothesis import strategies as st

import massage_routines
from massage_routines import (
    ComposeError,
    DurationError,
    Finding,
    MassageRoutinesError,
    PlanError,
    Severity,
)

findings = st.builds(
    Finding,
    code=st.from_regex(r"[A-Z][0-9]{3}", fullmatch=True),
    severity=st.sampled_from(list(Severity)),
    message=st.text(max_size=40),
    path=st.text(max_size=20),
    line=st.none() | st.integers(1, 10_000),
    column=st.none() | st.integers(1, 200),
)


def _same(a: BaseException, b: BaseException) -> None:
    assert type(a) is type(b)
    assert a.args == b.args
    assert str(a) == str(b)
    assert getattr(a, "findings", None) == getattr(b, "findings", None)
    assert getattr(a, "reasons", None) == getattr(b, "reasons", None)


@given(st.lists(findings, max_size=8))
def test_plan_error_pickles_to_an_equal_error(items: list[Finding]) -> None:
    error = PlanError(tuple(items))
    for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
        _same(pickle.loads(pickle.dumps(error, protocol)), error)


@given(st.lists(st.text(max_size=30), max_size=5))
def test_compose_error_pickles_to_an_equal_error(reasons: list[str]) -> None:
    error = ComposeError(reasons)
    copy = pickle.loads(pickle.dumps(error))
    _same(copy, error)
    assert copy.reasons == error.reasons


def test_duration_error_pickles() -> None:
    with pytest.raises(DurationError) as caught:
        massage_routines.Duration.parse("5 minutes")
    _same(pickle.loads(pickle.dumps(caught.value)), caught.value)


def test_every_public_error_has_the_one_base() -> None:
    public = [
        getattr(massage_routines, name)
        for name in massage_routines.__all__
        if isinstance(getattr(massage_routines, name), type)
        and issubclass(getattr(massage_routines, name), BaseException)
    ]
    assert {e.__name__ for e in public} >= {"PlanError", "ComposeError", "DurationError"}
    for error in public:
        assert issubclass(error, MassageRoutinesError)
        if error is not MassageRoutinesError:  # as before: `except ValueError` still catches it
            assert issubclass(error, ValueError)


def _load_bad_plan(_: int) -> None:
    massage_routines.load_routine("name: x\nstyle: swedish\nsteps: []\n", text=True)


def _refuse(_: int) -> None:
    from massage_routines import ComposeRequest, Duration, compose

    compose(
        ComposeRequest(
            "swedish",
            Duration.parse("30m"),
            client=massage_routines.Client(conditions=(massage_routines.Condition("fever"),)),
        )
    )


@pytest.mark.parametrize("method", ["spawn", "fork"])
def test_errors_come_back_from_a_process_pool(method: str) -> None:
    if method not in multiprocessing.get_all_start_methods():
        pytest.fail(f"this platform has no {method!r} start method")  # never skip silently
    with pytest.raises(PlanError) as local_plan:
        _load_bad_plan(0)
    with pytest.raises(ComposeError) as local_compose:
        _refuse(0)
    context = multiprocessing.get_context(method)
    with context.Pool(1) as pool:
        with pytest.raises(PlanError) as remote_plan:
            pool.apply_async(_load_bad_plan, (0,)).get(timeout=60)
        with pytest.raises(ComposeError) as remote_compose:
            pool.apply_async(_refuse, (0,)).get(timeout=60)
    assert remote_plan.value.findings == local_plan.value.findings
    assert [f.code for f in remote_plan.value.findings] == ["R108"]
    _same(remote_plan.value, local_plan.value)
    _same(remote_compose.value, local_compose.value)
    assert any("fever" in reason for reason in remote_compose.value.reasons)
