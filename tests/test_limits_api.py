"""``limits(client)``: per region, what may be done; held against the safety rules themselves."""

from __future__ import annotations

import json
import pickle
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import massage_routines
from massage_routines import testing
from massage_routines.client_limits import TOP_PRESSURE, ClientLimits, limits
from massage_routines.model.client import Client, Condition, Flag
from massage_routines.model.duration import Duration
from massage_routines.model.position import Position
from massage_routines.model.pressure import Pressure
from massage_routines.model.regions import Region
from massage_routines.model.routine import Routine, Step
from massage_routines.validation.engine import validate
from tests.strategies_rules import registry

ROOT = Path(__file__).resolve().parent.parent

#: The error codes of one step against the client, the endangerment sites and the style (and
#: the refusals that rule out any step). Left out, on purpose: the technique's own pressure range
#: and positions (T001, T002: facts of the technique's record, not of the client), and the
#: session's shape (warm-up, progression, length: P001, P002, S004, S005).
STEP_SAFETY = frozenset(
    {
        "F001",
        "C001",
        "C002",
        "C003",
        "C004",
        "C005",
        "C006",
        "C010",
        "E001",
        "E002",
        "T003",
        "S001",
        "S002",
        "S006",
        "S007",
        "V004",
    }
)


def _one_step(
    client: Client | None, style: str, technique: str, region: str, pressure: int, position: str
) -> Routine:
    step = Step(
        technique, Region(region), Pressure(pressure), Duration.parse("3m"), Position(position)
    )
    return Routine("one step", style, (step,), client=client)


def _safety_errors(routine: Routine) -> set[str]:
    report = validate(routine, registry())
    return {f.code for f in report.errors} & STEP_SAFETY


def _sensitive() -> list[str]:
    from massage_routines.model.regions import matches_pattern

    reg = registry()
    patterns = {s.region for s in reg.sites}
    patterns.update(p for t in reg.techniques.values() for p in t.never_on)
    return [r for r in reg.regions if any(matches_pattern(r, p) for p in patterns)]


@st.composite
def cases(draw: st.DrawFn) -> tuple[Client, str, str, str, int, str]:
    reg = registry()
    client = draw(testing.clients(reg, max_conditions=3, max_flags=2))
    style = draw(st.sampled_from(sorted(reg.styles)))
    # Half the time a region on or inside an endangerment site or a never-on site, where the
    # limits are most particular.
    region = draw(st.sampled_from(list(reg.regions)) | st.sampled_from(_sensitive()))
    technique = draw(st.sampled_from(sorted(reg.techniques)))
    position = draw(st.sampled_from(sorted(reg.positions)))
    pressure = draw(st.integers(0, TOP_PRESSURE))
    return client, style, technique, region, pressure, position


@settings(max_examples=400, deadline=None)
@given(cases(), st.data())
def test_a_step_is_within_the_limits_exactly_when_the_safety_rules_pass_it(case, data) -> None:
    client, style, technique, region, pressure, position = case
    found = limits(client, style=style, registry=registry()).region(region)
    # Mostly steps the limits allow, or just beyond them: where a wrong limit shows.
    if data.draw(st.booleans()):
        pressure = data.draw(
            st.integers(max(found.min_pressure - 1, 0), min(found.max_pressure + 1, TOP_PRESSURE))
        )
        position = data.draw(st.sampled_from(registry().styles[style].positions)).value
    errors = _safety_errors(_one_step(client, style, technique, region, pressure, position))
    assert found.allows(technique, pressure, position) == (not errors), (found, errors)


@settings(max_examples=200, deadline=None)
@given(cases())
def test_one_above_the_highest_pressure_fails(case) -> None:
    client, style, technique, region, _, position = case
    found = limits(client, style=style, registry=registry()).region(region)
    assume(found.max_pressure < TOP_PRESSURE)
    over = _safety_errors(
        _one_step(client, style, technique, region, found.max_pressure + 1, position)
    )
    assert over & {"C003", "C010", "E001", "S007"}, found.caps


@settings(max_examples=200, deadline=None)
@given(cases())
def test_a_forbidden_technique_fails_with_a_ban_code(case) -> None:
    client, style, _, region, _, position = case
    found = limits(client, style=style, registry=registry()).region(region)
    assume(found.techniques)
    for banned in found.techniques:
        errors = _safety_errors(_one_step(client, style, banned.name, region, 0, position))
        assert errors & {"C004", "E002", "T003", "F001", "C002", "C001", "C006", "S002", "S006"}


def test_the_endangerment_sites_cap_their_regions() -> None:
    found = limits(None, registry=registry())
    assert not found.refused
    neck = found.region("neck.anterior")
    assert neck.max_pressure == 1
    assert any(
        c.reason.kind == "site" and c.reason.source == "sites.anterior_neck" for c in neck.caps
    )
    assert found.region("back.upper").max_pressure == TOP_PRESSURE
    assert any("anterior_neck" in c for c in found.region("neck").cautions)
    knee = {t.name: t.reasons for t in found.region("leg.left.knee_back").techniques}
    assert [r.source for r in knee["stripping"]] == ["techniques.stripping"]


def test_flags_conditions_and_the_clients_cap_each_give_their_reason() -> None:
    client = Client(
        flags=(Flag(Region("shoulder.left"), "a fall"),),
        conditions=(Condition("osteoporosis"),),
        max_pressure=Pressure(3),
        preferred_pressure=Pressure(1),
    )
    found = limits(client, registry=registry())
    shoulder = found.region("shoulder.left")
    assert shoulder.off_limits
    assert [r.source for r in shoulder.off_limits_reasons] == ["client.flags[0]"]
    assert found.region("shoulder").off_limits  # it holds the flagged region
    assert not found.region("shoulder.right").off_limits
    back = found.region("back")
    assert back.max_pressure == 2  # osteoporosis' cap, below the client's 3
    assert {c.reason.source for c in back.caps} == {"client.max_pressure", "client.conditions[0]"}
    assert back.preferred_pressure == 1
    assert "tapotement" in {t.name for t in back.techniques}
    assert "percussion" in {f.name for f in back.families}


def test_session_cautions_are_not_limits() -> None:
    pregnant = Client(conditions=(Condition("pregnancy", trimester=2),))
    found = limits(pregnant, registry=registry())
    assert any(c.startswith("supine discouraged") for c in found.cautions)
    assert "supine" not in {p.name for p in found.positions}
    assert "prone" in {p.name for p in found.positions}


def test_a_refusal_puts_every_region_off_limits() -> None:
    found = limits(Client(conditions=(Condition("fever"),)), registry=registry())
    assert found.refused
    assert all(r.off_limits for r in found.regions)


def test_an_unknown_condition_fails_closed() -> None:
    found = limits(Client(conditions=(Condition("no_such_thing"),)), registry=registry())
    assert found.refused
    assert "no_such_thing" in found.refusals[0].reason


def test_an_unknown_region_fails_closed() -> None:
    flagged = limits(Client(flags=(Flag(Region("sholder.left")),)), registry=registry())
    assert flagged.refused
    assert flagged.refusals[0].source == "client.flags[0]"
    assert all(r.off_limits for r in flagged.regions)
    wound = Condition("open_wound", region=Region("arm.rigth"))
    assert limits(Client(conditions=(wound,)), registry=registry()).refused


def test_the_style_limits_positions_and_reach() -> None:
    found = limits(None, style="chair", registry=registry())
    assert {p.name for p in found.positions} >= {"prone", "supine"}
    style = registry().styles["chair"]
    if style.reaches is not None:
        assert any(r.off_limits for r in found.regions)
    with pytest.raises(ValueError, match="unknown style 'swedsh'"):
        limits(None, style="swedsh", registry=registry())


def test_limits_pickle_and_are_public() -> None:
    found = limits(Client(conditions=(Condition("osteoporosis"),)), registry=registry())
    assert pickle.loads(pickle.dumps(found)) == found
    assert massage_routines.limits is limits
    assert massage_routines.ClientLimits is ClientLimits
    assert limits.__doc__


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "massage_routines", "limits", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )


def test_cli_json() -> None:
    done = _cli("--client", "examples/clients/osteoporosis-flag.yaml", "--format", "json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    by_region = {r["region"]: r for r in data["regions"]}
    assert by_region["shoulder.left"]["off_limits"] is True
    assert by_region["neck.anterior"]["max_pressure"] == 1
    assert by_region["back"]["max_pressure"] == 2
    assert data["refused"] is False


def test_cli_text_and_style() -> None:
    done = _cli("--client", "examples/clients/fever.yaml", "--style", "swedish")
    assert done.returncode == 0, done.stderr
    assert "refused" in done.stdout.lower()


def test_cli_bad_client_file_is_a_located_usage_error(tmp_path) -> None:
    bad = tmp_path / "c.yaml"
    bad.write_text("max_pressure: 9\n")
    done = _cli("--client", str(bad), "--format", "json")
    assert done.returncode == 1
    assert "R104" in done.stderr and "Traceback" not in done.stderr
    missing = _cli("--client", str(tmp_path / "none.yaml"))
    assert missing.returncode == 2 and "Traceback" not in missing.stderr
    style = _cli("--client", str(ROOT / "examples/clients/fever.yaml"), "--style", "x")
    assert style.returncode == 2 and "unknown style" in style.stderr


def test_the_profile_and_the_sites_rule_see_the_same_sites() -> None:
    from massage_routines.validation.profile import Profile
    from massage_routines.validation.rules._index import index_of

    reg = registry()
    profile = Profile(None, reg)
    index = index_of(reg)
    for region in reg.regions:
        at = index.sites_at(region)
        assert profile.sites_at(region) == (at.inside if at else ()), region
        caps = [int(c.level) for c in profile.site_caps_at(region)]
        assert caps == sorted(int(s.cap) for s in (at.inside if at else ()) if s.cap is not None)


def test_a_self_applied_style_limits_reach_and_pressure() -> None:
    reg = registry()
    style = reg.styles["self_massage"]
    assert style.pressure is not None
    found = limits(None, style="self_massage", registry=reg)
    back = found.region("back.upper")
    assert back.max_pressure == int(style.pressure.high)
    assert back.min_pressure == int(style.pressure.low)
    assert any(c.reason.kind == "style" for c in back.caps)
    unreachable = [t for t in back.techniques if any(r.kind == "style" for r in t.reasons)]
    assert unreachable
    step = _one_step(None, "self_massage", unreachable[0].name, "back.upper", 1, "seated")
    assert "S006" in _safety_errors(step)
