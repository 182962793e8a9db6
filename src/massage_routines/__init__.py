"""massage_routines: compose massage routines and check them for safety.

The public API, importable from here (each name is loaded on first use, so ``import
massage_routines`` costs almost nothing):

Model (frozen attrs classes)
    :class:`Routine`, :class:`Step`, :class:`Client`, :class:`Flag`, :class:`Condition`,
    :class:`Advice` (a plan's preparation and aftercare), :class:`Region`, :class:`RegionTree`,
    :class:`Pressure`, :class:`Duration`, :class:`Position`, ``BASE_REGIONS``, ``PLAN_FORMAT``.
Reading and writing plan files
    :func:`read_plan_text`, :func:`read_plan_bytes`, :func:`read_plan_file` (→ :class:`ReadResult`
    with every located finding), :func:`load_routine` (→ a routine, or :class:`PlanError`),
    :func:`write_plan`, :func:`save_plan`, :func:`structure` / :func:`unstructure` (plain data,
    through the library's one cattrs converter).
Validation
    :func:`validate` (a routine built in code), :func:`validate_text`, :func:`validate_file`,
    :func:`validate_data` (a plan as plain data, a JSON body: one call, a file's codes and
    paths, each also as a tuple ``Finding.path_parts``) → :class:`Report` of :class:`Finding`
    objects (:class:`Severity`); :func:`plan_schema` and :func:`client_schema`, JSON Schemas of
    plan files and client profiles (for editors).
Limits (for apps and devices)
    :func:`limits` (a client → :class:`ClientLimits`: for every region, whether it is off
    limits, the highest pressure, the techniques, families and positions not allowed, each with
    its reason; :class:`RegionLimits` per region).
Composition
    :func:`compose` (:class:`ComposeRequest` → a routine that validates, or :class:`ComposeError`),
    :func:`compose_with_adaptations` (→ :class:`Composition`: the routine and the
    :class:`Adaptation` records saying what was changed for the client, and why).
Preparation and aftercare
    :func:`advice` (the plugins' :class:`AdviceSpec` records that fit a routine's style, client
    and, when known, goal; in the order a sheet shows them), :func:`with_advice` (the routine
    with its ``advice`` field filled, as ``compose`` hands it out).
Rendering (what people see)
    :func:`render_html` (a self-contained session sheet: timeline, body map, pressure chart,
    preparation and aftercare; a "Not safe as written" banner on a plan that fails the check),
    :func:`render_markdown`, :func:`render_svg` (the body map and the chart).
Errors
    :class:`MassageRoutinesError` is the base of every error the library raises on purpose
    (:class:`PlanError`, :class:`ComposeError`, :class:`DurationError`); each is also a
    ``ValueError``, and each pickles to an equal error (so it crosses process boundaries).
Plugins
    :data:`hookimpl`, :class:`Registry`, :func:`default_registry`, :func:`build_registry`, and the
    records plugins return: :class:`TechniqueSpec`, :class:`StyleSpec` (with its
    :class:`StyleOption` s), :class:`ConditionSpec`, :class:`SiteSpec`, :class:`RegionSpec`,
    :class:`RuleSpec`, :class:`CodeSpec`, :class:`AdviceSpec`, :class:`ReachSpec`
    (where a person reaches on themselves), :class:`PositionSpec` (a position plans may use);
    :class:`PluginProblem` (what is wrong with a plugin, with its ``exception``) and
    ``PLUGIN_API_VERSION`` (what ``massage_routines_api`` ranges are checked against).

Example::

    from massage_routines import ComposeRequest, Duration, compose, validate, write_plan

    routine = compose(ComposeRequest("swedish", Duration.parse("30m")))
    assert validate(routine).valid
    print(write_plan(routine))
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

#: The version, written only here: pyproject.toml reads it (``[tool.hatch.version]``).
__version__ = "0.1.0"

_EXPORTS: dict[str, str] = {
    # model
    "BASE_REGIONS": "massage_routines.model.regions",
    "Region": "massage_routines.model.regions",
    "RegionTree": "massage_routines.model.regions",
    "Pressure": "massage_routines.model.pressure",
    "Duration": "massage_routines.model.duration",
    "DurationError": "massage_routines.errors",
    "Position": "massage_routines.model.position",
    "Step": "massage_routines.model.routine",
    "Routine": "massage_routines.model.routine",
    "PLAN_FORMAT": "massage_routines.model.routine",
    "Client": "massage_routines.model.client",
    "Flag": "massage_routines.model.client",
    "Condition": "massage_routines.model.client",
    "Advice": "massage_routines.model.routine",
    # findings
    "Finding": "massage_routines.findings",
    "Report": "massage_routines.findings",
    "Severity": "massage_routines.findings",
    # reading and writing
    "ReadResult": "massage_routines.planfile.reader",
    "read_plan_text": "massage_routines.planfile.reader",
    "read_plan_bytes": "massage_routines.planfile.reader",
    "read_plan_file": "massage_routines.planfile.reader",
    "load_routine": "massage_routines.planfile.loading",
    "write_plan": "massage_routines.planfile.writer",
    "save_plan": "massage_routines.planfile.writer",
    "structure": "massage_routines.planfile.converter",
    "unstructure": "massage_routines.planfile.converter",
    "PlanError": "massage_routines.errors",
    "MassageRoutinesError": "massage_routines.errors",
    # validation
    "validate": "massage_routines.validation.engine",
    "validate_text": "massage_routines.validation.engine",
    "validate_file": "massage_routines.validation.engine",
    "validate_data": "massage_routines.validation.engine",
    "plan_schema": "massage_routines.schema",
    "client_schema": "massage_routines.schema",
    # limits
    "limits": "massage_routines.client_limits",
    "ClientLimits": "massage_routines.client_limits",
    "RegionLimits": "massage_routines.client_limits",
    # composition
    "compose": "massage_routines.composition.composer",
    "compose_with_adaptations": "massage_routines.composition.composer",
    "Composition": "massage_routines.composition.composer",
    "Adaptation": "massage_routines.composition.adaptations",
    "ComposeRequest": "massage_routines.composition.request",
    "ComposeError": "massage_routines.errors",
    # preparation and aftercare
    "advice": "massage_routines.client_advice",
    "with_advice": "massage_routines.client_advice",
    # rendering
    "render_html": "massage_routines.render.html",
    "render_markdown": "massage_routines.render.markdown",
    "render_svg": "massage_routines.render.svg",
    # plugins
    "hookimpl": "massage_routines.plugins.markers",
    "Registry": "massage_routines.plugins.registry",
    "default_registry": "massage_routines.plugins.registry",
    "build_registry": "massage_routines.plugins.registry",
    "TechniqueSpec": "massage_routines.plugins.records",
    "StyleSpec": "massage_routines.plugins.records",
    "ConditionSpec": "massage_routines.plugins.records",
    "SiteSpec": "massage_routines.plugins.records",
    "RegionSpec": "massage_routines.plugins.records",
    "RuleSpec": "massage_routines.plugins.records",
    "CodeSpec": "massage_routines.plugins.records",
    "AdviceSpec": "massage_routines.plugins.records",
    "StyleOption": "massage_routines.plugins.records",
    "PluginProblem": "massage_routines.plugins.loading",
    "PLUGIN_API_VERSION": "massage_routines.plugins.api",
    "ReachSpec": "massage_routines.plugins.records",
    "PositionSpec": "massage_routines.plugins.records",
}

#: Derived from _EXPORTS, so the public names are written once (and once more for type
#: checkers below).
__all__ = sorted(_EXPORTS)  # noqa: PLE0605


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'massage_routines' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return [*globals(), *__all__]


if TYPE_CHECKING:
    # What the lazy names are, for type checkers: ``X as X`` re-exports them (mypy --strict
    # cannot read a computed __all__), one ``from`` per module (isort would write one statement
    # per ``as`` name, hence the noqa). tests/test_public_api.py checks they are _EXPORTS.
    from massage_routines.client_advice import (  # noqa: I001
        advice as advice,
        with_advice as with_advice,
    )
    from massage_routines.client_limits import (
        ClientLimits as ClientLimits,
        limits as limits,
        RegionLimits as RegionLimits,
    )
    from massage_routines.composition.adaptations import Adaptation as Adaptation
    from massage_routines.composition.composer import (
        compose as compose,
        compose_with_adaptations as compose_with_adaptations,
        Composition as Composition,
    )
    from massage_routines.composition.request import ComposeRequest as ComposeRequest
    from massage_routines.errors import (
        ComposeError as ComposeError,
        DurationError as DurationError,
        MassageRoutinesError as MassageRoutinesError,
        PlanError as PlanError,
    )
    from massage_routines.findings import Finding as Finding, Report as Report, Severity as Severity
    from massage_routines.model.client import Client as Client, Condition as Condition, Flag as Flag
    from massage_routines.model.duration import Duration as Duration
    from massage_routines.model.position import Position as Position
    from massage_routines.model.pressure import Pressure as Pressure
    from massage_routines.model.regions import (
        BASE_REGIONS as BASE_REGIONS,
        Region as Region,
        RegionTree as RegionTree,
    )
    from massage_routines.model.routine import (
        PLAN_FORMAT as PLAN_FORMAT,
        Advice as Advice,
        Routine as Routine,
        Step as Step,
    )
    from massage_routines.planfile.converter import (
        structure as structure,
        unstructure as unstructure,
    )
    from massage_routines.planfile.loading import load_routine as load_routine
    from massage_routines.planfile.reader import (
        read_plan_bytes as read_plan_bytes,
        read_plan_file as read_plan_file,
        read_plan_text as read_plan_text,
        ReadResult as ReadResult,
    )
    from massage_routines.planfile.writer import save_plan as save_plan, write_plan as write_plan
    from massage_routines.plugins.api import PLUGIN_API_VERSION as PLUGIN_API_VERSION
    from massage_routines.plugins.loading import PluginProblem as PluginProblem
    from massage_routines.plugins.markers import hookimpl as hookimpl
    from massage_routines.plugins.records import (
        AdviceSpec as AdviceSpec,
        CodeSpec as CodeSpec,
        ConditionSpec as ConditionSpec,
        PositionSpec as PositionSpec,
        ReachSpec as ReachSpec,
        RegionSpec as RegionSpec,
        RuleSpec as RuleSpec,
        SiteSpec as SiteSpec,
        StyleOption as StyleOption,
        StyleSpec as StyleSpec,
        TechniqueSpec as TechniqueSpec,
    )
    from massage_routines.plugins.registry import (
        build_registry as build_registry,
        default_registry as default_registry,
        Registry as Registry,
    )
    from massage_routines.render.html import render_html as render_html
    from massage_routines.render.markdown import render_markdown as render_markdown
    from massage_routines.render.svg import render_svg as render_svg
    from massage_routines.schema import client_schema as client_schema, plan_schema as plan_schema
    from massage_routines.validation.engine import (
        validate as validate,
        validate_data as validate_data,
        validate_file as validate_file,
        validate_text as validate_text,
    )
