"""``techniques [--format text|json]``: what the plugins provide, and from where (advice too).

``--format json`` is the catalog an app builds an intake form from: the styles (positions,
session length, techniques), the techniques' full records, the region tree (parent, children),
the endangerment sites (region, cap, forbidden), the rules and their codes (severity, summary),
and each condition with its description, options (region, trimester, clearance) and effects
(as data and in words), each with the plugin that provides it.
"""

from __future__ import annotations

import enum
import json
import sys
from typing import TYPE_CHECKING

import attrs

from massage_routines.cli.main import EXIT_FINDINGS, EXIT_OK
from massage_routines.plugins.records import (
    AT_REGION,
    Avoid,
    Cap,
    DiscouragePosition,
    DiscourageTechnique,
    Forbid,
    ForbidPosition,
    NeedsClearance,
    Refuse,
)

if TYPE_CHECKING:
    import argparse

    from massage_routines.plugins.records import AdviceSpec, ConditionSpec, Effect
    from massage_routines.plugins.registry import PluginInfo, Registry


def configure(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``techniques``."""
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format")


def _plugin(info: PluginInfo | None) -> dict[str, object] | None:
    if info is None:
        return None
    return {"name": info.name, "distribution": info.distribution, "version": info.version}


def as_json(registry: Registry) -> dict[str, object]:
    """The registry's contents with provenance, as ``--format json`` prints them."""
    return {
        "styles": [
            {
                "name": s.name,
                "positions": [p.value for p in s.positions],
                "session_length": [str(s.session_length.low), str(s.session_length.high)],
                "techniques": list(s.techniques),
                "reaches": list(s.reaches) if s.reaches is not None else None,
                "description": s.description,
                "options": [
                    {"name": o.name, "values": list(o.values), "default": o.default}
                    for o in s.options
                ],
                "self_applied": s.self_applied,
                "pressure": (
                    [int(s.pressure.low), int(s.pressure.high)] if s.pressure is not None else None
                ),
                "plugin": _plugin(registry.provider("style", s.name)),
            }
            for s in registry.styles.values()
        ],
        "techniques": [
            {
                "name": t.name,
                "family": t.family,
                "pressure": [int(t.pressure.low), int(t.pressure.high)],
                "positions": [p.value for p in t.positions],
                "never_on": list(t.never_on),
                "step_length": [str(t.step_length.low), str(t.step_length.high)],
                "description": t.description,
                "reach": list(registry.reach[t.name]) if t.name in registry.reach else None,
                "plugin": _plugin(registry.provider("technique", t.name)),
                "status": "replacing" if t.replaces is not None else "used",
            }
            for t in registry.techniques.values()
        ]
        + _conflicts(registry),
        "reach": [
            {
                "name": name,
                "technique": record.technique,
                "regions": list(record.regions),
                "plugin": _plugin(registry.provider("reach", name)),
            }
            for record in registry.reach_records
            for name in (record.name,)
        ],
        "positions": [
            {
                "name": str.__str__(name),
                "description": spec.description,
                "plugin": _plugin(registry.provider("position", name)),
            }
            for name, spec in registry.positions.items()
        ],
        "conditions": [
            {
                "name": c.name,
                "plugin": _plugin(registry.provider("condition", c.name)),
                **condition_json(c),
            }
            for c in registry.conditions.values()
        ],
        "regions": [
            {
                "name": name,
                "parent": name.rpartition(".")[0] or None,
                "children": list(registry.regions.children(name)),
            }
            for name in registry.regions
        ],
        "sites": [
            {
                "name": site.name,
                "region": site.region,
                "at_risk": site.at_risk,
                "cap": None if site.cap is None else int(site.cap),
                "forbidden": list(site.forbidden),
                "plugin": _plugin(registry.provider("site", site.name)),
            }
            for site in registry.sites
        ],
        "rules": [
            {
                "name": rule.name,
                "description": rule.description,
                "codes": [
                    {
                        "code": code.code,
                        "name": code.name,
                        "severity": code.severity.value,
                        "summary": code.summary,
                    }
                    for code in rule.codes
                ],
                "plugin": _plugin(registry.provider("rule", rule.name)),
            }
            for rule in registry.rules
        ],
        "advice": [
            {
                "name": a.name,
                "when": a.when,
                "text": a.text,
                "styles": list(a.styles),
                "goals": list(a.goals),
                "conditions": list(a.conditions),
                "given_by": a.given_by,
                "source": a.source,
                "plugin": _plugin(registry.provider("advice", a.name)),
            }
            for a in registry.advice
        ],
        "plugins": [
            {
                "name": p.name,
                "distribution": p.distribution,
                "version": p.version,
                "status": p.status,
                "error": p.error,
            }
            for p in registry.plugins
        ],
        "conflicts": [
            {
                "kind": c.kind,
                "name": c.name,
                "status": "conflict",
                "plugins": [_plugin(_info(registry, name)) or {"name": name} for name in c.plugins],
            }
            for c in registry.conflicts
        ],
        "replacements": [
            {
                "kind": r.kind,
                "name": r.name,
                "plugin": _plugin(_info(registry, r.plugin)) or {"name": r.plugin},
                "replaces": r.replaces,
            }
            for r in registry.replacements
        ],
        "problems": [{"plugin": p.plugin, "message": p.message} for p in registry.problems],
    }


def condition_json(spec: ConditionSpec) -> dict[str, object]:
    """What an intake form needs of a condition: its description, the details it takes
    (``region``: ``none``/``optional``/``required``, ``trimester``, ``clearance``: whether a
    clinician's clearance changes anything) and its effects, as data and in words."""
    clearance = any(
        isinstance(e, NeedsClearance) or (isinstance(e, Refuse) and e.lifted_by_clearance)
        for e in spec.effects
    )
    return {
        "description": spec.description,
        "options": {
            "region": spec.region,
            "default_region": spec.default_region,
            "trimester": spec.trimester,
            "clearance": clearance,
        },
        "effects": [_effect(e) for e in spec.effects],
    }


def _plain(value: object) -> object:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, frozenset):
        return sorted(value)
    if isinstance(value, tuple):
        return list(value)
    return value


def _effect(effect: Effect) -> dict[str, object]:
    data: dict[str, object] = {
        field.name: _plain(getattr(effect, field.name)) for field in attrs.fields(type(effect))
    }
    return {"type": type(effect).__name__, **data, "text": _words(effect)}


def _words(effect: Effect) -> str:
    on = ""
    region = getattr(effect, "region", None)
    if region == AT_REGION:
        on = " on the condition's region"
    elif region is not None:
        on = f" on {region}"
    if isinstance(effect, Refuse):
        text = f"no session: {effect.reason}"
        if effect.lifted_by_clearance:
            text += " (unless cleared)"
    elif isinstance(effect, NeedsClearance):
        text = f"needs a clinician's clearance: {effect.reason}"
    elif isinstance(effect, Avoid):
        text = f"no step{on}"
    elif isinstance(effect, Cap):
        text = f"pressure at most {int(effect.level)}{on}"
    elif isinstance(effect, Forbid):
        text = f"no {', '.join(effect.names)}{on}"
    elif isinstance(effect, ForbidPosition):
        text = f"not {effect.position.value}"
    elif isinstance(effect, DiscouragePosition):
        text = f"{effect.position.value} discouraged" + (
            f": {effect.message}" if effect.message else ""
        )
    elif isinstance(effect, DiscourageTechnique):
        text = f"{', '.join(effect.names)} discouraged{on}" + (
            f": {effect.message}" if effect.message else ""
        )
    else:
        text = f"a reminder: {effect.message}"
    if effect.trimesters is not None:
        text += f" (trimester {', '.join(str(t) for t in sorted(effect.trimesters))})"
    return text


def _info(registry: Registry, name: str) -> PluginInfo | None:
    return next((p for p in registry.plugins if p.name == name), None)


def _conflicts(registry: Registry) -> list[dict[str, object]]:
    """One entry per record in conflict, in the shape of the technique entries."""
    return [
        {"name": c.name, "status": "conflict", "plugin": _plugin(_info(registry, name))}
        for c in registry.conflicts
        if c.kind == "technique"
        for name in c.plugins
    ]


def _for_whom(piece: AdviceSpec) -> str:
    """Whom a piece of advice is for, in a few words."""
    parts = [
        f"{label} {', '.join(names)}"
        for label, names in (
            ("style", piece.styles),
            ("goal", piece.goals),
            ("condition", piece.conditions),
        )
        if names
    ]
    if piece.given_by is not None:
        parts.append(
            "sessions a therapist gives" if piece.given_by == "therapist" else "self-massage"
        )
    return "; ".join(parts) if parts else "everyone"


def run(args: argparse.Namespace) -> int:
    """Print the registry; exit 1 when a plugin is broken (no plan can be valid then)."""
    from massage_routines.plugins.registry import default_registry
    from massage_routines.text import listing, plural

    registry = default_registry()
    if args.format == "json":
        json.dump(as_json(registry), sys.stdout, indent=1)
        sys.stdout.write("\n")
        return EXIT_FINDINGS if registry.problems else EXIT_OK
    write = sys.stdout.write
    conflicted = {c.name for c in registry.conflicts if c.kind == "technique"}
    for style in registry.styles.values():
        info = registry.provider("style", style.name)
        source = f"  [{info.source}]" if info else ""
        write(f"style {style.name}{source}\n")
        write(
            f"  positions: {', '.join(p.value for p in style.positions)}; "
            f"session {style.session_length}; "
            f"reaches: {', '.join(style.reaches) if style.reaches else 'every region'}\n"
        )
        for option in style.options:
            about = f": {option.description}" if option.description else ""
            write(
                f"  option --opt {option.name}={'|'.join(option.values)} "
                f"(default {option.default}){about}\n"
            )
        if style.self_applied or style.pressure is not None:
            band = f"pressure {style.pressure}" if style.pressure is not None else ""
            own = "self-applied: each technique only where the person reaches" * style.self_applied
            write(f"  {'; '.join(x for x in (band, own) if x)}\n")
        for name in style.techniques:
            technique = registry.techniques.get(name)
            if technique is None:
                if name not in conflicted:
                    write(f"    {name:22} (no plugin provides it)\n")
                continue
            tinfo = registry.provider("technique", name)
            family = f" {technique.family}" if technique.family else ""
            write(
                f"    {name:22} pressure {technique.pressure!s:4} "
                f"steps {technique.step_length!s:10}{family:11} "
                f"[{tinfo.source if tinfo else '?'}]\n"
            )
            if style.self_applied:
                reach = registry.reach.get(name)
                write(
                    f"      reach: {', '.join(reach) if reach else 'none (never self-applied)'}\n"
                )
    used = {name for style in registry.styles.values() for name in style.techniques}
    for name in registry.techniques:
        if name not in used:
            tinfo = registry.provider("technique", name)
            write(f"technique {name} (no style uses it) [{tinfo.source if tinfo else '?'}]\n")
    for conflict in registry.conflicts:
        for name in conflict.plugins:
            info = _info(registry, name)
            write(
                f"{conflict.kind} {conflict.name} conflict (not used) "
                f"[{info.source if info else name}]\n"
            )
    for replaced in registry.replacements:
        write(
            f"{replaced.kind} {replaced.name} replaces the one of {replaced.replaces} "
            f"[{replaced.source}]\n"
        )
    write(f"{plural(len(registry.positions), 'position')}:\n")
    for name, spec in registry.positions.items():
        info = registry.provider("position", name)
        write(f"  {name:14} {spec.description} [{info.source if info else 'base'}]\n")
    write(f"{plural(len(registry.conditions), 'condition')}: {listing(registry.conditions)}\n")
    write(f"{plural(len(registry.advice), 'piece')} of advice:\n")
    for piece in registry.advice:
        info = registry.provider("advice", piece.name)
        source = info.source if info else "?"
        write(f"  {piece.name:26} {piece.when:6} {_for_whom(piece)} [{source}]\n")
    write("plugins:\n")
    for plugin in registry.plugins:
        error = f": {plugin.error}" if plugin.error else ""
        write(
            f"  {plugin.name:14} {plugin.distribution} {plugin.version}  {plugin.status}{error}\n"
        )
    for problem in registry.problems:
        write(f"problem: {problem.message}\n")
    return EXIT_FINDINGS if registry.problems else EXIT_OK
