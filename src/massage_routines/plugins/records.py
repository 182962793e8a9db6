"""What plugins provide, as data: small frozen records, each with a ``name``.

Plugins return these from the hooks of :mod:`massage_routines.plugins.hookspecs`. They hold
numbers and names, not code paths, so the host can sort, list, check and explain them; the one
exception is :class:`RuleSpec`, whose ``check`` is the rule's code.

Region arguments are region names, optionally with ``*`` standing for one segment
(``leg.*.knee_back``). In condition effects, :data:`AT_REGION` stands for the region the
client's condition names (or the condition's default region).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeAlias

import attrs

from massage_routines.findings import Severity
from massage_routines.model.duration import Duration
from massage_routines.model.position import THERAPIST_POSITIONS, Position
from massage_routines.model.pressure import Pressure
from massage_routines.model.routine import When
from massage_routines.value import Value

if TYPE_CHECKING:  # annotations only: attrs never evaluates them, and importing would be circular
    from massage_routines.findings import Finding  # noqa: TC004
    from massage_routines.validation.context import RuleContext  # noqa: TC004


#: In a condition's effect: the region the client's condition gives (or its default region).
AT_REGION = "@region"


def _pressure(value: int | Pressure) -> Pressure:
    return Pressure(value)


def _duration(value: str | Duration) -> Duration:
    return value if isinstance(value, Duration) else Duration.parse(value)


def _positions(values: Iterable[str | Position]) -> tuple[Position, ...]:
    return tuple(Position(v) for v in values)


def _names(values: Iterable[str]) -> tuple[str, ...]:
    if isinstance(values, str):
        return (values,)
    return tuple(values)


def _ordered(instance: Any, _: object, high: Any) -> None:
    if instance.low > high:
        raise ValueError(f"{type(instance).__name__}: low {instance.low} is above high {high}")


@attrs.frozen(repr=False, weakref_slot=False)
class PressureRange(Value):
    """Levels from ``low`` to ``high``, both included: ``PressureRange(2, 4)``."""

    low: Pressure = attrs.field(converter=_pressure)
    high: Pressure = attrs.field(converter=_pressure, validator=_ordered)

    def __contains__(self, level: object) -> bool:
        return isinstance(level, int) and self.low <= level <= self.high

    def __str__(self) -> str:
        return f"{int(self.low)}-{int(self.high)}" if self.low != self.high else str(int(self.low))


@attrs.frozen(repr=False, weakref_slot=False)
class DurationRange(Value):
    """Lengths from ``low`` to ``high``, both included: ``DurationRange("30s", "10m")``."""

    low: Duration = attrs.field(converter=_duration)
    high: Duration = attrs.field(converter=_duration, validator=_ordered)

    def __contains__(self, length: object) -> bool:
        return isinstance(length, Duration) and self.low <= length <= self.high

    def __str__(self) -> str:
        return f"{self.low}-{self.high}"


# ---------------------------------------------------------------- techniques


@attrs.frozen(repr=False, weakref_slot=False)
class TechniqueSpec(Value):
    """A stroke: its pressure range, where it can be done and where never.

    ``positions`` are where it can be done (every position a therapist works a client in when
    not given: prone, supine, side-lying, seated); ``family`` groups techniques that conditions
    forbid together (``deep``, ``percussion``, ``heat``);
    ``never_on`` lists sites it is never used on (an error on the site or inside it, a warning
    on a larger region that holds it); ``step_length`` is the plausible length of one step
    (outside it: a warning).
    """

    name: str
    pressure: PressureRange
    positions: tuple[Position, ...] = attrs.field(converter=_positions, default=THERAPIST_POSITIONS)
    never_on: tuple[str, ...] = attrs.field(converter=_names, default=())
    step_length: DurationRange = DurationRange("15s", "20m")
    family: str | None = None
    description: str = ""
    #: The plugin whose record of the same name this one replaces (see :data:`REPLACES`).
    replaces: str | None = attrs.field(default=None, kw_only=True)


# ---------------------------------------------------------------- styles


@attrs.frozen(repr=False, weakref_slot=False)
class Move(Value):
    """One step of a session shape: a technique (the first one the client allows), a band of
    pressure, and its share of the block's time.

    ``target`` is ``"area"`` for the block's region itself, ``"within"`` for the regions below it.
    """

    techniques: tuple[str, ...] = attrs.field(converter=_names)
    pressure: PressureRange
    weight: float = 1.0
    target: Literal["area", "within"] = "area"


#: A block's condition on the style's options: ``((option, allowed values), ...)``.
OptionCondition: TypeAlias = tuple[tuple[str, tuple[str, ...]], ...]

#: In a :class:`Block`: one block for each focus region of the request.
AT_FOCUS = "@focus"


def _when(
    value: Mapping[str, str | Iterable[str]] | Iterable[tuple[str, Any]] | None,
) -> OptionCondition:
    """``{"timing": "pre_event"}`` as ``(("timing", ("pre_event",)),)``, sorted by option."""
    if value is None:
        return ()
    items = value.items() if isinstance(value, Mapping) else value
    return tuple(sorted((str(k), _names(v)) for k, v in items))


@attrs.frozen(repr=False, weakref_slot=False)
class Block(Value):
    """A run of moves on one area, with its share of the session's time.

    ``region`` is a region name, or :data:`AT_FOCUS` for one block per focus region. A block
    with no ``moves`` of its own uses its shape's ``pattern``. ``position`` is the position the
    block is done in (the style's first position when ``None``). ``when`` makes the block
    depend on the style's options (:class:`StyleOption`): ``when={"timing": "pre_event"}`` is
    laid out only when the request's ``timing`` is ``pre_event`` (a tuple of values: any of
    them); a block without ``when`` is always laid out.
    """

    region: str
    weight: float = 1.0
    moves: tuple[Move, ...] = ()
    position: Position | None = attrs.field(
        default=None, converter=attrs.converters.optional(Position)
    )
    when: OptionCondition = attrs.field(default=(), converter=_when, kw_only=True)

    def applies(self, options: Mapping[str, str]) -> bool:
        """Whether the block is laid out for these (complete) option values."""
        return all(options.get(name) in values for name, values in self.when)


@attrs.frozen(repr=False, weakref_slot=False)
class SessionShape(Value):
    """How the composer lays out a session of a style (domain.md section 4).

    The blocks are taken in order, their weights scaled to the requested time; ``pattern`` is
    the moves of a block that lists none; ``link`` is the move that joins one region to the
    next (effleurage in Swedish), or ``None``.
    """

    blocks: tuple[Block, ...]
    pattern: tuple[Move, ...] = ()
    link: Move | None = None


def _in_values(instance: Any, _: object, default: str) -> None:
    if default not in instance.values:
        raise ValueError(
            f"StyleOption {instance.name!r}: default {default!r} is not one of its values "
            f"({', '.join(instance.values)})"
        )


@attrs.frozen(repr=False, weakref_slot=False)
class StyleOption(Value):
    """An option a style takes when composing: ``StyleOption("timing", ("pre_event",
    "post_event"), default="post_event")``.

    A request gives it as ``ComposeRequest(options={"timing": "pre_event"})`` (``compose --opt
    timing=pre_event``); the style's blocks say with ``when=`` which values they are for, and a
    ``massage_compose`` hook reads ``request.options``. Names and values are lower_snake.
    """

    name: str
    values: tuple[str, ...] = attrs.field(converter=_names)
    default: str = attrs.field(validator=_in_values)
    description: str = ""


def _options(values: Iterable[StyleOption]) -> tuple[StyleOption, ...]:
    # A named converter, not ``tuple``: type checkers then read the parameter as
    # ``Iterable[StyleOption]`` (with ``tuple`` they see an unsolved ``Iterable[_T_co]``).
    return tuple(values)


@attrs.frozen(repr=False, weakref_slot=False)
class StyleSpec(Value):
    """A kind of massage: its positions, session length, techniques, reach and shape.

    A step in a position the style does not use, or on a region it does not reach, is an error;
    a technique it does not use, or a session outside ``session_length``, is a warning.
    ``reaches`` is ``None`` for every region. ``positions`` are in order of preference.
    """

    name: str
    positions: tuple[Position, ...] = attrs.field(converter=_positions)
    session_length: DurationRange
    techniques: tuple[str, ...] = attrs.field(converter=_names)
    shape: SessionShape
    reaches: tuple[str, ...] | None = attrs.field(
        default=None, converter=attrs.converters.optional(_names)
    )
    description: str = ""
    #: The plugin whose record of the same name this one replaces (see :data:`REPLACES`).
    replaces: str | None = attrs.field(default=None, kw_only=True)
    #: The options a request may give when composing this style (see :class:`StyleOption`).
    options: tuple[StyleOption, ...] = attrs.field(default=(), converter=_options, kw_only=True)

    def option(self, name: str) -> StyleOption | None:
        """The option called ``name``, or ``None``."""
        return next((o for o in self.options if o.name == name), None)

    #: The client works on themselves: a step is done only where its technique's
    #: :class:`ReachSpec` records say a person reaches on their own body (an error elsewhere).
    self_applied: bool = attrs.field(default=False, kw_only=True)
    #: The levels the style is done at (``None``: any); a step outside them is an error.
    pressure: PressureRange | None = attrs.field(default=None, kw_only=True)
    #: The techniques a session of the style opens with (``None``: a light broad stroke,
    #: :data:`massage_routines.practice.OPENING_TECHNIQUES`), at most
    #: :data:`~massage_routines.practice.CALM`.
    opening: tuple[str, ...] | None = attrs.field(
        default=None, converter=attrs.converters.optional(_names), kw_only=True
    )
    #: The techniques a session of the style closes with (``None``:
    #: :data:`massage_routines.practice.CLOSING_TECHNIQUES`), at most
    #: :data:`~massage_routines.practice.CALM`.
    closing: tuple[str, ...] | None = attrs.field(
        default=None, converter=attrs.converters.optional(_names), kw_only=True
    )


@attrs.frozen(repr=False, weakref_slot=False)
class ReachSpec(Value):
    """Where a person reaches on their own body with a technique, in self-applied styles.

    In a style with ``self_applied=True``, a step whose technique has no reach on the step's
    region (the region is not at or below one of ``regions``) is an error: a technique with no
    reach record at all is never self-applied. Several records (from several plugins) for one
    technique add up, so a plugin can extend the reach of a technique it does not own.
    ``name`` names the record itself (``self_kneading_hands``).
    """

    name: str
    technique: str
    regions: tuple[str, ...] = attrs.field(converter=_names)
    description: str = ""
    #: The plugin whose record of the same name this one replaces (see :data:`REPLACES`).
    replaces: str | None = attrs.field(default=None, kw_only=True)


@attrs.frozen(repr=False, weakref_slot=False)
class PositionSpec(Value):
    """A position the client can be in during a step: ``PositionSpec("kneeling", "...")``.

    Positions are data: the four a therapist works in (:data:`BASE_POSITIONS`) come with the
    library, like the base region tree; plugins add more (``standing`` comes with the
    self-massage plugin). A plan, technique or style naming a position no plugin provides is
    an error (``V008`` in a plan, a plugin problem in a record). ``name`` is lower_snake.
    """

    name: str
    description: str = ""
    #: The plugin whose record of the same name this one replaces (see :data:`REPLACES`).
    replaces: str | None = attrs.field(default=None, kw_only=True)


#: The positions every registry has, whatever plugins are loaded (a plugin cannot provide them).
BASE_POSITIONS: tuple[PositionSpec, ...] = (
    PositionSpec(Position.PRONE, "Face down, on the table."),
    PositionSpec(Position.SUPINE, "Face up, on the table."),
    PositionSpec(
        Position.SIDE_LYING, "On one side, usually with pillows; preferred late in pregnancy."
    ),
    PositionSpec(Position.SEATED, "In a massage chair, clothed (or on a chair at home)."),
)


# ---------------------------------------------------------------- regions and sites


@attrs.frozen(repr=False, weakref_slot=False)
class RegionSpec(Value):
    """A finer region under the tree (its parent must exist): ``back.upper.rhomboids``."""

    name: str
    description: str = ""
    #: The plugin whose record of the same name this one replaces (see :data:`REPLACES`).
    replaces: str | None = attrs.field(default=None, kw_only=True)


@attrs.frozen(repr=False, weakref_slot=False)
class SiteSpec(Value):
    """An endangerment site: a place that takes broad, light contact (domain.md section 2).

    A step on the site or inside it above ``cap``, or with a technique or family in
    ``forbidden``, is an error; a step on a larger region that holds the site gets a warning.
    """

    name: str
    region: str
    at_risk: str
    cap: Pressure | None = attrs.field(default=None, converter=attrs.converters.optional(_pressure))
    forbidden: tuple[str, ...] = attrs.field(converter=_names, default=())
    #: The plugin whose record of the same name this one replaces (see :data:`REPLACES`).
    replaces: str | None = attrs.field(default=None, kw_only=True)


# ---------------------------------------------------------------- conditions


@attrs.frozen(repr=False, weakref_slot=False)
class Refuse(Value):
    """No session today, whatever else the plan says. ``lifted_by_clearance`` lets a
    clinician's clearance (``cleared: true``) lift it; the built-in conditions never do."""

    reason: str
    lifted_by_clearance: bool = False
    trimesters: frozenset[int] | None = None


@attrs.frozen(repr=False, weakref_slot=False)
class NeedsClearance(Value):
    """An error unless the condition says ``cleared: true``."""

    reason: str
    trimesters: frozenset[int] | None = None


@attrs.frozen(repr=False, weakref_slot=False)
class Avoid(Value):
    """No step may touch ``region`` (as a flag).

    With :data:`AT_REGION` and no region given on the condition, nothing is avoided.
    """

    region: str = AT_REGION
    trimesters: frozenset[int] | None = None


@attrs.frozen(repr=False, weakref_slot=False)
class Cap(Value):
    """No step above ``level`` (on ``region``; everywhere when ``None``, or when it is
    :data:`AT_REGION` and the condition gives no region)."""

    level: Pressure = attrs.field(converter=_pressure)
    region: str | None = None
    trimesters: frozenset[int] | None = None


@attrs.frozen(repr=False, weakref_slot=False)
class Forbid(Value):
    """Techniques or families (``deep``, ``percussion``) that are not used (on ``region``)."""

    names: tuple[str, ...] = attrs.field(converter=_names)
    region: str | None = None
    trimesters: frozenset[int] | None = None


@attrs.frozen(repr=False, weakref_slot=False)
class ForbidPosition(Value):
    """Steps may not be done in ``position``."""

    position: Position = attrs.field(converter=Position)
    trimesters: frozenset[int] | None = None


@attrs.frozen(repr=False, weakref_slot=False)
class Warn(Value):
    """A warning for the therapist, once for the plan."""

    message: str
    trimesters: frozenset[int] | None = None


@attrs.frozen(repr=False, weakref_slot=False)
class DiscouragePosition(Value):
    """A warning on each step done in ``position`` (side-lying preferred, say)."""

    position: Position = attrs.field(converter=Position)
    message: str = ""
    trimesters: frozenset[int] | None = None


@attrs.frozen(repr=False, weakref_slot=False)
class DiscourageTechnique(Value):
    """A warning on each step with these techniques or families (on ``region``)."""

    names: tuple[str, ...] = attrs.field(converter=_names)
    region: str | None = None
    message: str = ""
    trimesters: frozenset[int] | None = None


Effect = (
    Refuse
    | NeedsClearance
    | Avoid
    | Cap
    | Forbid
    | ForbidPosition
    | Warn
    | DiscouragePosition
    | DiscourageTechnique
)
EFFECT_TYPES: tuple[type, ...] = (
    Refuse,
    NeedsClearance,
    Avoid,
    Cap,
    Forbid,
    ForbidPosition,
    Warn,
    DiscouragePosition,
    DiscourageTechnique,
)


@attrs.frozen(repr=False, weakref_slot=False)
class ConditionSpec(Value):
    """A health condition and what it does to a session (domain.md section 5).

    ``region`` says whether the client's condition takes a region (``"none"``, ``"optional"``,
    ``"required"``); ``default_region`` stands in when an optional one is not given;
    ``trimester`` says whether it takes (and needs) a trimester 1..3. Effects with
    ``trimesters`` apply only in those trimesters.
    """

    name: str
    effects: tuple[Effect, ...]
    region: Literal["none", "optional", "required"] = "none"
    default_region: str | None = None
    trimester: bool = False
    description: str = ""
    #: The plugin whose record of the same name this one replaces (see :data:`REPLACES`).
    replaces: str | None = attrs.field(default=None, kw_only=True)


# ---------------------------------------------------------------- advice


#: Who gives the session a piece of advice is for (see :class:`AdviceSpec`).
GivenBy: TypeAlias = Literal["therapist", "self"]
#: Every :data:`GivenBy`.
GIVEN_BY: tuple[GivenBy, ...] = ("therapist", "self")


@attrs.frozen(repr=False, weakref_slot=False)
class AdviceSpec(Value):
    """A piece of preparation or aftercare for the client, and whom it is for.

    ``when`` is ``"before"``, ``"during"`` or ``"after"`` the session; ``text`` is what the
    client reads (a sentence). The selectors say whom it is for, and every one that is given
    must match: ``styles`` (the routine's style is one of them; empty: any style), ``goals``
    (the goal the routine was composed for is one of them; empty: any goal, and a routine with
    no known goal gets only such advice) and ``conditions`` (the client has one of them; empty:
    everyone). Each name must be a style, goal or condition that exists. ``source`` cites where
    the advice comes from (``"domain.md section 5 (S52)"``).

    ``given_by`` is the kind of session the advice is for: ``"therapist"`` (a session a
    therapist gives: "tell your therapist ..."), ``"self"`` (a self-applied style, such as
    self-massage at home) or ``None``, any session.
    """

    name: str
    when: When
    text: str
    styles: tuple[str, ...] = attrs.field(converter=_names, default=())
    goals: tuple[str, ...] = attrs.field(converter=_names, default=())
    conditions: tuple[str, ...] = attrs.field(converter=_names, default=())
    source: str = ""
    given_by: GivenBy | None = attrs.field(default=None, kw_only=True)
    #: The plugin whose record of the same name this one replaces (see :data:`REPLACES`).
    replaces: str | None = attrs.field(default=None, kw_only=True)

    @property
    def general(self) -> bool:
        """Whether the advice is for everyone (it has no selector)."""
        return not (self.styles or self.goals or self.conditions)


# ---------------------------------------------------------------- rules


@attrs.frozen(repr=False, weakref_slot=False)
class CodeSpec(Value):
    """A finding code a rule may give, with what ``explain`` says of it.

    ``fails`` and ``passes`` are plan snippets (YAML) that trigger and do not trigger it.
    """

    code: str
    name: str
    severity: Severity
    summary: str
    why: str = ""
    fails: str = ""
    passes: str = ""


@attrs.frozen(repr=False, weakref_slot=False)
class RuleSpec(Value):
    """A validation rule: ``check(context)`` yields findings for a routine.

    ``codes`` are every code the rule can give; the engine treats a rule that raises, or yields
    anything but a :class:`~massage_routines.findings.Finding`, as failed, and fails the plan.
    """

    name: str
    check: Callable[[RuleContext], Iterable[Finding]] = attrs.field(eq=False)
    codes: tuple[CodeSpec, ...]
    description: str = ""
    #: The plugin whose record of the same name this one replaces (see :data:`REPLACES`).
    replaces: str | None = attrs.field(default=None, kw_only=True)


#: What ``replaces=`` on a record means. A record whose name another plugin provides too is a
#: conflict: neither is used, and no plan is valid until one plugin is deselected. A record that
#: says ``replaces="swedish"`` is meant to take the place of the plugin ``swedish``'s record of
#: the same name: it is used (the other is not), and every report carries an ``X007`` warning
#: naming it, so a replaced safety record is never quiet.
REPLACES = "replaces"

#: The kinds of named records.
Kind: TypeAlias = Literal[
    "region", "technique", "style", "site", "condition", "rule", "advice", "reach", "position"
]

#: Every kind of record, by the hook that returns it.
RECORD_KINDS: dict[str, type] = {
    "massage_regions": RegionSpec,
    "massage_techniques": TechniqueSpec,
    "massage_styles": StyleSpec,
    "massage_sites": SiteSpec,
    "massage_conditions": ConditionSpec,
    "massage_rules": RuleSpec,
    "massage_advice": AdviceSpec,
    "massage_reach": ReachSpec,
    "massage_positions": PositionSpec,
}

#: The kind of each record class.
KIND_OF: dict[type, Kind] = {
    RegionSpec: "region",
    TechniqueSpec: "technique",
    StyleSpec: "style",
    SiteSpec: "site",
    ConditionSpec: "condition",
    RuleSpec: "rule",
    AdviceSpec: "advice",
    ReachSpec: "reach",
    PositionSpec: "position",
}
