"""The JSON Schemas of plans and client profiles: made from the live registry, every example
validates against them, and what they reject ``validate`` rejects too."""

from __future__ import annotations

import copy
import json
from typing import Any

import jsonschema
import pytest
import yaml
from hypothesis import event, given, settings
from hypothesis import strategies as st

from massage_routines import client_schema, plan_schema
from massage_routines.planfile.reader import read_client_text
from massage_routines.plugins.registry import build_registry, default_registry
from massage_routines.validation.engine import validate_text
from tests.conftest import EXAMPLES

PLAN = jsonschema.Draft202012Validator(plan_schema())
CLIENT = jsonschema.Draft202012Validator(client_schema())
GOOD = yaml.safe_load((EXAMPLES / "plans" / "client-profile.yaml").read_text())


def test_the_schemas_are_valid_draft_2020_12() -> None:
    for schema in (plan_schema(), client_schema()):
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        jsonschema.Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("path", sorted((EXAMPLES / "plans").glob("*.yaml")), ids=lambda p: p.name)
def test_every_example_plan_validates(path) -> None:
    assert list(PLAN.iter_errors(yaml.safe_load(path.read_text()))) == []


@pytest.mark.parametrize(
    "path", sorted((EXAMPLES / "clients").glob("*.yaml")), ids=lambda p: p.name
)
def test_every_example_client_validates(path) -> None:
    assert list(CLIENT.iter_errors(yaml.safe_load(path.read_text()))) == []


def test_a_plugins_names_appear_in_the_schema() -> None:
    from tests.test_compose_plugins import TowelPlugin

    registry = build_registry([("towel", TowelPlugin())], select="all")
    defs = plan_schema(registry)["$defs"]
    assert "towel_ritual" in defs["style"]["enum"]
    assert "warm_compress" in defs["technique"]["enum"]
    assert "back.upper.rhomboids" in defs["region"]["enum"]
    assert "towel_ritual" not in plan_schema()["$defs"]["style"]["enum"]
    builtin = default_registry()
    assert set(defs["technique"]["enum"]) > set(builtin.techniques)


def test_the_schema_command_prints_the_schemas(cli) -> None:
    done = cli("schema", "plan")
    assert done.returncode == 0 and json.loads(done.stdout) == plan_schema()
    done = cli("schema", "client")
    assert done.returncode == 0 and json.loads(done.stdout) == client_schema()
    assert cli("schema", "routine").returncode == 2


#: Where a value sits in a plan's data: keys and list indexes.
_Path = tuple[str | int, ...]


def _edit_in(plan: dict[str, Any], path: _Path, value: object) -> dict[str, Any]:
    *parents, last = path
    target: Any = plan
    for part in parents:
        target = target[part]
    if value is _DROP:
        del target[last]
    else:
        target[last] = copy.deepcopy(value)
    return plan


def _edit(path: _Path, value: object) -> dict[str, Any]:
    return _edit_in(copy.deepcopy(GOOD), path, value)


_DROP = object()
BAD_PLANS = {
    "unknown key": _edit(("steps", 0, "presure"), 3),
    "missing technique": _edit(("steps", 0, "technique"), _DROP),
    "unknown technique": _edit(("steps", 1, "technique"), "shiatsu_deluxe"),
    "unknown region": _edit(("steps", 1, "region"), "back.lowr"),
    "pressure too high": _edit(("steps", 0, "pressure"), 6),
    "pressure as a bool": _edit(("steps", 0, "pressure"), True),
    "bare duration": _edit(("steps", 0, "duration"), 5),
    "duration without unit": _edit(("steps", 0, "duration"), "5"),
    "no steps": _edit(("steps",), []),
    "bad position": _edit(("position",), "face_down"),
    "bad format": _edit(("format",), "massage-routine/2"),
    "region needed": _edit(("client", "conditions"), ["open_wound"]),
    "trimester needed": _edit(("client", "conditions"), [{"name": "pregnancy"}]),
    "no trimester here": _edit(("client", "conditions"), [{"name": "fever", "trimester": 2}]),
    "unknown condition": _edit(("client", "conditions"), ["sore_everything"]),
    "cleared as text": _edit(("client", "conditions", 1, "cleared"), "yes"),
    "empty name": _edit(("name",), ""),
}


@pytest.mark.parametrize("name", sorted(BAD_PLANS))
def test_hand_made_bad_plans_are_rejected_by_both(name) -> None:
    plan = BAD_PLANS[name]
    assert list(PLAN.iter_errors(plan)), name
    assert not validate_text(json.dumps(plan)).valid, name


# -- a property: small mutations of a good plan -------------------------------------------

_VALUES = st.sampled_from(
    [
        None,
        True,
        False,
        0,
        3,
        6,
        -1,
        2.5,
        "",
        "back",
        "back.lower",
        "5m",
        "5",
        "1:30",
        "prone",
        "effleurage",
        "pregnancy",
        "open_wound",
        "light",
        "no",
        [],
        ["back"],
        {},
        {"name": "fever"},
        {"region": "back"},
        {"name": "open_wound", "region": "arm.right.forearm"},
    ]
)


def _paths(value: object, prefix: _Path = ()) -> list[_Path]:
    out = [prefix] if prefix else []
    if isinstance(value, dict):
        for key, item in value.items():
            out += _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            out += _paths(item, (*prefix, i))
    return out


_ALL_PATHS = _paths(GOOD)


@settings(max_examples=150)
@given(
    st.lists(
        st.tuples(st.sampled_from(_ALL_PATHS), _VALUES | st.just(_DROP)), min_size=1, max_size=3
    )
)
def test_what_the_schema_rejects_validate_rejects(edits) -> None:
    plan = copy.deepcopy(GOOD)
    for path, value in edits:
        try:
            plan = _edit_in(plan, path, value)
        except (KeyError, IndexError, TypeError):
            continue
    rejected = bool(list(PLAN.iter_errors(plan)))
    event(f"schema rejects: {rejected}")
    if rejected:
        report = validate_text(json.dumps(plan))
        assert not report.valid, (plan, report.codes())


def test_a_client_the_schema_rejects_the_reader_or_rules_reject() -> None:
    bad = {"conditions": [{"name": "pregnancy", "trimester": 4}], "max_pressure": 3}
    assert list(CLIENT.iter_errors(bad))
    assert read_client_text(json.dumps(bad)).findings
