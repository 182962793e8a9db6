"""Every kind of adaptation the composer makes, each with a reason that names its cause.

Issue 12, part 5: ``compose_with_adaptations`` returns, beside the routine, what was changed and
why (regions left out or worked around, pressure capped, techniques replaced or left out, the
position chosen, blocks that did not fit, the preferences), each tied to the flag, condition or
limit that caused it; the written plan keeps each in a step's notes.
"""

from __future__ import annotations

from typing import Any

from massage_routines.composition.adaptations import KINDS, Adaptation
from massage_routines.composition.composer import Composition, compose, compose_with_adaptations
from massage_routines.composition.request import ComposeRequest
from massage_routines.model.client import Client, Condition, Flag
from massage_routines.model.duration import Duration
from massage_routines.model.position import Position
from massage_routines.model.pressure import Pressure
from massage_routines.model.regions import Region, contains
from massage_routines.plugins import hookimpl
from massage_routines.plugins.records import (
    Block,
    DurationRange,
    Move,
    PressureRange,
    SessionShape,
    StyleSpec,
)
from massage_routines.plugins.registry import build_registry
from massage_routines.validation.engine import validate

REGISTRY = build_registry(select="all")


def _done(style: str = "swedish", duration: str = "60m", **kw: Any) -> Composition:
    done = compose_with_adaptations(
        ComposeRequest(style, Duration.parse(duration), **kw),
        REGISTRY,
    )
    assert validate(done.routine, REGISTRY).valid
    return done


def _of(done: Composition, kind: str) -> list[Adaptation]:
    assert kind in KINDS
    return [a for a in done.adaptations if a.kind == kind]


def _notes(done: Composition) -> str:
    return "\n".join(s.notes or "" for s in done.routine.steps)


def test_a_flagged_limb_is_left_out_naming_the_flag() -> None:
    done = _done(client=Client(flags=(Flag(Region("arm.left"), "sprain"),)))
    (left,) = [a for a in _of(done, "region_left_out") if a.region == "arm.left"]
    assert "the flag on arm.left (sprain)" in left.reason
    assert not any(contains("arm.left", s.region.name) for s in done.routine.steps)
    assert any(contains("arm.right", s.region.name) for s in done.routine.steps)


def test_a_flag_on_one_calf_is_worked_around_not_away() -> None:
    done = _done(client=Client(flags=(Flag(Region("leg.right.calf"), "bruise"),)))
    (around,) = _of(done, "worked_around")
    assert around.region == "leg.right"
    assert "leg.right.calf" in around.reason and "bruise" in around.reason
    worked = {s.region.name for s in done.routine.steps}
    assert "leg.right.thigh" in worked
    assert any(contains("leg.left", r) for r in worked)
    assert "adapted: leg.right worked around leg.right.calf" in _notes(done)


def test_no_back_of_the_knee_reminder_in_a_composed_plan() -> None:
    done = _done()
    codes = {f.code for f in validate(done.routine, REGISTRY, craft=True).findings}
    assert codes == set()
    assert any(s.region.name == "leg.left.thigh" for s in done.routine.steps)


def test_a_cap_names_the_condition() -> None:
    done = _done(client=Client(conditions=(Condition("osteoporosis"),)))
    (capped,) = _of(done, "pressure_capped")
    assert "osteoporosis (client.conditions[0])" in capped.reason and "2 or less" in capped.reason
    assert max(s.pressure for s in done.routine.steps) <= 2


def test_a_technique_left_out_names_the_ban() -> None:
    done = _done(client=Client(conditions=(Condition("osteoporosis"),)))
    (gone,) = _of(done, "technique_left_out")
    assert gone.reason.startswith("no tapotement on back")
    assert "osteoporosis (client.conditions[0]) rules out percussion" in gone.reason


def test_a_technique_replaced_names_the_condition() -> None:
    client = Client(conditions=(Condition("varicose_veins", region=Region("leg")),))
    done = _done("deep_tissue", "45m", focus=("leg",), client=client)
    replaced = _of(done, "technique_replaced")
    assert replaced
    assert all("varicose_veins" in a.reason for a in replaced), replaced
    assert {s.technique for s in done.routine.steps}.isdisjoint({"stripping", "trigger_point"})


def test_a_position_changed_names_the_condition() -> None:
    done = _done(client=Client(conditions=(Condition("pregnancy", trimester=2),)))
    moved = _of(done, "position_changed")
    assert any(
        a.reason.startswith("side_lying rather than prone")
        and "pregnancy (client.conditions[0]) rules out prone" in a.reason
        for a in moved
    ), moved
    assert done.routine.position is Position.SIDE_LYING


def test_blocks_that_do_not_fit_name_the_session_length() -> None:
    done = _done(duration="20m")
    gone = _of(done, "did_not_fit") + _of(done, "shortened")
    assert gone
    assert all("20m" in a.reason for a in gone)


def test_a_preferred_pressure_is_worked_at_or_held_back_by_a_named_limit() -> None:
    firm = Client(preferred_pressure=Pressure(3))
    done = _done(client=firm)
    assert any("preferred pressure 3" in a.reason for a in _of(done, "preference"))
    work = [
        s for s in done.routine.steps if s.technique == "petrissage" and s.region.name == "back"
    ]
    assert work and all(s.pressure == 3 for s in work)
    held = Client(preferred_pressure=Pressure(3), conditions=(Condition("osteoporosis"),))
    done = _done(client=held)
    assert any(
        "held at 2" in a.reason and "osteoporosis" in a.reason for a in _of(done, "preference")
    )


def test_areas_of_concern_are_the_focus_when_the_request_names_none() -> None:
    done = _done(duration="30m", client=Client(areas_of_concern=(Region("shoulder"),)))
    (focus,) = _of(done, "focus")
    assert focus.region == "shoulder" and "area of concern" in focus.reason
    flagged = Client(
        areas_of_concern=(Region("shoulder.left"),), flags=(Flag(Region("shoulder"), "hurt"),)
    )
    done = _done(duration="30m", client=flagged)
    assert any(
        "shoulder.left" in a.reason and "the flag on shoulder (hurt)" in a.reason
        for a in _of(done, "region_left_out")
    )


def test_a_request_outside_the_style_is_said() -> None:
    done = _done("chair", "40m", any_length=True)
    (length,) = _of(done, "session_length")
    assert "5m to 30m" in length.reason


def test_compose_still_returns_the_routine_with_the_notes() -> None:
    client = Client(flags=(Flag(Region("leg.right.calf"), "bruise"),))
    request = ComposeRequest("swedish", Duration.parse("60m"), client=client)
    assert compose(request, REGISTRY) == compose_with_adaptations(request, REGISTRY).routine


def test_a_plugin_style_never_loses_a_block_silently() -> None:
    moves = (
        Move(("effleurage",), PressureRange(1, 2)),
        Move(("petrissage",), PressureRange(2, 3), weight=3),
        Move(("effleurage",), PressureRange(1, 2)),
    )
    regions = ("back", "glutes", "leg", "foot", "hand", "chest", "abdomen")
    style = StyleSpec(
        "kit_style",
        positions=("prone", "supine"),
        session_length=DurationRange("10m", "60m"),
        techniques=("effleurage", "petrissage"),
        shape=SessionShape(
            blocks=tuple(
                Block(
                    r, 1, moves=moves, position="supine" if r in ("chest", "abdomen") else "prone"
                )
                for r in regions
            )
        ),
    )

    class Kit:
        @hookimpl
        def massage_styles(self) -> list[StyleSpec]:
            return [style]

    registry = build_registry([("kit", Kit())], select="all")
    client = Client(flags=(Flag(Region("abdomen"), "surgery scar"),))
    done = compose_with_adaptations(
        ComposeRequest("kit_style", Duration.parse("10m"), client=client), registry
    )
    assert validate(done.routine, registry).valid
    worked = {s.region.name.partition(".")[0] for s in done.routine.steps}
    said = " ".join(a.reason for a in done.adaptations)
    assert "the flag on abdomen (surgery scar)" in said
    for region in regions:
        assert region in worked or region in said, (region, done.adaptations)
    assert _of(done, "shortened") or _of(done, "did_not_fit"), "10 minutes is short for it all"
