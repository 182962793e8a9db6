"""The one coherence checker for plugin records, used at load and by plugin authors' tests.

The registry (:mod:`massage_routines.plugins.registry`) runs it over every record the loaded
plugins provide, and :func:`massage_routines.testing.check_records` /
:func:`~massage_routines.testing.check_plugin` run it over one plugin's records against the
other plugins: both find the same things, worded the same way.

What it checks, so that a plugin cannot weaken the knowledge base quietly (names are written
as :mod:`~massage_routines.plugins.names` says; clashes are settled by
:mod:`~massage_routines.plugins.clashes`):

- names: techniques, families, styles, conditions, sites, rules and advice are lower_snake ASCII
  (``hot_stone``), regions dotted lower_snake (``back.upper.rhomboids``), finding codes
  upper-case letters and digits (``HS001``). ``Osteoporosis``, a Cyrillic ``оsteoporosis`` or
  ``osteoporosis `` would name nothing the conditions know (and switch no effect on), so such a
  name is a problem, and the message names the record it reads as;
- clashes: two plugins that provide one name are a *conflict*: neither record is used, unless
  one says ``replaces="<the other plugin>"`` (see :data:`~.records.REPLACES`);
- codes: a finding code declared twice, or one the engine or the reader gives (``X001``,
  ``R004``), is a problem;
- references: names and regions that records use exist; pressures, positions, lengths and
  shapes are consistent; advice says when it applies, has a text, and its selectors name
  styles, goals and conditions that exist (advice meant for nobody is a problem).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from massage_routines.findings import Severity
from massage_routines.model.position import Position
from massage_routines.model.regions import BASE_REGIONS, is_region_name, matches_pattern
from massage_routines.model.routine import WHEN
from massage_routines.plugins.clashes import Conflict, Incoherence, Provided
from massage_routines.plugins.names import (
    code_problem,
    name_problem,
    replaces_problem,
    reserved_codes,
)
from massage_routines.plugins.records import (
    AT_FOCUS,
    AT_REGION,
    BASE_POSITIONS,
    EFFECT_TYPES,
    GIVEN_BY,
    KIND_OF,
    AdviceSpec,
    Avoid,
    Block,
    Cap,
    ConditionSpec,
    DiscourageTechnique,
    DurationRange,
    Forbid,
    Kind,
    Move,
    PositionSpec,
    PressureRange,
    ReachSpec,
    RegionSpec,
    RuleSpec,
    SiteSpec,
    StyleOption,
    StyleSpec,
    TechniqueSpec,
)

if TYPE_CHECKING:
    from collections.abc import Iterable

    from massage_routines.plugins.registry import Registry


def check_codes(rules: Iterable[Provided]) -> list[Incoherence]:
    """Codes written wrongly, declared twice, or that the host gives itself."""
    problems: list[Incoherence] = []
    reserved = reserved_codes()
    owner: dict[str, str] = {}
    for item in rules:
        rule = item.record
        assert isinstance(rule, RuleSpec)
        what = f"plugin {item.source}: rule {rule.name!r}"
        for spec in rule.codes:
            code = getattr(spec, "code", None)
            wrong = code_problem(code)
            if wrong is not None:
                problems.append(Incoherence(item.plugin, f"{what}: {wrong}"))
                continue
            assert isinstance(code, str)
            if code in reserved:
                problems.append(
                    Incoherence(item.plugin, f"{what}: the code {code} is {reserved[code]}'s")
                )
            elif code in owner:
                problems.append(
                    Incoherence(
                        item.plugin, f"{what}: the code {code} is also declared by {owner[code]}"
                    )
                )
            else:
                owner[code] = f"rule {rule.name!r} of plugin {item.source}"
            if not isinstance(getattr(spec, "severity", None), Severity):
                problems.append(
                    Incoherence(
                        item.plugin, f"{what}: code {code!r} has severity {spec.severity!r}"
                    )
                )
    return problems


def check_loaded(
    used: dict[Kind, dict[str, Provided]], conflicts: Iterable[Conflict] = ()
) -> tuple[set[str], list[Incoherence]]:
    """Check the records the registry uses against each other: the region names they make up
    (base tree first) and each problem with the plugin to blame.

    A technique (or its family) in ``conflicts`` is reported once, as the conflict; the records
    that use it are not blamed for it as well.
    """
    checker = Checker(None, None)
    for conflict in conflicts:
        if conflict.kind == "technique":
            checker.conflicted |= {conflict.name, *conflict.families}
        checker.conflicted_names.add((conflict.kind, conflict.name))
    for kind, records in used.items():
        for name, item in records.items():
            checker.by_kind[kind][name] = item.record
            checker.owners[id(item.record)] = (item.plugin, item.source)
    regions = checker.run_known(
        [item.record for records in used.values() for item in records.values()]
    )
    rules = list(used["rule"].values())
    return regions, [*checker.problems, *check_codes(rules)]


class Checker:
    """Checks records against each other and against a registry; collects :class:`Incoherence`.

    ``registry`` holds the other plugins' records (``None``: the base region tree only);
    its records from the plugin named ``owner`` are the records' own older copy and are left
    out.
    """

    def __init__(self, registry: Registry | None, owner: str | None) -> None:
        self.registry = registry
        self.owner = owner
        self.problems: list[Incoherence] = []
        self.regions: set[str] = set(BASE_REGIONS)
        self.by_kind: dict[Kind, dict[str, object]] = {kind: {} for kind in KIND_OF.values()}
        #: id(record) → (plugin, source), when records come from several plugins.
        self.owners: dict[int, tuple[str, str]] = {}
        self._current: object = None
        #: Technique names in conflict at load (known, though no record of them is used).
        self.conflicted: set[str] = set()
        #: (kind, name) of every record in conflict at load, reported once as the conflict.
        self.conflicted_names: set[tuple[Kind, str]] = set()

    def report(self, message: str) -> None:
        """A problem of the record being checked."""
        owner = self.owners.get(id(self._current))
        if owner is None:
            self.problems.append(Incoherence(None, message))
        else:
            self.problems.append(Incoherence(owner[0], f"plugin {owner[1]}: {message}"))

    # --- what is known: the registry's records (but the owner's own) and the new records

    def _registry_has(self, kind: Kind, name: str) -> str | None:
        """The source of the registry's record of that name, unless it is the owner's."""
        if self.registry is None:
            return None
        info = self.registry.provider(kind, name)
        if info is None or info.name == self.owner:
            return None
        return info.source

    def _known_regions(self) -> set[str]:
        names = set(BASE_REGIONS)
        if self.registry is not None:
            for name in self.registry.regions:
                info = self.registry.provider("region", name)
                if info is None or info.name != self.owner:
                    names.add(name)
        return names

    def technique(self, name: str) -> TechniqueSpec | None:
        spec = self.by_kind["technique"].get(name)
        if isinstance(spec, TechniqueSpec):
            return spec
        if self.registry is not None and self._registry_has("technique", name):
            return self.registry.techniques.get(name)
        return None

    def families(self) -> set[str]:
        out = {
            t.family
            for t in self.by_kind["technique"].values()
            if isinstance(t, TechniqueSpec) and t.family
        }
        if self.registry is not None:
            out |= {
                t.family
                for n, t in self.registry.techniques.items()
                if t.family and self._registry_has("technique", n)
            }
        return out

    def run(self, records: Iterable[object]) -> list[Incoherence]:
        """Check new records (one plugin's) against each other and the registry."""
        listed = list(records)
        for record in listed:
            self._current = record
            kind = KIND_OF.get(type(record))
            if kind is None:
                self.report(
                    f"{record!r} is not a record (expected one of "
                    f"{', '.join(t.__name__ for t in KIND_OF)})"
                )
                continue
            name = getattr(record, "name", None)
            wrong = name_problem(kind, name)
            if wrong is not None:
                self.report(wrong)
                continue
            assert isinstance(name, str)
            wrong = replaces_problem(kind, name, getattr(record, "replaces", None))
            if wrong is not None:
                self.report(wrong)
            if name in self.by_kind[kind]:
                self.report(f"{kind} {name!r} is provided twice")
                continue
            elsewhere = self._registry_has(kind, name)
            replaces = getattr(record, "replaces", None)
            if elsewhere is not None and self.registry is not None:
                info = self.registry.provider(kind, name)
                if info is None or replaces != info.name:
                    self.report(
                        f"{kind} {name!r} is provided by {elsewhere} too (a conflict: neither "
                        "is used; say replaces=... on the record to replace it)"
                    )
            self.by_kind[kind][name] = record
        self.run_known([r for r in listed if KIND_OF.get(type(r)) is not None])
        return self.problems

    def run_known(self, listed: list[object]) -> set[str]:
        """Check records already gathered in ``by_kind``; the region names they make up."""
        self.regions = self._region_tree()
        for record in listed:
            self._current = record
            if isinstance(record, TechniqueSpec):
                self.check_technique(record)
            elif isinstance(record, StyleSpec):
                self.check_style(record)
            elif isinstance(record, SiteSpec):
                self.check_site(record)
            elif isinstance(record, ConditionSpec):
                self.check_condition(record)
            elif isinstance(record, RuleSpec):
                self.check_rule(record)
            elif isinstance(record, AdviceSpec):
                self.check_advice(record)
            elif isinstance(record, ReachSpec):
                self.check_reach(record)
            elif isinstance(record, PositionSpec):
                self.check_position(record)
        self._current = None
        return self.regions

    # --- regions

    def _region_tree(self) -> set[str]:
        known = self._known_regions()
        new = [r for r in self.by_kind["region"].values() if isinstance(r, RegionSpec)]
        for spec in sorted(new, key=lambda r: r.name.count(".")):
            self._current = spec
            name = spec.name
            parent = name.rpartition(".")[0]
            if not is_region_name(name):
                self.report(
                    f"region {name!r} is not a region name (lower-case words joined by dots)"
                )
            elif name in known:
                self.report(f"region {name!r} is already in the region tree")
            elif not parent or parent not in known:
                self.report(
                    f"region {name!r} has no parent in the tree{near(parent or name, known)}"
                )
            else:
                known.add(name)
        return known

    def region(self, what: str, region: str | None) -> None:
        if region is None or region in (AT_REGION, AT_FOCUS):
            return
        if "*" in region:
            if any(matches_pattern(n, region) for n in self.regions):
                return
        elif region in self.regions:
            return
        self.report(f"{what}: {region!r} is not a known region{near(region, self.regions)}")

    # --- values

    def pressure_range(self, what: str, value: object) -> bool:
        if not isinstance(value, PressureRange):
            self.report(f"{what}: {value!r} is not a PressureRange")
            return False
        low_ok = self.pressure(f"{what} low", value.low)
        high_ok = self.pressure(f"{what} high", value.high)
        return low_ok and high_ok and self.ordered(what, value.low, value.high)

    def pressure(self, what: str, value: object) -> bool:
        if type(value) is bool or not isinstance(value, int) or not 0 <= value <= 5:
            self.report(f"{what}: {value!r} is not a pressure level 0-5")
            return False
        return True

    def ordered(self, what: str, low: object, high: object) -> bool:
        if low > high:  # type: ignore[operator]
            self.report(f"{what}: low {low} is above high {high}")
            return False
        return True

    def known_positions(self) -> set[str]:
        """The base positions, the new records' and the registry's (but the owner's)."""
        names = {str.__str__(p.name) for p in BASE_POSITIONS} | set(self.by_kind["position"])
        if self.registry is not None:
            names |= {
                str.__str__(n)
                for n in self.registry.positions
                if n in names or self._registry_has("position", n) is not None
            }
        return names

    def positions(self, what: str, values: object) -> tuple[Position, ...]:
        good = []
        known = self.known_positions()
        for value in values if isinstance(values, tuple) else ():
            if not isinstance(value, Position):
                self.report(f"{what}: {value!r} is not a position")
            elif value not in known and ("position", value) not in self.conflicted_names:
                self.report(
                    f"{what}: position {str.__str__(value)!r} is provided by no plugin"
                    f"{near(value, known)} "
                    "(a PositionSpec record, hook massage_positions)"
                )
            else:
                good.append(value)
        if not good:
            self.report(f"{what}: no position")
        return tuple(good)

    def name_used(self, what: str, name: str) -> None:
        if name in self.conflicted:
            return
        if self.technique(name) is None and name not in self.families():
            self.report(f"{what}: {name!r} is no technique or family{near(name, self._names())}")

    def _names(self) -> set[str]:
        out = set(self.by_kind["technique"]) | self.families()
        if self.registry is not None:
            out |= {n for n in self.registry.techniques if self._registry_has("technique", n)}
        return out

    # --- records

    def check_technique(self, spec: TechniqueSpec) -> None:
        what = f"technique {spec.name!r}"
        if spec.family is not None:
            wrong = name_problem("family", spec.family)
            if wrong is not None:
                self.report(f"{what}: {wrong}")
        self.pressure_range(f"{what}: pressure", spec.pressure)
        self.positions(f"{what}: positions", spec.positions)
        for site in spec.never_on:
            self.region(f"{what}: never_on", site)
        if not isinstance(spec.step_length, DurationRange):
            self.report(f"{what}: step_length {spec.step_length!r} is not a DurationRange")
        else:
            self.ordered(f"{what}: step_length", spec.step_length.low, spec.step_length.high)

    def check_style(self, spec: StyleSpec) -> None:
        what = f"style {spec.name!r}"
        positions = self.positions(f"{what}: positions", spec.positions)
        if isinstance(spec.session_length, DurationRange):
            self.ordered(
                f"{what}: session_length", spec.session_length.low, spec.session_length.high
            )
        else:
            self.report(f"{what}: session_length {spec.session_length!r} is not a DurationRange")
        if not spec.techniques:
            self.report(f"{what}: uses no technique")
        for name in spec.techniques:
            technique = self.technique(name)
            if name in self.conflicted:
                continue
            if technique is None:
                self.report(
                    f"{what}: uses {name!r}, which no plugin provides{near(name, self._names())}"
                )
            elif positions and not set(technique.positions) & set(positions):
                self.report(
                    f"{what}: uses {name!r}, which cannot be done in any of its positions "
                    f"({', '.join(positions)})"
                )
        for region in spec.reaches or ():
            self.region(f"{what}: reaches", region)
        if spec.pressure is not None:
            self.pressure_range(f"{what}: pressure", spec.pressure)
        for field, names in (("opening", spec.opening), ("closing", spec.closing)):
            for name in names or ():
                if name not in spec.techniques:
                    self.report(f"{what}: {field} {name!r} is not one of the style's techniques")
        shape = spec.shape
        if not shape.blocks:
            self.report(
                f"{what}: its shape has no blocks, so the composer cannot lay out a session"
            )
        for i, block in enumerate(shape.blocks):
            self.check_block(spec, f"{what}: shape block {i} ({block.region})", block)
        self.check_options(spec, what)
        for i, move in enumerate(shape.pattern):
            self.check_move(spec, f"{what}: shape pattern move {i}", move)
        if shape.link is not None:
            self.check_move(spec, f"{what}: shape link", shape.link)

    def check_options(self, spec: StyleSpec, what: str) -> None:
        """Options named and valued the one way, and ``when`` on blocks naming them."""
        seen: set[str] = set()
        for option in spec.options:
            if not isinstance(option, StyleOption):
                self.report(f"{what}: option {option!r} is not a StyleOption")
                continue
            for problem in (
                name_problem("option", option.name),
                *(name_problem("option value", v) for v in option.values),
            ):
                if problem is not None:
                    self.report(f"{what}: {problem}")
            if option.name in seen:
                self.report(f"{what}: option {option.name!r} is declared twice")
            seen.add(option.name)
        for i, block in enumerate(spec.shape.blocks):
            for name, values in block.when:
                declared = spec.option(name)
                if declared is None:
                    self.report(
                        f"{what}: shape block {i} ({block.region}): when names {name!r}, "
                        f"which is no option of the style{near(name, seen)}"
                    )
                    continue
                for value in values:
                    if value not in declared.values:
                        self.report(
                            f"{what}: shape block {i} ({block.region}): when {name}={value!r} "
                            f"is not one of the option's values ({', '.join(declared.values)})"
                        )
        for option in spec.options:
            if not isinstance(option, StyleOption):
                continue
            for value in option.values:
                chosen = {o.name: o.default for o in spec.options if isinstance(o, StyleOption)}
                chosen[option.name] = value
                if spec.shape.blocks and not any(b.applies(chosen) for b in spec.shape.blocks):
                    self.report(f"{what}: with {option.name}={value} its shape has no block")

    def check_block(self, style: StyleSpec, what: str, block: Block) -> None:
        self.region(what, block.region)
        if (
            style.reaches is not None
            and block.region not in (AT_FOCUS, AT_REGION)
            and not any(matches_pattern(block.region, r) for r in style.reaches)
        ):
            self.report(f"{what}: the style does not reach {block.region!r}")
        if not block.weight > 0:
            self.report(f"{what}: weight {block.weight} is not above 0")
        if block.position is not None and block.position not in style.positions:
            self.report(f"{what}: position {block.position} is not one of the style's")
        if not block.moves and not style.shape.pattern:
            self.report(f"{what}: has no moves and the shape has no pattern")
        for i, move in enumerate(block.moves):
            self.check_move(style, f"{what} move {i}", move)

    def check_move(self, style: StyleSpec, what: str, move: Move) -> None:
        if not move.weight > 0:
            self.report(f"{what}: weight {move.weight} is not above 0")
        if move.target not in ("area", "within"):
            self.report(f"{what}: target {move.target!r} is not 'area' or 'within'")
        band_ok = self.pressure_range(f"{what}: pressure", move.pressure)
        if not move.techniques:
            self.report(f"{what}: names no technique")
        for name in move.techniques:
            technique = self.technique(name)
            if name in self.conflicted:
                continue
            if technique is None:
                self.report(f"{what}: uses {name!r}, which no plugin provides")
                continue
            if name not in style.techniques:
                self.report(f"{what}: uses {name!r}, which the style does not list")
            band, own = move.pressure, technique.pressure
            if band_ok and not (own.low <= band.low and band.high <= own.high):
                self.report(f"{what}: pressure {band} is outside {name!r}'s range {own}")

    def check_site(self, spec: SiteSpec) -> None:
        what = f"site {spec.name!r}"
        self.region(f"{what}: region", spec.region)
        if spec.cap is not None:
            self.pressure(f"{what}: cap", spec.cap)
        for name in spec.forbidden:
            self.name_used(f"{what}: forbidden", name)
        if spec.cap is None and not spec.forbidden:
            self.report(f"{what}: neither caps pressure nor forbids anything")

    def check_condition(self, spec: ConditionSpec) -> None:
        what = f"condition {spec.name!r}"
        if spec.region not in ("none", "optional", "required"):
            self.report(f"{what}: region {spec.region!r} is not 'none', 'optional' or 'required'")
        if spec.default_region is not None:
            self.region(f"{what}: default_region", spec.default_region)
            if spec.region != "optional":
                self.report(f"{what}: default_region is only used when the region is optional")
        has_region = spec.region != "none"
        if not spec.effects:
            self.report(f"{what}: has no effects")
        for i, effect in enumerate(spec.effects):
            at = f"{what}: effect {i} ({type(effect).__name__})"
            if not isinstance(effect, EFFECT_TYPES):
                self.report(f"{what}: effect {i} {effect!r} is not an effect")
                continue
            trimesters = effect.trimesters
            if trimesters is not None:
                if not spec.trimester:
                    self.report(f"{at}: has trimesters, but the condition takes no trimester")
                if not trimesters or not trimesters <= {1, 2, 3}:
                    self.report(f"{at}: trimesters {sorted(trimesters)} are not within 1-3")
            if isinstance(effect, Avoid | Cap | Forbid | DiscourageTechnique):
                self.region(at, effect.region)
                if isinstance(effect, Avoid) and effect.region == AT_REGION and not has_region:
                    self.report(f"{at}: avoids the condition's region, but it takes none")
            if isinstance(effect, Cap):
                self.pressure(f"{at}: level", effect.level)
            if isinstance(effect, Forbid | DiscourageTechnique):
                for name in effect.names:
                    self.name_used(at, name)

    def check_reach(self, spec: ReachSpec) -> None:
        what = f"reach {spec.name!r}"
        name = spec.technique
        if name not in self.conflicted and self.technique(name) is None:
            self.report(
                f"{what}: technique {name!r} is provided by no plugin{near(name, self._names())}"
            )
        if not spec.regions:
            self.report(f"{what}: reaches no region")
        for region in spec.regions:
            self.region(f"{what}: regions", region)

    def check_position(self, spec: PositionSpec) -> None:
        if spec.name in {p.name for p in BASE_POSITIONS}:
            self.report(
                f"position {spec.name!r} is a base position (it comes with the library; "
                "no plugin provides it)"
            )

    def check_rule(self, spec: RuleSpec) -> None:
        what = f"rule {spec.name!r}"
        if not callable(spec.check):
            self.report(f"{what}: check is not callable")
        if not spec.codes:
            self.report(f"{what}: declares no finding code")
        if self.owners:  # at load, codes are checked across all rules by check_codes
            return
        seen: set[str] = set()
        others: dict[str, str] = dict(reserved_codes())
        if self.registry is not None:
            for name, (_, rule) in self.registry.codes().items():
                source = self._registry_has("rule", rule.name)
                if source is not None:
                    others[name] = f"rule {rule.name!r} of {source}"
        for other in self.by_kind["rule"].values():
            if isinstance(other, RuleSpec) and other is not spec:
                for other_code in other.codes:
                    others.setdefault(other_code.code, f"rule {other.name!r}")
        for code in spec.codes:
            wrong = code_problem(code.code)
            if wrong is not None:
                self.report(f"{what}: {wrong}")
            if code.code in seen:
                self.report(f"{what}: declares the code {code.code!r} twice")
            seen.add(code.code)
            if code.code in others:
                self.report(
                    f"{what}: the code {code.code!r} is also declared by {others[code.code]}"
                )
            if not isinstance(code.severity, Severity):
                self.report(f"{what}: code {code.code!r} has severity {code.severity!r}")

    def _known(self, kind: Kind, name: str) -> bool:
        """Whether a record ``name`` of ``kind`` exists (among the new records or elsewhere)."""
        return (
            name in self.by_kind[kind]
            or (kind, name) in self.conflicted_names
            or self._registry_has(kind, name) is not None
        )

    def _kind_names(self, kind: Kind) -> set[str]:
        names = set(self.by_kind[kind])
        if self.registry is not None:
            names |= {n for (k, n) in self.registry.provenance if k == kind}
        return names

    def check_advice(self, spec: AdviceSpec) -> None:
        what = f"advice {spec.name!r}"
        if spec.when not in WHEN:
            self.report(f"{what}: when {spec.when!r} is not 'before', 'during' or 'after'")
        if not isinstance(spec.text, str) or not spec.text.strip():
            self.report(f"{what}: has no text")
        if not isinstance(spec.source, str):
            self.report(f"{what}: source {spec.source!r} is not text")
        if spec.given_by is not None and spec.given_by not in GIVEN_BY:
            self.report(
                f"{what}: given_by {spec.given_by!r} is not 'therapist', 'self' or None (any "
                "session)"
            )
        selectors: tuple[tuple[Kind, tuple[str, ...]], ...] = (
            ("style", spec.styles),
            ("condition", spec.conditions),
        )
        for kind, names in selectors:
            for name in names:
                if not self._known(kind, name):
                    known = self._kind_names(kind)
                    self.report(
                        f"{what}: {kind} {name!r} is no {kind} any plugin provides"
                        f"{near(name, known)}"
                    )
        if spec.goals:
            from massage_routines.composition.request import GOALS

            for goal in spec.goals:
                if goal not in GOALS:
                    self.report(
                        f"{what}: goal {goal!r} is not one of {', '.join(GOALS)}{near(goal, GOALS)}"
                    )


def near(name: str, choices: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` for the closest of ``choices``, or nothing (only when something
    is wrong, so the import stays off the start-up path)."""
    from massage_routines.planfile.structure import suggest

    return suggest(name, sorted(choices))
