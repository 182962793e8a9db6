"""JSON Schemas (Draft 2020-12) of plan files and client profiles, made from the live registry.

The names a plan may use (styles, techniques, conditions, regions) are those the loaded plugins
provide, so a plugin's techniques appear in the schema as they do in ``validate``. Point an
editor's YAML language server at ``python -m massage_routines schema plan`` for completion and
squiggles (docs/editors.md).

The schema is looser than ``validate``, never stricter: every plan it rejects, ``validate``
rejects too (tests check it), but it cannot say what only the safety rules know (a technique's
positions, a condition's contraindications, pressure after warm-up ...). YAML 1.1 surprises
(``yes``, ``1:30``) are read as YAML 1.2 text by the language server, as by the plan reader.

>>> schema = plan_schema()
>>> schema["required"]
['name', 'style', 'steps']
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from massage_routines.model.pressure import PRESSURE_NAMES
from massage_routines.model.routine import PLAN_FORMAT
from massage_routines.planfile.limits import MAX_STEPS

if TYPE_CHECKING:
    from massage_routines.plugins.registry import Registry

DIALECT = "https://json-schema.org/draft/2020-12/schema"
#: A duration as the plan reader takes it: hours, minutes, seconds, each optional, with units.
DURATION_PATTERN = r"^(?=.)(\d+(\.\d+)?h)?(\d+(\.\d+)?(min|m))?(\d+(\.\d+)?s)?$"

Schema = dict[str, Any]


def _nullable(schema: Schema) -> Schema:
    return {"anyOf": [schema, {"type": "null"}]}


def _definitions(registry: Registry) -> Schema:
    conditions = registry.conditions
    needs_region = sorted(n for n, s in conditions.items() if s.region == "required")
    no_region = sorted(n for n, s in conditions.items() if s.region == "none")
    trimester = sorted(n for n, s in conditions.items() if s.trimester)
    bare = sorted(n for n in conditions if n not in needs_region and n not in trimester)
    text = {"type": "string", "minLength": 1}
    return {
        "region": {
            "description": "A body region (dotted, e.g. back.lower); a step on it works it "
            "and every region under it.",
            "enum": list(registry.regions),
        },
        "pressure": {
            "description": "0 (a still hold) to 5 (deepest), or its name.",
            "anyOf": [
                {"type": "integer", "minimum": 0, "maximum": 5},
                {"enum": list(PRESSURE_NAMES)},
            ],
        },
        "duration": {
            "description": "A length of time with its unit: 90s, 5m, 5min, 1m30s, 1h, 2.5m.",
            "type": "string",
            "pattern": DURATION_PATTERN,
        },
        "position": {
            "description": "Where the client is: a position some plugin provides.",
            "enum": [str.__str__(p) for p in registry.positions],
        },
        "technique": {"enum": sorted(registry.techniques)},
        "style": {"enum": sorted(registry.styles)},
        "flag": {
            "description": "A region the therapist must not touch at all (and all under it).",
            "anyOf": [
                {"$ref": "#/$defs/region"},
                {
                    "type": "object",
                    "properties": {
                        "region": {"$ref": "#/$defs/region"},
                        "reason": {"type": ["string", "null"]},
                    },
                    "required": ["region"],
                    "additionalProperties": False,
                },
            ],
        },
        "condition": {
            "description": "A health condition, by name, or with the details it takes.",
            "anyOf": [
                {"enum": bare},
                {
                    "type": "object",
                    "properties": {
                        "name": {"enum": sorted(conditions)},
                        "region": _nullable({"$ref": "#/$defs/region"}),
                        "trimester": _nullable({"type": "integer", "minimum": 1, "maximum": 3}),
                        "cleared": {"type": "boolean"},
                    },
                    "required": ["name"],
                    "additionalProperties": False,
                    "allOf": [
                        _when(
                            needs_region,
                            {
                                "required": ["region"],
                                "properties": {"region": {"$ref": "#/$defs/region"}},
                            },
                        ),
                        _when(no_region, {"properties": {"region": {"type": "null"}}}),
                        _when(
                            trimester,
                            {
                                "required": ["trimester"],
                                "properties": {"trimester": {"type": "integer"}},
                            },
                        ),
                        _when(
                            sorted(set(conditions) - set(trimester)),
                            {"properties": {"trimester": {"type": "null"}}},
                        ),
                    ],
                },
            ],
        },
        "client": {
            "description": "Who is on the table: regions not to touch, health conditions, "
            "a pressure cap, and the client's preferences.",
            "type": "object",
            "properties": {
                "flags": _nullable({"type": "array", "items": {"$ref": "#/$defs/flag"}}),
                "conditions": _nullable({"type": "array", "items": {"$ref": "#/$defs/condition"}}),
                "max_pressure": _nullable({"$ref": "#/$defs/pressure"}),
                "preferred_pressure": _nullable(
                    {
                        "$ref": "#/$defs/pressure",
                        "description": "The pressure the client would like (a wish, not a "
                        "limit: the composer works at it where the limits allow).",
                    }
                ),
                "areas_of_concern": _nullable(
                    {
                        "type": "array",
                        "items": {"$ref": "#/$defs/region"},
                        "description": "Regions the client wants worked on (the composer's "
                        "focus when a request names none).",
                    }
                ),
            },
            "additionalProperties": False,
        },
        "step": {
            "type": "object",
            "properties": {
                "technique": {"$ref": "#/$defs/technique"},
                "region": {"$ref": "#/$defs/region"},
                "pressure": {"$ref": "#/$defs/pressure"},
                "duration": {"$ref": "#/$defs/duration"},
                "position": _nullable({"$ref": "#/$defs/position"}),
                "notes": {"type": ["string", "null"]},
            },
            "required": ["technique", "region", "pressure", "duration"],
            "additionalProperties": False,
        },
        "text": text,
    }


def _when(names: list[str], then: Schema) -> Schema:
    """``then`` applies to a condition whose name is one of ``names``."""
    return {"if": {"properties": {"name": {"enum": names}}}, "then": then}


def plan_schema(registry: Registry | None = None) -> Schema:
    """The JSON Schema of a plan file, with the names ``registry`` (default: the installed
    plugins') provides."""
    from massage_routines.plugins.registry import default_registry

    registry = registry or default_registry()
    return {
        "$schema": DIALECT,
        "title": "massage_routines plan (massage-routine/1)",
        "description": "A massage routine: a style, a position and steps, and who it is for.",
        "type": "object",
        "properties": {
            "format": _nullable({"const": PLAN_FORMAT}),
            "name": {"$ref": "#/$defs/text"},
            "style": {"$ref": "#/$defs/style"},
            "duration": _nullable({"$ref": "#/$defs/duration"}),
            "position": _nullable({"$ref": "#/$defs/position"}),
            "client": _nullable({"$ref": "#/$defs/client"}),
            "steps": {
                "type": "array",
                "items": {"$ref": "#/$defs/step"},
                "minItems": 1,
                "maxItems": MAX_STEPS,
            },
        },
        "required": ["name", "style", "steps"],
        "additionalProperties": False,
        "$defs": _definitions(registry),
    }


def client_schema(registry: Registry | None = None) -> Schema:
    """The JSON Schema of a client profile file (a plan's ``client`` block on its own)."""
    from massage_routines.plugins.registry import default_registry

    registry = registry or default_registry()
    return {
        "$schema": DIALECT,
        "title": "massage_routines client profile",
        "$ref": "#/$defs/client",
        "$defs": _definitions(registry),
    }
