"""The example plans of the finding codes: one way to write them, from a few parameters.

Every code a rule declares carries a plan that gets it and a near-identical plan that does not
(:class:`~massage_routines.plugins.records.CodeSpec`); ``massage-routines explain`` and
docs/rules.md show them, and the tests run them. They are built here, so that the plan format
is written once and each example says only how it differs from the usual "Back care" session:

>>> text = plan(step_text("effleurage", "back"), step_text("petrissage", "back.upper", 3))
>>> print(text, end="")
name: Back care
style: swedish
position: prone
steps:
  - technique: effleurage
    region: back
    pressure: 2
    duration: 10m
  - technique: petrissage
    region: back.upper
    pressure: 3
    duration: 10m
"""

from __future__ import annotations

from collections.abc import Mapping


def step_text(
    technique: str,
    region: str,
    pressure: int = 2,
    duration: str = "10m",
    position: str | None = None,
) -> str:
    """The plan text of one step (an item of ``steps:``)."""
    own = f"    position: {position}\n" if position is not None else ""
    return (
        f"  - technique: {technique}\n"
        f"    region: {region}\n"
        f"    pressure: {pressure}\n"
        f"    duration: {duration}\n{own}"
    )


#: The step most examples start with: broad, light strokes on the whole back.
WARM_BACK = step_text("effleurage", "back")


def plan(
    *steps: str,
    name: str = "Back care",
    style: str = "swedish",
    position: str | None = "prone",
    duration: str | None = None,
    client: str = "",
) -> str:
    """A plan's text: its name, style, position (None: none), duration, client, then steps."""
    out = f"name: {name}\nstyle: {style}\n"
    if position is not None:
        out += f"position: {position}\n"
    if duration is not None:
        out += f"duration: {duration}\n"
    return out + client + "steps:\n" + "".join(steps)


def back_care(
    *steps: str,
    style: str = "swedish",
    position: str | None = "prone",
    duration: str | None = None,
    client: str = "",
) -> str:
    """A "Back care" plan: :data:`WARM_BACK`, then ``steps`` (the rest as :func:`plan`)."""
    return plan(WARM_BACK, *steps, style=style, position=position, duration=duration, client=client)


#: A condition of an example client: its name, or a mapping of its details.
ConditionItem = str | Mapping[str, object]


def conditions_block(*items: ConditionItem) -> str:
    """A ``client:`` block with these conditions: a name, or a mapping of its details."""
    return "client:\n  conditions:\n" + "".join(_item(item) for item in items)


def client_block(**details: object) -> str:
    """A ``client:`` block with scalar ``details`` (``max_pressure=2``) or lists (``flags``)."""
    out = "client:\n"
    for key, value in details.items():
        if isinstance(value, (list, tuple)):
            out += f"  {key}:\n" + "".join(f"    - {item}\n" for item in value)
        else:
            out += f"  {key}: {value}\n"
    return out


def _item(item: ConditionItem) -> str:
    if isinstance(item, str):
        return f"    - {item}\n"
    return _mapping(item)


def _mapping(details: Mapping[str, object]) -> str:
    lines = [f"{key}: {_scalar(value)}" for key, value in details.items()]
    return "    - " + "\n      ".join(lines) + "\n"


def _scalar(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
