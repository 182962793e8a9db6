"""Plan values in words a person reads: ``leg.left.calf`` → "left calf", ``3`` → "medium (3)".

Region words come from the region names themselves (no table of every region): a side
(``left``/``right``) goes first, a qualifier such as ``upper`` goes before its body part, and a
region a plugin adds below the base tree is named with its parent in brackets
("rhomboids (upper back)"), so every name has words and no two regions share them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from massage_routines.model.position import Position
from massage_routines.model.regions import BASE_REGIONS

if TYPE_CHECKING:
    from massage_routines.model.client import Client, Condition, Flag
    from massage_routines.model.duration import Duration
    from massage_routines.model.pressure import Pressure

_SIDES = ("left", "right")
#: Segments that qualify the body part above them: ``back.upper`` is the "upper back".
_QUALIFIERS = frozenset({"upper", "middle", "lower"})
#: Words for segments whose name does not read well as it is; ``{side}`` is "left " or "".
_SEGMENT_WORDS = {
    "knee_back": "back of the {side}knee",
    "axilla": "{side}armpit",
    "posterior": "back of the neck",
    "anterior": "front of the neck",
}
#: A body part that comes in pairs, as a step on both of them reads.
_PLURALS = {
    "arm": "arms",
    "leg": "legs",
    "hand": "hands",
    "foot": "feet",
    "shoulder": "shoulders",
}
_BASE = frozenset(BASE_REGIONS)


def _segment(word: str, side: str) -> str:
    template = _SEGMENT_WORDS.get(word)
    if template is not None:
        return template.format(side=f"{side} " if side else "")
    plain = word.replace("_", " ")
    return f"{side} {plain}" if side else plain


def region_words(name: str) -> str:
    """A region name in words: ``leg.left.calf`` → "left calf", ``back.upper`` → "upper back",
    ``leg`` → "legs", ``back.upper.rhomboids`` → "rhomboids (upper back)"."""
    parts = name.split(".")
    if len(parts) == 1:
        return _PLURALS.get(name, name.replace("_", " "))
    if name not in _BASE:
        return f"{_segment(parts[-1], '')} ({region_words('.'.join(parts[:-1]))})"
    side = next((p for p in parts if p in _SIDES), "")
    rest = [p for p in parts if p not in _SIDES]
    if len(rest) == 1:
        return _segment(rest[0], side)
    last = rest[-1]
    if last in _QUALIFIERS:
        return f"{_segment(last, side)} {rest[-2].replace('_', ' ')}"
    if last in _SEGMENT_WORDS and side == "":
        return _segment(last, "")
    return _segment(last, side)


def pressure_words(level: Pressure) -> str:
    """``Pressure.MEDIUM`` → "medium (3)"."""
    return f"{level.label} ({int(level)})"


_POSITION_WORDS = {
    Position.PRONE: "face down (prone)",
    Position.SUPINE: "face up (supine)",
    Position.SIDE_LYING: "on one side (side-lying)",
    Position.SEATED: "seated in the chair",
    Position.STANDING: "standing (against a wall)",
}


def position_words(position: Position | None) -> str:
    """Where the client is: "face down (prone)"; "not given" when the plan does not say."""
    if position is None:
        return "not given"
    return _POSITION_WORDS.get(position) or position.replace("_", " ")


def position_short(position: Position | None) -> str:
    """The position in one word, as the timeline shows it: "prone", "side-lying"."""
    return "—" if position is None else position.value.replace("_", "-")


def clock(milliseconds: int) -> str:
    """A time from the start of the session: ``0:00``, ``12:30``, ``1:02:05``."""
    seconds, millis = divmod(milliseconds, 1000)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    text = f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
    return f"{text}.{millis:03d}".rstrip("0") if millis else text


def minutes_words(duration: Duration) -> str:
    """A duration as the sheet shows it: "3 min", "3 min 15 s", "15 s"."""
    minutes, millis = divmod(duration.milliseconds, 60_000)
    seconds = f"{millis / 1000:g} s" if millis else ""
    if not minutes:
        return seconds
    return f"{minutes} min {seconds}".rstrip()


def flag_words(flag: Flag) -> str:
    """ "right calf (bruise)"."""
    reason = f" ({flag.reason})" if flag.reason else ""
    return f"{region_words(flag.region.name)}{reason}"


def condition_words(condition: Condition) -> str:
    """ "pregnancy, trimester 2", "lymph node removal at the left arm, cleared by a clinician"."""
    out = condition.name.replace("_", " ")
    if condition.region is not None:
        out += f" at the {region_words(condition.region.name)}"
    if condition.trimester is not None:
        out += f", trimester {condition.trimester}"
    if condition.cleared:
        out += ", cleared by a clinician"
    return out


def client_lines(client: Client | None) -> list[tuple[str, list[str]]]:
    """The client in words, as (heading, items) pairs; empty items are left out."""
    if client is None:
        return []
    out: list[tuple[str, list[str]]] = []
    if client.flags:
        out.append(("Do not touch", [flag_words(f) for f in client.flags]))
    if client.conditions:
        out.append(("Conditions", [condition_words(c) for c in client.conditions]))
    if client.max_pressure is not None:
        out.append(("Pressure", [f"at most {pressure_words(client.max_pressure)} everywhere"]))
    preferences = getattr(client, "preferences", None)  # a field a later format may add
    if preferences:
        items = preferences if isinstance(preferences, (list, tuple)) else [preferences]
        out.append(("Preferences", [str(p) for p in items]))
    return out
