"""``explain``: what each finding code checks, why, and a plan that fails and one that passes.

Every code is described by whoever gives it: the plan reader (:data:`~massage_routines.planfile.
codes.READER_CODES`, ``R…``), the rule engine (:data:`~massage_routines.validation.codes.
ENGINE_CODES`, ``X…``) and each rule, whose :class:`~massage_routines.plugins.records.CodeSpec`
records carry their examples (``V``, ``F``, ``C``, ``E``, ``T``, ``S``, ``P`` for the built-in
rules, and whatever codes plugins declare).

>>> from massage_routines.plugins.registry import default_registry
>>> print(explain("F001", default_registry()))  # doctest: +SKIP

``python -m massage_routines.validation.explain > docs/rules.md`` writes the reference page of
every code (the built-in plugins' only, so the page does not depend on what else is installed).
"""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

import attrs

from massage_routines.findings import Severity
from massage_routines.planfile.codes import READER_CODES
from massage_routines.validation.codes import ENGINE_CODES, ENGINE_WARNINGS
from massage_routines.validation.rules.examples import back_care, conditions_block, step_text

if TYPE_CHECKING:
    from massage_routines.findings import Finding
    from massage_routines.plugins.registry import Registry

#: A plan every reader example starts from: valid as it is.
_SECOND = step_text("petrissage", "back.upper", 3)
_BASE = back_care(_SECOND)


def _edit(old: str, new: str) -> str:
    assert _BASE.count(old) == 1, old
    return _BASE.replace(old, new)


def _pregnant(trimester: int) -> str:
    client = conditions_block({"name": "pregnancy", "trimester": trimester})
    return back_care(_SECOND, position="side_lying", client=client)


#: Reader codes that a small plan can show: code → (fails, passes).
READER_EXAMPLES: dict[str, tuple[str, str]] = {
    "R002": ("# a plan, one day\n", _BASE),
    "R004": (_edit("position: prone\n", "position: [prone\n"), _BASE),
    "R005": (_BASE + "---\n" + _BASE, _BASE),
    "R006": (
        _edit("    region: back.upper\n", "    region: back.upper\n    region: back.middle\n"),
        _BASE,
    ),
    "R007": (_edit("    pressure: 3\n", "    pressure: !!int 3\n"), _BASE),
    "R101": (_edit("    pressure: 3\n", "    presure: 3\n"), _BASE),
    "R102": (_edit("name: Back care\n", ""), _BASE),
    "R103": (_edit("    region: back.upper\n", "    region: [back.upper]\n"), _BASE),
    "R104": (_edit("    pressure: 3\n", "    pressure: yes\n"), _BASE),
    "R105": (
        _edit(
            "    duration: 10m\n  - technique: petrissage",
            "    duration: 10\n  - technique: petrissage",
        ),
        _BASE,
    ),
    "R106": (_edit("position: prone\n", "position: Face Down\n"), _BASE),
    "R107": ("format: massage-routine/2\n" + _BASE, "format: massage-routine/1\n" + _BASE),
    "R108": (_BASE.split("steps:", maxsplit=1)[0] + "steps: []\n", _BASE),
    "R110": (_edit("    region: back.upper\n", "    region: Back Upper\n"), _BASE),
    "R111": (_pregnant(4), _pregnant(2)),
    "R112": (_edit("name: Back care\n", 'name: ""\n'), _BASE),
    "R113": (
        _BASE + "advice:\n  - when: later\n    text: Rest for a while.\n",
        _BASE + "advice:\n  - when: after\n    text: Rest for a while.\n",
    ),
}


@attrs.frozen
class CodeInfo:
    """What ``explain`` knows of one code, wherever it is declared."""

    code: str
    name: str
    severity: Severity
    summary: str
    why: str = ""
    fix: str = ""
    fails: str = ""
    passes: str = ""
    source: str = ""


def code_infos(registry: Registry, *, builtin_only: bool = False) -> dict[str, CodeInfo]:
    """Every code, sorted: the reader's, the engine's and each rule's (``builtin_only``: only
    the rules of the built-in plugins). A code two rules declare is described by the first."""
    infos: dict[str, CodeInfo] = {}
    for code, (name, meaning, fix) in READER_CODES.items():
        fails, passes = READER_EXAMPLES.get(code, ("", ""))
        infos[code] = CodeInfo(
            code, name, Severity.ERROR, meaning, "", fix, fails, passes, "the plan reader"
        )
    for code, (name, meaning, fix) in ENGINE_CODES.items():
        severity = Severity.WARNING if code in ENGINE_WARNINGS else Severity.ERROR
        infos[code] = CodeInfo(code, name, severity, meaning, "", fix, "", "", "the rule engine")
    for rule in registry.rules:
        plugin = registry.provider("rule", rule.name)
        if builtin_only and (plugin is None or not plugin.builtin):
            continue
        where = f"rule {rule.name!r}"
        if plugin is not None:
            where += f" of plugin {plugin.name!r}"
        for spec in rule.codes:
            infos.setdefault(
                spec.code,
                CodeInfo(
                    spec.code,
                    spec.name,
                    spec.severity,
                    spec.summary,
                    spec.why,
                    "",
                    spec.fails,
                    spec.passes,
                    where,
                ),
            )
    return {code: infos[code] for code in sorted(infos, key=_order)}


_FAMILIES = "RVFCETSPKX"


def _order(code: str) -> tuple[int, str]:
    family = _FAMILIES.find(code[:1])
    return (family if family >= 0 else len(_FAMILIES), code)


def all_codes(registry: Registry) -> list[tuple[str, str]]:
    """``(code, summary)`` of every code, in order (the reader's first, the engine's last)."""
    return [(info.code, info.summary) for info in code_infos(registry).values()]


def example_finding(info: CodeInfo, registry: Registry) -> Finding | None:
    """The finding of ``info.code`` that its failing example gives, or None."""
    if not info.fails:
        return None
    from massage_routines.validation.engine import validate_text

    for finding in validate_text(info.fails, registry, craft=True).findings:
        if finding.code == info.code:
            return finding
    return None


def _where(finding: Finding) -> str:
    place = f"{finding.line}:{finding.column}" if finding.line is not None else "-"
    return f"{place}: {finding.severity} {finding.code} {finding.message}"


def explain(code: str, registry: Registry) -> str | None:
    """What ``code`` checks, why, and a plan that fails and one that passes; None if unknown."""
    info = code_infos(registry).get(code.strip().upper())
    if info is None:
        return None
    width = 88
    out = [f"{info.code} {info.name} ({info.severity}, from {info.source})", ""]
    out.append(textwrap.fill(info.summary, width))
    if info.why:
        out += ["", textwrap.fill(f"Why: {info.why}", width)]
    if info.fix:
        out += ["", textwrap.fill(f"What to do: {info.fix}", width)]
    if info.fails:
        out += ["", "A plan that gets it:", "", textwrap.indent(info.fails.rstrip("\n"), "    ")]
        finding = example_finding(info, registry)
        if finding is not None:
            out += ["", textwrap.fill(f"which gives  {_where(finding)}", width)]
    if info.passes:
        out += ["", "A plan that does not:", "", textwrap.indent(info.passes.rstrip("\n"), "    ")]
    return "\n".join(out)


_INTRO = """\
# Finding codes

Every finding that `massage-routines validate` reports has a stable code. This page lists them
all, with what each checks, why (the section of the domain reference it comes from), and, where
a plan can show it, a plan that gets it and a near-identical plan that does not. The same text
is one command away: `massage-routines explain CODE`. "domain.md section N" refers to
[the domain reference](domain.md) and "plan-format.md" to [the plan format](plan-format.md).

Codes never change meaning; new problems get new codes. `R` codes come from the plan reader
(the file and its structure), `X` codes from the rule engine (what stops a plan from being fully
checked), and the rest from the built-in rules:

| prefix | rule | what |
|---|---|---|
| `V` | vocabulary | every name is known; conditions have the details they need |
| `F` | flags | no step touches a flagged region |
| `C` | conditions | what the client's conditions and own cap ask of the session |
| `E` | sites | endangerment sites take broad, light contact |
| `T` | techniques | each step within its technique's range, positions, sites and length |
| `S` | styles | each step within its style; the session's length |
| `P` | progression | warm-up before deep work; gradual pressure changes |
| `K` | craft | how a therapist would run the session (warnings, only with `validate --craft`) |

An error makes a plan invalid; a warning does too under `--strict`.

<!-- Generated by `python -m massage_routines.validation.explain > docs/rules.md`: do not edit. -->
"""


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def rules_page(registry: Registry, *, builtin_only: bool = True) -> str:
    """The markdown reference page of every code (docs/rules.md)."""
    infos = code_infos(registry, builtin_only=builtin_only)
    out = [_INTRO, "| code | name | severity | what |", "|---|---|---|---|"]
    for info in infos.values():
        out.append(
            f"| [{info.code}](#{info.code.lower()}) | `{info.name}` | {info.severity} | "
            f"{_cell(info.summary)} |"
        )
    for info in infos.values():
        out += [
            "",
            f"## {info.code}",
            "",
            f"**`{info.name}`**, {info.severity}, from {info.source}.",
            "",
        ]
        out.append(info.summary)
        if info.why:
            out += ["", f"*Why.* {info.why}"]
        if info.fix:
            out += ["", f"*What to do.* {info.fix}"]
        if info.fails:
            out += ["", "A plan that gets it:", "", "```yaml", info.fails.rstrip("\n"), "```"]
            finding = example_finding(info, registry)
            if finding is not None:
                path = f"`{finding.path}` " if finding.path else ""
                out += [
                    "",
                    f"{path}line {finding.line}, column {finding.column}: {finding.message}",
                ]
        if info.passes:
            out += ["", "A plan that does not:", "", "```yaml", info.passes.rstrip("\n"), "```"]
    return "\n".join(out) + "\n"


def _main() -> None:
    import sys

    from massage_routines.plugins.registry import build_registry

    sys.stdout.write(rules_page(build_registry(select="all")))


if __name__ == "__main__":
    _main()
