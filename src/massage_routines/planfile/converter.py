"""The one cattrs converter of the library: model ⇄ plain data, strictly.

Unstructuring writes the canonical forms of the plan format: pressures as integers, durations
in their shortest exact form (``1m30s``), regions and positions as names, a flag without a
reason as its bare region, a condition with no details as its bare name, and no ``None`` or
default values. Structuring goes through the plan reader's own strict structurer (via
:mod:`massage_routines.planfile.data`), so data and files are held to exactly the same rules:
``"no"`` is never ``True``, ``5.9`` is never ``5``, and every problem is reported at once as a
:class:`PlanError` carrying the findings.

cattrs is imported only here, and only when (un)structuring is asked for: the ``validate``
command never pays for it.
"""

from __future__ import annotations

import functools
from typing import Any, TypeVar

import cattrs

from massage_routines.errors import PlanError
from massage_routines.model.client import Client, Condition, Flag
from massage_routines.model.duration import Duration
from massage_routines.model.position import Position
from massage_routines.model.pressure import Pressure
from massage_routines.model.regions import Region
from massage_routines.model.routine import PLAN_FORMAT, Advice, Routine, Step
from massage_routines.planfile.data import to_node
from massage_routines.planfile.structure import Structurer

__all__ = ["PlanError", "converter", "structure", "unstructure"]

T = TypeVar("T")


#: How the plan reader's own, strict structurer builds each class.
_BUILDERS: dict[type, Any] = {
    Routine: lambda s, node: s.plan(node)[0],
    Client: lambda s, node: s.client(node, ()),
    Step: lambda s, node: s.step(node, ()),
    Flag: lambda s, node: s.flag(node, ()),
    Condition: lambda s, node: s.condition(node, ()),
    Advice: lambda s, node: s.advice(node, ()),
    Pressure: lambda s, node: s.pressure(node, ()),
    Duration: lambda s, node: s.duration(node, ()),
    Region: lambda s, node: s.region(node, ()),
    Position: lambda s, node: s.position(node, ()),
}


def _structure(data: object, cls: type) -> Any:
    """``cls`` from plain data, through the plan reader's structurer: every problem at once."""
    structurer = Structurer()
    value = _BUILDERS[cls](structurer, to_node(data))
    if structurer.findings or value is None:
        raise PlanError(tuple(structurer.findings))
    return value


def _strict_bool(data: object, _: type) -> bool:
    if data is True or data is False:
        return data
    raise TypeError(f"expected true or false, not {data!r}")


def _strict_int(data: object, _: type) -> int:
    if type(data) is int:
        return data
    raise TypeError(f"expected a whole number, not {data!r}")


def _strict_str(data: object, _: type) -> str:
    if isinstance(data, str):
        return data
    raise TypeError(f"expected text, not {data!r}")


def _unstructure_flag(flag: Flag) -> object:
    if flag.reason is None:
        return flag.region.name
    return {"region": flag.region.name, "reason": flag.reason}


def _unstructure_condition(condition: Condition) -> object:
    out: dict[str, object] = {"name": condition.name}
    if condition.region is not None:
        out["region"] = condition.region.name
    if condition.trimester is not None:
        out["trimester"] = condition.trimester
    if condition.cleared:
        out["cleared"] = True
    return condition.name if len(out) == 1 else out


def _unstructure_client(client: Client) -> dict[str, object]:
    out: dict[str, object] = {}
    if client.flags:
        out["flags"] = [_unstructure_flag(f) for f in client.flags]
    if client.conditions:
        out["conditions"] = [_unstructure_condition(c) for c in client.conditions]
    if client.max_pressure is not None:
        out["max_pressure"] = int(client.max_pressure)
    if client.preferred_pressure is not None:
        out["preferred_pressure"] = int(client.preferred_pressure)
    if client.areas_of_concern:
        out["areas_of_concern"] = [r.name for r in client.areas_of_concern]
    return out


def _unstructure_step(step: Step) -> dict[str, object]:
    out: dict[str, object] = {
        "technique": step.technique,
        "region": step.region.name,
        "pressure": int(step.pressure),
        "duration": str(step.duration),
    }
    if step.position is not None:
        out["position"] = step.position.value
    if step.notes is not None:
        out["notes"] = step.notes
    return out


def _unstructure_advice(advice: Advice) -> dict[str, object]:
    out: dict[str, object] = {"when": advice.when, "text": advice.text}
    if advice.source is not None:
        out["source"] = advice.source
    return out


def _unstructure_routine(routine: Routine) -> dict[str, object]:
    out: dict[str, object] = {"format": PLAN_FORMAT, "name": routine.name, "style": routine.style}
    if routine.duration is not None:
        out["duration"] = str(routine.duration)
    if routine.position is not None:
        out["position"] = routine.position.value
    if routine.client is not None:
        out["client"] = _unstructure_client(routine.client)
    out["steps"] = [_unstructure_step(s) for s in routine.steps]
    if routine.advice:
        out["advice"] = [_unstructure_advice(a) for a in routine.advice]
    return out


@functools.cache
def converter() -> cattrs.Converter:
    """The library's converter (built once). Use it to nest routines in your own attrs models."""
    conv = cattrs.Converter()
    conv.register_structure_hook(bool, _strict_bool)
    conv.register_structure_hook(int, _strict_int)
    conv.register_structure_hook(str, _strict_str)
    for cls in _BUILDERS:
        conv.register_structure_hook(cls, _structure)
    conv.register_unstructure_hook(Routine, _unstructure_routine)
    conv.register_unstructure_hook(Client, _unstructure_client)
    conv.register_unstructure_hook(Step, _unstructure_step)
    conv.register_unstructure_hook(Flag, _unstructure_flag)
    conv.register_unstructure_hook(Condition, _unstructure_condition)
    conv.register_unstructure_hook(Advice, _unstructure_advice)
    conv.register_unstructure_hook(Pressure, int)
    conv.register_unstructure_hook(Duration, str)
    conv.register_unstructure_hook(Region, lambda r: r.name)
    conv.register_unstructure_hook(Position, lambda p: p.value)
    return conv


def structure(data: object, cls: type[T]) -> T:
    """Plain data → a model value (``Routine``, ``Client``, ``Step`` …), or :class:`PlanError`."""
    return converter().structure(data, cls)


def unstructure(value: object) -> Any:
    """A model value → plain data in the plan format's canonical forms."""
    return converter().unstructure(value)
