"""``techniques --format json``: the catalog an intake form is built from."""

from __future__ import annotations

import json

import pytest

from massage_routines.cli.main import main
from massage_routines.plugins.records import Cap, Forbid
from tests.strategies_rules import registry


@pytest.fixture(scope="module")
def catalog() -> dict[str, object]:
    import io
    from contextlib import redirect_stdout

    out = io.StringIO()
    with redirect_stdout(out):
        assert main(["techniques", "--format", "json"]) == 0
    data = json.loads(out.getvalue())
    assert isinstance(data, dict)
    return data


def test_the_existing_keys_stay(catalog) -> None:
    assert {"styles", "techniques", "conditions", "plugins", "conflicts", "replacements"} <= set(
        catalog
    )
    for technique in catalog["techniques"]:
        assert {"name", "family", "pressure", "positions", "never_on", "status"} <= set(technique)


def test_regions_form_the_tree(catalog) -> None:
    regions = {r["name"]: r for r in catalog["regions"]}
    assert set(regions) == set(registry().regions)
    for name, region in regions.items():
        for child in region["children"]:
            assert regions[child]["parent"] == name
        if region["parent"] is not None:
            assert name in regions[region["parent"]]["children"]
    assert regions["leg.left.knee_back"]["parent"] == "leg.left"


def test_sites_with_their_caps(catalog) -> None:
    sites = {s["name"]: s for s in catalog["sites"]}
    assert sites.keys() == {s.name for s in registry().sites}
    assert sites["anterior_neck"]["region"] == "neck.anterior"
    assert sites["anterior_neck"]["cap"] == 1
    assert "percussion" in sites["abdomen"]["forbidden"]


def test_rules_list_every_code_with_its_severity(catalog) -> None:
    codes = {c["code"]: c for rule in catalog["rules"] for c in rule["codes"]}
    expected = {c.code for rule in registry().rules for c in rule.codes}
    assert set(codes) == expected
    assert codes["F001"]["severity"] == "error"
    assert codes["F001"]["summary"]


def test_conditions_say_what_they_take_and_do(catalog) -> None:
    conditions = {c["name"]: c for c in catalog["conditions"]}
    assert set(conditions) == set(registry().conditions)
    pregnancy = conditions["pregnancy"]
    assert pregnancy["options"]["trimester"] is True
    assert pregnancy["options"]["clearance"] is True
    assert conditions["open_wound"]["options"]["region"] == "required"
    for name, condition in conditions.items():
        spec = registry().conditions[name]
        assert condition["description"] == spec.description
        assert [e["type"] for e in condition["effects"]] == [type(e).__name__ for e in spec.effects]
        for effect, record in zip(condition["effects"], spec.effects, strict=True):
            assert effect["text"]
            if isinstance(record, Cap):
                assert effect["level"] == int(record.level)
                assert f"at most {int(record.level)}" in effect["text"]
            if isinstance(record, Forbid):
                assert effect["names"] == list(record.names)


def test_styles_and_techniques_carry_their_records(catalog) -> None:
    styles = {s["name"]: s for s in catalog["styles"]}
    swedish = registry().styles["swedish"]
    assert styles["swedish"]["positions"] == [p.value for p in swedish.positions]
    assert styles["swedish"]["techniques"] == list(swedish.techniques)
    techniques = {t["name"]: t for t in catalog["techniques"]}
    spec = registry().techniques["petrissage"]
    assert techniques["petrissage"]["pressure"] == [int(spec.pressure.low), int(spec.pressure.high)]
    assert techniques["petrissage"]["description"] == spec.description
