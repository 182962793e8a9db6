"""What the composer checks before it builds anything, each failure a reason for ComposeError.

The style must be known (with "did you mean"); the registry must be whole (a broken plugin or
no rules means nothing could be checked, so nothing is handed out); the client must not be
refused today, nor wait for a clearance, nor name a condition or region no plugin knows; the
regions the request names must be known, reached by the style and not entirely off limits: a
flagged focus region is reported, never dropped silently.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from massage_routines.composition.adaptations import Adaptation
from massage_routines.composition.request import ComposeError
from massage_routines.planfile.structure import suggest

if TYPE_CHECKING:
    from massage_routines.composition.constraints import Constraints
    from massage_routines.composition.request import ComposeRequest
    from massage_routines.plugins.records import StyleSpec
    from massage_routines.plugins.registry import Registry
    from massage_routines.validation.profile import Profile

#: The longest session the composer makes, even with ``any_length``: past this, a request is
#: a mistake, not a session.
MAX_SESSION_MS = 6 * 3_600_000

#: The focus of a style that works focus regions only (deep tissue) when the request names
#: none: the first of these the style reaches and the client allows.
DEFAULT_FOCUS: tuple[str, ...] = ("back", "shoulder", "neck.posterior", "leg", "glutes", "arm")


def style_of(request: ComposeRequest, registry: Registry) -> StyleSpec:
    """The request's style, or :class:`ComposeError` naming the nearest known ones."""
    style = registry.styles.get(request.style)
    if style is None:
        raise ComposeError([registry.unknown_style(request.style)])
    return style


def length_reasons(
    request: ComposeRequest, style: StyleSpec, adapted: list[Adaptation]
) -> list[str]:
    """Why the request's duration is refused: outside the style's session length (unless the
    request says ``any_length``, which ``adapted`` then records), or past any session."""
    duration = request.duration
    low, high = style.session_length.low, style.session_length.high
    usual = f"a {style.name} session lasts {low} to {high}"
    if duration.milliseconds > MAX_SESSION_MS:
        return [
            f"{duration} is longer than any session (at most {MAX_SESSION_MS // 3_600_000}h; "
            f"{usual})"
        ]
    if low <= duration <= high:
        return []
    if request.any_length:
        adapted.append(
            Adaptation(
                "session_length",
                None,
                f"{duration} is outside the usual length ({usual}); composed as asked (any_length)",
            )
        )
        return []
    return [
        f"{usual}: {duration} is outside that range (ask for a length in it, or pass "
        "--any-length / any_length=True to compose it anyway)"
    ]


def registry_reasons(registry: Registry) -> list[str]:
    """Why no routine can be checked with this registry (broken plugins, no rules)."""
    from massage_routines.validation.engine import registry_findings

    return [f.message for f in registry_findings(registry) if f.is_error]


def client_reasons(registry: Registry, profile: Profile) -> list[str]:
    """Why this client cannot have a session today, or names in their profile nobody knows."""
    reasons = [f"{n.source.label}: {n.message}" for n in profile.refusals]
    reasons.extend(
        f"{n.source.label}: {n.message} (needs a clinician's clearance: write `cleared: true` "
        "on the condition once the client is cleared)"
        for n in profile.clearances
    )
    for use in profile.unknown:
        name = use.condition.name
        reasons.append(
            f"unknown condition {name!r}{suggest(name, registry.conditions)} "
            f"(client.conditions[{use.index}]): a condition nobody knows is never ignored"
        )
    for limit in profile.flags:
        if limit.region is not None and limit.region not in registry.regions:
            reasons.append(
                f"unknown region {limit.region!r}{suggest(limit.region, registry.regions)} in "
                f"{limit.source.label}"
            )
    for use in profile.conditions:
        region = use.condition.region
        if region is not None and region.name not in registry.regions:
            reasons.append(
                f"unknown region {region.name!r}{suggest(region.name, registry.regions)} in "
                f"the condition {use.condition.name} (client.conditions[{use.index}])"
            )
    return reasons


def region_reasons(
    names: tuple[str, ...],
    what: str,
    registry: Registry,
    style: StyleSpec,
    constraints: Constraints,
) -> list[str]:
    """Why regions the request names cannot be worked: unknown, out of the style's reach, or
    entirely flagged or avoided."""
    reasons = []
    for name in names:
        if name not in registry.regions:
            reasons.append(f"unknown {what} region {name!r}{suggest(name, registry.regions)}")
        elif not constraints.reached(name):
            reaches = ", ".join(style.reaches or ())
            reasons.append(
                f"{style.name} does not reach the {what} region {name} (it works {reaches})"
            )
        else:
            limit = constraints.blocked_by(name)
            if limit is not None:
                reasons.append(
                    f"the {what} region {name} is off limits: {limit.source.label} covers it; "
                    "choose another region or leave it out"
                )
    return reasons


def default_focus(
    include: tuple[str, ...] | None, registry: Registry, constraints: Constraints
) -> tuple[str, ...]:
    """The focus of a focus-only style when the request names none: the included regions,
    else the first of :data:`DEFAULT_FOCUS` that the style reaches and the client allows, else
    the first top-level region that is."""
    if include:
        return include
    from massage_routines.composition.constraints import Zone

    for name in (*DEFAULT_FOCUS, *registry.regions.roots()):
        if name in registry.regions and constraints.zone(name) is not Zone.OUT:
            return (name,)
    return ()
