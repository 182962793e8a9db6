"""Located YAML nodes → the model, strictly: every problem becomes a finding with its place.

The structurer never stops at the first problem. A step with a bad value is left out of the
routine it builds (its findings stand), so the safety rules can still run on the rest of the
plan; ``step_index`` maps the routine's steps back to their places in the file.
"""

from __future__ import annotations

from massage_routines.findings import Finding, PathParts, Severity
from massage_routines.model.client import Client, Condition, Flag
from massage_routines.model.duration import Duration, DurationError
from massage_routines.model.position import Position, is_position_name
from massage_routines.model.pressure import PRESSURE_NAMES, Pressure
from massage_routines.model.regions import Region, is_region_name
from massage_routines.model.routine import PLAN_FORMAT, WHEN, Advice, Routine, Step, When
from massage_routines.planfile import codes, limits
from massage_routines.planfile.scalars import (
    MAYBE_NOT_TEXT,
    YAML11_BOOLEANS,
    describe,
    resolve_plain,
    shorten,
)
from massage_routines.planfile.yaml_tree import Mapping, Node, Scalar, Sequence

# ``suggest`` lives in massage_routines.text; still importable from here for older callers.
from massage_routines.text import suggest as suggest  # noqa: PLC0414

PLAN_KEYS = ("format", "name", "style", "duration", "position", "client", "steps", "advice")
CLIENT_KEYS = ("flags", "conditions", "max_pressure", "preferred_pressure", "areas_of_concern")
FLAG_KEYS = ("region", "reason")
CONDITION_KEYS = ("name", "region", "trimester", "cleared")
STEP_KEYS = ("technique", "region", "pressure", "duration", "position", "notes")
ADVICE_KEYS = ("when", "text", "source")
_WHEN: dict[str, When] = {w: w for w in WHEN}
_PRESSURES = tuple(Pressure)
_MISSING = object()
_STEP_KEYS = frozenset(STEP_KEYS)
_STEP_REQUIRED_KEYS = ("technique", "region", "pressure", "duration")
_STEP_REQUIRED = frozenset(_STEP_REQUIRED_KEYS)
#: Plain scalars that are pressures, and quoted texts that are (names only).
_PLAIN_PRESSURE = {**{str(int(p)): p for p in Pressure}, **PRESSURE_NAMES}
#: Values seen before (names, regions, durations), shared across reads; cleared when large.
_CACHE_LIMIT = 4096
_REGIONS: dict[str, Region] = {}
_DURATIONS: dict[str, Duration] = {}
_NOT_TEXT = frozenset(("null", "true", "false"))


class Structurer:
    """Builds model values from nodes, collecting findings."""

    def __init__(self) -> None:
        self.findings: list[Finding] = []
        #: where in the file's lists the client's kept flags and conditions stand
        self.flag_index: list[int] = []
        self.condition_index: list[int] = []

    # ---------------------------------------------------------------- findings

    def error(self, code: str, message: str, path: PathParts, node: Node) -> None:
        self.findings.append(
            Finding.at(code, Severity.ERROR, message, path, node.line, node.column)
        )

    def wrong_kind(self, node: Node, path: PathParts, expected: str) -> None:
        found = describe(_value(node)) if isinstance(node, Scalar) else node.kind
        self.error(codes.WRONG_KIND, f"expected {expected}, found {found}", path, node)

    # ---------------------------------------------------------------- mappings

    def fields(
        self,
        node: Node,
        path: PathParts,
        known: tuple[str, ...],
        required: tuple[str, ...],
        what: str,
    ) -> dict[str, Node] | None:
        """The values of a mapping by key; unknown and missing keys are findings."""
        if not isinstance(node, Mapping):
            self.wrong_kind(node, path, f"a mapping ({what})")
            return None
        items = node.items
        for key in items:
            if key not in known:
                line, column = node.key_place(key)
                hint = suggest(key, known) if len(self.findings) < limits.MAX_FINDINGS else ""
                self.findings.append(
                    Finding.at(
                        codes.UNKNOWN_KEY,
                        Severity.ERROR,
                        f"unknown key {shorten(key)!r} in {what}{hint}; "
                        f"the keys are {', '.join(known)}",
                        (*path, key),
                        line,
                        column,
                    )
                )
        for key in required:
            if key not in items:
                self.error(codes.MISSING_KEY, f"{what} needs a {key!r}", path, node)
        _drop_nulls(node, known, required)
        return items

    # ---------------------------------------------------------------- scalars

    def text(self, node: Node, path: PathParts, what: str, *, empty_ok: bool = False) -> str | None:
        if node.__class__ is Scalar:
            value = node.value
            if value and (not node.plain or value[0] not in MAYBE_NOT_TEXT):
                return value
        if not isinstance(node, Scalar):
            self.wrong_kind(node, path, f"text ({what})")
            return None
        value = node.value
        if node.plain:
            resolved = resolve_plain(value)
            if resolved.__class__ is not str and not (empty_ok and resolved is None):
                self.error(
                    codes.WRONG_KIND,
                    f"expected text ({what}), found {describe(resolved)}; "
                    "quote it if you mean text",
                    path,
                    node,
                )
                return None
        if not value and not empty_ok:
            self.error(codes.EMPTY_TEXT, f"{what} must not be empty", path, node)
            return None
        return value

    def region(self, node: Node, path: PathParts) -> Region | None:
        if node.__class__ is Scalar:
            cached = _REGIONS.get(node.value)
            if cached is not None:
                return cached
        name = self.text(node, path, "a region")
        if name is None:
            return None
        region = _REGIONS.get(name)
        if region is None:
            if not is_region_name(name):
                self.error(
                    codes.BAD_REGION_NAME,
                    f"{shorten(name)!r} is not a region name (lower-case words joined by dots, "
                    "e.g. back.lower)",
                    path,
                    node,
                )
                return None
            region = Region(name)
            if name not in _NOT_TEXT:
                if len(_REGIONS) >= _CACHE_LIMIT:
                    _REGIONS.clear()
                _REGIONS[name] = region
        return region

    def pressure(self, node: Node, path: PathParts) -> Pressure | None:
        if node.__class__ is Scalar:
            found = (_PLAIN_PRESSURE if node.plain else PRESSURE_NAMES).get(node.value)
            if found is not None:
                return found
        if not isinstance(node, Scalar):
            self.wrong_kind(node, path, "a pressure (0..5 or a name)")
            return None
        value: object = resolve_plain(node.value) if node.plain else node.value
        if value.__class__ is int:
            if 0 <= value <= 5:
                return _PRESSURES[value]
            message = f"pressure {value} is outside the 0..5 scale"
        elif value.__class__ is str:
            level = PRESSURE_NAMES.get(value)
            if level is not None:
                return level
            if node.plain and value in YAML11_BOOLEANS:
                message = (
                    f"{value!r} is not a pressure (YAML 1.1 would read it as a boolean); "
                    "use 0..5 or hold, light, moderate, medium, firm, deep"
                )
            elif not node.plain and resolve_plain(node.value).__class__ is int:
                message = (
                    f"pressure {shorten(str(value))!r} is quoted text; write the number unquoted"
                )
            else:
                hint = suggest(str(value), PRESSURE_NAMES)
                message = (
                    f"{shorten(str(value))!r} is not a pressure{hint}; "
                    "use 0..5 or hold, light, moderate, medium, firm, deep"
                )
        elif value.__class__ is float:
            if value in (float("inf"), float("-inf")):
                message = "pressure is a number far outside the 0..5 scale"
            else:
                message = f"pressure must be a whole number 0..5, not {value}"
        else:
            message = f"expected a pressure (0..5 or a name), found {describe(value)}"
        self.error(codes.BAD_PRESSURE, message, path, node)
        return None

    def duration(self, node: Node, path: PathParts) -> Duration | None:
        if node.__class__ is Scalar:
            cached = _DURATIONS.get(node.value)
            if cached is not None:  # only texts with a unit are cached: never a number in YAML
                return cached
        if not isinstance(node, Scalar):
            self.wrong_kind(node, path, "a duration (e.g. 5m)")
            return None
        text = node.value
        if node.plain:
            value = resolve_plain(text)
            if value.__class__ is not str:
                if value.__class__ in (int, float):
                    message = (
                        f"duration {text} needs a unit, e.g. 5m or 300s "
                        "(nobody can tell minutes from seconds)"
                    )
                else:
                    message = f"expected a duration (e.g. 5m), found {describe(value)}"
                self.error(codes.BAD_DURATION, message, path, node)
                return None
        try:
            duration = Duration.parse(text)
        except DurationError as exc:
            self.error(codes.BAD_DURATION, str(exc), path, node)
            return None
        if len(_DURATIONS) >= _CACHE_LIMIT:
            _DURATIONS.clear()
        _DURATIONS[text] = duration
        return duration

    def position(self, node: Node, path: PathParts) -> Position | None:
        name = self.text(node, path, "a position")
        if name is None:
            return None
        if not is_position_name(name):
            self.error(
                codes.BAD_POSITION,
                f"{shorten(name)!r} is not a position name: positions are lower_snake words "
                "such as prone, supine, side_lying or seated",
                path,
                node,
            )
            return None
        return Position(name)

    def boolean(self, node: Node, path: PathParts, what: str) -> bool | None:
        if isinstance(node, Scalar) and node.plain:
            value = resolve_plain(node.value)
            if value is True or value is False:
                return value
            if node.value in YAML11_BOOLEANS:
                self.error(
                    codes.WRONG_KIND,
                    f"{what} is true or false; {node.value!r} is text here "
                    "(YAML 1.1's yes/no/on/off are not booleans)",
                    path,
                    node,
                )
                return None
        self.wrong_kind(node, path, f"true or false ({what})")
        return None

    def whole_number(self, node: Node, path: PathParts, what: str, lo: int, hi: int) -> int | None:
        value = resolve_plain(node.value) if isinstance(node, Scalar) and node.plain else _MISSING
        if value.__class__ is not int:
            self.wrong_kind(node, path, f"a whole number {lo}..{hi} ({what})")
            return None
        if not lo <= value <= hi:
            self.error(codes.BAD_NUMBER, f"{what} must be {lo}..{hi}, not {value}", path, node)
            return None
        return value

    # ---------------------------------------------------------------- the plan

    def plan(self, root: Node) -> tuple[Routine | None, tuple[int, ...]]:
        """The routine (None when its name, style or steps are unusable) and its step index."""
        got = self.fields(root, (), PLAN_KEYS, ("name", "style", "steps"), "the plan")
        if got is None:
            return None, ()
        ok = True
        node = got.get("format")
        if node is not None:
            fmt = self.text(node, ("format",), "the format")
            if fmt is not None and fmt != PLAN_FORMAT:
                self.error(
                    codes.BAD_FORMAT,
                    f"format {fmt!r} is not one this library reads; write {PLAN_FORMAT!r}",
                    ("format",),
                    node,
                )
        name = None
        node = got.get("name")
        if node is not None:
            name = self.text(node, ("name",), "the plan's name")
        style = None
        node = got.get("style")
        if node is not None:
            style = self.text(node, ("style",), "a style")
        duration = None
        node = got.get("duration")
        if node is not None:
            duration = self.duration(node, ("duration",))
        position = None
        node = got.get("position")
        if node is not None:
            position = self.position(node, ("position",))
        client = None
        node = got.get("client")
        if node is not None:
            client = self.client(node)
        steps: list[Step] = []
        index: list[int] = []
        node = got.get("steps")
        if node is not None:
            if not isinstance(node, Sequence):
                self.wrong_kind(node, ("steps",), "a list of steps")
                ok = False
            elif not node.items:
                self.error(
                    codes.NO_STEPS, "the routine has no steps; add at least one", ("steps",), node
                )
                ok = False
            elif len(node.items) > limits.MAX_STEPS:
                self.error(
                    codes.LIMIT_STEPS,
                    f"{len(node.items):,} steps is more than the limit "
                    f"(MAX_STEPS = {limits.MAX_STEPS:,})",
                    ("steps",),
                    node,
                )
                ok = False
            else:
                for i, item in enumerate(node.items):
                    step = self.step(item, ("steps", i))
                    if step is not None:
                        steps.append(step)
                        index.append(i)
        advice: list[Advice] = []
        node = got.get("advice")
        if node is not None:
            for i, item in self.items(node, ("advice",), "a list of advice (when and text)"):
                piece = self.advice(item, ("advice", i))
                if piece is not None:
                    advice.append(piece)
        if not ok or style is None or not steps:
            return None, ()
        # A plan without a usable name is already invalid; the rules still check the rest.
        routine = Routine(
            name or "(unnamed)", style, tuple(steps), position, duration, client, tuple(advice)
        )
        return routine, tuple(index)

    def advice(self, node: Node, path: PathParts) -> Advice | None:
        """One item of the plan's ``advice``: when it applies, its text and its source."""
        got = self.fields(node, path, ADVICE_KEYS, ("when", "text"), "an advice item")
        if got is None:
            return None
        before = len(self.findings)
        when: When | None = None
        text = source = None
        if (value := got.get("when")) is not None:
            written = self.text(value, (*path, "when"), "when: before, during or after")
            if written is not None:
                when = _WHEN.get(written)
                if when is None:
                    self.error(
                        codes.BAD_WHEN,
                        f"{shorten(written)!r} is not when advice applies"
                        f"{suggest(written, WHEN)}; use before, during or after",
                        (*path, "when"),
                        value,
                    )
        if (value := got.get("text")) is not None:
            text = self.text(value, (*path, "text"), "the advice")
        if (value := got.get("source")) is not None:
            source = self.text(value, (*path, "source"), "a source")
        if len(self.findings) != before or when is None or text is None:
            return None
        return Advice(when, text, source)

    def step(self, node: Node, path: PathParts) -> Step | None:
        if node.__class__ is Mapping:
            keys = node.items.keys()
            if keys <= _STEP_KEYS and keys >= _STEP_REQUIRED:
                got: dict[str, Node] | None = node.items
                if len(keys) > 4:  # position or notes written: either may be null
                    _drop_nulls(node, STEP_KEYS, _STEP_REQUIRED_KEYS)
            else:
                got = self.fields(node, path, STEP_KEYS, _STEP_REQUIRED_KEYS, "a step")
        else:
            got = self.fields(node, path, STEP_KEYS, _STEP_REQUIRED_KEYS, "a step")
        if got is None:
            return None
        before = len(self.findings)
        technique = region = pressure = duration = position = notes = None
        if (value := got.get("technique")) is not None:
            technique = self.text(value, (*path, "technique"), "a technique")
        if (value := got.get("region")) is not None:
            region = self.region(value, (*path, "region"))
        if (value := got.get("pressure")) is not None:
            pressure = self.pressure(value, (*path, "pressure"))
        if (value := got.get("duration")) is not None:
            duration = self.duration(value, (*path, "duration"))
        if (value := got.get("position")) is not None:
            position = self.position(value, (*path, "position"))
        if (value := got.get("notes")) is not None:
            notes = self.text(value, (*path, "notes"), "notes", empty_ok=True)
        if (
            len(self.findings) != before
            or technique is None
            or region is None
            or pressure is None
            or duration is None
        ):
            return None
        return Step(technique, region, pressure, duration, position, notes)

    def client(self, node: Node, path: PathParts = ("client",)) -> Client | None:
        got = self.fields(node, path, CLIENT_KEYS, (), "the client")
        if got is None:
            return None
        flags: list[Flag] = []
        conditions: list[Condition] = []
        max_pressure = None
        if (value := got.get("flags")) is not None:
            for i, item in self.items(value, (*path, "flags"), "a list of flagged regions"):
                flag = self.flag(item, (*path, "flags", i))
                if flag is not None:
                    flags.append(flag)
                    self.flag_index.append(i)
        if (value := got.get("conditions")) is not None:
            for i, item in self.items(value, (*path, "conditions"), "a list of conditions"):
                condition = self.condition(item, (*path, "conditions", i))
                if condition is not None:
                    conditions.append(condition)
                    self.condition_index.append(i)
        if (value := got.get("max_pressure")) is not None:
            max_pressure = self.pressure(value, (*path, "max_pressure"))
        preferred = None
        if (value := got.get("preferred_pressure")) is not None:
            preferred = self.pressure(value, (*path, "preferred_pressure"))
        areas: list[Region] = []
        if (value := got.get("areas_of_concern")) is not None:
            areas_path = (*path, "areas_of_concern")
            before = len(self.findings)
            for i, item in self.items(value, areas_path, "a list of regions (areas of concern)"):
                region = self.region(item, (*areas_path, i))
                if region is not None:
                    areas.append(region)
            if len(self.findings) != before:
                # keep the list whole or not at all, so later findings' indexes stay the file's
                areas = []
        return Client(tuple(flags), tuple(conditions), max_pressure, preferred, tuple(areas))

    def items(self, node: Node, path: PathParts, expected: str) -> list[tuple[int, Node]]:
        if not isinstance(node, Sequence):
            self.wrong_kind(node, path, expected)
            return []
        return list(enumerate(node.items))

    def flag(self, node: Node, path: PathParts) -> Flag | None:
        if isinstance(node, Scalar):
            region = self.region(node, path)
            return None if region is None else Flag(region)
        got = self.fields(node, path, FLAG_KEYS, ("region",), "a flag")
        if got is None:
            return None
        region = reason = None
        if (value := got.get("region")) is not None:
            region = self.region(value, (*path, "region"))
        if (value := got.get("reason")) is not None:
            reason = self.text(value, (*path, "reason"), "a reason", empty_ok=True)
        return None if region is None else Flag(region, reason)

    def condition(self, node: Node, path: PathParts) -> Condition | None:
        if isinstance(node, Scalar):
            name = self.text(node, path, "a condition name")
            return None if name is None else Condition(name)
        got = self.fields(node, path, CONDITION_KEYS, ("name",), "a condition")
        if got is None:
            return None
        before = len(self.findings)
        name = region = trimester = None
        cleared: bool | None = False
        if (value := got.get("name")) is not None:
            name = self.text(value, (*path, "name"), "a condition name")
        if (value := got.get("region")) is not None:
            region = self.region(value, (*path, "region"))
        if (value := got.get("trimester")) is not None:
            trimester = self.whole_number(value, (*path, "trimester"), "the trimester", 1, 3)
        if (value := got.get("cleared")) is not None:
            cleared = self.boolean(value, (*path, "cleared"), "cleared")
        if name is None or cleared is None or len(self.findings) != before:
            return None
        return Condition(name, region, trimester, cleared)


def _value(node: Scalar) -> object:
    return resolve_plain(node.value) if node.plain else node.value


def _is_null(node: Node) -> bool:
    return isinstance(node, Scalar) and node.plain and resolve_plain(node.value) is None


def _drop_nulls(node: Mapping, known: tuple[str, ...], required: tuple[str, ...]) -> None:
    """Null means absent: remove every optional key written ``null``, ``~`` or empty.

    They go from the tree itself, not only from what the structurer reads, so every rule that
    asks whether or where a value is written (``written``, ``locate``) sees the key as absent
    too: a plan with ``position: null`` is checked exactly like one without ``position``.
    """
    items = node.items
    nulls = [
        key
        for key, value in items.items()
        if value.__class__ is Scalar and _is_null(value) and key in known and key not in required
    ]
    for key in nulls:
        del items[key]
        node.keys.pop(key, None)
