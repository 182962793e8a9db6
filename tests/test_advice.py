"""Preparation and aftercare as plugin data: the ``massage_advice`` hook, ``advice(routine)``,
``with_advice``, the registry's checks on advice records, the listing and the sheet.

A routine has no goal field, so selection by goal is tested through the ``goal`` argument (what
``compose`` passes); selection by style and by the client's conditions through the routine.
"""

from __future__ import annotations

import json
import types
from typing import TYPE_CHECKING

from hypothesis import given, settings
from hypothesis import strategies as st

from massage_routines import (
    Advice,
    AdviceSpec,
    Client,
    Condition,
    Routine,
    advice,
    build_registry,
    hookimpl,
    load_routine,
    render_html,
    render_markdown,
    validate,
    with_advice,
)
from massage_routines.client_advice import applies
from massage_routines.model.routine import WHEN
from massage_routines.plugins.records import StyleSpec
from massage_routines.techniques import advice as general_plugin
from massage_routines.testing import check_plugin, check_records
from tests.conftest import EXAMPLES, run_cli
from tests.strategies_rules import registry, registry_with

if TYPE_CHECKING:
    import random

    from massage_routines.model import Duration, Position, Step

CHAIR = EXAMPLES / "plans" / "chair-15min.yaml"
SWEDISH = EXAMPLES / "plans" / "swedish-back.yaml"


def _routine(path=SWEDISH, *conditions: str) -> Routine:
    routine = load_routine(path)
    client = Client(conditions=tuple(Condition(c) for c in conditions)) if conditions else None
    return Routine(routine.name, routine.style, routine.steps, routine.position, client=client)


def _names(items) -> list[str]:
    return [a.name for a in items]


def _plugin(*records: AdviceSpec) -> object:
    return types.SimpleNamespace(massage_advice=hookimpl(lambda: list(records)))


SPA = (
    AdviceSpec("spa_towel", "before", "Bring a towel.", source="spa house rules"),
    AdviceSpec("spa_chair_water", "after", "Have a glass of water.", styles=("chair",)),
    AdviceSpec(
        "spa_bp_sit", "after", "Sit a minute before standing.", conditions=("hypertension",)
    ),
    AdviceSpec("spa_calm", "during", "Close your eyes if you like.", goals=("relaxation",)),
)


# ---------------------------------------------------------------- a third-party plugin


def test_a_third_party_plugins_advice_is_given_like_the_builtin_advice() -> None:
    reg = registry_with(("spa", _plugin(*SPA)))
    assert reg.problems == ()
    spa, builtin = reg.provider("advice", "spa_towel"), reg.provider("advice", "arrive_early")
    assert spa is not None and spa.name == "spa"
    assert builtin is not None and builtin.builtin
    names = _names(advice(_routine(CHAIR, "hypertension"), reg))
    assert {"spa_towel", "spa_chair_water", "spa_bp_sit", "arrive_early", "rise_slowly"} <= set(
        names
    )
    assert "spa_calm" not in names  # no goal is known for a plan


def test_the_default_registry_is_used_without_one() -> None:
    assert _names(advice(_routine())) == _names(advice(_routine(), registry()))


# ---------------------------------------------------------------- selectors


def test_style_selects_chair_and_deep_tissue_advice() -> None:
    chair = _names(advice(_routine(CHAIR), registry()))
    swedish = _names(advice(_routine(SWEDISH), registry()))
    deep = _names(advice(_routine(EXAMPLES / "plans" / "deep-tissue-low-back.yaml"), registry()))
    assert "chair_clothed" in chair and "chair_clothed" not in swedish
    assert "deep_tissue_soreness" in deep and "deep_tissue_soreness" not in chair
    general = _names(general_plugin.ADVICE)
    for names in (chair, swedish, deep):
        assert [n for n in names if n in general] == sorted(general, key=_builtin_order)


def _builtin_order(name: str) -> tuple[int, str]:
    spec = next(a for a in general_plugin.ADVICE if a.name == name)
    return WHEN.index(spec.when), name


def test_conditions_select_their_advice_and_only_for_that_client() -> None:
    plain = _names(advice(_routine(), registry()))
    hypertension = advice(_routine(SWEDISH, "hypertension"), registry())
    other = _names(advice(_routine(SWEDISH, "osteoporosis"), registry()))
    assert "rise_slowly" in _names(hypertension) and "rise_slowly" not in plain + other
    rise = next(a for a in hypertension if a.name == "rise_slowly")
    assert rise.when == "after" and "rise slowly" in rise.text
    assert "bring_clearance" in _names(hypertension)
    # one of several conditions is enough
    assert "bruising" in _names(advice(_routine(SWEDISH, "low_platelets"), registry()))


def test_goal_selects_only_when_the_goal_is_known() -> None:
    reg = registry_with(("spa", _plugin(*SPA)))
    routine = _routine()
    assert "spa_calm" not in _names(advice(routine, reg))
    assert "spa_calm" in _names(advice(routine, reg, goal="relaxation"))
    assert "spa_calm" not in _names(advice(routine, reg, goal="mobility"))


def test_every_selector_given_must_match() -> None:
    both = AdviceSpec("both", "after", "x", styles=("chair",), conditions=("hypertension",))
    assert applies(both, _routine(CHAIR, "hypertension"))
    assert not applies(both, _routine(CHAIR))
    assert not applies(both, _routine(SWEDISH, "hypertension"))
    assert both.general is False and AdviceSpec("g", "after", "x").general is True


# ---------------------------------------------------------------- order (property)

_pool_styles = st.lists(st.sampled_from(["chair", "swedish", "deep_tissue"]), max_size=2)
_pool_conditions = st.lists(st.sampled_from(["hypertension", "fever", "pregnancy"]), max_size=2)
_pool_goals = st.lists(st.sampled_from(["relaxation", "mobility"]), max_size=1)
_records = st.lists(
    st.builds(
        AdviceSpec,
        name=st.from_regex(r"[a-z]{1,6}", fullmatch=True),
        when=st.sampled_from(WHEN),
        text=st.just("some advice"),
        styles=_pool_styles.map(tuple),
        goals=_pool_goals.map(tuple),
        conditions=_pool_conditions.map(tuple),
    ),
    max_size=8,
    unique_by=lambda a: a.name,
)


@settings(max_examples=40)
@given(
    _records,
    st.randoms(use_true_random=False),
    st.sampled_from([CHAIR, SWEDISH]),
    st.lists(st.sampled_from(["hypertension", "fever", "osteoporosis"]), max_size=2),
    st.sampled_from([None, "relaxation", "mobility"]),
)
def test_advice_is_exactly_what_applies_in_an_order_that_ignores_load_order(
    records, rnd: random.Random, path, conditions, goal
) -> None:
    shuffled = list(records)
    rnd.shuffle(shuffled)
    routine = _routine(path, *conditions)
    got = [
        advice(routine, build_registry([("p", _plugin(*order))], use_entry_points=False), goal=goal)
        for order in (records, shuffled)
    ]
    assert got[0] == got[1]  # the order plugins give records in does not matter
    chosen = got[0]
    assert set(chosen) == {r for r in records if applies(r, routine, goal)}  # nothing lost
    keys = [
        (WHEN.index(a.when), bool(a.styles) + bool(a.goals) + bool(a.conditions), a.name)
        for a in chosen
    ]
    assert keys == sorted(keys)  # when, then general before specific, then name


# ---------------------------------------------------------------- with_advice


def test_with_advice_fills_the_plan_field_and_changes_no_finding() -> None:
    routine = _routine(SWEDISH, "hypertension")
    done = with_advice(routine, registry())
    specs = advice(routine, registry())
    assert done.advice == tuple(Advice(s.when, s.text, s.source or None) for s in specs)
    assert done.steps == routine.steps and done.client == routine.client
    assert validate(done, registry()).findings == validate(routine, registry()).findings
    assert with_advice(done, registry()) == done  # idempotent: earlier advice is replaced


# ---------------------------------------------------------------- coherence


def _problems(*records: AdviceSpec) -> list[str]:
    return [p.message for p in registry_with(("odd", _plugin(*records))).problems]


def test_unknown_style_condition_or_goal_is_a_problem_with_a_suggestion() -> None:
    problems = _problems(
        AdviceSpec("a", "before", "x", styles=("chiar",)),
        AdviceSpec("b", "before", "x", conditions=("hypertention",)),
        AdviceSpec("c", "before", "x", goals=("relax",)),
    )
    assert len(problems) == 3, problems
    assert (
        "advice 'a': style 'chiar' is no style any plugin provides (did you mean 'chair'?)"
        in (problems[0])
    )
    assert "(did you mean 'hypertension'?)" in problems[1]
    assert "goal 'relax' is not one of relaxation, pain_relief, mobility" in problems[2]
    assert all(p.startswith("plugin odd (registered in code)") for p in problems)


def test_bad_when_empty_text_and_bad_name_are_problems() -> None:
    problems = _problems(
        AdviceSpec("a", "later", "x"),  # type: ignore[arg-type]
        AdviceSpec("b", "after", "  "),
        AdviceSpec("Bad Name", "after", "x"),
    )
    assert any("advice 'a': when 'later' is not" in p for p in problems)
    assert any("advice 'b': has no text" in p for p in problems)
    assert any("advice 'Bad Name' is not a lower_snake ASCII name" in p for p in problems)


def test_advice_that_cannot_be_shown_is_left_out_and_the_sheet_still_renders() -> None:
    bad = (AdviceSpec("a", "later", "x"), AdviceSpec("b", "after", ""))  # type: ignore[arg-type]
    reg = registry_with(("odd", _plugin(*bad)))
    assert len(reg.problems) == 2
    names = _names(advice(_routine(), reg))
    assert "arrive_early" in names and "a" not in names and "b" not in names
    page = render_html(_routine(), registry=reg)
    assert "Not safe as written" in page and general_plugin.ADVICE[0].text in page


def test_a_plan_is_not_valid_while_advice_is_incoherent() -> None:
    reg = registry_with(("odd", _plugin(AdviceSpec("a", "before", "x", styles=("chiar",)))))
    assert not validate(_routine(), reg).valid


def test_check_records_and_check_plugin_see_the_same() -> None:
    messages = check_records([AdviceSpec("a", "before", "x", styles=("chiar",))], registry())
    assert messages == [
        "advice 'a': style 'chiar' is no style any plugin provides (did you mean 'chair'?)"
    ]
    # a style provided alongside the advice is known
    style = next(iter(registry().styles.values()))
    own = StyleSpec("towel", style.positions, style.session_length, style.techniques, style.shape)
    assert check_records([own, AdviceSpec("a", "before", "x", styles=("towel",))], registry()) == []
    assert check_plugin(general_plugin) == []


def test_two_plugins_with_one_advice_name_conflict_and_replaces_warns() -> None:
    copy = AdviceSpec("arrive_early", "before", "Come early.")
    reg = registry_with(("copycat", _plugin(copy)))
    assert [c.kind for c in reg.conflicts] == ["advice"]
    assert "arrive_early" not in _names(reg.advice)  # neither record is used
    replacing = AdviceSpec("arrive_early", "before", "Come early.", replaces="advice")
    reg = registry_with(("house", _plugin(replacing)))
    assert reg.problems == () and replacing in reg.advice
    assert "X007" in validate(_routine(), reg).codes()


def test_a_hook_returning_another_record_fails_its_plugin() -> None:
    style = next(iter(registry().styles.values()))
    wrong = types.SimpleNamespace(massage_advice=hookimpl(lambda: [style]))
    reg = registry_with(("wrong", wrong))
    assert any(
        "massage_advice() returned StyleSpec, not AdviceSpec" in p.message for p in reg.problems
    )


def test_advice_travels_with_the_plugin_of_its_condition_or_style() -> None:
    """Deselecting a plugin takes its advice along instead of leaving advice for nobody."""
    without = build_registry(select="-conditions")
    assert without.problems == ()
    assert "rise_slowly" not in _names(without.advice)
    assert "arrive_early" in _names(without.advice)
    no_general = build_registry(select="-advice")
    assert no_general.problems == () and "arrive_early" not in _names(no_general.advice)


# ---------------------------------------------------------------- listing


def test_techniques_lists_advice_with_its_plugin() -> None:
    done = run_cli("techniques", "--format", "json")
    data = json.loads(done.stdout)
    rise = next(a for a in data["advice"] if a["name"] == "rise_slowly")
    assert rise["when"] == "after" and rise["conditions"] == ["hypertension"]
    assert rise["plugin"]["name"] == "conditions"
    text = run_cli("techniques").stdout
    assert any(
        line.split()[:4] == ["rise_slowly", "after", "condition", "hypertension"]
        for line in text.splitlines()
    )


# ---------------------------------------------------------------- the sheet


def _section(page: str) -> str:
    return page.split('<section class="advice">', 1)[1].split("</section>", 1)[0]


def test_the_sheet_shows_the_plugins_advice_by_when() -> None:
    section = _section(render_html(_routine(SWEDISH, "hypertension"), registry=registry()))
    after = section.split("After the session", 1)[1]
    assert "rise slowly" in after and "rise slowly" not in section.split("After the session")[0]
    assert "(domain.md section 5)" in after
    markdown = render_markdown(_routine(SWEDISH, "hypertension"), registry=registry())
    assert "rise slowly" in markdown.split("### After the session", 1)[1]


def test_apostrophes_in_advice_read_as_apostrophes_in_markdown() -> None:
    """Escaping ``'`` for HTML and then ``#`` for Markdown gave "clinician&\\#x27;s"."""
    markdown = render_markdown(_routine(SWEDISH, "hypertension"), registry=registry())
    assert "Bring your clinician's clearance" in markdown and "x27" not in markdown


def test_the_sheet_shows_the_plans_own_advice_instead() -> None:
    own = Routine(*_fields(_routine()), advice=(Advice("during", "Hum a tune."),))
    section = _section(render_html(own, registry=registry()))
    assert "Hum a tune." in section.split("During the session", 1)[1]
    assert general_plugin.ADVICE[0].text not in section
    assert "Hum a tune." in render_markdown(own, registry=registry())


def test_the_plans_advice_is_escaped_on_the_sheet() -> None:
    evil = "<script>alert(1)</script> & ]]>"
    own = Routine(*_fields(_routine()), advice=(Advice("after", evil, evil),))
    page = render_html(own, registry=registry())
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt; &amp;" in page


def _fields(
    routine: Routine,
) -> tuple[str, str, tuple[Step, ...], Position | None, Duration | None]:
    return routine.name, routine.style, routine.steps, routine.position, routine.duration


def test_validate_does_not_import_the_advice_library() -> None:
    import subprocess
    import sys

    probe = (
        "import sys\nfrom massage_routines.cli.main import main\n"
        f"main(['validate', {str(SWEDISH)!r}])\n"
        "print('LOADED', 'massage_routines.client_advice' in sys.modules,"
        " 'massage_routines.composition.request' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=False, timeout=120
    )
    assert "LOADED False False" in done.stdout, done.stdout + done.stderr


# ---------------------------------------------------------------- who gives the session


def test_self_massage_gets_no_advice_about_a_therapist_and_a_therapist_session_does() -> None:
    from massage_routines import ComposeRequest, compose

    at_home = advice(compose(ComposeRequest("self_massage", "20m")), registry())
    swedish = advice(_routine(SWEDISH), registry())
    about_therapist = [a for a in general_plugin.ADVICE if a.given_by == "therapist"]
    assert about_therapist and all("therapist" not in a.text.lower() for a in at_home)
    assert set(about_therapist) <= set(swedish)
    assert set(about_therapist).isdisjoint(at_home)
    assert {"self_massage_comfort", "hydrate_before", "see_a_clinician"} <= set(_names(at_home))


def test_given_by_must_be_known_and_the_style_known() -> None:
    mine = AdviceSpec("mine", "after", "x", given_by="self")
    routine = _routine(SWEDISH)
    assert applies(mine, routine, self_applied=True)
    assert not applies(mine, routine, self_applied=False)
    assert not applies(mine, routine)  # the kind of session unknown: not given
    wrong = AdviceSpec("wrong", "after", "x", given_by="robot")  # type: ignore[arg-type]
    assert any("given_by 'robot'" in m for m in check_plugin(_plugin(wrong)))
