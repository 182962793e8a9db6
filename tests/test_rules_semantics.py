"""What each family of rules means, case by case: overlap either way, which cap wins, where a
finding points, what is skipped for unknown names and what still runs."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest
import yaml

from tests.strategies_rules import check, only

if TYPE_CHECKING:
    from massage_routines.findings import Report

STEP = {"technique": "effleurage", "region": "back", "pressure": 2, "duration": "10m"}


def plan(*steps: dict[str, Any], **top: Any) -> str:
    """A swedish plan, prone, with the given steps (each over STEP) and top-level keys."""
    body: dict[str, Any] = {"name": "Test", "style": "swedish", "position": "prone"}
    body.update(top)
    body = {k: v for k, v in body.items() if v is not None}
    body["steps"] = [{**STEP, **s} for s in (steps or ({},))]
    return yaml.safe_dump(body, sort_keys=False)


def places(text: str, code: str) -> list[str]:
    return [f.path for f in only(check(text), code)]


# ---------------------------------------------------------------- vocabulary


def test_unknown_style_skips_the_style_rules_but_not_the_others() -> None:
    report = check(plan({"pressure": 3}, style="swedsh", client={"conditions": ["osteoporosis"]}))
    assert report.codes() == ["V001", "C003"] or set(report.codes()) == {"V001", "C003"}
    assert "did you mean 'swedish'" in only(report, "V001")[0].message


def test_unknown_technique_is_reported_and_its_step_skipped_by_technique_rules() -> None:
    text = plan({}, {"technique": "hot_stone", "region": "neck.anterior", "pressure": 5})
    report = check(text)
    codes = set(report.codes())
    assert "V002" in codes
    assert not codes & {"T001", "T002", "T003", "T004", "T005", "S003", "E002"}
    # site caps and the warm-up rule do not need the technique: they still run on the step
    assert {"E001", "P001"} <= codes


def test_unknown_region_still_meets_flags_and_caps() -> None:
    text = plan(
        {"region": "back.lowr", "pressure": 3},
        client={"flags": ["back"], "conditions": ["osteoporosis"]},
    )
    report = check(text)
    assert {"V003", "F001", "C003"} <= set(report.codes())
    assert "did you mean 'back.lower'" in only(report, "V003")[0].message


def test_unknown_region_under_a_known_one_names_its_siblings() -> None:
    (finding,) = only(check(plan({"region": "leg.left.shin"})), "V003")
    assert "leg.left.calf" in finding.message


def test_unknown_flag_region_points_at_the_region_written_either_way() -> None:
    bare = check(plan(client={"flags": ["back.lowr"]}))
    mapping = check(plan(client={"flags": [{"region": "back.lowr", "reason": "bruise"}]}))
    assert [f.path for f in only(bare, "V003")] == ["client.flags[0]"]
    assert [f.path for f in only(mapping, "V003")] == ["client.flags[0].region"]


def test_unknown_condition_points_at_its_name_either_way() -> None:
    bare = check(plan(client={"conditions": ["fevr"]}))
    mapping = check(plan(client={"conditions": [{"name": "fevr", "cleared": True}]}))
    (b,) = only(bare, "V004")
    (m,) = only(mapping, "V004")
    assert (b.path, m.path) == ("client.conditions[0]", "client.conditions[0].name")
    assert "did you mean 'fever'" in b.message
    assert not bare.valid and not mapping.valid


def test_condition_region_required_or_out_of_place() -> None:
    missing = check(plan(client={"conditions": [{"name": "fracture"}]}))
    extra = check(plan(client={"conditions": [{"name": "osteoporosis", "region": "back"}]}))
    unknown = check(plan(client={"conditions": [{"name": "fracture", "region": "bak"}]}))
    assert places_of(missing, "V005") == ["client.conditions[0]"]
    assert places_of(extra, "V005") == ["client.conditions[0].region"]
    assert places_of(unknown, "V003") == ["client.conditions[0].region"]


def test_trimester_required_or_out_of_place() -> None:
    missing = check(plan(position="side_lying", client={"conditions": ["pregnancy"]}))
    extra = check(plan(client={"conditions": [{"name": "osteoporosis", "trimester": 2}]}))
    assert places_of(missing, "V006") == ["client.conditions[0]"]
    assert places_of(extra, "V006") == ["client.conditions[0].trimester"]


def places_of(report: Report, code: str) -> list[str]:
    return [f.path for f in only(report, code)]


def test_no_position_is_an_error_per_step_unless_the_style_has_one() -> None:
    assert places(plan({}, {"region": "back.upper"}, position=None), "V007") == [
        "steps[0]",
        "steps[1]",
    ]
    assert places(plan({"position": "supine"}, {}, position=None), "V007") == ["steps[1]"]
    chair = plan(
        {"technique": "compression", "region": "back.upper", "duration": "5m"},
        style="chair",
        position=None,
    )
    assert check(chair).findings == ()


def test_an_unreadable_plan_position_is_reported_once() -> None:
    report = check(plan({}, {"region": "back.upper"}, position="Face Down"))
    assert report.codes() == ["R106"]


def test_an_unknown_plan_position_is_reported_once_with_the_nearest_name() -> None:
    report = check(plan({}, {"region": "back.upper"}, position="side_lyin"))
    assert report.codes() == ["V008"]
    (finding,) = report.findings
    assert finding.path == "position"
    assert "'side_lying'" in finding.message


# ---------------------------------------------------------------- flags


@pytest.mark.parametrize(
    ("flag", "region", "touches"),
    [
        ("back.lower", "back.lower", True),
        ("back.lower", "back", True),  # the step holds the flag
        ("back", "back.lower", True),  # the flag holds the step
        ("back.lower", "back.upper", False),
        ("leg.left", "leg.right.calf", False),
        ("leg", "leg.left.knee_back", True),
    ],
)
def test_flags_are_touched_from_either_side(flag: str, region: str, touches: bool) -> None:
    text = plan({"region": region, "pressure": 1}, client={"flags": [flag]})
    found = only(check(text), "F001")
    assert bool(found) is touches
    if touches:
        assert flag in found[0].message and "client.flags[0]" in found[0].message


# ---------------------------------------------------------------- conditions


def test_refusal_is_not_lifted_by_clearance() -> None:
    report = check(plan(client={"conditions": [{"name": "dvt", "cleared": True}]}))
    assert places_of(report, "C001") == ["client.conditions[0]"]


def test_clearance_is_lifted_by_cleared() -> None:
    assert places_of(check(plan(client={"conditions": ["cancer"]})), "C006") == [
        "client.conditions[0]"
    ]
    assert check(plan(client={"conditions": [{"name": "cancer", "cleared": True}]})).valid


def test_pregnancy_first_trimester_needs_clearance_later_ones_do_not() -> None:
    first = {"conditions": [{"name": "pregnancy", "trimester": 1}]}
    later = {"conditions": [{"name": "pregnancy", "trimester": 3}]}
    assert "C006" in check(plan(position="side_lying", client=first)).codes()
    two: tuple[dict[str, Any], ...] = ({}, {"region": "back.upper"})
    assert check(plan(*two, position="side_lying", client=later)).findings == ()


def test_cap_message_names_the_condition_and_what_to_use() -> None:
    (finding,) = only(
        check(
            plan(
                {}, {"region": "back.upper", "pressure": 3}, client={"conditions": ["osteoporosis"]}
            )
        ),
        "C003",
    )
    assert finding.message == (
        "pressure 3 on back.upper exceeds the cap of 2 for osteoporosis "
        "(client.conditions[0]); use 2 or less"
    )
    assert finding.path == "steps[1].pressure"


@pytest.mark.parametrize(
    ("where", "region", "capped"),
    [
        ("leg", "leg.left.calf", True),  # a cap on leg binds a step below it
        ("leg.left", "leg", True),  # a cap on leg.left binds a step on all of leg
        ("leg.left", "leg.right.calf", False),
    ],
)
def test_regional_caps_bind_overlapping_steps(where: str, region: str, capped: bool) -> None:
    text = plan(
        {"region": region, "pressure": 2},
        client={"conditions": [{"name": "dvt_history", "region": where}]},
    )
    assert bool(only(check(text), "C003")) is capped


def test_the_default_region_of_a_condition_applies() -> None:
    text = plan(
        {"region": "leg.left.calf", "pressure": 3}, client={"conditions": ["varicose_veins"]}
    )
    assert places(text, "C003") == ["steps[0].pressure"]
    assert places(plan({"pressure": 3}, client={"conditions": ["varicose_veins"]}), "C003") == []


def test_condition_cap_and_client_cap_are_both_reported() -> None:
    text = plan(
        {"pressure": 3},
        {"region": "back.upper", "pressure": 4},
        client={"conditions": ["osteoporosis"], "max_pressure": 3},
    )
    report = check(text)
    assert places_of(report, "C003") == ["steps[0].pressure", "steps[1].pressure"]
    assert places_of(report, "C010") == ["steps[1].pressure"]
    assert "max_pressure of 3" in only(report, "C010")[0].message


def test_the_lowest_condition_cap_is_named() -> None:
    text = plan(
        {"pressure": 2},
        client={"conditions": ["osteoporosis", "low_platelets"]},
    )
    (finding,) = only(check(text), "C003")
    assert "cap of 1 for low_platelets" in finding.message


def test_forbidden_family_and_technique() -> None:
    family = plan(
        {},
        {"technique": "stripping", "region": "back.upper", "pressure": 3, "duration": "5m"},
        style="deep_tissue",
        client={"conditions": ["anticoagulants"]},
    )
    (finding,) = only(check(family), "C004")
    assert finding.path == "steps[1].technique"
    assert "stripping (family deep)" in finding.message and "anticoagulants" in finding.message
    technique = plan(
        {"technique": "passive_stretch", "region": "arm.left", "pressure": 1, "duration": "2m"},
        position="supine",
        client={"conditions": ["osteoporosis"]},
    )
    (finding,) = only(check(technique), "C004")
    assert finding.message.startswith("passive_stretch on arm.left")


def test_regional_bans_only_bind_their_region() -> None:
    deep = {"technique": "stripping", "pressure": 3, "duration": "5m"}
    client = {"conditions": [{"name": "varicose_veins", "region": "leg.left"}]}
    on_leg = plan(
        {"region": "leg.left.calf"},
        {**deep, "region": "leg.left.calf"},
        style="deep_tissue",
        client=client,
    )
    on_back = plan({}, {**deep, "region": "back"}, style="deep_tissue", client=client)
    assert places(on_leg, "C004") == ["steps[1].technique"]
    assert places(on_back, "C004") == []


def test_forbidden_position_is_reported_where_it_is_written() -> None:
    client = {"conditions": [{"name": "pregnancy", "trimester": 2}]}
    plan_level = check(plan({}, {"region": "back.upper"}, client=client))
    (finding,) = only(plan_level, "C005")
    assert finding.path == "position"
    assert "used by 2 steps" in finding.message
    per_step = check(
        plan(
            {}, {"region": "back.upper", "position": "prone"}, position="side_lying", client=client
        )
    )
    assert places_of(per_step, "C005") == ["steps[1].position"]


def test_discouraged_position_and_technique_are_warnings() -> None:
    pacemaker = check(plan(client={"conditions": ["pacemaker"]}))
    assert places_of(pacemaker, "C008") == ["position"]
    assert pacemaker.valid
    supine = check(
        plan(
            {"region": "leg.left.thigh"},
            position="supine",
            client={"conditions": [{"name": "pregnancy", "trimester": 3}]},
        )
    )
    assert places_of(supine, "C008") == ["position"]
    assert supine.valid


def test_avoided_region_from_a_condition() -> None:
    client = {"conditions": [{"name": "pacemaker", "region": "chest"}]}
    report = check(plan({"region": "chest"}, position="supine", client=client))
    (finding,) = only(report, "C002")
    assert finding.path == "steps[0].region" and "pacemaker" in finding.message
    # a pacemaker avoids the chest by default
    assert places(
        plan({"region": "chest"}, position="supine", client={"conditions": ["pacemaker"]}), "C002"
    ) == ["steps[0].region"]
    # a condition that avoids its region, without one, avoids nothing
    assert places(plan(client={"conditions": [{"name": "cancer", "cleared": True}]}), "C002") == []


# ---------------------------------------------------------------- endangerment sites


@pytest.mark.parametrize(
    ("region", "pressure", "code"),
    [
        ("leg.left.knee_back", 2, "E001"),  # on the site, above its cap
        ("leg.left.knee_back", 1, None),
        ("leg.left", 2, "E003"),  # a larger region that holds the site: a reminder
        ("leg.left", 1, None),
        ("leg", 3, "E003"),
        ("arm.right.axilla", 3, "E001"),
        ("arm.right.axilla", 2, None),
        ("abdomen", 3, "E001"),
        ("leg.left.calf", 3, None),
    ],
)
def test_sites_bind_steps_on_or_inside_them_and_remind_on_larger_regions(
    region: str, pressure: int, code: str | None
) -> None:
    report = check(plan({"region": region, "pressure": pressure}, position="supine"))
    site_codes = {f.code for f in report.findings} & {"E001", "E002", "E003"}
    assert site_codes == ({code} if code else set())


def test_a_site_can_forbid_a_technique() -> None:
    text = plan(
        {"technique": "thumb_pressure", "region": "neck.anterior", "pressure": 3, "duration": "1m"}
    )
    report = check(text)
    assert places_of(report, "E002") == ["steps[0].technique"]
    assert places_of(report, "E001") == ["steps[0].pressure"]


def test_site_reminder_names_the_site_and_what_it_takes() -> None:
    (finding,) = only(check(plan({"region": "leg.left", "pressure": 3}, position="supine")), "E003")
    assert finding.severity.value == "warning"
    assert "leg.*.knee_back" in finding.message and "at most 1" in finding.message


# ---------------------------------------------------------------- techniques


def test_technique_pressure_range() -> None:
    assert places(
        plan({"technique": "nerve_strokes", "pressure": 2, "duration": "1m"}), "T001"
    ) == ["steps[0].pressure"]


def test_technique_position_points_at_the_technique_when_the_plan_gives_the_position() -> None:
    text = plan(
        {"technique": "passive_stretch", "region": "arm.left", "pressure": 1, "duration": "1m"}
    )
    (finding,) = only(check(text), "T002")
    assert finding.path == "steps[0].technique"
    assert "plan's position" in finding.message


def test_never_on_and_inside() -> None:
    text = plan(
        {"technique": "tapotement", "region": "back.lower", "duration": "2m"},
        {"technique": "tapotement", "region": "back", "duration": "2m"},
    )
    report = check(text)
    assert places_of(report, "T003") == ["steps[0].technique"]
    assert places_of(report, "T004") == ["steps[1].region"]
    assert places_of(report, "E002") == ["steps[0].technique"]
    assert places_of(report, "E003") == ["steps[1].region"]


def test_step_length_bounds_are_inclusive() -> None:
    assert places(plan({"duration": "10m"}), "T005") == []
    assert places(plan({"duration": "10m1s"}), "T005") == ["steps[0].duration"]
    assert places(plan({"duration": "30s"}), "T005") == []
    assert places(plan({"duration": "29s"}), "T005") == ["steps[0].duration"]
    # under a second past a bound is what rounding leaves, not an implausible step
    assert places(plan({"duration": "10m0.999s"}), "T005") == []
    assert places(plan({"duration": "29.001s"}), "T005") == []


# ---------------------------------------------------------------- styles


def test_style_position_reach_and_technique() -> None:
    chair = plan(
        {
            "technique": "compression",
            "region": "leg.left.calf",
            "duration": "5m",
            "position": "prone",
        },
        {"technique": "friction", "region": "back.upper", "duration": "5m"},
        style="chair",
        position="seated",
    )
    report = check(chair)
    assert places_of(report, "S001") == ["steps[0].position"]
    assert places_of(report, "S002") == ["steps[0].region"]
    assert places_of(report, "S003") == ["steps[1].technique"]


def test_session_length_points_at_the_declared_duration_when_there_is_one() -> None:
    assert places(plan(duration="10m"), "S004") == ["duration"]
    assert places(plan(), "S004") == ["steps"]


def test_declared_duration_within_a_minute_is_fine() -> None:
    two: tuple[dict[str, Any], ...] = ({}, {"region": "back.upper"})
    assert places(plan(*two, duration="21m"), "S005") == []
    assert places(plan(*two, duration="19m"), "S005") == []
    assert places(plan(*two, duration="21m1s"), "S005") == ["duration"]
    (finding,) = only(check(plan(*two, duration="30m")), "S005")
    assert "30m" in finding.message and "20m" in finding.message


# ---------------------------------------------------------------- progression


def test_warm_up_counts_ancestors_and_descendants() -> None:
    warm_below = plan({"region": "back.lower", "pressure": 2}, {"region": "back", "pressure": 4})
    warm_above = plan({"region": "back", "pressure": 2}, {"region": "back.lower", "pressure": 4})
    sibling = plan({"region": "back.upper", "pressure": 2}, {"region": "back.lower", "pressure": 4})
    assert places(warm_below, "P001") == []
    assert places(warm_above, "P001") == []
    assert places(sibling, "P001") == ["steps[1].pressure"]


def test_jump_is_from_the_most_recent_overlapping_step() -> None:
    text = plan(
        {"region": "back", "pressure": 1},
        {"region": "leg.left.thigh", "pressure": 3},  # not the same tissue
        {"region": "back.upper", "pressure": 3},  # 1 -> 3: fine
        {"region": "back", "pressure": 4},  # from back.upper at 3: fine
        {"region": "back.lower", "pressure": 1},  # from back at 4: a jump of 3
    )
    report = check(text)
    (finding,) = only(report, "P002")
    assert finding.path == "steps[4].pressure"
    assert "from 4 (steps[3], on back)" in finding.message


def test_progression_runs_on_unknown_regions_too() -> None:
    text = plan({"region": "back", "pressure": 1}, {"region": "back.lowr", "pressure": 4})
    report = check(text)
    assert places_of(report, "P002") == ["steps[1].pressure"]
    assert places_of(report, "P001") == []
    cold = plan({"region": "back.lowr", "pressure": 4}, {"region": "back", "pressure": 1})
    assert places(cold, "P001") == ["steps[0].pressure"]
    assert places(cold, "P002") == ["steps[1].pressure"]
