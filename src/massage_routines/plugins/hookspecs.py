"""Hook specifications: what a ``massage_routines`` plugin can provide.

A plugin is a module (or any object) with functions named after these hooks and marked with
:data:`massage_routines.plugins.hookimpl`, registered through an entry point in the group
``massage_routines``::

    # pyproject.toml of the plugin package
    [project.entry-points.massage_routines]
    hot_stone = "massage_hot_stone.plugin"

Every hook but :func:`massage_compose` takes no arguments and returns (or yields) records of
:mod:`massage_routines.plugins.records`, each with a ``name``. The host calls each plugin's hook
on its own, so it knows which plugin provided what (``massage-routines techniques`` shows it),
and a plugin whose hook raises or returns something else is reported by name while the others
still load. Because a broken plugin may have carried safety rules, no plan is reported valid
while any plugin is broken; deselect it with ``MASSAGE_ROUTINES_PLUGINS`` (see
:mod:`massage_routines.plugins.registry`).

A plugin module may also declare ``massage_routines_api = ">=1,<2"`` (the plugin API versions
it is written for) and ``massage_routines_requires = ("swedish",)`` (the plugins it builds on);
see :mod:`massage_routines.plugins.api`.

Names are lower_snake ASCII (regions dotted lower_snake, codes upper-case letters and digits);
a name written otherwise is an error. Two plugins that provide the same name (a technique, a
style, a condition, a region, a site, a rule) are a *conflict*: neither record is used, the
error names both, and no plan is valid until one is deselected. A record meant to replace
another plugin's says so: ``TechniqueSpec(..., replaces="swedish")`` (the entry point name of
the plugin whose record it replaces); it is then used, and every report carries an ``X007``
warning naming it. A finding code declared by two rules, or one the host gives (``X001``,
``R004``), is an error too. The registry hooks and rules receive is read-only.

How the hooks are called: ``massage_compose`` through pluggy (``manager.hook``), so hook
wrappers, ``tryfirst``/``trylast`` and tracing apply to it. The eight record hooks are called one
plugin at a time (``impl.function()``), to know which plugin gave each record and to report a
failing plugin while the others load; hook wrappers, ``tryfirst``/``trylast`` and pluggy's
tracing do not apply to them (see :mod:`massage_routines.plugins.loading` for why).

The built-in Swedish, deep-tissue and chair plugins (``massage_routines/techniques/``) are
complete examples of every hook.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from massage_routines.plugins.markers import hookspec

if TYPE_CHECKING:
    from collections.abc import Iterable

    from massage_routines.composition.request import ComposeRequest
    from massage_routines.model.routine import Routine
    from massage_routines.plugins.records import (
        AdviceSpec,
        ConditionSpec,
        PositionSpec,
        ReachSpec,
        RegionSpec,
        RuleSpec,
        SiteSpec,
        StyleSpec,
        TechniqueSpec,
    )
    from massage_routines.plugins.registry import Registry


@hookspec
def massage_regions() -> Iterable[RegionSpec]:
    """Regions finer than the base tree, each under a region that exists.

    The base tree of the plan format (``back``, ``back.lower``, ``arm.left.axilla`` …) is always
    there; a plugin adds regions below it, parents before children. Steps, flags and
    conditions may then name them, and they overlap their ancestors as any region does.

    :returns: an iterable of :class:`~massage_routines.plugins.records.RegionSpec`.

    Example::

        @hookimpl
        def massage_regions():
            return [RegionSpec("back.upper.rhomboids", "between the shoulder blades")]
    """
    raise NotImplementedError


@hookspec
def massage_techniques() -> Iterable[TechniqueSpec]:
    """Techniques (strokes) that steps may use.

    Each record gives the technique's pressure range on the 0-5 scale, the positions it can be
    done in, the sites it is never used on, the plausible length of one step, and its family
    (conditions forbid families such as ``deep`` or ``percussion``).

    :returns: an iterable of :class:`~massage_routines.plugins.records.TechniqueSpec`.

    Example::

        @hookimpl
        def massage_techniques():
            return [
                TechniqueSpec(
                    "hot_stone",
                    PressureRange(1, 3),
                    positions=("prone", "supine"),
                    never_on=("head.face", "neck.anterior"),
                    step_length=DurationRange("1m", "10m"),
                    family="heat",
                )
            ]
    """
    raise NotImplementedError


@hookspec
def massage_styles() -> Iterable[StyleSpec]:
    """Styles (kinds of massage) that plans may name.

    A style lists the positions it uses, its usual session length, the techniques it uses
    (by name: a style may use another plugin's techniques), the regions it reaches (``None``
    for all) and the :class:`~massage_routines.plugins.records.SessionShape` the composer
    follows to build a routine of the style.

    :returns: an iterable of :class:`~massage_routines.plugins.records.StyleSpec`.

    Example::

        @hookimpl
        def massage_styles():
            return [
                StyleSpec(
                    "hot_stone",
                    positions=("prone", "supine"),
                    session_length=DurationRange("30m", "90m"),
                    techniques=("effleurage", "hot_stone"),
                    shape=SessionShape(
                        blocks=(Block("back", 3), Block("leg", 2)),
                        pattern=(Move("effleurage", PressureRange(1, 2)),
                                 Move("hot_stone", PressureRange(2, 3), weight=3)),
                    ),
                )
            ]
    """
    raise NotImplementedError


@hookspec
def massage_sites() -> Iterable[SiteSpec]:
    """Endangerment sites: places that take only broad, light contact.

    A step on the site (or inside it) above the site's cap, or with a technique or family it
    forbids, is an error; a step on a larger region that holds the site is a warning.

    :returns: an iterable of :class:`~massage_routines.plugins.records.SiteSpec`.

    Example::

        @hookimpl
        def massage_sites():
            return [SiteSpec("popliteal", "leg.*.knee_back", "popliteal artery", cap=1)]
    """
    raise NotImplementedError


@hookspec
def massage_conditions() -> Iterable[ConditionSpec]:
    """Health conditions that a client profile may name, with what each does to a session.

    Effects are data (:class:`~massage_routines.plugins.records.Refuse`, ``NeedsClearance``,
    ``Avoid``, ``Cap``, ``Forbid``, ``ForbidPosition``, ``Warn``, ``DiscouragePosition``,
    ``DiscourageTechnique``); the built-in safety rules enforce them, and the composer
    respects them. A condition name no plugin provides is an error in every plan that names it.

    :returns: an iterable of :class:`~massage_routines.plugins.records.ConditionSpec`.

    Example::

        @hookimpl
        def massage_conditions():
            return [
                ConditionSpec(
                    "heat_sensitivity",
                    effects=(Forbid("heat"), Warn("check the stones' temperature on the forearm")),
                )
            ]
    """
    raise NotImplementedError


@hookspec
def massage_rules() -> Iterable[RuleSpec]:
    """Validation rules: each sees the whole routine and the registry, and yields findings.

    ``RuleSpec.check`` receives a :class:`~massage_routines.validation.context.RuleContext`
    (the routine, the registry, the client's resolved profile, and ``ctx.error`` /
    ``ctx.warning`` that make located findings) and yields
    :class:`~massage_routines.findings.Finding` objects. It declares every code it can give,
    so ``massage-routines explain CODE`` can describe it. A rule that raises fails the plan
    with a finding that names it and its plugin.

    :returns: an iterable of :class:`~massage_routines.plugins.records.RuleSpec`.

    Example::

        def no_stones_on_bare_skin(ctx):
            for i, step in ctx.steps():
                if step.technique == "hot_stone" and step.pressure > 2 and step.region.depth == 0:
                    yield ctx.warning("HS001", "broad stone work at more than 2",
                                      ctx.step_path(i, "pressure"))

        @hookimpl
        def massage_rules():
            return [RuleSpec("hot_stone_broad", no_stones_on_bare_skin,
                             codes=(CodeSpec("HS001", "stone-broad", Severity.WARNING, "..."),))]
    """
    raise NotImplementedError


@hookspec
def massage_advice() -> Iterable[AdviceSpec]:
    """Preparation and aftercare: advice for the client before, during and after a session.

    What to return: :class:`~massage_routines.plugins.records.AdviceSpec` records, each with a
    ``name`` (lower_snake, unique across plugins like every record name), ``when``
    (``"before"``, ``"during"`` or ``"after"``), the ``text`` the client reads, a ``source``
    citing where it comes from, and selectors that say whom it is for: ``styles`` (empty: any
    style), ``goals`` (``relaxation``, ``pain_relief``, ``mobility``; empty: any goal) and
    ``conditions`` (empty: every client). A record applies when every selector it gives
    matches: the routine's style is one of ``styles``, the goal it was composed for is one of
    ``goals``, and the client has one of ``conditions``. A plan carries no goal, so advice with
    ``goals`` is given only when the goal is known (``compose`` knows it). ``given_by`` says
    what kind of session it is for: ``"therapist"`` (not shown for a self-applied style such as
    self-massage), ``"self"`` (only for one) or ``None`` (any session).

    When it is called: once per registry, with the other record hooks, one plugin at a time
    (``impl.function()``, as for every record hook: see the module docstring). Advice is never
    computed during ``validate``; :func:`massage_routines.advice` picks the records that fit a
    routine, ``compose`` writes them into the plan's ``advice`` field, and ``render`` shows the
    plan's own advice (or picks it when the plan has none).

    Ordering: the order records are returned in does not matter. Advice is shown grouped by
    ``when`` (before, during, after), then general advice (no selector) before specific advice
    (the fewer selectors, the earlier), then by ``name``; so a plan's advice does not change
    with the order plugins load in.

    Failure: a hook that raises or returns anything but ``AdviceSpec`` records marks its
    plugin failed (reported by name; the others still load), and, as for any plugin problem,
    no plan is valid until the plugin is fixed or deselected. A record whose ``when`` is not one
    of the three, whose text is empty, or whose selectors name a style, goal or condition that
    no plugin provides is a coherence problem of the same kind: advice must never silently
    reach nobody (deselecting the plugin that provides a style makes the advice that names it
    a problem; put advice about your own style or condition in your own plugin).

    Clashes: the name is the record's identity. Two plugins giving advice of the same name are a
    conflict (neither record is used, and the error names both) unless one says
    ``replaces="<plugin>"``, which replaces the other plugin's record and gives every report an
    ``X007`` warning, as for other records.

    :returns: an iterable of :class:`~massage_routines.plugins.records.AdviceSpec`.

    Example::

        @hookimpl
        def massage_advice():
            return [
                AdviceSpec(
                    "hot_stone_tell_heat",
                    "during",
                    "Say at once if a stone feels too hot.",
                    styles=("hot_stone",),
                    source="hot stone training notes",
                )
            ]
    """
    raise NotImplementedError


@hookspec
def massage_reach() -> Iterable[ReachSpec]:
    """Where a person reaches on their own body with a technique (self-applied styles).

    In a style with ``self_applied=True`` (``self_massage``), a step is an error (``S006``)
    unless its technique's reach holds the step's region (the region is at or below one of the
    record's regions). Records for one technique add up, from whichever plugins give them, so a
    plugin may extend the reach of another plugin's technique; a technique with no reach record
    is never self-applied.

    :returns: an iterable of :class:`~massage_routines.plugins.records.ReachSpec`.

    Example::

        @hookimpl
        def massage_reach():
            return [ReachSpec("massage_gun_reach", "massage_gun", ("shoulder", "leg", "glutes"))]
    """
    raise NotImplementedError


@hookspec
def massage_positions() -> Iterable[PositionSpec]:
    """Positions the client can be in, beyond the base ones (``prone``, ``supine``,
    ``side_lying``, ``seated``, which come with the library and cannot be provided again).

    A plan, technique or style may name a position only if some plugin provides it: in a plan
    an unknown position is an error (``V008``, with the nearest known names); in a record it is
    a plugin problem, so the record is reported (``techniques`` and ``validate`` show it).
    Names are lower_snake. The order of the records is the order the plan schema and the
    ``techniques`` command list them (base positions first, then plugins' in load order). Two
    plugins providing the same name is a conflict (neither is used) unless one says
    ``replaces=`` the other; a hook that raises is reported as that plugin's problem.

    :returns: an iterable of :class:`~massage_routines.plugins.records.PositionSpec`.

    Example::

        @hookimpl
        def massage_positions():
            return [PositionSpec("kneeling", "On the knees, on a mat, for floor work.")]
    """
    raise NotImplementedError


@hookspec(firstresult=True)
def massage_compose(request: ComposeRequest, registry: Registry) -> Routine | None:
    """Compose a routine for ``request`` yourself, for a style whose shape is not enough.

    Return ``None`` for requests you do not handle (the first non-``None`` answer wins, and the
    composer's own shape-driven builder runs when every plugin returns ``None``). The composer
    validates whatever is returned and never hands out a routine with an error finding.
    ``request.options`` holds the style options the request gives, already checked against
    the style's :class:`~massage_routines.plugins.records.StyleOption` s
    (:func:`massage_routines.plugins.options.option_values` fills in the defaults).

    :param request: the :class:`~massage_routines.composition.request.ComposeRequest`.
    :param registry: the loaded :class:`~massage_routines.plugins.registry.Registry`.
    """
    raise NotImplementedError
