"""``explain``: every code is described, with real examples, and docs/rules.md is up to date."""

from __future__ import annotations

import subprocess
import sys
import types
from pathlib import Path

import pytest

from massage_routines.findings import Severity
from massage_routines.planfile.codes import READER_CODES
from massage_routines.plugins.markers import hookimpl
from massage_routines.plugins.records import CodeSpec, RuleSpec
from massage_routines.validation.codes import ENGINE_CODES
from massage_routines.validation.explain import (
    READER_EXAMPLES,
    all_codes,
    code_infos,
    explain,
    rules_page,
)
from massage_routines.validation.rules import RULES
from tests.strategies_rules import check, registry, registry_with

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs" / "rules.md"
RULE_CODES = [spec.code for rule in RULES for spec in rule.codes]


def test_all_codes_lists_the_reader_the_rules_and_the_engine_in_order() -> None:
    codes = [code for code, _ in all_codes(registry())]
    # other installed plugins may declare codes of their own
    assert set(READER_CODES) | set(ENGINE_CODES) | set(RULE_CODES) <= set(codes)
    assert codes[: len(READER_CODES)] == sorted(READER_CODES)
    builtin = list(code_infos(registry(), builtin_only=True))
    assert builtin[-len(ENGINE_CODES) :] == sorted(ENGINE_CODES)
    assert builtin == [c for c in codes if c in builtin]
    assert all(summary for _, summary in all_codes(registry()))


@pytest.mark.parametrize("code", [c for c, _ in all_codes(registry())])
def test_every_code_is_explained(code: str) -> None:
    text = explain(code, registry())
    assert text is not None
    assert text.startswith(f"{code} ")
    info = code_infos(registry())[code]
    assert info.summary.split()[0] in text


def test_explain_a_rule_code_shows_why_and_both_examples_and_the_finding() -> None:
    text = explain("c003", registry())
    assert text is not None
    assert text.startswith("C003 condition-cap (error, from rule 'conditions' of plugin 'rules')")
    assert "Why: domain.md section 5" in text
    assert "A plan that gets it:" in text and "A plan that does not:" in text
    assert "        - osteoporosis" in text  # the example, indented
    assert "14:15: error C003 pressure 3 on back.upper exceeds the cap of 2" in text


def test_explain_a_reader_code_and_an_engine_code() -> None:
    reader = explain("R104", registry())
    assert reader is not None and "What to do: Use a level of the 0-5 scale." in reader
    assert "pressure: yes" in reader
    engine = explain("X002", registry())
    assert engine is not None and "rule-failed (error, from the rule engine)" in engine
    assert "warning" in (explain("X004", registry()) or "")


def test_unknown_code_is_none() -> None:
    assert explain("Q999", registry()) is None
    assert explain("", registry()) is None


@pytest.mark.parametrize("code", sorted(READER_EXAMPLES))
def test_reader_examples_are_real(code: str) -> None:
    assert code in READER_CODES
    fails, passes = READER_EXAMPLES[code]
    assert code in check(fails).codes()
    assert check(passes).findings == ()


def test_a_plugin_rule_is_explained_with_its_plugin() -> None:
    spec = CodeSpec(
        "HS001",
        "stone-too-hot",
        Severity.WARNING,
        "A hot stone is left on too long.",
        "Burns.",
        fails="",
        passes="",
    )
    rule = RuleSpec("hot_stone", lambda ctx: iter(()), (spec,))
    reg = registry_with(
        ("hot_stone", types.SimpleNamespace(massage_rules=hookimpl(lambda: [rule])))
    )
    text = explain("HS001", reg)
    assert text is not None and "from rule 'hot_stone' of plugin 'hot_stone'" in text
    assert "HS001" in [c for c, _ in all_codes(reg)]
    assert "## HS001" in rules_page(reg, builtin_only=False)
    assert "## HS001" not in rules_page(reg)


def test_the_docs_page_has_every_builtin_code_with_its_examples() -> None:
    page = rules_page(registry())
    for code in [*READER_CODES, *ENGINE_CODES, *RULE_CODES]:
        assert f"\n## {code}\n" in page
    assert page.count("```yaml") == 2 * len(RULE_CODES) + 2 * len(READER_EXAMPLES)


def test_docs_rules_md_is_up_to_date() -> None:
    expected = rules_page(registry())
    assert DOCS.read_text(encoding="utf-8") == expected, (
        "docs/rules.md is stale: run "
        "`.venv/bin/python -m massage_routines.validation.explain > docs/rules.md`"
    )


def test_the_module_writes_the_page() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "massage_routines.validation.explain"],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        timeout=120,
    )
    assert done.stdout == DOCS.read_text(encoding="utf-8")
