"""A style's options in a request: checked against the style, and the shape they select.

A :class:`~massage_routines.plugins.records.StyleSpec` declares its options
(:class:`~massage_routines.plugins.records.StyleOption`: a name, the allowed values, a default);
a :class:`~massage_routines.composition.request.ComposeRequest` gives some of them. An option
the style does not have, or a value it does not allow, is a mistake in the request, said with
the nearest name ("did you mean"); options not given take their default. The blocks of the
style's shape whose ``when`` does not hold for the values are left out.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

if TYPE_CHECKING:
    from collections.abc import Mapping

    from massage_routines.plugins.records import StyleSpec


def _suggest(word: str, choices: list[str]) -> str:
    from massage_routines.planfile.structure import suggest

    return suggest(word, choices)


def option_problems(style: StyleSpec, options: Mapping[str, str]) -> list[str]:
    """What is wrong with ``options`` for ``style``, as messages (``[]``: nothing)."""
    problems = []
    names = [o.name for o in style.options]
    for key, value in options.items():
        option = style.option(key)
        if option is None:
            have = ", ".join(names) if names else "none"
            problems.append(
                f"the style {style.name!r} has no option {key!r}{_suggest(key, names)}; "
                f"its options are {have}"
            )
        elif value not in option.values:
            problems.append(
                f"the option {key!r} of the style {style.name!r} is one of "
                f"{', '.join(option.values)}, not {value!r}{_suggest(value, list(option.values))}"
            )
    return problems


def option_values(style: StyleSpec, options: Mapping[str, str]) -> dict[str, str]:
    """Every option of ``style``: the value given, else the default."""
    return {o.name: options.get(o.name, o.default) for o in style.options}


def shaped(style: StyleSpec, options: Mapping[str, str]) -> StyleSpec:
    """``style`` with only the blocks of its shape whose ``when`` holds for ``options``."""
    if not any(block.when for block in style.shape.blocks):
        return style
    values = option_values(style, options)
    blocks = tuple(b for b in style.shape.blocks if b.applies(values))
    return attrs.evolve(style, shape=attrs.evolve(style.shape, blocks=blocks))
