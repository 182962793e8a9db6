"""What a sheet shows, worked out once from a routine, its report and the registry.

Every output (HTML, Markdown, SVG) reads these facts, so the timeline, the turns, the time and
pressure on each region and the avoided regions are computed in one place.

Time and pressure on a region: a step counts for every region it *overlaps* (a step on ``back``
works ``back.upper`` too, and a step on a finer region a plugin adds works the region that holds
it), so a region's time is how long the hands were working on or around it, and its top
pressure is the highest level used there.
"""

from __future__ import annotations

import re

import attrs

from massage_routines.findings import Finding, Report
from massage_routines.model.position import Position
from massage_routines.model.pressure import Pressure
from massage_routines.model.regions import overlaps
from massage_routines.model.routine import Routine, Step
from massage_routines.plugins.records import SiteSpec
from massage_routines.plugins.registry import Registry
from massage_routines.render.words import pressure_words, region_words
from massage_routines.value import Value


@attrs.frozen(repr=False, weakref_slot=False)
class Row(Value):
    """One step of the timeline: its number (from 1), start (ms from the start) and position."""

    number: int
    start: int
    step: Step
    position: Position | None


@attrs.frozen(repr=False, weakref_slot=False)
class Turn(Value):
    """A change of position before step ``number``, at ``at`` ms from the start."""

    number: int
    at: int
    before: Position | None
    after: Position | None


@attrs.frozen(repr=False, weakref_slot=False)
class Load(Value):
    """How long a region is worked (ms) and the highest pressure used on it (``None``: never)."""

    time: int = 0
    top: Pressure | None = None


@attrs.frozen(repr=False, weakref_slot=False)
class Avoided(Value):
    """A region the client's flags or conditions keep hands off, and why."""

    region: str
    why: str


@attrs.frozen(repr=False, weakref_slot=False)
class Limit(Value):
    """Something a condition asks of the session, in words (a cap, a ban)."""

    text: str


@attrs.frozen(repr=False, weakref_slot=False)
class Facts(Value):
    """The routine, its report, and what the sheet derives from them."""

    routine: Routine
    report: Report
    rows: tuple[Row, ...]
    turns: tuple[Turn, ...]
    avoided: tuple[Avoided, ...]
    limits: tuple[Limit, ...]
    sites: tuple[SiteSpec, ...]
    registry: Registry = attrs.field(eq=False, repr=False)

    @property
    def valid(self) -> bool:
        """Whether the plan has no error finding."""
        return self.report.valid

    @property
    def errors(self) -> tuple[Finding, ...]:
        """The report's errors: what makes the plan not safe as written."""
        return self.report.errors

    @property
    def reminders(self) -> tuple[tuple[Finding, int], ...]:
        """The report's warnings, what the therapist keeps in mind ("rise slowly"): each
        different one once, with how many times the report gives it."""
        counts: dict[tuple[str, str], list[Finding]] = {}
        for finding in self.report.warnings:
            counts.setdefault((finding.code, finding.message), []).append(finding)
        return tuple((same[0], len(same)) for same in counts.values())

    @property
    def end(self) -> int:
        """The session's length in ms (the steps' sum)."""
        return self.routine.total.milliseconds

    def load(self, region: str) -> Load:
        """The time on ``region`` and the highest pressure used on it."""
        time = 0
        top: Pressure | None = None
        for step in self.routine.steps:
            if overlaps(step.region.name, region):
                time += step.duration.milliseconds
                top = step.pressure if top is None else max(top, step.pressure)
        return Load(time, top)

    def avoided_at(self, region: str) -> tuple[Avoided, ...]:
        """The avoided regions that cover ``region`` or lie in it."""
        return tuple(a for a in self.avoided if overlaps(a.region, region))


_CONDITION_PATH = re.compile(r" \(client\.conditions\[\d+\]\)")
_REGION_AFTER_ON = re.compile(r" on ([a-z][a-z0-9_.]*)")


def _why(label: str) -> str:
    """A constraint's source in words: "lymph_node_removal on arm.left" → "lymph node removal
    on the left arm"; the flag's own label stays as it is."""
    label = _CONDITION_PATH.sub("", label)
    if label.startswith("the flag on "):
        return label
    label = _REGION_AFTER_ON.sub(lambda m: f" on the {region_words(m.group(1))}", label)
    return label.replace("_", " ")


def gather(routine: Routine, report: Report, registry: Registry) -> Facts:
    """The facts of a sheet for ``routine`` with its ``report``."""
    from massage_routines.validation.profile import Profile

    rows: list[Row] = []
    turns: list[Turn] = []
    start = 0
    before: Position | None = None
    for number, step in enumerate(routine.steps, 1):
        position = routine.position_of(step)
        if number > 1 and position != before:
            turns.append(Turn(number, start, before, position))
        rows.append(Row(number, start, step, position))
        start += step.duration.milliseconds
        before = position
    profile = Profile(routine.client, registry)
    flags = {id(limit) for limit in profile.flags}
    avoided = tuple(
        Avoided(limit.region, _why(limit.source.label))
        for limit in profile.avoid
        if limit.region is not None
    )
    asked = [
        f"leave the {region_words(limit.region)} alone ({_why(limit.source.label)})"
        for limit in profile.avoid
        if limit.region is not None and id(limit) not in flags  # flags are shown as flags
    ]
    limits = [Limit(text) for text in asked]
    for cap in profile.caps:
        if cap.source.path == ("client", "max_pressure"):
            continue  # the client's own cap is shown with the client
        where = f"on the {region_words(cap.region)}" if cap.region else "everywhere"
        why = _why(cap.source.label)
        limits.append(Limit(f"pressure at most {pressure_words(cap.level)} {where} ({why})"))
    for ban in profile.forbid:
        where = f" on the {region_words(ban.region)}" if ban.region else ""
        names = ", ".join(sorted(n.replace("_", " ") for n in ban.names))
        why = _why(ban.source.label)
        limits.append(Limit(f"no {names}{where} ({why})"))
    for banned in profile.forbid_positions:
        why = _why(banned.source.label)
        limits.append(Limit(f"not {banned.position.value.replace('_', '-')} ({why})"))
    return Facts(
        routine,
        report,
        tuple(rows),
        tuple(turns),
        avoided,
        tuple(limits),
        tuple(registry.sites),
        registry,
    )


def facts_for(
    routine: Routine, report: Report | None = None, registry: Registry | None = None
) -> Facts:
    """The facts of ``routine``'s sheet; without ``report`` the routine is validated here."""
    if registry is None:
        from massage_routines.plugins.registry import default_registry

        registry = default_registry()
    if report is None:
        from massage_routines.validation.engine import validate

        report = validate(routine, registry)
    return gather(routine, report, registry)
